"""Exceptions that carry what a user needs to fix the problem."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path


def did_you_mean(word: object, names: Iterable[str]) -> str:
    """``"did you mean 'x'? "`` for the name ``word`` is likely a typo of; "" when none is close."""
    close = difflib.get_close_matches(str(word), sorted(names), n=1, cutoff=0.8)
    return f"did you mean {close[0]!r}? " if close else ""


def unknown_key(key: object, known: Iterable[str]) -> str:
    """The problem with a key no schema has (a config's, a brief's)."""
    names = sorted(known)  # once: ``known`` may be an iterator
    return f"unknown key ({did_you_mean(key, names)}known keys: {', '.join(names)})"


class BriefingError(Exception):
    """Base class: every error we raise on purpose."""


class ConfigError(BriefingError):
    """The config file is unusable; ``problems`` lists every problem found, not just the first."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{path}: invalid configuration:\n{lines}")


class InputError(BriefingError):
    """One input file (article or brief) is unusable."""

    def __init__(self, file: Path, message: str, line: int | None = None) -> None:
        self.file = file
        self.message = message
        self.line = line
        where = f"{file}:{line}" if line else str(file)
        super().__init__(f"{where}: {message}")


class BuildLockedError(BriefingError):
    """Another build holds the project's lock."""


class UsageError(BriefingError):
    """The command line asks for something that cannot be (a port already in use): exit status 2."""
