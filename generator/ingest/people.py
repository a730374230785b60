"""People in a story: the config's watch list (names and aliases) plus other full names found."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.config import Person
from generator.ingest import scripts

_TITLES = (
    "Prime Minister", "Chief Minister", "Deputy Prime Minister", "External Affairs Minister",
    "Foreign Minister", "Defence Minister", "Defense Minister", "Home Minister", "Finance Minister",
    "Minister", "Secretary of State", r"Secretary of Defen[cs]e", "Secretary", "Vice President", "President",
    "Lieutenant General", r"Lt\.? Gen\.?", "Major General", r"Maj\.? Gen\.?", "General", r"Gen\.",
    "Vice Admiral", "Rear Admiral", "Admiral", r"Adm\.", "Air Chief Marshal", "Air Marshal", "Ambassador",
    "Envoy", "Senator", r"Sen\.", "Representative", r"Rep\.", "Governor", "Director", "Commander", "Chairman",
    "Chairperson", "Chief", "Colonel", r"Col\.", "Captain", r"Capt\.", "spokesperson", "spokesman",
    "spokeswoman", "counterpart", r"Mr\.?", r"Ms\.?", r"Mrs\.?", r"Dr\.?", r"Prof\.?",
)  # fmt: skip
_NAME = (
    r"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?){1,2}(?![\w'’-])"
)
# Both start at a word start, checked by _at_word_starts: a leading \b kept the regex engine from
# skipping ahead to a possible first letter, which made the scan ~2-3x slower.
_TITLED = re.compile(rf"(?:{'|'.join(_TITLES)})\s+(?P<name>{_NAME})\b")
# The same without the titles in lower case (plain words), for a text that holds none: the regex
# engine then skips ahead to capital letters, not to every "s" and "c" (the scan took half the time).
_LOWER_TITLES = tuple(t for t in _TITLES if not t[0].isupper())
_TITLED_CAPITALISED = re.compile(
    rf"(?:{'|'.join(t for t in _TITLES if t not in _LOWER_TITLES)})\s+(?P<name>{_NAME})\b"
)
_SAID = re.compile(rf"(?P<name>{_NAME})\s+(?:said|says|told|added|stated|noted|wrote)\b")
# A name set off by commas after its role, as British papers write it: "the defence secretary, John
# Healey, has announced". The commas are matched first (a literal the regex engine skips ahead to),
# the role before them checked after.
_BETWEEN_COMMAS = re.compile(rf",\s+(?P<name>{_NAME}),")
_ROLE_BEFORE = re.compile(
    r"\b(?:secretary|minister|spokesperson|spokesman|spokeswoman|ambassador|envoy|chief|director|"
    r"president|chairman|adviser|advisor|analyst|official|commander)\s*$"
)
# Capitalised words that make a phrase a place, an institution or a date rather than a person.
_NOT_NAME = frozenset(
    [
        "india",
        "indian",
        "us",
        "u.s",
        "usa",
        "united",
        "states",
        "america",
        "american",
        "new",
        "delhi",
        "washington",
        "defence",
        "defense",
        "ministry",
        "army",
        "navy",
        "air",
        "force",
        "government",
        "house",
        "white",
        "pentagon",
        "department",
        "office",
        "council",
        "union",
        "bank",
        "corporation",
        "limited",
        "ltd",
        "party",
        "congress",
        "parliament",
        "lok",
        "sabha",
        "rajya",
        "court",
        "supreme",
        "high",
        "national",
        "international",
        "china",
        "chinese",
        "pakistan",
        "russia",
        "russian",
        "japan",
        "australia",
        "beijing",
        "moscow",
        "tokyo",
        "the",
        "this",
        "that",
        "it",
        "he",
        "she",
        "they",
        "on",
        "in",
        "at",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "minister",
        "secretary",
        "president",
        "prime",
        "general",
        "admiral",
        "chief",
        "affairs",
        "external",
        "foreign",
        "state",
        "officials",
        "sources",
        "twitter",
        "facebook",
        "global",
        "times",
        "post",
        "news",
        "reuters",
        "press",
        "trust",
        "agency",
        "indo",
        "pacific",
        "quad",
        "asia",
        "europe",
        "european",
        "east",
        "west",
        "north",
        "south",
        "command",
        "forces",
        "security",
        "strategic",
        "city",
        "county",
        "province",
        "district",
        "company",
        "group",
        "institute",
        "university",
        "college",
        "centre",
        "center",
        "committee",
    ]
)


_RECENT = 64  # paragraphs whose mentions are kept (PeopleMatcher.mentions)
_NAME_LETTER = scripts.LETTER[:-1] + "-]"  # "Singh-led" does not name Singh; an Indic vowel sign is a letter


def _at_word_starts(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """What ``re.finditer(r"\b" + pattern)`` yields for a pattern that starts with a letter."""
    position = 0
    while match := pattern.search(text, position):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # inside a word: no \b
            position = start + 1
            continue
        yield match
        position = match.end()


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str  # canonical when on the watch list


class PeopleMatcher:
    """Finds watch-list people by name or alias (whole words) and resolves a name to its canonical form."""

    def __init__(self, people: Iterable[Person]) -> None:
        self.canonical: dict[str, str] = {}
        for person in people:
            for alias in (person.name, *person.aliases):
                self.canonical.setdefault(alias.lower(), person.name)
        aliases = sorted(self.canonical, key=len, reverse=True)
        if not aliases:
            self._pattern = None
        elif scripts.needs_whole_word(aliases):  # a name in Hindi or Chinese: see scripts.whole_word
            bounded = (scripts.whole_word(re.escape(a), a, _NAME_LETTER) for a in aliases)
            self._pattern = re.compile("|".join(bounded), re.IGNORECASE)
        else:
            names = "|".join(re.escape(a) for a in aliases)
            self._pattern = re.compile(r"(?<![\w-])(?:" + names + r")(?![\w-])", re.IGNORECASE)
        self._recent: dict[str, list[Mention]] = {}

    def canonical_of(self, name: str) -> str | None:
        return self.canonical.get(name.lower())

    def watched(self, text: str) -> list[Mention]:
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            # names are capitalised; "singh" in a URL or "modi" as a word are not mentions (a
            # script without capitals, Devanagari or Chinese, writes every name in this case)
            if not match.group(0)[:1].islower():
                found.append(Mention(match.start(), match.end(), self.canonical[match.group(0).lower()]))
        return found

    def others(self, text: str) -> list[Mention]:
        found = []
        titled = _TITLED if any(title in text for title in _LOWER_TITLES) else _TITLED_CAPITALISED
        appositive = (
            m
            for m in _BETWEEN_COMMAS.finditer(text)
            if _ROLE_BEFORE.search(text, max(0, m.start() - 30), m.start())
        )
        for matches in (_at_word_starts(titled, text), _at_word_starts(_SAID, text), appositive):
            for match in matches:
                name = " ".join(match["name"].split())
                if any(token.lower().strip(".") in _NOT_NAME for token in name.split()):
                    continue
                found.append(Mention(match.start("name"), match.end("name"), self.canonical_of(name) or name))
        return found

    def mentions(self, text: str) -> list[Mention]:
        """Every mention in ``text``, in order. The caller must not change the list: quotes and
        people look at the same paragraphs, so the last few answers are kept."""
        found = self._recent.get(text)
        if found is None:
            if len(self._recent) >= _RECENT:
                self._recent.clear()
            found = self._recent[text] = sorted(self.watched(text) + self.others(text), key=lambda m: m.start)
        return found

    def people(self, title: str, paragraphs: Iterable[str]) -> tuple[str, ...]:
        """Canonical names in order of first mention; a surname alone only counts for the watch list.

        Only watch-list names are taken from the headline: in Title Case every word looks like a name.
        A name does not run on from one paragraph into the next.
        """
        names: list[str] = []
        for mention in [*self.watched(title), *(m for p in paragraphs for m in self.mentions(p))]:
            if mention.name not in names:
                names.append(mention.name)
        # "Pete Hegseth" found as a full name and also as the watch-list alias collapse to one
        return tuple(n for n in names if not any(n != o and o.endswith(" " + n) for o in names))
