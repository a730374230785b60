"""A group of articles carrying one story becomes one Brief."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.ingest.language import language_of
from generator.ingest.lines import without_bullet
from generator.ingest.model import IngestedArticle
from generator.model import Brief, Source

# A paragraph that would turn into a heading, list or quote block in Markdown is escaped: a
# backslash before its first character, or before a number's "." (a digit cannot be escaped, and
# "\2025." showed its backslash).
_MARKDOWN_START = re.compile(r"^(#{1,6}\s|>|[-+*]\s|={3,}|-{3,})")
_NUMBER_START = re.compile(r"^([0-9]+)([.)]\s)")
_LIST_ITEM = re.compile(r"^(?:-|[0-9]+[.)]) ")  # how markdown_paragraph starts a list's item, and only one
# An article is plain text: the characters that Markdown reads inside a paragraph are escaped, so a
# page shows "2*3*4", "__init__" and "[1]: ..." as written (they became 2<em>3</em>4, a bold "init",
# and a link definition that swallowed the paragraph). An underscore inside a word ("Mike_T") marks
# nothing in Markdown and is left alone, as is a single "~".
_INLINE = re.compile(r"[\\`*\[]|~~|(?<![^\W_])_|_(?![^\W_])")


def _escaped(match: re.Match[str]) -> str:
    return "".join("\\" + c for c in match[0])


def markdown_paragraph(text: str, heading: bool = False, item: bool = False) -> str:
    """One paragraph of a story in Markdown; ``item``: a list item the page shows without a bullet."""
    if heading:  # a section of the body, as an analyst writes one
        text = _INLINE.sub(_escaped, text)
        return f"## {text[:-1]}\\#" if text.endswith("#") else f"## {text}"  # a "#" closing it would go
    if item:
        return f"- {markdown_paragraph(text)}"
    bare = without_bullet(text)
    if bare is not text:  # a page's list item: one item of a Markdown list, not a paragraph
        marker = text[: len(text) - len(bare)].rstrip()
        return f"{marker if marker[0].isdigit() else '-'} {markdown_paragraph(bare)}"
    text = _INLINE.sub(_escaped, text)
    if _MARKDOWN_START.match(text):
        return "\\" + text
    return _NUMBER_START.sub(r"\1\\\2", text)


def markdown_body(paragraphs: Sequence[str], headings: Sequence[str], items: Sequence[str]) -> str:
    """The story in Markdown: a list's items one under another, so that it is a list of lines
    rather than of paragraphs (a blank line between items spaces them as paragraphs)."""
    parts: list[str] = []
    listed = False
    for paragraph in paragraphs:
        text = markdown_paragraph(paragraph, paragraph in headings, paragraph in items)
        item = _LIST_ITEM.match(text) is not None
        if parts:
            parts.append("\n" if item and listed else "\n\n")
        parts.append(text)
        listed = item
    return "".join(parts)


def source_of(article: IngestedArticle) -> Source:
    clean = article.clean
    return Source(
        name=clean.source_name,
        file=article.file,
        url=clean.url,
        byline=clean.byline,
        published=clean.published,
        sha256=article.sha256,
    )


def build_brief(story: Sequence[IngestedArticle], slug: str) -> Brief:
    """``story[0]`` is the primary article: its text and enrichment make the brief."""
    primary = story[0]
    clean, extra = primary.clean, primary.enrichment
    tags: list[str] = []
    for article in story:
        for tag in article.clean.tags:
            if tag.lower() not in {t.lower() for t in tags}:
                tags.append(tag)
    return Brief(
        slug=slug,
        title=clean.title,
        date=clean.published,
        body=markdown_body(clean.paragraphs, clean.headings, clean.items),
        summary=extra.summary,
        standfirst=clean.standfirst,
        pillars=list(extra.pillars),
        people=list(extra.people),
        tags=tags,
        key_points=list(extra.key_points),
        quotes=list(extra.quotes),
        sources=[source_of(a) for a in story],
        lang=language_of(clean.title, clean.paragraphs[0] if clean.paragraphs else ""),
    )
