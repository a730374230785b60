"""Fixtures for the ingest tests: a context built from the sample config, and article helpers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.config import Config, load_config
from generator.ingest.article import ArticleContext, read_clean
from generator.ingest.model import CleanArticle
from generator.ingest.people import PeopleMatcher
from generator.ingest.pillars import PillarClassifier

REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO / "tests" / "data" / "articles"
NOW = datetime(2025, 8, 1, tzinfo=UTC)


@pytest.fixture(scope="session")
def sample_config() -> Config:
    return load_config(REPO / "briefing.yaml")


@pytest.fixture(scope="session")
def context(sample_config: Config) -> ArticleContext:
    return ArticleContext(
        root=REPO,
        site_tz=sample_config.site.tz,
        now=NOW,
        matcher=PeopleMatcher(sample_config.people),
        classifier=PillarClassifier(sample_config.pillars),
    )


@pytest.fixture
def clean_text(context: ArticleContext, tmp_path: Path) -> Callable[[str], CleanArticle]:
    """Clean a dump given as text (header line included)."""

    def run(text: str, name: str = "article.txt") -> CleanArticle:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return read_clean(path, path.read_bytes(), context)[0]

    return run


def write_config(root: Path, extra: str = "") -> Config:
    """A project in ``root`` using the sample taxonomy, articles in content/articles."""
    text = (REPO / "briefing.yaml").read_text(encoding="utf-8") + extra
    (root / "briefing.yaml").write_text(text, encoding="utf-8")
    (root / "content" / "articles").mkdir(parents=True, exist_ok=True)
    (root / "content" / "briefs").mkdir(parents=True, exist_ok=True)
    return load_config(root / "briefing.yaml")
