"""Cleaning one dump: structure, repeats, dates and the errors that make an article unusable."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.ingest.article import ArticleContext, read_clean
from generator.ingest.errors import ArticleError
from generator.ingest.model import CleanArticle

Clean = Callable[..., CleanArticle]
STORY = (
    "India and the US signed a logistics pact on Tuesday, officials from both countries said.\n\n"
    "The pact allows the two navies to refuel and repair ships at each other's ports.\n\n"
    "The talks lasted two hours.\n"
)


def dump(
    header: str = "Example News", head: str = "India, US sign logistics pact\n\n", story: str = STORY
) -> str:
    return f" date 2025-07-01 {header}\n{head}{story}"


def test_headline_body_and_short_sentence_paragraph(clean_text: Clean) -> None:
    clean = clean_text(dump())
    assert clean.title == "India, US sign logistics pact"
    assert clean.paragraphs[-1] == "The talks lasted two hours."
    assert len(clean.paragraphs) == 3


def test_exact_and_near_repeats_are_removed_keeping_the_first(clean_text: Clean) -> None:
    lead = "India and the US signed a logistics pact on Tuesday, officials from both countries said."
    near = "India and the US signed a logistics pact on Tuesday, officials from both countries said"
    clean = clean_text(dump(story=f"{lead}\n\n{STORY}\n{near}\n\n{STORY}"))
    assert clean.paragraphs.count(lead) == 1
    assert len(clean.paragraphs) == 3


def test_repeated_headline_is_not_body(clean_text: Clean) -> None:
    clean = clean_text(dump(story=STORY + "\nIndia, US sign logistics pact\n"))
    assert "India, US sign logistics pact" not in clean.paragraphs


def test_dateline_is_kept_as_text(clean_text: Clean) -> None:
    clean = clean_text(dump(story="New Delhi: " + STORY))
    assert clean.paragraphs[0].startswith("New Delhi: India and the US")


def test_dateline_on_its_own_line_joins_the_paragraph(clean_text: Clean) -> None:
    clean = clean_text(dump(story="NEW DELHI:\n\n" + STORY))
    assert clean.paragraphs[0].startswith("NEW DELHI: India and the US")


def test_nbsp_only_lines_are_nothing(clean_text: Clean) -> None:
    clean = clean_text(dump(story=STORY.replace("\n\n", "\n\n\u00a0\u00a0\n\n")))
    assert len(clean.paragraphs) == 3


def test_character_references_left_by_a_tag_stripper_are_characters(clean_text: Clean) -> None:
    """Such dumps showed "Q&amp;amp;A" and "&amp;#8217;" on the page, and in the slug ("and-amp")."""
    story = STORY.replace("officials", "officials&nbsp;from R&D &amp; the navy&#8217;s &quot;desk&quot;&#10;")
    clean = clean_text(dump(head="India &amp; US sign &lt;b&gt;pact&lt;/b&gt; AT&T;\n\n", story=story))
    assert clean.title == "India & US sign <b>pact</b> AT&T;"  # the page escapes it as any text
    assert clean.paragraphs[0].startswith(
        "India and the US signed a logistics pact on Tuesday, officials"
        ' from R&D & the navy\u2019s "desk" from'
    )


def test_also_read_inside_the_body_is_removed_with_its_link(clean_text: Clean) -> None:
    story = STORY.replace("The talks", "Also Read\n\nIndia to buy drones from US\n\nThe talks")
    clean = clean_text(dump(story=story))
    assert clean.paragraphs[-1] == "The talks lasted two hours."
    assert all("drones" not in p for p in clean.paragraphs)


def test_page_furniture_after_the_story_is_cut(clean_text: Clean) -> None:
    tail = "\nRelated Stories\n\nSomething else happened in a faraway city today, officials said.\n"
    clean = clean_text(dump(story=STORY + tail))
    assert len(clean.paragraphs) == 3


def test_standfirst_is_split_from_the_body_by_the_byline(clean_text: Clean) -> None:
    head = (
        "India, US sign logistics pact\n\nThe deal lets each navy use the other's ports.\n\nBy Sam Patel\n\n"
    )
    clean = clean_text(dump(head=head))
    assert clean.standfirst == "The deal lets each navy use the other's ports."
    assert clean.byline == "Sam Patel"
    assert clean.standfirst not in clean.paragraphs


def test_header_time_and_zone_give_the_date(clean_text: Clean) -> None:
    clean = clean_text(dump(header="Tuesday, July 01, 2025 | 10:10 PM ISTहिंदी में पढें"))
    assert clean.published.isoformat() == "2025-07-01T22:10:00+05:30"
    assert clean.source_name is None


def test_published_line_beats_the_header(clean_text: Clean) -> None:
    head = "India, US sign logistics pact\n\nPublished: Jul 1, 2025 09:30 AM EDT\n\n"
    clean = clean_text(dump(header="Tuesday, July 01, 2025 | 10:10 PM IST", head=head))
    assert clean.published.isoformat() == "2025-07-01T09:30:00-04:00"


def test_header_date_alone_is_midnight_in_the_site_zone(clean_text: Clean) -> None:
    assert clean_text(dump()).published.isoformat() == "2025-07-01T00:00:00+05:30"


def test_source_from_header_with_glued_section(clean_text: Clean) -> None:
    assert clean_text(dump(header="ETV Bharat\u00a0/\u00a0bharat")).source_name == "ETV Bharat"


def test_source_from_syndication_note(clean_text: Clean) -> None:
    note = (
        "\n(Only the headline may have been reworked by the Business Standard staff; "
        "the rest is auto-generated.)\n"
    )
    clean = clean_text(dump(header="Tuesday, July 01, 2025 | 10:10 PM IST", story=STORY + note))
    assert clean.source_name == "Business Standard"
    assert all("reworked" not in p for p in clean.paragraphs)


def test_tags_from_a_run_together_tag_line(clean_text: Clean) -> None:
    story = (
        STORY + "\nDefence Minister Rajnath Singh spoke to reporters.\n\nTAGGED:\n\nDEFENCERAJNATH SINGH\n"
    )
    assert clean_text(dump(story=story)).tags == ("Defence", "Rajnath Singh")


def test_tags_from_a_comma_separated_line(clean_text: Clean) -> None:
    clean = clean_text(dump(story=STORY + "\nTags: India-US ties, Defence, defence\n"))
    assert clean.tags == ("India-US ties", "Defence")


def test_tags_written_as_a_sentences_list(clean_text: Clean) -> None:
    """ "India, Defense Industry, and Innovation" gave the tag "And Innovation"."""
    clean = clean_text(dump(story=STORY + "\nTags\n\nIndia, Defense Industry, and Innovation, and Andaman\n"))
    assert clean.tags == ("India", "Defense Industry", "Innovation", "Andaman")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\n", "empty"),
        ("Just some text\n\nwithout a header.\n", "no header line"),
        (" date 2025-02-30 Example\nHeadline here now\n\n" + STORY, "bad date"),
        (" date 2025-07-01 Example\n", "no text"),
        (" date 2025-07-01 Example\nShare on WhatsApp\n\nAdvertisement\n\nHome / India\n", "no story text"),
        (" date 2025-07-01 Example\n" + STORY, "no headline"),
        (" date 2030-07-01 Example\nHeadline of the future story\n\n" + STORY, "future"),
        (
            " date 2025-07-01 Example\nHeadline here now\n\nPublished: Feb 30, 2025 10:00 IST\n\n" + STORY,
            "bad date",
        ),
    ],
)
def test_unusable_articles_raise_with_the_problem(text: str, message: str, clean_text: Clean) -> None:
    with pytest.raises(ArticleError, match=message):
        clean_text(text)


def test_binary_file_is_refused(context: ArticleContext, tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ArticleError, match="binary"):
        read_clean(path, path.read_bytes(), context)


def test_encodings_and_line_endings(context: ArticleContext, tmp_path: Path) -> None:
    text = dump(story=STORY.replace("Tuesday", "Tuesday’s café"))
    variants = {
        "bom.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf16.txt": text.encode("utf-16"),
        "crlf.txt": text.replace("\n", "\r\n").encode("utf-8"),
        "cr.txt": text.replace("\n", "\r").encode("utf-8"),
    }
    for name, data in variants.items():
        path = tmp_path / name
        path.write_bytes(data)
        clean, warnings = read_clean(path, data, context)
        assert clean.paragraphs[0].startswith("India and the US signed"), name
        assert "Tuesday’s café" in clean.paragraphs[0], name
        assert warnings == [], name
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    clean, warnings = read_clean(path, path.read_bytes(), context)
    assert "Tuesday’s café" in clean.paragraphs[0]
    assert warnings and "UTF-8" in warnings[0]
