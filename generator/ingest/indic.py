"""India's scripts in Latin letters, for slugs: "रक्षा मंत्री" -> "raksha mantri", "தமிழ்" -> "tamil".

anyascii, which the slugs use for other scripts, spells each character alone and so drops the vowel
a consonant carries unless a sign replaces or a virama silences it ("rksa mmtri", "tmil"). Here a
consonant keeps its inherent "a" except before a vowel sign, a virama, or at the end of a word (as
Hindi is spoken: "bharat", not "bharata"; but "narendra", "rajya": a conjunct ending in r, y or v
keeps it); long and short vowels are spelled alike, as in Hindi headlines. In Devanagari, Hindi's
schwa deletion drops it inside a word too, between a vowel and a consonant that has one, read from
the word's end ("rajnath", "hegseth", "sarkar", not "rajanath", "hegaseth", "sarakar"), and an
anusvara is spelled as the nasal its next consonant takes ("tramp", "singh").

The other scripts of India (Bengali, Gurmukhi, Gujarati, Odia, Tamil, Telugu, Kannada,
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
# Gurmukhi's tippi, its other sign of a nasal, stands where Devanagari has none: as an anusvara.
_OUT_OF_PLACE = _CHILLUS | {"\u0a70": "ं"}


# A unit of a spelled word: a consonant, a vowel (a sign or a letter), the inherent "a", a nasal
# (anusvara, candrabindu, visarga) or anything else.
_C, _V, _A, _N, _X = range(5)
_LABIALS = frozenset("पफबभम")
_KEEP_FINAL = frozenset("रयव")  # a word-final conjunct ending in these keeps its "a": "mantra", "rajya"


def _word(word: str, hindi: bool) -> str:
    chars = unicodedata.normalize("NFD", word)
    units: list[tuple[str, int]] = []
    i = 0
    while i < len(chars):
        char = chars[i]
        if chars[i + 1 : i + 2] == _NUKTA:
            char += _NUKTA
            i += 1
        i += 1
        if char in _CONSONANTS:
            units.append((_CONSONANTS[char], _C))
            after = chars[i : i + 1]
            if after in _SIGNS:
                units.append((_SIGNS[after], _V))
                i += 1
            elif after == _VIRAMA:
                i += 1
            elif after and unicodedata.category(after)[0] in "LM":  # not at the word's end (nor a danda's)
                units.append(("a", _A))  # the inherent vowel
            elif hindi and chars[i - 2 : i - 1] == _VIRAMA and char[0] in _KEEP_FINAL:
                units.append(("a", _V))  # "narendra": a conjunct keeps it at the word's end
        elif char in "ंँः":
            nasal = _OTHERS[char]
            following = chars[i : i + 1]
            if hindi and char == "ं" and following in _LABIALS:
                nasal = "m"  # ट्रंप "tramp", संबंध "sambandh"
            elif hindi and char == "ं" and following == "ह" and i + 1 == len(chars):
                nasal = "ng"  # सिंह "singh"
            units.append((nasal, _N))
        else:  # a vowel, a mark, a digit; a danda or anything else goes
            spelled = _VOWELS.get(char) or _SIGNS.get(char)
            units.append((spelled, _V) if spelled else (_OTHERS.get(char, ""), _X))
    if hindi:
        _drop_schwas(units)
    return "".join(text for text, _ in units)


def _drop_schwas(units: list[tuple[str, int]]) -> None:
    """Hindi's schwa deletion: an inherent "a" between a vowel and a consonant that has a vowel goes
    (V C a C V), decided from the word's end, so a later deletion keeps an earlier "a" ("sarkar")."""
    for k in range(len(units) - 3, 1, -1):
        if units[k][1] != _A:
            continue
        before, after, then = units[k - 2][1], units[k + 1][1], units[k + 2][1]
        if before in (_V, _A) and after == _C and then in (_V, _A):
            units[k] = ("", _X)


def _as_devanagari(char: str) -> str:
    """A letter of any of India's scripts as its twin at the same place of Devanagari's block."""
    code = ord(char)
    if code < 0x0980:
        return char
    if char in _OUT_OF_PLACE:
        return _OUT_OF_PLACE[char]
    return chr(code - (code & ~0x7F) + 0x0900)


def _spelled(run: str) -> str:
    spelled = _word("".join(map(_as_devanagari, run)), hindi=run[0] < "\u0980")
    # Malayalam's anusvara closes a word with "m" ("keralam"), where Hindi's nasalises a vowel ("mein")
    if run.endswith("\u0d02") and spelled.endswith("n"):
        return spelled[:-1] + "m"
    return spelled


def transliterate(text: str) -> str:
    """``text`` with each run of an Indian script spelled in Latin letters; the rest as it is."""
    return _RUN.sub(lambda run: _spelled(run.group()), text)
