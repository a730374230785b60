"""The timeline: every brief on one dated line, oldest at the top, each marked with its primary pillar.

Each pillar gets one of a fixed set of colours (``tone``, by its position in the config, cycling), used
for the marker on the line; the pillar's name is always printed beside it, so colour is never the
only cue. The colours themselves live in the stylesheet (``.tone-0`` ... ``.tone-9``).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.site.structure import BriefCard, SiteModel

TONES = 10


@dataclass(frozen=True)
class TimelineEntry:
    card: BriefCard
    pillar: str  # primary pillar's title
    tone: int  # 0 .. TONES-1


@dataclass(frozen=True)
class TimelineMonth:
    key: str  # "2025-07", the heading's id
    title: str  # "July 2025"
    entries: tuple[TimelineEntry, ...]


@dataclass(frozen=True)
class LegendItem:
    title: str
    tone: int


def tones(model: SiteModel) -> dict[str, int]:
    return {g.slug: i % TONES for i, g in enumerate(model.pillars)}


def legend(model: SiteModel) -> tuple[LegendItem, ...]:
    tone = tones(model)
    return tuple(LegendItem(g.title, tone[g.slug]) for g in model.pillars if g.briefs)


def plan_timeline(model: SiteModel) -> tuple[TimelineMonth, ...]:
    """Months oldest first, briefs in each oldest first: a line read top to bottom, as time runs."""
    tone = tones(model)
    months = []
    for month in reversed(model.months):
        entries = []
        for slug in reversed(month.briefs):
            card = model.card(slug)
            primary = card.pillars[0]
            entries.append(TimelineEntry(card, primary.title, tone[primary.slug]))
        months.append(TimelineMonth(month.key, month.title, tuple(entries)))
    return tuple(months)
