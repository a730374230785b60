"""Make Pagefind's bundle byte-identical across builds.

Pagefind 1.5 writes its filter data from Rust HashMaps, whose iteration order is seeded at random
per process: the same site gives ``filter/*.pf_filter`` files with their values in a different order
on every run, so their content-hashed names change, and with them the ``.pf_meta`` file that lists
them and ``pagefind-entry.json`` that names the meta file. Everything else it writes is stable.

This rewrites those three in a canonical form: filter values sorted by name, the filter list sorted
by name, each file renamed by a hash of its new content. Search results are unaffected (the same
values, pages and counts; Pagefind reads them into maps). The files are gzip-compressed CBOR after a
``pagefind_dcd`` signature; the small CBOR codec below covers the types they use, and a file that
does not re-encode to its exact bytes is left alone, so a future format change cannot corrupt the
index (only determinism would suffer, and the tests would say so).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"
GZIP_OS_UNKNOWN = b"\xff"  # byte 9 of a gzip header: the OS that wrote it
ENTRY = "pagefind-entry.json"


class _Unsupported(ValueError):
    """CBOR this codec does not handle."""


def _decode(data: bytes, i: int = 0) -> tuple[Any, int]:
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        value = info
    elif info <= 27:
        size = 1 << (info - 24)
        value = int.from_bytes(data[i : i + size], "big")
        i += size
    else:
        raise _Unsupported(f"CBOR additional info {info}")
    if major == 0:
        return value, i
    if major == 2:
        return bytes(data[i : i + value]), i + value
    if major == 3:
        return data[i : i + value].decode("utf-8"), i + value
    if major == 4:
        items = []
        for _ in range(value):
            item, i = _decode(data, i)
            items.append(item)
        return items, i
    raise _Unsupported(f"CBOR major type {major}")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise _Unsupported(f"integer {value} too large")


def _encode(value: Any) -> bytes:
    if isinstance(value, bool):
        raise _Unsupported("booleans")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    raise _Unsupported(type(value).__name__)


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise _Unsupported(f"{path.name}: no Pagefind signature")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data) or _encode(value) != data[len(SIGNATURE) :]:
        raise _Unsupported(f"{path.name}: does not re-encode exactly")
    return value


def _write(folder: Path, prefix: str, digits: int, suffix: str, value: Any) -> str:
    """Write ``value`` as ``<folder>/<prefix><hash><suffix>``; return ``<prefix><hash>``."""
    data = SIGNATURE + _encode(value)
    name = prefix + hashlib.sha256(data).hexdigest()[:digits]
    # mtime=0: gzip otherwise stamps the time of writing into its header. Its OS byte is the
    # Python's (3, Unix, before 3.13; 255, unknown, since): pinned to Pagefind's own 255, so the
    # site is the same bytes whichever Python builds it (the Pages workflow's and a desk's).
    compressed = gzip.compress(data, compresslevel=9, mtime=0)
    (folder / f"{name}{suffix}").write_bytes(compressed[:9] + GZIP_OS_UNKNOWN + compressed[10:])
    return name


def canonicalize(bundle: Path) -> bool:
    """Rewrite the bundle's filter, meta and entry files canonically; False if left as they were."""
    entry_file = bundle / ENTRY
    try:
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        plans = []
        for language, info in entry["languages"].items():
            meta_file = bundle / f"pagefind.{info['hash']}.pf_meta"
            meta = _read(meta_file)
            filters = meta[3]  # [[filter name, file hash], ...]
            values = {name: _read(bundle / "filter" / f"{digest}.pf_filter") for name, digest in filters}
            plans.append((language, info, meta_file, meta, filters, values))
    except (OSError, KeyError, IndexError, TypeError, ValueError, EOFError, gzip.BadGzipFile):
        return False
    for language, info, meta_file, meta, filters, values in plans:
        renamed = []
        for name, digest in sorted(filters):
            content = values[name]  # [name, [[value, [page, ...]], ...]]
            canonical = [content[0], sorted(content[1], key=lambda pair: pair[0])]
            (bundle / "filter" / f"{digest}.pf_filter").unlink()
            renamed.append([name, _write(bundle / "filter", f"{language}_", 7, ".pf_filter", canonical)])
        meta[3] = renamed
        meta_file.unlink()
        info["hash"] = _write(bundle, f"pagefind.{language}_", 10, ".pf_meta", meta).removeprefix("pagefind.")
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True
