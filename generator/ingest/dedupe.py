"""Repeated paragraphs: scraped pages often carry the lead, or the whole story, twice."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

NEAR = 0.85  # token-set Jaccard above which two paragraphs are the same paragraph
_TOKEN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)  # the headline, standfirst and body passes key the same lines
def key(text: str) -> str:
    """Case, punctuation and spacing do not make a paragraph different."""
    return " ".join(_TOKEN.findall(text.lower()))


def unique(paragraphs: Iterable[str]) -> list[str]:
    """The paragraphs with exact and near-exact repeats removed, keeping the first of each."""
    items = list(paragraphs)
    return [items[i] for i in unique_indices(items)]


def unique_indices(paragraphs: Sequence[str]) -> list[int]:
    """Indices of the paragraphs that are not repeats of an earlier one.

    Near repeats are only compared within buckets sharing their first or last words, so the pass
    stays linear however long the page is.
    """
    kept: list[int] = []
    seen: set[str] = set()
    buckets: dict[str, list[set[str]]] = {}
    for index, paragraph in enumerate(paragraphs):
        k = key(paragraph)
        if not k or k in seen:
            continue
        tokens = k.split()
        token_set = set(tokens)
        ends = (" ".join(tokens[:4]), " ".join(tokens[-4:]))
        duplicate = any(
            len(token_set & other) / len(token_set | other) >= NEAR
            for end in ends
            for other in buckets.get(end, ())
        )
        if duplicate:
            continue
        seen.add(k)
        for end in ends:
            buckets.setdefault(end, []).append(token_set)
        kept.append(index)
    return kept
