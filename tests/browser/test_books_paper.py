"""Briefing books on paper (issue 8): Chromium's print to PDF, read back with pdftotext.

A book prints as a cover, the contents, a one-page overview, then each brief starting on a page of its
own: so its page count is the number of briefs plus three, give or take a long brief running over. No
navigation is printed.
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import ServedSite
from .paper import holds, page_of
from .test_paper import printed, printed_navigation

FRONT_MATTER = 3  # cover, contents, overview
BOOKS = ["books/logistics/", "books/2025-03/"]
TITLES = "() => Array.from(document.querySelectorAll('.book-brief h2'), h => h.textContent.trim())"


@pytest.fixture(scope="module")
def pdftotext() -> str:
    from .tools import require_program

    return require_program("pdftotext", "poppler-utils")


@pytest.mark.parametrize("book", BOOKS)
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_book_prints_a_page_per_brief_after_its_front_matter(
    page: Any, pdftotext: str, reader_site: ServedSite, book: str, paper: str
) -> None:
    pages = printed(page, pdftotext, reader_site.url(book), paper)
    titles = page.evaluate(TITLES)
    assert len(titles) >= 3, "too few briefs in the book to test it"
    # Within reason: a long brief may run onto a second page.
    assert FRONT_MATTER + len(titles) <= len(pages) <= FRONT_MATTER + len(titles) + len(titles) // 3 + 1, (
        f"{len(pages)} pages for {len(titles)} briefs"
    )
    heading = page.locator("h1").inner_text()
    assert holds(pages[0], heading) and "Contents" not in pages[0], "the cover is not a page of its own"
    assert holds(pages[1], "Contents") and holds(pages[FRONT_MATTER - 1], "Overview")
    # (Searched after the front matter: the contents list every title too.)
    found = [page_of(pages[FRONT_MATTER:], title) for title in titles]
    assert None not in found, f"a brief's title is split or missing: {found}"
    starts = [FRONT_MATTER + i for i in found if i is not None]
    # Each brief starts a new page: its title is on a later page than the previous brief's.
    assert all(b > a for a, b in zip(starts, starts[1:], strict=False)), starts
    assert starts[0] == FRONT_MATTER, starts
    assert not printed_navigation(page, pages), "navigation printed"


@pytest.fixture(scope="module")
def page(browser: Any) -> Any:
    from .browsing import open_page

    with open_page(browser) as (opened, _):
        yield opened
