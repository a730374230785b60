"""Summary, key points, quotes with speakers, people and pillars."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from generator.config import ClassifySettings, Config, Person, Pillar
from generator.ingest import stories, summary
from generator.ingest.article import ArticleContext, read_clean
from generator.ingest.enrich import enrich
from generator.ingest.people import Mention, PeopleMatcher
from generator.ingest.pillars import PillarClassifier
from generator.ingest.quotes import find_quotes
from generator.model import Quote
from generator.site.markdown import render_markdown

SAMPLES = Path(__file__).resolve().parents[2] / "content" / "articles"
FIRST = SAMPLES / "000_3767b9aef26316b2.txt"
SECOND = SAMPLES / "002_7c320d737f285159.txt"


def enriched(path: Path, context: ArticleContext):
    clean = read_clean(path, path.read_bytes(), context)[0]
    return clean, enrich(clean, context.matcher, context.classifier)


def test_quotes_resolve_pronouns_and_short_forms(context: ArticleContext) -> None:
    _, extra = enriched(FIRST, context)
    speakers = [q.speaker for q in extra.quotes]
    assert speakers == [
        "Rajnath Singh",
        "Rajnath Singh",
        "Defence ministry",
        "Defence ministry",
        "Defence ministry",
    ]
    assert extra.quotes[1].text.startswith("Conveyed my deep appreciation")  # "he said" after "Singh said"
    assert all(q.text != "unwavering support" for q in extra.quotes)  # scare quotes are not quotations


def test_quote_split_by_a_stray_mark_stays_one_quote(context: ArticleContext) -> None:
    _, extra = enriched(SECOND, context)
    assert extra.quotes[-1].speaker == "Rajnath Singh"
    assert extra.quotes[-1].text.startswith("We also agreed")
    assert extra.quotes[-1].text.endswith("Secreatry Hegseth")


def test_quote_with_leading_attribution() -> None:
    matcher = PeopleMatcher([Person("Pete Hegseth", ("Hegseth",))])
    quotes = find_quotes(['Hegseth told reporters: "India is a key partner in the region."'], matcher)
    assert quotes == (Quote("Pete Hegseth", "India is a key partner in the region."),)


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            '"Depending on one supplier is risky," says Harsh Pant of the Observer Research Foundation.',
            "Harsh Pant",
        ),
        ('"Depending on one supplier is risky," said the Ministry of Defence.', "Ministry of Defence"),
        (
            '"Depending on one supplier is risky," the Ministry of External Affairs said.',
            "Ministry of External Affairs",
        ),
        ('"Depending on one supplier is risky," one of the officials said.', None),
    ],
)
def test_a_speaker_of_somewhere(paragraph: str, speaker: str | None) -> None:
    """A person is named without where they are from; an organisation "of" something is named whole."""
    quotes = find_quotes([paragraph], PeopleMatcher([]))
    assert [q.speaker for q in quotes] == ([speaker] if speaker else [])


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        (  # a surname alone, after the full name set off by commas
            [
                "Britain and India agreed to build an engine, the defence secretary, John Healey, announced.",
                'Healey said: "This is a partnership between equals and a sign of trust."',
            ],
            "John Healey",
        ),
        (
            [
                "Officials met in London, the minister, Jane Doe, said.",
                'Ms Doe said: "This is a partnership between equals and a sign of trust."',
            ],
            "Jane Doe",
        ),
        (  # "the agency" after its full name, with another organisation named between
            [
                "The package includes spare parts, the Defense Security Cooperation Agency said.",
                "The State Department approved it, the Pentagon said.",
                'The sale "will support the foreign policy of the United States," the agency said.',
            ],
            "Defense Security Cooperation Agency",
        ),
    ],
)
def test_a_short_form_is_the_speaker_named_before(paragraphs: list[str], speaker: str) -> None:
    """It was the quote's speaker as written: "Healey", "Ms Doe", "Agency"."""
    quotes = find_quotes(paragraphs, PeopleMatcher([]))
    assert [q.speaker for q in quotes] == [speaker]


class ReadingMatcher(PeopleMatcher):
    """Counts the characters it is asked to read for people."""

    read = 0

    def mentions(self, text: str) -> list[Mention]:
        self.read += len(text)
        return super().mentions(text)


def test_quotes_read_a_paragraph_once_however_many_say_verbs_it_holds() -> None:
    """Each "the ministry said" read the paragraph again from its start: a scraped page run into one
    800 KB paragraph took 10 s."""
    matcher = ReadingMatcher([Person("Pete Hegseth", ("Hegseth",))])
    sentence = "The talks went on, the ministry said, and the navy said the drills were over. "
    paragraph = sentence * 300 + 'Hegseth said: "India is a key partner in the region, and will stay one."'

    quotes = find_quotes([paragraph], matcher)

    assert quotes == (Quote("Pete Hegseth", "India is a key partner in the region, and will stay one."),)
    assert matcher.read <= len(paragraph) * 2  # each stretch once, the speakers' words again


def test_people_from_watch_list_and_other_full_names() -> None:
    matcher = PeopleMatcher([Person("Rajnath Singh", ("Singh", "Defence Minister Rajnath Singh"))])
    text = (
        "Defence Minister Rajnath Singh met Secretary of State Marco Rubio. Singh said the talks went well. "
        "The meeting took place in New Delhi, and Indian Army chief General Upendra Dwivedi attended."
    )
    assert matcher.people("A headline With Capital Words", [text]) == (
        "Rajnath Singh",
        "Marco Rubio",
        "Upendra Dwivedi",
    )


def test_a_name_does_not_run_on_into_the_next_paragraph() -> None:
    matcher = PeopleMatcher([])
    paragraphs = ["The talks were held in Washington", "Marco Rubio said the partnership was strong."]
    assert matcher.people("Talks", paragraphs) == ("Marco Rubio",)
    # read as one text, "Washington Marco Rubio" is taken for one name, and dropped as a place
    assert matcher.people("Talks", ["\n\n".join(paragraphs)]) == ()


def test_people_in_the_samples(context: ArticleContext) -> None:
    _, extra = enriched(SECOND, context)
    assert extra.people == ("Rajnath Singh", "Pete Hegseth", "Narendra Modi")


def test_summary_is_the_lead_without_dateline(context: ArticleContext) -> None:
    clean, extra = enriched(SECOND, context)
    assert extra.summary.startswith("Defence Minister Rajnath Singh and his American counterpart")
    assert "New Delhi:" not in extra.summary
    assert extra.summary in clean.paragraphs[0]


def test_key_points_are_informative_and_not_the_lead(context: ArticleContext) -> None:
    clean, extra = enriched(FIRST, context)
    assert 3 <= len(extra.key_points) <= 5
    assert extra.summary not in extra.key_points
    assert all(not p.startswith('"') for p in extra.key_points)
    assert all(any(p in para for para in clean.paragraphs) for p in extra.key_points)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def test_key_points_do_not_repeat_the_quotes(context: ArticleContext) -> None:
    # Both samples open a two-sentence quotation whose first sentence, its quote mark balanced
    # away, once passed for a reported sentence and came back among the points.
    for sample in (FIRST, SECOND):
        _, extra = enriched(sample, context)
        assert extra.quotes and extra.key_points
        for point in extra.key_points:
            assert not any(_words(point) in _words(q.text) for q in extra.quotes), (sample.name, point)


REPORTED = [
    "The two navies completed a week of anti-submarine drills in the Arabian Sea on Friday.",
    "Officials from both defence ministries reviewed the logistics agreement signed last year.",
]
LEAD = "Lead sentence about the exercise that is long enough to be the summary here."
QUOTATION = (
    '"We have never trained this closely with a partner navy before now. '
    'Every crew learned something new about the other side this week," the admiral said.'
)


def test_a_quotation_fills_in_only_when_the_brief_shows_no_quotes() -> None:
    paragraphs = [LEAD, *REPORTED, QUOTATION]
    shown = summary.key_points(paragraphs, paragraphs[0], quotes_shown=True)
    assert shown == tuple(REPORTED)
    filled = summary.key_points(paragraphs, paragraphs[0], quotes_shown=False)
    assert filled[:2] == tuple(REPORTED) and len(filled) == 3
    assert filled[2].startswith(("We have never trained", "Every crew"))  # one of the quotation's sentences


def test_a_sentence_inside_an_open_quotation_is_a_quotation() -> None:
    # The second sentence has no opening mark of its own: the first one opened the quotation.
    paragraphs = [LEAD, QUOTATION]
    assert summary.key_points(paragraphs, paragraphs[0], quotes_shown=True) == ()
    more = [LEAD, *REPORTED, "Both sides plan a larger round of these drills off Goa next year.", QUOTATION]
    assert not any(p.startswith("Every crew") for p in summary.key_points(more, more[0]))


def test_short_story_key_points() -> None:
    paragraphs = ["One two three four five six seven eight nine ten."]
    assert summary.key_points(paragraphs, paragraphs[0]) == ()


def test_a_line_that_is_no_sentence_is_no_key_point() -> None:
    """A list item, an app's promotion or a lead-in was a key point: "F414 engines for the Tejas
    Mk2, to be built by HAL", "Here are five things to watch as the framework is implemented:"."""
    fragments = [
        "F414 engines for the Tejas Mk2 and the Tejas Mk1A, to be built by HAL in Bengaluru",
        "Here are five things to watch as the framework is implemented over the years:",
    ]
    sentences = [
        "India and the US agreed on Tuesday to co-produce jet engines for two fighters in Bengaluru.",
        "The first engines built in India under the deal are expected to be delivered in 2027.",
        "Officials said 80 percent of the engine's technology would be transferred to Hindustan Aeronautics.",
    ]
    points = summary.key_points([sentences[0], *fragments, *sentences[1:]], "")
    assert points == tuple(sentences)


def test_pillars_strongest_first_and_explained(context: ArticleContext) -> None:
    clean, extra = enriched(FIRST, context)
    assert extra.pillars[0] == "defence-industry"
    assert "counter-terrorism" in extra.pillars
    assert "general" not in extra.pillars
    text = context.classifier.explain(clean.title, clean.body)
    assert "counter-terrorism  score 9" in text
    assert "3 x 'fight against terrorism'" in text


def test_a_pillar_mentioned_in_passing_is_not_chosen(context: ArticleContext) -> None:
    # The second sample: a phone call on the partnership, whose agenda names logistics and
    # intelligence once each; its pillars are the call and industry, not every area it lists.
    clean, extra = enriched(SECOND, context)
    assert extra.pillars == ("high-level-engagement", "defence-industry")
    text = context.classifier.explain(clean.title, clean.body)
    assert re.search(r"logistics  score \d+  \(below 25% of the top score\)", text)


def test_the_thresholds_come_from_the_config(sample_config: Config, context: ArticleContext) -> None:
    # The second sample's logistics score is below a quarter of its top score: with no share asked
    # for it is in, and with a minimum above every score only the catch-all is left.
    clean, _ = enriched(SECOND, context)
    text = "\n\n".join(p for p in (clean.standfirst, *clean.paragraphs) if p)
    lenient = PillarClassifier(sample_config.pillars, ClassifySettings(min_share=0))
    assert "logistics" in lenient.classify(clean.title, text)
    assert "(minimum score 2 and 0% of the top score" in lenient.explain(clean.title, text)
    strict = PillarClassifier(sample_config.pillars, ClassifySettings(min_score=1000))
    assert strict.classify(clean.title, text) == ("general",)


def test_catch_all_when_nothing_matches(sample_config: Config) -> None:
    classifier = PillarClassifier(sample_config.pillars)
    assert classifier.classify("Cricket final", "The match ended in a draw after rain.") == ("general",)


def test_whole_words_and_minimum_score() -> None:
    classifier = PillarClassifier(
        (Pillar("ct", "CT", keywords=("terror", "counter-terrorism")), Pillar("general", "G", catch_all=True))
    )
    assert classifier.classify("T", "Terrorism and terrorists and terrors.") == ("general",)  # no whole word
    assert classifier.classify("T", "A terror attack.") == ("general",)  # one word is below the minimum
    assert classifier.classify("T", "Counter-terrorism talks.") == ("ct",)  # a two-word phrase is enough


def test_a_keyword_of_two_or_three_capitals_matches_only_in_capitals() -> None:
    """A pillar keyed on "US" or "WHO" matched "told us" and "who said": it topped nearly every story."""
    classifier = PillarClassifier(
        (Pillar("ties", "Ties", keywords=("US", "WHO", "Quad")), Pillar("general", "G", catch_all=True))
    )
    lower = "He told us who had come, and who had not, and what us and them meant to us."
    assert classifier.classify("Talks", lower) == ("general",)
    assert classifier.scores("INDIA, US SIGN PACT", "The WHO met.")[0].hits == (("US", 2), ("WHO", 1))
    assert classifier.classify("Talks", "The quad met; the QUAD met.") == ("ties",)  # 4 letters: any case


def test_a_pages_list_items_make_a_list_and_points_without_bullets() -> None:
    """ "• Joint production ..." was a paragraph starting with a bullet on the page, and a key point
    with the bullet in it, shown in a list of its own."""
    paragraphs = [
        "New Delhi: India and the United States on Tuesday agreed on three steps to deepen cooperation "
        "between their defence industries, officials said after talks in the capital.",
        "The steps agreed are:",
        "• Joint production of Stryker armoured vehicles in India from the middle of next year.",
        "• A new framework for co-development of underwater drones for both of the navies.",
        "- Faster export licences for US components used in Indian aircraft engines and radars.",
    ]
    body = stories.markdown_body(paragraphs, (), ())
    html = render_markdown(body)
    assert html.count("<ul>") == 1 and html.count("<li>") == 3 and "•" not in html
    assert "<li>Joint production of Stryker" in html  # a list of lines: a blank line made paragraphs
    points = summary.key_points(paragraphs, summary.summarise(paragraphs))
    assert points and not any(p.startswith(("•", "-")) for p in points)
    assert "Joint production of Stryker armoured vehicles in India from the middle of next year." in points
    assert stories.markdown_paragraph("-3 degrees at the base") == "-3 degrees at the base"  # no space: text


def test_a_pages_numbered_items_make_a_numbered_list_and_a_year_stays_text() -> None:
    """ "1. Joint production ..." was escaped as "\\1. Joint ...": a digit cannot be escaped in
    Markdown, so the page showed the backslash; and a key point kept the number."""
    paragraphs = [
        "New Delhi: India and the United States on Tuesday agreed on three steps to deepen cooperation "
        "between their defence industries, officials said after talks in the capital.",
        "1. Joint production of Stryker armoured vehicles in India from the middle of next year.",
        "2) A new framework for co-development of underwater drones for both of the navies.",
        "2025. That is the year the framework agreed in Washington is to be signed by both sides.",
    ]
    html = render_markdown("\n\n".join(map(stories.markdown_paragraph, paragraphs)))
    assert "\\" not in html
    assert html.count("<ol>") == 1 and '<ol start="2">' in html and html.count("<li>") == 2
    assert "<li>Joint production of Stryker" in html
    assert "<p>2025. That is the year" in html
    points = summary.key_points(paragraphs, summary.summarise(paragraphs))
    assert "Joint production of Stryker armoured vehicles in India from the middle of next year." in points
    assert not any(p[0].isdigit() and p[1] in ".)" for p in points)


def test_an_articles_text_shows_as_written_not_as_markdown() -> None:
    """A scraped paragraph is plain text: "2*3*4" showed as 2<em>3</em>4, "__init__" as a bold
    "init", "`x`" as code, "![map](a.png)" as a broken picture, and a paragraph "[1]: http://..."
    vanished as a Markdown link definition."""
    paragraphs = [
        "The ratio was 2*3*4, the module __init__ and the user Mike_T, a_b_c and ~~not struck~~.",
        "Tap ![map](a.png) or see [the report](https://example.org/r) with `code` and a back\\slash.",
        "[1]: https://example.org/footnote-one",
        "* Footnote: the figures are *provisional*.",
    ]
    html = render_markdown("\n\n".join(map(stories.markdown_paragraph, paragraphs)))
    text = lxml.html.fromstring(f"<div>{html}</div>").text_content()
    for paragraph in paragraphs[:3]:
        assert paragraph in text, (paragraph, html)
    assert "Footnote: the figures are *provisional*." in text
    assert not any(tag in html for tag in ("<em>", "<strong>", "<code>", "<img", "<a ", "<del>", "<s>"))
    assert stories.markdown_paragraph("Mike_T and a_b_c") == "Mike_T and a_b_c"  # nothing to escape
