"""Write the whole site into a staging folder beside the output, then swap it in.

The swap exchanges the staging folder and the output in one ``renameat2(RENAME_EXCHANGE)`` call
where Linux offers it (two renames elsewhere), so a render that fails or is killed before the swap
leaves the previous site untouched, and pages of deleted briefs cannot survive (nothing is carried
over from the old tree but what this build wrote).

No byte is written twice: a file whose bytes equal the live site's is hard-linked from it
(``os.link``: no data written, same inode, so its modification time stays and rsync sees no
change). The caller may say a file is unchanged without rendering it (``keep``) when the build
cache knows its digest. The old tree is moved aside and deleted after the swap; a large one is
deleted by a detached process so the build returns at once (a leftover is removed by the next build).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import secrets
import shutil
import subprocess
from pathlib import Path
from types import TracebackType

from generator.errors import BriefingError

# Below this many files the old tree is deleted in-process: quick, and nothing outlives the build.
BACKGROUND_DELETE_FILES = 2000
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class WriteError(BriefingError):
    """The site could not be written or swapped in."""


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where the call is not available."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system cannot exchange
            return False
        raise OSError(errno, os.strerror(errno), str(a))
    return True


class StagedSite:
    def __init__(self, output: Path, live: dict[str, str] | None = None) -> None:
        """``live``: relative path -> digest of the files in the live site, when the cache knows them."""
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
        self.live = live if output.is_dir() else None
        self.files: dict[str, str] = {}  # relative path -> digest of what this build staged
        self.changed = 0
        self._folders: set[str] = {""}

    def _remove_leftovers(self) -> None:
        # Left by a build that was killed mid-way; the build lock means none is in use now.
        for prefix in (f".{self.output.name}.new-", f".{self.output.name}.old-"):
            for stale in self.parent.glob(prefix + "*"):
                shutil.rmtree(stale, ignore_errors=True)

    def _folder_for(self, relative: str) -> None:
        folder = relative.rpartition("/")[0]
        if folder not in self._folders:
            (self.staging / folder).mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)

    def _link_live(self, relative: str) -> bool:
        try:
            os.link(self.output / relative, self.staging / relative)
        except OSError:
            return False
        return True

    def write(self, relative: str, data: bytes) -> None:
        hashed = digest(data)
        self.files[relative] = hashed
        self._folder_for(relative)
        if self.live is not None:
            same = self.live.get(relative) == hashed
        else:
            previous = self.output / relative
            try:
                same = previous.stat().st_size == len(data) and previous.read_bytes() == data
            except OSError:
                same = False
        if same and self._link_live(relative):
            return
        _write(self.staging / relative, data)
        self.changed += 1

    def keep(self, relative: str, hashed: str) -> bool:
        """Carry over an unchanged file from the live site; False if it is not there to link."""
        if self.live is None or self.live.get(relative) != hashed:
            return False
        self._folder_for(relative)
        if not self._link_live(relative):
            return False
        self.files[relative] = hashed
        return True

    def adopt(self, folder: str) -> None:
        """Record files another tool wrote into the staging folder (the search index)."""
        root = self.staging / folder
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            self.files[path.relative_to(self.staging).as_posix()] = digest(path.read_bytes())

    def commit(self) -> None:
        try:
            if self.output.exists():
                if _exchange(self.staging, self.output):
                    os.rename(self.staging, self.backup)  # now holds the old site
                else:
                    os.rename(self.output, self.backup)
                    try:
                        os.rename(self.staging, self.output)
                    except OSError:
                        os.rename(self.backup, self.output)
                        raise
                self._delete_old(self.backup)
            else:
                os.rename(self.staging, self.output)
        except OSError as exc:
            self.discard()
            raise WriteError(f"{self.output}: could not swap the new site in: {exc}") from exc

    def _delete_old(self, folder: Path) -> None:
        if self.live is None or len(self.live) < BACKGROUND_DELETE_FILES:
            shutil.rmtree(folder, ignore_errors=True)
            return
        try:  # a detached `rm` deletes the old tree while the build returns; the next build sweeps leftovers
            subprocess.Popen(
                ["rm", "-rf", "--", str(folder)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def __enter__(self) -> StagedSite:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is not None:
            self.discard()


def _write(path: Path, data: bytes) -> None:
    # os.open/os.write: three system calls where Path.write_bytes makes six; 10,000 pages notice.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
