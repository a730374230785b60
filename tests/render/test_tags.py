"""Tag pages: one per tag (spellings that differ only in case or punctuation share it), newest first,
paginated like a pillar's; an index of every tag; each brief's tags link to them."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import feedparser
import lxml.html
import pytest

from generator.brief_file import dump_brief
from generator.model import Brief, Source
from generator.site import render_site
from generator.site.structure import tag_slug

from .helpers import Built, make_config, quiet, select

HINDI = "भारत"  # no ASCII letters: its page is named by transliteration
# (day, tags): per_page is 3 in tests/data/site.yaml, so "QUAD" (seven briefs) has a page/1/.
TAGGED = [
    (1, ["QUAD", "Indo-Pacific"]),
    (2, ["Quad", "Indo-Pacific"]),
    (3, ["QUAD"]),
    (4, ["QUAD", "Quad", HINDI]),  # the same tag twice in one brief
    (5, ["quad", "Shipbuilding"]),
    (6, ["QUAD"]),
    (7, ["Quad"]),
]


def _brief(day: int, tags: list[str]) -> Brief:
    date = datetime.fromisoformat("2025-05-01T09:00:00+05:30") + timedelta(days=day)
    return Brief(
        slug=f"tagged-{day}",
        title=f"Tagged brief {day}",
        date=date,
        body=f"Body of tagged brief {day}.",
        summary=f"Summary {day}.",
        pillars=["logistics"],
        tags=tags,
        sources=[Source(name="Tag Wire", url=f"https://news.example.org/t{day}", published=date)],
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("tags")
    briefs = tmp / "briefs"
    briefs.mkdir()
    for day, tags in TAGGED:
        (briefs / f"tagged-{day}.md").write_text(dump_brief(_brief(day, tags)), encoding="utf-8")
    config = make_config(tmp, briefs=briefs)
    return Built(config, render_site(config, quiet()))


def _titles(doc: lxml.html.HtmlElement) -> list[str]:
    return [a.text_content() for a in select(doc, ".card-title a")]


def test_spellings_of_one_tag_share_a_page_named_as_most_briefs_spell_it(site: Built) -> None:
    first = site.html("tags/quad/index.html")
    assert select(first, "h1")[0].text_content() == "QUAD"  # QUAD 4 briefs, Quad 2, quad 1
    assert select(first, ".meta")[0].text_content() == "7 briefs · RSS feed"
    assert _titles(first) == [f"Tagged brief {day}" for day in (7, 6, 5, 4)]
    older = site.html("tags/quad/page/1/index.html")
    assert _titles(older) == ["Tagged brief 3", "Tagged brief 2", "Tagged brief 1"]
    # The pages link each other, for readers and for crawlers.
    assert select(first, ".pager-older a")[0].get("href") == "../../tags/quad/page/1/"
    assert select(older, ".pager-newer a")[0].get("href") == "../../../../tags/quad/"
    assert select(older, "link[rel=prev]")[0].get("href") == "../../../../tags/quad/"


def test_each_tag_has_feeds_of_its_newest_briefs_that_its_page_announces(site: Built) -> None:
    """A desk following one subject ("Quad") across pillars had no feed to subscribe to."""
    base = site.config.site.base_url
    rss = feedparser.parse((site.root / "tags/quad/feed.xml").read_bytes())
    assert not rss.bozo and rss.feed.title == f"QUAD · {site.config.site.title}"
    assert rss.feed.link == base + "tags/quad/"
    links = [entry.link for entry in rss.entries]
    assert links == [f"{base}briefs/tagged-{day}/" for day in (7, 6, 5, 4)]  # feeds.items: 4
    atom = feedparser.parse((site.root / "tags/quad/atom.xml").read_bytes())
    feed_json = json.loads((site.root / "tags/quad/feed.json").read_text(encoding="utf-8"))
    assert [e.id for e in atom.entries] == [item["id"] for item in feed_json["items"]] == links
    hindi = feedparser.parse((site.root / f"tags/{tag_slug(HINDI)}/feed.xml").read_bytes())
    assert [entry.link for entry in hindi.entries] == [f"{base}briefs/tagged-4/"]
    page = site.html("tags/quad/index.html")
    announced = [link.get("href") for link in select(page, "link[rel=alternate]")]
    assert "../../tags/quad/feed.xml" in announced and "../../tags/quad/atom.xml" in announced
    assert "../../tags/quad/feed.xml" in [a.get("href") for a in select(page, ".meta a")]


def test_a_brief_links_each_of_its_tags_once(site: Built) -> None:
    doc = site.html("briefs/tagged-4/index.html")
    links = [(a.text_content(), a.get("href")) for a in select(doc, ".filed-under .badge-tag")]
    assert links == [("QUAD", "../../tags/quad/"), (HINDI, f"../../tags/{tag_slug(HINDI)}/")]


def test_a_tag_in_another_script_gets_a_page_named_in_latin_letters(site: Built) -> None:
    slug = tag_slug(HINDI)
    assert slug == "bharat"  # spelled as a brief's slug is, not a hash a reader cannot guess
    assert tag_slug("🙂").startswith("tag-") and tag_slug("🙂") != tag_slug("🚢")  # no letters: a hash
    doc = site.html(f"tags/{slug}/index.html")
    assert select(doc, "h1")[0].text_content() == HINDI
    assert _titles(doc) == ["Tagged brief 4"]


def test_the_index_lists_every_tag_once_by_name_with_its_count(site: Built) -> None:
    doc = site.html("tags/index.html")
    entries = [" ".join(li.text_content().split()) for li in select(doc, ".tag-index li")]
    assert entries == ["Indo-Pacific 2 briefs", "QUAD 7 briefs", "Shipbuilding 1 brief", f"{HINDI} 1 brief"]
    pages = {p.parent.relative_to(site.root).as_posix() + "/" for p in site.root.glob("tags/*/index.html")}
    assert {a.get("href") for a in select(doc, ".tag-index a")} == {"../" + p for p in pages}


def test_tag_pages_are_in_the_sitemap(site: Built) -> None:
    sitemap = site.text("sitemap.xml")
    for path in ("tags/", "tags/quad/", "tags/quad/page/1/", f"tags/{tag_slug(HINDI)}/"):
        assert f"<loc>{site.config.site.base_url}{path}</loc>" in sitemap


def test_a_site_without_tags_has_an_empty_index(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    (briefs / "untagged.md").write_text(dump_brief(_brief(1, [])), encoding="utf-8")
    config = make_config(tmp_path, briefs=briefs)
    built = Built(config, render_site(config, quiet()))
    assert "No tags yet." in built.text("tags/index.html")
    assert not select(built.html("briefs/tagged-1/index.html"), ".badge-tag")


def test_a_new_brief_changes_only_the_first_page_of_its_lists(tmp_path: Path) -> None:
    """Numbered from the oldest, a list's numbered pages keep their briefs, and their bytes, as briefs
    arrive; the newest full page moves out to one of its own once every ``per_page`` briefs."""
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    config = make_config(tmp_path, briefs=briefs)

    def build_with(days: int) -> tuple[Built, dict[str, bytes]]:
        for day in range(1, days + 1):
            (briefs / f"tagged-{day}.md").write_text(dump_brief(_brief(day, ["QUAD"])), encoding="utf-8")
        built = Built(config, render_site(config, quiet()))
        pages = built.root.glob("*/*/page/*/index.html")
        return built, {p.relative_to(built.root).as_posix(): p.read_bytes() for p in pages}

    _, eight = build_with(8)  # per_page 3: page/1/ holds briefs 1-3, the first page 4-8
    assert sorted(eight) == ["pillars/logistics/page/1/index.html", "tags/quad/page/1/index.html"]
    _, nine = build_with(9)  # a third full page: 4-6 move out to page/2/, the first page shows 7-9
    assert sorted(nine) == sorted(
        [*eight, "pillars/logistics/page/2/index.html", "tags/quad/page/2/index.html"]
    )
    site, ten = build_with(10)
    assert ten == nine  # every numbered page byte for byte
    assert _titles(site.html("tags/quad/page/1/index.html")) == [
        "Tagged brief 3",
        "Tagged brief 2",
        "Tagged brief 1",
    ]
    assert _titles(site.html("tags/quad/index.html")) == [f"Tagged brief {day}" for day in (10, 9, 8, 7)]
