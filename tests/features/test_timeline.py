"""The timeline: every brief once, on one dated line, oldest first, its pillar named beside its colour."""

from __future__ import annotations

import re

from render.helpers import TEMPLATES, Built, select

from generator.site.load import load_briefs
from generator.site.timeline import TONES


def test_every_brief_once_oldest_first_with_its_pillar_named(site: Built) -> None:
    briefs = load_briefs(site.config).briefs  # newest first
    doc = site.html("timeline/index.html")
    entries = select(doc, ".tl-entry")
    assert [e.find(".//a").get("href") for e in entries] == [f"../briefs/{b.slug}/" for b in reversed(briefs)]
    titles = {p.slug: p.title for p in site.config.pillars}
    for entry, brief in zip(entries, reversed(briefs), strict=True):
        # Colour is never the only cue: the pillar's name is printed beside the marker.
        assert entry.find(".//*[@class='tl-pillar']").text_content() == titles[brief.pillars[0]]
        assert entry.find(".//time").get("datetime") == brief.date.isoformat()


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_pillar_colours_stand_out_from_the_background_in_light_and_dark() -> None:
    css = (TEMPLATES / "static" / "style.css").read_text(encoding="utf-8")
    split = css.index("@media (prefers-color-scheme: dark) {\n  .tone-0")
    light_part, dark_part = css[:split], css[split:]
    light = re.findall(r"\.tone-(\d+) \{ --tone: (#[0-9a-f]{6}); \}", light_part)
    dark = re.findall(r"\.tone-(\d+) \{ --tone: (#[0-9a-f]{6}); \}", dark_part)
    assert len(light) == len(dark) == TONES
    # The marker is a graphic beside the pillar's name (WCAG 1.4.11 asks 3:1); we hold it to 4.5:1.
    assert all(_contrast(c, "#ffffff") >= 4.5 for _, c in light), light
    assert all(_contrast(c, "#121416") >= 4.5 for _, c in dark), dark
