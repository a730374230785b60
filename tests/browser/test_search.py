"""Search in Chromium, on the site served under its sub-path: typing a word from a brief lists that brief;
the pillar and year filters narrow the list; a query in the address (?q=) is run; with JavaScript off the
search form is absent and the page says where else to look. Issue 8.
"""

from __future__ import annotations

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
