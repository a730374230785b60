"""Scripts that words are found differently in, as character class ranges (for ``[...]``).

Indic scripts write vowel signs as combining marks, which ``\\w`` does not match. Chinese and Japanese
put no spaces between words: a line of them is one long run of ``\\w``, and a word inside it has no
boundary ``\\b`` could find.
"""

from __future__ import annotations

import re

INDIC = "\u0900-\u0dff"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Chinese characters, which Japanese writes too
CJK = "\u3040-\u30ff" + HAN  # with Japanese kana

IS_CJK = re.compile(f"[{CJK}]")
