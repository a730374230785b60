"""Who published the page: from the header's text, a syndication note, a logo line or a domain."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.ingest import lines as L

_URL = re.compile(r"https?://[^\s|]+|\bwww\.[^\s|/]+[^\s|]*")
_DOMAIN = re.compile(r"\b(?:[a-z0-9-]+\.)+(?:com|in|org|net|news|co\.uk|co\.in|tv|info|io)\b", re.IGNORECASE)
_NON_LATIN = re.compile(r"[^\x00-\u024f\u2010-\u2027]+")
_LANGUAGE = re.compile(
    r"^(?:english|hindi|read in \w+|switch to \w+|\w+ edition|edition|language|lang|en|hi|मराठी|हिंदी)$",
    re.IGNORECASE,
)


def header_url(header_text: str) -> str | None:
    match = _URL.search(header_text)
    if not match:
        return None
    url = match.group(0).rstrip(".,)")
    return url if url.startswith("http") else "https://" + url


def domain_name(url: str) -> str:
    host = re.sub(r"^https?://", "", url).split("/")[0].lower()
    return host.removeprefix("www.")


def name_from_header(header_text: str) -> str | None:
    """The publisher named in the header ("ETV Bharat / bharat" -> "ETV Bharat"); None for a date line."""
    url = header_url(header_text)
    if url:
        return domain_name(url)
    text = _NON_LATIN.sub(" ", header_text).strip()
    if not text or L.dates_in(text) or re.search(r"\d{1,2}:\d{2}", text):
        return None
    first = re.split(r"\s+(?:/|\||–|—|-|::|»)\s+|\s*\|\s*", text)[0].strip(" -|/")
    domain = _DOMAIN.fullmatch(first)
    if domain:
        return first.lower().removeprefix("www.")
    if not first or _LANGUAGE.match(first) or L.word_count(first) > 6 or not re.search(r"[A-Za-z]{2}", first):
        return None
    return first


def source_name(header_text: str, texts: Sequence[str]) -> str | None:
    """Header first; then a syndication note ("reworked by the Business Standard staff"); then a logo."""
    name = name_from_header(header_text)
    if name:
        return name
    logo = None
    for text in texts:
        found = L.syndication_name(text)
        if found:
            return found
        logo = logo or L.logo_name(text)
    return logo
