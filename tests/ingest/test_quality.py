"""Extraction quality over the hand-annotated test articles from several imagined news sites.

Each ``name.txt`` in tests/data/articles has a ``name.expected.yaml`` with the body, headline, date,
source and byline a person would give; the set is scored as the blind set is (``extraction_score``),
and each article's metadata must match exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from extraction_score import annotated, expected, score_set

from generator.ingest.article import ArticleContext, read_clean

ARTICLES = Path(__file__).resolve().parents[2] / "tests" / "data" / "articles"
CASES = annotated(ARTICLES)


def test_there_are_many_annotated_articles_from_several_sites() -> None:
    assert len(CASES) >= 12
    sources = {expected(p).get("source") for p in CASES}
    assert len(sources) >= 8


def test_extraction_quality_over_the_set(context: ArticleContext) -> None:
    score_set(CASES, context).check(source=0.95, byline=0.95)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_each_article_metadata(path: Path, context: ArticleContext) -> None:
    want = expected(path)
    clean = read_clean(path, path.read_bytes(), context)[0]
    assert clean.title == want["title"]
    assert clean.published.isoformat() == want["date"]
    for key, attribute in (("standfirst", "standfirst"), ("byline", "byline"), ("source", "source_name")):
        if key in want:
            assert getattr(clean, attribute) == want[key], key
    if "tags" in want:
        assert list(clean.tags) == want["tags"]
    paragraphs = [p.strip() for p in want["body"].split("\n\n") if p.strip()]
    assert list(clean.paragraphs) == paragraphs
