"""What the user sees while work runs: a progress bar on a terminal, plain lines otherwise.

Problems go to stderr as ``error: FILE:LINE: message`` / ``warning: ...`` so scripts can parse
them; the one summary line of a run goes to stdout.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from generator.model import Failure

if TYPE_CHECKING:
    from rich.progress import Progress

QUIET, NORMAL, VERBOSE = 0, 1, 2
MIN_PROGRESS = 50  # items of work below which no bar is shown: it would only flicker
REFRESH = 0.1  # seconds between redraws of a bar


def _nothing(done: int) -> None:
    pass


FIRST_WARNINGS = 5  # warnings of one kind said one by one (``Reporter.warn_first``); the rest counted


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
        self._bar: Progress | None = None  # the bar on the terminal now, which messages go above

    @property
    def interactive(self) -> bool:
        return self.verbosity >= NORMAL and self.err.isatty()

    @contextmanager
    def task(self, label: str, total: int) -> Iterator[Callable[[int], None]]:
        """A progress bar for ``total`` items of work, on a terminal and when there is enough work to
        watch; yields ``advance(n)``, to call as items are done (elsewhere it does nothing).

        The bar is redrawn by ``advance``, at most ten times a second, not by rich's own thread: the
        work forks worker processes, which must not inherit a thread holding the terminal's lock.
        """
        if not self.interactive or total < MIN_PROGRESS or self._bar is not None:
            yield _nothing
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        console = Console(file=self.err, force_terminal=True)
        with Progress(*columns, console=console, transient=True, auto_refresh=False) as bar:
            task = bar.add_task(label, total=total)
            bar.refresh()
            shown = time.monotonic()

            def advance(done: int) -> None:
                nonlocal shown
                bar.advance(task, done)
                if time.monotonic() - shown >= REFRESH:
                    bar.refresh()
                    shown = time.monotonic()

            self._bar = bar
            try:
                yield advance
                bar.refresh()
            finally:
                self._bar = None

    def info(self, message: str) -> None:
        """Detail shown with --verbose only."""
        if self.verbosity >= VERBOSE:
            self._say(message)

    def warn(self, message: str) -> None:
        self.warnings += 1
        if self.verbosity >= NORMAL:
            self._say(f"warning: {message}")

    def warn_first(self, messages: Sequence[str], rest: Callable[[int], str]) -> None:
        """The first ``FIRST_WARNINGS`` warnings, then one counting the others (``rest(count)``):
        hundreds of files of one kind are not a screenful."""
        for message in messages[:FIRST_WARNINGS]:
            self.warn(message)
        if len(messages) > FIRST_WARNINGS:
            self.warn(rest(len(messages) - FIRST_WARNINGS))

    def failure(self, failure: Failure) -> None:
        # Failures are shown even with --quiet: the user must learn what was skipped.
        self._say(f"error: {failure}")

    def error(self, message: str) -> None:
        self._say(f"error: {message}")

    def summary(self, line: str) -> None:
        if self.verbosity >= NORMAL:
            print(line, file=self.out)

    def _say(self, line: str) -> None:
        """One line on stderr; above the progress bar while one is shown."""
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.err)
