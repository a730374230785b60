"""A moved brief's old address, in Chromium under the site's sub-path: it lands on the brief that has
the story now; the page is valid HTML (vnu). See tests/features/test_redirects.py for the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from .browsing import open_page
from .conftest import REPO, ServedSite
from .pages_server import serve
from .sites import build, collect_briefs, site_config
from .tools import require_vnu
from .vnu import validate_html

OLD = "2025-05-19-malabar-exercise-begins"


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("moved-pages")
    briefs = collect_briefs(root / "briefs")
    moves = root / "redirects.yaml"
    moves.write_text(f"{OLD}: malabar-2025\n", encoding="utf-8")
    with serve(tmp_path_factory.mktemp("moved-served"), REPO) as server:
        config = site_config(server.base_url, server.site_dir, briefs=briefs)
        config = replace(config, paths=replace(config.paths, redirects=moves))
        build(config)
        yield ServedSite(server, config)


def test_an_old_address_lands_on_the_brief(browser: Any, moved_site: ServedSite) -> None:
    with open_page(browser) as (page, trouble):
        page.goto(moved_site.url(f"briefs/{OLD}/"))
        page.wait_for_url(moved_site.url("briefs/malabar-2025/"))
        assert page.locator("h1").inner_text() == "Malabar naval exercise ends off Guam"
        assert not trouble.all(), trouble.all()


def test_the_old_address_page_is_valid_html(moved_site: ServedSite) -> None:
    java, jar = require_vnu()
    page: Path = moved_site.site_dir / "briefs" / OLD / "index.html"
    assert page.is_file()
    assert [str(m) for m in validate_html(java, jar, [page])] == []
