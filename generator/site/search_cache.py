"""Search bundles kept in the build cache by what they are made from (``search.bundle_key``).

A render carries a bundle over from the live site when its key is the last build's. A render with no
live site to carry from (a CI run in a fresh clone with ``.briefing/`` restored, a build after
``rm -rf site``) would run Pagefind on every brief page again: ~11 s of a 10,000-brief render, most
of such a build. So each render keeps the bundles of its site in
``.briefing/cache/search/<name>/``: the bundle's files, hard-linked (no second copy on disk; copied
where links cannot be made), and their digests, so that a later render links a kept bundle into its
staging folder instead of indexing its pages, without reading its files again. The kept files are
the bundle as the site has it (trimmed and made canonical), so a restored bundle is byte for byte
what indexing would write; the name hashes the key with the code's version, since the trimming and
canonical form are the code's. Only the current bundles are kept: the folder holds as much as the
site's own ``pagefind/``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
from pathlib import Path

from generator import cache
from generator.fileio import link_or_copy
from generator.site.search import Bundle, bundle_files

FOLDER = "search"
FILES = "files"  # the bundle's files, in a kept bundle's folder
DIGESTS = "digests"  # a pickle: each file's path in the bundle -> its digest

Digests = dict[str, str]


def _name(key: str) -> str:
    return hashlib.blake2b(f"{key}\0{cache.code_version()}".encode(), digest_size=16).hexdigest()


def restore(root: Path, key: str, target: Path) -> Digests | None:
    """Link the bundle kept for ``key`` into ``target`` (which must not exist) and return its files'
    digests; None if none is kept or it could not be linked (``target`` is then left absent)."""
    kept = cache.cache_dir(root) / FOLDER / _name(key)
    try:
        with (kept / DIGESTS).open("rb") as handle:
            digests = pickle.load(handle)
        if not isinstance(digests, dict):
            return None
        shutil.copytree(kept / FILES, target, copy_function=link_or_copy)
    except (OSError, shutil.Error, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        shutil.rmtree(target, ignore_errors=True)
        return None
    return digests


def keep(root: Path, key: str, source: Path, digests: Digests) -> None:
    """Keep the bundle folder ``source`` as the one for ``key`` (``digests``: its files' digests, by
    path in the folder), unless one is kept already. Written under a temporary name and renamed, so
    a kept bundle is always whole; a cache that cannot be written only costs a later build time."""
    folder = cache.cache_dir(root) / FOLDER
    name = _name(key)
    if (folder / name).is_dir() or not source.is_dir():
        return
    partial = folder / f".{name}.partial"
    try:
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(source, partial / FILES, copy_function=link_or_copy)
        with (partial / DIGESTS).open("wb") as handle:
            pickle.dump(digests, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.rename(partial, folder / name)
    except (OSError, shutil.Error):
        shutil.rmtree(partial, ignore_errors=True)


def keep_only(root: Path, staging: Path, bundles: dict[str, Bundle], files: Digests) -> None:
    """Keep the site's bundles (``bundles``: by key, staged in ``staging``; ``files``: the staged
    site's digests, by path) and no other. A folder that is not there (the search index switched
    off) is not kept."""
    folder = cache.cache_dir(root) / FOLDER
    names = {_name(key): key for key in bundles}
    missing = sorted(key for name, key in names.items() if not (folder / name).is_dir())
    grouped = bundle_files(files) if missing else {}
    for key in missing:
        bundle = bundles[key]
        keep(root, key, staging / bundle.folder, grouped.get(bundle.name, {}))
    with contextlib.suppress(OSError):
        for old in folder.iterdir():
            if old.name not in names:
                shutil.rmtree(old, ignore_errors=True)
