"""The language of an article written in a script that names it, for the brief's ``lang``.

A screen reader reads a Hindi brief on an English site with its English voice, and a browser picks
Japanese forms of the Chinese characters for a Chinese brief, unless the text says its language.
Only the script is read, from the headline and the first paragraph (enough, and cheap): a script
one language writes nearly alone names it. Text in Latin letters (or Cyrillic, which several
languages share) names none, and the brief has the site's language.
"""

from __future__ import annotations

import re
from collections import Counter

# (script's letters, language): Devanagari is Hindi's (Marathi and Nepali write it too, far less
# often in the press a desk reads), Bengali script Bengali's, Arabic script Arabic's unless it has
# Urdu's or Persian's own letters.
_SCRIPTS = (
    ("\u0900-\u097f", "hi"),
    ("\u0980-\u09ff", "bn"),
    ("\u0a00-\u0a7f", "pa"),
    ("\u0a80-\u0aff", "gu"),
    ("\u0b00-\u0b7f", "or"),
    ("\u0b80-\u0bff", "ta"),
    ("\u0c00-\u0c7f", "te"),
    ("\u0c80-\u0cff", "kn"),
    ("\u0d00-\u0d7f", "ml"),
    ("\u0590-\u05ff", "he"),
    ("\u0600-\u06ff", "ar"),
    ("\uac00-\ud7a3", "ko"),
    ("\u3040-\u30ff", "ja"),  # kana: Japanese, whose headlines mix them with Chinese characters
    ("\u3400-\u4dbf\u4e00-\u9fff", "zh"),
)
_LETTERS = re.compile("|".join(f"(?P<{lang}>[{letters}])" for letters, lang in _SCRIPTS))
# One class of them all: an English story (curly quotes, dashes: not ASCII) is passed in ~2 µs, where
# trying each script's group at every character took ~90 µs, ~1 s of CPU for 10,000 articles.
_ANY = re.compile("[" + "".join(letters for letters, _ in _SCRIPTS) + "]")
_URDU = re.compile("[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2\u06d4]")  # ٹ ڈ ڑ ں ھ ہ ے ۔
_PERSIAN = re.compile("[\u067e\u0686\u0698\u06af\u06cc]")  # پ چ ژ گ ی (Urdu writes them too)


def language_of(title: str, first_paragraph: str) -> str | None:
    """The language tag the text's script names, or None when it names none."""
    text = f"{title}\n{first_paragraph}"
    if text.isascii() or not _ANY.search(text):
        return None
    counts = Counter(match.lastgroup for match in _LETTERS.finditer(text))
    # Mostly another script: a Hindi headline quoting "Quad" is Hindi, an English one naming "भारत" not.
    if not counts or counts.total() * 2 < sum(c.isalpha() for c in text):
        return None
    if "ja" in counts:
        return "ja"
    lang = counts.most_common(1)[0][0]
    if lang == "ar":
        return "ur" if _URDU.search(text) else "fa" if _PERSIAN.search(text) else "ar"
    return lang
