"""Text from articles can never inject markup: autoescaping on, Markdown without raw HTML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import lxml.html
import pytest

from generator.site.markdown import absolutize, render_markdown, render_markdown_reference

from .helpers import Built, select

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


# The one script of the site: the search page's own file (issue 8), never inline.
SEARCH_SCRIPT = '<script src="../assets/search.js" defer></script>'


def test_no_script_or_event_handler_anywhere_in_the_site(built: Built) -> None:
    for path in built.html_files():
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(built.root)
        if where.as_posix() == "search/index.html":
            assert text.count(SEARCH_SCRIPT) == 1, where
            text = text.replace(SEARCH_SCRIPT, "")
        doc = lxml.html.fromstring(text)
        assert doc.xpath("//script | //iframe | //img[@onerror] | //*[@onclick]") == [], where
        assert not re.search(r"<script", text, re.I), where
        hrefs = [a.get("href") for a in doc.xpath("//*[@href]")]
        assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:text"))], where


def test_hostile_brief_is_shown_as_text(built: Built) -> None:
    doc = built.html("briefs/hostile-text/index.html")
    assert select(doc, "h1")[0].text_content() == "<script>alert(1)</script> Hostile & {{ 7*7 }} title"
    body = select(doc, ".report .body")[0].text_content()
    assert "<script>alert(1)</script>" in body
    assert '<div onclick="alert(1)">raw html block</div>' in body
    assert "{{ 7*7 }}" in body and "49" not in body
    assert "[click me](javascript:alert(1))" in body  # the link was refused, left as text
    assert [a.get("href") for a in select(doc, ".report a")] == ["https://example.com/ok"]
    sources = select(doc, ".sources li")
    assert sources[0].xpath(".//a") == []  # a javascript: source URL is not linked
    assert sources[0].text_content().startswith("<script>src</script>")
    assert "<i>Mallory</i>" in select(doc, ".filed-under")[0].text_content()


def test_hostile_text_in_feeds_is_escaped(built: Built) -> None:
    # the hostile brief is among the 4 newest of its pillar's feed
    found = False
    for item in ET.fromstring((built.root / "pillars/defence-industry/feed.xml").read_bytes()).iter("item"):
        if item.findtext("link").endswith("/hostile-text/"):
            found = True
            assert item.findtext("title") == "<script>alert(1)</script> Hostile & {{ 7*7 }} title"
            fragment = lxml.html.fragment_fromstring(item.findtext(CONTENT), create_parent="div")
            assert fragment.xpath("//script | //iframe | //*[@onclick] | //b | //i") == []
            assert "<script>alert(1)</script>" in fragment.text_content()
    assert found


def test_markdown_refuses_dangerous_links_and_raw_html() -> None:
    html = render_markdown(
        "[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](vbscript:x) [d](data:text/html,x) "
        "[e](https://ok.example/) <b>bold</b>\n\n<script>x</script>\n"
    )
    assert "<a" in html and html.count("<a ") == 1 and 'href="https://ok.example/"' in html
    assert "<b>" not in html and "<script>" not in html


@pytest.mark.parametrize("render", [render_markdown, render_markdown_reference])
def test_markdown_headings_start_below_the_page_sections(render) -> None:  # noqa: ANN001
    """A body's top heading is an h3, under the page's h2 "Report", whatever level it was written
    at; the others keep their steps below it, h6 at most, so no level is skipped."""
    assert render("# One\n\n## Two\n\n###### Six").split("\n")[:3] == [
        "<h3>One</h3>",
        "<h4>Two</h4>",
        "<h6>Six</h6>",
    ]
    assert render("text\n\n## Two\n\n### Three").split("\n")[1:3] == ["<h3>Two</h3>", "<h4>Three</h4>"]
    assert render("#### Four\n\n##### Five").split("\n")[:2] == ["<h3>Four</h3>", "<h4>Five</h4>"]


def test_absolutize_makes_every_url_absolute() -> None:
    html = render_markdown("[a](../x/) [b](/root) [c](#frag) [d](https://other.example/) ![i](pic.png)")
    out = absolutize(html, "https://s.example/repo/briefs/one/")
    assert 'href="https://s.example/repo/briefs/x/"' in out
    assert 'href="https://s.example/root"' in out
    assert 'href="https://s.example/repo/briefs/one/#frag"' in out
    assert 'href="https://other.example/"' in out
    assert 'src="https://s.example/repo/briefs/one/pic.png"' in out


def test_external_links_in_markdown_get_noopener() -> None:
    html = render_markdown("[out](https://example.com/) [in](../other/)")
    assert '<a href="https://example.com/" rel="noopener external">out</a>' in html
    assert '<a href="../other/">in</a>' in html
