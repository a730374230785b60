"""Which pillars of the taxonomy a story belongs to, by keyword scores, and why."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from generator.config import ClassifySettings, Pillar
from generator.ingest.lines import words
from generator.ingest.scripts import has_cjk, needs_whole_word, whole_word

# A story is in a pillar with at least ``classify.min_score`` (2: one phrase, or two single words)
# and at least ``classify.min_share`` of its strongest pillar's score (a quarter): a story about
# naval drills that mentions a counter-terrorism dialogue in passing is not a counter-terrorism
# story. Without the share a typical wire story landed in most pillars, which then told a reader
# nothing.
TITLE_WEIGHT = 2  # a keyword in the headline counts this many times


@dataclass(frozen=True)
class PillarScore:
    slug: str
    title: str
    score: float
    hits: tuple[tuple[str, int], ...]  # (keyword, times matched), most first


# Keywords match regardless of case. The patterns are compiled from lowered keywords and run on the
# lowered text rather than with re.IGNORECASE, which made the scan ~4x slower.
def _keyword_part(keyword: str) -> str:
    return r"[\s-]+".join(re.escape(w) for w in _words(keyword.lower()))


def _words(keyword: str) -> list[str]:
    return re.split(r"[\s-]+", keyword.strip())


def is_capitals(keyword: str) -> bool:
    """Two or three capitals ("US", "IT", "WHO"): matched in any case they would be the words "us",
    "it" and "who", and their pillar would top nearly every story."""
    return 2 <= len(keyword) <= 3 and keyword.isalpha() and keyword.isupper()


def _weight(keyword: str) -> int:
    """A phrase weighs its word count; in Chinese or Japanese, a word is two letters (``lines.words``)."""
    return len(words(keyword) if has_cjk(keyword) else _words(keyword))


def _bounded(keyword: str, group: bool) -> str:
    part = f"({_keyword_part(keyword)})" if group else _keyword_part(keyword)
    return whole_word(part, keyword)


def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    if not keywords:
        return None
    ordered = sorted(keywords, key=len, reverse=True)  # the longest phrase wins where several overlap
    if needs_whole_word(keywords):  # else one boundary serves every keyword: the usual, faster pattern
        return re.compile("|".join(_bounded(k, group=True) for k in ordered))
    parts = [_keyword_part(k) for k in ordered]
    return re.compile(r"(?<!\w)(?:" + "|".join(f"({p})" for p in parts) + r")(?!\w)")


def _starts_pattern(pillars: tuple[Pillar, ...]) -> re.Pattern[str] | None:
    """Every position where some pillar's keyword matches: one scan of the text instead of one per pillar.

    A zero-width lookahead, so overlapping keywords of different pillars are all found; each pillar's
    own pattern then runs only at these few positions, keeping its own leftmost, non-overlapping hits.
    """
    keywords = sorted({k for p in pillars if not p.catch_all for k in p.keywords}, key=len, reverse=True)
    if not keywords:
        return None
    if needs_whole_word(keywords):
        return re.compile("(?=" + "|".join(_bounded(k, group=False) for k in keywords) + ")")
    alternatives = "|".join(_keyword_part(k) for k in keywords)
    return re.compile(r"(?<!\w)(?=(?:" + alternatives + r")(?!\w))")


def _in_capitals(part: str, lowered: str, match: re.Match[str]) -> bool:
    """Whether the text matched in ``lowered`` is written in capitals in ``part``. Lowering keeps the
    length of all but a few letters ("İ"); where it did not, the match is taken as it is."""
    if len(part) != len(lowered):
        return True
    return part[match.start() : match.end()].isupper()


def _finditer_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, trying only ``starts`` (every position it can match at)."""
    position = 0
    for start in starts:
        if start < position:
            continue  # inside the pillar's previous hit: finditer does not overlap hits
        match = pattern.match(text, start)
        if match:
            yield match
            position = match.end()


class PillarClassifier:
    def __init__(self, pillars: tuple[Pillar, ...], rules: ClassifySettings | None = None) -> None:
        self.rules = rules or ClassifySettings()
        self.catch_all = next((p for p in pillars if p.catch_all), None)
        self._pillars = []
        for p in pillars:
            ordered = sorted(p.keywords, key=len, reverse=True)
            weights = [_weight(k) for k in ordered]
            self._pillars.append((p, ordered, weights, _keyword_pattern(p.keywords)))
        self._starts = _starts_pattern(pillars)
        self._capitals = frozenset(k for p in pillars for k in p.keywords if is_capitals(k))

    def scores(self, title: str, text: str) -> list[PillarScore]:
        """Every pillar with a positive score, strongest first (ties in config order)."""
        results: list[tuple[float, int, PillarScore]] = []
        if self._starts is None:
            return []
        parts = []
        for weight, part in ((TITLE_WEIGHT, title), (1, text)):
            lowered = part.lower()
            parts.append((weight, part, lowered, [m.start() for m in self._starts.finditer(lowered)]))
        if not any(starts for *_, starts in parts):
            return []
        for index, (pillar, ordered, weights, pattern) in enumerate(self._pillars):
            if pattern is None or pillar.catch_all:
                continue
            hits: Counter[str] = Counter()
            score = 0.0
            for weight, part, lowered, starts in parts:
                for match in _finditer_at(pattern, lowered, starts):
                    which = match.lastindex - 1  # type: ignore[operator]
                    keyword = ordered[which]
                    if keyword in self._capitals and not _in_capitals(part, lowered, match):
                        continue
                    hits[keyword] += weight
                    score += weight * weights[which]
            if score > 0:
                ranked = tuple(sorted(hits.items(), key=lambda kv: (-kv[1], kv[0])))
                results.append((-score, index, PillarScore(pillar.slug, pillar.title, score, ranked)))
        return [r[2] for r in sorted(results, key=lambda r: r[:2])]

    def classify(self, title: str, text: str) -> tuple[str, ...]:
        return self._choose(self.scores(title, text))

    def _choose(self, scores: list[PillarScore]) -> tuple[str, ...]:
        least, share = self.rules.min_score, self.rules.min_share
        floor = max(least, share * scores[0].score) if scores else least
        chosen = tuple(s.slug for s in scores if s.score >= floor)
        if chosen or self.catch_all is None:
            return chosen
        return (self.catch_all.slug,)

    def explain(self, title: str, text: str) -> str:
        least, share = self.rules.min_score, self.rules.min_share
        lines = [f"Pillars for: {title}", f"(minimum score {least:g} and {share:.0%} of the top "
                 f"score; phrases weigh their word count; headline hits count x{TITLE_WEIGHT})"]  # fmt: skip
        scores = self.scores(title, text)
        chosen = set(self._choose(scores))
        for s in scores:
            if s.slug in chosen:
                mark = "in"
            elif s.score < least:
                mark = "below minimum"
            else:
                mark = f"below {share:.0%} of the top score"
            lines.append(f"{s.slug}  score {s.score:g}  ({mark})")
            lines.extend(f"    {count} x {keyword!r}" for keyword, count in s.hits)
        if self.catch_all and self.catch_all.slug in chosen:
            lines.append(f"{self.catch_all.slug}  (catch-all: no pillar reached the minimum)")
        return "\n".join(lines) + "\n"
