"""Session fixtures: the sites are built once, served once, and Chromium is launched once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.config import Config
from generator.site import search

from .pages_server import PagesServer, serve
from .sites import READER_BUNDLE_MEAN, READER_PER_PAGE, collect_briefs, site_config
from .sites import build as build_site
from .tools import CHROMIUM_ARGS, require_chromium, require_playwright

REPO = "india-us-briefing"  # the sample config's project-site path


@dataclass(frozen=True)
class ServedSite:
    server: PagesServer
    config: Config

    @property
    def base_url(self) -> str:
        return self.server.base_url

    @property
    def site_dir(self) -> Path:
        return self.server.site_dir

    def url(self, path: str = "") -> str:
        """The absolute URL of a path relative to the site's base."""
        return self.base_url + path.lstrip("/")


def _serve_and_build(
    root: Path, briefs: Path | None, listing: dict[str, int] | None, bundle_mean: int | None = None
) -> Iterator[ServedSite]:
    # The port is only known once the server listens, and the build needs it in its base URL.
    with serve(root, REPO) as server, pytest.MonkeyPatch.context() as patch:
        config = site_config(server.base_url, server.site_dir, briefs=briefs, listing=listing)
        if bundle_mean is not None:
            patch.setattr(search, "bundle_mean", lambda count: bundle_mean)
        build_site(config)
        patch.undo()
        yield ServedSite(server, config)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The sample project exactly as configured (content/briefs), built for a sub-path base URL."""
    yield from _serve_and_build(tmp_path_factory.mktemp("sample-pages"), None, None)


@pytest.fixture(scope="session")
def reader_briefs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return collect_briefs(tmp_path_factory.mktemp("reader-briefs"))


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory: pytest.TempPathFactory, reader_briefs: Path) -> Iterator[ServedSite]:
    """Every brief set the project has, with short pillar pages so pagination is exercised, and search
    bundles of ~3 briefs so the search page merges several."""
    root = tmp_path_factory.mktemp("reader-pages")
    yield from _serve_and_build(root, reader_briefs, {"per_page": READER_PER_PAGE}, READER_BUNDLE_MEAN)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright; Playwright's own browser download is unreachable here."""
    require_playwright()
    chromium = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
