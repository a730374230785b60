"""``briefing new``: a brief of the analyst's own, started in the briefs folder as a draft.

The file is named as ingest names a brief (``YYYY-MM-DD-title-words.md``), carries the keys an
analyst fills in, and has no checksum: it is a hand-written brief, which ingest never touches. It
is a draft (not published) until ``draft: true`` is taken out.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import yaml

from generator.brief_file import ISO_EXAMPLE, as_datetime
from generator.config import Config
from generator.errors import UsageError, did_you_mean
from generator.fileio import relative_to_root


def start_brief(config: Config, title: str, when: str | None, pillars: list[str]) -> Path:
    """Write the new brief's file and return its path; UsageError for a title, date or pillar that
    cannot be, or a brief of that name already there."""
    from generator.ingest.slugs import base_slug  # the transliteration tables: only for this command

    title = " ".join(title.split())
    if not title:
        raise UsageError("new: the title is empty")
    tz = config.site.tz
    date = datetime.now(tz).replace(second=0, microsecond=0) if when is None else as_datetime(when, tz)
    if date is None:
        raise UsageError(f"new: --date: expected {ISO_EXAMPLE}, or a date such as 2025-07-01, got {when!r}")
    for slug in pillars:
        if slug not in config.pillar_by_slug:
            hint = did_you_mean(slug, config.pillar_by_slug)
            known = ", ".join(config.pillar_by_slug)
            raise UsageError(f"new: --pillar {slug}: no such pillar ({hint}pillars: {known})")
    meta = {
        "title": title,
        "date": date.isoformat(),
        "summary": "",
        "pillars": list(dict.fromkeys(pillars)),
        "tags": [],
        "draft": True,
    }
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
    front = front.replace("draft: true\n", "draft: true  # not published until this line goes\n")
    path = config.paths.briefs / f"{base_slug(title, date.date())}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # "x": never over a brief already there, even one written a moment ago by another command
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(f"---\n{front}---\n\n")
    except FileExistsError:
        where = relative_to_root(path, config.root)
        raise UsageError(f"new: {where} is there already (give the brief another title)") from None
    return path
