"""The build cache under ``.briefing/cache/`` beside the config: safe to delete at any time.

Standard library only, so ``briefing build`` can tell that nothing changed before it imports the
heavy render and ingest modules (they take ~0.3 s to import). Every entry is a pickle written
atomically; an entry that cannot be read (missing, truncated, an older format) is simply a miss.

Keys are content hashes. Each stage also keeps a *stamp*: the (size, mtime_ns) of every input file,
the hash of the config, the templates and the code. When the stamp is unchanged the stage has
nothing to do; when it changed, only files whose stat changed are read again, and a file whose
bytes hash as before keeps its cached result.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import zlib
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.parallel import map_items

FORMAT = 6  # bump when what the cache stores changes shape
CACHE_DIR = Path(".briefing") / "cache"
CODE_ROOT = Path(__file__).resolve().parent

Stat = tuple[int, int]  # (size, mtime_ns)
UNKNOWN: Stat = (-2, -2)  # a file found that cannot be stat-ed (a broken link): no file has it


def cache_dir(root: Path) -> Path:
    return root / CACHE_DIR


def load(root: Path, name: str) -> Any | None:
    try:
        with (cache_dir(root) / name).open("rb") as handle:
            format_, value = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None
    return value if format_ == FORMAT else None


def save(root: Path, name: str, value: Any) -> None:
    # Streamed to a temporary file and renamed: no second copy of a large entry in memory, and a
    # reader never sees half of one. A cache that cannot be written only costs time next build.
    folder = cache_dir(root)
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((FORMAT, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, folder / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


_SAVERS: list[int] = []  # forked children still writing an entry


SHARDS = 32


class Sharded:
    """A large map of input file -> cached result (10,000 articles, 10,000 briefs), kept in
    ``SHARDS`` entries ``<name>.NN`` by a hash of the file's name: a build that read a few files
    anew rewrites a few shards, not every result (~0.15 s for 10,000 articles). ``key`` (what the
    results depend on: settings, code) must match for a shard to be used."""

    def __init__(self, root: Path, name: str, key: Any, use: bool = True) -> None:
        self.root, self.name, self.key = root, name, key
        self.entries: dict[str, Any] = {}  # as loaded
        self._unread: set[int] = set()
        for shard in range(SHARDS):
            stored = load(root, self._entry(shard)) if use else None
            if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
                self.entries.update(stored[1])
            else:
                self._unread.add(shard)

    def save(self, entries: dict[str, Any]) -> None:
        """Keep ``entries``: the shards where one is new, gone, or not the very object loaded."""
        loaded = self.entries
        dirty = set(self._unread)
        dirty.update(_shard(name) for name, entry in entries.items() if loaded.get(name) is not entry)
        dirty.update(_shard(name) for name in loaded.keys() - entries.keys())
        shards: dict[int, dict[str, Any]] = {shard: {} for shard in dirty}
        for name, entry in entries.items():
            shard = shards.get(_shard(name))
            if shard is not None:
                shard[name] = entry
        for number, part in sorted(shards.items()):
            save(self.root, self._entry(number), (self.key, part))
        self.entries, self._unread = dict(entries), set()

    def _entry(self, shard: int) -> str:
        return f"{self.name}.{shard:02d}"


def _shard(name: str) -> int:
    return zlib.crc32(name.encode("utf-8", "surrogateescape")) % SHARDS


def in_background(root: Path, write: Callable[[], None]) -> None:
    """``write`` (entries to ``save``), done by a forked child while the build goes on: a large entry
    (the render's plan, ~70 MB at 10,000 briefs) costs ~0.5 s to pickle and write. Readers must tell
    an entry that is not written yet, or an older one, from the one they expect (a token in both).
    While it writes, ``.background-<pid>.tmp`` in the cache says so (the benchmark waits for it)."""
    wait_for_background(block=False)  # reap those done: a long-lived process (serve) keeps no zombies
    try:
        pid = os.fork()
    except (AttributeError, OSError):  # no fork here, or no room for a process: save in place
        write()
        return
    if pid == 0:  # the child: write, then leave at once (no cleanup of the parent's state)
        marker = cache_dir(root) / f".background-{os.getpid()}.tmp"
        try:
            with contextlib.suppress(OSError):
                marker.touch()
            write()
        finally:
            with contextlib.suppress(OSError):
                marker.unlink()
            os._exit(0)
    _SAVERS.append(pid)


def wait_for_background(block: bool = True) -> None:
    """Wait for this process's background saves to end (``block=False``: reap those already done)."""
    for pid in list(_SAVERS):
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, 0 if block else os.WNOHANG)[0] == 0:
                continue
        _SAVERS.remove(pid)


def folder(root: Path, name: str) -> Path | None:
    """A folder in the cache for a library's own cache files; None if it cannot be made."""
    path = cache_dir(root) / name
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def holds(path: Path | str, sha: str) -> bool:
    """Whether the file still holds the bytes whose ``sha256`` is ``sha`` (a file only touched since:
    a checkout, a fresh clone); False when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return sha256(handle.read()) == sha
    except OSError:
        return False


def still_held(shas: dict[str, str]) -> set[str]:
    """Of the files given with the ``sha256`` recorded for each, those that still hold those bytes
    (``holds``), hashed over the cores: a checkout touches every file."""
    names = list(shas)
    held = map_items(lambda name: holds(name, shas[name]), names)
    return {name for name, same in zip(names, held, strict=True) if same}


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the generator's own source: a new version of briefing invalidates every entry."""
    digest = hashlib.sha256()
    for path in sorted(CODE_ROOT.rglob("*.py")):
        digest.update(path.relative_to(CODE_ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def stat_files(paths: Iterable[Path | str], folder: str = "") -> dict[str, Stat]:
    """name -> (size, mtime_ns) of each file that still exists; ``folder``: what the names are
    relative to, with its trailing separator (none: they are paths)."""
    found: dict[str, Stat] = {}
    for path in paths:
        name = str(path)
        try:
            st = os.stat(folder + name)
        except OSError:
            continue
        found[name] = (st.st_size, st.st_mtime_ns)
    return found


def scan_folder(
    folder: Path,
    suffixes: tuple[str, ...],
    recursive: bool,
    others: list[str] | None = None,
    pages: bool = False,
    inside: list[str] | None = None,
) -> dict[str, Stat]:
    """path -> (size, mtime_ns) of the files in ``folder`` ending in ``suffixes`` (lower-cased).

    ``recursive``: and in every folder below, links to folders included (a desk links in its
    scraper's folder), each folder once, so that a link back up cannot loop; a folder reached by
    two paths is named by the one a walk in name order meets first. A file that cannot be stat-ed (a
    broken link; when ``recursive``, whatever its name, as it may have led to a folder) is
    ``UNKNOWN``, so that reading it names the problem rather than leaving it out without a word.
    ``others``: where to add the paths of the other files, dot-files aside.
    ``pages``: the folder a browser saves beside a page (``Story_files`` for ``Story.html``) holds
    its images, scripts and frames (pages of ads and embeds), not articles: it is not walked.
    ``inside``: where to add the paths of the folders in ``folder``, when not ``recursive``.
    """
    found: dict[str, Stat] = {}
    try:
        seen = {identity(os.stat(folder))}
    except OSError:
        return found
    folders = [str(folder)]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        below = []
        for entry in entries:
            if entry.is_dir():
                below.append(entry)
                continue
            if entry.name.lower().endswith(suffixes):
                try:
                    st = entry.stat()
                except OSError:
                    found[entry.path] = UNKNOWN
                    continue
                found[entry.path] = (st.st_size, st.st_mtime_ns)
            elif recursive and entry.is_symlink() and not os.path.exists(entry.path):
                found[entry.path] = UNKNOWN  # a broken link, maybe to a folder of articles
            elif others is not None and not entry.name.startswith("."):
                others.append(entry.path)
        if inside is not None and not recursive:
            inside += (entry.path for entry in below)
        new = []
        for entry in sorted(below, key=lambda e: e.name) if recursive else ():
            if pages and _saved_with_a_page(entry.path):
                continue
            try:
                which = identity(entry.stat())
            except OSError:
                continue
            if which not in seen:
                seen.add(which)
                new.append(entry.path)
        folders += reversed(new)  # the stack gives them back in name order
    return found


def _saved_with_a_page(folder: str) -> bool:
    page = folder.removesuffix("_files")
    return page != folder and any(os.path.isfile(page + end) for end in (".html", ".htm", ".HTML", ".HTM"))


def identity(st: os.stat_result) -> tuple[int, int]:
    """(st_dev, st_ino): which file or folder it is, whatever it holds."""
    return (st.st_dev, st.st_ino)


def tree_stamp(folder: Path) -> dict[str, Stat]:
    """Every file under ``folder`` (templates): a new, removed or touched file changes the stamp."""
    return scan_folder(folder, ("",), recursive=True)
