"""Fingerprints of a story's text for finding the same story from several outlets."""

from __future__ import annotations

import re
import zlib

SHINGLE_WORDS = 5
_TOKEN = re.compile(r"[^\W_]+")


def shingles(text: str) -> frozenset[int]:
    """Hashes of every run of five words; stable across processes (no str hash randomisation)."""
    ids = [zlib.crc32(t.encode()) for t in _TOKEN.findall(text.lower())]
    if len(ids) < SHINGLE_WORDS:
        return frozenset(ids)
    # a tuple of ints hashes the same in every process, unlike a str
    return frozenset(hash(tuple(ids[i : i + SHINGLE_WORDS])) for i in range(len(ids) - SHINGLE_WORDS + 1))
