"""What the user sees while work runs: a progress bar on a terminal, plain lines otherwise.

Problems go to stderr as ``error: FILE:LINE: message`` / ``warning: ...`` so scripts can parse
them; the one summary line of a run goes to stdout.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

from generator.model import Failure

T = TypeVar("T")

QUIET, NORMAL, VERBOSE = 0, 1, 2


class Reporter:
    def __init__(
        self,
        verbosity: int = NORMAL,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.verbosity = verbosity
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.warnings = 0

    @property
    def interactive(self) -> bool:
        return self.verbosity >= NORMAL and self.err.isatty()

    def progress(self, items: Iterable[T], total: int, label: str) -> Iterator[T]:
        """Yield ``items``, showing a bar on a terminal for work long enough to watch."""
        if not self.interactive or total < 50:
            yield from items
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        )
        with Progress(*columns, transient=True) as bar:
            task = bar.add_task(label, total=total)
            for item in items:
                yield item
                bar.advance(task)

    def info(self, message: str) -> None:
        """Detail shown with --verbose only."""
        if self.verbosity >= VERBOSE:
            print(message, file=self.err)

    def warn(self, message: str) -> None:
        self.warnings += 1
        if self.verbosity >= NORMAL:
            print(f"warning: {message}", file=self.err)

    def failure(self, failure: Failure) -> None:
        # Failures are shown even with --quiet: the user must learn what was skipped.
        print(f"error: {failure}", file=self.err)

    def error(self, message: str) -> None:
        print(f"error: {message}", file=self.err)

    def summary(self, line: str) -> None:
        if self.verbosity >= NORMAL:
            print(line, file=self.out)
