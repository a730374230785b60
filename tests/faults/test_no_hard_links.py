"""A project on a file system without hard links (FAT, exFAT, some network and FUSE mounts) builds
the same site: every place that links a file falls back to copying it."""

from __future__ import annotations

import errno
import io
import os
import shutil
import time
from pathlib import Path

import pytest

from generator.commands import OK, run_build
from generator.config import load_config
from generator.progress import VERBOSE, Reporter
from generator.site import writer

from .helpers import generate, project_from_corpus, tree


def _no_link(source: object, target: object, *args: object, **kwargs: object) -> None:
    raise OSError(errno.EPERM, "Operation not permitted", str(target))


def _build(project: Path) -> str:
    """Build; return what the build said."""
    out, err = io.StringIO(), io.StringIO()
    status = run_build(load_config(project / "briefing.yaml"), Reporter(VERBOSE, out, err))
    assert status == OK, err.getvalue()
    return out.getvalue() + err.getvalue()


def _add_article(project: Path, step: int) -> None:
    first = sorted((project / "articles").glob("*.txt"))[0].read_text(encoding="utf-8")
    lines = first.splitlines()
    lines[0] = f"{lines[0]} (update {step})"  # a new headline: a new story, not the same one again
    (project / "articles" / f"added-{step}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_without_hard_links_every_build_writes_the_site_a_linking_build_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(24, tmp_path / "corpus", seed=11)
    linked = project_from_corpus(tmp_path / "corpus", tmp_path / "linked")
    copied = project_from_corpus(tmp_path / "corpus", tmp_path / "copied")

    _build(linked)
    with monkeypatch.context() as patch:
        patch.setattr(os, "link", _no_link)
        _build(copied)  # cold: the search index's scratch copies of the pages
    assert tree(copied / "site") == tree(linked / "site")
    assert (copied / "site" / "pagefind").is_dir()

    for step in (1, 2):
        for project in (linked, copied):
            _add_article(project, step)
        _build(linked)
        with monkeypatch.context() as patch:
            patch.setattr(os, "link", _no_link)
            _build(copied)  # incremental: the unchanged pages and search bundles copied, not linked
        assert tree(copied / "site") == tree(linked / "site"), f"after addition {step}"

    shutil.rmtree(copied / "site")  # a render with no site to carry over: bundles come from the cache
    with monkeypatch.context() as patch:
        patch.setattr(os, "link", _no_link)
        said = _build(copied)
    assert "search bundles linked from the cache" in said
    assert tree(copied / "site") == tree(linked / "site")


def test_without_hard_links_the_background_copy_of_a_large_site_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large site with no previous one gets one made by a detached ``cp -al`` (``writer``), which
    cannot link here: what it made is deleted, and the next build writes the whole site again."""
    generate(12, tmp_path / "corpus", seed=5)
    linked = project_from_corpus(tmp_path / "corpus", tmp_path / "linked")
    copied = project_from_corpus(tmp_path / "corpus", tmp_path / "copied")
    fake = tmp_path / "bin"
    fake.mkdir()
    # As GNU cp -al fails there: it makes the folders, no file, and exits 1. ($4: the copy.)
    (fake / "cp").write_text(
        '#!/bin/sh\nmkdir -p "$4/briefs"\necho "cp: cannot create hard link" >&2\nexit 1\n'
    )
    (fake / "cp").chmod(0o755)
    monkeypatch.setattr(writer, "CLONE_FILES", 1)  # every site is large enough to be cloned

    _build(linked)
    with monkeypatch.context() as patch:
        patch.setattr(os, "link", _no_link)
        patch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
        _build(copied)
        deadline = time.monotonic() + 30
        while list(copied.glob(".site.clone-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not list(copied.glob(".site.clone-*"))  # neither the clone nor its .partial

        for project in (linked, copied):
            _add_article(project, 1)
        _build(linked)
        _build(copied)
    assert tree(copied / "site") == tree(linked / "site")
