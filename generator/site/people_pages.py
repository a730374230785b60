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
    """An ASCII URL slug for a name: "Subrahmanyam Jaishankar" -> "subrahmanyam-jaishankar"; one in
    another script spelled in Latin letters as brief slugs are ("राजनाथ सिंह" -> "rajnath-singh"):
    it was "person", numbered in the order people were met, so its address moved as others came."""
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
    # Who each name and spoken form stands for, so that one pass over the briefs finds everyone's: a
    # pass per person cost people x briefs (3,000 names over 10,000 briefs: 14 s of every plan).
    by_name = {person.name: index for index, person in enumerate(people)}  # names are unique
    by_spoken: dict[str, list[int]] = {}  # two people may share an alias ("Singh")
    for index, person in enumerate(people):
        for spoken in dict.fromkeys(n.casefold() for n in (person.name, *person.aliases)):
            by_spoken.setdefault(spoken, []).append(index)
    entries: list[list[PersonEntry]] = [[] for _ in people]
    for slug in model.slugs:  # newest first
        detail = model.details[slug]
        quotes: dict[int, list[str]] = {}
        for speaker, text in detail.quotes:
            for index in by_spoken.get(speaker.strip().casefold(), ()):
                quotes.setdefault(index, []).append(text)
        named = {by_name[name] for name in detail.people if name in by_name}
        for index in sorted(named | quotes.keys()):
            entries[index].append(PersonEntry(detail.card, tuple(quotes.get(index, ()))))
    profiles = []
    taken: set[str] = set()
    for person, found in zip(people, entries, strict=True):
        slug = slugify(person.name)
        # Two names can fold to one slug ("José" and "Jose"); the later one gets a number.
        base, n = slug, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        quote_count = sum(len(e.quotes) for e in found)
        profiles.append(
            PersonProfile(
                slug=slug,
                name=person.name,
                role=person.role,
                watched=person.name in watched,
                count_text=_count_text(len(found), quote_count),
                entries=tuple(found),
            )
        )
    return profiles
