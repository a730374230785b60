"""Who published the page: from the header's text, a syndication note, a logo line, the page's first
line (its masthead) or a domain."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.ingest import lines as L
from generator.ingest.lines import Kind

_URL = re.compile(r"https?://[^\s|]+|\bwww\.[^\s|/]+[^\s|]*")
_DOMAIN = re.compile(r"\b(?:[a-z0-9-]+\.)+(?:com|in|org|net|news|co\.uk|co\.in|tv|info|io)\b", re.IGNORECASE)
_NON_LATIN = re.compile(r"[^\x00-\u024f\u2010-\u2027]+")
# A link to the page in another language, which a header's text may hold beside the publisher's name.
_LANGUAGE = re.compile(
    r"^(?:english|hindi|read in \w+|switch to \w+|\w+ edition|edition|language|lang|en|hi"
    r"|हिंदी|हिन्दी|मराठी|नेपाली|বাংলা|தமிழ்|తెలుగు|ಕನ್ನಡ|മലയാളം|ગુજરાતી|ਪੰਜਾਬੀ|ଓଡ଼ିଆ|اردو|.*पढ़?ें)$",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"\s+(?:/|\||–|—|-|::|»)\s+|\s*\|\s*")
# A section's name, which a page's first line may be instead of the publisher's ("India", "Latest").
_SECTIONS = frozenset(
    """home|india|world|nation|national|international|news|latest|latest news|top news|top stories|trending
    |business|economy|markets|sport|sports|opinion|opinions|politics|defence|defense|security|analysis
    |commentary|explained|explainers|science|tech|technology|health|entertainment|lifestyle|education
    |cities|states|asia|pakistan|world news|india news|live tv|live|video|videos|photos|e-paper|epaper
    |menu|search|premium|region|regional|breaking news""".replace("\n    ", "").split("|")
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
    latin = _NON_LATIN.sub(" ", header_text).strip()
    # A header in another script only ("अमर उजाला") names its publisher in that script.
    text = latin if re.search(r"[A-Za-z]", latin) else header_text.strip()
    if not text or L.dates_in(text) or re.search(r"\d{1,2}:\d{2}", text):
        return None
    first = _SEPARATOR.split(text)[0].strip(" -|/")
    domain = _DOMAIN.fullmatch(first)
    if domain:
        return first.lower().removeprefix("www.")
    if not first or _LANGUAGE.match(first) or L.word_count(first) > 6 or not _has_letters(first):
        return None
    return first


def _has_letters(text: str) -> bool:
    return sum(c.isalpha() for c in text) >= 2


def source_name(header_text: str, texts: Sequence[str], kinds: Sequence[Kind], headline: int) -> str | None:
    """Header first; then a syndication note ("reworked by the Business Standard staff"); then a logo;
    then the page's masthead."""
    name = name_from_header(header_text)
    if name:
        return name
    logo = None
    for text in texts:
        found = L.syndication_name(text)
        if found:
            return found
        logo = logo or L.logo_name(text)
    return logo or masthead(texts, kinds, headline)


def masthead(texts: Sequence[str], kinds: Sequence[Kind], headline: int) -> str | None:
    """The site's name as the first line of a page shows it ("ThePrint", "Breaking Defense"), above
    its headline: a short capitalised name that is not a section's ("India") or a link's."""
    first = next((i for i in range(headline) if kinds[i] is not Kind.CHROME), None)
    if first is None or kinds[first] is not Kind.OTHER:
        return None
    text = texts[first]
    words = L.words(text)
    if not 1 <= len(words) <= 4 or text.lower() in _SECTIONS or _LANGUAGE.match(text):
        return None
    if ":" in text or L.ends_sentence(text) or not _has_letters(text):
        return None
    return text if all(w[0].isupper() or w.lower() in ("of", "the", "and") for w in words) else None
