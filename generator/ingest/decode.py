"""Bytes of an article file to text: UTF-8 (BOM or not), UTF-16 with a BOM, else cp1252 with a warning."""

from __future__ import annotations

import codecs
import re

from generator.ingest.errors import ArticleError

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def decode(data: bytes) -> tuple[str, str | None]:
    """The text of the file and a warning when it was not UTF-8; raises ArticleError for binary data."""
    if not data.strip():
        raise ArticleError("the file is empty")
    warning = None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError("not readable text (bad UTF-16)") from None
    else:
        if b"\x00" in data[:4096]:
            raise ArticleError("binary file, not a text dump")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            warning = f"not UTF-8 (byte {exc.start}); read as Windows-1252"
            text = data.decode("cp1252", errors="replace")
    sample = text[:4096]
    if sample and len(_CONTROL.findall(sample)) > len(sample) * 0.01:
        raise ArticleError("binary file, not a text dump")
    return normalise_newlines(text), warning


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_line(line: str) -> str:
    """One line with odd spaces made plain and runs of spaces collapsed; a line of NBSPs becomes ''."""
    line = _INVISIBLE.sub("", _ODD_SPACE.sub(" ", line))
    return " ".join(line.split())
