"""Briefing books: one per month and one per pillar (its newest ``books.latest``), each a cover, a table
of contents whose links reach every brief, a one-page overview, then the briefs in full."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from render.helpers import DATA, Built, select

from generator.check import check_site
from generator.config import parse_config
from generator.errors import ConfigError
from generator.site.books import rebase_links


def book_dirs(site: Built) -> list[str]:
    return sorted(p.parent.name for p in (site.root / "books").glob("*/index.html"))


def test_a_book_per_month_and_per_pillar_with_briefs(site: Built) -> None:
    months = {b.date.strftime("%Y-%m") for b in _briefs(site)}
    pillars = {p for b in _briefs(site) for p in b.pillars}
    assert set(book_dirs(site)) == months | pillars
    assert "counter-terrorism" not in book_dirs(site)  # no briefs, no book


def _briefs(site: Built) -> list:  # the published briefs, read the way the renderer reads them
    from generator.site.load import load_briefs

    return load_briefs(site.config).briefs


def test_pillar_book_holds_the_newest_n_newest_first(site: Built) -> None:
    doc = site.html("books/logistics/index.html")
    sections = select(doc, "section.book-brief")
    logistics = [b for b in _briefs(site) if "logistics" in b.pillars]
    assert len(logistics) > 3 == site.config.books.latest == len(sections)
    assert [s.get("id") for s in sections] == [f"b-{b.slug}" for b in logistics[:3]]


def test_cover_contents_and_overview(site: Built) -> None:
    doc = site.html("books/2025-09/index.html")
    assert select(doc, "h1")[0].text_content().strip() == "September 2025"
    assert "3 September 2025 to 5 September 2025" in select(doc, ".book-period")[0].text_content()
    ids = {e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")}
    targets = [a.get("href") for a in select(doc, ".book-toc a")]
    assert targets[0] == "#overview" and len(targets) == 1 + 3
    assert all(t.startswith("#") and t[1:] in ids for t in targets), targets
    overview = select(doc, ".book-overview")[0].text_content()
    assert "Logistics · 3 briefs" in " ".join(overview.split())
    assert "Summary of people brief 5." in overview


def test_book_body_links_still_reach_their_targets(site: Built) -> None:
    # A brief's body links are relative to its own page; in a book they must be rewritten.
    assert rebase_links('<a href="../other/">x</a>', "briefs/a/", "books/2025-07/") == (
        '<a href="../../briefs/other/">x</a>'
    )
    assert (
        rebase_links('<a href="#n1">x</a>', "briefs/a/", "books/a/") == '<a href="../../briefs/a/#n1">x</a>'
    )
    kept = '<a href="https://example.org/x">x</a>'
    assert rebase_links(kept, "briefs/a/", "books/b/") == kept
    # a link to a brief of the same book stays in the book (and in its PDF), to that brief's section
    inside = {"briefs/other/": "b-other"}
    assert (
        rebase_links('<a href="../other/">x</a>', "briefs/a/", "books/b/", inside)
        == '<a href="#b-other">x</a>'
    )
    assert rebase_links('<a href="../third/">x</a>', "briefs/a/", "books/b/", inside) == (
        '<a href="../../briefs/third/">x</a>'
    )
    assert check_site(site.config) == []


def test_archive_and_pillar_pages_link_their_books(site: Built) -> None:
    archive = [a.get("href") for a in select(site.html("archive/index.html"), "a")]
    assert "../books/2025-09/" in archive and "../books/" in archive
    pillar = [a.get("href") for a in select(site.html("pillars/logistics/index.html"), "a")]
    assert "../../books/logistics/" in pillar


def test_book_pages_are_in_the_sitemap(site: Built) -> None:
    sitemap = site.text("sitemap.xml")
    for key in book_dirs(site):
        assert f"{site.config.site.base_url}books/{key}/</loc>" in sitemap
    assert f"{site.config.site.base_url}books/</loc>" in sitemap


# --- config: books.latest -----------------------------------------------------------------------------


def _config(tmp_path: Path, books: object) -> object:
    data = yaml.safe_load((DATA / "site.yaml").read_text(encoding="utf-8"))
    if books is not None:
        data["books"] = books
    return parse_config(data, tmp_path / "briefing.yaml")


def test_books_latest_defaults_to_20(tmp_path: Path) -> None:
    assert _config(tmp_path, None).books.latest == 20
    assert _config(tmp_path, {"latest": 5}).books.latest == 5


@pytest.mark.parametrize(
    "books, message",
    [
        ({"latest": 0}, "books.latest: expected a whole number of at least 1"),
        ({"latest": "ten"}, "books.latest: expected a whole number"),
        ({"latest": True}, "books.latest: expected a whole number"),
        ({"lastest": 3}, "books.lastest: unknown key"),
        ([3], "books: expected a mapping"),
    ],
)
def test_bad_books_settings_are_named(tmp_path: Path, books: object, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        _config(tmp_path, books)
    assert message in str(raised.value)
