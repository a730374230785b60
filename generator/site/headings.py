"""Ids for the headings of a brief's body, so ``[see](#background)`` leads somewhere.

An id is the heading's text slugged as GitHub's file view and most Markdown editors slug it
(lower case, punctuation dropped, spaces made hyphens, letters of any script kept; a repeated one
numbered ``-1``, ``-2``), so a link that works in the editor's preview works on the site. Each
carries the prefix ``h-``: a body heading "Sources" must not take the id of the page's own Sources
section. ``body_links`` rewrites a link to a heading (``#sources``, ``x.md#sources``) to match.
In a book, where several bodies share a page, each id of a body, its footnotes' too, is put under
the brief's section (``b-<slug>--h-sources``, ``b-<slug>--fn1``: a slug holds no ``--``, so no two
briefs' ids can meet).
"""

from __future__ import annotations

import html
import re
import unicodedata

PREFIX = "h-"
# With raw HTML off every tag in markdown-it's output is its own, so these patterns are exact.
_HEADING = re.compile(r"<(h[1-6])>(.*?)</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
# The ids of a body: its headings' and markdown-it's for its footnotes and their references (fn1,
# fnref1, fnref1:1). With raw HTML off there are no others.
_OWN_ID = rf"(?:{PREFIX}|fn(?:ref)?[0-9])"
_OWN = re.compile(_OWN_ID)
_ID = re.compile(rf' id="({_OWN_ID}[^"]*)"')


def slug(text: str) -> str:
    """GitHub's anchor for a heading's text: "Key points & risks" -> "key-points--risks"."""
    kept = (c for c in text.lower() if c in "-_ " or unicodedata.category(c)[0] in "LMN")
    return "".join(kept).replace(" ", "-")


def add_ids(body_html: str) -> str:
    """``body_html`` (markdown-it output) with an id on each heading."""
    if "<h" not in body_html:
        return body_html  # most briefs (all that ingest writes) have no headings
    seen: dict[str, int] = {}

    def with_id(match: re.Match[str]) -> str:
        base = slug(html.unescape(_TAG.sub("", match.group(2)))) or "section"
        name = base
        while name in seen:  # github-slugger's numbering: "a", "a-1", and "a-1" written after is "a-1-1"
            seen[base] += 1
            name = f"{base}-{seen[base]}"
        seen[name] = 0
        return f'<{match.group(1)} id="{PREFIX}{name}">{match.group(2)}</{match.group(1)}>'

    return _HEADING.sub(with_id, body_html)


def has_id(body_html: str, fragment: str) -> bool:
    """Whether ``body_html`` (with ids) has a heading for ``fragment`` (percent-decoded)."""
    return f' id="{PREFIX}{html.escape(fragment)}"' in body_html


def is_own_id(fragment: str) -> bool:
    """Whether ``fragment`` names an id of a body (a heading's, a footnote's), not one of its page's."""
    return _OWN.match(fragment) is not None


_LEVEL = re.compile(r"<(/?)h([1-6])\b")


def within(body_html: str, anchor: str) -> str:
    """A body as a book shows it in the section ``anchor``: its ids (its headings', its footnotes')
    that section's own, and its headings a level down, under the section's h3 "Report"."""
    html = _ID.sub(lambda m: f' id="{anchor}--{m.group(1)}"', body_html)
    return _LEVEL.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 1, 6)}", html) if "<h" in html else html
