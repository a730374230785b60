"""Bytes of an article file to text.

UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are. A file that is UTF-8 but for a
few stray bytes keeps its UTF-8 text with the strays replaced; anything else that is not UTF-8 is read
as Windows-1252 (a superset of Latin-1 for text), with a warning either way. Binary data is refused.
"""

from __future__ import annotations

import codecs
import re

from generator.characters import UNFIT, find_unfit
from generator.ingest.errors import ArticleError

MAX_BYTES = 10 * 1024 * 1024  # a news article's text dump is a few KB; 10 MB is far beyond any real page
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # not ESC: a terminal's colour codes are text
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
# A terminal's colour and cursor codes, in a dump captured from one: removed whole, as one character.
_TERMINAL_CODE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# A page's own word on its encoding (<meta charset=...>, or http-equiv's content="...; charset=..."),
# looked for where pages give it: near the top.
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_CHARSET_WITHIN = 8192
_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")


def _mostly_utf8(data: bytes) -> str | None:
    """The text if the bytes are UTF-8 apart from a few stray bytes, else None."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    good_multibyte = sum(1 for c in text if ord(c) > 0x7F) - bad
    return text if good_multibyte > 0 and bad <= max(3, good_multibyte // 10) else None


def decode(data: bytes) -> tuple[str, list[str]]:
    """The text of the file and warnings about how it was read; raises ArticleError for unusable data."""
    if len(data) > MAX_BYTES:
        raise ArticleError(
            f"too large: {len(data) / 1e6:.1f} MB, while an article dump is at most "
            f"{MAX_BYTES // 1024**2} MB; is it really one article?"
        )
    if data.startswith(_BINARY_MAGIC):
        raise ArticleError("binary file (an image, PDF or archive), not a text dump")
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError("not readable text (bad UTF-16)") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            mostly = _mostly_utf8(data)
            if mostly is not None:
                text = mostly
                warnings.append(f"invalid UTF-8 bytes (first at byte {exc.start}) replaced with '\ufffd'")
            else:
                text = data.decode("cp1252", errors="replace")
                warnings.append(f"not UTF-8 (byte {exc.start}); read as Windows-1252")
    sample = text[:4096]
    if sample and len(_CONTROL.findall(sample)) > len(sample) * 0.01:
        raise ArticleError("binary file, not a text dump")
    if find_unfit(text):
        text, unfit = _without_unfit(text)
        warnings += unfit
    if not text.strip():
        raise ArticleError("the file is empty" if not data.strip() else "the file holds only white space")
    return normalise_newlines(text), warnings


def _without_unfit(text: str) -> tuple[str, list[str]]:
    """The text without the characters no page or feed can hold, and what was removed."""
    warnings = []
    nuls = text.count("\x00")
    if nuls:
        warnings.append(f"{nuls} NUL byte{'s' if nuls > 1 else ''} removed")
    # a form feed (a PDF's page break) or vertical tab (a word processor's line break) parts words
    text = _TERMINAL_CODE.sub("\x1b", text).replace("\f", " ").replace("\v", " ")
    others = len(UNFIT.findall(text)) - nuls
    if others:
        warnings.append(f"{others} control character{'s' if others > 1 else ''} removed")
    return UNFIT.sub("", text), warnings


def declared_charset(html: bytes) -> str | None:
    match = _META_CHARSET.search(html, 0, _CHARSET_WITHIN)
    return match[1].decode("ascii") if match else None


def to_utf8(data: bytes, charset: str | None) -> bytes:
    """``data`` read in the ``charset`` a page declares, as UTF-8, so that ``decode`` neither guesses
    nor warns; as it is when that is UTF-8, unknown, or wrong for the bytes (``decode`` then says so)."""
    if not charset or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return data
    if name in ("utf-8", "ascii"):
        return data
    if name == "iso8859-1":
        name = "cp1252"  # as browsers read a page that says Latin-1: curly quotes and dashes included
    try:
        return data.decode(name).encode("utf-8")
    except UnicodeDecodeError:
        return data


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def plain_spaces(text: str) -> str:
    """Odd spaces made plain, invisible characters taken out; line breaks are left alone."""
    return _INVISIBLE.sub("", _ODD_SPACE.sub(" ", text))


def normalise_line(line: str) -> str:
    """One line with odd spaces made plain and runs of spaces collapsed; a line of NBSPs becomes ''."""
    return " ".join(plain_spaces(line).split())
