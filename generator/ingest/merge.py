"""Grouping articles that carry the same story (agency copy on several sites) without comparing all pairs.

Each article's bottom-k shingle hashes serve as bucket keys (a MinHash-style sketch): two copies of
one story share most shingles, so they almost surely share one of their smallest hashes and meet in
a bucket; only articles meeting in a bucket are compared, so 10,000 articles cost about 10,000 * k
bucket entries, not 50 million comparisons.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from generator.ingest import shingles
from generator.ingest.model import Digest

SKETCH_SIZE = 8
MAX_BUCKET = 64  # a hash shared by more articles than this is boilerplate, not a story
SAME_STORY_JACCARD = 0.5
SAME_STORY_CONTAINMENT = 0.8  # one outlet may cut the agency copy short
MAX_DAYS_APART = 3


MAX_APART = MAX_DAYS_APART * 86_400 * 1_000_000  # in microseconds, as Digest.instant
UNPACKED = 512  # unpacked fingerprints kept at once: a bucket's members, not all 10,000 (~30 KB each)


def _same_story(a: set[int], b: set[int]) -> bool:
    """Whether two fingerprints (unpacked) share enough shingles to be one story."""
    if not a or not b:
        return False
    common = len(a & b)
    if common == 0:
        return False
    jaccard = common / len(a | b)
    containment = common / min(len(a), len(b))
    return jaccard >= SAME_STORY_JACCARD or containment >= SAME_STORY_CONTAINMENT


Verdicts = dict[tuple[str, str], bool]  # (sha256, sha256), the smaller first -> same story?


def group_stories(articles: Sequence[Digest], verdicts: Verdicts | None = None) -> list[list[Digest]]:
    """Stories as lists of articles, the primary (earliest, then by file name) first; stories sorted alike.

    ``verdicts``: pairs of articles (by their bytes' hashes) already compared, by an earlier run:
    they are not compared again (a new article costs its own pairs, not all ~1,300 at 10,000);
    the pairs compared now are added.
    """
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    instants = [a.instant for a in articles]
    buckets: dict[int, list[int]] = {}
    for index, article in enumerate(articles):
        for value in shingles.smallest(article.shingles, SKETCH_SIZE):
            buckets.setdefault(value, []).append(index)

    @lru_cache(maxsize=UNPACKED)
    def shingle_set(i: int) -> set[int]:
        return shingles.unpack(articles[i].shingles)

    def _verdict(i: int, j: int) -> bool:
        a, b = articles[i].sha256, articles[j].sha256
        key = (a, b) if a < b else (b, a)
        known = verdicts.get(key) if verdicts is not None else None
        if known is None:
            known = _same_story(shingle_set(i), shingle_set(j))
            if verdicts is not None:
                verdicts[key] = known
        return known

    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        if not 2 <= len(members) <= MAX_BUCKET:
            continue
        # In time order, each article meets only those up to MAX_DAYS_APART later: a boilerplate
        # hash shared across years of articles costs no pair loop.
        members.sort(key=instants.__getitem__)
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if instants[j] - instants[i] > MAX_APART:
                    break
                pair = (i, j) if i < j else (j, i)
                if pair in checked or find(i) == find(j):
                    continue
                checked.add(pair)
                if _verdict(i, j):
                    parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for index in range(len(articles)):
        groups.setdefault(find(index), []).append(index)

    def primary_key(i: int) -> tuple[int, str]:
        return (instants[i], articles[i].file)

    stories = [sorted(group, key=primary_key) for group in groups.values()]
    stories.sort(key=lambda story: primary_key(story[0]))
    return [[articles[i] for i in story] for story in stories]
