"""What each page shows: home, brief, pillar (with pagination), pillar index, archive, 404."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import feedparser

from .helpers import Built, select


def texts(nodes: list) -> list[str]:
    return [" ".join(n.text_content().split()) for n in nodes]


def test_report_counts(built: Built) -> None:
    # 13 files, one draft: 12 published; 6 pillars, one with a numbered page (6 briefs, per_page 3).
    assert built.report.briefs == 12
    assert built.report.failures == []
    assert built.report.feeds == 1 + 6 + 2  # the site's, each pillar's, each tag's
    # home/pillars/archive, pillars, a page/1/, briefs, 404; then issue 8's: search, books index,
    # 10 month books, 5 pillar books, people index, timeline; the tags index and two tags' pages
    assert built.report.pages == 3 + 6 + 1 + 12 + 1 + 19 + 3


def test_home_lists_newest_briefs_with_title_date_source_summary_and_badges(built: Built) -> None:
    doc = built.html("index.html")
    cards = select(doc, "section.latest article.card")
    assert len(cards) == 5  # listing.home_latest
    titles = texts(select(doc, "section.latest .card-title"))
    assert titles[0].startswith("A very long analysis")
    # same instant: ties broken by slug
    assert titles[1:4] == [
        "Ministry statement on the same call",
        "Rajnath Singh, Hegseth discuss boosting Indo-US defence industry ties",
        "Pentagon readout of call with Indian counterpart",
    ]
    singh = cards[2]
    assert select(singh, "time")[0].get("datetime") == "2025-07-01T22:10:00+05:30"
    assert select(singh, "time")[0].text == "1 July 2025"
    assert select(singh, ".source")[0].text == "Business Standard, The Economic Times"
    assert "reviewed initiatives" in select(singh, ".summary")[0].text
    assert texts(select(singh, ".badge")) == [
        "Defence industry & supply chains",
        "Training & joint exercises",
        "Logistics",
    ]
    assert "Unpublished draft" not in built.text("index.html")


def test_home_shows_every_pillar_with_count_and_newest_briefs(built: Built) -> None:
    doc = built.html("index.html")
    previews = select(doc, "section.pillar-preview")
    names = texts([select(p, "h3")[0] for p in previews])
    assert names == [p.title for p in built.config.pillars]
    counts = dict(zip(names, texts(select(doc, "section.pillar-preview .count")), strict=True))
    assert counts["Defence industry & supply chains"] == "6 briefs"
    assert counts["Intelligence"] == "2 briefs"
    assert counts["General"] == "1 brief"  # the Hindi brief has no pillar: the catch-all takes it
    assert counts["Counter-terrorism"] == "0 briefs"
    industry = previews[0]
    assert len(select(industry, ".compact-list li")) == 2  # listing.pillar_preview
    assert "No briefs yet." in texts(select(previews[4], ".empty"))


def test_brief_page_reads_like_a_briefing(built: Built) -> None:
    doc = built.html("briefs/singh-hegseth-call/index.html")
    assert texts(select(doc, "h1")) == [
        "Rajnath Singh, Hegseth discuss boosting Indo-US defence industry ties"
    ]
    time = select(doc, ".brief-header time")[0]
    assert time.get("datetime") == "2025-07-01T22:10:00+05:30"
    assert time.text == "1 July 2025, 22:10 IST (UTC+05:30)"
    assert "third phone conversation" in select(doc, ".standfirst")[0].text
    assert "reviewed initiatives" in texts(select(doc, ".bottom-line p"))[0]
    assert texts(select(doc, ".key-points li")) == [
        "Singh thanked the US for its support against terrorism.",
        "Hegseth invited Singh to the US.",
    ]
    assert texts(select(doc, ".quote figcaption")) == ["Rajnath Singh", "Ministry of Defence"]
    assert "Excellent discussion" in texts(select(doc, ".quote blockquote"))[0]
    assert "spoke to US Defence Secretary" in texts(select(doc, ".report .body"))[0]
    sources = select(doc, ".sources li")
    assert len(sources) == 2
    link = select(sources[0], "a")[0]
    assert link.get("href").startswith("https://www.business-standard.com/")
    assert "noopener" in link.get("rel").split()
    assert select(sources[0], ".byline")[0].text == "Press Trust of India"
    assert texts(select(doc, ".filed-under .badge")) == [
        "Defence industry & supply chains",
        "Training & joint exercises",
        "Logistics",
    ]
    assert "Rajnath Singh, Pete Hegseth" in texts(select(doc, ".filed-under dd"))


def test_brief_prev_next_follow_the_primary_pillar(built: Built) -> None:
    # defence-industry, newest first: same-time-statement, singh-hegseth-call, pentagon-readout, ...
    doc = built.html("briefs/singh-hegseth-call/index.html")
    assert select(doc, ".pager-newer a")[0].get("href") == "../../briefs/same-time-statement/"
    assert select(doc, ".pager-older a")[0].get("href") == "../../briefs/pentagon-readout/"
    newest = built.html("briefs/same-time-statement/index.html")
    assert select(newest, ".pager-newer") == []
    oldest = built.html("briefs/two-plus-two-dialogue/index.html")
    assert select(oldest, ".pager-older") == []


def test_time_zone_shown_for_other_offsets(built: Built) -> None:
    doc = built.html("briefs/pentagon-readout/index.html")
    time = select(doc, ".brief-header time")[0]
    assert time.get("datetime") == "2025-06-30T20:00:00-04:00"
    assert time.text == "30 June 2025, 20:00 UTC-04:00"


def test_pillar_pages_are_numbered_from_the_oldest(built: Built) -> None:
    first = built.html("pillars/defence-industry/index.html")
    older = built.html("pillars/defence-industry/page/1/index.html")
    assert texts(select(first, "h1")) == texts(select(older, "h1")) == ["Defence industry & supply chains"]
    one = texts(select(first, ".card-title"))
    two = texts(select(older, ".card-title"))
    assert len(one) == 3 and len(two) == 3  # 6 briefs: the newest full page stays on the first
    assert one[0] == "Ministry statement on the same call"
    assert two[-1] == "India and US hold fifth 2+2 ministerial dialogue in New Delhi"
    assert select(first, 'link[rel="next"]')[0].get("href") == "../../pillars/defence-industry/page/1/"
    assert select(first, ".pager a[rel=next]")[0].get("href") == "../../pillars/defence-industry/page/1/"
    assert select(first, 'link[rel="prev"]') == []
    assert select(older, 'link[rel="prev"]')[0].get("href") == "../../../../pillars/defence-industry/"
    assert select(older, 'link[rel="next"]') == []
    assert "6 briefs" in texts(select(first, ".page-header .meta"))[0]
    # A numbered page says what never changes: its number and its briefs' dates, not the count.
    meta = texts(select(older, ".page-header .meta"))[0]
    assert meta == "Page 1 · 10 November 2023 to 2 March 2025 · Newest briefs · RSS feed · Briefing book"
    assert sorted(p.name for p in (built.root / "pillars/defence-industry/page").iterdir()) == ["1"]


def test_empty_pillar_still_has_a_page(built: Built) -> None:
    doc = built.html("pillars/counter-terrorism/index.html")
    assert texts(select(doc, "h1")) == ["Counter-terrorism"]
    assert texts(select(doc, ".empty")) == ["No briefs yet."]


def test_pillar_index_lists_every_pillar(built: Built) -> None:
    doc = built.html("pillars/index.html")
    assert texts(select(doc, ".pillar-index h2")) == [p.title for p in built.config.pillars]
    hrefs = [a.get("href") for a in select(doc, ".pillar-index h2 a")]
    assert hrefs[0] == "../pillars/defence-industry/"


def test_archive_groups_by_month_newest_first(built: Built) -> None:
    doc = built.html("archive/index.html")
    months = texts(select(doc, "section.month h2"))
    assert months == [
        "July 2025", "June 2025", "May 2025", "March 2025", "January 2025",
        "December 2024", "August 2024", "June 2024", "February 2024", "November 2023",
    ]  # fmt: skip
    july = select(doc, "section.month")[0]
    assert len(select(july, "li")) == 3
    assert select(doc, ".month-index a")[0].get("href") == "#m-2025-07"
    assert select(doc, "section.month h2")[0].get("id") == "m-2025-07"


def test_404_links_are_rooted_at_the_base_path(built: Built) -> None:
    doc = built.html("404.html")
    hrefs = [a.get("href") for a in select(doc, "a[href]")]
    assert all(h.startswith("/india-us-briefing/") or h == "#main" for h in hrefs), hrefs
    assert (
        select(doc, 'link[rel="stylesheet"]')[0].get("href").startswith("/india-us-briefing/assets/style.css")
    )
    assert select(doc, 'link[rel="canonical"]') == []


def test_every_page_has_one_h1_lang_title_landmarks_and_feeds(built: Built) -> None:
    for path in built.html_files():
        doc = built.html(path.relative_to(built.root).as_posix())
        where = path.relative_to(built.root)
        assert len(select(doc, "h1")) == 1, where
        assert doc.get("lang") == "en", where
        assert select(doc, "title")[0].text.strip(), where
        assert select(doc, 'meta[name="description"]')[0].get("content"), where
        for landmark in ("header.site-header", "nav", "main#main", "footer"):
            assert select(doc, landmark), (where, landmark)
        assert select(doc, "a.skip-link")[0].get("href") == "#main"
        feeds = [
            link.get("href") for link in select(doc, 'link[rel="alternate"][type="application/rss+xml"]')
        ]
        assert any(f.endswith("feed.xml") and "pillars" not in f for f in feeds), where
        ids = [e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")]
        assert len(ids) == len(set(ids)), where


def test_pillar_and_brief_pages_link_their_pillar_feeds(built: Built) -> None:
    def feeds(relative: str) -> list[str]:
        links = select(built.html(relative), 'link[rel="alternate"][type="application/rss+xml"]')
        return [x.get("href") for x in links]

    assert feeds("pillars/logistics/index.html") == ["../../feed.xml", "../../pillars/logistics/feed.xml"]
    assert feeds("briefs/lemoa-refuelling/index.html") == [
        "../../feed.xml",
        "../../pillars/logistics/feed.xml",
        "../../pillars/training-exercises/feed.xml",
    ]


def test_print_line_carries_the_page_url(built: Built) -> None:
    doc = built.html("briefs/jet-engines/index.html")
    line = texts(select(doc, ".print-only"))[0]
    assert line.endswith("https://someone.github.io/india-us-briefing/briefs/jet-engines/")
    assert built.config.site.title in line


def test_devanagari_survives(built: Built) -> None:
    doc = built.html("briefs/hindi-brief/index.html")
    assert texts(select(doc, "h1")) == ["भारत–अमेरिका रक्षा साझेदारी पर वार्ता"]
    assert texts(select(doc, ".quote figcaption")) == ["राजनाथ सिंह"]


def test_markdown_headings_do_not_add_an_h1(built: Built) -> None:
    text = built.text("briefs/hostile-text/index.html")
    assert len(re.findall(r"<h1[ >]", text)) == 1
    assert '<h3 id="h-a-heading-in-the-body">A heading in the body</h3>' in text


def test_a_brief_without_a_body_has_no_empty_report_section(
    briefs_copy: Path, build: Callable[..., Built]
) -> None:
    """A hand-written brief of key points only had a "Report" heading over nothing, on its page, in
    its books and in its feed item."""
    (briefs_copy / "2025-08-04-points-only.md").write_text(
        "---\ntitle: Points only\ndate: 2025-08-04\npillars: [logistics]\n"
        "key_points: [First point of the brief., Second point of the brief.]\n---\n",
        encoding="utf-8",
    )
    built = build(briefs=briefs_copy)
    page = built.html("briefs/2025-08-04-points-only/index.html")
    assert select(page, ".key-points li") and not select(page, "section.report")
    book = built.html("books/2025-08/index.html").get_element_by_id("b-2025-08-04-points-only")
    assert "Report" not in [h.text_content() for h in book.iter("h3")]
    item = feedparser.parse((built.root / "pillars/logistics/feed.xml").read_bytes()).entries[0]
    assert item.title == "Points only" and "Report" not in item.content[0].value
    # a brief with a body keeps its report
    assert select(built.html("briefs/long-analysis/index.html"), "section.report .body p")
