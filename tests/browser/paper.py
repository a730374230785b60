"""Reading printed pages back: what text a PDF holds, page by page (poppler's ``pdftotext``)."""

from __future__ import annotations

import re
import subprocess
import unicodedata


def pdf_pages(pdftotext: str, pdf: bytes) -> list[str]:
    """The text of each page; pdftotext ends every page with a form feed."""
    done = subprocess.run(
        [pdftotext, "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    )
    pages = done.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squash(text: str) -> str:
    """Text reduced for matching across line breaks: compatibility forms folded (ligatures), quotes
    made plain, whitespace and hyphens removed (pdftotext drops the hyphen of a line that ends in
    one, so "cover-spares" broken after the hyphen reads back "coverspares"), lower case."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"\u2010": "-", "\u2011": "-", "\u00ad": "", "\u2019": "'"}))
    return re.sub(r"[\s-]+", "", text).lower()


def holds(haystack: str, needle: str) -> bool:
    """Whether ``needle`` appears in ``haystack``, ignoring how the PDF wrapped and spaced it."""
    return squash(needle) in squash(haystack)


def page_of(pages: list[str], text: str) -> int | None:
    """The first page (0-based) that holds ``text`` whole, or None if no single page does."""
    wanted = squash(text)
    return next((i for i, page in enumerate(pages) if wanted in squash(page)), None)


def split_blocks(pages: list[str], blocks: list[list[str]]) -> list[str]:
    """Blocks (each a list of its text pieces) whose pieces are not all on one page."""
    split = []
    for pieces in blocks:
        where = [page_of(pages, piece) for piece in pieces]
        if None in where or len(set(where)) != 1:
            split.append(f"{pieces[0][:60]!r} spread over pages {where}")
    return split
