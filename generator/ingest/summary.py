"""The bottom line up front, and the sentences that carry the most information."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.ingest import lines as L
from generator.ingest import sentences
from generator.ingest.scripts import FIRST_CJK

SUMMARY_MIN_WORDS = 18  # a lead sentence shorter than this gets the next sentence too
MIN_POINTS, MAX_POINTS = 3, 5
_NUMBER = re.compile(r"\d")
_QUOTE_START = re.compile(r"""^["“‘']""")


def summarise(paragraphs: Sequence[str]) -> str:
    """One or two sentences of the lead, without its dateline."""
    if not paragraphs:
        return ""
    lead = sentences.split(L.strip_dateline(paragraphs[0]))
    summary = lead[:1]
    if lead and L.word_count(lead[0]) < SUMMARY_MIN_WORDS:
        following = lead[1:2] or (sentences.split(paragraphs[1])[:1] if len(paragraphs) > 1 else [])
        summary += following
    return " ".join(summary)


def _tokens(words: list[str]) -> set[str]:
    # Short words are mostly "the", "and"; a Chinese or Japanese word (``L.words``: two letters) is
    # short and a word of content. The comparison is a cheap test for a letter of such a script.
    return {w.lower() for w in words if len(w) > 3 or w[0] >= FIRST_CJK}


def _marks(sentence: str) -> int:
    return sentence.count('"') + sentence.count("“") + sentence.count("”")


def _score(sentence: str, tokens: list[str], position: int) -> float:
    """``tokens``: the sentence's words, found once by the caller and shared by every measure."""
    n = len(tokens)
    names = len([1 for t in tokens[1:] if t[0].isupper()])  # tokens are never empty
    numbers = len(_NUMBER.findall(sentence))
    score = min(n, 40) / 40 + min(names, 6) * 0.25 + min(numbers, 4) * 0.3
    if _QUOTE_START.match(sentence) or _marks(sentence) >= 2:
        score -= 0.8  # a quotation belongs in quotes, not in the points
    return score - position * 0.02


def _balanced(sentence: str) -> str:
    """Drop a quote mark left unpaired where a sentence was cut out of a longer quotation."""
    if sentence.count('"') % 2:
        if sentence.startswith('"'):
            return sentence[1:].lstrip()  # '" officials ...': the point read ' officials ...'
        if sentence.endswith('"'):
            return sentence[:-1].rstrip()
    return sentence


def key_points(paragraphs: Sequence[str], summary: str, quotes_shown: bool = False) -> tuple[str, ...]:
    """3-5 informative sentences in story order, none repeating the summary or each other; a line
    that does not end as a sentence does (a list item, a subheading) is no point.

    Quotations only fill in when the story has too few other sentences, and never when the brief
    shows its quotes (``quotes_shown``): a point would repeat one, unattributed. A sentence is a
    quotation when it opens with a quote mark or starts inside a quotation an earlier one opened.
    """
    candidates: list[tuple[int, str, list[str], bool]] = []
    for paragraph in paragraphs:
        inside = False  # a quotation opened by an earlier sentence of the paragraph is still open
        for sentence in sentences.split(L.without_bullet(L.strip_dateline(paragraph))):
            quoted = inside or bool(_QUOTE_START.match(sentence))
            inside ^= _marks(sentence) % 2 == 1
            words = L.words(sentence)
            if 8 <= len(words) <= 60 and L.ends_sentence(sentence):  # not a list's "F414 engines for HAL"
                balanced = _balanced(sentence)
                if balanced is not sentence:
                    words = L.words(balanced)
                candidates.append((len(candidates), balanced, words, quoted))
    ranked = sorted(candidates, key=lambda c: (c[3], -_score(c[1], c[2], c[0])))
    chosen: list[tuple[int, str]] = []
    covered = [_tokens(L.words(summary))]
    for position, sentence, words, quoted in ranked:
        if quoted and (quotes_shown or len(chosen) >= MIN_POINTS):
            break
        own = _tokens(words)
        if any(own and len(own & other) / len(own | other) >= 0.5 for other in covered):
            continue
        chosen.append((position, sentence))
        covered.append(own)
        if len(chosen) == MAX_POINTS:
            break
    return tuple(s for _, s in sorted(chosen))
