"""Write the whole site into a staging folder beside the output, then swap it in.

The swap is two renames (old -> backup, staging -> output) and a delete of the backup, so a render
that fails before the swap leaves the previous site untouched, and pages of deleted briefs cannot
survive (nothing is carried over from the old tree). Files whose bytes did not change keep their
old modification time, so rsync and friends see no change.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from types import TracebackType

from generator.errors import BriefingError


class WriteError(BriefingError):
    """The site could not be written or swapped in."""


class StagedSite:
    def __init__(self, output: Path) -> None:
        self.output = output
        self.parent = output.parent
        self.parent.mkdir(parents=True, exist_ok=True)
        if output.exists() and not output.is_dir():
            raise WriteError(
                f"{output}: exists and is not a folder; remove it or choose another paths.output"
            )
        self._remove_leftovers()
        token = secrets.token_hex(4)
        # os.mkdir (unlike mkdtemp's 0700) honours the umask, so the served site stays readable.
        self.staging = self.parent / f".{output.name}.new-{token}"
        self.backup = self.parent / f".{output.name}.old-{token}"
        self.staging.mkdir()
        self.changed = 0
        self.files = 0

    def _remove_leftovers(self) -> None:
        # Left by a build that was killed mid-way; the build lock means none is in use now.
        for prefix in (f".{self.output.name}.new-", f".{self.output.name}.old-"):
            for stale in self.parent.glob(prefix + "*"):
                shutil.rmtree(stale, ignore_errors=True)

    def write(self, relative: str, data: bytes) -> None:
        target = self.staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.files += 1
        previous = self.output / relative
        try:
            stat = previous.stat()
            same = stat.st_size == len(data) and previous.read_bytes() == data
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            same = False
        if same:
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        else:
            self.changed += 1

    def commit(self) -> None:
        try:
            if self.output.exists():
                os.rename(self.output, self.backup)
                try:
                    os.rename(self.staging, self.output)
                except OSError:
                    os.rename(self.backup, self.output)
                    raise
                shutil.rmtree(self.backup, ignore_errors=True)
            else:
                os.rename(self.staging, self.output)
        except OSError as exc:
            self.discard()
            raise WriteError(f"{self.output}: could not swap the new site in: {exc}") from exc

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def __enter__(self) -> StagedSite:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is not None:
            self.discard()
