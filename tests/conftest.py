"""Fixtures shared by every test folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the sample project (config, articles, templates) in a temporary folder."""
    shutil.copy(REPO / "briefing.yaml", tmp_path / "briefing.yaml")
    shutil.copytree(REPO / "content" / "articles", tmp_path / "content" / "articles")
    (tmp_path / "content" / "briefs").mkdir()
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    return tmp_path
