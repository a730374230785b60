"""What lets ingest skip work: a stamp of its inputs and outputs, and a cache of per-article results.

* The stamp (``generator.inputs``): every article's and brief's (size, mtime_ns), the settings and
  the code. Unchanged stamp: the briefs already are what ingest would write; nothing is read.
* Articles: ``ingest-articles.NN`` (``cache.Sharded``) map each article file to (size, mtime_ns,
  sha256, result), the result the article's small Digest (the full article is in ``store``, under
  ``ArticleEntry.store``) or the ArticleError it raised. A file whose stat is unchanged is not
  read; one whose stat changed is read and keeps its result if its bytes hash as before. Results
  depend on the config (pillars, people, time zone) and the code, both in the key. They also depend
  on the clock for relative dates ("2 hours ago"); an article keeps the reading of its first ingest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator import cache
from generator.config import Config
from generator.inputs import ingest_version

ARTICLES = "ingest-articles"

# A Digest, or an ArticleError as (message, line), or an OSError as its text.
Outcome = Any


@dataclass
class ArticleEntry:
    stat: cache.Stat
    sha: str
    outcome: Outcome
    store: str = ""  # the full article's name in ``store`` ("" when not stored)


def article_entries(config: Config, use: bool = True) -> cache.Sharded:
    """The cached entries (``.entries``), to be saved with ``.save`` (only the shards that changed)."""
    return cache.Sharded(config.root, ARTICLES, ingest_version(config), use)


# --- the story plan: which briefs the last run wrote, from which articles ---------------------------

PLAN = "ingest-plan"


@dataclass
class BriefRecord:
    stat: cache.Stat  # of the file as this run left it
    sha: str  # of its bytes then
    claims: list[tuple[str, str]]  # what it adds to writer.existing_slugs
    key: str  # the story it was written from ("" when it was left alone: hand-edited)


@dataclass
class Plan:
    version: str
    articles: dict[str, cache.Stat]  # the articles the plan was made from
    briefs: dict[str, BriefRecord]  # brief path -> record, in story order
    messages: list[tuple[str, str]]  # ("warn" | "info", text) per article, to say again
    report: Any  # the IngestReport of the run (written and kept_edited aside)
    verdicts: dict[tuple[str, str], bool] = field(default_factory=dict)  # merge.group_stories's
    # (st_dev, st_ino) of the briefs folder it wrote into: a brief missing from the same folder was
    # deleted there; from another (a fresh clone with the cache restored) it was never checked out.
    folder: tuple[int, int] | None = None


def story_key(slug: str, files: list[tuple[str, str]], version: str) -> str:
    return cache.sha256(repr((slug, files, version)).encode())


def load_plan(config: Config) -> Plan | None:
    """The last run's plan, whatever settings and code made it: which briefs it wrote, and from
    which articles, still holds (see ``_retire``); the rest only when its ``version`` is this run's."""
    plan = cache.load(config.root, PLAN)
    return plan if isinstance(plan, Plan) else None


def save_plan(config: Config, plan: Plan) -> None:
    cache.save(config.root, PLAN, plan)
