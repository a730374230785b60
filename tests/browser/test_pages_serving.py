"""The site served the way GitHub Pages serves a project site: under /<repo>/, 404.html for unknowns.

Every internal link, stylesheet, feed and image must answer 200 without a redirect, every page must be
reachable by following links from the home page, and the 404 page must work at any depth.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urldefrag

import pytest

from .conftest import REPO, ServedSite
from .crawler import crawl, fetch, html_references
from .pages_server import serve
from .sites import page_paths


def _entry_points(site: ServedSite) -> list[str]:
    # Readers arrive at the home page; feed clients and search engines at the feeds and sitemap.
    return [
        site.url(),
        site.url("feed.xml"),
        site.url("atom.xml"),  # issue 8: every feed format
        site.url("feed.json"),
        site.url("sitemap.xml"),
        site.url("robots.txt"),
        site.url("404.html"),
    ]


@pytest.mark.parametrize("which", ["sample_site", "reader_site"])
def test_every_internal_reference_answers_200(which: str, request: pytest.FixtureRequest) -> None:
    site: ServedSite = request.getfixturevalue(which)
    result = crawl(_entry_points(site), site.server.origin)
    assert not result.problems, "broken references:\n" + "\n".join(result.problems)
    assert site.url() in result.html_pages
    assert any(url.endswith(".css") or ".css?" in url for url in result.statuses), "no stylesheet was checked"


def test_every_page_is_reachable_by_links_from_home(reader_site: ServedSite) -> None:
    result = crawl([reader_site.url()], reader_site.server.origin)
    unreached = [p for p in page_paths(reader_site.site_dir) if reader_site.url(p) not in result.html_pages]
    assert not unreached, f"pages no link leads to: {unreached}"


def test_sitemap_lists_exactly_the_pages_built(reader_site: ServedSite) -> None:
    from lxml import etree

    sitemap = etree.fromstring(fetch(reader_site.url("sitemap.xml")).body)
    listed = {loc.text.strip() for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    built = {reader_site.url(p) for p in page_paths(reader_site.site_dir)}
    assert listed == built, f"missing: {sorted(built - listed)}; extra: {sorted(listed - built)}"


@pytest.mark.parametrize(
    "unknown", ["no-such-page", "briefs/no-such-brief/", "pillars/logistics/page/99/x.html"]
)
def test_unknown_path_gets_the_sites_404_page_with_working_links(
    reader_site: ServedSite, unknown: str
) -> None:
    response = fetch(reader_site.url(unknown))
    assert response.status == 404
    assert response.body == (reader_site.site_dir / "404.html").read_bytes()
    # Pages serves 404.html at whatever depth was asked for, so its links must not be relative.
    references, ids = html_references(response.body, response.url)
    # In-page anchors (the skip link) point at the unknown URL itself; they only need their target id.
    in_page = [u for u in references if urldefrag(u).url == response.url]
    assert all(urldefrag(u).fragment in ids for u in in_page), f"in-page anchors without a target: {in_page}"
    result = crawl([u for u in references if u not in in_page], reader_site.server.origin)
    assert not result.problems, f"404 page served at /{unknown}:\n" + "\n".join(result.problems)
    assert reader_site.url() in result.statuses, "the 404 page has no link home"


# --- the checks can fail: a broken copy of the real site, and the stand-in's own Pages behaviour ---------


def _broken_copy(site: ServedSite, root: Path) -> tuple[Path, str]:
    """A copy of the site with a brief deleted and bad links added to the home page."""
    copy = root / REPO
    shutil.copytree(site.site_dir, copy)
    victim = next(p for p in page_paths(copy) if p.startswith("briefs/"))
    shutil.rmtree(copy / victim)
    home = copy / "index.html"
    bad_links = '<a href="pillars">no slash</a><a href="archive/#nowhere">bad anchor</a>'
    bad_links += '<link rel="stylesheet" href="assets/missing.css"><img src="/elsewhere.png" alt="x">'
    home.write_text(
        home.read_text(encoding="utf-8").replace("</body>", bad_links + "</body>"), encoding="utf-8"
    )
    return copy, victim


def test_crawler_reports_every_kind_of_broken_reference(reader_site: ServedSite, tmp_path: Path) -> None:
    copy, victim = _broken_copy(reader_site, tmp_path)
    with serve(tmp_path, REPO) as server:
        result = crawl([server.base_url], server.origin)
    report = "\n".join(result.problems)
    assert f"/{REPO}/{victim}: HTTP 404" in report, report  # a deleted page that links still point to
    assert f"/{REPO}/pillars: HTTP 301" in report, report  # works only through a redirect
    assert f"/{REPO}/archive/#nowhere: no element has id 'nowhere'" in report, report
    assert f"/{REPO}/assets/missing.css: HTTP 404" in report, report
    assert f"{server.origin}/elsewhere.png: HTTP 404" in report, report  # outside the project site


def test_stand_in_behaves_like_github_pages(reader_site: ServedSite) -> None:
    server = reader_site.server
    assert fetch(reader_site.url("pillars")).status == 301
    assert fetch(reader_site.url("pillars/")).status == 200
    assert fetch(reader_site.url("pillars/index.html")).status == 200
    outside = fetch(server.origin + "/other-repo/")
    assert outside.status == 404 and outside.body != (reader_site.site_dir / "404.html").read_bytes()
    assert "xml" in fetch(reader_site.url("feed.xml")).content_type
