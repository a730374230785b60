"""Brief bodies from Markdown to HTML, safely.

``js-default`` keeps raw HTML off (``<script>`` in an article becomes text) and its
``validateLink`` refuses ``javascript:``, ``vbscript:``, ``file:`` and non-image ``data:`` URLs,
so text from articles can never inject markup. Headings are pushed down so that the body's top
level is an ``h3``, the rest keeping their steps below it: the brief's title is the page's only
``h1``, the body sits in a section headed by an ``h2``, and a body written with ``##`` sections (as
one is on GitHub, and as ingest writes a story's subheadings) skips no level. Footnotes
(``text[^1]`` and ``[^1]: the source``) are read, as an analyst cites; ingest escapes the ``[`` of
an article's own text, so only a brief written by hand has them.

Speed: markdown-it-py costs ~0.3 ms per brief, the largest part of a cold render. When
``markdown-it-pyrs`` (the Rust port of markdown-it, same output) is installed, it renders with the
same rule set (raw HTML off, the same link validation) and the two post-passes below redo our two
core rules on its output; tests/render/test_markdown_engines.py checks the two engines agree on the
sample briefs and on generated Markdown; text where the two are known to differ (exotic whitespace,
an empty blockquote line) goes to markdown-it-py, which stays the reference and the fallback.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from generator.site.urls import join

if TYPE_CHECKING:  # markdown-it-py is imported when first used: most builds render no Markdown
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

# Every href/src of markdown-it's output, which writes attributes double-quoted and escaped: exact.
URL_ATTR = re.compile(r'(\s(?:href|src))="([^"]*)"')


TOP_LEVEL = 3  # a body's top heading level on its page, under the page's h2 "Report"


def _shifted(level: int, top: int) -> int:
    return min(level + TOP_LEVEL - top, 6)


def _demote_headings(state: StateCore) -> None:
    marks = [t for t in state.tokens if t.type in ("heading_open", "heading_close")]
    top = min((int(t.tag[1]) for t in marks), default=TOP_LEVEL)
    for token in marks:
        token.tag = f"h{_shifted(int(token.tag[1]), top)}"


def _external_links_noopener(state: StateCore) -> None:
    for block in state.tokens:
        for token in block.children or ():
            if token.type == "link_open" and str(token.attrGet("href") or "").startswith(
                ("http://", "https://")
            ):
                token.attrSet("rel", "noopener external")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.footnote.index import render_footnote_anchor

    def back_link(self: Any, *args: Any) -> str:
        # its arrow is all it says, and a screen reader reads "leftwards arrow with hook"
        html = render_footnote_anchor(self, *args)
        return html.replace(
            ' class="footnote-backref">', ' class="footnote-backref" aria-label="Back to the text">'
        )

    md = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})
    md.use(footnote_plugin)
    md.add_render_rule("footnote_anchor", back_link)
    md.core.ruler.push("demote_headings", _demote_headings)
    md.core.ruler.push("external_links", _external_links_noopener)
    return md


# The js-default preset's rules, minus raw HTML (html_block, html_inline): markdown-it.rs names them so.
_FAST_RULES = (
    "blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference",
    "autolink", "backticks", "emphasis", "entity", "escape", "image", "link", "newline",
    "table", "strikethrough",
)  # fmt: skip
# With raw HTML off every tag in the output is the renderer's own, so these patterns are exact.
_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")
_EXTERNAL_LINK = re.compile(r'<a href="(https?://[^"]*)"((?: title="[^"]*")?)>')
# Where the engines are known to differ, the reference renders: whitespace other than space, tab and
# newline (Python and Rust trim different sets), a line that is only blockquote markers, and
# footnotes (the fast engine's set of rules has none).
_DOUBT = re.compile(r"[^\S \t\n]|^[ \t]*(?:>[ \t]*)+$|\[\^", re.MULTILINE)


@lru_cache(maxsize=1)
def _fast_parser() -> Any | None:
    try:
        import markdown_it_pyrs
    except ImportError:  # optional: markdown-it-py alone gives the same HTML, slower
        return None
    md = markdown_it_pyrs.MarkdownIt("zero")
    md.enable_many(list(_FAST_RULES))
    return md


def render_markdown_reference(text: str) -> str:
    """markdown-it-py: the reference output."""
    return _parser().render(text)


# Body text -> HTML for briefs whose HTML the build cache already holds (see site/incremental.py).
_REMEMBERED: dict[str, str] = {}


def remember(text: str, html: str) -> None:
    _REMEMBERED[text] = html


def render_markdown(text: str) -> str:
    known = _REMEMBERED.get(text)
    if known is not None:
        return known
    fast = _fast_parser()
    if fast is None or _DOUBT.search(text):
        return _parser().render(text)
    try:
        rendered = fast.render(text, xhtml=False)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - a Rust panic (pyo3's PanicException is a BaseException)
        return _parser().render(text)  # rare input the fast engine cannot take: the reference can
    if "<h" in rendered:  # its headings, as _demote_headings sets them
        top = min((int(level) for _, level in _HEADING_TAG.findall(rendered)), default=TOP_LEVEL)
        rendered = _HEADING_TAG.sub(lambda m: f"<{m[1]}h{_shifted(int(m[2]), top)}>", rendered)
    return _EXTERNAL_LINK.sub(r'<a href="\1"\2 rel="noopener external">', rendered)


def absolutize(html: str, base_url: str) -> str:
    """Make every href/src in markdown-it output absolute against ``base_url``.

    Feed readers resolve relative URLs inconsistently (often against the feed), so content:encoded
    must carry absolute ones. markdown-it always writes attributes double-quoted and escaped, which
    makes this substitution exact for its output.
    """
    return URL_ATTR.sub(lambda m: f'{m.group(1)}="{join(base_url, m.group(2))}"', html)
