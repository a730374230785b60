"""The shortcuts article reading takes for speed give what the plain way gives, on hostile text too."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import characters
from generator.config import Pillar
from generator.ingest import lines as L
from generator.ingest import people, quotes, scripts, shingles
from generator.ingest.decode import normalise_line
from generator.ingest.pillars import TITLE_WEIGHT, PillarClassifier
from generator.ingest.text_reader import parse_dump

# Pieces that make the people patterns match, almost match, or match inside a word.
PIECES = [
    "Mr. ",
    "Minister ",
    "spokesman ",
    "counterpart ",
    "Prime Minister ",
    "Gen. ",
    "Secretary of State ",
    "Rajnath ",
    "Singh ",
    "Marco ",
    "Rubio ",
    "said ",
    "says ",
    "told ",
    "X",
    "x",
    "_",
    "-",
    "'",
    "’",
    ". ",
    ", ",
    "\n\n",
    "India ",
    "New ",
    "Delhi ",
    "the ",
    "O'Neil ",
    "J. ",
    "Dr ",
    "3",
    " ",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_people_patterns_find_what_a_leading_word_boundary_finds(text: str) -> None:
    for pattern in (people._TITLED, people._SAID):
        plain = re.compile(r"\b" + pattern.pattern)
        fast = [(m.start(), m.end()) for m in people._at_word_starts(pattern, text)]
        assert fast == [(m.start(), m.end()) for m in plain.finditer(text)]
    # with or without a title written in lower case in the text, others() finds what the full pattern finds
    found = [(m.start, m.end, m.name) for m in people.PeopleMatcher([]).others(text)]
    full = []
    for pattern in (people._TITLED, people._SAID):
        for match in people._at_word_starts(pattern, text):
            name = " ".join(match["name"].split())
            if not any(token.lower().strip(".") in people._NOT_NAME for token in name.split()):
                full.append((match.start("name"), match.end("name"), name))
    assert found == full


SPACES = ["a", "B", " ", "\u00a0", "\u2009", "\t", "\u200b", "\ufeff", "\u00ad", "\n", "\x0c", "é", "-"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SPACES), max_size=60).map("".join))
def test_dump_lines_are_normalised_as_one_line_at_a_time(body: str) -> None:
    raw = parse_dump(Path("a.txt"), " date 2025-01-02 Header\n" + body + "\nlast line")
    expected = [(normalise_line(line), n) for n, line in enumerate(body.split("\n") + ["last line"], 2)]
    assert [(b.text, b.line) for b in raw.blocks] == [e for e in expected if e[0]]


WORDS = ["India", "US", "navy", "ΣΟΦΊΑ", "İstanbul", "_x", "a-b", "3", "’s", ".", ",", " ", "\n\n", "\n"]


def _shingles_the_plain_way(text: str) -> set[int]:
    ids = [zlib.crc32(t.encode()) for t in re.findall(r"[^\W_]+", text.lower())]
    if len(ids) < shingles.SHINGLE_WORDS:
        return set(ids)
    return {hash(run) for run in zip(ids, ids[1:], ids[2:], ids[3:], ids[4:], strict=False)}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=80).map("".join))
def test_shingles_from_kept_paragraph_keys_equal_shingles_of_the_whole_text(text: str) -> None:
    assert shingles.shingles(text) == _shingles_the_plain_way(text)


PILLARS = (
    Pillar(
        "navy", "Navy", keywords=("joint exercises", "maritime security", "anti-submarine warfare", "MALABAR")
    ),
    Pillar("trade", "Trade", keywords=("defence exports", "joint", "maritime", "security")),
    Pillar("other", "Other", catch_all=True),
)
PHRASES = ["Joint ", "EXERCISES ", "exercises", "maritime-", "Security ", "anti ", "submarine  ", "Warfare",
           "malabar", "jointly ", "defence\n", "Exports ", ". ", "-", "x", "É"]  # fmt: skip
# (The one known difference: a letter only re.IGNORECASE folds, like the long s "ſ" for "s", which
# news text does not use.)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PHRASES), max_size=30).map("".join), st.sampled_from(["", "Malabar drills"]))
def test_pillar_scores_on_lowered_text_equal_case_blind_matching(text: str, title: str) -> None:
    expected = {}
    for pillar in PILLARS[:2]:
        ordered = sorted(pillar.keywords, key=len, reverse=True)
        parts = [r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", k))) for k in ordered]
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(f"({p})" for p in parts) + r")(?!\w)", re.IGNORECASE)
        score = 0
        for weight, part in ((TITLE_WEIGHT, title), (1, text)):
            for match in pattern.finditer(part):
                score += weight * len(re.split(r"[\s-]+", ordered[match.lastindex - 1]))
        if score:
            expected[pillar.slug] = score
    got = {s.slug: s.score for s in PillarClassifier(PILLARS).scores(title, text)}
    assert got == expected


ORG_PIECES = ["ministry", "Ministry", "Pentagon", "navy", "subnavy", "office", " ", "  ", "\n", "\u00a0",
              "said", "saidx", "pointed out", "pointed", "out", "says", "x", ",", "."]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ORG_PIECES), max_size=30).map("".join))
def test_the_organisation_verb_check_finds_what_the_head_and_verb_regex_finds(text: str) -> None:
    plain = re.compile(rf"{quotes._ORG_HEAD}\s+{quotes._VERBS}\b")
    assert quotes._org_verb(text) == bool(plain.search(text))


WORD_PIECES = ["India", "u", "S", "3", "_", "'", "’", ".", "-", "--", " ", "\n", "é", "नमस्ते", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORD_PIECES), max_size=30).map("".join))
def test_words_of_ascii_text_are_what_the_unicode_word_pattern_finds(text: str) -> None:
    plain = L._WORD_INDIC if re.search(f"[{scripts.INDIC}]", text) else L._WORD
    assert L.words(text) == plain.findall(text)


UNFIT_PIECES = ["a", "\x01", "\x0b", "\x1f", "\x7f", "\x85", "\x9f", "\u00a0", "é", "国", "，", "\ufdd0",
                "\ufffd", "\uffff", "\ufeff", "\n", "\t", "\r", " "]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(UNFIT_PIECES), max_size=12).map("".join))
def test_the_quick_look_for_unfit_characters_finds_what_the_pattern_finds(text: str) -> None:
    quick, plain = characters.find_unfit(text), characters.UNFIT.search(text)
    assert (quick and quick.start()) == (plain and plain.start())
