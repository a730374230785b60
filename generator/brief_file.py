"""The brief file format: YAML front matter between ``---`` lines, then the Markdown body.

Ingest writes briefs with ``dump_brief``; render reads them with ``parse_brief``. A generated brief
carries ``checksum``, the SHA-256 of the file as written minus that line: if the file no longer
matches it, an analyst has edited it by hand and ingest must leave it alone.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from generator import characters, yaml_keys
from generator.config import LANGUAGE_TAG
from generator.errors import InputError, unknown_key
from generator.fileio import cannot_read
from generator.model import Brief, Quote, Source

try:  # libyaml is ~10x faster; fall back to pure Python where it is missing
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CHECKSUM_KEY = "checksum"
_CHECKSUM_LINE = re.compile(rf"^{CHECKSUM_KEY}: \S+\n", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)
KNOWN_KEYS = {
    "title", "date", "updated", "slug", "lang", "standfirst", "summary", "pillars", "people", "tags",
    "key_points", "quotes", "sources", "draft", CHECKSUM_KEY,
}  # fmt: skip
SOURCE_KEYS = ("name", "file", "url", "byline", "published", "sha256")
ISO_EXAMPLE = "an ISO 8601 date-time such as 2025-07-01T22:10:00+05:30"


def _checksum(text_without_checksum: str) -> str:
    return "sha256:" + hashlib.sha256(text_without_checksum.encode("utf-8")).hexdigest()


def _iso(value: datetime) -> str:
    return value.isoformat()


def dump_brief(brief: Brief) -> str:
    """The brief as file text, with its checksum line; the same brief always gives the same bytes."""
    meta: dict[str, Any] = {
        "title": brief.title,
        "date": _iso(brief.date),
    }
    if brief.updated:
        meta["updated"] = _iso(brief.updated)
    meta["slug"] = brief.slug
    if brief.lang:
        meta["lang"] = brief.lang
    if brief.standfirst:
        meta["standfirst"] = brief.standfirst
    meta["summary"] = brief.summary
    meta["pillars"] = list(brief.pillars)
    meta["people"] = list(brief.people)
    meta["tags"] = list(brief.tags)
    meta["key_points"] = list(brief.key_points)
    meta["quotes"] = [{"speaker": q.speaker, "text": q.text} for q in brief.quotes]
    sources = []
    for s in brief.sources:
        entry = {"name": s.name, "file": s.file, "url": s.url, "byline": s.byline}
        entry["published"] = _iso(s.published) if s.published else None
        entry["sha256"] = s.sha256
        sources.append({k: v for k, v in entry.items() if v is not None})
    meta["sources"] = sources
    if brief.draft:
        meta["draft"] = True
    front = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    text = f"---\n{front}---\n\n{brief.body.strip()}\n"
    return text.replace("---\n\n", f"{CHECKSUM_KEY}: {_checksum(text)}\n---\n\n", 1)


def is_hand_edited(text: str) -> bool:
    """True when the file is not exactly what ``dump_brief`` wrote (or has no checksum at all)."""
    match = _CHECKSUM_LINE.search(text)
    if not match:
        return True
    stripped = text[: match.start()] + text[match.end() :]
    return match.group(0).split(" ", 1)[1].strip() != _checksum(stripped)


def _key_line(front: str, key: str) -> int | None:
    """The 1-based line of a top-level key inside the file (front matter starts on line 2)."""
    for number, line in enumerate(front.splitlines(), start=2):
        if line.startswith(f"{key}:"):
            return number
    return None


def as_datetime(value: Any, tz: ZoneInfo) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), tzinfo=tz)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)
    return None


def _strings(value: Any) -> list[str] | None:
    """The items of a list key, stripped, each once; a blank one (``tags: [""]``) is nothing, and is
    left out: it made an empty key point, an empty tag link and a page for a tag with no name. A
    person listed twice was named twice on the page ("Rajnath Singh, Rajnath Singh")."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return list(dict.fromkeys(text for text in (str(v).strip() for v in value) if text))
    return None


def parse_brief(text: str, path: Path, tz: ZoneInfo) -> Brief:
    """Parse one brief file; raise InputError naming the file, line and problem."""
    match = _FRONT_MATTER.match(text)
    if not match:
        raise InputError(
            path,
            "no front matter: a brief starts with a '---' line, then YAML, then '---'",
            1,
        )
    front = match.group(1)
    try:
        meta = yaml_keys.load(front)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else None
        raise InputError(
            path,
            f"front matter is not valid YAML ({getattr(exc, 'problem', exc)})",
            line,
        ) from None
    if not isinstance(meta, dict):
        raise InputError(path, "front matter must be a mapping of keys (title: ..., date: ...)", 2)

    def fail(key: str, message: str) -> InputError:
        return InputError(path, f"{key}: {message}", _key_line(front, key))

    unknown = sorted(str(k) for k in meta if k not in KNOWN_KEYS)
    if unknown:
        raise fail(unknown[0], unknown_key(unknown[0], KNOWN_KEYS))
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise InputError(path, "title: required, a non-empty string", _key_line(front, "title") or 2)
    if "date" not in meta:
        raise InputError(path, "date: required (e.g. 2025-07-01T22:10:00+05:30)", 2)
    when = as_datetime(meta["date"], tz)
    if when is None:
        raise fail("date", f"expected {ISO_EXAMPLE}, got {meta['date']!r}")
    updated = None
    if meta.get("updated") is not None:
        updated = as_datetime(meta["updated"], tz)
        if updated is None:
            raise fail("updated", f"expected {ISO_EXAMPLE}, got {meta['updated']!r}")
        if updated < when:  # a typo in the year, most likely: it would say the brief changed before it was
            raise fail("updated", f"{_iso(updated)} is before the brief's date, {_iso(when)}")
    slug = meta.get("slug", path.stem)
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        raise fail(
            "slug",
            f"expected lower-case ASCII letters, digits and hyphens (no '/' or '..'), got {slug!r}",
        )
    lang = meta.get("lang")
    if lang is not None and not (isinstance(lang, str) and LANGUAGE_TAG.fullmatch(lang)):
        raise fail("lang", f"expected a language tag such as 'hi' or 'zh-Hans', got {lang!r}")
    lists: dict[str, list[str]] = {}
    for key in ("pillars", "people", "tags", "key_points"):
        value = meta.get(key)
        if isinstance(value, str) and key != "key_points":
            # "tags: Quad, Malabar" is two tags, as Pelican reads it: it was one, "Quad, Malabar"
            value = value.split(",")
        values = _strings(value)
        if values is None:
            raise fail(key, "expected a list of strings")
        lists[key] = values
    for key in ("summary", "standfirst"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            raise fail(key, "expected a string")
    quotes = []
    for item in meta.get("quotes") or []:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise fail("quotes", "expected a list of {speaker, text} mappings")
        if isinstance(item.get("speaker"), (list, dict)):  # it was shown as "['A', 'B']"
            raise fail("quotes", f"speaker: expected a name, got {item['speaker']!r}")
        if item["text"].strip():
            quotes.append(Quote(speaker=str(item.get("speaker") or "").strip(), text=item["text"].strip()))
    sources = []
    for item in meta.get("sources") or []:
        if not isinstance(item, dict):
            raise fail("sources", f"expected a list of {{{', '.join(SOURCE_KEYS)}}} mappings")
        # An analyst's own source: a key mistyped (``link:``), or a date not read, was dropped unsaid.
        unknown = sorted(str(k) for k in item if k not in SOURCE_KEYS)
        if unknown:
            raise fail("sources", f"{unknown[0]}: {unknown_key(unknown[0], SOURCE_KEYS)}")
        published = as_datetime(item.get("published"), tz)
        if published is None and item.get("published") is not None:
            raise fail("sources", f"published: expected {ISO_EXAMPLE}, got {item['published']!r}")
        listed = next((k for k in SOURCE_KEYS if isinstance(item.get(k), (list, dict))), None)
        if listed is not None:  # it was shown as "['A', 'B']"
            raise fail("sources", f"{listed}: expected one value, got {item[listed]!r}")
        given = {k: str(item[k]) for k in SOURCE_KEYS if k != "published" and item.get(k) is not None}
        sources.append(Source(**given, published=published))
    draft = yaml_keys.as_bool(meta.get("draft", False))
    if draft is None:
        raise fail("draft", "expected true or false")
    unfit = characters.find_unfit(text[match.end() :])  # the front matter's are YAML errors
    if unfit:
        line = text.count("\n", 0, match.end() + unfit.start()) + 1
        raise InputError(path, characters.problem(unfit[0]), line)
    return Brief(
        slug=slug,
        title=title.strip(),
        date=when,
        body=text[match.end() :].strip() + "\n",
        updated=updated,
        lang=lang,
        summary=(meta.get("summary") or "").strip(),
        standfirst=(meta.get("standfirst") or "").strip() or None,
        pillars=lists["pillars"],
        people=lists["people"],
        tags=lists["tags"],
        key_points=lists["key_points"],
        quotes=quotes,
        sources=sources,
        draft=draft,
        path=path,
    )


def read_brief(path: Path, tz: ZoneInfo) -> Brief:
    """Read and parse a brief file."""
    try:
        data = path.read_bytes()
    except OSError as exc:  # a broken link, a folder named like a brief, a file gone since the scan
        raise InputError(path, cannot_read(path, exc)) from None
    return parse_brief_bytes(data, path, tz)


def parse_brief_bytes(data: bytes, path: Path, tz: ZoneInfo) -> Brief:
    """Parse a brief file's bytes (already read, e.g. to hash them too)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
    return parse_brief(text.replace("\r\n", "\n"), path, tz)
