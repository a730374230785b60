"""Read the published briefs: every ``*.md`` in the briefs folder, newest first.

A brief that cannot be used (bad front matter, a pillar the config does not know, a slug another
file already took) is reported as a Failure naming its file and skipped; the rest still render.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from generator import inputs, redirects
from generator.brief_file import read_brief
from generator.config import Config
from generator.errors import InputError
from generator.fileio import relative_to_root
from generator.model import Brief, Failure


@dataclass
class LoadedBriefs:
    briefs: list[Brief] = field(default_factory=list)  # published, newest first, ties by slug
    failures: list[Failure] = field(default_factory=list)
    drafts: int = 0


def newest_first(brief: Brief) -> tuple[float, str]:
    return (-brief.date.timestamp(), brief.slug)


def normalized(brief: Brief, catch_all: str) -> Brief:
    """Each pillar once; a brief with no pillar still has to appear somewhere: the catch-all collects it."""
    pillars = list(dict.fromkeys(brief.pillars)) or [catch_all]
    return brief if pillars == brief.pillars else replace(brief, pillars=pillars)


def _key_line(path: Path, key: str) -> int | None:
    """The line of a top-level front-matter key, so the user is sent straight to it."""
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if line.startswith(f"{key}:"):
                return number
    return None


def load_briefs(
    config: Config,
    read: Callable[[Path, ZoneInfo], Brief] = read_brief,
    files: Iterable[str] | None = None,
) -> LoadedBriefs:
    """``read`` parses one file; the build cache passes one that skips unchanged files. ``files``:
    the briefs folder's (``inputs.brief_stats``), when the caller has them."""
    result = LoadedBriefs()
    known = config.pillar_by_slug
    catch_all = config.catch_all.slug
    owner: dict[str, Path] = {}

    def shown(file: Path) -> Path:
        return Path(relative_to_root(file, config.root))

    for name in sorted(inputs.brief_stats(config) if files is None else files):
        path = Path(name)
        try:
            brief = read(path, config.site.tz)
        except InputError as exc:
            result.failures.append(Failure(shown(exc.file), exc.message, exc.line))
            continue
        if brief.draft:
            result.drafts += 1
            continue
        unknown = [p for p in brief.pillars if p not in known]
        if unknown:
            names = ", ".join(repr(p) for p in unknown)
            message = f"pillars: {names} not in the config (known: {', '.join(known)})"
            result.failures.append(Failure(shown(path), message, _key_line(path, "pillars")))
            continue
        if brief.slug in owner:
            message = (
                f"slug: {brief.slug!r} is already used by {shown(owner[brief.slug])}; slugs must be unique"
            )
            result.failures.append(Failure(shown(path), message, _key_line(path, "slug")))
            continue
        owner[brief.slug] = path
        result.briefs.append(normalized(brief, catch_all))
    result.briefs.sort(key=newest_first)
    return result


@dataclass
class LoadedRedirects:
    pages: dict[str, str] = field(default_factory=dict)  # old slug -> the published slug it leads to
    failures: list[Failure] = field(default_factory=list)
    digest: str = ""  # redirects.digest of the bytes read: the kept plan is made with these


def load_redirects(config: Config, published: Collection[str]) -> LoadedRedirects:
    """The moved briefs' old slugs and the published slugs they lead to (``redirects.yaml``), and
    a Failure for the file if it cannot be read, or for each entry that leads to no published brief
    (no page is made for it; the rest still are)."""
    path = config.paths.redirects
    shown = Path(relative_to_root(path, config.root))
    try:
        raw = redirects.read_bytes(path)
    except InputError as exc:
        return LoadedRedirects(failures=[Failure(shown, exc.message, exc.line)])
    try:
        entries = redirects.parse(path, raw)
    except InputError as exc:
        # The file's digest all the same: with "", that of no file, a plan kept from a bad file was
        # used once the file was deleted, and its error said on every build after
        return LoadedRedirects(failures=[Failure(shown, exc.message, exc.line)], digest=redirects.digest(raw))
    resolved = redirects.resolve(entries, published)
    failures = [
        Failure(shown, f"{old}: leads to {new}, which is not a published brief; no page is made for it")
        for old, new in resolved.dangling
    ]
    return LoadedRedirects(resolved.pages, failures, redirects.digest(raw))
