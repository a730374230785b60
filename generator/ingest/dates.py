"""Finding a publication date and time, with its zone, in free page text.

Pages write dates in many ways ("Feb 6, 2025, 8:09 PM IST", "2025-07-01T16:40:00Z",
"01.07.2025, 18:40 CET"); this module turns one line into a ``FoundDate`` and resolves it against the
site's time zone when the page names none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# Fixed offsets for the abbreviations news sites print; ambiguous ones (AST, CST-China) are left to
# the common Western/Indian meaning because that is what this desk reads.
ZONE_OFFSETS = {
    "IST": (5, 30), "UTC": (0, 0), "GMT": (0, 0), "Z": (0, 0), "BST": (1, 0), "CET": (1, 0),
    "CEST": (2, 0), "EET": (2, 0), "EEST": (3, 0), "WET": (0, 0), "WEST": (1, 0),
    "EST": (-5, 0), "EDT": (-4, 0), "CST": (-6, 0), "CDT": (-5, 0), "MST": (-7, 0), "MDT": (-6, 0),
    "PST": (-8, 0), "PDT": (-7, 0), "ET": None, "PT": None, "JST": (9, 0), "KST": (9, 0),
    "SGT": (8, 0), "HKT": (8, 0), "AEST": (10, 0), "AEDT": (11, 0), "PKT": (5, 0), "NPT": (5, 45),
    "GST": (4, 0), "MSK": (3, 0), "WIB": (7, 0), "ICT": (7, 0), "BDT": (6, 0),
}  # fmt: skip
# "ET"/"PT" follow daylight saving, so they need the real zone rules.
ZONE_NAMES = {"ET": "America/New_York", "PT": "America/Los_Angeles"}

_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)
# "1 July 2025", "01/Jul/2025", "1-Jul-2025"
_DMY = re.compile(rf"\b{_DAY}(?:\s+|[/-]){_MONTH}(?:,?\s+|[/-]){_YEAR}\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mon>\d{2})-(?P<day>\d{2})(?![\d-])")
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d{2})\b")
_ZONE = r"(?P<zone>[A-Z]{1,4}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})"
_TIME = re.compile(
    r"(?<![\d:])(?P<h>\d{1,2})[:.](?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\.\d+)?"
    r"(?:\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)(?![A-Za-z]))?(?:\s*hrs\.?)?"
    rf"(?:\s*\(?\s*{_ZONE}(?![a-z]))?"
)
_ISO_TIME = re.compile(r"T(?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\.\d+)?(?P<zone>Z|[+-]\d{2}:?\d{2})?")
# Scrapers glue neighbouring elements: "July 1, 20255:42 PM", "Updated1 Jul 2025"; pull them apart.
_GLUED = re.compile(r"(?<=\b(?:19|20)\d\d)(?=\d{1,2}:\d\d)|(?<=[a-z])(?=\d)")
_OFFSET = re.compile(r"^(?:GMT|UTC)?(?P<sign>[+-])(?P<h>\d{1,2}):?(?P<m>\d{2})?$")


class BadDate(ValueError):
    """A date that cannot exist (31 February) or lies too far in the future."""


@dataclass(frozen=True)
class FoundDate:
    day: date | None
    clock: time | None = None
    zone: tzinfo | None = None


def parse_zone(token: str | None) -> tzinfo | None:
    if not token:
        return None
    token = token.strip().upper()
    if token in ZONE_NAMES:
        return ZoneInfo(ZONE_NAMES[token])
    if token in ZONE_OFFSETS and ZONE_OFFSETS[token] is not None:
        h, m = ZONE_OFFSETS[token]  # type: ignore[misc]
        return timezone(timedelta(hours=h, minutes=m if h >= 0 else -m))
    match = _OFFSET.match(token)
    if match:
        delta = timedelta(hours=int(match["h"]), minutes=int(match["m"] or 0))
        return timezone(-delta if match["sign"] == "-" else delta)
    return None


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise BadDate(f"impossible date {year:04d}-{month:02d}-{day:02d}") from None


def _find_day(text: str) -> tuple[date | None, int, int]:
    """The first calendar date in ``text`` and its span (-1, -1 when none)."""
    best: tuple[int, re.Match[str], str] | None = None
    for kind, pattern in (("mdy", _MDY), ("dmy", _DMY), ("iso", _ISO_DATE), ("num", _NUMERIC)):
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), match, kind)
    if best is None:
        return None, -1, -1
    _, match, kind = best
    year = int(match["year"])
    if kind in ("mdy", "dmy"):
        month = MONTHS[match["mon"].lower()[:3]]
        return _make_date(year, month, int(match["day"])), match.start(), match.end()
    if kind == "iso":
        return _make_date(year, int(match["mon"]), int(match["day"])), match.start(), match.end()
    a, b = int(match["a"]), int(match["b"])
    # Day first unless that is impossible: the desk reads Indian and European sites.
    day, month = (b, a) if a <= 12 < b else (a, b)
    return _make_date(year, month, day), match.start(), match.end()


def day_start(text: str) -> int:
    """Where the first calendar date in ``text`` begins, or -1 (an impossible date counts as one)."""
    try:
        return _find_day(_GLUED.sub(" ", text))[1]
    except BadDate:
        return 0


def _clock(h: int, m: int, s: int, ampm: str | None) -> time | None:
    if ampm and not (13 <= h <= 23 and ampm.lower().startswith("p")):  # "22:10 pm" is a 24-hour time
        pm = ampm.lower().startswith("p")
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if pm else 0)
    if h > 23 or m > 59 or s > 59:
        return None
    return time(h, m, s)


def find_date(text: str) -> FoundDate | None:
    """The date, time and zone written in one line of text, or None when it holds no date or time.

    Raises BadDate for a date that cannot exist.
    """
    text = _GLUED.sub(" ", text)
    day, start, end = _find_day(text)
    iso = _ISO_TIME.match(text, end) if end >= 0 else None
    if iso:
        clock = _clock(int(iso["h"]), int(iso["m"]), int(iso["s"] or 0), None)
        return FoundDate(day, clock, parse_zone(iso["zone"]))
    rest = text if start < 0 else text[:start] + " " * (end - start) + text[end:]
    for match in _TIME.finditer(rest):
        # "2025" or "1.5" are not times; a time has a colon, or a dot with am/pm or a zone.
        raw = match.group(0)
        if "." in raw.split()[0][:3] and not (match["ampm"] or match["zone"]):
            continue
        clock = _clock(int(match["h"]), int(match["m"]), int(match["s"] or 0), match["ampm"])
        if clock is None:
            continue
        return FoundDate(day, clock, parse_zone(match["zone"]))
    return FoundDate(day) if day else None


def resolve(found: FoundDate, fallback_day: date, site_tz: tzinfo) -> datetime:
    """A timezone-aware datetime: missing day from ``fallback_day``, missing zone = the site's."""
    day = found.day or fallback_day
    clock = found.clock or time(0, 0)
    return datetime.combine(day, clock, tzinfo=found.zone or site_tz)


def check_not_future(value: datetime, now: datetime) -> None:
    if value > now + timedelta(days=1):
        raise BadDate(f"date {value.isoformat()} is in the future")
