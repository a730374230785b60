"""What lets a render skip work: cached brief parses, page fingerprints, and the render stamp.

* Briefs: ``render-briefs.NN`` (``cache.Sharded``) map each brief file to (size, mtime_ns, sha256,
  parsed Brief or its error, body HTML), so that a build which read a few briefs anew rewrites a
  few shards, not all 10,000 entries. A file whose stat is unchanged is not read; one whose stat
  changed is read and hashed, and keeps its parse if the bytes hash as before. The parse depends
  on the site's time zone and the code, so those are part of the key.
* Pages: a page's *fingerprint* hashes everything its HTML is a function of (the Page object itself,
  the SiteInfo, the templates' bytes and the code); ``render-state`` maps each output file to
  (fingerprint, digest). A page whose fingerprint is unchanged is not rendered: its file is linked
  from the live site. This is the dependency map from briefs to pages, computed rather than kept: a
  brief's page, its neighbours, its pillar's pages, the home page, its month... all change
  fingerprint exactly when what they show changes.
* The stamp (``generator.inputs``): every input's stat plus the config's and code's hashes.
  Unchanged stamp and the same live site folder: the render has nothing to do and touches nothing.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import functools
import hashlib
import io
import pickle
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from generator import cache
from generator.brief_file import parse_brief_bytes, read_brief
from generator.config import Config
from generator.errors import InputError
from generator.fileio import cannot_read
from generator.inputs import folder_id
from generator.model import Brief
from generator.parallel import map_indices, map_items
from generator.progress import QUIET, Reporter
from generator.site import markdown
from generator.site.structure import BriefCard, BriefDetail
from generator.site.writer import Previous

BRIEFS_CACHE = "render-briefs"
STATE = "render-state"


# --- briefs ---------------------------------------------------------------------------------------

Parsed = Brief | tuple[str, str, int | None]  # a Brief, or an InputError as (file, message, line)


@dataclass
class BriefEntry:
    stat: cache.Stat
    sha: str
    parsed: Parsed
    html: str | None  # the body as HTML, for a parsed brief

    def __getstate__(self) -> dict[str, Any]:
        # Kept without the brief's path, which is the entry's own name: unpickling 10,000 Paths
        # cost ~0.1 s of every build that reads the cache. ``BriefStore.read`` puts it back.
        state = dict(vars(self))
        if isinstance(self.parsed, Brief) and self.parsed.path is not None:
            state["parsed"] = copy.copy(self.parsed)
            state["parsed"].path = None
        return state


def _parse(path_text: str, stat: cache.Stat, tz: ZoneInfo, data: bytes | None = None) -> BriefEntry:
    path = Path(path_text)
    try:
        raw = path.read_bytes() if data is None else data
    except OSError as exc:  # a broken link, a file gone since the scan
        return BriefEntry(stat, "", (path_text, cannot_read(path, exc), None), None)
    try:
        brief = parse_brief_bytes(raw, path, tz)
    except InputError as exc:
        return BriefEntry(stat, cache.sha256(raw), (str(exc.file), exc.message, exc.line), None)
    return BriefEntry(stat, cache.sha256(raw), brief, markdown.render_markdown(brief.body))


class BriefStore:
    """Reads briefs through the cache; ``read`` has ``read_brief``'s signature for ``load_briefs``."""

    def __init__(
        self,
        config: Config,
        stats: dict[str, cache.Stat],
        use_cache: bool = True,
        reporter: Reporter | None = None,
    ) -> None:
        """``reporter`` shows the reading of the briefs not in the cache as a progress bar."""
        self.config = config
        key = (config.site.timezone, cache.code_version())  # what a parse depends on
        self.cached = cache.Sharded(config.root, BRIEFS_CACHE, key, use_cache)
        old: dict[str, BriefEntry] = self.cached.entries
        self.entries: dict[str, BriefEntry] = {}
        stale: list[str] = []
        for name, stat in stats.items():
            entry = old.get(name)
            if entry is not None and entry.stat == stat:
                self.entries[name] = entry
            else:
                stale.append(name)
        self.parsed = len(stale)
        tz = config.site.tz
        with (reporter or Reporter(QUIET)).task("Reading briefs", len(stale)) as advance:
            fresh = map_items(
                lambda name: _reuse_or_parse(name, stats[name], tz, old.get(name)),
                stale,
                done=lambda _: advance(1),
            )
        for name, entry in zip(stale, fresh, strict=True):
            if entry is None:  # touched, not changed: this process's copy of the parse serves
                known = old[name]
                entry = BriefEntry(stats[name], known.sha, known.parsed, known.html)
            self.entries[name] = entry
        for entry in self.entries.values():
            if entry.html is not None and isinstance(entry.parsed, Brief):
                markdown.remember(entry.parsed.body, entry.html)
        self.bodies = _bodies_changed(old, self.entries, stale)

    def read(self, path: Path, tz: ZoneInfo) -> Brief:
        entry = self.entries.get(str(path))
        if entry is None:  # not seen by the scan (appeared since): read it directly
            return read_brief(path, tz)
        if isinstance(entry.parsed, tuple):
            file, message, line = entry.parsed
            raise InputError(Path(file), message, line)
        if entry.parsed.path is None:  # loaded from the cache
            entry.parsed.path = path
        return entry.parsed

    def sha(self, path: Path | str | None) -> str | None:
        entry = self.entries.get(str(path)) if path else None
        return entry.sha if entry else None

    def save(self) -> None:
        self.cached.save(self.entries)


def _bodies_changed(
    old: dict[str, BriefEntry], new: dict[str, BriefEntry], stale: list[str]
) -> set[str] | None:
    """The slugs of the briefs read anew, if each is the same brief as before but for its body (and
    none was added or removed); else None."""
    if old.keys() != new.keys():
        return None
    slugs = set()
    for name in stale:
        before, after = old[name].parsed, new[name].parsed
        if not isinstance(before, Brief) or not isinstance(after, Brief):
            return None
        if dataclasses.replace(before, body="", path=None) != dataclasses.replace(after, body="", path=None):
            return None
        slugs.add(after.slug)
    return slugs


def _reuse_or_parse(name: str, stat: cache.Stat, tz: ZoneInfo, known: BriefEntry | None) -> BriefEntry | None:
    """The brief's entry, or None when its bytes are those of ``known``: a touched file keeps its
    parse (a `git checkout`, a fresh clone with the cache restored, touch every file). None, not the
    entry, so that a worker does not send back a parse its parent already holds: pickling 10,000
    briefs with their HTML through the pool cost ~1.7 s of a fresh clone's build."""
    try:
        data = Path(name).read_bytes()
    except OSError:
        return _parse(name, stat, tz)
    if known is not None and known.sha == cache.sha256(data) and isinstance(known.parsed, Brief):
        return None
    return _parse(name, stat, tz, data)


# --- pages -----------------------------------------------------------------------------------------


class _Fingerprinter(pickle.Pickler):
    """Pickles a page, standing a short token in for each brief detail it holds.

    A detail's token is its brief file's hash (a detail is a function of the file and the config,
    part of every key) with its neighbour links; the slugs of the details met are recorded in
    ``details``: the pages a brief's body shows on. A card stands for itself (a digest of its
    fields, made once per build), so a brief edited where no listing shows it (its body, say)
    changes no listing page. Any other dataclass met more
    than once (a pillar's group with its thousands of slugs, shared by all its pages) is hashed once
    per build and stood in for by its digest: ``shared`` maps ``id()`` to (digest, the details in
    it), the digest "" when met once, while the pages, and so the objects, are alive. Dataclasses are
    pickled as plain tuples of their fields: the default reduction's Python-level calls cost more
    than the rest of the pickling. ``reducer_override`` is only consulted for objects other than
    str, int, tuple and friends: plain values cost nothing extra.
    """

    def __init__(self, file: io.BytesIO, tokens: dict[str, str], memo: _Memo, root: Any) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.tokens = tokens
        self.shared = memo
        self.root = root
        self.details: set[str] = set()

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is BriefCard:
            known = self.shared.get(id(obj))
            if known is None:
                # Digested once per build: a card is shown on ~7 pages (its lists, the archive, the
                # timeline...). Its repr holds every field, its pillars' badges too.
                digest = hashlib.blake2b(repr(obj).encode("utf-8", "surrogatepass"), digest_size=16)
                known = self.shared[id(obj)] = (digest.hexdigest(), frozenset())
            return tuple, (("card", known[0]),)
        if kind is BriefDetail:
            token = self.tokens.get(obj.card.slug)
            if token:
                self.details.add(obj.card.slug)
                older = (obj.older.title, obj.older.url) if obj.older else None
                newer = (obj.newer.title, obj.newer.url) if obj.newer else None
                return tuple, (("detail", obj.card.slug, token, older, newer),)
        if not _is_dataclass(kind):
            return NotImplemented
        if obj is not self.root:
            # Met once: pickled in place, cheaper for the many objects a single page owns. Met again:
            # shared, so hashed once and cited by digest. Either form holds all of the object.
            known = self.shared.get(id(obj))
            if known is None:
                self.shared[id(obj)] = ("", frozenset())
            else:
                if not known[0]:
                    known = self.shared[id(obj)] = _digest(obj, self.tokens, self.shared)
                self.details |= known[1]
                return tuple, (("object", kind.__qualname__, known[0]),)
        # Its fields as a tuple: what the default reduction holds, without its Python-level calls.
        return tuple, ((kind.__qualname__, *vars(obj).values()),)


_Memo = dict[int, tuple[str, frozenset[str]]]
Fingerprint = tuple[str, frozenset[str]]  # a page's digest, and the briefs whose details it shows


@functools.cache
def _is_dataclass(kind: type) -> bool:
    return dataclasses.is_dataclass(kind)


def _digest(obj: Any, tokens: dict[str, str], memo: _Memo, salt: bytes = b"") -> Fingerprint:
    buffer = io.BytesIO()
    pickler = _Fingerprinter(buffer, tokens, memo, obj)
    pickler.dump(obj)
    return hashlib.blake2b(salt + buffer.getvalue(), digest_size=16).hexdigest(), frozenset(pickler.details)


def fingerprint(obj: Any, tokens: dict[str, str], salt: bytes) -> str:
    """One object's fingerprint, as ``fingerprints`` gives a page's (a feed's plan, say)."""
    return _digest(obj, tokens, {}, salt)[0]


def fingerprints(
    pages: Sequence[Any],
    outputs: list[str],
    tokens: dict[str, str],
    salt: bytes,
    last: RenderState | None = None,
    bodies: set[str] | None = None,
) -> list[Fingerprint]:
    """One fingerprint per page (``outputs``: their output files), over the cores; objects shared
    between pages are hashed once (per worker: each has its own copy of the memo).

    ``last``: the last build's state, made with the same salt; ``bodies``: the briefs changed since
    then, if each changed only in its body. A body shows only through its detail, so only the
    pages showing one of those details can have changed; the others keep their fingerprints
    without being pickled again.
    """
    memo: _Memo = {}
    if last is None or bodies is None:
        return map_indices(lambda i: _digest(pages[i], tokens, memo, salt), len(pages))
    result: list[Fingerprint | None] = []
    todo = []
    none: frozenset[str] = frozenset()
    for i, output in enumerate(outputs):
        known, shown = last.pages.get(output), last.details.get(output, none)
        if known is None or not bodies.isdisjoint(shown):
            todo.append(i)
            result.append(None)
        else:
            result.append((known[0], shown))
    fresh = map_indices(lambda k: _digest(pages[todo[k]], tokens, memo, salt), len(todo))
    for i, fingerprint in zip(todo, fresh, strict=True):
        result[i] = fingerprint
    return result  # type: ignore[return-value]


def page_salt(site: Any, templates_stamp: dict[str, cache.Stat], templates: Path, config: Config) -> bytes:
    """What every page depends on besides itself: site info, template bytes, config, code."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(pickle.dumps(site, protocol=pickle.HIGHEST_PROTOCOL))
    for name in sorted(templates_stamp):
        digest.update(name.encode())
        with contextlib.suppress(OSError):
            digest.update(Path(name).read_bytes())
    digest.update(config.path.read_bytes() if config.path.is_file() else b"")
    digest.update(cache.code_version().encode())
    return digest.digest()


# --- the render state ------------------------------------------------------------------------------


@dataclass
class RenderState:
    output_id: tuple[int, int] | None = None  # (st_dev, st_ino) of the live site folder
    files: dict[str, str] = field(default_factory=dict)  # live site: relative path -> digest
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # output -> (fingerprint, digest)
    details: dict[str, frozenset[str]] = field(default_factory=dict)  # output -> the details it shows
    salt: bytes = b""  # page_salt of that build
    plan: str = ""  # the token of the snapshot it made or used (``snapshot``)
    patched: frozenset[str] = frozenset()  # the briefs whose bodies it set on that snapshot
    search: dict[str, str] = field(default_factory=dict)  # search bundle name -> what it was made from
    feeds: dict[str, str] = field(default_factory=dict)  # feed path -> fingerprint of its plan
    previous: Previous | None = None  # the site before the live one, kept to be patched into the next

    @property
    def live(self) -> dict[str, str] | None:
        """The live site's files, if this state still describes the live site; else None."""
        return self.files if self.output_id is not None else None


def load_state(config: Config) -> RenderState | None:
    """The last render's state. When the live site is not the one it describes (deleted, or a fresh
    clone with the cache restored), what it says of that site is dropped (``live`` is None, no
    previous site): its kept plan, fingerprints and keys describe the inputs, not the site, and still
    serve, so such a render need not plan 10,000 briefs again (~1.5 s); every file is written anew."""
    state = cache.load(config.root, STATE)
    if not isinstance(state, RenderState):
        return None
    if state.output_id is None or state.output_id != folder_id(config.paths.output):
        return forget_site(state)
    return state


def forget_site(state: RenderState) -> RenderState:
    """``state`` without what it says of the live site: every file of the next site is written anew."""
    return dataclasses.replace(state, output_id=None, files={}, previous=None)


def forget_files(state: RenderState, changed: Collection[str]) -> RenderState:
    """``state`` not vouching for the live site's ``changed`` files (a name ending in ``/``: the files
    in that folder), someone else's since: they are written anew, the others carried over.

    Their digests become ``""``, which no content has, rather than going: a file edited in place
    is also the kept previous site's (a shared inode), and there, as in the live site once it is
    the previous one, a file the map names is replaced, never written through, and deleted when
    the next site lacks it.
    """
    folders = tuple(name for name in changed if name.endswith("/"))
    names = set(changed)

    def unknown(files: dict[str, str]) -> dict[str, str]:
        return {
            name: "" if name in names or name.startswith(folders) else hashed
            for name, hashed in files.items()
        }

    previous = state.previous
    if previous is not None:
        previous = dataclasses.replace(previous, files=unknown(previous.files))
    return dataclasses.replace(state, files=unknown(state.files), previous=previous)


def save_state(config: Config, state: RenderState) -> None:
    cache.save(config.root, STATE, state)
