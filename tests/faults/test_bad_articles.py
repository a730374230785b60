"""Bad articles get one clear error naming the file; awkward but readable ones become briefs.

The rest of the site builds either way.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest
import yaml

from generator import characters
from generator.brief_file import read_brief
from generator.config import load_config
from generator.site.markdown import render_markdown

from .helpers import BAD, briefing

EXPECTED: dict[str, dict] = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The sample project plus every file of tests/data/bad, built once."""
    project = tmp_path_factory.mktemp("bad-project")
    shutil.copy(BAD.parents[2] / "briefing.yaml", project / "briefing.yaml")
    shutil.copytree(BAD.parents[2] / "templates", project / "templates")
    articles = project / "content" / "articles"
    shutil.copytree(BAD.parents[2] / "content" / "articles", articles)
    for name in EXPECTED:
        shutil.copy(BAD / name, articles / name)
    (project / "content" / "briefs").mkdir()
    return project, briefing(project, "build")


def briefs_by_title(project: Path) -> dict[str, object]:
    tz = load_config(project / "briefing.yaml").site.tz
    briefs = [read_brief(p, tz) for p in (project / "content" / "briefs").glob("*.md")]
    return {b.title: b for b in briefs}


def test_build_exits_1_and_still_builds_the_rest(built: tuple[Path, object]) -> None:
    project, run = built
    assert run.status == 1, run.stderr
    good = [name for name, outcome in EXPECTED.items() if "brief" in outcome]
    assert len(briefs_by_title(project)) == len(good) + 2  # + the two sample articles
    assert (project / "site" / "index.html").is_file()


def test_one_error_line_per_bad_file(built: tuple[Path, object]) -> None:
    _, run = built
    errors = run.lines("error")
    for name, outcome in EXPECTED.items():
        mine = [line for line in errors if f"content/articles/{name}" in line]
        if "error" in outcome:
            assert len(mine) == 1, (name, errors)
            assert outcome["error"] in mine[0], (name, mine)
        else:
            assert mine == [], (name, mine)
    assert len(errors) == sum("error" in o for o in EXPECTED.values())


@pytest.mark.parametrize("name", [n for n, o in EXPECTED.items() if "brief" in o])
def test_awkward_files_become_correct_briefs(built: tuple[Path, object], name: str) -> None:
    project, run = built
    expected = EXPECTED[name]["brief"]
    briefs = briefs_by_title(project)
    assert expected["title"] in briefs, (name, sorted(briefs))
    brief = briefs[expected["title"]]
    # as a reader sees the body: Markdown's marks in the article's text ("7*7") are escaped in the file
    shown = lxml.html.fromstring(f"<div>{render_markdown(brief.body)}</div>").text_content()
    assert expected["contains"] in shown, (name, shown)
    assert "\r" not in brief.body and "\ufffd" not in brief.title
    assert not characters.UNFIT.search(brief.title + brief.body), name  # NUL, ESC, ...
    assert brief.sources[0].file == f"content/articles/{name}"
    warnings = [line for line in run.lines("warning") if name in line]
    if "warning" in EXPECTED[name]:
        assert any(EXPECTED[name]["warning"] in line for line in warnings), warnings
    else:
        assert warnings == []


def test_hostile_text_is_inert_in_pages_and_feeds(built: tuple[Path, object]) -> None:
    project, _ = built
    brief = briefs_by_title(project)['Key: "value" --- !!x']
    page = (project / "site" / "briefs" / brief.slug / "index.html").read_text(encoding="utf-8")
    for text in [page, (project / "site" / "feed.xml").read_text(encoding="utf-8")]:
        assert "<script>alert" not in text and "<img src=x" not in text and "<b>bold</b>" not in text
        assert "javascript:" not in text
    assert "{{ 7*7 }}" in page and "49" not in page  # shown as typed, never evaluated
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_huge_file_is_refused_quickly_with_its_size(tmp_path: Path) -> None:
    shutil.copy(BAD.parents[2] / "briefing.yaml", tmp_path / "briefing.yaml")
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    paragraph = "Officials said the talks on maritime security went on for another long day in Delhi.\n\n"
    with (articles / "huge.txt").open("w", encoding="utf-8") as handle:
        handle.write(" date 2025-03-04 Example News\n\nA very long article\n\n")
        handle.write(paragraph * (50 * 1024 * 1024 // len(paragraph)))
    run = briefing(tmp_path, "ingest", timeout=60)
    assert run.status == 1
    assert len(run.lines("error")) == 1
    assert "huge.txt" in run.stderr and "too large" in run.stderr and "MB" in run.stderr


def test_a_name_no_brief_can_hold_is_refused_and_the_rest_builds(tmp_path: Path) -> None:
    """The brief names its article's file, and a feed cannot hold a control character: a file so
    named made a brief no build could read back."""
    shutil.copy(BAD.parents[2] / "briefing.yaml", tmp_path / "briefing.yaml")
    shutil.copytree(BAD.parents[2] / "templates", tmp_path / "templates")
    articles = tmp_path / "content" / "articles"
    shutil.copytree(BAD.parents[2] / "content" / "articles", articles)
    shutil.copy(BAD / "crlf.txt", articles / "cyber\x1bdrills.txt")
    run = briefing(tmp_path, "build")
    assert run.status == 1
    assert run.lines("error") == [
        "content/articles/cyber\x1bdrills.txt: its name holds an invisible control character (U+001B)"
        " that pages and feeds cannot hold; rename the file"
    ]
    assert len(list((tmp_path / "content" / "briefs").glob("*.md"))) == 2
    assert len(list((tmp_path / "site" / "briefs").iterdir())) == 2
