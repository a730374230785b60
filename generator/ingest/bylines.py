"""Who wrote the story: the byline, from the lines between the headline and the story.

Pages write it in a few shapes (``tests/data/blind`` holds each):

- a "By ..." line (``lines.byline_of``), wherever it stands above the story's end;
- a bare name on a line of its own under the headline ("Dinakar Peri", "Scroll Staff", "India Today
  News Desk"), or with its role after a comma ("KENJI KAWASE, Nikkei staff writer");
- the date line's first part ("FP Explainers • July 1, 2025", "Sorwar Alam |01.07.2025");
- at last, the editor a page credits ("Edited By Moohita Kaur Garg", "Published by: पवन पांडेय").

A name is told from a section label or a share bar by its shape alone: two to five capitalised words
(or words of a script without capitals), no digits, no sentence.
"""

from __future__ import annotations

import re

from generator.ingest import lines as L
from generator.ingest.lines import Kind
from generator.ingest.scripts import CASELESS

WINDOW = 12  # lines under the headline a byline is looked for in, the story's start being the first bound
_CASELESS = re.compile(f"[{CASELESS}]")
_JOINERS = frozenset({"of", "de", "da", "van", "von", "bin", "al", "el", "and", "&"})
# Words of the lines a name shape would take for one: share bars, photo credits, page furniture.
_NOT_NAMES = frozenset(
    """whatsapp|facebook|twitter|linkedin|telegram|email|share|print|save|copy|link|images|photo|photos
    |image|video|videos|listen|read|more|follow|subscribe""".replace("\n    ", "").split("|")
)
# A dateline's place, which stands where a date line's author would ("New Delhi | July 1, 2025").
_PLACES = frozenset(
    """new delhi|delhi|mumbai|chennai|kolkata|bengaluru|bangalore|hyderabad|washington|new york|london
    |islamabad|karachi|lahore|beijing|tokyo|singapore|hong kong|dhaka|kathmandu|colombo|moscow|paris
    |brussels|ankara|sydney|canberra""".replace("\n    ", "").split("|")
)
_DATE_PARTS = re.compile(r"\s*[•|/·]\s*")
_CREDIT = re.compile(r"^(?:edited|published) by\s*[:\-–]?\s*(?P<who>.+)$", re.IGNORECASE)
_ROLE = re.compile(r",\s*(?P<role>[^,]+)$")
_LABELLED = re.compile(
    r"^(?:analysis|commentary|opinion|column|essay|interview|report) by\s+(?P<who>.+)$", re.I
)
_ROLES = "correspondent|editor|reporter|writer|columnist|contributor|analyst|fellow"
_ROLE_LINE = re.compile(rf"^(?:[\w-]+\s+){{0,3}}(?:{_ROLES})$", re.I)
_PLACE_AFTER = re.compile(r"\s(?P<place>(?:New |Hong )?[A-Z][a-z]+)$")
# What follows a name with no comma between, as the Guardian writes it: a role in sentence case ("Dan
# Sabbagh Defence and security editor"), or where the author writes from ("Hannah Ellis-Petersen in Delhi").
_AFTER_NAME = re.compile(rf"\s(?:[A-Z][a-z]+(?:\s[a-z]+)*\s(?:{_ROLES})|in(?:\s[A-Z][\w-]+){{1,2}})$")
# What a byline adds after the name: the outlet's code, or its desk ("ET Bureau", "Nikkei staff writer").
_OUTLET = re.compile(
    r",\s*(?P<outlet>(?-i:[A-Z]{2,5})|[^,]*\b(?:bureau|desk|staff|staff writer|correspondent))$", re.I
)
_EXPANDED = re.compile(r"^(?P<code>[A-Z]{2,5}) [-–] [A-Z].+$")
_AGENCY_CODE = re.compile(r"^[A-Z]{2,5}$")  # "SNS", "DHNS", "PTI"
_AGENCY_NAMES = frozenset(L.AGENCIES.split("|"))


def find(texts: list[str], kinds: list[Kind], headline: int, body_start: int, end: int) -> str | None:
    """The story's byline, or None when the page names no one. ``body_start`` and ``end`` bound the
    story; the page's header, under the headline, reaches to its start or its first paragraph (a lead
    shown above the byline and again under it), whichever is later."""
    by = next((L.byline_of(texts[i]) for i in range(end) if kinds[i] is Kind.BYLINE), None)
    if by:
        return tidy(by)
    first_paragraph = next((i for i in range(headline + 1, end) if kinds[i] is Kind.PROSE), end)
    header = range(headline + 1, min(max(body_start, first_paragraph), headline + 1 + WINDOW))
    for i in header:
        if kinds[i] is Kind.DATE:
            found = _from_date(texts[i])
        elif kinds[i] is Kind.OTHER and _beside_date_or_role(texts, kinds, i):
            found = _author_line(texts[i])
        else:
            continue
        if found:
            return tidy(found)
    for i in header:
        credit = _CREDIT.match(texts[i])
        if credit and is_name(credit["who"]):
            return tidy(credit["who"])
    return None


def is_name(text: str) -> bool:
    """Shaped like a person's or a desk's name: 2-5 capitalised words (or uncased ones), no digit."""
    words = L.words(text)
    if not 2 <= len(words) <= 5 or any(c.isdigit() for c in text) or L.ends_sentence(text.rstrip(".")):
        return False
    named = [w for w in words if w.lower() not in _JOINERS]
    return (
        len(named) >= 2
        and words[0].lower() not in _JOINERS
        and all(w[0].isupper() or _CASELESS.match(w) for w in named)
        and not any(w.lower() in _NOT_NAMES for w in words)
    )


def _beside_date_or_role(texts: list[str], kinds: list[Kind], i: int) -> bool:
    """A name line under a headline stands by the date, or above its author's role; a label does not."""
    after = i + 1 < len(texts) and (kinds[i + 1] is Kind.DATE or _ROLE_LINE.match(texts[i + 1]) is not None)
    return after or kinds[i - 1] is Kind.DATE


def _author_line(text: str) -> str | None:
    """A name on a line of its own ("Commentary by" before it, its role after a comma or in sentence
    case, or the place it writes from after it left out)."""
    if text.endswith(":") or ": " in text:
        return None
    labelled = _LABELLED.match(text)
    name = labelled["who"] if labelled else text
    role = _ROLE.search(name) or _AFTER_NAME.search(name)
    name = name[: role.start()] if role else name
    place = _PLACE_AFTER.search(name)
    if place and place["place"].lower() in _PLACES:
        name = name[: place.start()]
    return name if is_name(name) else None


def _from_date(text: str) -> str | None:
    """The author a date line names before its date ("FP Explainers • July 1, 2025")."""
    parts = _DATE_PARTS.split(text, maxsplit=1)
    if len(parts) < 2:
        return None
    first = parts[0].strip()
    if L.dates_in(first) or first.lower() in _PLACES or first.endswith(" News"):  # a section: "India News"
        return None
    return first if is_name(first) or _AGENCY_CODE.match(first) else None


def tidy(name: str) -> str:
    """The name alone, without the outlet a byline adds ("Haley Britzky, CNN", "AFP - Agence France
    Presse"), in the case names are written in when shouted ("MATTHEW LEE"). A news agency after the
    name stays: "Ravi Kumar, PTI" says the story is the agency's copy."""
    outlet = _OUTLET.search(name)
    if outlet and outlet.start() and outlet["outlet"] not in _AGENCY_NAMES:
        name = name[: outlet.start()]
    expanded = _EXPANDED.match(name)
    if expanded:
        name = expanded["code"]
    named = [w for w in L.words(name) if w.lower() not in _JOINERS]
    if len(named) < 2 or not all(w.isupper() for w in named):
        return name
    return " ".join(
        w.lower() if w.lower() in _JOINERS else w if w in _AGENCY_NAMES else w.title() for w in name.split()
    )
