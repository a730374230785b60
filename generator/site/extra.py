"""A desk's own files for the site's root (``paths.extra``): a CNAME, favicon.ico, a search engine's
verification page, ``.well-known/security.txt``. Copied as they are, after every page is staged, so
that one the site makes itself (``index.html``, ``feed.xml``) is found and left out, named; but for
``DESK_WINS``, which replace the site's own."""

from __future__ import annotations

from pathlib import Path

from generator.fileio import cannot_read, relative_to_root
from generator.model import Failure
from generator.site.urls import ROBOTS
from generator.site.writer import StagedSite, digest, folders_of

# Files the site makes whose meaning is the desk's to decide: its own robots.txt replaces the site's
# (``Disallow: /`` keeps an unlisted briefing out of search engines).
DESK_WINS = frozenset({ROBOTS})


def extra_files(folder: Path) -> dict[str, Path]:
    """The files under ``folder`` by their path in the site; none when it is not there."""
    if not folder.is_dir():
        return {}
    return {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*")) if path.is_file()}


def write_extra(staged: StagedSite, folder: Path, root: Path) -> list[Failure]:
    """Stage the files of ``folder`` (project ``root``) into the site's root; returns one Failure for
    each the site already has a file or folder for, or that cannot be read."""
    files = extra_files(folder)
    if not files:
        return []
    taken = set(staged.files) | folders_of(staged.files)
    failures = []
    for relative, path in files.items():
        shown = Path(relative_to_root(path, root))
        try:
            data = path.read_bytes()
        except OSError as exc:
            failures.append(Failure(shown, cannot_read(path, exc)))
            continue
        parts = relative.split("/")
        ours = next((p for p in ("/".join(parts[:n]) for n in range(1, len(parts) + 1)) if p in taken), None)
        if ours == relative and relative in DESK_WINS:
            staged.write(relative, data)
            continue
        if ours == relative and staged.files.get(relative) == digest(data):
            continue  # the site's own, byte for byte (the empty .nojekyll GitHub's guides have you add)
        if ours is not None:
            what = f"makes {relative} itself" if ours == relative else f"has a folder {ours}/ of its own"
            failures.append(Failure(shown, f"the site {what}; this file is left out"))
            continue
        staged.write(relative, data)
    return failures
