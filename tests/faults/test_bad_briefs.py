"""Briefs edited badly by hand are named with file and line, skipped, and the rest still renders."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.ingest import LINK_OUT

from .helpers import REPO, briefing

GOOD = (
    "---\ntitle: A good brief\ndate: 2025-03-01T10:00:00+05:30\nslug: {slug}\n"
    "pillars: [logistics]\n---\nBody.\n"
)
BAD = {
    "broken-yaml.md": ("---\ntitle: [unclosed\ndate: 2025-03-01\n---\nBody\n", 3, "not valid YAML"),
    "no-title.md": ("---\ndate: 2025-03-01\n---\nBody\n", 2, "title: required"),
    "no-date.md": ("---\ntitle: T\n---\nBody\n", 2, "date: required"),
    "bad-pillar.md": ("---\ntitle: T\ndate: 2025-03-01\npillars: [cooking]\n---\nBody\n", 4, "cooking"),
    "escape.md": ("---\ntitle: T\ndate: 2025-03-01\nslug: ../../etc\n---\nBody\n", 4, "slug"),
    "slash.md": ("---\ntitle: T\ndate: 2025-03-01\nslug: a/b\n---\nBody\n", 4, "slug"),
    "zz-duplicate.md": (GOOD.format(slug="2025-03-01-good"), None, "slugs must be unique"),
    # invisible characters no feed can hold (the whole build crashed on one): pasted, or escaped
    "control-in-body.md": ("---\ntitle: T\ndate: 2025-03-01\n---\n\nBody\x1b[0m.\n", 6, "U+001B"),
    "control-in-title.md": ("---\ntitle: T\x08\ndate: 2025-03-01\n---\nBody\n", 2, "U+0008"),
    "control-escaped.md": ('---\ntitle: T\nsummary: "a\\x0cb"\ndate: 2025-03-01\n---\nB\n', 3, "U+000C"),
    "two-dates.md": (
        "---\ntitle: T\ndate: 2025-03-01\ndate: 2025-04-01\n---\nBody\n",
        4,
        "'date' is given twice",
    ),
}


def test_each_bad_brief_is_named_and_skipped(tmp_path: Path) -> None:
    shutil.copy(REPO / "briefing.yaml", tmp_path / "briefing.yaml")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    briefs = tmp_path / "content" / "briefs"
    briefs.mkdir(parents=True)
    (tmp_path / "content" / "articles").mkdir()
    (briefs / "2025-03-01-good.md").write_text(GOOD.format(slug="2025-03-01-good"), encoding="utf-8")
    for name, (text, _, _) in BAD.items():
        (briefs / name).write_text(text, encoding="utf-8")

    run = briefing(tmp_path, "build")

    assert run.status == 1
    errors = run.lines("error")
    assert len(errors) == len(BAD), errors
    for name, (_, line, phrase) in BAD.items():
        mine = [e for e in errors if f"content/briefs/{name}" in e]
        assert len(mine) == 1, (name, errors)
        assert phrase in mine[0], mine
        if line:
            assert f"{name}:{line}: " in mine[0], mine
    site = tmp_path / "site"
    assert (site / "briefs" / "2025-03-01-good" / "index.html").is_file()
    assert not (tmp_path / "etc").exists() and not (site / "etc").exists()
    assert sorted(p.name for p in (site / "briefs").iterdir()) == ["2025-03-01-good"]


def _ingested_sample(folder: Path) -> list[Path]:
    """The sample project in ``folder``, ingested: its two briefs."""
    shutil.copy(REPO / "briefing.yaml", folder / "briefing.yaml")
    shutil.copytree(REPO / "templates", folder / "templates")
    shutil.copytree(REPO / "content" / "articles", folder / "content" / "articles")
    assert briefing(folder, "ingest").status == 0
    return sorted((folder / "content" / "briefs").glob("*.md"))


def test_a_brief_linked_out_of_the_folder_is_named_and_not_written_through(tmp_path: Path) -> None:
    """The sample project, one brief replaced by a link to a file elsewhere: ingest would rewrite
    that file. It is named once, left alone, and the other story's brief is still written."""
    linked, other = _ingested_sample(tmp_path)
    outside = tmp_path / "elsewhere.md"
    outside.write_text("Someone else's file.\n", encoding="utf-8")
    linked.unlink()
    linked.symlink_to(outside)
    other.unlink()

    for _ in range(3):  # said again by the builds that find nothing changed
        run = briefing(tmp_path, "build")
        assert run.status == 1
        errors = run.lines("error")
        assert errors[0] == f"content/briefs/{linked.name}: {LINK_OUT}", errors
        assert "no front matter" in errors[1] and len(errors) == 2  # the render reads it, as a brief
        assert outside.read_text(encoding="utf-8") == "Someone else's file.\n"
        assert other.is_file()

    linked.unlink()  # as the error says: then the next build writes the brief
    run = briefing(tmp_path, "build")
    assert run.status == 0, run.stderr
    assert linked.is_file() and not linked.is_symlink()
    assert outside.read_text(encoding="utf-8") == "Someone else's file.\n"


def test_a_brief_that_cannot_be_written_is_named_and_the_rest_still_builds(tmp_path: Path) -> None:
    """A folder where one story's brief goes: that brief fails on its own, the other story's brief
    and pages are still made, each build says it again, and once the folder is gone it is written."""
    blocked, other = _ingested_sample(tmp_path)
    blocked.unlink()
    other.unlink()
    blocked.mkdir()

    for _ in range(2):  # the second build finds nothing changed, and must not forget the failure
        run = briefing(tmp_path, "build")
        assert run.status == 1
        assert run.lines("error") == [f"content/briefs/{blocked.name}: cannot be written: Is a directory"]
        assert "(1 failed)" in run.stderr + run.stdout
        assert other.is_file()
        assert (tmp_path / "site" / "briefs" / other.stem / "index.html").is_file()
        assert not (tmp_path / "site" / "briefs" / blocked.stem).exists()

    blocked.rmdir()
    run = briefing(tmp_path, "build")
    assert run.status == 0, run.stderr
    assert blocked.is_file()
    assert (tmp_path / "site" / "briefs" / blocked.stem / "index.html").is_file()


def test_a_brief_deleted_by_hand_is_written_again_and_said(tmp_path: Path) -> None:
    """Its article is still there, so the story still is: the brief comes back, but not in silence,
    and the warning says how to drop a story."""
    deleted, _ = _ingested_sample(tmp_path)
    deleted.unlink()

    run = briefing(tmp_path, "build")

    assert run.status == 0, run.stderr
    assert run.lines("warning") == [
        f"content/briefs/{deleted.name} was deleted since the last build; written again from its articles "
        "(to drop the story, delete them, or keep the brief as draft: true)"
    ]
    assert deleted.is_file()
    assert briefing(tmp_path, "build").lines("warning") == []


def test_briefs_deleted_with_their_folder_or_many_at_once_are_not_a_screenful(tmp_path: Path) -> None:
    """Many briefs deleted in place are named five at a time; a briefs folder that is a new one (a
    fresh clone whose cache was restored, as the Pages workflow builds, without the briefs the
    last run wrote) has nothing deleted from it: every brief is written without a word."""
    shutil.copy(REPO / "briefing.yaml", tmp_path / "briefing.yaml")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    shutil.copytree(REPO / "tests" / "data" / "articles", tmp_path / "content" / "articles")
    for expected in (tmp_path / "content" / "articles").glob("*.yaml"):
        expected.unlink()
    assert briefing(tmp_path, "build").status == 0
    briefs = tmp_path / "content" / "briefs"
    written = sorted(briefs.glob("*.md"))
    assert len(written) >= 8
    for brief in written[:7]:
        brief.unlink()

    warnings = briefing(tmp_path, "build").lines("warning")

    named = {w.split(" was deleted since the last build; written again")[0] for w in warnings[:5]}
    assert len(named) == 5 and named <= {f"content/briefs/{brief.name}" for brief in written[:7]}, warnings
    assert warnings[5:] == ["and 2 more briefs deleted since the last build, written again"]
    assert sorted(briefs.glob("*.md")) == written

    shutil.rmtree(briefs)  # as a fresh clone without them: the folder is another
    run = briefing(tmp_path, "build")
    assert run.status == 0 and run.lines("warning") == [], run.stderr
    assert sorted(briefs.glob("*.md")) == written
