"""Old brief addresses kept alive: ``redirects.yaml`` (beside the briefs folder) maps the slug of a
brief that is gone to the slug of the brief that took its story, and the render makes a small page
at the old address (``briefs/<old>/``) that sends readers on.

Ingest keeps the file: when a story moves to a new brief (an earlier copy with another headline
came in, so the story's slug changed) it adds ``old: new`` and re-points the entries that led to the
old slug, so no chain forms; when a brief goes because its articles are gone, the entries leading
to it go too. Analysts may add their own (a brief renamed or merged by hand). It is content, like
the briefs: a clean build of the same files makes the same site.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import cache, yaml_keys
from generator.brief_file import SLUG_RE
from generator.errors import InputError
from generator.fileio import write_if_changed

HEADER = (
    "# Old brief addresses and the briefs they lead to now, one per line: old-slug: new-slug.\n"
    "# briefing ingest adds a line when a story moves to a new brief; you may add your own.\n"
)


def read(path: Path) -> dict[str, str]:
    """The file's entries, sorted by old slug; none when there is no file. Raises InputError
    naming the file, the line and the problem."""
    return parse(path, read_bytes(path))


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes; None when there is none."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from None


def parse(path: Path, raw: bytes | None) -> dict[str, str]:
    """``read``, of bytes already read (``raw``, None for no file)."""
    if raw is None:
        return {}
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
    try:
        data = yaml_keys.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise InputError(path, f"not valid YAML ({getattr(exc, 'problem', exc)})", line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(path, "expected one 'old-slug: new-slug' line per moved brief", 1)
    entries: dict[str, str] = {}
    for old, new in data.items():
        if not (isinstance(old, str) and SLUG_RE.match(old) and isinstance(new, str) and SLUG_RE.match(new)):
            raise InputError(
                path,
                f"{old!r}: {new!r}: expected two brief slugs (lower-case ASCII letters, digits and "
                "hyphens; quote one that YAML would read as a number or a date)",
                _line(text, str(old)),
            )
        if old == new:
            raise InputError(path, f"{old}: leads to itself", _line(text, old))
        entries[old] = new
    return dict(sorted(entries.items()))


def digest(raw: bytes | None) -> str:
    """What the file holds (``read_bytes``), for the kept plan: "" when there is none."""
    return cache.sha256(raw) if raw is not None else ""


def _line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip("\"'").startswith(key):
            return number
    return None


def dump(entries: Mapping[str, str]) -> str:
    lines = [f"{_scalar(old)}: {_scalar(new)}\n" for old, new in sorted(entries.items())]
    return HEADER + "".join(lines)


def _scalar(slug: str) -> str:
    # A slug of digits, or "true", reads back as another type unless quoted.
    return slug if yaml.safe_load(slug) == slug else f'"{slug}"'


@dataclass
class Moves:
    """What one ingest run did to brief addresses: briefs whose story moved, briefs that went."""

    moved: dict[str, str] = field(default_factory=dict)  # old slug -> the slug that has its story
    gone: set[str] = field(default_factory=set)  # slugs whose briefs went with their articles


def record(path: Path, moves: Moves) -> None:
    """Update the file with one run's moves. An unreadable file is left as it is (InputError,
    naming it); one the moves do not change is not rewritten. An analyst's lines stay as they are
    written, comments and order included: see ``edit``."""
    raw = read_bytes(path)
    entries = parse(path, raw)
    updated = apply(entries, moves)
    if updated != entries:
        text = raw.decode("utf-8-sig") if raw is not None else ""
        write_if_changed(path, edit(text, entries, updated))


# One entry on one line, as ``dump`` and most people write it: `old: new  # a comment`.
_ENTRY = re.compile(r"^(?P<q>[\"']?)(?P<old>[a-z0-9-]+)(?P=q)\s*:\s*[^\s#]+(?P<rest>\s*(?:#.*)?)$")


def edit(text: str, before: Mapping[str, str], after: Mapping[str, str]) -> str:
    """``text`` (the file, holding ``before``) made to hold ``after``: the line of an entry whose
    target changed is rewritten (its comment kept), that of an entry dropped deleted, and new
    entries appended in order; every other line stays. A file not written one ``old: new`` line
    per entry (YAML's flow style, say) is written afresh (``dump``)."""
    lines = text.splitlines()
    found = {m["old"]: (i, m["rest"]) for i, line in enumerate(lines) if (m := _ENTRY.match(line))}
    if not text.strip() or found.keys() != before.keys():
        return dump(after)
    dropped: set[int] = set()
    for old, (number, rest) in found.items():
        if old not in after:
            dropped.add(number)
        elif after[old] != before[old]:
            lines[number] = f"{_scalar(old)}: {_scalar(after[old])}{rest}"
    kept = [line for number, line in enumerate(lines) if number not in dropped]
    added = [f"{_scalar(old)}: {_scalar(new)}" for old, new in sorted(after.items()) if old not in found]
    return "".join(f"{line}\n" for line in [*kept, *added])


def apply(entries: Mapping[str, str], moves: Moves) -> dict[str, str]:
    """``entries`` after ``moves``: each moved slug leads to its story's brief, and so does every
    entry that led to it; entries leading to a brief that went are dropped."""
    result = dict(entries)
    for old, new in moves.moved.items():
        for key, target in result.items():
            if target == old:
                result[key] = new
        result[old] = new
    return {old: new for old, new in sorted(result.items()) if new not in moves.gone and old != new}


@dataclass(frozen=True)
class Resolved:
    """The redirect pages to make, and the entries that lead nowhere."""

    pages: dict[str, str]  # old slug -> the published slug it leads to
    dangling: list[tuple[str, str]]  # (old slug, the slug it names), which no published brief has


def resolve(entries: Mapping[str, str], published: Collection[str]) -> Resolved:
    """An old slug that is a published brief again needs no page: the brief is there. A chain
    (hand-written) is followed to its end."""
    pages: dict[str, str] = {}
    dangling: list[tuple[str, str]] = []
    for old, new in entries.items():
        if old in published:
            continue
        target, seen = new, {old}
        while target not in published and target in entries and target not in seen:
            seen.add(target)
            target = entries[target]
        if target in published:
            pages[old] = target
        else:
            dangling.append((old, new))
    return Resolved(pages, dangling)
