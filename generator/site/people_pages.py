"""People: a page for each person on the watch list and for anyone named in three or more briefs.

A person's briefs are those naming them (the brief's ``people``) or quoting them; their quotes are
the quotes whose speaker is their name or one of their watch-list aliases. Everything is newest first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.config import Config, Person
from generator.site import urls
from generator.site.structure import BriefCard, SiteModel

# Named in this many briefs, someone off the watch list gets a page too.
MIN_BRIEFS = 3


@dataclass(frozen=True)
class PersonEntry:
    card: BriefCard
    quotes: tuple[str, ...]  # what they said in this brief


@dataclass(frozen=True)
class PersonProfile:
    slug: str
    name: str
    role: str
    watched: bool  # on the config's watch list
    count_text: str  # "3 briefs, 2 quotes"
    entries: tuple[PersonEntry, ...]  # newest first

    @property
    def url(self) -> str:
        return urls.person(self.slug)

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(e.card.slug for e in self.entries)


def slugify(name: str) -> str:
    """An ASCII URL slug for a name: "Subrahmanyam Jaishankar" -> "subrahmanyam-jaishankar"."""
    return urls.slug_words(name) or "person"


def _count_text(briefs: int, quotes: int) -> str:
    text = f"{briefs} brief" if briefs == 1 else f"{briefs} briefs"
    if quotes:
        text += ", 1 quote" if quotes == 1 else f", {quotes} quotes"
    return text


def _watched_and_frequent(config: Config, model: SiteModel) -> list[Person]:
    """The watch list in config order, then everyone else named in MIN_BRIEFS briefs, by name."""
    named = Counter(name for d in model.details.values() for name in dict.fromkeys(d.people))
    watched = {p.name for p in config.people}
    frequent = sorted(n for n, count in named.items() if count >= MIN_BRIEFS and n not in watched)
    return [*config.people, *(Person(name) for name in frequent)]


def plan_people(config: Config, model: SiteModel) -> list[PersonProfile]:
    people = _watched_and_frequent(config, model)
    watched = {p.name for p in config.people}
    profiles = []
    taken: set[str] = set()
    for person in people:
        spoken = {n.casefold() for n in (person.name, *person.aliases)}
        entries = []
        for slug in model.slugs:  # newest first
            detail = model.details[slug]
            quotes = tuple(text for speaker, text in detail.quotes if speaker.strip().casefold() in spoken)
            if person.name in detail.people or quotes:
                entries.append(PersonEntry(detail.card, quotes))
        slug = slugify(person.name)
        # Two names can fold to one slug ("José" and "Jose"); the later one gets a number.
        base, n = slug, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        quote_count = sum(len(e.quotes) for e in entries)
        profiles.append(
            PersonProfile(
                slug=slug,
                name=person.name,
                role=person.role,
                watched=person.name in watched,
                count_text=_count_text(len(entries), quote_count),
                entries=tuple(entries),
            )
        )
    return profiles
