"""Deterministic synthetic corpora for the benchmark: N raw article dumps and N briefs.

    python bench/corpus.py N OUT [--seed S] [--people]

writes a self-contained project in OUT:

    OUT/briefing.yaml          config with the corpus's pillar taxonomy (8 pillars + the catch-all)
    OUT/articles/NNNNN.txt     raw dumps in the sample format: " date YYYY-MM-DD publisher", headline,
                               standfirst, byline, the lead two paragraphs repeated as scrapers do,
                               the paragraphs, then site chrome and a TAGGED line
    OUT/briefs/<slug>.md       the same stories as briefs (front matter + Markdown), for render timings

The shape follows the corpus the issue's targets are measured on (``shared/bench/make_corpus.py``):
6-12 paragraphs of 40-90 words, one "##" subheading, one blockquote and one bullet list per body,
2-4 tags out of 40, one pillar of 8, publication times spread over 3 years (36 archive months).
Only the standard library is used; the same N and seed give byte-identical files.

That corpus names no one, so it never exercises the people pages. ``--people`` makes each story name
one to three people (a watch list of four in the config, named in ~10% of the stories each, then
1,200 others, a few named often and most rarely) and quote the first: the same stories otherwise,
byte for byte, since the names come from a random generator of their own.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

IST = timezone(timedelta(hours=5, minutes=30))
START = datetime(2023, 1, 1, tzinfo=IST)
SPAN_SECONDS = 3 * 365 * 86400

PILLARS = {
    "Diplomacy": ["strategic dialogue", "bilateral ties", "defence diplomacy",
                  "confidence-building measures"],
    "Maritime Security": ["maritime security", "maritime domain awareness", "coastal surveillance",
                          "anti-piracy patrols"],
    "Defence Industry": ["defence industrial collaboration", "technology transfer", "defence exports",
                         "indigenous shipbuilding"],
    "Counter-Terrorism": ["counter-terrorism cooperation", "terror financing controls", "border security",
                          "de-radicalisation programmes"],
    "Joint Exercises": ["joint exercises", "anti-submarine warfare drills", "amphibious operations",
                        "training exchanges"],
    "Logistics": ["logistics support", "supply chain resilience", "ammunition supplies",
                  "spare parts availability"],
    "Space and Cyber": ["space situational awareness", "satellite launches", "cyber defence",
                        "secure communications"],
    "Intelligence": ["intelligence sharing", "early warning networks", "threat assessments",
                     "information fusion"],
}  # fmt: skip
ALL_TOPICS = [t for ts in PILLARS.values() for t in ts] + ["humanitarian assistance", "military medicine"]
COUNTRIES = [
    "France", "Japan", "United States", "Australia", "Indonesia", "Vietnam", "Sri Lanka", "Maldives",
    "UAE", "Saudi Arabia", "Egypt", "Kenya", "Brazil", "Philippines", "Singapore", "Bangladesh",
]  # fmt: skip
TOPIC_TAGS = [
    "India", "Navy", "Army", "Air Force", "Coast Guard", "DRDO", "QUAD", "BRICS", "ASEAN", "SCO",
    "Indian Ocean", "Indo-Pacific", "Red Sea", "Submarines", "Drones", "Satellites", "Cybersecurity",
    "Shipbuilding", "Exports", "Make in India", "MoU", "2+2 Dialogue", "Terror Financing", "Humanitarian Aid",
]  # fmt: skip
PUBLISHERS = ["Example Media", "The Example Chronicle", "Example Defence Wire", "The Daily Example"]
SUBJECTS = [
    "The defence ministry", "Senior naval officials", "A joint working group", "Officials from both sides",
    "The visiting delegation", "Military planners", "The two navies", "Industry representatives",
]  # fmt: skip
VERBS = [
    "reviewed", "discussed", "agreed to expand", "stressed the need for", "highlighted progress on",
    "explored new avenues for", "signed an agreement on", "unveiled a roadmap for", "took stock of",
]  # fmt: skip
QUALIFIERS = [
    "during the annual dialogue in New Delhi", "at the meeting held on Tuesday",
    "in the wider Indo-Pacific region", "amid growing regional tensions",
    "under the existing framework agreement", "ahead of next month's summit",
    "according to an official statement", "over the next five years", "at the end of a three-day visit",
]  # fmt: skip
HEADLINES = [
    "India, {country} step up cooperation on {short}", "{country} and India sign pact on {short}",
    "India, {country} review {short} at annual talks", "New roadmap for {short} agreed with {country}",
    "{country} backs closer ties on {short}", "Joint working group meets on {short}",
]  # fmt: skip
SUBHEADINGS = ["What comes next", "Background", "Key outcomes", "Regional context", "Why it matters"]
WATCHED = [
    ("Rajnath Singh", ["Singh", "Defence Minister Rajnath Singh"], "Defence Minister of India"),
    ("Pete Hegseth", ["Hegseth", "Secretary Hegseth"], "US Secretary of Defense"),
    ("Narendra Modi", ["Modi", "Prime Minister Narendra Modi"], "Prime Minister of India"),
    ("Donald Trump", ["Trump", "President Trump"], "President of the United States"),
]
FIRST_NAMES = [
    "Aarav", "Meera", "James", "Sarah", "Vikram", "Anita", "Robert", "Linda", "Arjun", "Kavya", "Thomas",
    "Emily", "Rohan", "Priya", "Daniel", "Laura", "Sanjay", "Nisha", "Michael", "Karen", "Rahul", "Deepa",
    "Steven", "Julia", "Amit", "Pooja", "Brian", "Helen", "Kiran", "Sunita",
]  # fmt: skip
LAST_NAMES = [
    "Sharma", "Mehta", "Carter", "Nolan", "Iyer", "Bose", "Walker", "Hughes", "Reddy", "Kapoor", "Foster",
    "Bennett", "Menon", "Joshi", "Harris", "Porter", "Rao", "Verma", "Coleman", "Sutton", "Nair", "Pillai",
    "Barker", "Dalton", "Gupta", "Saxena", "Fleming", "Garner", "Chopra", "Desai", "Morgan", "Palmer",
    "Kulkarni", "Bhatt", "Russell", "Warren", "Malhotra", "Patil", "Lawson", "Sinclair",
]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def slugify(text: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-").split("-")[:8])


def _sentence(rng: random.Random, topics: list[str], country: str) -> str:
    topic = rng.choice(topics)
    if rng.random() < 0.5:
        text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {topic} {rng.choice(QUALIFIERS)}."
    else:
        text = (
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {topic} and {rng.choice(ALL_TOPICS)} with {country}."
        )
    return text[0].upper() + text[1:]


def _paragraph(rng: random.Random, topics: list[str], country: str) -> str:
    """40-90 words of sentences."""
    target, sentences, count = rng.randint(40, 90), [], 0
    while count < target:
        sentence = _sentence(rng, topics, country)
        if count + len(sentence.split()) > 90 and count >= 40:
            break
        sentences.append(sentence)
        count += len(sentence.split())
    return " ".join(sentences)


def _story(rng: random.Random, when: datetime, index: int) -> dict:
    pillar = rng.choice(list(PILLARS))
    topics = PILLARS[pillar] + [rng.choice(ALL_TOPICS)]
    country = rng.choice(COUNTRIES)
    short = rng.choice(PILLARS[pillar])
    # The index keeps headlines (and so slugs and stories) distinct, as real headlines mostly are.
    headline = f"{rng.choice(HEADLINES).format(country=country, short=short)} ({index})"
    return {
        "when": when,
        "pillar": pillar,
        "headline": headline,
        "standfirst": f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {short} with {country}, officials said "
        f"on {WEEKDAYS[when.weekday()]}.",
        "paras": [_paragraph(rng, topics, country) for _ in range(rng.randint(6, 12))],
        "tags": [country, *rng.sample(TOPIC_TAGS, rng.randint(1, 3))],
        "quote": f'"We are committed to deepening {rng.choice(topics)} with {country}," an official said.',
        "bullets": [
            f"{v} {t}"
            for v, t in zip(["Expanded", "Review of", "Timeline for"], rng.sample(topics, 3), strict=True)
        ],
        "subheading": rng.choice(SUBHEADINGS),
        "publisher": rng.choice(PUBLISHERS),
    }


WATCHED_NAMES = {name for name, _, _ in WATCHED}
TITLES = ["Ambassador", "Admiral", "Director", "General", "Secretary"]  # how ingest knows a name
OTHERS = [f"{first} {last}" for last in LAST_NAMES for first in FIRST_NAMES]
# Zipf-like: the first few others are named in hundreds of stories, most in a handful.
OTHERS_CUMULATIVE = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(OTHERS))))


def _name_people(rng: random.Random, story: dict) -> None:
    """Name one to three people in the story and have the first say its quote (``--people``)."""
    target = rng.randint(1, 3)
    named = [name for name, _, _ in WATCHED if rng.random() < 0.1][:target]
    while len(named) < target:
        name = rng.choices(OTHERS, cum_weights=OTHERS_CUMULATIVE)[0]
        if name not in named:
            named.append(name)
    story["people"] = named
    said = story["quote"].removesuffix(" an official said.")  # '"We are committed ... with X,"'
    story["quote"] = f"{said} {named[0]} said."
    story["quote_text"] = said.strip('"').rstrip(",")
    titled = [n if n in WATCHED_NAMES else f"{TITLES[len(n) % len(TITLES)]} {n}" for n in named]
    story["paras"][2] = f"{', '.join(titled)} took part in the talks. " + story["paras"][2]


def _body(story: dict) -> str:
    p = story["paras"]
    parts = [p[0], p[1], "## " + story["subheading"], p[2], "> " + story["quote"], *p[3:-1]]
    parts.append("Key points from the discussions:\n\n" + "\n".join("- " + b for b in story["bullets"]))
    parts.append(p[-1])
    return "\n\n".join(parts) + "\n"


def _raw(story: dict) -> str:
    p = story["paras"]
    lines = [
        f" date {story['when']:%Y-%m-%d} {story['publisher']}",
        story["headline"],
        story["standfirst"],
        "By PTI",
    ]
    lines += [p[0], p[1], *p]  # the lead repeated, as scrapers do
    if "people" in story:
        lines.append(story["quote"])
    lines += ["For All Latest Updates", "TAGGED: " + ", ".join(story["tags"])]
    lines += ["Copyright \u00a9 2025 Example Media Pvt. Ltd., All Rights Reserved."]
    return "\n\n".join(lines) + "\n"


def _brief(story: dict, slug: str) -> str:
    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML

    front = [
        f"title: {q(story['headline'])}",
        f"date: {story['when'].isoformat()}",
        f"slug: {slug}",
        f"pillars: [{q(slugify(story['pillar']))}]",
        f"tags: [{', '.join(q(t) for t in story['tags'])}]",
        f"summary: {q(story['standfirst'])}",
    ]
    if "people" in story:
        front.append(f"people: [{', '.join(q(name) for name in story['people'])}]")
        front.append(f"quotes: [{{speaker: {q(story['people'][0])}, text: {q(story['quote_text'])}}}]")
    return "---\n" + "\n".join(front) + "\n---\n\n" + _body(story)


def _config(people: bool = False) -> str:
    lines = [
        "site:",
        "  title: Benchmark briefing",
        "  base_url: https://example.github.io/bench/",
        "  timezone: Asia/Kolkata",
        "paths: {articles: articles, briefs: briefs, output: site, templates: templates}",
        "pillars:",
    ]
    for name, keywords in PILLARS.items():
        lines += [f"  - slug: {slugify(name)}", f"    title: {name}", f"    keywords: {json.dumps(keywords)}"]
    lines += ["  - {slug: general, title: General, catch_all: true}"]
    if people:
        lines.append("people:")
        for name, aliases, role in WATCHED:
            lines += [f"  - name: {name}", f"    aliases: {json.dumps(aliases)}", f"    role: {role}"]
    return "\n".join(lines) + "\n"


def generate(n: int, out: Path, seed: int = 20261122, people: bool = False) -> None:
    rng = random.Random(seed)
    names = random.Random(seed + 1)  # its own: the stories are the same with names or without
    (out / "articles").mkdir(parents=True, exist_ok=True)
    (out / "briefs").mkdir(parents=True, exist_ok=True)
    (out / "briefing.yaml").write_text(_config(people), encoding="utf-8")
    stamps = []
    for _ in range(n):
        day = START + timedelta(seconds=rng.randrange(SPAN_SECONDS))
        stamps.append(day.replace(hour=rng.randint(6, 22), minute=rng.randrange(60), second=0))
    for index, when in enumerate(sorted(stamps), start=1):
        story = _story(rng, when, index)
        if people:
            _name_people(names, story)
        slug = f"{when:%Y-%m-%d}-{slugify(story['headline'])}-{index}"
        (out / "articles" / f"{index:05d}.txt").write_text(_raw(story), encoding="utf-8")
        (out / "briefs" / f"{slug}.md").write_text(_brief(story, slug), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--people", action="store_true", help="name people in the stories and quote them")
    args = parser.parse_args()
    generate(args.n, args.out, args.seed, args.people)


if __name__ == "__main__":
    main()
