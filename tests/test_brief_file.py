"""The brief file format round-trips every value and tells hand edits from generated files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.brief_file import dump_brief, is_hand_edited, parse_brief, read_brief
from generator.errors import InputError
from generator.model import Brief, Quote, Source

IST = ZoneInfo("Asia/Kolkata")


def sample_brief(**changes: object) -> Brief:
    brief = Brief(
        slug="2025-07-01-singh-hegseth-talks",
        title='Key: "value" --- !!x',
        date=datetime(2025, 7, 1, 22, 10, tzinfo=IST),
        body="New Delhi: first paragraph.\n\nSecond & last: <script>x</script>\n",
        summary="Singh and Hegseth spoke.",
        standfirst="A standfirst: with colon",
        pillars=["high-level-engagement", "logistics"],
        people=["Rajnath Singh", "Pete Hegseth"],
        tags=["Defence", "&anchor", "---"],
        key_points=["One.", "Two: !!python/object:os.system"],
        quotes=[Quote("Rajnath Singh", '"Excellent" discussion')],
        sources=[
            Source(
                name="Business Standard",
                file="content/articles/000.txt",
                url="https://example.com/a?b=1",
                byline="PTI",
                published=datetime(2025, 7, 1, 22, 10, tzinfo=IST),
                sha256="ab" * 32,
            ),
            Source(name="ETV Bharat"),
        ],
    )
    for key, value in changes.items():
        setattr(brief, key, value)
    return brief


def test_round_trip_keeps_every_value() -> None:
    brief = sample_brief(updated=datetime(2025, 7, 3, 9, 0, tzinfo=UTC), lang="zh-Hans")
    parsed = parse_brief(dump_brief(brief), Path("x.md"), IST)
    keys = ("slug", "title", "date", "updated", "lang", "summary", "standfirst", "pillars", "people", "tags")
    for key in (*keys, "key_points"):
        assert getattr(parsed, key) == getattr(brief, key), key
    assert parsed.quotes == brief.quotes
    assert parsed.sources == brief.sources
    assert parsed.body == brief.body
    assert parsed.date.utcoffset() == timedelta(hours=5, minutes=30)


def test_dump_is_deterministic_and_dates_carry_the_offset() -> None:
    text = dump_brief(sample_brief())
    assert text == dump_brief(sample_brief())
    assert "date: '2025-07-01T22:10:00+05:30'" in text
    assert text.startswith("---\ntitle: ")


def test_generated_file_is_not_hand_edited_but_any_change_is() -> None:
    text = dump_brief(sample_brief())
    assert not is_hand_edited(text)
    assert is_hand_edited(text.replace("first paragraph", "first paragraph, edited"))
    assert is_hand_edited(text.replace("Singh and Hegseth spoke.", "Edited summary."))
    without_checksum = "".join(line for line in text.splitlines(True) if not line.startswith("checksum:"))
    assert is_hand_edited(without_checksum)


def test_a_bare_date_means_midnight_in_the_site_time_zone() -> None:
    text = "---\ntitle: T\ndate: 2025-02-06\n---\nBody\n"
    brief = parse_brief(text, Path("2025-02-06-t.md"), IST)
    assert brief.date == datetime(2025, 2, 6, 0, 0, tzinfo=IST)
    assert brief.slug == "2025-02-06-t"  # taken from the file name when missing


def test_updated_is_optional_and_a_bare_date_is_midnight_too() -> None:
    """An analyst who revises a brief says so with ``updated``; ingest never writes it."""
    assert parse_brief("---\ntitle: T\ndate: 2025-02-06\n---\nBody\n", Path("t.md"), IST).updated is None
    text = "---\ntitle: T\ndate: 2025-02-06T09:00:00+05:30\nupdated: 2025-02-08\n---\nBody\n"
    assert parse_brief(text, Path("t.md"), IST).updated == datetime(2025, 2, 8, 0, 0, tzinfo=IST)
    assert "updated:" not in dump_brief(sample_brief())


def test_only_true_and_false_are_booleans_but_draft_takes_yes_and_no() -> None:
    """YAML 1.1 reads ``NO`` (Norway's code), ``yes``, ``on`` and ``off`` as booleans: a brief
    tagged ``[IN, US, NO]`` had a tag "False", and ``title: No`` was no title."""
    text = "---\ntitle: No\ndate: 2025-02-06\ntags: [IN, US, NO, on]\ndraft: yes\n---\nBody\n"
    brief = parse_brief(text, Path("t.md"), IST)
    assert (brief.title, brief.tags, brief.draft) == ("No", ["IN", "US", "NO", "on"], True)
    assert parse_brief(text.replace("draft: yes", "draft: Off"), Path("t.md"), IST).draft is False
    with pytest.raises(InputError, match="draft: expected true or false"):
        parse_brief(text.replace("draft: yes", "draft: later"), Path("t.md"), IST)


def test_a_comma_separated_string_is_a_list_of_names_but_a_key_point_is_one() -> None:
    text = (
        "---\ntitle: T\ndate: 2025-02-06\ntags: Quad, Malabar\npeople: Rajnath Singh, Pete Hegseth\n"
        "pillars: logistics, intelligence\nkey_points: Talks went on, both sides said.\n---\nBody\n"
    )
    brief = parse_brief(text, Path("2025-02-06-t.md"), IST)
    assert brief.tags == ["Quad", "Malabar"] and brief.people == ["Rajnath Singh", "Pete Hegseth"]
    assert brief.pillars == ["logistics", "intelligence"]
    assert brief.key_points == ["Talks went on, both sides said."]


def test_blank_items_are_left_out_and_items_stripped_and_said_once() -> None:
    """A blank item was an empty key point, an empty tag link (a link with no name) and a page for
    a tag with no name; a blank quote an empty blockquote; a person listed twice was named twice."""
    text = (
        '---\ntitle: T\ndate: 2025-02-06\ntags: ["", "  ", " Quad "]\n'
        "people: [Rajnath Singh, '', Rajnath Singh ]\n"
        'key_points: [" ", One., One.]\n'
        'quotes: [{speaker: "", text: " "}, {speaker: " PM ", text: " Yes. "}]\n'
        'standfirst: "  "\npillars: [""]\n---\nBody\n'
    )
    brief = parse_brief(text, Path("2025-02-06-t.md"), IST)
    assert (brief.tags, brief.people, brief.key_points, brief.pillars) == (
        ["Quad"],
        ["Rajnath Singh"],
        ["One."],
        [],
    )
    assert brief.quotes == [Quote("PM", "Yes.")]
    assert brief.standfirst is None


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("no front matter\n", "no front matter", 1),
        ("---\ntitle: [broken\n---\nx\n", "not valid YAML", 3),
        # a list where one value goes was shown as "['A', 'B']"
        (
            "---\ntitle: T\ndate: 2025-02-06\nquotes: [{speaker: [A, B], text: Hi.}]\n---\nx\n",
            "speaker: expected",
            4,
        ),
        (
            "---\ntitle: T\ndate: 2025-02-06\nsources: [{name: [A, B]}]\n---\nx\n",
            "name: expected one value",
            4,
        ),
        # date-shaped, but no date: PyYAML's ValueError was a traceback that stopped the build
        ("---\ntitle: T\ndate: 2025-02-30\n---\nx\n", "'2025-02-30' is not a date (day is out of range", 3),
        (
            "---\ntitle: T\ndate: 2025-02-06\nsources:\n- name: A\n  published: 2025-13-01\n---\nx\n",
            "'2025-13-01' is not a date (month must be in 1..12)",
            6,
        ),
        ("---\ndate: 2025-01-01\n---\nx\n", "title: required", 2),
        ("---\ntitle: T\n---\nx\n", "date: required", 2),
        ("---\ntitle: T\ndate: yesterday\n---\nx\n", "date: expected an ISO 8601", 3),
        ("---\ntitle: T\ndate: 2025-01-01\nupdated: soon\n---\nx\n", "updated: expected an ISO 8601", 4),
        (
            "---\ntitle: T\ndate: 2025-01-01\nlang: Hindi language\n---\nx\n",
            "lang: expected a language tag",
            4,
        ),
        # a typo in the year, most likely: the page would say it changed before it was published
        (
            "---\ntitle: T\ndate: 2025-03-01T10:00:00+05:30\nupdated: 2024-03-02\n---\nx\n",
            "updated: 2024-03-02T00:00:00+05:30 is before the brief's date, 2025-03-01T10:00:00+05:30",
            4,
        ),
        ("---\ntitle: T\ndate: 2025-01-01\nslug: ../../etc\n---\nx\n", "slug: expected lower-case", 4),
        ("---\ntitle: T\ndate: 2025-01-01\nslug: a/b\n---\nx\n", "slug: expected lower-case", 4),
        ("---\ntitle: T\ndate: 2025-01-01\npillars: {a: 1}\n---\nx\n", "pillars: expected a list", 4),
        ("---\ntitle: T\ndate: 2025-01-01\nauthor: me\n---\nx\n", "author: unknown key", 4),
        ("---\ntitle: T\ndate: 2025-01-01\nsumary: S\n---\n", "(did you mean 'summary'?", 4),
        ("---\n- a list\n---\nx\n", "must be a mapping", 2),
        # an analyst's own source: a mistyped key or a date not read was dropped without a word
        (
            "---\ntitle: T\ndate: 2025-01-01\nsources:\n- {name: N, link: u}\n---\n",
            "sources: link: unknown key",
            4,
        ),
        ("---\ntitle: T\ndate: 2025-01-01\nsources:\n- {name: N, urls: u}\n---\n", "(did you mean 'url'?", 4),
        (
            "---\ntitle: T\ndate: 2025-01-01\nsources:\n- {published: 1 May}\n---\n",
            "published: expected an ISO",
            4,
        ),
    ],
)
def test_bad_briefs_name_file_line_and_problem(text: str, message: str, line: int) -> None:
    with pytest.raises(InputError) as caught:
        parse_brief(text, Path("content/briefs/b.md"), IST)
    assert message in caught.value.message
    assert caught.value.line == line
    assert str(caught.value).startswith(f"content/briefs/b.md:{line}: ")


def test_read_brief_accepts_bom_and_crlf_and_names_non_utf8(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_bytes(b"\xef\xbb\xbf---\r\ntitle: T\r\ndate: 2025-01-01T10:00:00+00:00\r\n---\r\nBody\r\n")
    brief = read_brief(good, IST)
    assert brief.title == "T" and brief.body == "Body\n"
    assert brief.date.tzinfo is not None and brief.date.utcoffset() == timedelta(0)
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"---\ntitle: caf\xe9\n---\n")
    with pytest.raises(InputError, match="not UTF-8"):
        read_brief(bad, IST)


def test_naive_datetime_gets_the_site_zone() -> None:
    brief = parse_brief("---\ntitle: T\ndate: 2025-01-01 10:00:00\n---\nx\n", Path("t.md"), UTC)
    assert brief.date == datetime(2025, 1, 1, 10, tzinfo=UTC)
