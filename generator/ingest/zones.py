"""The home time zone of publishers that print local clock times without naming the zone.

A page saying "Published: 6:00pm, 1 Jul 2025" means 6 pm where it is published; reading that as the
site's zone is wrong for a Hong Kong or Washington paper. Only used for a time with no zone of its
own; a bare date still falls back to the site's zone, like any other page.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

# Publisher name or domain fragments (lower case) -> IANA zone. Names are matched as whole words.
_HOMES = {
    "Asia/Hong_Kong": ("south china morning post", "scmp"),
    "Asia/Singapore": ("straits times", "straitstimes", "channel newsasia", "channelnewsasia", "cna"),
    "Asia/Tokyo": ("nikkei", "japan times", "japantimes", "kyodo", "nhk"),
    "Asia/Karachi": (
        "dawn", "express tribune", "tribune.com.pk", "geo news", "geo.tv", "the news international",
    ),
    "Asia/Dhaka": ("daily star", "thedailystar", "dhaka tribune", "dhakatribune"),
    "Asia/Kathmandu": ("kathmandu post", "kathmandupost"),
    "America/New_York": (
        "defense news", "defensenews", "breaking defense", "breakingdefense", "defense one", "defenseone",
        "military times", "militarytimes", "politico", "the hill", "thehill", "stars and stripes", "stripes",
        "defense.gov", "state.gov", "war on the rocks", "warontherocks", "washington post", "new york times",
        "nytimes", "wall street journal", "wsj",
    ),
    "Europe/London": ("the guardian", "theguardian", "bbc", "financial times"),  # not "The Times": of India
    "Australia/Sydney": ("abc news australia", "sydney morning herald", "smh", "the australian"),
}  # fmt: skip
_PATTERNS = [
    (re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b"), ZoneInfo(zone))
    for zone, names in _HOMES.items()
]


def home_zone(source: str | None) -> ZoneInfo | None:
    if not source:
        return None
    lowered = source.lower()
    for pattern, zone in _PATTERNS:
        if pattern.search(lowered):
            return zone
    return None
