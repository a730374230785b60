"""GitHub Pages furniture: sitemap.xml, robots.txt, .nojekyll, 404.html."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .helpers import SUB_PATH_URL, Built

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def entries(built: Built) -> dict[str, str | None]:
    tree = ET.fromstring((built.root / "sitemap.xml").read_bytes())
    return {u.findtext(f"{NS}loc"): u.findtext(f"{NS}lastmod") for u in tree.iter(f"{NS}url")}


def test_sitemap_lists_every_page_but_404_with_absolute_urls(built: Built) -> None:
    found = entries(built)
    assert len(found) == built.report.pages - 1
    assert all(loc.startswith(SUB_PATH_URL) for loc in found)
    assert SUB_PATH_URL + "404.html" not in found
    assert SUB_PATH_URL + "briefs/draft-brief/" not in found
    assert SUB_PATH_URL + "pillars/defence-industry/page/1/" in found


def test_sitemap_lastmod_is_the_newest_brief_shown(built: Built) -> None:
    found = entries(built)
    assert found[SUB_PATH_URL + "briefs/pentagon-readout/"] == "2025-06-30T20:00:00-04:00"
    assert found[SUB_PATH_URL] == "2025-07-20T12:00:00+05:30"
    assert found[SUB_PATH_URL + "pillars/defence-industry/page/1/"] == "2025-03-02T08:00:00+05:30"
    assert found[SUB_PATH_URL + "pillars/counter-terrorism/"] is None  # nothing shown, no date to claim


def test_robots_points_at_the_sitemap(built: Built) -> None:
    assert f"Sitemap: {SUB_PATH_URL}sitemap.xml" in (built.root / "robots.txt").read_text().splitlines()


def test_pages_furniture(built: Built) -> None:
    assert (built.root / ".nojekyll").is_file()
    assert (built.root / "404.html").is_file()
    assert (built.root / "assets/style.css").read_bytes() == (
        built.config.paths.templates / "static/style.css"
    ).read_bytes()
