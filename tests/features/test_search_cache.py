"""Search bundles kept in the build cache: a render with no live site (a fresh clone with `.briefing/`
restored, `rm -rf site`) links them instead of running Pagefind, and makes the same site."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from render.helpers import BRIEFS, make_config, quiet

from generator import cache
from generator.progress import VERBOSE, Reporter
from generator.site import render_site, search, search_cache


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _without_site(project: Path) -> None:
    shutil.rmtree(project / "site")
    for leftover in project.glob(".site.*"):
        shutil.rmtree(leftover)


def _render(config: object) -> str:
    said = io.StringIO()
    render_site(config, Reporter(VERBOSE, io.StringIO(), said), use_cache=True)  # type: ignore[arg-type]
    return said.getvalue()


@pytest.fixture
def indexed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Several bundles, and a count of the pages Pagefind is given."""
    monkeypatch.setattr(search, "bundle_mean", lambda count: 2)
    pages: list[int] = []
    real = search.start_bundles

    def counting(staging: Path, bundles: list[search.Bundle], *args: object, **kwargs: object) -> object:
        pages.append(sum(len(bundle.pages) for bundle in bundles))
        return real(staging, bundles, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("generator.site.start_bundles", counting)
    return pages


def _kept(project: Path) -> list[Path]:
    return sorted((cache.cache_dir(project) / search_cache.FOLDER).iterdir())


def test_a_render_without_its_site_links_the_kept_bundles(tmp_path: Path, indexed: list[int]) -> None:
    briefs = tmp_path / "briefs"
    shutil.copytree(BRIEFS, briefs)
    config = make_config(tmp_path, briefs=briefs)
    _render(config)
    first = _tree(tmp_path / "site")
    bundles = sorted((tmp_path / "site" / "pagefind").iterdir())
    assert len(bundles) >= 3 and len(indexed) == 1 and indexed[0] >= len(bundles)
    assert len(_kept(tmp_path)) == len(bundles)

    _without_site(tmp_path)
    said = _render(config)
    assert f"{len(bundles)} of {len(bundles)} search bundles linked from the cache" in said
    assert indexed[-1] == 0  # Pagefind was given no page
    assert _tree(tmp_path / "site") == first

    # An edit re-indexes its bundle, which replaces its old kept copy; the others stay kept.
    edited = sorted(briefs.glob("*.md"))[2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA word only this edit adds: zanzibarite.\n")
    before = set(_kept(tmp_path))
    _render(config)
    after = set(_kept(tmp_path))
    assert len(after) == len(bundles) and len(after - before) == 1 and len(before - after) == 1
    clean = make_config(tmp_path / "clean", briefs=briefs)
    render_site(clean, quiet())
    edited_site = _tree(tmp_path / "site")
    assert {k: v for k, v in edited_site.items() if k.startswith("pagefind/")} == {
        k: v for k, v in _tree(tmp_path / "clean" / "site").items() if k.startswith("pagefind/")
    }
    _without_site(tmp_path)
    _render(config)
    assert indexed[-1] == 0 and _tree(tmp_path / "site") == edited_site


def test_a_damaged_kept_bundle_is_indexed_again(tmp_path: Path, indexed: list[int]) -> None:
    config = make_config(tmp_path, briefs=BRIEFS)
    _render(config)
    first = _tree(tmp_path / "site")
    damaged = _kept(tmp_path)[0]
    (damaged / search_cache.DIGESTS).write_bytes(b"not a pickle")
    _without_site(tmp_path)
    said = _render(config)
    assert "indexing 1 of" in said and indexed[-1] > 0
    assert _tree(tmp_path / "site") == first


def test_without_the_cache_nothing_is_kept(tmp_path: Path, indexed: list[int]) -> None:
    render_site(make_config(tmp_path, briefs=BRIEFS), quiet())
    assert not (cache.cache_dir(tmp_path) / search_cache.FOLDER).exists()


def test_a_bundle_file_deleted_from_the_site_comes_back_from_the_cache(
    tmp_path: Path, indexed: list[int]
) -> None:
    briefs = tmp_path / "briefs"
    shutil.copytree(BRIEFS, briefs)
    config = make_config(tmp_path, briefs=briefs)
    _render(config)
    first = _tree(tmp_path / "site")
    bundle = sorted((tmp_path / "site" / "pagefind").iterdir())[1]
    times = {p: p.stat().st_mtime_ns for p in bundle.rglob("*") if p.is_file()}
    lost = sorted(bundle.glob("fragment/*"))[0]
    lost.unlink()
    said = _render(config)  # the site changed, no input did: the render finds out by the bundle's folder
    assert f"site/pagefind/{bundle.name}/fragment was changed since the last build" in said
    assert "linked from the cache" in said and indexed[-1] == 0
    assert _tree(tmp_path / "site") == first
    # The files the live site still had keep their modification times, as unchanged files do.
    assert {p: p.stat().st_mtime_ns for p in times if p != lost} == {
        p: t for p, t in times.items() if p != lost
    }
