"""The raw dump format: line 1 is `` date YYYY-MM-DD <text>``, then the page's text, one block a line."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

from generator.ingest.decode import normalise_line, plain_spaces
from generator.ingest.errors import ArticleError
from generator.ingest.model import Block, RawArticle

# The leading space is part of the format, but a hand-made file may lose it; accept both.
_HEADER = re.compile(r"^ ?date (?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ \u00a0]+(?P<text>.*))?$")
# A dump made by stripping a page's tags keeps its character references ("&amp;", "&#8217;"), which
# a reader must see as characters. Only whole references (with the ";") are read: "R&D" stays. A
# line break written as one ("&#10;") is a space: the dump's lines are its own.
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BREAKS = str.maketrans("\r\n\u2028\u2029", "    ")


def _characters(text: str) -> str:
    if "&" not in text:
        return text
    return _REFERENCE.sub(lambda m: html.unescape(m[0]).translate(_BREAKS), text)


def parse_dump(path: Path, text: str) -> RawArticle:
    first, _, rest = text.partition("\n")
    first = first.lstrip("\ufeff")
    match = _HEADER.match(first)
    if not match:
        raise ArticleError("no header line: line 1 must be ' date YYYY-MM-DD <text>'", 1)
    try:
        header_date = date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise ArticleError(
            f"bad date in the header line: {match['y']}-{match['m']}-{match['d']}", 1
        ) from None
    blocks = []
    # normalise_line on each line, with the spaces made plain in one pass over the text
    for number, line in enumerate(plain_spaces(_characters(rest)).split("\n"), start=2):
        clean = " ".join(line.split())
        if clean:
            blocks.append(Block(clean, number))
    if not blocks:
        raise ArticleError("no text after the header line", 1)
    return RawArticle(path, header_date, normalise_line(_characters(match["text"] or "")), tuple(blocks))
