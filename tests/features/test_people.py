"""People pages: everyone on the watch list, and anyone named in three or more briefs; their briefs and
quotes newest first; an index of them all."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from render.helpers import Built, make_config, quiet, select

from generator.brief_file import dump_brief
from generator.config import Person
from generator.model import Brief, Quote
from generator.site import render_site
from generator.site.people_pages import MIN_BRIEFS, plan_people, slugify
from generator.site.structure import build_model

from .helpers import FREQUENT, RARE


def people_dirs(site: Built) -> set[str]:
    return {p.parent.name for p in (site.root / "people").glob("*/index.html")}


def test_watch_list_and_frequent_names_get_pages(site: Built) -> None:
    assert MIN_BRIEFS == 3
    assert {"rajnath-singh", "nobody-yet", slugify(FREQUENT)} <= people_dirs(site)
    assert slugify(RARE) not in people_dirs(site)  # named in two briefs only


def test_a_person_page_lists_briefs_and_quotes_newest_first(site: Built) -> None:
    doc = site.html("people/rajnath-singh/index.html")
    assert select(doc, "h1")[0].text_content() == "Rajnath Singh"
    titles = [a.text_content() for a in select(doc, ".card-title a")]
    assert titles[:3] == ["People brief 5", "People brief 4", "People brief 3"]
    # Quoted as "Singh": the alias makes it his quote.
    quotes = [q.text_content().strip() for q in select(doc, "blockquote")]
    assert quotes[:3] == [f"Quote number {d} from the minister." for d in (5, 4, 3)]


def test_a_watched_person_never_named_still_has_a_page(site: Built) -> None:
    doc = site.html("people/nobody-yet/index.html")
    assert "No briefs name Nobody Yet yet." in doc.text_content()


def test_people_index_links_every_person(site: Built) -> None:
    links = {a.get("href") for a in select(site.html("people/index.html"), ".people-index a")}
    assert links == {f"../people/{d}/" for d in people_dirs(site)}


def test_slugs_are_ascii_and_safe() -> None:
    assert slugify("José Ramos-Horta") == "jose-ramos-horta"
    assert slugify("  ../../etc  ") == "etc"
    # other scripts are spelled in Latin letters, as brief slugs are: "person", numbered in the
    # order people were met, moved as others came
    assert (slugify("中文"), slugify("राजनाथ सिंह")) == ("zhong-wen", "rajnath-singh")
    assert slugify("🙂") == "person"  # no letters at all


def test_a_brief_links_the_people_who_have_a_page(site: Built) -> None:
    # People brief 4 names the frequent name, Rajnath Singh and the rare name, in that order.
    doc = site.html("briefs/2025-09-04-people-brief-4/index.html")
    people = select(doc, ".filed-under dd")[1]
    assert people.text_content() == f"{FREQUENT}, Rajnath Singh, {RARE}"
    links = {a.text_content(): a.get("href") for a in select(people, "a")}
    frequent = f"../../people/{slugify(FREQUENT)}/"
    assert links == {FREQUENT: frequent, "Rajnath Singh": "../../people/rajnath-singh/"}
    for href in links.values():  # each leads to a page that is there
        assert (site.root / "briefs/2025-09-04-people-brief-4" / href / "index.html").resolve().is_file()


def test_each_person_has_the_briefs_naming_or_quoting_them_with_their_quotes_in_order(tmp_path: Path) -> None:
    def brief(day: int, people: list[str], quotes: list[tuple[str, str]]) -> Brief:
        date = datetime.fromisoformat(f"2025-09-0{day}T10:00:00+05:30")
        quoted = [Quote(speaker, text) for speaker, text in quotes]
        return Brief(
            f"brief-{day}", f"Brief {day}", date, "Body.", pillars=["logistics"], people=people, quotes=quoted
        )

    briefs = [  # oldest first; the model wants them newest first, as loading gives them
        brief(1, ["Cy Frequent"], []),
        brief(2, ["Bo Lee", "Cy Frequent"], []),
        # Named once, quoted twice (once under the alias two watched people share), and someone else.
        brief(
            3, ["Ann Lee", "Cy Frequent"], [("lee", "First."), ("Someone", "Other."), ("Ann Lee ", "Second.")]
        ),
    ]
    watch = (Person("Ann Lee", ("Lee",)), Person("Bo Lee", ("Lee",)))
    config = replace(make_config(tmp_path), people=watch)
    profiles = {p.name: p for p in plan_people(config, build_model(config, briefs[::-1]))}
    assert list(profiles) == ["Ann Lee", "Bo Lee", "Cy Frequent"]  # the watch list, then the frequent
    found = {name: [(e.card.slug, e.quotes) for e in p.entries] for name, p in profiles.items()}
    assert found == {
        "Ann Lee": [("brief-3", ("First.", "Second."))],
        "Bo Lee": [("brief-3", ("First.",)), ("brief-2", ())],  # quoted under the alias, newest first
        "Cy Frequent": [("brief-3", ()), ("brief-2", ()), ("brief-1", ())],
    }
    assert [p.count_text for p in profiles.values()] == ["1 brief, 2 quotes", "2 briefs, 1 quote", "3 briefs"]


def test_a_person_s_briefs_are_paginated_from_the_oldest_like_a_pillar_s(tmp_path: Path) -> None:
    """A person named in more briefs than a page holds gets numbered pages that keep their briefs (and
    bytes) as briefs arrive; a new brief changes the person's first page only."""
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    config = make_config(tmp_path, briefs=briefs)  # per_page 3 (tests/data/site.yaml)

    def build_with(days: int) -> tuple[Built, dict[str, bytes]]:
        for day in range(1, days + 1):
            date = datetime.fromisoformat("2025-05-01T09:00:00+05:30").replace(day=day)
            said = [Quote("Ann Lee", f"Said on day {day}.")]
            brief = Brief(
                f"named-{day}",
                f"Named brief {day}",
                date,
                "Body.",
                pillars=["logistics"],
                people=["Ann Lee"],
                quotes=said,
            )
            (briefs / f"named-{day}.md").write_text(dump_brief(brief), encoding="utf-8")
        built = Built(config, render_site(config, quiet()))
        pages = (built.root / "people").glob("ann-lee/page/*/index.html")
        return built, {p.relative_to(built.root).as_posix(): p.read_bytes() for p in pages}

    _, eight = build_with(8)  # page/1/ holds briefs 1-3, the first page 4-8
    assert sorted(eight) == ["people/ann-lee/page/1/index.html"]
    _, nine = build_with(9)  # 4-6 move out to page/2/, the first page shows 7-9
    assert sorted(nine) == ["people/ann-lee/page/1/index.html", "people/ann-lee/page/2/index.html"]
    site, ten = build_with(10)
    assert ten == nine

    first, oldest = site.html("people/ann-lee/index.html"), site.html("people/ann-lee/page/1/index.html")
    assert [a.text_content() for a in select(first, ".card-title a")] == [
        f"Named brief {day}" for day in (10, 9, 8, 7)
    ]
    assert "10 briefs, 10 quotes" in select(first, ".page-header .meta")[0].text_content()
    assert select(first, ".pager a[rel=next]")[0].get("href") == "../../people/ann-lee/page/2/"
    assert [q.text_content().strip() for q in select(oldest, "blockquote")] == [
        f"Said on day {day}." for day in (3, 2, 1)
    ]
    meta = select(oldest, ".page-header .meta")[0].text_content()
    assert meta.startswith("Page 1 · 1 May 2025 to 3 May 2025")
    assert select(oldest, 'link[rel="prev"]')[0].get("href") == "../../../../people/ann-lee/page/2/"
    assert not select(oldest, ".pager a[rel=next]")  # the oldest page
    sitemap = site.text("sitemap.xml")
    assert "people/ann-lee/page/1/" in sitemap and "people/ann-lee/page/2/" in sitemap
