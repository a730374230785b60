"""Everything derived from the clean story: summary, key points, quotes, people and pillars."""

from __future__ import annotations

from generator.ingest import summary as summary_mod
from generator.ingest.model import CleanArticle, Enrichment
from generator.ingest.people import PeopleMatcher
from generator.ingest.pillars import PillarClassifier
from generator.ingest.quotes import find_quotes


def enrich(clean: CleanArticle, matcher: PeopleMatcher, classifier: PillarClassifier) -> Enrichment:
    paragraphs = [p for p in (clean.standfirst, *clean.paragraphs) if p]
    text = "\n\n".join(paragraphs)
    summary = summary_mod.summarise(clean.paragraphs)
    quotes = find_quotes(clean.paragraphs, matcher)
    return Enrichment(
        summary=summary,
        key_points=summary_mod.key_points(clean.paragraphs, summary, quotes_shown=bool(quotes)),
        quotes=quotes,
        people=matcher.people(clean.title, paragraphs),
        pillars=classifier.classify(clean.title, text),
    )
