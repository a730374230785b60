"""Full-text search with Pagefind, run on the staged site just before it is swapped in.

Pagefind (PyPI ``pagefind[bin]`` ships the binary, so nothing is downloaded at build time) reads the
brief pages only (``--glob``; their ``<article data-pagefind-body>`` is what gets indexed, lists and
books never are) and writes its bundle to ``pagefind/``. Filters come from the pages' markup:
``data-pagefind-filter`` pillar (one per pillar of the brief) and year.

Pagefind names its files by content hash and stamps no times, but writes its filter data in a random
(hash-map) order; ``pagefind_canon`` rewrites those files canonically, so rebuilds are byte-identical
(the tests check it). Files whose bytes did not change keep their old modification time, like the
renderer's own files.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from generator.errors import BriefingError
from generator.site import urls
from generator.site.pagefind_canon import canonicalize

# Only brief pages carry data-pagefind-body; telling Pagefind so saves it parsing every other page.
BRIEF_GLOB = "briefs/**/*.html"
TIMEOUT = 600  # seconds; 1,000 briefs take about one


class SearchError(BriefingError):
    """The search index could not be built."""


def pagefind_executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchError("the Pagefind binary is not installed (pip install 'pagefind[bin]')") from None
    try:
        return get_executable()
    except FileNotFoundError as exc:
        raise SearchError(f"the Pagefind binary is missing: {exc}") from None


def build_index(
    staging: Path, language: str, output: Path | None = None, warn: Callable[[str], None] | None = None
) -> int:
    """Index the brief pages in ``staging`` into ``staging/pagefind/``; return how many of its files are
    new or changed (the build's report counts them with the rest).

    ``output`` is the live site: unchanged bundle files take its files' modification times. ``warn``
    hears about a bundle that could not be made deterministic (search still works).
    """
    bundle = urls.SEARCH_INDEX.rstrip("/")
    if not any((staging / "briefs").glob("*/index.html")):
        return 0  # nothing to index (Pagefind refuses an empty site); the search page says so
    command = [
        str(pagefind_executable()),
        "--site", str(staging),
        "--output-subdir", bundle,
        "--glob", BRIEF_GLOB,
        # One index for the whole site in its declared language, whatever each page's lang says.
        "--force-language", language.split("-")[0].lower(),
        "--silent",
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchError(f"Pagefind could not index {staging}: {exc}") from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-2000:]
        raise SearchError(f"Pagefind failed (exit status {done.returncode}): {detail}")
    if not canonicalize(staging / bundle) and warn:
        warn(
            "the search index is not in the format this version of briefing knows, so rebuilds may not be "
            "byte-identical; install the pagefind version pyproject.toml asks for"
        )
    written = sorted(p for p in (staging / bundle).rglob("*") if p.is_file())
    if output is None:
        return len(written)
    return len(written) - _keep_unchanged_times(staging, output, written)


def _keep_unchanged_times(staging: Path, output: Path, files: list[Path]) -> int:
    """Give files identical to the live site's the old modification time; return how many were."""
    unchanged = 0
    for file in files:
        previous = output / file.relative_to(staging)
        try:
            stat = previous.stat()
            same = stat.st_size == file.stat().st_size and previous.read_bytes() == file.read_bytes()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            continue
        if same:
            os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
            unchanged += 1
    return unchanged
