"""Devanagari (Hindi, Marathi, Nepali) in Latin letters, for slugs: "रक्षा मंत्री" -> "raksha mantri".

anyascii, which the slugs use for other scripts, spells each character alone and so drops the vowel
a consonant carries unless a sign replaces or a virama silences it ("rksa mmtri"). Here a consonant
keeps its inherent "a" except before a vowel sign, a virama, or at the end of a word (as Hindi is
spoken: "bharat", not "bharata"); long and short vowels are spelled alike, as in Hindi headlines.
"""

from __future__ import annotations

import re
import unicodedata

_NUKTA, _VIRAMA = "\u093c", "\u094d"


def _table(letters: str, latin: str, after: str = "") -> dict[str, str]:
    return {letter + after: spelled for letter, spelled in zip(letters, latin.split(" "), strict=True)}


_CONSONANTS = _table(
    "कखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसह",
    "k kh g gh n ch chh j jh n t th d dh n t th d dh n p ph b bh m y r l v sh sh s h",
)
# With a nukta (the consonant, then U+093C, once normalized): the sounds of Urdu and English words.
_CONSONANTS |= _table("कखगजडढफय", "q kh g z r rh f y", after=_NUKTA)
_VOWELS = _table("अआइईउऊऋएऐओऔऑ", "a a i i u u ri e ai o au o")
_SIGNS = _table("ािीुूृेैोौॉ", "a i i u u ri e ai o au o")
_OTHERS = {"ं": "n", "ँ": "n", "ः": "h", "ॐ": "om"} | {chr(0x966 + n): str(n) for n in range(10)}
_RUN = re.compile(r"[\u0900-\u097f]+")


def _word(word: str) -> str:
    chars = unicodedata.normalize("NFD", word)
    out: list[str] = []
    i = 0
    while i < len(chars):
        char = chars[i]
        if chars[i + 1 : i + 2] == _NUKTA:
            char += _NUKTA
            i += 1
        i += 1
        if char in _CONSONANTS:
            out.append(_CONSONANTS[char])
            after = chars[i : i + 1]
            if after in _SIGNS:
                out.append(_SIGNS[after])
                i += 1
            elif after == _VIRAMA:
                i += 1
            elif after and unicodedata.category(after)[0] in "LM":  # not at the word's end (nor a danda's)
                out.append("a")  # the inherent vowel
        else:  # a vowel, a mark, a digit; a danda or anything else goes
            out.append(_VOWELS.get(char) or _SIGNS.get(char) or _OTHERS.get(char, ""))
    return "".join(out)


def transliterate(text: str) -> str:
    """``text`` with each run of Devanagari spelled in Latin letters; the rest as it is."""
    return _RUN.sub(lambda run: _word(run.group()), text)
