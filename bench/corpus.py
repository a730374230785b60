"""Deterministic synthetic corpora for the benchmark: N raw article dumps and N briefs.

    python bench/corpus.py N OUT [--seed S]

writes a self-contained project in OUT:

    OUT/briefing.yaml          config with the corpus's pillar taxonomy
    OUT/articles/NNNNN.txt     raw dumps in the sample format (header, headline, standfirst, byline,
                               lead paragraphs repeated as scrapers do, then site chrome)
    OUT/briefs/<slug>.md       the same stories as briefs (front matter + Markdown), for render timings

Only the standard library is used; the same N and seed give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

IST = timezone(timedelta(hours=5, minutes=30))
FIRST_DAY = datetime(2023, 1, 1, tzinfo=IST)
DAYS = 3 * 365

PILLARS = {
    "maritime-security": (
        "Maritime security",
        ["maritime security", "coastal surveillance", "anti-piracy patrols"],
    ),
    "defence-industry": ("Defence industry", ["co-production", "technology transfer", "defence exports"]),
    "counter-terrorism": ("Counter-terrorism", ["counter-terrorism cooperation", "terror financing"]),
    "joint-exercises": ("Joint exercises", ["joint exercises", "interoperability", "training exchanges"]),
    "logistics": ("Logistics", ["logistics support", "supply chain resilience", "spare parts"]),
    "intelligence": ("Intelligence", ["intelligence sharing", "threat assessments", "early warning"]),
    "space-and-cyber": ("Space and cyber", ["space situational awareness", "cyber defence"]),
    "diplomacy": ("Diplomacy", ["strategic dialogue", "bilateral ties", "defence diplomacy"]),
}
PARTNERS = ["France", "Japan", "Australia", "Indonesia", "Vietnam", "Singapore", "Philippines", "Kenya"]
OUTLETS = ["Example Wire", "The Example Times", "Example Defence Review", "Daily Example"]
ACTORS = ["The defence ministry", "Senior officials", "Both navies", "A joint working group", "The two sides"]
ACTIONS = ["reviewed", "agreed to expand", "discussed", "stressed the need for", "set up a mechanism for"]
SETTINGS = [
    "in New Delhi on Tuesday",
    "at the annual dialogue",
    "during a three-day visit",
    "over the next year",
]
CHROME = [
    "For All Latest Updates",
    "Quick Links / Policies",
    "Get Us On",
    "Example App for iOSExample App for Android",
    "Copyright © 2025 Example Media Pvt. Ltd., All Rights Reserved.",
]


def _sentence(rng: random.Random, topic: str, partner: str) -> str:
    return f"{rng.choice(ACTORS)} {rng.choice(ACTIONS)} {topic} with {partner} {rng.choice(SETTINGS)}."


def _paragraph(rng: random.Random, topics: list[str], partner: str) -> str:
    return " ".join(_sentence(rng, rng.choice(topics), partner) for _ in range(rng.randint(3, 5)))


def _slugify(text: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-").split("-")[:8])


def _story(rng: random.Random, index: int) -> dict:
    pillar = rng.choice(list(PILLARS))
    title, topics = PILLARS[pillar]
    partner = rng.choice(PARTNERS)
    when = FIRST_DAY + timedelta(
        days=rng.randrange(DAYS), hours=rng.randint(6, 22), minutes=rng.randrange(60)
    )
    headline = f"Talk {index}: India, {partner} step up {rng.choice(topics)}"
    paras = [_paragraph(rng, topics, partner) for _ in range(rng.randint(5, 9))]
    quote = f"We are committed to deepening {rng.choice(topics)} with {partner}"
    paras.insert(2, f'"{quote}," the defence minister said.')
    return {
        "pillar": pillar,
        "when": when,
        "headline": headline,
        "standfirst": f"Officials said the talks covered {topics[0]} and {topics[-1]}.",
        "paras": paras,
        "quote": quote,
        "outlet": rng.choice(OUTLETS),
        "tags": [partner, title],
    }


def _raw(story: dict) -> str:
    paras = story["paras"]
    lines = [
        f" date {story['when']:%Y-%m-%d} {story['outlet']}",
        story["headline"],
        story["standfirst"],
        "By PTI",
    ]
    lines += [f"Published : {story['when']:%b %-d, %Y, %-I:%M %p} IST"]
    lines += paras[:2] + paras  # the lead repeated, as scrapers do
    lines += ["TAGGED:", "".join(t.upper() for t in story["tags"])] + CHROME
    return "\n\n".join(lines) + "\n"


def _brief(story: dict, slug: str, index: int) -> str:
    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML

    paras = story["paras"]
    front = [
        f"title: {q(story['headline'])}",
        f"date: '{story['when'].isoformat()}'",
        f"slug: {slug}",
        f"standfirst: {q(story['standfirst'])}",
        f"summary: {q(paras[0].split('. ')[0] + '.')}",
        f"pillars: [{story['pillar']}]",
        "people: []",
        f"tags: [{', '.join(q(t) for t in story['tags'])}]",
        "key_points: [" + ", ".join(q(p.split(". ")[0] + ".") for p in paras[1:4]) + "]",
        f"quotes: [{{speaker: Defence minister, text: {q(story['quote'])}}}]",
        f"sources: [{{name: {q(story['outlet'])}, file: articles/{index:05d}.txt, byline: PTI}}]",
    ]
    body = "\n\n".join([paras[0], "## Background", *paras[1:3], f"> {paras[2]}", *paras[3:]])
    return "---\n" + "\n".join(front) + "\n---\n\n" + body + "\n"


def _config() -> str:
    lines = [
        "site:",
        "  title: Benchmark briefing",
        "  base_url: https://example.github.io/bench/",
        "  timezone: Asia/Kolkata",
        "paths: {articles: articles, briefs: briefs, output: site, templates: templates}",
        "pillars:",
    ]
    for slug, (title, keywords) in PILLARS.items():
        lines += [f"  - slug: {slug}", f"    title: {title}", f"    keywords: {json.dumps(keywords)}"]
    lines += ["  - {slug: general, title: General, catch_all: true}"]
    return "\n".join(lines) + "\n"


def generate(n: int, out: Path, seed: int = 20261122) -> None:
    rng = random.Random(seed)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    (out / "briefs").mkdir(parents=True, exist_ok=True)
    (out / "briefing.yaml").write_text(_config(), encoding="utf-8")
    for index in range(1, n + 1):
        story = _story(rng, index)
        slug = f"{story['when']:%Y-%m-%d}-{_slugify(story['headline'])}"
        (out / "articles" / f"{index:05d}.txt").write_text(_raw(story), encoding="utf-8")
        (out / "briefs" / f"{slug}.md").write_text(_brief(story, slug, index), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()
    generate(args.n, args.out, args.seed)


if __name__ == "__main__":
    main()
