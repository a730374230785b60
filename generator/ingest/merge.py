"""Grouping articles that carry the same story (agency copy on several sites) without comparing all pairs.

Each article's bottom-k shingle hashes serve as bucket keys (a MinHash-style sketch): two copies of
one story share most shingles, so they almost surely share one of their smallest hashes and meet in
a bucket; only articles meeting in a bucket are compared, so 10,000 articles cost about 10,000 * k
bucket entries, not 50 million comparisons.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from generator.ingest.model import IngestedArticle

SKETCH_SIZE = 8
MAX_BUCKET = 64  # a hash shared by more articles than this is boilerplate, not a story
SAME_STORY_JACCARD = 0.5
SAME_STORY_CONTAINMENT = 0.8  # one outlet may cut the agency copy short
MAX_DAYS_APART = 3


def _same_story(a: IngestedArticle, b: IngestedArticle) -> bool:
    if abs((a.clean.published - b.clean.published).total_seconds()) > MAX_DAYS_APART * 86400:
        return False
    if not a.shingles or not b.shingles:
        return False
    common = len(a.shingles & b.shingles)
    if common == 0:
        return False
    jaccard = common / len(a.shingles | b.shingles)
    containment = common / min(len(a.shingles), len(b.shingles))
    return jaccard >= SAME_STORY_JACCARD or containment >= SAME_STORY_CONTAINMENT


def _primary_key(article: IngestedArticle) -> tuple[float, str]:
    return (article.clean.published.timestamp(), article.file)


def group_stories(articles: Sequence[IngestedArticle]) -> list[list[IngestedArticle]]:
    """Stories as lists of articles, the primary (earliest, then by file name) first; stories sorted alike."""
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[int, list[int]] = {}
    for index, article in enumerate(articles):
        for value in heapq.nsmallest(SKETCH_SIZE, article.shingles):
            buckets.setdefault(value, []).append(index)
    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        if not 2 <= len(members) <= MAX_BUCKET:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                pair = (i, j)
                if pair in checked or find(i) == find(j):
                    continue
                checked.add(pair)
                if _same_story(articles[i], articles[j]):
                    parent[find(j)] = find(i)
    groups: dict[int, list[IngestedArticle]] = {}
    for index, article in enumerate(articles):
        groups.setdefault(find(index), []).append(article)
    stories = [sorted(group, key=_primary_key) for group in groups.values()]
    return sorted(stories, key=lambda story: _primary_key(story[0]))
