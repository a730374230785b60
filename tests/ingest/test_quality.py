"""Extraction quality over the hand-annotated test articles from several imagined news sites.

Each ``name.txt`` in tests/data/articles has a ``name.expected.yaml`` with the body, headline and
date a person would give; the body is scored by token precision/recall over the whole set.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from generator.ingest.article import ArticleContext, read_clean

ARTICLES = Path(__file__).resolve().parents[2] / "tests" / "data" / "articles"
CASES = sorted(p for p in ARTICLES.glob("*.txt") if p.with_suffix(".expected.yaml").exists())
_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def expected(path: Path) -> dict:
    return yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))


def test_there_are_many_annotated_articles_from_several_sites() -> None:
    assert len(CASES) >= 12
    sources = {expected(p).get("source") for p in CASES}
    assert len(sources) >= 8


def test_extraction_quality_over_the_set(context: ArticleContext) -> None:
    tp = got_total = want_total = 0
    titles = dates = 0
    misses: list[str] = []
    for path in CASES:
        want = expected(path)
        clean = read_clean(path, path.read_bytes(), context)[0]
        got, gold = tokens(clean.body), tokens(want["body"])
        tp += sum((got & gold).values())
        got_total += sum(got.values())
        want_total += sum(gold.values())
        if clean.title == want["title"]:
            titles += 1
        else:
            misses.append(f"{path.name}: title {clean.title!r}")
        if clean.published == datetime.fromisoformat(want["date"]) and clean.published.utcoffset() == (
            datetime.fromisoformat(want["date"]).utcoffset()
        ):
            dates += 1
        else:
            misses.append(f"{path.name}: date {clean.published.isoformat()}")
    precision, recall = tp / got_total, tp / want_total
    f1 = 2 * precision * recall / (precision + recall)
    print(f"\nbody P={precision:.3f} R={recall:.3f} F1={f1:.3f}; headline {titles}/{len(CASES)}; "
          f"date {dates}/{len(CASES)}")  # fmt: skip
    assert f1 >= 0.92, misses
    assert titles / len(CASES) >= 0.95, misses
    assert dates / len(CASES) >= 0.98, misses


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
