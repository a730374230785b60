"""Writing briefs: atomic, only when changed, never over a hand-edited brief unless forced."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.brief_file import dump_brief, is_hand_edited
from generator.fileio import write_atomic, write_if_changed
from generator.ingest import slugs
from generator.model import Brief

_SLUG_LINE = re.compile(r"^slug:\s*['\"]?(?P<slug>[a-z0-9-]+)['\"]?\s*$", re.MULTILINE)
_FILE_LINE = re.compile(r"^\s+(?:-\s+)?file:\s*['\"]?(?P<file>[^'\"\n]+?)['\"]?\s*$", re.MULTILINE)


@dataclass
class WriteResult:
    written: int = 0
    kept_edited: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)


def existing_slugs(briefs_dir: Path) -> dict[str, str]:
    """Source file -> slug of the brief already holding it (a cheap scan, no YAML parsing)."""
    found: dict[str, str] = {}
    if not briefs_dir.is_dir():
        return found
    for path in sorted(briefs_dir.glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for file, name in slug_claims(path, text):
            found.setdefault(file, name)
    return found


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


def brief_path(briefs_dir: Path, slug: str) -> Path:
    if not slugs.is_safe(slug):
        raise ValueError(f"unsafe slug {slug!r}")
    path = briefs_dir / f"{slug}.md"
    if path.resolve().parent != briefs_dir.resolve():
        raise ValueError(f"slug {slug!r} leaves the briefs folder")
    return path


def write_briefs(briefs: Sequence[Brief], briefs_dir: Path, force: bool) -> WriteResult:
    result = WriteResult()
    for brief in briefs:
        path = brief_path(briefs_dir, brief.slug)
        text = dump_brief(brief)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raw = None
        current = raw.decode("utf-8", errors="replace") if raw is not None else None
        if raw is not None and current is not None and current != text and is_hand_edited(current):
            if not force:
                result.kept_edited.append(path)
                continue
            backup = backup_path(path, current)
            write_if_changed(backup, raw)
            result.backups.append(backup)
            write_atomic(path, text)
            result.written += 1
            continue
        if write_if_changed(path, text):
            result.written += 1
    return result
