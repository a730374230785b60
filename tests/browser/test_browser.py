"""The site in a real browser (Debian's Chromium through Playwright), clicked through as a reader would.

No page may log a script error or fail a request; on a phone nothing may scroll sideways. Screenshots
of the main page kinds go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import feedparser
import pytest

from .browsing import DESKTOP, NARROWEST, PHONE, horizontal_overflow, open_page
from .conftest import ServedSite
from .pages_server import serve
from .sites import page_paths
from .tools import ARTIFACTS

PILLAR = "logistics"  # the reader set makes it the longest: 10 briefs, 4 a page, so the oldest on page/1/
RICH_BRIEF = "briefs/2025-04-14-quad-partners-and-india-us-ties/"  # markup characters, a very long URL
SCREENSHOT_PAGES = {"home": "", "pillar": f"pillars/{PILLAR}/", "brief": RICH_BRIEF}


def _h1(page: Any) -> str:
    return page.locator("h1").first.inner_text().strip()


def _click_and_wait(page: Any, link: Any) -> str:
    """Click a link like a reader and wait for the page it opens; the link's own text is returned."""
    text = link.inner_text().strip()
    with page.expect_navigation():
        link.click()
    return text


def test_reader_clicks_from_home_to_a_brief_its_neighbours_and_home(
    browser: Any, reader_site: ServedSite
) -> None:
    pillar_title = reader_site.config.pillar_by_slug[PILLAR].title
    with open_page(browser) as (page, trouble):
        page.goto(reader_site.url())
        _click_and_wait(page, page.get_by_role("link", name=pillar_title, exact=True).first)
        assert page.url == reader_site.url(f"pillars/{PILLAR}/")
        assert _h1(page) == pillar_title

        # The second brief of the pillar has a newer and an older neighbour.
        clicked = _click_and_wait(page, page.locator("main a[href*='briefs/']").nth(1))
        assert re.fullmatch(re.escape(reader_site.url("briefs/")) + r"[^/]+/", page.url), page.url
        assert _h1(page) == clicked
        brief_url = page.url

        neighbours = page.locator("main nav a")
        assert neighbours.count() == 2, "a brief in the middle of its pillar should link to both neighbours"
        neighbour = _click_and_wait(page, neighbours.last)
        assert _h1(page) == neighbour and page.url != brief_url
        # The neighbour link back carries the title of the brief we came from.
        _click_and_wait(page, page.locator("main nav a").filter(has_text=clicked).first)
        assert page.url == brief_url

        _click_and_wait(page, page.get_by_role("link", name=reader_site.config.site.title, exact=True).first)
        assert page.url == reader_site.url()
        assert not trouble.all(), "\n".join(trouble.all())


def test_pillar_pages_follow_on_to_the_older_page(browser: Any, reader_site: ServedSite) -> None:
    with open_page(browser) as (page, trouble):
        page.goto(reader_site.url(f"pillars/{PILLAR}/"))
        first_page = page.locator("main a[href*='briefs/']").first.get_attribute("href")
        _click_and_wait(page, page.locator("main a[rel=next]").first)
        assert page.url == reader_site.url(f"pillars/{PILLAR}/page/1/")
        assert page.locator("main a[href*='briefs/']").first.get_attribute("href") != first_page
        assert not trouble.all(), "\n".join(trouble.all())


def test_no_page_logs_errors_or_fails_a_request(browser: Any, reader_site: ServedSite) -> None:
    problems: dict[str, list[str]] = {}
    with open_page(browser) as (page, trouble):
        for path in page_paths(reader_site.site_dir):
            page.goto(reader_site.url(path), wait_until="load")
            if trouble.all():
                problems[path] = trouble.all()
                trouble.console_errors.clear()
                trouble.failed_requests.clear()
    assert not problems, problems


def test_tag_badges_do_not_look_like_pillar_badges(browser: Any, reader_site: ServedSite) -> None:
    looks = "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.borderTopStyle]; }"
    with open_page(browser) as (page, trouble):
        page.goto(reader_site.url(RICH_BRIEF))
        pillar = page.locator("main a.badge:not(.badge-tag)").first.evaluate(looks)
        tag = page.locator("main a.badge-tag").first.evaluate(looks)
        assert pillar[1] == "none" and tag[1] == "solid", (pillar, tag)
        assert pillar[0] != tag[0], (pillar, tag)
        assert not trouble.all(), "\n".join(trouble.all())


def test_text_in_a_right_to_left_script_reads_right_to_left(browser: Any, reader_site: ServedSite) -> None:
    """An Urdu brief's headline, summary, points and report ran left to right, its sentences' full
    stops at their start, in an English site; the site's own words stay left to right. Its words are
    in Urdu for a screen reader (``lang: ur``), the site's in English."""
    direction = "e => getComputedStyle(e).direction"
    language = "e => e.closest('[lang]').lang"
    with open_page(browser) as (page, trouble):
        page.goto(reader_site.url("briefs/urdu-brief/"))
        for selector in ("h1", ".bottom-line p", ".key-points ul", ".key-points li", ".report .body p"):
            assert page.locator(selector).first.evaluate(direction) == "rtl", selector
            assert page.locator(selector).first.evaluate(language) == "ur", selector
        for selector in (".key-points h2", ".sources li", "nav a"):
            assert page.locator(selector).first.evaluate(direction) == "ltr", selector
            assert page.locator(selector).first.evaluate(language) == "en", selector
        page.goto(reader_site.url(RICH_BRIEF))
        assert page.locator("h1").first.evaluate(direction) == "ltr"
        page.goto(reader_site.url("archive/"))
        link = page.locator("main a", has_text="دفاعی تعاون").first
        assert link.evaluate(direction) == "rtl"
        assert not trouble.all(), "\n".join(trouble.all())
        # and in a feed reader, which shows an item's content as it is (it ran left to right there)
        feed = feedparser.parse((reader_site.site_dir / "feed.xml").read_bytes())
        [urdu] = [e for e in feed.entries if e.link.endswith("/briefs/urdu-brief/")]
        page.set_content(f"<!doctype html><html lang=en><body>{urdu.content[0].value}</body></html>")
        for selector in ("h3 ~ p", "h3 ~ ul li", "h3 ~ div p"):  # summary, key points, report
            found = page.locator(selector).first
            assert found.evaluate(direction) == "rtl", (selector, found.inner_html())
        assert page.locator("h3").first.evaluate(direction) == "ltr"


def test_the_404_page_is_styled_and_leads_home(browser: Any, reader_site: ServedSite) -> None:
    missing = reader_site.url("briefs/2020-01-01-gone/deeper/")
    with open_page(browser) as (page, trouble):
        trouble.expected_statuses[missing] = 404
        response = page.goto(missing)
        assert response.status == 404
        # Styled means the stylesheet loaded and applied: the default serif body font is gone.
        assert page.evaluate("document.styleSheets.length") >= 1
        assert "Times" not in page.evaluate("getComputedStyle(document.body).fontFamily")
        _click_and_wait(page, page.get_by_role("link", name=reader_site.config.site.title, exact=True).first)
        assert page.url == reader_site.url()
        assert not trouble.all(), "\n".join(trouble.all())


@pytest.mark.parametrize("viewport", [PHONE, NARROWEST], ids=["375px", "320px"])
def test_no_page_scrolls_sideways_on_a_phone(browser: Any, reader_site: ServedSite, viewport: dict) -> None:
    overflowing = {}
    with open_page(browser, viewport=viewport, phone=True) as (page, _):
        for path in page_paths(reader_site.site_dir) + ["no-such-page/"]:
            page.goto(reader_site.url(path))
            if overflow := horizontal_overflow(page):
                overflowing[path or "/"] = overflow
    assert not overflowing, overflowing


TABLE_BRIEF = "briefs/2025-04-21-analyst-table/"
# Each cell of one word ("2027", "Platform") and how many lines its text takes.
ONE_WORD_CELLS = """() => Array.from(document.querySelectorAll('main td, main th'))
    .filter(cell => !/\\s/.test(cell.textContent.trim()))
    .map(cell => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return [cell.textContent.trim(), range.getClientRects().length];
    })"""


def test_a_wide_table_scrolls_in_its_box_on_a_phone_and_keeps_its_words(
    browser: Any, reader_site: ServedSite
) -> None:
    """An analyst's seven-column table fitted a phone only because every cell broke mid-word
    ("202 7", "Platf orm"): it now scrolls sideways in its own box, the page does not."""
    with open_page(browser, viewport=PHONE, phone=True) as (page, trouble):
        page.goto(reader_site.url(TABLE_BRIEF))
        cells = page.evaluate(ONE_WORD_CELLS)
        assert len(cells) >= 6, cells
        assert all(lines == 1 for _, lines in cells), cells
        table = page.locator("main table")
        assert table.evaluate("t => t.scrollWidth > t.clientWidth"), "the table does not scroll"
        assert horizontal_overflow(page) is None
        assert not trouble.all(), "\n".join(trouble.all())


def test_a_link_to_a_heading_of_the_brief_takes_the_reader_there(
    browser: Any, reader_site: ServedSite
) -> None:
    """``[the table](#the-deals)``, as the analyst's editor previews it, led nowhere: headings had no id."""
    with open_page(browser, viewport=PHONE, phone=True) as (page, trouble):
        page.goto(reader_site.url(TABLE_BRIEF))
        heading = page.get_by_role("heading", name="The deals")
        assert heading.evaluate("h => h.getBoundingClientRect().top") > PHONE["height"] / 2
        page.get_by_role("link", name="the table", exact=True).click()
        page.wait_for_url(reader_site.url(TABLE_BRIEF) + "#h-the-deals")
        top = heading.evaluate("h => h.getBoundingClientRect().top")
        assert 0 <= top < PHONE["height"] / 4, top  # scrolled to the top of the screen
        assert not trouble.all(), "\n".join(trouble.all())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_for_a_person_to_look_at(browser: Any, reader_site: ServedSite, scheme: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        with open_page(browser, viewport=viewport, color_scheme=scheme, phone=device == "phone") as (page, _):
            for name, path in SCREENSHOT_PAGES.items():
                page.goto(reader_site.url(path))
                shot = ARTIFACTS / f"{name}-{scheme}-{device}.png"
                page.screenshot(path=str(shot), full_page=True)
                assert shot.stat().st_size > 5_000, f"{shot} looks blank"


def test_dark_colour_scheme_changes_the_page(browser: Any, reader_site: ServedSite) -> None:
    backgrounds = {}
    for scheme in ("light", "dark"):
        with open_page(browser, color_scheme=scheme) as (page, _):
            page.goto(reader_site.url(RICH_BRIEF))
            backgrounds[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert backgrounds["light"] != backgrounds["dark"], backgrounds


# --- the checks can fail ------------------------------------------------------------------------------

BROKEN_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Broken</title>
<link rel="stylesheet" href="missing.css"></head>
<body><p>Broken</p><script>console.error("boom"); undefinedFunction();</script></body></html>
"""


def test_watcher_notices_script_errors_and_failed_requests(browser: Any, tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "index.html").write_text(BROKEN_PAGE, encoding="utf-8")
    with serve(tmp_path, "repo") as server, open_page(browser) as (page, trouble):
        page.goto(server.base_url)
    report = "\n".join(trouble.all())
    assert (
        "boom" in report
        and "undefinedFunction" in report
        and "404: " + server.base_url + "missing.css" in report
    )


def test_overflow_check_notices_a_page_too_wide_for_a_phone(browser: Any, reader_site: ServedSite) -> None:
    with open_page(browser, viewport=PHONE, phone=True) as (page, _):
        page.goto(reader_site.url())
        assert horizontal_overflow(page) is None
        wide = "<p style='width: 900px'>too wide</p>"
        page.evaluate(f"document.querySelector('main').insertAdjacentHTML('beforeend', {wide!r})")
        assert horizontal_overflow(page) is not None
