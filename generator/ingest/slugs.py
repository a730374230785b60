"""Brief slugs: ``YYYY-MM-DD-title-words``, ASCII, unique, stable for a story across runs."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from anyascii import anyascii

from generator.ingest.indic import transliterate
from generator.ingest.scripts import is_han

MAX_WORDS = 8
_FALLBACK = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "þ": "th",
     "œ": "oe", "Œ": "OE", "ı": "i", "’": "", "'": "", "&": " and ",
     # "India–US" is two words joined, as "Indo-US" is ("indiaus" before); "talks—and" two apart
     "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": " ", "―": " "}
)  # fmt: skip
_SLUG_OK = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def ascii_words(text: str) -> list[str]:
    """Lower-case ASCII words of ``text``: accents dropped, a few letters transliterated by hand,
    the scripts of India spelled out (``indic``), the letters of other scripts by anyascii: a Hindi
    headline gets words, not the bare fallback."""
    text = transliterate(text).translate(_FALLBACK)
    flat = text if text.isascii() else "".join(map(_ascii, text))
    # a hyphenated word ("Indo-US") is one word for the length limit
    return [w.strip("-") for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", flat.lower()) if w.strip("-")]


@functools.lru_cache(maxsize=8192)
def _ascii(char: str) -> str:
    if char.isascii():
        return char
    flat = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    if flat or unicodedata.category(char)[0] not in "LM":
        return flat  # a Latin letter without its accent; punctuation and symbols go, as ever
    # A letter or vowel sign of another script. anyascii marks some vowels with an apostrophe.
    flat = anyascii(char).replace("'", "")
    # A Chinese character is a syllable, and a headline of them runs on without spaces: apart, they
    # are words that MAX_WORDS can count ("yin-du-he-mei-guo"), not one word as long as the headline.
    return f" {flat} " if is_han(char) else flat


_TRAILING_STOP = frozenset(
    ["a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "at", "by", "from", "as", "vs"]
)


def base_slug(title: str, day: date) -> str:
    words = ascii_words(title)[:MAX_WORDS]
    while words and words[-1] in _TRAILING_STOP:
        words.pop()
    words = words or ["brief"]
    return f"{day.isoformat()}-{'-'.join(words)}"


def suffix(identity: str) -> str:
    return hashlib.sha256(identity.encode()).hexdigest()[:6]


@dataclass(frozen=True)
class SlugRequest:
    base: str
    identity: str  # the story's primary file: stable while the story's text changes
    files: tuple[str, ...]  # every source file of the story


def assign_slugs(requests: Sequence[SlugRequest], existing: Mapping[str, str]) -> list[str]:
    """A unique slug per request.

    ``existing`` maps a source file to the slug of the brief that already holds it, so a story keeps
    its slug as other articles arrive. Otherwise the earliest request (they come sorted by date, then
    file) gets the bare base slug and later ones a suffix made from their own identity, never from
    a counter.
    """
    taken: set[str] = set()
    result: list[str | None] = [None] * len(requests)
    for i, request in enumerate(requests):
        for file in request.files:
            old = existing.get(file)
            if old and (old == request.base or old.startswith(request.base + "-")) and old not in taken:
                result[i] = old
                taken.add(old)
                break
    for i, request in enumerate(requests):
        if result[i] is not None:
            continue
        slug = request.base
        if slug in taken:
            slug = f"{request.base}-{suffix(request.identity)}"
        n = 2
        while slug in taken:  # a hash collision between two identities: practically never
            slug = f"{request.base}-{suffix(request.identity + str(n))}"
            n += 1
        result[i] = slug
        taken.add(slug)
    return [s for s in result if s is not None]


def is_safe(slug: str) -> bool:
    """Plain words and hyphens only: nothing like ``../x`` can leave the briefs folder."""
    return bool(_SLUG_OK.match(slug))
