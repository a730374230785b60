"""Briefs on paper: Chromium's print to PDF, read back with pdftotext.

A short brief fits one page of A4 or Letter and carries what a reader needs to cite it (title, date,
source, addresses) and none of the site's navigation; a pillar page breaks between briefs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from generator.brief_file import read_brief

from .browsing import open_page
from .conftest import ServedSite
from .paper import holds, pdf_pages, split_blocks, squash
from .tools import REPO_ROOT, require_program

SHORT_BRIEF = "2025-03-17-sustainment-talks-cover-spares-for-transport-aircraft"
BRIEF_FILE = REPO_ROOT / "tests" / "data" / "reader_site" / "briefs" / f"{SHORT_BRIEF}.md"
PILLAR_PAGE = "pillars/logistics/"
TABLE_BRIEF = "briefs/2025-04-21-analyst-table/"  # a seven-column table, written by hand
PAPERS = ["A4", "Letter"]

# The print stylesheet taken away, to show the checks notice what it does.
DROP_PRINT_CSS = """() => {
    for (const sheet of document.styleSheets) {
        for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
            const rule = sheet.cssRules[i];
            if (rule.media && Array.from(rule.media).some(m => m.includes('print'))) sheet.deleteRule(i);
        }
    }
}"""
# Navigation texts, and the text of the main content without its navigation, as printed.
NAVIGATION = """() => {
    const links = document.querySelectorAll('nav a, body > header a, body > footer a, .skip-link');
    const main = document.querySelector('main').cloneNode(true);
    main.querySelectorAll('nav').forEach(n => n.remove());
    return {links: Array.from(links, a => a.textContent.trim()).filter(Boolean), main: main.textContent};
}"""
# Each listed brief on a pillar page, as the text pieces of its blocks (title, meta line, summary).
CARDS = """() => Array.from(document.querySelectorAll('main article'),
    card => Array.from(card.querySelectorAll('h2, h3, p'), el => el.textContent.trim()).filter(Boolean))"""


@pytest.fixture(scope="module")
def pdftotext() -> str:
    return require_program("pdftotext", "poppler-utils")


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    with open_page(browser) as (opened, _):
        yield opened


def printed(page: Any, pdftotext: str, url: str, paper: str, tweak: str | None = None) -> list[str]:
    """The text of each printed page of ``url``; ``tweak`` is JavaScript run on the page first."""
    page.goto(url)
    if tweak:
        page.evaluate(tweak)
    return pdf_pages(pdftotext, page.pdf(format=paper))


def printed_navigation(page: Any, pages: list[str]) -> list[str]:
    """Navigation link texts found in the PDF; texts the printed content itself uses are not counted."""
    found = page.evaluate(NAVIGATION)
    content = squash(found["main"])
    text = "\n".join(pages)
    return sorted({link for link in found["links"] if squash(link) not in content and holds(text, link)})


@pytest.mark.parametrize("paper", PAPERS)
def test_a_short_brief_prints_on_one_page(
    page: Any, pdftotext: str, reader_site: ServedSite, paper: str
) -> None:
    pages = printed(page, pdftotext, reader_site.url(f"briefs/{SHORT_BRIEF}/"), paper)
    assert len(pages) == 1, f"{len(pages)} pages; the last one holds: {pages[-1][:300]!r}"


@pytest.mark.parametrize("paper", PAPERS)
def test_a_printed_brief_says_what_where_and_when_without_navigation(
    page: Any, pdftotext: str, reader_site: ServedSite, paper: str
) -> None:
    url = reader_site.url(f"briefs/{SHORT_BRIEF}/")
    brief = read_brief(BRIEF_FILE, reader_site.config.site.tz)
    pages = printed(page, pdftotext, url, paper)
    text = "\n".join(pages)
    date_shown = page.locator("main time").first.inner_text()
    wanted = {"title": brief.title, "date": date_shown, "source": brief.sources[0].name}
    wanted |= {"source URL": brief.sources[0].url, "page URL": url}
    missing = {what: value for what, value in wanted.items() if not holds(text, value)}
    assert not missing, f"the printed brief lacks {missing}:\n{text}"
    assert not printed_navigation(page, pages), "navigation printed"


@pytest.mark.parametrize(
    ("paper", "print_css"),
    [("A4", True), ("A6", True), ("A6", False)],
    ids=["A4", "A6", "A6-without-print-css"],
)
def test_a_wide_table_prints_every_column(
    page: Any, pdftotext: str, reader_site: ServedSite, paper: str, print_css: bool
) -> None:
    """Paper cannot scroll: the table that scrolls in its own box on a phone takes the page's width
    in print, every column on the paper (without the print rules, narrow paper cuts its last ones off)."""
    url = reader_site.url(TABLE_BRIEF)
    text = "\n".join(printed(page, pdftotext, url, paper, None if print_css else DROP_PRINT_CSS))
    last_column = ["Notes from the talks", "trials in Ladakh planned", "licence notified to Congress"]
    assert all(holds(text, cell) for cell in last_column) is print_css, text


@pytest.mark.parametrize("paper", ["A4", "A6"])
def test_a_pillar_page_breaks_between_briefs(
    page: Any, pdftotext: str, reader_site: ServedSite, paper: str
) -> None:
    # A6 is small enough that a page of four briefs must break somewhere.
    pages = printed(page, pdftotext, reader_site.url(PILLAR_PAGE), paper)
    cards = page.evaluate(CARDS)
    assert len(cards) >= 3, "the pillar page lists too few briefs to test breaking"
    assert not split_blocks(pages, cards), f"{paper}: briefs split across pages: {split_blocks(pages, cards)}"


# --- the checks can fail ------------------------------------------------------------------------------


def test_without_print_css_navigation_is_noticed(page: Any, pdftotext: str, reader_site: ServedSite) -> None:
    pages = printed(page, pdftotext, reader_site.url(f"briefs/{SHORT_BRIEF}/"), "A4", tweak=DROP_PRINT_CSS)
    noticed = printed_navigation(page, pages)
    assert {"Latest", "Archive"} <= set(noticed), noticed


def test_a_long_brief_is_counted_as_several_pages(page: Any, pdftotext: str, reader_site: ServedSite) -> None:
    longer = "document.querySelector('main').insertAdjacentHTML('beforeend', '<p>Filler.</p>'.repeat(120))"
    pages = printed(page, pdftotext, reader_site.url(f"briefs/{SHORT_BRIEF}/"), "A4", tweak=longer)
    assert len(pages) > 1


@pytest.mark.parametrize("breaking, split_expected", [("auto", True), ("avoid", False)])
def test_split_check_tells_split_briefs_from_whole_ones(
    page: Any, pdftotext: str, reader_site: ServedSite, breaking: str, split_expected: bool
) -> None:
    # Cards taller than half an A6 page cannot sit two to a page: only break-inside decides if they split.
    style = f"main article {{ min-height: 90mm; break-inside: {breaking} !important; }}"
    tweak = f"() => document.head.insertAdjacentHTML('beforeend', '<style>{style}</style>')"
    pages = printed(page, pdftotext, reader_site.url(PILLAR_PAGE), "A6", tweak=tweak)
    assert bool(split_blocks(pages, page.evaluate(CARDS))) is split_expected
