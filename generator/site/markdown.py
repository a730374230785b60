"""Brief bodies from Markdown to HTML, safely.

``js-default`` keeps raw HTML off (``<script>`` in an article becomes text) and its
``validateLink`` refuses ``javascript:``, ``vbscript:``, ``file:`` and non-image ``data:`` URLs,
so text from articles can never inject markup. Headings are pushed down two levels: the brief's
title is the page's only ``h1`` and the body sits in a section headed by an ``h2``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from generator.site.urls import join

_URL_ATTR = re.compile(r'(\s(?:href|src))="([^"]*)"')


def _demote_headings(state: StateCore) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + 2, 6)
            token.tag = f"h{level}"


def _external_links_noopener(state: StateCore) -> None:
    for block in state.tokens:
        for token in block.children or ():
            if token.type == "link_open" and str(token.attrGet("href") or "").startswith(
                ("http://", "https://")
            ):
                token.attrSet("rel", "noopener external")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})
    md.core.ruler.push("demote_headings", _demote_headings)
    md.core.ruler.push("external_links", _external_links_noopener)
    return md


def render_markdown(text: str) -> str:
    return _parser().render(text)


def absolutize(html: str, base_url: str) -> str:
    """Make every href/src in markdown-it output absolute against ``base_url``.

    Feed readers resolve relative URLs inconsistently (often against the feed), so content:encoded
    must carry absolute ones. markdown-it always writes attributes double-quoted and escaped, which
    makes this substitution exact for its output.
    """
    return _URL_ATTR.sub(lambda m: f'{m.group(1)}="{join(base_url, m.group(2))}"', html)
