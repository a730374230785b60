"""Fixtures: the hand-written test briefs rendered into temporary folders."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.site import render_site

from .helpers import BRIEFS, ROOT_URL, Built, make_config, quiet


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The test briefs rendered under a sub-path base URL (GitHub project pages)."""
    config = make_config(tmp_path_factory.mktemp("subpath"))
    return Built(config, render_site(config, quiet()))


@pytest.fixture(scope="session")
def built_at_root(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The same briefs rendered for a domain's root."""
    config = make_config(tmp_path_factory.mktemp("root"), base_url=ROOT_URL)
    return Built(config, render_site(config, quiet()))


@pytest.fixture
def briefs_copy(tmp_path: Path) -> Path:
    """A private copy of the test briefs that a test may edit."""
    folder = tmp_path / "briefs"
    shutil.copytree(BRIEFS, folder)
    return folder


@pytest.fixture
def build(tmp_path: Path) -> Callable[..., Built]:
    """Render with a fresh config in this test's tmp folder (same output folder every call)."""

    def run(**kwargs: Any) -> Built:
        config = make_config(tmp_path, **kwargs)
        return Built(config, render_site(config, quiet()))

    return run
