"""The planned site of the last full render, kept so that a build where briefs changed only in their
bodies (an analyst's edit, the common case) need not plan the whole site again, nor even load it.

A full render at 10,000 briefs spends ~1.3 s reading every cached parse, building the model and
planning ~10,800 pages before it can tell which three pages an edited paragraph touches. The pages
and feeds depend on a brief's body only through its detail's ``body_html``; everything else (cards,
lists, neighbours, months, people) comes from the front matter. So the full render saves its pages
here, and the next render that finds every changed brief the same but for its body uses them, sets
the new bodies, and goes on as a full render would: fingerprints pick the pages to render. Anything
else (a brief added, removed, retitled, re-dated, or failing; another config, template or code)
finds no usable snapshot, and the render plans from scratch and saves a new one.

Loading all of it (~400,000 objects, 70 MB at 10,000 briefs) took ~0.25 s, a third of an edit. So
the pages are kept in *shards*: a brief's page with the others of its month and that month's
briefing book, the pillars' books together, every other page (lists, which show no body) in one
more. The header (``render-plan``: each page's output file and shard, the feeds, the sitemap, the
search bundles) is loaded, and a shard only when one of its pages is asked for: an edit reads the
header and its brief's month. Each part keeps the brief details it holds in a table beside its
pages (``held_details``), so setting a body reaches every copy of that detail: its page, its books,
its feed items.

The snapshot is not saved again after a patched render: the next one patches from the same base,
re-reading only the briefs that differ from it (a few files). ``patched`` lists those briefs, so the
render can tell the fingerprinter which pages may differ from the last build's. Only the list of
files is saved again when briefs were touched but not changed (a ``git checkout``, a fresh clone):
with their new stats, so that the builds after it do not hash them all again (~0.35 s at 10,000).

It is saved as ``render-plan-files`` (which brief files it was made from, ~2 MB, checked first),
then, by a forked child while the build goes on, the shards (``render-plan.<token>.<n>``) and the
header last. Every part carries a random token, and so does the render state of each build that
made or used the snapshot: a snapshot is only ever used by the builds that followed the one that
made it, never an older one (an older one may differ from the last build in more than bodies),
never one half written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator import cache, heap, redirects
from generator.brief_file import parse_brief_bytes
from generator.config import Config
from generator.errors import BriefingError, InputError
from generator.model import Failure
from generator.site import body_links, urls
from generator.site.feeds import Feed
from generator.site.load import normalized
from generator.site.pages import BookData, BriefData, Page
from generator.site.search import Bundle
from generator.site.structure import BriefDetail, badges, brief_card, brief_detail

PLAN = "render-plan"
FILES = "render-plan-files"
REST = "~"  # the shard of the pages that show no brief's body: sorts after every month


@dataclass
class FileRecord:
    stat: cache.Stat
    sha: str
    slug: str | None  # the brief it published; None for a draft or a failure


def new_token() -> str:
    return os.urandom(8).hex()


@dataclass
class Snapshot:
    token: str  # names this snapshot in the render state
    salt: bytes  # incremental.page_salt of the render that saved it
    files: dict[str, FileRecord]  # every brief file it read
    pages: Sequence[Page]  # a list when planned; ``_Shards`` when loaded
    outputs: list[str]  # each page's output file
    feeds: list[Feed]
    sitemap: bytes  # a function of the pages' paths and dates, which a body does not change
    bundles: list[Bundle]  # the search bundles: a function of the briefs' order
    briefs: int  # published
    failures: list[Failure]
    drafts: int
    patched: set[str] = field(default_factory=set)  # slugs whose bodies were set from their files
    redirects: str = ""  # redirects.digest of the redirects file it was made with
    moved: frozenset[str] = frozenset()  # the old slugs redirects.yaml leads on: a link to one works
    links: dict[str, body_links.Found] = field(default_factory=dict)  # brief file -> its content links
    # A loaded snapshot's list of files to save again, with the new stats of briefs touched but not
    # changed (``save_files``); None when none was.
    refreshed: dict[str, FileRecord] | None = None

    def tokens(self) -> dict[str, str]:
        """Each published brief's file hash, by slug: what the fingerprints stand in for its detail."""
        return {record.slug: record.sha for record in self.files.values() if record.slug is not None}


class StaleSnapshot(BriefingError):
    """A shard of the kept plan went missing or was replaced during the build."""


class _Shards(Sequence[Page]):
    """The pages of a loaded snapshot, each shard unpickled when one of its pages is first asked for."""

    def __init__(self, shard_of: list[int]) -> None:
        self.shard_of = shard_of
        self.root = Path()
        self.token = ""
        self.loaded: dict[int, dict[int, Page]] = {}
        self.tables: list[list[BriefDetail]] = []  # the details of every part loaded
        self.bodies: dict[str, str] = {}  # slug -> body set since the snapshot was made

    def __getstate__(self) -> dict[str, Any]:
        return {"shard_of": self.shard_of}

    def __setstate__(self, state: dict[str, Any]) -> None:
        _Shards.__init__(self, state["shard_of"])

    def __len__(self) -> int:
        return len(self.shard_of)

    def __getitem__(self, index: int) -> Page:  # type: ignore[override]
        return self._shard(self.shard_of[index])[index]

    def load(self, indices: Iterable[int]) -> None:
        """Unpickle the shards holding these pages now (see ``preload``)."""
        for number in sorted({self.shard_of[index] for index in indices}):
            self._shard(number)

    def _shard(self, number: int) -> dict[int, Page]:
        shard = self.loaded.get(number)
        if shard is None:
            with heap.paused():
                part = _load_part(self.root, _shard_name(self.token, number), self.token)
            if part is None:
                folder = cache.cache_dir(self.root)
                raise StaleSnapshot(f"{folder}: the kept plan changed during the build")
            shard, table = part
            self.add_table(table)
            self.loaded[number] = shard
        return shard

    def add_table(self, table: list[BriefDetail]) -> None:
        self.tables.append(table)
        for detail in table:
            body = self.bodies.get(detail.card.slug)
            if body is not None:
                _set_body(detail, body)

    def set_body(self, slug: str, body: str) -> None:
        self.bodies[slug] = body
        for table in self.tables:
            for detail in table:
                if detail.card.slug == slug:
                    _set_body(detail, body)


def preload(pages: Sequence[Page], indices: Iterable[int]) -> None:
    """Load the pages ``indices`` of a loaded snapshot's now, before workers fork: each of their
    shards is then unpickled once and shared, rather than once in each worker that renders one of
    its pages (a fresh clone's render: ~1 s of CPU). A planned list holds every page already."""
    if isinstance(pages, _Shards):
        pages.load(indices)


def _set_body(detail: BriefDetail, body: str) -> None:
    # Every page of a part holding this detail holds this very object (pickle keeps sharing), so
    # setting its body here sets it on the brief's page, its books and its feed items at once.
    object.__setattr__(detail, "body_html", body)


def _shard_key(page: Page) -> str:
    data = page.data
    if isinstance(data, BriefData):
        return data.brief.date.strftime("%Y-%m")
    if isinstance(data, BookData):
        return data.book.key if data.book.kind == "month" else "books"
    return REST


def _shard_name(token: str, number: int) -> str:
    return f"{PLAN}.{token}.{number}"


def held_details(pages: Iterable[Page], feeds: Iterable[Feed] = ()) -> list[BriefDetail]:
    """Every brief detail the pages and feeds hold: a brief's page its own, a book its entries'."""
    found: dict[int, BriefDetail] = {}
    for page in pages:
        if isinstance(page.data, BriefData):
            found[id(page.data.brief)] = page.data.brief
        elif isinstance(page.data, BookData):
            found.update((id(entry.brief), entry.brief) for entry in page.data.book.entries)
    for feed in feeds:
        found.update((id(detail), detail) for detail in feed.briefs)
    return list(found.values())


def _load_part(root: Path, name: str, token: str) -> tuple[Any, list[BriefDetail]] | None:
    """A part saved as (token, the details it holds, its pages or header): one pickle, so the
    table's details are the very objects its pages and feeds hold."""
    stored = cache.load(root, name)
    if not isinstance(stored, tuple) or len(stored) != 3 or stored[0] != token:
        return None
    _, table, value = stored
    return value, table


def save(config: Config, snapshot: Snapshot) -> None:
    _save_files(config, snapshot, snapshot.files)
    cache.in_background(config.root, lambda: _write(config.root, snapshot))


def save_files(config: Config, snapshot: Snapshot) -> None:
    """Save a loaded snapshot's list of files again if briefs were touched since it was made."""
    if snapshot.refreshed is not None:
        _save_files(config, snapshot, snapshot.refreshed)


def _save_files(config: Config, snapshot: Snapshot, files: dict[str, FileRecord]) -> None:
    cache.save(config.root, FILES, (snapshot.token, snapshot.salt, files, snapshot.redirects))


def _write(root: Path, snapshot: Snapshot) -> None:
    """The shards, then the header (which names them), then no other snapshot's shards."""
    groups: dict[str, dict[int, Page]] = {}
    for index, page in enumerate(snapshot.pages):
        groups.setdefault(_shard_key(page), {})[index] = page
    shard_of = [0] * len(snapshot.pages)
    for number, key in enumerate(sorted(groups)):
        for index in groups[key]:
            shard_of[index] = number
        shard = groups[key]
        cache.save(
            root,
            _shard_name(snapshot.token, number),
            (snapshot.token, held_details(shard.values()), shard),
        )
    header = replace(snapshot, files={}, pages=_Shards(shard_of))
    cache.save(root, PLAN, (snapshot.token, held_details((), snapshot.feeds), header))
    for path in cache.cache_dir(root).glob(f"{PLAN}.*"):
        if not path.name.startswith(f"{PLAN}.{snapshot.token}."):
            path.unlink(missing_ok=True)


def load(config: Config, token: str, salt: bytes, stats: dict[str, cache.Stat]) -> Snapshot | None:
    """The snapshot ``token`` (the last build's) with the bodies of the briefs in ``stats`` (the
    briefs folder now) set, if that is all that changed since it was made; else None."""
    header = cache.load(config.root, FILES)
    if not isinstance(header, tuple) or header[:2] != (token, salt) or header[2].keys() != stats.keys():
        return None
    try:
        moved = redirects.digest(redirects.read_bytes(config.paths.redirects))
    except InputError:
        return None  # the plan reports it
    if header[3:4] != (moved,):
        return None  # old addresses come and go with the file, not with the briefs
    files: dict[str, FileRecord] = header[2]
    restat = {name: files[name].sha for name, stat in stats.items() if files[name].stat != stat}
    touched = {name: replace(files[name], stat=stats[name]) for name in cache.still_held(restat)}
    changed = [name for name in restat if name not in touched]
    if any(files[name].slug is None for name in changed):
        return None  # a draft or a failing brief changed: it may be published now
    with heap.paused():
        part = _load_part(config.root, PLAN, token)
    if part is None or not isinstance(part[0], Snapshot) or not isinstance(part[0].pages, _Shards):
        return None  # not written yet, or an older one
    snapshot, table = part
    shards = snapshot.pages
    folder = cache.cache_dir(config.root)
    if not all((folder / _shard_name(token, n)).is_file() for n in set(shards.shard_of)):
        return None
    shards.root, shards.token = config.root, token
    shards.add_table(table)
    snapshot.files = dict(files)  # this load's records: the briefs as they are now
    try:
        if not all(_patch(config, snapshot, shards, name) for name in changed):
            return None
    except StaleSnapshot:
        return None
    if touched:
        snapshot.refreshed = files | touched  # a patched brief keeps its record: its shard is unchanged
    return snapshot


def _patch(config: Config, snapshot: Snapshot, shards: _Shards, name: str) -> bool:
    """Set the body of the brief in file ``name`` (changed since the snapshot) from the file; False
    if more than its body changed."""
    record = snapshot.files[name]
    try:
        data = Path(name).read_bytes()
    except OSError:
        return False
    try:
        brief = parse_brief_bytes(data, Path(name), config.site.tz)
    except InputError:
        return False
    if brief.draft or brief.slug != record.slug or not set(brief.pillars) <= config.pillar_by_slug.keys():
        return False
    brief = normalized(brief, config.catch_all.slug)
    try:
        page = shards[snapshot.outputs.index(urls.output_file(urls.brief(brief.slug)))]
    except ValueError:
        return False
    if not isinstance(page.data, BriefData):
        return False
    before = page.data.brief
    card = brief_card(brief, badges(config))
    after = brief_detail(brief, card, config, before.older, before.newer)
    if replace(after, body_html=before.body_html) != before:
        return False
    shards.set_body(brief.slug, after.body_html)
    snapshot.links.pop(name, None)
    if found := body_links.found_in(brief, config):
        snapshot.links[name] = found
    snapshot.files[name] = replace(record, sha=cache.sha256(data))
    snapshot.patched.add(brief.slug)
    return True
