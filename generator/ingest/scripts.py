"""Scripts that words are found differently in, as character class ranges (for ``[...]``).

Indic scripts write vowel signs as combining marks, which ``\\w`` does not match. Chinese and Japanese
put no spaces between words: a line of them is one long run of ``\\w``, and a word inside it has no
boundary ``\\b`` could find.

A pattern of the Chinese and Japanese ranges takes ~2.5 ms to compile (``re`` walks each of their
28,000 letters), in every run that reads articles: those used only on such text are compiled when
it is first met.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

INDIC = "\u0900-\u0dff"
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana, and the Chinese characters
# Letters of scripts without capitals that end sentences with ".": Hebrew, Arabic, Indic, Hangul. A
# sentence after ". " starts with one of them as an English one starts with a capital.
CASELESS = f"\u0590-\u06ff{INDIC}\uac00-\ud7a3"
# Sentence marks of other scripts: a space follows these (Devanagari's danda, Urdu's full stop and
# question mark, Ethiopic's, Myanmar's and Khmer's full stops), none follows the full-width ones.
SPACED_STOPS = "।॥۔؟።။។"
FULL_WIDTH_STOPS = "。！？"
FIRST_CJK = "\u3040"  # the first letter of CJK, above every one of INDIC: one comparison parts them


@functools.cache
def compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def has_cjk(text: str) -> bool:
    return not text.isascii() and compiled(f"[{CJK}]").search(text) is not None


def has_indic(text: str) -> bool:
    return not text.isascii() and compiled(f"[{INDIC}]").search(text) is not None


# A letter, or a vowel sign of an Indic script, which \w does not match: "सेन" is no word of "सेना".
LETTER = f"[\\w\u0300-\u036f{INDIC}]"


def whole_word(pattern: str, word: str, letter: str = LETTER) -> str:
    """``pattern`` (which finds ``word``) only as a whole word: no ``letter`` just before or after it;
    but at an edge of ``word`` in Chinese or Japanese, which put no spaces between words."""
    before = "" if has_cjk(word[0]) else f"(?<!{letter})"
    after = "" if has_cjk(word[-1]) else f"(?!{letter})"
    return before + pattern + after


def needs_whole_word(words: Iterable[str]) -> bool:
    """Whether a word is in a script whose words ``\\w`` does not bound, so needs ``whole_word``."""
    return any(not w.isascii() and (has_cjk(w) or has_indic(w)) for w in words)


def is_han(char: str) -> bool:
    """A Chinese character (Japanese writes them too), by comparison: no pattern to compile."""
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
