"""Grouping same-story articles, and slugs that are safe, unique and stable."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from generator.brief_file import dump_brief, parse_brief
from generator.ingest import merge, slugs, writer
from generator.ingest.shingles import fingerprint, shingles, unpack
from generator.model import Brief, Source


def test_slug_shape() -> None:
    title = "Rajnath Singh, Hegseth discuss boosting Indo-US defence industry ties"
    assert (
        slugs.base_slug(title, date(2025, 7, 1))
        == "2025-07-01-rajnath-singh-hegseth-discuss-boosting-indo-us-defence-industry"
    )
    assert (
        slugs.base_slug("Ça coûte 5 € à Łódź: Straße", date(2025, 1, 2))
        == "2025-01-02-ca-coute-5-a-lodz-strasse"
    )
    assert slugs.base_slug("../../etc/passwd", date(2025, 1, 2)) == "2025-01-02-etc-passwd"
    # Other scripts are spelled in Latin letters, Devanagari with the vowels a reader says.
    hindi = slugs.base_slug("रक्षा मंत्री राजनाथ सिंह", date(2025, 1, 2))
    assert hindi == "2025-01-02-raksha-mantri-rajnath-singh"
    assert slugs.base_slug("क़ानून ज़रूरी: २०२५", date(2025, 1, 2)) == "2025-01-02-qanun-zaruri-2025"
    # a danda ends a word as a space does
    assert slugs.base_slug("भारत। समझौता", date(2025, 1, 2)) == "2025-01-02-bharat-samjhauta"
    assert slugs.base_slug("Привет мир", date(2025, 1, 2)) == "2025-01-02-privet-mir"
    assert slugs.base_slug("“—”", date(2025, 1, 2)) == "2025-01-02-brief"  # no letters: the fallback
    # Chinese characters are syllables, counted as words: not one word as long as the headline
    chinese = slugs.base_slug("印度和美国讨论国防工业合作问题并同意加强交流", date(2025, 1, 2))
    assert chinese == "2025-01-02-yin-du-he-mei-guo-tao-lun-guo"
    # an en dash joins as a hyphen does ("indiaus" before); an em dash parts words
    dashed = slugs.base_slug("India–US talks—and costs", date(2025, 1, 2))
    assert dashed == "2025-01-02-india-us-talks-and-costs"


def test_collisions_get_stable_suffixes_regardless_of_order() -> None:
    a = slugs.SlugRequest("2025-07-01-talks", "content/articles/a.txt", ("content/articles/a.txt",))
    b = slugs.SlugRequest("2025-07-01-talks", "content/articles/b.txt", ("content/articles/b.txt",))
    first = slugs.assign_slugs([a, b], {})
    assert first[0] == "2025-07-01-talks" and first[1].startswith("2025-07-01-talks-")
    assert slugs.assign_slugs([b, a], {"content/articles/a.txt": "2025-07-01-talks"}) == first[::-1]


def test_unsafe_slug_cannot_be_written(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        writer.brief_paths(tmp_path, ["../evil"])
    # named as the briefs folder's scan names its files
    assert writer.brief_paths(tmp_path, ["2025-01-01-ok"]) == [str(tmp_path / "2025-01-01-ok.md")]


def test_only_links_leading_out_of_the_briefs_folder_are_found(tmp_path: Path) -> None:
    briefs, outside = tmp_path / "briefs", tmp_path / "elsewhere"
    briefs.mkdir()
    outside.mkdir()
    (briefs / "2025-01-01-away.md").symlink_to(outside / "target.md")
    (briefs / "2025-01-01-near.md").symlink_to(briefs / "real.md")  # a link that stays inside is fine
    (briefs / "2025-01-01-file.md").write_text("x", encoding="utf-8")
    paths = writer.brief_paths(
        briefs, ["2025-01-01-file", "2025-01-01-away", "2025-01-01-near", "2025-01-01-new"]
    )
    assert writer.links_out(briefs, paths) == {str(briefs / "2025-01-01-away.md")}
    assert writer.links_out(tmp_path / "not-yet", [str(tmp_path / "not-yet" / "a.md")]) == set()


def test_shingles_are_stable_and_similar_texts_share_them() -> None:
    text = "India and the US agreed on Tuesday to expand intelligence sharing on maritime threats."
    assert shingles(text) == shingles(text.upper())
    assert len(shingles(text) & shingles(text + " Officials said so.")) >= len(shingles(text)) - 1
    assert unpack(fingerprint(text)) == shingles(text)  # packed for memory, the same hashes


def test_grouping_does_not_compare_every_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    real = merge._same_story

    def counting(*args):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(merge, "_same_story", counting)
    from datetime import UTC, datetime

    from generator.ingest.model import Digest

    def article(i: int, text: str) -> Digest:
        return Digest(f"f{i:04d}.txt", "0", "t", datetime(2025, 1, 1, tzinfo=UTC), "t", fingerprint(text))

    texts = [f"story number {i} " + " ".join(f"w{i}x{j}" for j in range(40)) for i in range(400)]
    articles = [article(i, text) for i, text in enumerate(texts)]
    articles.append(article(400, texts[7] + " extra"))
    stories = merge.group_stories(articles)
    assert len(stories) == 400
    assert calls < 1000  # all pairs would be 80,000
    assert [a.file for a in next(s for s in stories if len(s) == 2)] == ["f0007.txt", "f0400.txt"]


def test_known_verdicts_are_used_and_new_ones_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    from generator.ingest.model import Digest

    def article(i: int, text: str) -> Digest:
        sha = f"{i:064x}"  # the bytes' hash names the article in a verdict
        return Digest(f"f{i:04d}.txt", sha, "t", datetime(2025, 1, 1, tzinfo=UTC), "t", fingerprint(text))

    texts = [f"story number {i} " + " ".join(f"w{i}x{j}" for j in range(40)) for i in range(30)]
    articles = [article(i, text) for i, text in enumerate(texts)]
    articles.append(article(30, texts[3] + " extra"))
    articles.append(article(31, texts[5] + " more"))
    verdicts: merge.Verdicts = {}
    first = merge.group_stories(articles, verdicts)
    assert verdicts[(articles[3].sha256, articles[30].sha256)] is True
    assert first == merge.group_stories(articles)  # the same grouping as without verdicts

    compared: list[int] = []
    real = merge._same_story
    monkeypatch.setattr(merge, "_same_story", lambda a, b: compared.append(1) or real(a, b))
    known = dict(verdicts)
    assert merge.group_stories(articles, known) == first
    assert compared == []  # every pair was known
    # A known verdict is trusted: told that 5 and 31 are different stories, they stay apart.
    known[(articles[5].sha256, articles[31].sha256)] = False
    apart = merge.group_stories(articles, known)
    assert [a.file for a in next(s for s in apart if s[0].file == "f0005.txt")] == ["f0005.txt"]


def test_a_brief_claims_each_of_its_source_files_named_or_not() -> None:
    """A source with no name (an outlet the page did not name) is written ``- file: ...``: its claim
    was missed, so its story could not keep its slug, nor move with its redirect."""
    zone = timezone(timedelta(hours=5, minutes=30))
    sources = [Source(file="content/articles/hindi.txt"), Source(name="X", file="content/articles/b c.txt")]
    brief = Brief("2025-08-01-t", "T", datetime(2025, 8, 1, tzinfo=zone), "Body.", sources=sources)
    text = dump_brief(brief)
    parsed = parse_brief(text, Path("t.md"), zone)  # type: ignore[arg-type]
    assert writer.slug_claims(Path("t.md"), text) == [(s.file, "2025-08-01-t") for s in parsed.sources]
    assert [s.file for s in parsed.sources] == ["content/articles/hindi.txt", "content/articles/b c.txt"]


@pytest.mark.parametrize(
    ("headline", "words"),
    [
        ("राजनाथ सिंह हेगसेथ", "rajnath-singh-hegseth"),  # was "rajanath-sinh-hegaseth"
        ("सरकार जनता समझौता बातचीत", "sarkar-janta-samjhauta-batchit"),  # V C a C V: the "a" goes
        ("भारत कमल पवन", "bharat-kamal-pavan"),  # no vowel follows: it stays
        ("समर्थन हथियार", "samarthan-hathiyar"),  # nor after a cluster, nor in the first syllable
        ("नरेंद्र मंत्र राज्य विश्व", "narendra-mantra-rajya-vishva"),  # a conjunct in r, y, v keeps it
        ("अर्थ दोस्त", "arth-dost"),  # other conjuncts do not
        ("डोनाल्ड ट्रंप संबंध", "donald-tramp-sambandh"),  # an anusvara before a labial is an "m"
    ],
)
def test_hindi_is_spelled_as_it_is_said(headline: str, words: str) -> None:
    """Hindi drops the inherent "a" inside a word between a vowel and a consonant that has one
    (schwa deletion), so names are spelled as the press spells them in Latin letters."""
    assert slugs.base_slug(headline, date(2025, 1, 2)) == f"2025-01-02-{words}"


@pytest.mark.parametrize(
    ("headline", "words"),
    [
        ("தமிழ் நாடு", "tamil-natu"),  # Tamil
        ("ভারত ও আমেরিকা", "bharat-o-amerika"),  # Bengali
        ("ਭਾਰਤ", "bharat"),  # Gurmukhi
        ("ભારત અને અમેરિકા", "bharat-ane-amerika"),  # Gujarati
        ("ଭାରତ", "bharat"),  # Odia
        ("భారత్", "bharat"),  # Telugu, its virama silencing the last vowel
        ("ಭಾರತ", "bharat"),  # Kannada
        ("ഭാരതം കേരളം", "bharatam-keralam"),  # Malayalam, its anusvara an "m"
        ("ഇന്ത്യൻ", "intyan"),  # a chillu: a consonant closing the syllable
        ("ਪੰਜਾਬ", "panjab"),  # Gurmukhi's tippi, a nasal where Devanagari has no sign
    ],
)
def test_every_script_of_india_keeps_the_vowels_its_consonants_carry(headline: str, words: str) -> None:
    """anyascii spells each letter alone: "தமிழ்" was "tmil", "ভারত" "bhart"."""
    assert slugs.base_slug(headline, date(2025, 1, 2)) == f"2025-01-02-{words}"
