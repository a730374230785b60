"""Fingerprints of a story's text for finding the same story from several outlets.

A story's fingerprint is the set of hashes of its five-word runs. It is kept packed, sorted, as
signed 64-bit integers (8 bytes a shingle): 10,000 stories as Python sets of ints took ~500 MB,
packed they take ~40 MB, cross process boundaries and the cache cheaply, and the smallest hashes
(the merge sketch) are simply the first ones.
"""

from __future__ import annotations

import zlib
from array import array

from generator.ingest import dedupe

SHINGLE_WORDS = 5

Fingerprint = bytes  # sorted, distinct shingle hashes, packed as array("q")


def _hashes(text: str) -> set[int]:
    # The words of each paragraph as dedupe.key finds them (and has kept, from cleaning the page):
    # no word spans a paragraph break.
    tokens = " ".join(map(dedupe.key, text.split("\n\n"))).split()
    crc = {t: zlib.crc32(t.encode()) for t in set(tokens)}  # words repeat: hash each once
    ids = [crc[t] for t in tokens]
    if len(ids) < SHINGLE_WORDS:
        return set(ids)
    # a tuple of ints hashes the same in every process, unlike a str
    return set(map(hash, zip(ids, ids[1:], ids[2:], ids[3:], ids[4:], strict=False)))


def shingles(text: str) -> frozenset[int]:
    """Hashes of every run of five words; stable across processes (no str hash randomisation)."""
    return frozenset(_hashes(text))


def fingerprint(text: str) -> Fingerprint:
    """The text's shingles, sorted and packed."""
    return pack(_hashes(text))


def pack(hashes: set[int] | frozenset[int]) -> Fingerprint:
    return array("q", sorted(hashes)).tobytes()


def unpack(fp: Fingerprint) -> set[int]:
    values = array("q")
    values.frombytes(fp)
    return set(values)


def smallest(fp: Fingerprint, count: int) -> tuple[int, ...]:
    """The ``count`` smallest hashes (the bottom-k sketch)."""
    values = array("q")
    values.frombytes(fp[: 8 * count])
    return tuple(values)


def size(fp: Fingerprint) -> int:
    return len(fp) // 8
