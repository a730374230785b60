"""The planned site of the last full render, kept so that a build where briefs changed only in their
bodies (an analyst's edit, the common case) need not plan the whole site again.

A full render at 10,000 briefs spends ~1.3 s reading every cached parse, building the model and
planning ~10,800 pages before it can tell which three pages an edited paragraph touches. The model
and the pages depend on a brief's body only through its detail's ``body_html``; everything else
(cards, lists, neighbours, months, people) comes from the front matter. So the full render saves
its model and pages here (``render-plan``, with every brief file's stat and hash), and the next
render that finds every changed brief the same but for its body loads them (~0.25 s), sets the new
bodies, and goes on as a full render would: fingerprints pick the pages to render. Anything else
(a brief added, removed, retitled, re-dated, or failing; another config, template or code) finds no
usable snapshot, and the render plans from scratch and saves a new one.

The snapshot is not saved again after a patched render: the next one patches from the same base,
re-reading only the briefs that differ from it (a few files). ``patched`` lists those briefs, so the
render can tell the fingerprinter which pages may differ from the last build's.

It is saved in two entries: ``render-plan-files`` (which brief files it was made from, ~2 MB,
checked first) and ``render-plan`` itself, written by a forked child while the build goes on. Both
carry a random token, and so does the render state of each build that made or used the snapshot: a
snapshot is only ever used by the builds that followed the one that made it, never an older one (an
older one may differ from the last build in more than bodies), never one half written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import cache, heap
from generator.brief_file import parse_brief_bytes
from generator.config import Config
from generator.errors import InputError
from generator.model import Failure
from generator.site.load import normalized
from generator.site.pages import Page
from generator.site.search import Bundle
from generator.site.structure import SiteModel, badges, brief_card, brief_detail

PLAN = "render-plan"
FILES = "render-plan-files"


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
    model: SiteModel
    pages: list[Page]
    sitemap: bytes  # a function of the pages' paths and dates, which a body does not change
    bundles: list[Bundle]  # the search bundles: a function of the briefs' order
    failures: list[Failure]
    drafts: int
    patched: set[str] = field(default_factory=set)  # slugs whose bodies were set from their files

    def tokens(self) -> dict[str, str]:
        """Each published brief's file hash, by slug: what the fingerprints stand in for its detail."""
        return {record.slug: record.sha for record in self.files.values() if record.slug is not None}


def save(config: Config, snapshot: Snapshot) -> None:
    cache.save(config.root, FILES, (snapshot.token, snapshot.salt, snapshot.files))
    cache.save_in_background(config.root, PLAN, replace(snapshot, files={}))


def load(config: Config, token: str, salt: bytes, stats: dict[str, cache.Stat]) -> Snapshot | None:
    """The snapshot ``token`` (the last build's) with the bodies of the briefs in ``stats`` (the
    briefs folder now) set, if that is all that changed since it was made; else None."""
    header = cache.load(config.root, FILES)
    if not isinstance(header, tuple) or header[:2] != (token, salt) or header[2].keys() != stats.keys():
        return None
    files: dict[str, FileRecord] = header[2]
    changed = [name for name, stat in stats.items() if files[name].stat != stat]
    if any(files[name].slug is None for name in changed):
        return None  # a draft or a failing brief changed: it may be published now
    with heap.paused():
        snapshot = cache.load(config.root, PLAN)
    if not isinstance(snapshot, Snapshot) or snapshot.token != token:
        return None  # not written yet, or an older one
    snapshot.files = files
    for name in changed:
        if not _patch(config, snapshot, name):
            return None
    return snapshot


def _patch(config: Config, snapshot: Snapshot, name: str) -> bool:
    """Set the body of the brief in file ``name`` from the file; False if more than its body changed."""
    record = snapshot.files[name]
    try:
        data = Path(name).read_bytes()
    except OSError:
        return False
    sha = cache.sha256(data)
    if sha == record.sha:
        return True  # touched, not changed
    try:
        brief = parse_brief_bytes(data, Path(name), config.site.tz)
    except InputError:
        return False
    if brief.draft or brief.slug != record.slug or not set(brief.pillars) <= config.pillar_by_slug.keys():
        return False
    brief = normalized(brief, config.catch_all.slug)
    before = snapshot.model.details[brief.slug]
    card = brief_card(brief, badges(config))
    after = brief_detail(brief, card, config, before.older, before.newer)
    if replace(after, body_html=before.body_html) != before:
        return False
    # Every page holding this detail holds this very object (pickle keeps sharing), so setting its
    # body here is setting it on the brief's page, its books and its feed items at once. The object
    # is this load's own: nothing else has seen it.
    object.__setattr__(before, "body_html", after.body_html)
    record.sha = sha  # this load's copy of the record: the brief as it is now
    snapshot.patched.add(brief.slug)
    return True
