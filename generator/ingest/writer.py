"""Writing briefs: atomic, only when changed, never over a hand-edited brief unless forced."""

from __future__ import annotations

import errno
import hashlib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator import cache
from generator.brief_file import dump_brief, is_hand_edited
from generator.fileio import write_atomic, write_if_changed
from generator.ingest import slugs
from generator.model import Brief


class Known(Protocol):
    """What the last run recorded of a brief (incremental.BriefRecord)."""

    stat: cache.Stat
    claims: list[tuple[str, str]]


# The machine's, not one brief's: the next brief would fail the same way, so the run stops at once
# and says so in one line, where a failure per brief would repeat it for every brief.
MACHINE_WIDE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO})

_SLUG_LINE = re.compile(r"^slug:\s*['\"]?(?P<slug>[a-z0-9-]+)['\"]?\s*$", re.MULTILINE)
# A source's file: "  file: ..." under its name, or "- file: ..." when it has no name (it comes first).
_FILE_LINE = re.compile(r"^\s*(?:-\s+)?file:\s*['\"]?(?P<file>[^'\"\n]+?)['\"]?\s*$", re.MULTILINE)


@dataclass
class WriteResult:
    written: int = 0
    kept_edited: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)
    failed: list[BriefWrite] = field(default_factory=list)


def existing_slugs(
    stats: Mapping[str, cache.Stat], known: Mapping[str, Known] | None = None
) -> dict[str, str]:
    """Source file -> slug of the brief already holding it (a cheap scan, no YAML parsing).

    ``stats``: the briefs folder's files with their (size, mtime) (``inputs.brief_stats``).
    ``known``: brief path -> what the last run recorded of it (``stat``, ``claims``); a brief whose
    stat is still the recorded one is not read again.
    """
    found: dict[str, str] = {}
    for name in sorted(stats):
        record = known.get(name) if known else None
        claims = record.claims if record is not None and record.stat == stats[name] else None
        if claims is None:
            claims = claims_in(Path(name))
        for file, slug in claims:
            found.setdefault(file, slug)
    return found


def claims_in(path: Path) -> list[tuple[str, str]]:
    """``slug_claims`` of the brief file ``path``; none when it cannot be read."""
    try:
        return slug_claims(path, path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []


def slug_claims(path: Path, text: str) -> list[tuple[str, str]]:
    """(source file, slug) pairs one brief contributes to ``existing_slugs``."""
    front = text.split("\n---", 1)[0]
    slug = _SLUG_LINE.search(front)
    name = slug["slug"] if slug else path.stem
    return [(match["file"], name) for match in _FILE_LINE.finditer(front)]


def backup_path(path: Path, text: str) -> Path:
    """``<slug>.md.bak-<hash>``: beside the brief, never matched by ``*.md``."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return path.with_name(f"{path.name}.bak-{digest}")


def brief_paths(briefs_dir: Path, names: Sequence[str]) -> list[str]:
    """``<slug>.md`` in the briefs folder for each slug, as ``str(briefs_dir / ...)`` names it (10,000
    Paths cost ~0.03 s to make and as much to hash); raises ValueError for one that would leave it."""
    for slug in names:
        if not slugs.is_safe(slug):
            raise ValueError(f"unsafe slug {slug!r}")
    folder = str(briefs_dir)
    return [os.path.join(folder, f"{slug}.md") for slug in names]


def links_out(briefs_dir: Path, paths: Sequence[str]) -> set[str]:
    """Those of ``paths`` (in the briefs folder) that are symbolic links leading out of it: written
    through, they would change a file elsewhere. A safe slug has no separator, so only such a link
    can lead out. The links are found in one listing (10,000 ``islink`` calls cost 0.1 s) and only
    they are resolved (10,000 resolves cost a second)."""
    try:
        with os.scandir(briefs_dir) as entries:
            links = {entry.name for entry in entries if entry.is_symlink()}
    except OSError:  # not there yet: nothing in it leads anywhere
        return set()
    if not links:
        return set()
    folder = briefs_dir.resolve()
    return {
        path for path in paths if os.path.basename(path) in links and Path(path).resolve().parent != folder
    }


@dataclass(frozen=True)
class BriefWrite:
    """What writing one brief did, and the file as it was left (for the next run's plan)."""

    path: Path
    written: bool = False
    kept_edited: bool = False
    backup: Path | None = None
    stat: cache.Stat | None = None  # None: the file is not there
    sha: str = ""
    claims: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""  # why it could not be written (the file is as it was)


def write_brief(brief: Brief, path: Path, force: bool) -> BriefWrite:
    """Write one brief unless it already holds these bytes, or was edited by hand (kept unless forced).

    A brief that cannot be written (a folder in its place, a file not writable) is a failure of its
    own, in ``error``: the other briefs are still written. A full or read-only disk raises.
    """
    try:
        return _write_brief(brief, path, force)
    except OSError as exc:
        if exc.errno in MACHINE_WIDE:
            raise
        return BriefWrite(path, error=f"cannot be written: {exc.strerror or exc}")


def _write_brief(brief: Brief, path: Path, force: bool) -> BriefWrite:
    text = dump_brief(brief)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raw = None
    current = raw.decode("utf-8", errors="replace") if raw is not None else None
    kept, backup = False, None
    if raw is not None and current is not None and current != text and is_hand_edited(current):
        if force:
            backup = backup_path(path, current)
            write_if_changed(backup, raw)
            write_atomic(path, text)
            written = True
        else:
            kept, written = True, False
    else:
        written = write_if_changed(path, text)
    try:
        st = os.stat(path)
    except OSError:
        return BriefWrite(path, written, kept, backup)
    left = raw if kept and raw is not None else text.encode("utf-8")
    claims = slug_claims(path, left.decode("utf-8", errors="replace"))
    stat = (st.st_size, st.st_mtime_ns)
    return BriefWrite(path, written, kept, backup, stat, cache.sha256(left), claims)


def collect(writes: Iterable[BriefWrite]) -> WriteResult:
    """The writes of many briefs, in order, as one result."""
    result = WriteResult()
    for write in writes:
        if write.error:
            result.failed.append(write)
        result.written += write.written
        if write.kept_edited:
            result.kept_edited.append(write.path)
        if write.backup is not None:
            result.backups.append(write.backup)
    return result
