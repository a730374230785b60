"""Moved briefs keep their old addresses: ``redirects.yaml`` maps an old slug to the brief that has
its story now, and the render makes a page at the old address that sends readers on. Ingest keeps
the file when it moves a story; the build notices the file alone changing. (Browser and validator
checks of the page: tests/browser/test_redirects.py.)
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from render.helpers import BRIEFS, Built, make_config, quiet, tree_bytes

from generator import cache, redirects
from generator.errors import InputError
from generator.site import render_site

from .helpers import FEATURE_URL

MOVES = "old-malabar-slug: malabar-2025\nolder-malabar-slug: old-malabar-slug\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _build(tmp: Path, moves: str | None, briefs: Path = BRIEFS, use_cache: bool = False) -> Built:
    tmp.mkdir(parents=True, exist_ok=True)
    file = tmp / "redirects.yaml"
    if moves is not None:
        _write(file, moves)
    config = make_config(tmp, base_url=FEATURE_URL, briefs=briefs, paths={"redirects": str(file)})
    return Built(config, render_site(config, quiet(), use_cache=use_cache))


def test_the_file_is_read_sorted_and_bad_entries_are_named_with_their_line(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.yaml", '# moved\nb-slug: c-slug\n"2024": a-slug\n')
    assert redirects.read(good) == {"2024": "a-slug", "b-slug": "c-slug"}
    assert redirects.read(tmp_path / "missing.yaml") == {}
    assert redirects.read(_write(tmp_path / "empty.yaml", "# nothing yet\n")) == {}
    cases = {
        "a-slug: b-slug\nBad Slug: c-slug\n": (2, "expected two brief slugs"),
        "a-slug: b-slug\nc-slug: ../etc\n": (2, "expected two brief slugs"),
        "a-slug: a-slug\n": (1, "leads to itself"),
        "a-slug: [b\n": (None, "not valid YAML"),
        "- a-slug\n": (1, "expected one 'old-slug: new-slug' line"),
        "a-slug: b-slug\nc-slug: d-slug\na-slug: e-slug\n": (
            3,
            "'a-slug' is given twice",
        ),  # YAML kept the last
    }
    for i, (text, (line, message)) in enumerate(cases.items()):
        path = _write(tmp_path / f"bad{i}.yaml", text)
        with pytest.raises(InputError) as caught:
            redirects.read(path)
        assert caught.value.file == path and message in caught.value.message, text
        if line is not None:
            assert caught.value.line == line, text


def test_the_file_written_reads_back_the_same(tmp_path: Path) -> None:
    entries = {"2024": "a-slug", "true": "b-slug", "c-slug": "d-slug"}
    path = _write(tmp_path / "r.yaml", redirects.dump(entries))
    assert redirects.read(path) == dict(sorted(entries.items()))
    assert path.read_text(encoding="utf-8").startswith("# ")


def test_a_move_repoints_entries_to_the_new_brief_and_a_removal_drops_them() -> None:
    entries = {"a": "b", "x": "y"}
    moved = redirects.apply(entries, redirects.Moves(moved={"b": "c"}))
    assert moved == {"a": "c", "b": "c", "x": "y"}  # no chain a -> b -> c
    assert redirects.apply(moved, redirects.Moves(gone={"c"})) == {"x": "y"}
    # A story moving back to its old slug leaves no page at the brief's own address.
    assert redirects.apply({"a": "b"}, redirects.Moves(moved={"b": "a"})) == {"b": "a"}


def test_ingest_keeps_an_analysts_comments_and_order_when_it_updates_the_file(tmp_path: Path) -> None:
    text = (
        "# Renamed by hand, see the desk log.\n"
        "zeta-slug: a-slug  # merged into the Malabar story\n"
        '"2024": b-slug\n'
        "\n"
        "# Gone with its articles:\n"
        "eta-slug: c-slug\n"
    )
    path = _write(tmp_path / "redirects.yaml", text)
    redirects.record(path, redirects.Moves(moved={"a-slug": "d-slug", "new-old": "e-slug"}, gone={"c-slug"}))
    assert path.read_text(encoding="utf-8") == (
        "# Renamed by hand, see the desk log.\n"
        "zeta-slug: d-slug  # merged into the Malabar story\n"  # re-pointed, its comment kept
        '"2024": b-slug\n'  # untouched, quotes and all
        "\n"
        "# Gone with its articles:\n"
        "a-slug: d-slug\n"
        "new-old: e-slug\n"
    )
    assert redirects.read(path) == {
        "2024": "b-slug",
        "a-slug": "d-slug",
        "new-old": "e-slug",
        "zeta-slug": "d-slug",
    }
    # Written in YAML's flow style there are no lines to keep: the file is written afresh.
    _write(path, "{a-slug: b-slug}\n")
    redirects.record(path, redirects.Moves(moved={"b-slug": "c-slug"}))
    assert path.read_text(encoding="utf-8") == redirects.dump({"a-slug": "c-slug", "b-slug": "c-slug"})


def test_resolving_follows_chains_skips_live_briefs_and_names_dead_ends() -> None:
    entries = {"a": "b", "b": "live", "live": "elsewhere", "loop-1": "loop-2", "loop-2": "loop-1"}
    entries["d"] = "nowhere"
    resolved = redirects.resolve(entries, {"live"})
    assert resolved.pages == {"a": "live", "b": "live"}  # "live" is a brief again: it wins
    assert sorted(resolved.dangling) == [("d", "nowhere"), ("loop-1", "loop-2"), ("loop-2", "loop-1")]


def test_an_old_address_gets_a_page_that_sends_readers_to_the_brief(tmp_path: Path) -> None:
    built = _build(tmp_path, MOVES)
    assert not built.report.failures, built.report.failures
    for old in ("old-malabar-slug", "older-malabar-slug"):
        page = built.text(f"briefs/{old}/index.html")
        refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page)
        assert refresh and refresh.group(1) == "../../briefs/malabar-2025/", page
        assert f'<link rel="canonical" href="{FEATURE_URL}briefs/malabar-2025/">' in page
        assert '<meta name="robots" content="noindex">' in page
        assert '<a href="../../briefs/malabar-2025/">Malabar naval exercise ends off Guam</a>' in page
        assert f"briefs/{old}/" not in built.text("sitemap.xml")
    # Only brief pages are indexed for search: an old address is not one.
    assert "old-malabar-slug" not in "".join(b.name for b in (built.root / "pagefind").rglob("*"))


def test_an_entry_leading_nowhere_is_an_error_naming_the_file_and_the_rest_build(tmp_path: Path) -> None:
    built = _build(tmp_path, MOVES + "gone-slug: draft-brief\n")  # a draft is not published
    assert [f.file.name for f in built.report.failures] == ["redirects.yaml"]
    message = built.report.failures[0].message
    assert "gone-slug: leads to draft-brief, which is not a published brief" in message
    assert not (built.root / "briefs" / "gone-slug").exists()
    assert (built.root / "briefs" / "old-malabar-slug" / "index.html").is_file()

    broken = _build(tmp_path / "broken", "old-malabar-slug: [\n")
    assert [f.file.name for f in broken.report.failures] == ["redirects.yaml"]
    assert "not valid YAML" in broken.report.failures[0].message
    assert (broken.root / "briefs" / "malabar-2025" / "index.html").is_file()


def test_a_brief_at_an_old_address_wins(tmp_path: Path) -> None:
    built = _build(tmp_path, "lemoa-refuelling: malabar-2025\n")
    assert not built.report.failures
    assert "Malabar" not in built.text("briefs/lemoa-refuelling/index.html").split('<h1 dir="auto">')[1][:80]


def test_changing_only_the_file_rebuilds_as_a_clean_build_would(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    shutil.copytree(BRIEFS, briefs)
    project = tmp_path / "project"
    project.mkdir()
    _build(project, None, briefs, use_cache=True)
    cache.wait_for_background()  # its plan saved, as a user's next build finds it
    malabar = briefs / "2025-05-20-malabar.md"
    _write(malabar, malabar.read_text(encoding="utf-8") + "\nMore.\n")
    _build(project, None, briefs, use_cache=True)  # a body edit: the kept plan is used
    after = _build(project, MOVES, briefs, use_cache=True)  # then only the redirects file changes
    assert (after.root / "briefs" / "old-malabar-slug" / "index.html").is_file()
    clean = tmp_path / "clean"
    clean.mkdir()
    assert tree_bytes(after.root) == tree_bytes(_build(clean, MOVES, briefs).root)
    removed = _build(project, "# none\n", briefs, use_cache=True)
    assert not (removed.root / "briefs" / "old-malabar-slug").exists()


def test_a_bad_file_deleted_is_no_longer_said(tmp_path: Path) -> None:
    """A plan kept from a build with a bad file carried the digest of no file: once the file was
    deleted, the next builds used that plan and said the deleted file's error, every one of them."""
    briefs = tmp_path / "briefs"
    shutil.copytree(BRIEFS, briefs)
    project = tmp_path / "project"
    bad = _build(project, "x: null\n", briefs, use_cache=True)
    assert [f.message for f in bad.report.failures if f.file.name == "redirects.yaml"], bad.report.failures
    cache.wait_for_background()  # its plan saved, as a user's next build finds it
    (project / "redirects.yaml").unlink()
    for _ in range(2):  # the build after the change, and a build that renders nothing
        assert _build(project, None, briefs, use_cache=True).report.failures == []
