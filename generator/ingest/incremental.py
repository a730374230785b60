"""What lets ingest skip work: a stamp of its inputs and outputs, and a cache of per-article results.

* The stamp: every article's and brief's (size, mtime_ns), the config's bytes and the code's hash.
  Unchanged stamp: the briefs already are what ingest would write; nothing is read.
* Articles: ``ingest-articles`` maps each article file to (size, mtime_ns, sha256, result), the
  result an IngestedArticle or the ArticleError it raised. A file whose stat is unchanged is not
  read; one whose stat changed is read and keeps its result if its bytes hash as before. Results
  depend on the config (pillars, people, time zone) and the code, both in the key. They also depend
  on the clock for relative dates ("2 hours ago"); an article keeps the reading of its first ingest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import cache
from generator.config import Config
from generator.model import Failure

ARTICLES = "ingest-articles"
STATE = "ingest-state"

# An IngestedArticle, or an ArticleError as (message, line), or an OSError as its text.
Outcome = Any


@dataclass
class ArticleEntry:
    stat: cache.Stat
    sha: str
    outcome: Outcome


@dataclass
class IngestState:
    stamp: Any = None
    articles: int = 0
    briefs: int = 0
    failures: list[Failure] = field(default_factory=list)
    kept_edited: list[Path] = field(default_factory=list)


def version_key(config: Config) -> str:
    return cache.sha256(repr((config.pillars, config.people, config.site.timezone)).encode()) + (
        cache.code_version()
    )


def stamp(config: Config, article_stats: dict[str, cache.Stat]) -> Any:
    briefs = cache.scan_folder(config.paths.briefs, (".md",), recursive=False)
    return (article_stats, briefs, version_key(config), cache.code_version())


def load_entries(config: Config) -> dict[str, ArticleEntry]:
    stored = cache.load(config.root, ARTICLES)
    if not stored or stored[0] != version_key(config):
        return {}
    return stored[1]


def save_entries(config: Config, entries: dict[str, ArticleEntry]) -> None:
    cache.save(config.root, ARTICLES, (version_key(config), entries))


def load_state(config: Config) -> IngestState | None:
    state = cache.load(config.root, STATE)
    return state if isinstance(state, IngestState) else None


def save_state(config: Config, state: IngestState) -> None:
    cache.save(config.root, STATE, state)
