"""Each rule that sorts a line into story text or page furniture."""

from __future__ import annotations

import pytest

from generator.ingest import lines as L
from generator.ingest.lines import Kind


@pytest.mark.parametrize(
    "text",
    [
        "The talks lasted two hours.",
        "New Delhi: India and the US signed the pact on Tuesday, officials said.",
        '"We will not let paperwork slow down our friends," he said.',
        "Is this the end of the road?",
    ],
)
def test_sentences_are_story_text(text: str) -> None:
    assert L.classify(text) in (Kind.PROSE, Kind.SENTENCE)


@pytest.mark.parametrize(
    "text",
    [
        "Share on WhatsApp",
        "Advertisement",
        "author img",
        "(With inputs from agencies)",
        "Listen to this article",
        "3 min read",
        "We use cookies to improve your experience on our site. By using our site you consent to cookies.",
        "Sign up for our daily newsletter to get the latest news delivered to your inbox.",
        "What do you think? Share your views in the comments below.",
        "For any inquiries, please reach us at contactus@example.com",
        "(Only the headline and picture of this report may have been reworked by the Business Standard "
        "staff; the rest of the content is auto-generated from a syndicated feed.)",
        "Catch all the latest India news and updates here.",
        "Follow us on Google News",
    ],
)
def test_chrome_is_not_story_text(text: str) -> None:
    assert L.classify(text) not in (Kind.PROSE, Kind.SENTENCE, Kind.OTHER)


@pytest.mark.parametrize(
    "text",
    [
        "File photo of Rajnath Singh (ANI)",
        "Engines on display at an air show in Bengaluru. (Photo: Reuters)",
        "US Army soldiers arrive at the range. Photo Credit: Indian Army",
        "An Indian Navy destroyer during the exercise. Photograph: Getty Images",
        "Image caption, The talks were held at the Pentagon",
        "A drone at a trade fair. Photo: dpa",
    ],
)
def test_captions(text: str) -> None:
    assert L.classify(text) is Kind.CAPTION


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("By PTI", "PTI"),
        ("By Jane Morrison | Reuters", "Jane Morrison, Reuters"),
        ("Reported by Sam Patel", "Sam Patel"),
        ("Written by Arjun Mehta", "Arjun Mehta"),
        ("By PTI | Updated: Feb 6, 2025, 8:09 PM IST", "PTI"),
    ],
)
def test_bylines(text: str, who: str) -> None:
    assert L.classify(text) is Kind.BYLINE
    assert L.byline_of(text) == who


def test_a_sentence_starting_with_by_is_not_a_byline() -> None:
    assert L.byline_of("By the time the talks ended, both sides had agreed on a date.") is None


@pytest.mark.parametrize(
    "text", ["Published : Feb 6, 2025, 8:09 PM IST", "2025-07-01T16:40:00Z", "10:45 AM IST"]
)
def test_date_lines(text: str) -> None:
    assert L.classify(text) is Kind.DATE


def test_a_sentence_with_a_date_is_not_a_date_line() -> None:
    assert L.classify("The exercise will end on July 16, 2025, officials said.") in (
        Kind.PROSE,
        Kind.SENTENCE,
    )


@pytest.mark.parametrize(
    "text", ["Home / India / Defence", "Politics | Economy | Defence | Culture", "UK › World › Asia"]
)
def test_breadcrumbs_and_menus(text: str) -> None:
    assert L.classify(text) is Kind.NAV


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("TAGGED:", Kind.TAGS),
        ("Tags: India, US", Kind.TAGS),
        ("For All Latest Updates", Kind.END),
        ("Comments (3)", Kind.END),
        ("Copyright © 2025 Example Ltd.", Kind.END),
        ("Related Stories", Kind.END_WEAK),
        ("You may also like", Kind.END_WEAK),
        ("Also Read: India, US to hold talks on drones", Kind.INSERT),
    ],
)
def test_markers(text: str, kind: Kind) -> None:
    assert L.classify(text) is kind


@pytest.mark.parametrize(
    "dateline",
    [
        "New Delhi:",
        "WASHINGTON (Reuters) -",
        "Bengaluru, July 1 (PTI):",
        "WASHINGTON, July 1 (AP) —",
        # the summary began "NEW DELHI/WASHINGTON, July 1 (Reuters) - India and ..."
        "NEW DELHI/WASHINGTON, July 1 (Reuters) -",
        "Port Blair/New Delhi:",
        "NEW DELHI, July 1, 2025 (Reuters) -",
        "BEIJING, July 1 (Xinhua) --",
        "New Delhi, Jul 1 (IANS)",  # an agency's dateline needs no dash
        "Chennai (Tamil Nadu) [India], July 1 (ANI):",
    ],
)
def test_dateline_is_recognised_and_strippable(dateline: str) -> None:
    assert L.strip_dateline(f"{dateline} India and the US agreed.") == "India and the US agreed."


@pytest.mark.parametrize(
    "text",
    ["India said: yes.", "Apple (AAPL) shares rose on the news.", "The US, India (and Japan) - all agreed."],
)
def test_a_sentence_is_no_dateline(text: str) -> None:
    assert L.strip_dateline(text) == text
