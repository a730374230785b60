"""A brief's headings get ids slugged as GitHub's file view slugs them, so a link that works in
the editor's preview (``[see](#key-points--risks)``) works on the site."""

from __future__ import annotations

import pytest

from generator.site.headings import add_ids, slug, within
from generator.site.markdown import render_markdown, render_markdown_reference


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Background", "background"),
        ("Key points & risks", "key-points--risks"),  # GitHub keeps both hyphens
        ("India–US: the 2+2 dialogue", "indiaus-the-22-dialogue"),
        ("snake_case stays", "snake_case-stays"),
        ("भारत की नीति", "भारत-की-नीति"),  # vowel signs are kept, as GitHub keeps them
        ("Déjà vu", "déjà-vu"),
    ],
)
def test_a_heading_is_slugged_as_github_slugs_it(text: str, expected: str) -> None:
    assert slug(text) == expected


@pytest.mark.parametrize("render", [render_markdown, render_markdown_reference])
def test_each_heading_gets_an_id_of_its_text_numbered_when_repeated(render) -> None:  # noqa: ANN001
    html = add_ids(render("## Notes\n\n## Notes\n\n## Notes-1\n\n### The `Quad` & [AUKUS](a.md)\n\n## ???\n"))
    assert html.splitlines() == [
        '<h3 id="h-notes">Notes</h3>',
        '<h3 id="h-notes-1">Notes</h3>',
        '<h3 id="h-notes-1-1">Notes-1</h3>',  # github-slugger's numbering
        '<h4 id="h-the-quad--aukus">The <code>Quad</code> &amp; <a href="a.md">AUKUS</a></h4>',
        '<h3 id="h-section">???</h3>',  # no letters: an id all the same
    ]


def test_text_that_looks_like_a_heading_tag_is_left_alone() -> None:
    html = render_markdown("A paragraph about <h2>tags</h2>.\n")
    assert add_ids(html) == html


def test_in_a_book_each_id_is_put_under_the_briefs_section_and_each_heading_a_level_down() -> None:
    """A book's "Report" is an h3 (its brief's title an h2): the body's top heading is an h4 there."""
    html = add_ids(render_markdown('## Notes\n\nSee <h4 id="h-x">.\n\n### More\n'))
    assert within(html, "b-a-brief") == (
        '<h4 id="b-a-brief--h-notes">Notes</h4>\n<p>See &lt;h4 id=&quot;h-x&quot;&gt;.</p>\n'
        '<h5 id="b-a-brief--h-more">More</h5>\n'
    )


def test_footnotes_are_read_by_either_engine_alike() -> None:
    """An analyst cites with footnotes: "[^1]" showed as written."""
    text = "Talks resumed.[^1] Both sides agreed.[^n]\n\n[^1]: The readout.\n[^n]: A *second* note.\n"
    html = render_markdown(text)
    assert html == render_markdown_reference(text)
    assert '<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>' in html
    assert '<li id="fn2" class="footnote-item"><p>A <em>second</em> note.' in html
    assert html.count('class="footnote-backref" aria-label="Back to the text">') == 2  # not the arrow's name
    assert within(add_ids(html), "b-x").count(' id="b-x--fn') == 4  # two notes, two references
