"""The whole stage: files in, briefs out, safely."""

from __future__ import annotations

import io
import quopri
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import ARTICLES, NOW, REPO, write_config

from generator import cache, redirects
from generator.brief_file import read_brief
from generator.config import Config
from generator.errors import InputError
from generator.ingest import article, explain_pillars, ingest_articles, stories
from generator.model import Brief
from generator.progress import Reporter
from generator.site.markdown import render_markdown


def reporter() -> tuple[Reporter, io.StringIO]:
    err = io.StringIO()
    return Reporter(out=io.StringIO(), err=err), err


def add(config: Config, *names: str) -> None:
    for name in names:
        shutil.copy(ARTICLES / name, config.paths.articles / name)


def briefs(config: Config) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(config.paths.briefs.iterdir())}


def ingest_one(config: Config, text: str) -> Brief:
    """The brief ingest writes of one article's text."""
    (config.paths.articles / "article.txt").write_text(text, encoding="utf-8")
    report = ingest_articles(config, reporter()[0], now=NOW)
    assert report.failures == []
    [path] = [p for p in config.paths.briefs.glob("*.md") if "/article.txt" in p.read_text(encoding="utf-8")]
    return read_brief(path, config.site.tz)


def test_sample_briefs_are_what_ingest_writes(project: Path) -> None:
    config = write_config(project)
    report = ingest_articles(config, reporter()[0])
    assert (report.articles, report.briefs, report.written, report.failures) == (2, 2, 2, [])
    committed = {p.name: p.read_bytes() for p in (REPO / "content" / "briefs").glob("*.md")}
    assert briefs(config) == committed


def test_sample_briefs_hold_the_metadata(project: Path) -> None:
    config = write_config(project)
    ingest_articles(config, reporter()[0])
    first, second = (read_brief(p, config.site.tz) for p in sorted(config.paths.briefs.glob("*.md"))[::-1])
    assert first.title == "Rajnath Singh, Hegseth discuss boosting Indo-US defence industry ties"
    assert first.date.isoformat() == "2025-07-01T22:10:00+05:30"
    assert first.sources[0].name == "Business Standard"
    assert first.sources[0].file == "content/articles/000_3767b9aef26316b2.txt"
    assert len(first.sources[0].sha256 or "") == 64
    assert second.date.isoformat() == "2025-02-06T20:09:00+05:30"
    assert (second.sources[0].name, second.sources[0].byline) == ("ETV Bharat", "PTI")
    assert second.tags == ["Defence", "Rajnath Singh"]
    assert second.standfirst and second.standfirst.startswith("Rajnath Singh and Pete Hegseth agreed")
    for brief in (first, second):
        paragraphs = brief.body.strip().split("\n\n")
        assert len(paragraphs) == len(set(paragraphs))
        assert "File photo" not in brief.body and "TAGGED" not in brief.body and "Copyright" not in brief.body
    assert second.body.startswith("New Delhi: ")
    assert "Rajnath Singh" in first.people and "Pete Hegseth" in first.people


def test_rerun_changes_nothing_and_changed_article_updates(project: Path) -> None:
    config = write_config(project)
    ingest_articles(config, reporter()[0])
    before = briefs(config)
    mtimes = {p.name: p.stat().st_mtime_ns for p in config.paths.briefs.iterdir()}
    report = ingest_articles(config, reporter()[0])
    assert report.written == 0
    assert briefs(config) == before
    assert {p.name: p.stat().st_mtime_ns for p in config.paths.briefs.iterdir()} == mtimes
    article = config.paths.articles / "000_3767b9aef26316b2.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("third telephone", "fourth telephone"))
    report = ingest_articles(config, reporter()[0])
    assert report.written == 1
    changed = [name for name, data in briefs(config).items() if data != before[name]]
    assert changed == ["2025-07-01-rajnath-singh-hegseth-discuss-boosting-indo-us-defence-industry.md"]
    assert b"fourth telephone" in briefs(config)[changed[0]]


def test_hand_edited_brief_is_kept_then_forced_with_backup(project: Path) -> None:
    config = write_config(project)
    ingest_articles(config, reporter()[0])
    path = (
        config.paths.briefs / "2025-07-01-rajnath-singh-hegseth-discuss-boosting-indo-us-defence-industry.md"
    )
    edited = path.read_text(encoding="utf-8").replace("title: Rajnath", "title: Edited Rajnath")
    path.write_text(edited, encoding="utf-8")
    rep, err = reporter()
    report = ingest_articles(config, rep)
    assert report.kept_edited == [path]
    assert path.read_text(encoding="utf-8") == edited
    assert "edited by hand" in err.getvalue() and path.name in err.getvalue()
    report = ingest_articles(config, reporter()[0], force=True)
    assert report.kept_edited == []
    assert "title: Rajnath" in path.read_text(encoding="utf-8")
    backups = list(config.paths.briefs.glob(path.name + ".bak-*"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == edited
    assert len(list(config.paths.briefs.glob("*.md"))) == 2


def test_bad_articles_fail_one_by_one(project: Path) -> None:
    config = write_config(project)
    (config.paths.articles / "empty.txt").write_bytes(b"")
    (config.paths.articles / "noheader.txt").write_text("Hello\n\nworld.\n")
    (config.paths.articles / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    rep, err = reporter()
    report = ingest_articles(config, rep)
    assert report.articles == 5 and report.briefs == 2
    assert sorted(f.file.name for f in report.failures) == ["binary.txt", "empty.txt", "noheader.txt"]
    assert all(str(f.file).startswith("content/articles/") for f in report.failures)
    assert err.getvalue().count("error:") == 3


def test_same_story_from_two_outlets_merges_different_stories_stay(project: Path) -> None:
    config = write_config(project)
    add(config, "desh_intel.txt", "bharat_times_intel.txt", "globalwire_logistics.txt")
    ingest_articles(config, reporter()[0], now=NOW)
    loaded = [read_brief(p, config.site.tz) for p in sorted(config.paths.briefs.glob("*.md"))]
    assert len(loaded) == 4  # the two samples, the merged intelligence story, the logistics story
    merged = next(b for b in loaded if len(b.sources) > 1)
    assert [s.name for s in merged.sources] == ["Desh Samachar", "Bharat Times"]  # earliest first
    assert merged.title == "India, US to deepen intelligence sharing on maritime threats"


def test_slug_is_stable_as_articles_arrive(project: Path) -> None:
    config = write_config(project)
    add(config, "bharat_times_intel.txt")
    ingest_articles(config, reporter()[0], now=NOW)
    first = set(briefs(config))
    add(config, "desh_intel.txt")
    ingest_articles(config, reporter()[0], now=NOW)
    assert first <= set(briefs(config))  # the later, earlier-dated outlet joins the existing brief


def test_explicit_paths_and_explain(project: Path) -> None:
    config = write_config(project)
    path = config.paths.articles / "002_7c320d737f285159.txt"
    report = ingest_articles(config, reporter()[0], paths=[path])
    assert (report.articles, report.briefs) == (1, 1)
    text = explain_pillars(config, path)
    assert "intelligence" in text and "'intelligence'" in text and "score" in text
    # An article ingest would refuse, or none at all: an error naming it, not an explanation.
    empty = project / "empty.txt"
    empty.write_bytes(b"")
    for bad, message in ((empty, "is empty"), (project / "missing.txt", "cannot be read: No such file")):
        with pytest.raises(InputError, match=f"^{re.escape(str(bad))}: .*{message}"):
            explain_pillars(config, bad)


def test_html_page(project: Path) -> None:
    config = write_config(project)
    html = """<html><head><title>India, US hold naval talks | Example Times</title>
    <meta property="og:title" content="India, US hold naval talks">
    <meta property="og:site_name" content="Example Times">
    <meta property="article:published_time" content="2025-06-02T10:15:00+05:30">
    <meta name="author" content="Asha Rao"></head><body><nav>Home | World | Sport</nav>
    <article><h1>India, US hold naval talks</h1>
    <p>India and the United States held naval talks in Goa on Monday to plan joint drills this year.</p>
    <p>The talks covered maritime domain awareness and logistics, the Indian Navy said in a statement.</p>
    <p>Share on WhatsApp</p>
    <p>The next round of talks will be held in Hawaii in December, officials said.</p></article>
    <footer>Copyright 2025 Example Times</footer></body></html>"""
    (config.paths.articles / "page.html").write_text(html, encoding="utf-8")
    report = ingest_articles(config, reporter()[0], now=datetime(2025, 8, 1, tzinfo=UTC))
    assert report.failures == []
    brief = next(read_brief(p, config.site.tz) for p in config.paths.briefs.glob("*.md") if "naval" in p.name)
    assert brief.title == "India, US hold naval talks"
    assert brief.date.isoformat() == "2025-06-02T10:15:00+05:30"
    assert "Share on WhatsApp" not in brief.body
    assert brief.body.count("\n\n") == 2
    assert brief.sources[0].name == "Example Times"

    # Without a date: the error says how to give one, and given so, the page is read
    undated = html.replace('<meta property="article:published_time" content="2025-06-02T10:15:00+05:30">', "")
    (config.paths.articles / "page.html").write_text(undated, encoding="utf-8")
    report = ingest_articles(config, reporter()[0], now=datetime(2025, 8, 1, tzinfo=UTC))
    [failure] = report.failures
    advice = failure.message.split("as ", 1)[1]
    assert failure.message.startswith("no date: ") and advice.startswith("<meta ")
    (config.paths.articles / "page.html").write_text(undated.replace("<title>", advice + "<title>"), "utf-8")
    report = ingest_articles(config, reporter()[0], now=datetime(2025, 8, 1, tzinfo=UTC))
    assert report.failures == []


def test_html_page_keeps_its_subheadings_lead_ins_and_short_list_items(project: Path) -> None:
    """Only sentence-shaped lines of trafilatura's text were kept: a list's lead-in ("The steps
    agreed are:"), its short items and the story's subheadings were lost, where a text dump of the
    same page keeps them. A comments block trafilatura leaves after the story is still left out."""
    config = write_config(project)
    html = """<html><head><title>India, US agree three steps | Example Times</title>
    <meta property="og:site_name" content="Example Times">
    <meta property="article:published_time" content="2025-09-02T10:00:00+05:30"></head><body>
    <nav>Home | World | Sport</nav><article><h1>India, US agree three steps</h1>
    <p>India and the United States on Tuesday agreed on three steps to deepen cooperation between
    their defence industries, officials said after talks in New Delhi.</p>
    <p>The steps agreed are:</p>
    <ul><li>Jet engines</li><li>Stryker armoured vehicles</li><li>Underwater drones</li></ul>
    <h2>What comes next</h2>
    <p>A further round of talks will be held in Washington in November, the ministry said.</p>
    <h3>Comments</h3>
    <p>This is a great step for both of our countries and I hope it goes on for many years.</p>
    </article><footer>Copyright 2025 Example Times</footer></body></html>"""
    (config.paths.articles / "page.html").write_text(html, encoding="utf-8")
    report = ingest_articles(config, reporter()[0], now=datetime(2025, 10, 1, tzinfo=UTC))
    assert report.failures == []
    [path] = [p for p in config.paths.briefs.glob("*.md") if "three-steps" in p.name]
    body = read_brief(path, config.site.tz).body
    assert (
        "\n\nThe steps agreed are:\n\n- Jet engines\n- Stryker armoured vehicles\n- Underwater drones\n\n"
        "## What comes next\n\nA further round"
    ) in body  # the items a list of lines
    assert "great step" not in body and "Comments" not in body


def test_a_numbered_list_on_a_saved_page_keeps_its_numbers(project: Path) -> None:
    """trafilatura's text marks every list item "- ": a page's "1. 2. 3." became bullets."""
    config = write_config(project)
    html = """<html><head><title>India, US agree three steps | Example Times</title>
    <meta property="og:site_name" content="Example Times">
    <meta property="article:published_time" content="2025-09-02T10:00:00+05:30"></head><body>
    <article><h1>India, US agree three steps</h1>
    <p>India and the United States on Tuesday agreed on three steps to deepen cooperation between
    their defence industries, officials said after talks in New Delhi.</p><p>The steps are:</p>
    <ol><li>Joint production of <b>sonobuoys</b> for anti-submarine warfare.</li>
    <li>Regular exchange of maritime domain awareness data.</li><li>Jet engines</li></ol>
    <ul><li>A bullet of another list</li></ul>
    <p>A further round of talks will be held in Washington in November, the ministry said.</p>
    </article></body></html>"""
    (config.paths.articles / "page.html").write_text(html, encoding="utf-8")
    report = ingest_articles(config, reporter()[0], now=datetime(2025, 10, 1, tzinfo=UTC))
    assert report.failures == []
    [path] = [p for p in config.paths.briefs.glob("*.md") if "three-steps" in p.name]
    brief = read_brief(path, config.site.tz)
    assert (
        "\n\n1. Joint production of sonobuoys for anti-submarine warfare.\n"
        "2. Regular exchange of maritime domain awareness data.\n3. Jet engines\n"
        "- A bullet of another list\n\n"
    ) in brief.body
    html_body = render_markdown(brief.body)
    assert "<ol>" in html_body and html_body.count("<li>") == 4


def test_page_saved_as_one_file(project: Path) -> None:
    """Chrome's "Webpage, Single File" (and every page Chrome on Android saves): MHTML, its HTML
    quoted-printable among the page's images and styles. It was left out as "not an article"."""
    config = write_config(project)
    shutil.copy(
        REPO / "tests" / "data" / "pages" / "coastal_times_saved.mhtml", config.paths.articles / "Goa.mhtml"
    )

    report = ingest_articles(config, reporter()[0], now=datetime(2025, 8, 1, tzinfo=UTC))

    assert report.failures == []
    brief = next(read_brief(p, config.site.tz) for p in config.paths.briefs.glob("*.md") if "goa" in p.name)
    assert (brief.title, brief.date.isoformat()) == (
        "India, US hold naval talks in Goa",
        "2025-06-02T10:15:00+05:30",
    )
    assert brief.body.strip().split("\n\n") == [
        "India and the United States held naval talks in Goa on Monday to plan the year\u2019s joint drills,"
        " the Indian Navy said.",
        "The talks covered maritime domain awareness, logistics and the refuelling of each other\u2019s ships"
        " at sea.",
        "The next round of talks will be held in Hawaii in December, officials from both navies said.",
    ]
    source = brief.sources[0]
    assert (source.name, source.byline) == ("Coastal Times", "Asha Rao")
    assert (
        source.url == "https://www.coastal-times.example/world/india-us-naval-talks-goa"
    )  # where it was saved from


PAGE_IN_LATIN = (
    "<html><head>{meta}<title>India\u2019s navy meets the US Navy in Goa</title>"
    '<meta property="article:published_time" content="2025-06-02T10:15:00+05:30"></head><body><article>'
    "<p>India\u2019s navy and the US Navy held talks in Goa on Monday to plan this year\u2019s drills.</p>"
    "<p>The talks covered maritime domain awareness and the caf\u00e9 of the naval base, officials said.</p>"
    "</article></body></html>"
)


def test_pages_in_the_charset_they_declare_are_read_in_it(project: Path) -> None:
    """A page saying Latin-1 (read as browsers do, Windows-1252) or a saved page's part naming its
    charset: read so, where a guess said "not UTF-8" of every such page."""
    config = write_config(project)
    for path in config.paths.articles.iterdir():
        path.unlink()
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    (config.paths.articles / "latin.html").write_bytes(PAGE_IN_LATIN.format(meta=meta).encode("cp1252"))
    other = "<p>A second round in Kochi in July will look at submarine rescue and the guard\u2019s role.</p>"
    saved = (
        PAGE_IN_LATIN.format(meta="")
        .replace("Goa", "Kochi")
        .replace("<p>India\u2019s navy and", other + "<p>Both")
    )
    page = quopri.encodestring(saved.encode("cp1252"))
    (config.paths.articles / "saved.mhtml").write_bytes(
        b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=windows-1252\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + page
    )
    said, err = reporter()

    report = ingest_articles(config, said, now=datetime(2025, 8, 1, tzinfo=UTC))

    assert (report.failures, report.briefs, err.getvalue()) == ([], 2, "")
    for path in config.paths.briefs.glob("*.md"):
        brief = read_brief(path, config.site.tz)
        assert brief.title.startswith("India\u2019s navy meets the US Navy in ")
        assert "the caf\u00e9 of the naval base" in brief.body


def test_a_saved_page_without_a_page_is_an_error_naming_it(project: Path) -> None:
    config = write_config(project)
    (config.paths.articles / "notes.mht").write_bytes(
        b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nTo read.\r\n"
    )

    report = ingest_articles(config, reporter()[0])

    assert [(str(f.file), f.message) for f in report.failures] == [
        ("content/articles/notes.mht", "no HTML page in this saved page (is it MHTML?)")
    ]


def test_a_classify_change_files_cached_articles_again(project: Path) -> None:
    # The second sample names logistics in passing, below a quarter of its top pillar's score.
    config = write_config(project)
    ingest_articles(config, reporter()[0], use_cache=True)
    name = "2025-02-06-defence-minister-rajnath-singh-holds-phone-talks.md"
    assert "logistics" not in read_brief(config.paths.briefs / name, config.site.tz).pillars
    lenient = write_config(project, "classify:\n  min_share: 0\n")
    report = ingest_articles(lenient, reporter()[0], use_cache=True)
    assert report.written == 2  # the cached reading of each article was made under other rules
    assert "logistics" in read_brief(lenient.paths.briefs / name, lenient.site.tz).pillars


def test_slugs_spelled_anew_by_new_code_move_their_briefs_and_keep_the_addresses(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New code (or settings) discards ingest's plan, which also said which briefs it wrote: a story
    whose slug the new code spells otherwise (Devanagari headlines got words) showed twice, its old
    brief left beside the new one. That record still holds, so the story moves, its address kept."""
    config = write_config(project)
    ingest_articles(config, reporter()[0], use_cache=True)
    before = sorted(p.stem for p in config.paths.briefs.glob("*.md"))
    spell = article.base_slug
    monkeypatch.setattr(article, "base_slug", lambda title, day: spell(title, day) + "-v2")
    monkeypatch.setattr(cache, "code_version", lambda: "the next version")

    rep, err = reporter()
    report = ingest_articles(config, rep, use_cache=True)

    assert sorted(p.stem for p in config.paths.briefs.glob("*.md")) == [slug + "-v2" for slug in before]
    assert report.removed == len(before)
    assert err.getvalue().count("its articles are now in content/briefs/") == len(before)
    assert redirects.read(config.paths.redirects) == {slug: slug + "-v2" for slug in before}


def test_a_brief_named_to_ingest_is_said_to_be_a_brief(project: Path) -> None:
    """``briefing ingest content/briefs/x.md`` read the brief as a text dump: "no header line"."""
    config = write_config(project)
    brief = config.paths.briefs / "2025-07-01-note.md"
    brief.write_text("---\ntitle: Note\ndate: 2025-07-01\n---\n\nText.\n", encoding="utf-8")
    report = ingest_articles(config, reporter()[0], paths=[brief])
    [failure] = report.failures
    assert failure.message.startswith("a brief (Markdown), not an article: ingest reads articles")
    assert brief.read_text(encoding="utf-8").startswith("---\ntitle: Note")


def test_a_subheading_inside_the_story_is_a_heading_of_its_brief(project: Path) -> None:
    """A short line between two paragraphs of the story, or a short question, is its subheading: a
    heading of the brief (it was a paragraph of its own), where a list's lead-in and its short items,
    and an interviewer's question, stay as they were."""
    config = write_config(project)
    text = (
        " date 2025-07-01 Example News\nWhy India is buying more American weapons\n\n"
        "For decades, Russia supplied most of India's weapons, but over the past fifteen years that has "
        "changed as India bought more American equipment.\n\n"
        "A shift away from Russia\n\n"
        "According to the Stockholm International Peace Research Institute, Russia's share of India's "
        "arms imports fell from 76% to 36% within a decade.\n\n"
        "The steps agreed are:\n\n- Jet engines\n\n- Stryker armoured vehicles\n\n"
        "Analysts say the war in Ukraine has hastened this shift, as Russia struggles to deliver parts.\n\n"
        "What happens next?\n\n"
        "The two sides will meet again in Washington in November to settle the details of the framework.\n\n"
        "Q: Will the deal be signed this year?\n\n"
        "The minister said he expected the agreement to be signed before the end of the financial year.\n"
    )
    body = ingest_one(config, text).body
    assert "equipment.\n\n## A shift away from Russia\n\nAccording to" in body
    assert "\n\nThe steps agreed are:\n\n- Jet engines\n- Stryker armoured vehicles\n\n" in body  # one a line
    assert "\n\n## What happens next?\n\n" in body  # an explainer's question heads its answer
    assert "\n\nQ: Will the deal be signed this year?\n\n" in body  # an interviewer's is the text
    assert "<h3>A shift away from Russia</h3>" in render_markdown(body)  # under the page's "Report" h2


def test_a_list_the_page_shows_without_bullets_is_a_list_of_the_brief(project: Path) -> None:
    """Short lines after a lead-in ("The list includes:") are the items of a list: they were
    paragraphs, one of them a key point ("F414 engines for the Tejas Mk2, to be built by HAL"). One
    line after a lead-in is a paragraph still, or a heading when in headline case (a live page's
    first update), and a question over the lead-in heads it, though an insert ("Also Watch:") stood
    before it."""
    config = write_config(project)
    items = [
        "Six more P-8I maritime patrol aircraft for the Navy",
        "Javelin anti-tank missiles, to be co-produced in India",
        "F414 engines for the Tejas Mk2, to be built by HAL",
    ]
    text = (
        " date 2025-07-01 Example News\nWhy the US wants India to buy more American weapons\n\n"
        "The United States and India are set to expand their defence trade, with Washington pushing New "
        "Delhi to buy more American weapons in the coming year.\n\n"
        "India has said it wants any new deal to include technology transfer and production in India "
        "under its Make in India policy.\n\n"
        "Also Watch:\n\nIsrael-Iran ceasefire: What next for the Middle East? | Vantage with Palki Sharma\n\n"
        "What deals are on the table?\n\nThe list includes:\n\n"
        + "".join(f"{i}\n\n" for i in items)
        + "Experts say that the final shape of these deals will depend on the trade talks this autumn.\n\n"
        "The minister wrote on X:\n\nGreat talks with my friend Pete Hegseth today\n\n"
        "Officials said a joint statement on the purchases would follow the next round of talks in July, "
        "and the ministry has been posting updates through the day. Here are the latest updates:\n\n"
        "Rajnath Singh, Hegseth Hold Delegation-Level Talks\n\n"
        "The two leaders held delegation-level talks for over an hour and discussed the jet engines.\n"
    )
    brief = ingest_one(config, text)
    listed = "\n".join(f"- {i}" for i in items)
    heading = "## What deals are on the table?"
    assert f"\n\n{heading}\n\nThe list includes:\n\n{listed}\n\nExperts say" in brief.body
    assert "Vantage" not in brief.body
    assert "\n\nThe minister wrote on X:\n\nGreat talks with my friend Pete Hegseth today\n\n" in brief.body
    # one line in headline case after a lead-in heads the update under it
    assert "updates:\n\n## Rajnath Singh, Hegseth Hold Delegation-Level Talks\n\nThe two" in brief.body
    html = render_markdown(brief.body)
    assert html.count("<li>") == 3 and "<li>Six more P-8I maritime patrol aircraft for the Navy</li>" in html
    assert brief.key_points and not set(brief.key_points) & set(items)


@pytest.mark.parametrize(
    ("text", "markdown"),
    [("The *real* test", "## The \\*real\\* test"), ("Learn C#", "## Learn C\\#")],
)
def test_a_subheading_is_written_as_its_text(text: str, markdown: str) -> None:
    """Marks in it are the text's, and a closing "#" is not taken for the heading's end."""
    assert stories.markdown_paragraph(text, heading=True) == markdown
    assert render_markdown(markdown).strip() == f"<h3>{text}</h3>"
