"""One build at a time per project: a second build waits for the first, then gives up clearly."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import BuildLockedError
from generator.progress import Reporter

LOCK_NAME = ".briefing.lock"


@contextmanager
def project_lock(root: Path, reporter: Reporter, wait_seconds: float = 120.0) -> Iterator[None]:
    """Hold an exclusive lock on ``root/.briefing.lock`` for the duration of the block.

    flock is released by the kernel when the process dies, so a killed build never leaves a stale lock.
    """
    path = root / LOCK_NAME
    with open(path, "a+") as handle:
        deadline = time.monotonic() + wait_seconds
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    reporter.warn(f"another build is running in {root} (pid {holder}); waiting for it")
                    told = True
                if time.monotonic() > deadline:
                    raise BuildLockedError(
                        f"another build still holds {path} after {wait_seconds:.0f} s; "
                        "try again when it has finished"
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
