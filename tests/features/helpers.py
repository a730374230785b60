"""Helpers for the feature tests: briefs that name people, and reading the built site."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from generator.brief_file import dump_brief
from generator.model import Brief, Quote, Source

FEATURE_URL = "https://someone.github.io/india-us-briefing/"

# Named in three briefs (so they get a page though not on the watch list), and one named in only two.
FREQUENT = "Kurt Campbell"
RARE = "Two Timer"


def people_briefs() -> list[Brief]:
    briefs = []
    for day in (3, 4, 5):
        date = datetime.fromisoformat(f"2025-09-0{day}T10:00:00+05:30")
        people = [FREQUENT, "Rajnath Singh"] + ([RARE] if day < 5 else [])
        briefs.append(
            Brief(
                slug=f"2025-09-0{day}-people-brief-{day}",
                title=f"People brief {day}",
                date=date,
                body=f"Body of people brief {day}, which names {FREQUENT}.",
                summary=f"Summary of people brief {day}.",
                pillars=["logistics"],
                people=people,
                # Quoted under an alias: the watch list makes it Rajnath Singh's quote.
                quotes=[Quote("Singh", f"Quote number {day} from the minister.")],
                sources=[Source(name="People Wire", url=f"https://news.example.org/p{day}", published=date)],
            )
        )
    return briefs


def write_people_briefs(into: Path, base: Path) -> Path:
    shutil.copytree(base, into)
    for brief in people_briefs():
        (into / f"{brief.slug}.md").write_text(dump_brief(brief), encoding="utf-8")
    return into
