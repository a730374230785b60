"""Full ingested articles, kept between runs in pack files under ``.briefing/cache/ingest-store/``.

The run itself only keeps each article's small Digest (``incremental``); the full article (text,
enrichment) is needed only to write its story's brief. A worker writes the articles of one chunk
into one pack file (creating 10,000 small files costs seconds here), and an article is found again
by its *location*, ``pack:offset:length``: a run that rewrites one brief reads one article rather
than unpickling all 10,000. Like the rest of the cache it is safe to delete: a missing or unreadable
pack is a miss, and the article is read again.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import secrets
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator import cache
from generator.ingest.model import IngestedArticle

FOLDER = "ingest-store"
_SUFFIX = ".pack"


def folder(root: Path) -> Path:
    return cache.cache_dir(root) / FOLDER


def put(root: Path, articles: Sequence[IngestedArticle]) -> list[str]:
    """Write the articles into a new pack; their locations, or "" each when it cannot be written."""
    blobs = [pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL) for a in articles]
    name = secrets.token_hex(8) + _SUFFIX  # unique, so no two workers write the same file
    target = folder(root) / name
    temporary = target.with_name(f".{name}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as handle:
            handle.write(b"".join(blobs))
        os.replace(temporary, target)  # a reader never sees half a pack
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return [""] * len(articles)
    locations, offset = [], 0
    for blob in blobs:
        locations.append(f"{name}:{offset}:{len(blob)}")
        offset += len(blob)
    return locations


def get(root: Path, location: str) -> IngestedArticle | None:
    try:
        name, offset, length = location.split(":")
        with (folder(root) / name).open("rb") as handle:
            handle.seek(int(offset))
            article = pickle.loads(handle.read(int(length)))
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None
    return article if isinstance(article, IngestedArticle) else None


def prune(root: Path, locations: Iterable[str]) -> None:
    """Remove the packs no location refers to any more (all their articles changed or went)."""
    wanted = {location.split(":", 1)[0] for location in locations}
    try:
        names = os.listdir(folder(root))
    except OSError:
        return
    for name in names:
        if name not in wanted:
            with contextlib.suppress(OSError):
                os.unlink(folder(root) / name)
