"""Full-text search with Pagefind, in bundles that are re-indexed only when one of their briefs changed.

Pagefind (PyPI ``pagefind[bin]`` ships the binary, so nothing is downloaded at build time) has no
incremental mode: it indexes every page it is given, ~1.5 ms and ~200 KB of memory per brief page.
One index over 10,000 briefs took 15 s and 2 GB on every build that touched a single brief. So the
briefs are split into *bundles* of ~``bundle_mean(n)`` (oldest first), each its own Pagefind index under
``pagefind/<name>/``; the search page loads the newest as Pagefind's primary index and merges the
others (``mergeIndex``, which shares the primary's WebAssembly). A build re-indexes only the bundles
whose brief pages changed, several at once (one Pagefind process per core).

Bundle boundaries are *content-defined*: a brief closes its bundle when a hash of its slug says so,
like rsync's rolling chunks. Adding, editing or deleting a brief therefore changes only its own
bundle (now and then its neighbour too), and the split depends on the current briefs alone, so an
incremental build indexes exactly what a clean build does. A bundle holds at least half the mean
before a brief may close it: without that floor the sizes spread geometrically (a mean of 400 gave
12 to 1,500 briefs at 10,000), and an edited brief, likelier to sit in a large bundle, re-indexed
~700 pages on average; with it, ~400. A bundle is named by a hash of its oldest brief's slug, which
does not move when newer briefs join it.

The mean grows with the square root of the site, in powers of two: a writer re-indexes one bundle
(~``mean`` pages) per edit, a reader's search loads every bundle (~``n / mean``), and the square root
keeps both small: 1,000 briefs, 64 per bundle (the floor), 16 bundles; 10,000, 128 and ~78; 100,000,
512 and ~195. An edited brief sits in a bundle of ~1.25 times the mean on average (larger bundles
hold more briefs), ~160 pages at 10,000, which Pagefind indexes in ~0.25 s: with twice the scale
that was ~0.5 s, the largest part of an edit. A reader's first search fetches each bundle's entry
and metadata files (~3 KB), then one index chunk per bundle for each word. The powers of two keep
the split stable: the mean moves only when the site doubles, and then every bundle is re-indexed
once.

Each Pagefind run sees only its bundle's brief pages, hard-linked into a scratch folder; their
``<article data-pagefind-body>`` is what gets indexed, with the pillar and year filters from the
markup. ``pagefind_canon`` makes each bundle byte-identical across runs (see there). Pagefind's own
UI files are deleted: the search page has its own script (``assets/search.js``). Its runtime (script,
worker, WebAssembly) is kept in the newest bundle only, which the search page loads it from.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import BriefingError
from generator.fileio import link_or_copy
from generator.parallel import workers
from generator.site import urls
from generator.site.pagefind_canon import ENTRY, canonicalize

if TYPE_CHECKING:
    from generator.site.structure import SiteModel

BUNDLE_SCALE = 1.25  # the mean is this times the square root of the briefs, rounded up to a power of two
MIN_BUNDLE_MEAN = 64  # below this a bundle re-indexes in ~0.1 s anyway; fewer files for readers
TIMEOUT = 600  # seconds for one bundle
SCRATCH = ".search-scratch"  # inside the staging folder, so a killed build's leftovers go with it
# Pagefind's ready-made interfaces; the search page does not use them.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")  # fmt: skip
# Pagefind's runtime, with its WebAssembly (wasm.<language>.pagefind): loaded from the primary only.
RUNTIME = ("pagefind.js", "pagefind-worker.js")


class SearchError(BriefingError):
    """The search index could not be built."""


@dataclass(frozen=True)
class Bundle:
    name: str  # its folder under pagefind/
    pages: tuple[str, ...]  # the brief pages it indexes (site-relative files), oldest first

    @property
    def folder(self) -> str:
        return f"{urls.SEARCH_INDEX}{self.name}/"


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def plan_bundles(slugs: Sequence[str], mean: int) -> list[Bundle]:
    """Split briefs (slugs, oldest first) into bundles; newest bundle last."""
    bundles: list[Bundle] = []
    members: list[str] = []
    floor, divisor = max(1, mean // 2), max(1, mean - mean // 2)  # sizes: floor + ~divisor on average
    for slug in slugs:
        members.append(slug)
        if len(members) >= floor and _hash(slug) % divisor == 0:
            bundles.append(_bundle(members))
            members = []
    if members:
        bundles.append(_bundle(members))
    return bundles


def bundle_mean(count: int) -> int:
    """Briefs per bundle on average for a site of ``count`` briefs (see the module's notes)."""
    return max(MIN_BUNDLE_MEAN, 2 ** math.ceil(math.log2(BUNDLE_SCALE * math.sqrt(max(count, 1)))))


def search_bundles(model: SiteModel) -> list[Bundle]:
    """The site's bundles: its published briefs, oldest first (``model.slugs`` is newest first)."""
    return plan_bundles(model.slugs[::-1], bundle_mean(len(model.slugs)))


def load_order(bundles: Sequence[Bundle]) -> list[Bundle]:
    """The bundles (``search_bundles``: oldest first) as the search page loads them: the first is
    the primary index, which alone keeps Pagefind's runtime and merges the others."""
    return list(reversed(bundles))


def _bundle(slugs: list[str]) -> Bundle:
    name = f"{_hash(slugs[0]):016x}"[:12]
    return Bundle(name, tuple(urls.brief(slug) + "index.html" for slug in slugs))


def bundle_key(bundle: Bundle, digests: dict[str, str], language: str, primary: bool) -> str:
    """What a bundle's index is made from: its pages' bytes (by digest), the language, Pagefind's
    binary, and whether it is the primary (the newest, which alone keeps Pagefind's runtime)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{_pagefind_identity()}\0{language}\0{bundle.name}\0{primary}\0".encode())
    for page in bundle.pages:
        digest.update(f"{page}\0{digests.get(page, '')}\0".encode())
    return digest.hexdigest()


def bundle_files(files: dict[str, str]) -> dict[str, dict[str, str]]:
    """The search index's files of a site (``files``: site path -> digest) by bundle name, each
    bundle's by path in its folder."""
    found: dict[str, dict[str, str]] = {}
    for relative, hashed in files.items():
        if relative.startswith(urls.SEARCH_INDEX):
            name, _, inside = relative[len(urls.SEARCH_INDEX) :].partition("/")
            found.setdefault(name, {})[inside] = hashed
    return found


# A Pagefind process, when it started, and the core it is pinned to (None: any).
Running = tuple[Bundle, "subprocess.Popen[str]", float, int | None]


def pagefind_executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchError("the Pagefind binary is not installed (pip install 'pagefind[bin]')") from None
    try:
        return get_executable()
    except FileNotFoundError as exc:
        raise SearchError(f"the Pagefind binary is missing: {exc}") from None


@lru_cache(maxsize=1)
def _pagefind_identity() -> str:
    """Which Pagefind indexes: its binary's size and modification time, which any other version or
    build of it changes (reading the package's metadata costs ~25 ms of every build)."""
    try:
        stat = pagefind_executable().stat()
    except (SearchError, OSError):
        return "missing"  # only a cache key: a build that must run Pagefind says what is wrong
    return f"{stat.st_size}:{stat.st_mtime_ns}"


class Indexing:
    """Pagefind over some bundles, one process per core: started when made, so the render goes on
    with its other pages while Pagefind works; ``finish`` waits for the rest."""

    def __init__(
        self,
        staging: Path,
        bundles: Sequence[Bundle],
        language: str,
        output: Path | None = None,
        warn: Callable[[str], None] | None = None,
        discard: Callable[[Path], None] | None = None,
        primary: str | None = None,
    ) -> None:
        """``output`` is the live site: bundle files identical to its files take their modification
        times, like the renderer's own unchanged files. ``warn`` hears about a bundle that could not
        be made deterministic (search still works). ``discard`` takes away a scratch folder or a
        file trimmed from a bundle (default: deletes it). ``primary``: the bundle the search page
        loads Pagefind's runtime from; the others are merged into it (``mergeIndex`` shares its
        WebAssembly) and keep no runtime of their own (~230 KB each, ~78 bundles at 10,000
        briefs). None: every bundle keeps its own."""
        self.staging, self.language, self.output, self.warn = staging, language, output, warn
        self.primary = primary
        self.discard = discard or _delete
        self.scratch = staging / SCRATCH
        self.waiting = list(bundles)
        self.running: list[Running] = []
        # More bundles than one round of processes: Pagefind has the cores to itself (a cold
        # render's, after its pages), and each process pinned to a core of its own takes ~20% less
        # time than processes whose threads all share every core. A round alone runs beside the
        # render's own workers, and one process pinned took longer (0.15 s against 0.11 s).
        self.cores = _cores() if len(self.waiting) > workers() else []
        self.changed = 0
        try:
            self._launch()
        except BaseException:
            self.cancel()
            raise

    def _launch(self) -> None:
        while self.waiting and len(self.running) < workers():
            bundle = self.waiting.pop(0)
            taken = {core for _, _, _, core in self.running}
            core = next((c for c in self.cores if c not in taken), None)
            with _pinned(core):  # the process, its threads too, inherits this thread's cores
                process = _start(self.staging, self.scratch, bundle, self.language)
            self.running.append((bundle, process, time.monotonic(), core))

    def finish(self, done: Callable[[Bundle], None] | None = None) -> int:
        """Wait for every bundle to be indexed (``done(bundle)`` as each is); return how many files
        are new or changed."""
        try:
            while self.running:
                _reap(self.running)
                ended = [b for b, p, _, _ in self.running if p.returncode is not None]
                self.running = [r for r in self.running if r[1].returncode is None]
                self._launch()  # first: the cores index the next bundles while these are finished
                for bundle in ended:
                    self.discard(self.scratch / bundle.name)
                    runtime = self.primary is None or bundle.name == self.primary
                    self.changed += _finish(
                        self.staging, bundle, runtime, self.output, self.warn, self.discard
                    )
                    if done is not None:
                        done(bundle)
        finally:
            self.cancel()
        return self.changed

    def cancel(self) -> None:
        """Stop whatever still runs and remove the scratch folder (after ``finish``: only the latter)."""
        for _, process, _, _ in self.running:
            process.kill()
            process.wait()
        self.running, self.waiting = [], []
        self.discard(self.scratch)


def _cores() -> list[int]:
    """The cores this process may run on, to pin Pagefind processes to; none where that is unknown."""
    try:
        return sorted(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return []


@contextmanager
def _pinned(core: int | None) -> Iterator[None]:
    """This thread confined to ``core`` (None: left as it is), so that a process started meanwhile
    inherits it: no ``preexec_fn``, which is unsafe while the build has other threads."""
    before = os.sched_getaffinity(0) if core is not None else set()  # None: any platform, no call
    try:
        if core is not None:
            os.sched_setaffinity(0, {core})
    except OSError:  # a sandbox that refuses it: the process runs unpinned, only slower
        core = None
    try:
        yield
    finally:
        if core is not None:
            os.sched_setaffinity(0, before)


def _delete(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


# Start indexing each bundle's brief pages (already in ``staging``) into ``staging/pagefind/<name>/``:
# the render's seam, which ``no_index`` replaces.
start_bundles = Indexing


def no_index(staging: Path, bundles: Sequence[Bundle], *args: object, **kwargs: object) -> Indexing:
    """``start_bundles`` with the search index switched off (``bench/run.py --without-search``, tests)."""
    return Indexing(staging, [], "")


def build_bundles(staging: Path, bundles: Sequence[Bundle], language: str) -> int:
    """Index the bundles and wait: ``Indexing(...).finish()``."""
    return Indexing(staging, bundles, language).finish()


def _start(staging: Path, scratch: Path, bundle: Bundle, language: str) -> subprocess.Popen[str]:
    site = scratch / bundle.name
    for page in bundle.pages:
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(staging / page, site / page)  # a scratch copy where links cannot be made
    target = staging / bundle.folder
    shutil.rmtree(target, ignore_errors=True)
    command = [
        str(pagefind_executable()),
        "--site", str(site),
        "--output-path", str(target),
        # One index for the whole site in its declared language, whatever each page's lang says.
        "--force-language", language.split("-")[0].lower(),
        "--silent",
    ]  # fmt: skip
    try:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    except OSError as exc:
        raise SearchError(f"Pagefind could not be started: {exc}") from None


def _reap(running: list[Running]) -> None:
    """Wait until at least one process has ended; raise on a failure or a time-out."""
    while all(p.poll() is None for _, p, _, _ in running):
        for bundle, _, started, _ in running:
            if time.monotonic() - started > TIMEOUT:
                raise SearchError(f"Pagefind took over {TIMEOUT} s on search bundle {bundle.name}")
        time.sleep(0.005)
    for bundle, process, _, _ in running:
        if process.returncode not in (None, 0):
            detail = (process.stdout.read() if process.stdout else "").strip()[-2000:]
            status = process.returncode
            raise SearchError(f"Pagefind failed on search bundle {bundle.name} (status {status}): {detail}")


def _finish(
    staging: Path,
    bundle: Bundle,
    runtime: bool,
    output: Path | None,
    warn: Callable[[str], None] | None,
    discard: Callable[[Path], None],
) -> int:
    """Trim the bundle Pagefind wrote to what the site loads and make it canonical; returns how many
    of its files are new or changed. What is trimmed goes to ``discard`` (the build's trash): on
    ext4 without a journal, as here, every file created in the minute after a file is deleted
    skips the freed inode numbers one by one, and the ~11 files trimmed from each of ~80 bundles,
    deleted at once, cost the rest of a cold render ~1 s of kernel time (``perf``: recently_deleted)."""
    folder = staging / bundle.folder
    wanted = _wasm_used(folder) if runtime else set()
    unused = [*UNUSED, *(() if runtime else RUNTIME)]
    unused += [wasm.name for wasm in sorted(folder.glob("wasm.*.pagefind")) if wasm.name not in wanted]
    for name in unused:
        discard(folder / name)
    if not canonicalize(folder) and warn:
        warn(
            "the search index is not in the format this version of briefing knows, so rebuilds may not be "
            "byte-identical; install the pagefind version pyproject.toml asks for"
        )
    written = sorted(p for p in folder.rglob("*") if p.is_file())
    if output is None:
        return len(written)
    return len(written) - _keep_unchanged_times(staging, output, written)


def _wasm_used(folder: Path) -> set[str]:
    """The WebAssembly files the bundle's entry names (each language's, "unknown" when it has no
    stemmer); all of them when the entry cannot be read."""
    try:
        languages = json.loads((folder / ENTRY).read_text(encoding="utf-8"))["languages"]
        return {f"wasm.{info.get('wasm') or 'unknown'}.pagefind" for info in languages.values()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {wasm.name for wasm in folder.glob("wasm.*.pagefind")}


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
