"""Direct quotations and who said them, resolving "he said" and "the ministry said" to a speaker.

The story is read in order, remembering the last person and the last organisation that spoke or
acted, so a pronoun or a short form ("the ministry") can be resolved to them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.ingest.people import PeopleMatcher
from generator.model import Quote

MIN_QUOTE_WORDS = 5
_VERBS = (
    r"(?:said|says|added|adds|told|stated|wrote|posted|noted|explained|asserted|remarked|tweeted|observed|"
    r"stressed|emphasi[sz]ed|underlined|declared|announced|replied|insisted|claimed|argued|maintained|"
    r"warned|recalled|continued|concluded|mentioned|pointed out|highlighted)"
)
_WHO = (
    r"(?P<who>(?:[A-Z][\w.'’-]*|the|an?|he|she|it|they|his|her|its)"
    r"(?:\s+(?:[A-Z][\w.'’-]*|[a-z][\w'’-]*)){0,6}?)"
)
_Q = r'"(?P<q>[^"]{10,}?)\s*"'
_AFTER = re.compile(rf"{_Q}\s*,?\s*{_WHO}\s+{_VERBS}\b")
# '"...," says Harsh Pant of the Observer Research Foundation.': the speaker, then where they are from.
_OF = r"(?:\s+of\s+(?:the\s+)?[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4})?"
_AFTER_INVERTED = re.compile(
    rf"{_Q}\s*,?\s*{_VERBS}\s+(?P<who>(?:the\s+)?[A-Z]?[\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{0,5}}{_OF})"
    r"(?=\s*[,.;]|\s+(?:in|on|at|during|while|who|after)\b)"
)
_BEFORE = re.compile(rf"{_WHO}\s+{_VERBS}(?:\s+[\w ,]{{0,40}}?)?\s*[:,]\s*{_Q}")
_ORG_HEAD_WORDS = (
    "ministry", "department", "government", "office", "embassy", "army", "navy", "statement", "spokesperson",
    "spokesman", "agency", "police", "military", "Pentagon", "administration", "commission", "council",
)  # fmt: skip
# As a name's last word too: "the Defense Security Cooperation Agency said", "the Indian Army said".
_ORG_HEAD_WORDS += tuple(w.capitalize() for w in _ORG_HEAD_WORDS if w.islower())
_ORG_HEAD = f"(?:{'|'.join(_ORG_HEAD_WORDS)})"
_ORG_SAYS = re.compile(rf"\b(?P<who>(?:[Tt]he\s+)?(?:[A-Za-z]+\s+){{0,3}}{_ORG_HEAD})\s+{_VERBS}\b")
# Part of every _ORG_SAYS match: spaces and a verb, right after the head word (_org_verb).
_SPACED_VERB = re.compile(rf"\s+{_VERBS}\b")
_PRONOUN_PERSON = frozenset({"he", "she", "his", "her"})
_PRONOUN_ORG = frozenset({"it", "its", "they", "the statement", "a statement"})
_ORG_HEADS = re.compile(
    r"(ministry|department|government|office|embassy|army|navy|spokesperson|spokesman|agency|police|"
    r"military|pentagon|administration|commission|council)$",
    re.IGNORECASE,
)
_DOUBLE = "“”„«»"  # made plain '"'
_HONORIFICS = frozenset({"Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Dr", "Dr."})


class _Speakers:
    """Who spoke last, person and organisation, as the story is read."""

    def __init__(self, matcher: PeopleMatcher) -> None:
        self.matcher = matcher
        self.person: str | None = None
        self.orgs: list[str] = []  # every organisation that spoke, the last first
        self.surnames: dict[str, str] = {}  # "Healey": "John Healey", from the names read so far

    def see_people(self, text: str) -> None:
        mentions = self.matcher.mentions(text)
        if mentions:
            self.person = mentions[-1].name
            for mention in mentions:
                first, _, last = mention.name.rpartition(" ")
                if first:
                    self.surnames[last] = mention.name

    def resolve(self, who: str) -> str | None:
        who = " ".join(who.split()).strip(" ,")
        lowered = who.lower()
        if lowered in _PRONOUN_PERSON:
            return self.person
        if lowered in _PRONOUN_ORG:
            return self.orgs[0] if self.orgs else None
        mentions = self.matcher.mentions(who)
        if mentions:
            self.person = mentions[-1].name
            return self.person
        name, of, _ = who.partition(" of ")
        head = _ORG_HEADS.search(name.lower() if of else lowered)  # "the Ministry of Defence" too
        if of and not head:
            who = name  # a person, and where they are from ("Harsh Pant of the ... Foundation")
        if head:
            org = re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.IGNORECASE)
            # "the agency" after "the Defense Security Cooperation Agency said" is that agency
            known = next((o for o in self.orgs if o.lower().endswith(org.lower())), None)
            if known:
                self.orgs.remove(known)
            self.orgs.insert(0, known or org[:1].upper() + org[1:])
            return self.orgs[0]
        words = who.split()
        if words and all(w[:1].isupper() for w in words) and len(words) <= 4:
            # "Healey said" (or "Mr Healey") after "the defence secretary, John Healey": John Healey
            surname = words[-1] if len(words) == 1 or (len(words) == 2 and words[0] in _HONORIFICS) else ""
            self.person = self.surnames.get(surname, who)
            return self.person
        return None


def _org_verb(text: str) -> bool:
    """Whether a head word (``_ORG_HEAD``) stands right before spaces and a verb of saying.

    Every _ORG_SAYS match does, and this is much cheaper than trying _ORG_SAYS's optional leading
    words at every word of the text; a regex of the head, the spaces and the verb, tried at every
    letter a head word starts with, cost twice this search for the verbs (which start at a space).
    """
    return any(text.endswith(_ORG_HEAD_WORDS, 0, m.start()) for m in _SPACED_VERB.finditer(text))


def _clean_quote(text: str) -> str:
    text = text.replace('"', "").strip(" ,")
    return " ".join(text.split())


def find_quotes(paragraphs: Sequence[str], matcher: PeopleMatcher) -> tuple[Quote, ...]:
    speakers = _Speakers(matcher)
    found: list[Quote] = []
    seen: set[str] = set()
    for paragraph in paragraphs:
        text = paragraph
        if not text.isascii():  # replace() is a scan in C; translate() looks up every character
            for mark in _DOUBLE:
                text = text.replace(mark, '"')
        matches = []
        if '"' in text:  # every quote pattern needs a quote mark: most paragraphs have none
            for pattern in (_AFTER, _AFTER_INVERTED, _BEFORE):
                matches.extend(pattern.finditer(text))
        org_says = list(_ORG_SAYS.finditer(text)) if _org_verb(text) else []
        taken: list[tuple[int, int]] = []
        events = sorted(
            [(m.start(), 1, m) for m in matches] + [(m.start(), 0, m) for m in org_says], key=lambda e: e[:2]
        )
        cursor = 0  # the end of the last quote taken
        # People are read up to here: each stretch once. Read again from the last quote at each
        # "officials said", a long paragraph of them took seconds (quadratic).
        read = 0
        for start, is_quote, match in events:
            if not is_quote:
                if not any(s <= start < e for s, e in taken):
                    read = max(read, cursor)
                    speakers.see_people(text[read:start])
                    read = max(read, start)
                    speakers.resolve(match["who"])
                continue
            if any(s < match.end("q") and match.start("q") < e for s, e in taken):
                continue
            read = max(read, cursor)
            speakers.see_people(text[read : match.start()])
            read = max(read, match.start())
            speaker = speakers.resolve(match["who"])
            quote_start = match.start("q")
            # an unattributed quote opening the paragraph runs on into this one: same speaker
            prefix = text[cursor : match.start()]
            if cursor == 0 and prefix.lstrip().startswith('"') and "said" not in prefix:
                quote_start = len(prefix) - len(prefix.lstrip()) + 1
            taken.append((match.start(), match.end()))
            cursor = match.end()
            quote = _clean_quote(text[quote_start : match.end("q")])
            if speaker and len(quote.split()) >= MIN_QUOTE_WORDS and quote.lower() not in seen:
                seen.add(quote.lower())
                found.append(Quote(speaker=speaker, text=quote))
        speakers.see_people(text[max(read, cursor) :])
    return tuple(found)
