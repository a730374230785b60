"""Tags from a "TAGGED:" / "Tags:" line, including run-together link text ("DEFENCERAJNATH SINGH")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from generator.ingest import lines as L

MAX_TAGS = 15
# "A, B, and C": the "and" a list written as a sentence puts before its last tag is not the tag's.
_SPLIT = re.compile(r"\s*(?:,(?:\s*and\s)?|;|\||•|·|#)\s*")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LONGEST_PHRASE = 40


def collect_tag_texts(texts: Sequence[str]) -> list[str]:
    """The raw tag strings on the page: after a tag label, on its line or on the short lines below."""
    found: list[str] = []
    for i, text in enumerate(texts):
        rest = L.tags_rest(text)
        if rest is None:
            continue
        if rest:
            found.extend(p for p in _SPLIT.split(rest) if p)
            continue
        for following in texts[i + 1 : i + 1 + MAX_TAGS]:
            if (L.word_count(following) > 6 and not _SPLIT.search(following)) or L.classify(following) in (
                L.Kind.END,
                L.Kind.END_WEAK,
                L.Kind.CHROME,
                L.Kind.TAGS,
            ):
                break
            if L.ends_sentence(following) and not following.endswith("."):
                break
            found.extend(p for p in _SPLIT.split(following) if p)
    return found


def _segment(text: str, vocabulary: set[str]) -> list[str] | None:
    """Split glued link text into the fewest known phrases, or None when it cannot be done."""
    n = len(text)
    best: list[tuple[int, int] | None] = [None] * (n + 1)  # (segments, start of last)
    best[0] = (0, 0)
    for end in range(1, n + 1):
        for start in range(max(0, end - _LONGEST_PHRASE), end):
            if best[start] is None:
                continue
            piece = text[start:end].strip().lower()
            if piece and piece in vocabulary and text[start:end] == text[start:end].rstrip():
                candidate = (best[start][0] + 1, start)  # type: ignore[index]
                if best[end] is None or candidate[0] < best[end][0]:  # type: ignore[index]
                    best[end] = candidate
    if best[n] is None:
        return None
    pieces = []
    end = n
    while end > 0:
        start = best[end][1]  # type: ignore[index]
        pieces.append(text[start:end].strip())
        end = start
    return pieces[::-1]


def _vocabulary(context: str, phrases: Iterable[str]) -> set[str]:
    tokens = list(map(str.lower, L.words(context)))
    vocab = set(tokens)
    vocab.update(map(" ".join, zip(tokens, tokens[1:], strict=False)))
    vocab.update(p.lower() for p in phrases)
    return vocab


def _nice_case(tag: str, context: str, canonical: dict[str, str]) -> str:
    key = tag.lower()
    if key in canonical:
        return canonical[key]
    if not tag.isupper() and not tag.islower():
        return tag
    match = re.search(rf"(?<!\w){re.escape(tag)}(?!\w)", context, re.IGNORECASE)
    if match:
        seen = match.group(0)
        if seen.isupper() and len(seen) <= 5:
            return seen  # an acronym: US, ISRO
        if not seen.isupper():
            return " ".join(w if w[:1].isupper() else w[:1].upper() + w[1:] for w in seen.split())
    return " ".join(w if (w.isupper() and len(w) <= 3) else w.capitalize() for w in tag.split())


def extract_tags(texts: Sequence[str], context: str, canonical: dict[str, str]) -> tuple[str, ...]:
    """Tags, deduplicated and nicely cased.

    ``context`` is the story text (known words for splitting glued tags); ``canonical`` maps
    lower-cased names and aliases of watch-list people to their canonical names.
    """
    vocab: set[str] | None = None  # built on the first glued tag: most pages have none
    tags: list[str] = []
    seen: set[str] = set()
    for raw in collect_tag_texts(texts):
        raw = raw.strip(" .:")
        if not raw:
            continue
        pieces = [raw]
        if raw.isupper() or raw.islower():
            if vocab is None:
                vocab = _vocabulary(context, canonical)
            pieces = _segment(raw, vocab) or [raw]
        elif _CAMEL.search(raw):
            pieces = [p for p in _CAMEL.split(raw) if p.strip()]
        for piece in pieces:
            nice = _nice_case(piece.strip(), context, canonical)
            if nice and nice.lower() not in seen:
                seen.add(nice.lower())
                tags.append(nice)
    return tuple(tags[:MAX_TAGS])
