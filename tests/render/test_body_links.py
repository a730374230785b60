"""Links written in a brief's body as they work in the content folder (another brief by its file,
a file of ``paths.extra`` by its place) lead to the site's pages and files; ``briefing check`` names
the brief and line of a link that leads nowhere."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.check import check_site
from generator.progress import Reporter
from generator.site import render_site
from generator.site.body_links import content_links

from .helpers import SUB_PATH_URL, Built, make_config

LINKING = """---
title: Analyst note on the engines
date: 2025-08-02T10:00:00+05:30
pillars: [defence-industry]
---

This follows [the engines deal](jet-engines.md) and
[the dialogue](./two-plus-two-dialogue.md#sources), as filed in
[the offset brief](../briefs/pentagon-readout.md).

![The route](../extra/maps/route%20one.png)

Elsewhere: [the ministry](https://mod.gov.in/) and [notes](#notes).

## Notes

As [the notes say](#notes), and [later](#later).[^1]

[^1]: The ministry's readout, 2 August.
"""


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("2024-06-18-jet-engines.md", "../../briefs/2024-06-18-jet-engines/"),
        # a brief's only anchors are its headings, whose ids carry a prefix (see test_headings.py)
        ("./2024-06-18-jet-engines.md#top", "../../briefs/2024-06-18-jet-engines/#h-top"),
        ("../briefs/2024-06-18-jet-engines.md", "../../briefs/2024-06-18-jet-engines/"),
        ("../extra/maps/route%20one.png", "../../maps/route%20one.png"),
        ("../extra/favicon.ico", "../../favicon.ico"),
        # not a brief of the briefs folder, or not a link into the content folder: as written
        ("2024/2024-06-18-jet-engines.md", None),
        ("Notes.md", None),
        ("2024-06-18-jet-engines.md?raw", None),
        ("../articles/000_a.txt", None),
        ("../../pillars/logistics/", None),
        ("https://example.org/a.md", None),
        ("mailto:desk@example.org", None),
        ("#notes", None),  # no heading "Notes" in this body: as written
        ("/a.md", None),
    ],
)
def test_a_content_link_leads_to_the_page_or_file_the_site_serves(
    tmp_path: Path, href: str, expected: str | None
) -> None:
    links = content_links(tmp_path / "content" / "briefs", tmp_path / "content" / "extra", tmp_path)
    html = f'<p><a href="{href}">x</a></p>'
    page = "briefs/2025-08-02-analyst-note/"
    assert links.rewrite(html, page) == (html if expected is None else f'<p><a href="{expected}">x</a></p>')


def test_folders_anywhere_in_the_project_are_followed(tmp_path: Path) -> None:
    links = content_links(tmp_path / "notes", tmp_path / "public" / "files", tmp_path)
    page = "briefs/a/"
    assert links.rewrite('<img src="../public/files/a.png">', page) == '<img src="../../a.png">'
    assert links.rewrite('<a href="b.md">', page) == '<a href="../../briefs/b/">'
    assert links.rewrite('<a href="../content/briefs/b.md">', page) == '<a href="../content/briefs/b.md">'


@pytest.fixture
def linked(briefs_copy: Path, tmp_path: Path, build: Callable[..., Built]) -> Built:
    # Hand-written test briefs with their slug for a file name, as ingest names every brief.
    for name, slug in [
        ("2024-06-18-jet-engines", "jet-engines"),
        ("2023-11-10-two-plus-two-dialogue", "two-plus-two-dialogue"),
        ("2025-06-30-us-offset", "pentagon-readout"),
    ]:
        (briefs_copy / f"{name}.md").rename(briefs_copy / f"{slug}.md")
    (briefs_copy / "2025-08-02-analyst-note.md").write_text(LINKING, encoding="utf-8")
    with (briefs_copy / "two-plus-two-dialogue.md").open("a", encoding="utf-8") as dialogue:
        dialogue.write("\n## Sources\n\nThe ministry's readout.\n")
    extra = tmp_path / "extra"  # beside the briefs folder, as content/extra is beside content/briefs
    (extra / "maps").mkdir(parents=True)
    (extra / "maps" / "route one.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return build(briefs=briefs_copy, paths={"extra": str(extra)})


def test_links_to_briefs_and_extra_files_work_on_the_site(linked: Built) -> None:
    page = linked.html("briefs/2025-08-02-analyst-note/index.html")
    hrefs = page.xpath("//main//a/@href | //main//img/@src")
    assert "../../briefs/jet-engines/" in hrefs
    # a link to a heading, in the brief or another, reaches the heading's id (the page has its own
    # "sources" section, which a body heading "Sources" must not take)
    assert "../../briefs/two-plus-two-dialogue/#h-sources" in hrefs
    assert linked.html("briefs/two-plus-two-dialogue/index.html").get_element_by_id("h-sources").tag == "h3"
    assert "../../briefs/pentagon-readout/" in hrefs
    assert "../../maps/route%20one.png" in hrefs
    assert "https://mod.gov.in/" in hrefs and hrefs.count("#h-notes") == 2 and "#later" in hrefs
    assert page.get_element_by_id("h-notes").text_content() == "Notes"
    book = linked.text("books/2025-08/index.html")
    assert 'href="../../briefs/jet-engines/"' in book and 'src="../../maps/route%20one.png"' in book
    # in a book that holds both briefs, the link goes to the linked brief's section of the book
    pillar_book = linked.html("books/defence-industry/index.html")
    assert pillar_book.get_element_by_id("b-jet-engines") is not None
    note = pillar_book.get_element_by_id("b-2025-08-02-analyst-note")
    assert "#b-jet-engines" in note.xpath(".//a/@href"), note.xpath(".//a/@href")
    # its headings' ids are its own in the book, and its links to them follow
    assert "#b-2025-08-02-analyst-note--h-notes" in note.xpath(".//a/@href")
    assert note.get_element_by_id("b-2025-08-02-analyst-note--h-notes").text_content() == "Notes"
    assert not pillar_book.xpath("//*[@id='h-notes']")
    # and so are its footnotes' (fn1 in every brief that has one), their links following them
    assert page.xpath("//a[@href='#fn1']/@id") == ["fnref1"] and page.get_element_by_id("fn1") is not None
    assert note.xpath(".//a[@href='#b-2025-08-02-analyst-note--fn1']/@id") == [
        "b-2025-08-02-analyst-note--fnref1"
    ]
    assert "readout, 2 August" in note.get_element_by_id("b-2025-08-02-analyst-note--fn1").text_content()
    assert not pillar_book.xpath("//*[@id='fn1']")
    feed = linked.text("feed.xml")
    assert f"{SUB_PATH_URL}briefs/jet-engines/" in feed
    assert f"{SUB_PATH_URL}maps/route%20one.png" in feed
    # every link of every page resolves, but "#later" on its page: no such id (in a book, it leads
    # to the brief's section)
    problems = check_site(linked.config)
    assert len(problems) == 1 and "analyst-note/index.html:" in problems[0], problems
    assert problems[0].endswith("link '#later' points at a missing id #later")


def test_check_names_the_brief_and_line_of_a_link_that_leads_nowhere(
    briefs_copy: Path, tmp_path: Path, build: Callable[..., Built]
) -> None:
    text = LINKING.replace("jet-engines.md", "2024-06-18-jet-engine.md")
    text = text.replace("./two-plus-two-dialogue.md#sources", "2025-08-01-draft.md")
    text = text.replace("pentagon-readout.md", "2025-06-30-us-offset.md")
    (briefs_copy / "2025-08-02-analyst-note.md").write_text(text, encoding="utf-8")
    built = build(briefs=briefs_copy, paths={"extra": str(tmp_path / "extra")})
    mine = [p for p in check_site(built.config) if "2025-08-02-analyst-note.md" in p]
    assert len(mine) == 4, mine
    missing, draft, renamed, picture = mine
    assert missing.endswith(
        "2025-08-02-analyst-note.md:7: link '2024-06-18-jet-engine.md' leads to no published brief "
        "(there is no such brief)"
    )
    assert ":8: link '2025-08-01-draft.md' leads to no published brief (a draft" in draft
    assert renamed.endswith(
        ":9: link '../briefs/2025-06-30-us-offset.md' leads to no published brief (2025-06-30-us-offset.md "
        "is published as 'pentagon-readout', its slug: link pentagon-readout.md, or name the file so)"
    )
    assert ":11: link '../extra/maps/route%20one.png' leads to" in picture
    assert picture.endswith("extra/maps/route one.png, which is not there")


def test_every_build_says_a_link_that_leads_nowhere_until_it_is_mended(
    briefs_copy: Path, tmp_path: Path
) -> None:
    """The build was silent: a link to a brief misspelt went to the site broken, and only
    ``briefing check`` said so. Now each build says it, builds that render nothing and builds that
    only set a changed body (the kept plan, ``snapshot``) too, judged against that build's files."""
    extra = tmp_path / "extra"
    config = make_config(tmp_path, briefs=briefs_copy, paths={"extra": str(extra)})
    note = briefs_copy / "2025-08-02-analyst-note.md"
    note.write_text(LINKING.replace("jet-engines.md", "jet-engine.md"), encoding="utf-8")

    def build() -> list[str]:
        err = io.StringIO()
        render_site(config, Reporter(out=io.StringIO(), err=err), use_cache=True)
        return [line for line in err.getvalue().splitlines() if "analyst-note.md" in line]

    said = build()
    assert len(said) == 2, said
    assert (
        said[0].startswith("warning: ") and ":7: link 'jet-engine.md' leads to no published brief" in said[0]
    )
    assert "route%20one.png' leads to" in said[1]
    assert build() == said  # nothing changed: said again
    (extra / "maps").mkdir(parents=True)
    (extra / "maps" / "route one.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert build() == said[:1]  # the picture is there now
    note.write_text(LINKING.replace("jet-engines.md", "2025-06-30-us-offset.md"), encoding="utf-8")
    now = build()  # only the body changed
    assert len(now) == 1 and "(2025-06-30-us-offset.md is published as 'pentagon-readout'" in now[0], now
    note.write_text(LINKING, encoding="utf-8")
    assert build() == []
