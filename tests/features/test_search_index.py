"""The search index (Pagefind, in bundles): brief pages only, filters by pillar and year, byte-identical
rebuilds, and a brief edit re-indexes only its own bundle."""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from render.helpers import BRIEFS, Built, make_config, quiet, select

from generator.check import check_site
from generator.progress import VERBOSE, Reporter
from generator.site import render_site, search
from generator.site.pagefind_canon import canonicalize
from generator.site.search import SCRATCH, Bundle, build_bundles, plan_bundles


def _bundle_digest(bundle: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(p for p in bundle.rglob("*") if p.is_file()):
        digest.update(file.relative_to(bundle).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def test_only_brief_pages_are_marked_for_indexing(site: Built) -> None:
    for page in site.html_files():
        relative = page.relative_to(site.root).as_posix()
        marked = select(site.html(relative), "[data-pagefind-body]")
        assert len(marked) == (1 if relative.startswith("briefs/") else 0), relative


def test_brief_pages_carry_pillar_and_year_filters(site: Built) -> None:
    doc = site.html("briefs/lemoa-refuelling/index.html")
    pillars = [e.text_content() for e in select(doc, '[data-pagefind-filter="pillar"]')]
    assert pillars and pillars[0] == "Logistics"
    assert select(doc, '[data-pagefind-filter="year:2024"]')


def _bundles(site: Built) -> list[Path]:
    """The bundle folders the search page loads, newest first."""
    listed = select(site.html("search/index.html"), "#search")[0].get("data-bundles").split()
    return [(site.root / "search" / relative).resolve() for relative in listed]


def test_the_index_holds_every_brief_and_nothing_else(site: Built) -> None:
    bundles = _bundles(site)
    assert bundles and all(b.parent == site.root / "pagefind" for b in bundles)
    assert sorted(b.name for b in bundles) == sorted(p.name for p in (site.root / "pagefind").iterdir())
    pages = 0
    for bundle in bundles:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        pages += sum(lang["page_count"] for lang in entry["languages"].values())
        assert not (bundle / "pagefind-ui.js").exists()  # the search page has its own interface
    assert pages == len(list((site.root / "briefs").glob("*/index.html")))


def test_only_the_newest_bundle_keeps_the_runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The search page imports Pagefind from the newest bundle and merges the others into it, whose
    # WebAssembly it shares (the browser tests search across bundles with no failed request).
    monkeypatch.setattr(search, "bundle_mean", lambda count: 2)
    config = make_config(tmp_path, briefs=BRIEFS)
    site = Built(config, render_site(config, quiet()))
    newest, *older = _bundles(site)
    assert len(older) >= 2
    assert (newest / "pagefind.js").is_file() and (newest / "pagefind-worker.js").is_file()
    entry = json.loads((newest / "pagefind-entry.json").read_text(encoding="utf-8"))
    wasm = {f"wasm.{lang['wasm']}.pagefind" for lang in entry["languages"].values()}
    assert {p.name for p in newest.glob("wasm.*")} == wasm == {"wasm.en.pagefind"}
    for bundle in older:
        assert not list(bundle.glob("pagefind*.js")) and not list(bundle.glob("wasm.*")), bundle


def test_search_page_offers_the_filters_values(site: Built) -> None:
    doc = site.html("search/index.html")
    years = [o.text_content() for o in select(doc, "#search-year option")][1:]
    assert years == sorted(years, reverse=True) and "2024" in years
    pillars = [o.text_content() for o in select(doc, "#search-pillar option")][1:]
    assert "Logistics" in pillars and "Counter-terrorism" not in pillars  # no briefs there
    assert select(doc, "noscript") and select(doc, "#search")[0].get("hidden") is not None


def test_pagefind_output_is_made_deterministic(site: Built, tmp_path: Path) -> None:
    # Pagefind writes filter values in a random order each run; canonicalize() fixes the order.
    pages = tuple(p.relative_to(site.root).as_posix() for p in sorted(site.root.glob("briefs/*/index.html")))
    digests = set()
    for run in range(4):
        copy = tmp_path / f"run{run}"
        shutil.copytree(site.root / "briefs", copy / "briefs")
        assert build_bundles(copy, [Bundle("all", pages)], "en") > 0
        digests.add(_bundle_digest(copy / "pagefind" / "all"))
        assert not (copy / SCRATCH).exists()
        # without a build's trash, the files trimmed from the bundle are deleted, not left
        assert not list((copy / "pagefind" / "all").glob("pagefind-*ui.*"))
    assert len(digests) == 1


def test_the_index_is_the_same_bytes_whichever_python_builds_it(site: Built) -> None:
    # gzip.compress writes the OS byte of the Python it runs on (3 on Linux before 3.13, 255 since);
    # the files canonicalize() rewrites must carry Pagefind's own header, as its other files do.
    files = sorted((site.root / "pagefind").rglob("*.pf_*"))
    assert {file.suffix for file in files} >= {".pf_meta", ".pf_filter", ".pf_index", ".pf_fragment"}
    assert {file.read_bytes()[:10].hex() for file in files} == {"1f8b08000000000002ff"}


@pytest.mark.parametrize("rounds", [1, 3])
def test_pagefind_has_a_core_of_its_own_only_when_it_has_the_cores_to_itself(
    site: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rounds: int
) -> None:
    # Each real Pagefind process is started through a wrapper that logs the cores it may run on.
    log = tmp_path / "cores.log"
    wrapper = tmp_path / "pagefind"
    real = search.pagefind_executable()
    wrapper.write_text(f'#!/bin/sh\ngrep Cpus_allowed_list /proc/self/status >> "{log}"\nexec "{real}" "$@"')
    wrapper.chmod(0o755)
    monkeypatch.setattr(search, "pagefind_executable", lambda: wrapper)
    cores = os.sched_getaffinity(0)
    pages = sorted(p.relative_to(site.root).as_posix() for p in site.root.glob("briefs/*/index.html"))
    count = rounds * len(cores)  # one round of processes (an edit's), or more (a cold render's)
    bundles = [Bundle(f"b{i}", tuple(pages[i::count])) for i in range(count)]
    copy = tmp_path / "copy"
    shutil.copytree(site.root / "briefs", copy / "briefs")
    assert build_bundles(copy, bundles, "en") > 0
    assert os.sched_getaffinity(0) == cores  # the build's own thread is free again
    allowed = [_core_list(line.split(":")[1]) for line in log.read_text().splitlines()]
    assert len(allowed) == count
    if rounds == 1:
        assert all(each == cores for each in allowed)  # beside the render's workers: every core
    else:
        assert all(len(each) == 1 for each in allowed) and set().union(*allowed) == cores
    for bundle in bundles:
        assert (copy / bundle.folder / "pagefind-entry.json").is_file()


def test_pagefind_runs_unpinned_where_pinning_is_refused(
    site: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(pid: int, cores: object) -> None:
        raise PermissionError("not in this sandbox")

    monkeypatch.setattr(os, "sched_setaffinity", refuse)
    pages = sorted(p.relative_to(site.root).as_posix() for p in site.root.glob("briefs/*/index.html"))
    count = 2 * len(os.sched_getaffinity(0)) + 1
    bundles = [Bundle(f"b{i}", tuple(pages[i::count])) for i in range(count)]
    shutil.copytree(site.root / "briefs", tmp_path / "briefs")
    assert build_bundles(tmp_path, bundles, "en") > 0
    assert all((tmp_path / bundle.folder / "pagefind-entry.json").is_file() for bundle in bundles)


def _core_list(text: str) -> set[int]:
    """A kernel CPU list ("0-2,5") as a set."""
    found: set[int] = set()
    for part in text.strip().split(","):
        first, _, last = part.partition("-")
        found.update(range(int(first), int(last or first) + 1))
    return found


def test_bundles_split_by_content_so_a_change_touches_only_its_own() -> None:
    slugs = [f"2025-01-{i:04d}-brief" for i in range(1600)]
    bundles = plan_bundles(slugs, 40)
    assert [page for b in bundles for page in b.pages] == [f"briefs/{s}/index.html" for s in slugs]
    assert 25 <= len(bundles) <= 60  # ~40 expected
    assert min(len(b.pages) for b in bundles[:-1]) >= 20  # half the mean at least: no tiny bundles
    assert len({b.name for b in bundles}) == len(bundles)
    rng = random.Random(6)
    touched = []
    for _ in range(30):
        changed = list(slugs)
        if rng.random() < 0.5:
            changed.insert(rng.randrange(len(changed) + 1), f"2025-01-new-{rng.random()}")
        else:
            del changed[rng.randrange(len(changed))]
        after = plan_bundles(changed, 40)
        # Its own bundle changes (now and then its neighbour too, or one splits or two merge); all
        # others are kept.
        assert len(set(bundles) - set(after)) <= 2 and len(set(after) - set(bundles)) <= 2
        touched.append(len(set(bundles) - set(after)))
    assert sum(touched) / len(touched) < 1.3


def test_one_edited_brief_reindexes_only_its_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "bundle_mean", lambda count: 2)
    briefs = tmp_path / "briefs"
    shutil.copytree(BRIEFS, briefs)
    config = make_config(tmp_path, briefs=briefs)
    render_site(config, quiet(), use_cache=True)
    bundles = sorted((tmp_path / "site" / "pagefind").iterdir())
    assert len(bundles) >= 3
    before = {p: p.stat().st_ino for p in (tmp_path / "site" / "pagefind").rglob("*") if p.is_file()}
    edited = sorted(briefs.glob("*.md"))[2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA word only this edit adds: zanzibarite.\n")
    said = io.StringIO()
    render_site(config, Reporter(VERBOSE, io.StringIO(), said), use_cache=True)
    assert f"indexing 1 of {len(bundles)} search bundles" in said.getvalue()
    after = {p: p.stat().st_ino for p in (tmp_path / "site" / "pagefind").rglob("*") if p.is_file()}
    replaced = {
        p.relative_to(tmp_path / "site" / "pagefind").parts[0] for p in after if before.get(p) != after[p]
    }
    assert len(replaced) == 1  # the other bundles' files are the very same (hard-linked) files
    clean = make_config(tmp_path / "clean", briefs=briefs)
    render_site(clean, quiet())
    assert _bundle_digest(tmp_path / "site" / "pagefind") == _bundle_digest(
        tmp_path / "clean" / "site" / "pagefind"
    )


def test_an_unknown_bundle_format_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "pagefind-entry.json").write_text('{"languages": {"en": {"hash": "en_1"}}}', encoding="utf-8")
    (tmp_path / "pagefind.en_1.pf_meta").write_bytes(b"not gzip")
    assert canonicalize(tmp_path) is False
    assert (tmp_path / "pagefind.en_1.pf_meta").read_bytes() == b"not gzip"


def test_check_reports_a_missing_or_broken_bundle(build_into: Callable[..., Built]) -> None:
    built = build_into("checked", briefs=BRIEFS)
    assert not [p for p in check_site(built.config) if "pagefind" in p or "search" in p]
    first, *_ = _bundles(built)
    (first / "pagefind.js").unlink()
    assert any(p.endswith("pagefind.js: missing") for p in check_site(built.config))
    shutil.rmtree(first)
    problems = check_site(built.config)
    assert any(f"{first.name}/pagefind-entry.json: missing" in p for p in problems), problems


def test_bundles_grow_with_the_square_root_of_the_site_in_powers_of_two() -> None:
    means = [(n, search.bundle_mean(n)) for n in range(1, 300_000, 997)]
    for n, mean in means:
        assert mean >= search.MIN_BUNDLE_MEAN and mean & (mean - 1) == 0
        scaled = search.BUNDLE_SCALE * math.sqrt(n)
        if scaled > search.MIN_BUNDLE_MEAN:
            # An edit re-indexes ~mean pages, a reader's search loads ~n / mean bundles: both ~sqrt(n).
            assert scaled <= mean < 2 * scaled
    assert [m for _, m in means] == sorted(m for _, m in means)
    assert search.bundle_mean(5_000) == search.bundle_mean(10_000)  # the split moves only on doubling
    # Issue 6's site of 10,000 briefs: an edit re-indexes ~160 pages (~0.25 s of Pagefind), and a
    # reader's search loads fewer than 100 bundles.
    assert search.bundle_mean(10_000) <= 128 and 10_000 / search.bundle_mean(10_000) < 100
