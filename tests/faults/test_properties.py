"""Property tests of the ingest: any input gives a valid brief that round-trips, or a clear error."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.brief_file import SLUG_RE, dump_brief, is_hand_edited, parse_brief
from generator.config import load_config
from generator.ingest.article import ArticleContext, ingest_file
from generator.ingest.errors import ArticleError
from generator.ingest.people import PeopleMatcher
from generator.ingest.pillars import PillarClassifier
from generator.ingest.slugs import base_slug
from generator.ingest.stories import build_brief

from .helpers import REPO

CONFIG = load_config(REPO / "briefing.yaml")
CONTEXT = ArticleContext(
    root=REPO,
    site_tz=CONFIG.site.tz,
    now=datetime(2026, 1, 1, tzinfo=UTC),
    matcher=PeopleMatcher(CONFIG.people),
    classifier=PillarClassifier(CONFIG.pillars),
)
HOSTILE = [
    'Key: "value" --- !!x', "---", "&anchor", "*alias", "!!python/object:os.system", "{{ 7*7 }}",
    "{% raw %}", "<script>alert(1)</script>", "</textarea>", "[x](javascript:alert(1))", "# heading",
    "> quote", "- item", "1. item", "| a | b |", "```", "\\", "'", '"', "%", "@", "`", "\u202e", "\u200f",
    "राजनाथ सिंह", "السلام", "Singh said.", "Defence Minister Rajnath Singh", "By PTI", "TAGGED:",
]  # fmt: skip
PROSE = (
    "officials said the talks on defence cooperation between India and the United States were held in "
    "Delhi on Tuesday and both sides agreed to expand training logistics and industry ties next year"
)
PROSE_WORDS = PROSE.split()
# Printable text of any script; control characters make a dump "binary", which the bytes test covers.
TEXT = st.characters(blacklist_categories=("Cs", "Cc"))
WORDS = st.one_of(
    st.sampled_from(PROSE_WORDS),
    st.sampled_from(PROSE_WORDS),
    st.sampled_from(PROSE_WORDS),
    st.sampled_from(HOSTILE),
    st.text(TEXT, min_size=1, max_size=8),
)
SENTENCE = st.lists(WORDS, min_size=8, max_size=40).map(lambda w: " ".join(w).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
BLOCK = st.one_of(PARAGRAPH, PARAGRAPH, PARAGRAPH, st.text(TEXT, max_size=120), st.sampled_from(HOSTILE))
HEADLINE = st.one_of(st.sampled_from(HOSTILE), st.lists(WORDS, min_size=3, max_size=14).map(" ".join))
DAY = st.dates(min_value=date(2000, 1, 1), max_value=date(2025, 12, 31))


def dump_of(day: date, header: str, blocks: list[str]) -> bytes:
    lines = [f" date {day.isoformat()} {header}", *blocks]
    return "\n\n".join(lines).encode("utf-8", errors="surrogatepass")


def check(data: bytes) -> None:
    """The property: a clear ArticleError, or a brief whose file parses back to the same values."""
    try:
        article = ingest_file(Path("content/articles/x.txt"), data, CONTEXT)
    except ArticleError as error:
        assert error.message.strip()
        return
    slug = base_slug(article.clean.title, article.clean.published.date())
    assert SLUG_RE.match(slug) and slug.isascii() and "/" not in slug
    brief = build_brief([article], slug)
    text = dump_brief(brief)
    assert not is_hand_edited(text)
    parsed = parse_brief(text, Path(f"{slug}.md"), CONFIG.site.tz)
    for key in ("title", "slug", "date", "summary", "standfirst", "pillars", "people", "tags", "key_points"):
        assert getattr(parsed, key) == getattr(brief, key), key
    assert parsed.quotes == brief.quotes and parsed.sources == brief.sources
    assert parsed.body.strip() == brief.body.strip()
    assert parsed.pillars and set(parsed.pillars) <= {p.slug for p in CONFIG.pillars}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    day=DAY,
    header=st.text(TEXT, max_size=40),
    headline=HEADLINE,
    blocks=st.lists(BLOCK, max_size=14),
)
# A key point cut from a quotation kept the space after its unpaired quote mark; the brief's file,
# whose list items are read stripped, then read back another point.
@example(
    day=date(2000, 1, 1),
    header="",
    headline="Key: value",
    blocks=[
        "Officials officials officials officials officials officials said talks.",
        '" officials officials officials officials officials officials officials officials.',
    ],
)
def test_any_dump_gives_a_round_tripping_brief_or_a_clear_error(
    day: date, header: str, headline: str, blocks: list[str]
) -> None:
    check(dump_of(day, header, [headline, *blocks]))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_brief_or_a_clear_error(data: bytes) -> None:
    check(data)


@settings(max_examples=100, deadline=None)
@given(title=st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=80)))
def test_any_headline_round_trips_exactly(title: str) -> None:
    title = " ".join(title.replace("\x00", "").split())
    if not title or not any(c.isalnum() for c in title):
        return
    body = "New Delhi: Officials said the talks on maritime security lasted for most of the day on Tuesday."
    data = dump_of(date(2025, 3, 4), "Example News", [title, body, body.replace("Tuesday", "Wednesday")])
    try:
        article = ingest_file(Path("content/articles/t.txt"), data, CONTEXT)
    except ArticleError:
        return
    brief = build_brief([article], base_slug(article.clean.title, article.clean.published.date()))
    assert parse_brief(dump_brief(brief), Path("t.md"), CONFIG.site.tz).title == brief.title
