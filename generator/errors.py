"""Exceptions that carry what a user needs to fix the problem."""

from __future__ import annotations

from pathlib import Path


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
