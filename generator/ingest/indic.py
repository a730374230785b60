"""India's scripts in Latin letters, for slugs: "रक्षा मंत्री" -> "raksha mantri", "தமிழ்" -> "tamil".

anyascii, which the slugs use for other scripts, spells each character alone and so drops the vowel
a consonant carries unless a sign replaces or a virama silences it ("rksa mmtri", "tmil"). Here a
consonant keeps its inherent "a" except before a vowel sign, a virama, or at the end of a word (as
Hindi is spoken: "bharat", not "bharata"); long and short vowels are spelled alike, as in Hindi
headlines. The other scripts of India (Bengali, Gurmukhi, Gujarati, Odia, Tamil, Telugu, Kannada,
Malayalam) lay out their blocks as Devanagari does, each letter at the same place in its block
(Unicode kept ISCII's order), so a letter is spelled as its Devanagari twin.
"""

from __future__ import annotations

import re
import unicodedata

_NUKTA, _VIRAMA = "\u093c", "\u094d"


def _table(letters: str, latin: str, after: str = "") -> dict[str, str]:
    return {letter + after: spelled for letter, spelled in zip(letters, latin.split(" "), strict=True)}


_CONSONANTS = _table(
    "कखगघङचछजझञटठडढणतथदधनपफबभमयरलळवशषसह",
    "k kh g gh n ch chh j jh n t th d dh n t th d dh n p ph b bh m y r l l v sh sh s h",
)
# With a nukta (the consonant, then U+093C, once normalized): the sounds of Urdu and English words,
# and the twins of Tamil's ன ற ழ.
_CONSONANTS |= _table("कखगजडढफयनरळ", "q kh g z r rh f y n r l", after=_NUKTA)
# Short e and o (ऎ ऒ, ॆ ॊ) are Devanagari's places for the south's letters
_VOWELS = _table("अआइईउऊऋएऐओऔऑऎऒ", "a a i i u u ri e ai o au o e o")
_SIGNS = _table("ािीुूृेैोौॉॆॊ", "a i i u u ri e ai o au o e o")
_OTHERS = {"ं": "n", "ँ": "n", "ः": "h", "ॐ": "om"} | {chr(0x966 + n): str(n) for n in range(10)}
_RUN = re.compile(r"[\u0900-\u0d7f]+")
# Malayalam's chillus, consonants that end a syllable: as their consonant and a virama.
_CHILLUS = {"\u0d7a": "ण्", "\u0d7b": "न्", "\u0d7c": "र्", "\u0d7d": "ल्", "\u0d7e": "ळ्", "\u0d7f": "क्"}


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


def _as_devanagari(char: str) -> str:
    """A letter of any of India's scripts as its twin at the same place of Devanagari's block."""
    code = ord(char)
    if code < 0x0980:
        return char
    if char in _CHILLUS:
        return _CHILLUS[char]
    return chr(code - (code & ~0x7F) + 0x0900)


def _spelled(run: str) -> str:
    spelled = _word("".join(map(_as_devanagari, run)))
    # Malayalam's anusvara closes a word with "m" ("keralam"), where Hindi's nasalises a vowel ("mein")
    if run.endswith("\u0d02") and spelled.endswith("n"):
        return spelled[:-1] + "m"
    return spelled


def transliterate(text: str) -> str:
    """``text`` with each run of an Indian script spelled in Latin letters; the rest as it is."""
    return _RUN.sub(lambda run: _spelled(run.group()), text)
