"""The search index (Pagefind): brief pages only, filters by pillar and year, byte-identical rebuilds."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from render.helpers import Built, select

from generator.site.pagefind_canon import canonicalize
from generator.site.search import build_index


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


def test_the_index_holds_every_brief_and_nothing_else(site: Built) -> None:
    entry = json.loads(site.text("pagefind/pagefind-entry.json"))
    briefs = len(list((site.root / "briefs").glob("*/index.html")))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == briefs
    assert (site.root / "pagefind" / "pagefind.js").is_file()


def test_search_page_offers_the_filters_values(site: Built) -> None:
    doc = site.html("search/index.html")
    years = [o.text_content() for o in select(doc, "#search-year option")][1:]
    assert years == sorted(years, reverse=True) and "2024" in years
    pillars = [o.text_content() for o in select(doc, "#search-pillar option")][1:]
    assert "Logistics" in pillars and "Counter-terrorism" not in pillars  # no briefs there
    assert select(doc, "noscript") and select(doc, "#search")[0].get("hidden") is not None


def test_pagefind_output_is_made_deterministic(site: Built, tmp_path: Path) -> None:
    # Pagefind writes filter values in a random order each run; canonicalize() fixes the order.
    digests = set()
    for run in range(4):
        copy = tmp_path / f"run{run}"
        shutil.copytree(site.root, copy)
        shutil.rmtree(copy / "pagefind")
        build_index(copy, "en")
        digests.add(_bundle_digest(copy / "pagefind"))
    assert digests == {_bundle_digest(site.root / "pagefind")}


def test_an_unknown_bundle_format_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "pagefind-entry.json").write_text('{"languages": {"en": {"hash": "en_1"}}}', encoding="utf-8")
    (tmp_path / "pagefind.en_1.pf_meta").write_bytes(b"not gzip")
    assert canonicalize(tmp_path) is False
    assert (tmp_path / "pagefind.en_1.pf_meta").read_bytes() == b"not gzip"
