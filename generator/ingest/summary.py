"""The bottom line up front, and the sentences that carry the most information."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.ingest import lines as L
from generator.ingest import sentences

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
    return {w.lower() for w in words if len(w) > 3}


def _score(sentence: str, tokens: list[str], position: int) -> float:
    """``tokens``: the sentence's words, found once by the caller and shared by every measure."""
    n = len(tokens)
    names = sum(1 for t in tokens[1:] if t[:1].isupper())
    numbers = len(_NUMBER.findall(sentence))
    score = min(n, 40) / 40 + min(names, 6) * 0.25 + min(numbers, 4) * 0.3
    quoted = sentence.count('"') + sentence.count("“") + sentence.count("”")
    if _QUOTE_START.match(sentence) or quoted >= 2:
        score -= 0.8  # a quotation belongs in quotes, not in the points
    return score - position * 0.02


def _balanced(sentence: str) -> str:
    """Drop a quote mark left unpaired where a sentence was cut out of a longer quotation."""
    if sentence.count('"') % 2:
        if sentence.startswith('"'):
            return sentence[1:]
        if sentence.endswith('"'):
            return sentence[:-1]
    return sentence


def _is_quote(sentence: str) -> bool:
    return bool(_QUOTE_START.match(sentence))


def key_points(paragraphs: Sequence[str], summary: str) -> tuple[str, ...]:
    """3-5 informative sentences in story order, none repeating the summary or each other.

    Quotations only fill in when the story has too few other sentences.
    """
    candidates: list[tuple[int, str, list[str]]] = []
    for paragraph in paragraphs:
        for sentence in sentences.split(L.strip_dateline(paragraph)):
            words = L.words(sentence)
            if 8 <= len(words) <= 60:
                balanced = _balanced(sentence)
                if balanced is not sentence:
                    words = L.words(balanced)
                candidates.append((len(candidates), balanced, words))
    ranked = sorted(candidates, key=lambda c: (_is_quote(c[1]), -_score(c[1], c[2], c[0])))
    chosen: list[tuple[int, str]] = []
    covered = [_tokens(L.words(summary))]
    for position, sentence, words in ranked:
        if _is_quote(sentence) and len(chosen) >= MIN_POINTS:
            break
        own = _tokens(words)
        if any(own and len(own & other) / len(own | other) >= 0.5 for other in covered):
            continue
        chosen.append((position, sentence))
        covered.append(own)
        if len(chosen) == MAX_POINTS:
            break
    return tuple(s for _, s in sorted(chosen))
