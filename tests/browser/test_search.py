"""Search in Chromium, on the site served under its sub-path: typing a word from a brief lists that brief;
the pillar and year filters narrow the list; a query in the address (?q=) is run; with JavaScript off the
search form is absent and the page says where else to look. Issue 8.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from .browsing import open_page
from .conftest import ServedSite

RESULTS = "#search-results a"


def _results(page: Any) -> list[str]:
    return [a.get_attribute("href") for a in page.locator(RESULTS).all()]


def _wait_for_status(page: Any) -> str:
    page.wait_for_function("document.getElementById('search-status').textContent.trim() !== ''")
    return page.locator("#search-status").inner_text()


def test_typing_a_word_from_a_brief_lists_that_brief(browser: Any, reader_site: ServedSite) -> None:
    with open_page(browser) as (page, trouble):
        page.goto(reader_site.url("search/"))
        page.locator("#search-q").press_sequentially("Malabar", delay=20)
        page.wait_for_selector(RESULTS)
        assert _wait_for_status(page) == "1 brief found."
        assert _results(page) == [reader_site.url("briefs/malabar-2025/")]
        # The result opens the brief.
        with page.expect_navigation():
            page.locator(RESULTS).first.click()
        assert page.locator("h1").inner_text() == "Malabar naval exercise ends off Guam"
        assert not trouble.all(), trouble.all()


def test_filters_narrow_results_by_year_and_pillar(browser: Any, reader_site: ServedSite) -> None:
    with open_page(browser) as (page, trouble):
        page.goto(reader_site.url("search/?q=refuelling"))
        page.wait_for_selector(RESULTS)
        both = set(_results(page))
        assert {reader_site.url("briefs/lemoa-refuelling/")} < both, both
        page.select_option("#search-year", "2024")
        page.wait_for_function("document.getElementById('search-status').textContent === '1 brief found.'")
        assert _results(page) == [reader_site.url("briefs/lemoa-refuelling/")]
        assert page.url.endswith("search/?q=refuelling&year=2024"), page.url
        page.select_option("#search-year", "")
        page.select_option("#search-pillar", "Intelligence")
        page.wait_for_function("document.getElementById('search-status').textContent === 'No briefs found.'")
        assert _results(page) == []
        assert not trouble.all(), trouble.all()


def test_only_briefs_are_indexed(browser: Any, reader_site: ServedSite) -> None:
    # "Pillars" is in every page's navigation and in list pages' text: no result may be a list page.
    with open_page(browser) as (page, _):
        page.goto(reader_site.url("search/?q=briefs"))
        _wait_for_status(page)
        assert all("/briefs/" in url for url in _results(page)), _results(page)


def test_without_javascript_search_is_absent(browser: Any, reader_site: ServedSite) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(reader_site.url("search/"))
        assert not page.locator("#search").is_visible()
        assert not page.locator("#search-q").is_visible()
        assert "Search needs JavaScript" in page.locator("main").inner_text()
        # The rest of the site works: the note's links lead on.
        with page.expect_navigation():
            page.get_by_role("link", name="pillar", exact=True).click()
        assert page.url == reader_site.url("pillars/")
    finally:
        context.close()


def _brief_date(site: ServedSite, url: str) -> str:
    page = site.site_dir / "briefs" / url.rstrip("/").rpartition("/")[2] / "index.html"
    found = re.search(r'<time datetime="([^"]+)" data-pagefind-meta', page.read_text(encoding="utf-8"))
    assert found, page
    return datetime.fromisoformat(found.group(1)).astimezone(UTC).isoformat()


def test_several_bundles_are_searched_as_one(browser: Any, reader_site: ServedSite) -> None:
    # The reader site's index is split into several bundles (READER_BUNDLE_MEAN); a filter without
    # words lists every brief of the year from all of them, newest first, as one index would.
    search_page = (reader_site.site_dir / "search" / "index.html").read_text(encoding="utf-8")
    bundles = re.search(r'data-bundles="([^"]*)"', search_page)
    assert bundles and len(bundles.group(1).split()) >= 3, bundles
    of_2025 = [p for p in (reader_site.site_dir / "briefs").glob("*/index.html")
               if 'data-pagefind-filter="year:2025"' in p.read_text(encoding="utf-8")]  # fmt: skip
    assert len(of_2025) > 3
    with open_page(browser) as (page, trouble):
        page.goto(reader_site.url("search/?year=2025"))
        assert _wait_for_status(page) == f"{len(of_2025)} briefs found."
        dates = [_brief_date(reader_site, url) for url in _results(page)]
        assert len(dates) == len(of_2025) and dates == sorted(dates, reverse=True), dates
        assert not trouble.all(), trouble.all()
