"""Atomic file writes (a reader never sees a half-written file), and links that fall back to copies."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it over ``path``. An OSError names
    ``path`` (a full disk fails the write of the temporary file, which names no file at all)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """Hard-link ``target`` to ``source``: no bytes written. A copy where the link cannot be made:
    another file system, or one without hard links (FAT, exFAT, some network and FUSE mounts)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """Write atomically unless the file already holds these bytes; return whether it wrote.

    Leaving unchanged files alone keeps their mtimes, so rsync, Pages and editors see no change.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.stat().st_size == len(raw) and path.read_bytes() == raw:
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, raw)
    return True


def relative_to_root(path: Path, root: Path) -> str:
    """``path`` as the user knows it: relative to the project root (POSIX), else absolute; a
    symbolic link named as itself, not as the file it leads to, and so is a file in a linked folder
    (``content/articles/feeds/x.txt``, not where ``feeds`` leads) when the path is in the root as
    written."""
    with contextlib.suppress(ValueError):
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    where = path.parent.resolve() / path.name if path.name not in ("", "..") else path.resolve()
    try:
        return where.relative_to(root.resolve()).as_posix()
    except ValueError:
        return where.as_posix()


def cannot_read(path: Path, exc: OSError) -> str:
    """What to say of a file that could not be read: a broken link names where it led (a folder
    moved, a drive not mounted), which "No such file or directory" leaves the reader to find."""
    why = exc.strerror or str(exc)
    with contextlib.suppress(OSError):
        if path.is_symlink() and not path.exists():
            why = f"it links to {os.readlink(path)}, which is not there"
    return f"cannot be read: {why}"
