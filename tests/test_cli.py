"""The CLI as a user runs it: real subprocesses on a copy of the sample project."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from generator.brief_file import is_hand_edited, read_brief

REPO = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(
    r"^(\d+) articles? (→|->) (\d+) briefs? \((\d+) failed\), (\d+) pages?, (\d+) feeds? in [\d.]+ s$"
)


def briefing(project: Path, *args: str, hash_seed: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI in ``project``; ``hash_seed``: the process's PYTHONHASHSEED (random by default)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if hash_seed is not None:
        env["PYTHONHASHSEED"] = hash_seed
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("command", ["build", "ingest", "render", "serve", "new", "check"])
def test_every_command_has_help(command: str) -> None:
    result = briefing(REPO, command, "--help")
    assert result.returncode == 0
    assert f"usage: briefing {command}" in result.stdout
    assert "--config PATH" in result.stdout and "--base-url URL" in result.stdout


def test_console_script_is_the_same_cli() -> None:
    script = Path(sys.executable).with_name("briefing")
    if not script.exists():
        pytest.skip("the project is not installed in this interpreter's environment")
    result = subprocess.run([script, "--help"], capture_output=True, text=True, check=True)
    assert result.stdout == briefing(REPO, "--help").stdout


def test_version_is_the_packages() -> None:
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    result = briefing(REPO, "--version")
    assert (result.returncode, result.stdout) == (0, f"briefing {declared}\n")


def test_unknown_command_is_a_usage_error() -> None:
    result = briefing(REPO, "publish")
    assert result.returncode == 2
    assert "invalid choice: 'publish'" in result.stderr and "did you mean" not in result.stderr
    mistyped = briefing(REPO, "biuld")
    assert mistyped.returncode == 2
    assert "invalid choice: 'biuld'" in mistyped.stderr
    assert mistyped.stderr.endswith("; did you mean 'build'?\n")


def test_build_on_the_sample_project(project: Path) -> None:
    result = briefing(project, "build")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout
    match = SUMMARY.match(lines[0])
    assert match, lines[0]
    articles, _, briefs, failed, pages, feeds = match.groups()
    assert (articles, briefs, failed) == ("2", "2", "0")
    assert int(pages) >= 6 and int(feeds) >= 2
    assert len(list((project / "content" / "briefs").glob("*.md"))) == 2
    assert (project / "site" / "index.html").is_file()
    assert (project / "site" / "feed.xml").is_file()
    assert "\x1b[" not in result.stdout + result.stderr  # no terminal codes when not a terminal

    again = briefing(project, "build", "--quiet")
    assert again.returncode == 0 and again.stdout == "" and again.stderr == ""


def test_a_command_run_in_a_subfolder_finds_the_project_above(project: Path) -> None:
    """As git finds its repository: the nearest briefing.yaml above the current folder."""
    inside = project / "content" / "briefs"
    result = briefing(inside, "build", "--verbose")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"using {project / 'briefing.yaml'}\n")
    assert (project / "site" / "index.html").is_file()
    assert not (inside / "site").exists()
    (project / "briefing.yaml").rename(project / "elsewhere.yaml")
    missing = briefing(inside, "build")
    assert missing.returncode == 2
    assert f"{inside / 'briefing.yaml'}: invalid configuration" in missing.stderr


def test_base_url_option_reaches_the_feed(project: Path) -> None:
    result = briefing(project, "build", "--base-url", "https://someone.github.io/india-us-briefing")
    assert result.returncode == 0, result.stderr
    feed = (project / "site" / "feed.xml").read_text(encoding="utf-8")
    assert "https://someone.github.io/india-us-briefing/briefs/" in feed
    assert "example.github.io" not in feed


def test_config_error_exits_2_and_writes_nothing(project: Path) -> None:
    config = project / "briefing.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("Asia/Kolkata", "Asia/Atlantis"), "utf-8")
    result = briefing(project, "build")
    assert result.returncode == 2
    assert (
        "briefing.yaml" in result.stderr
        and "site.timezone: unknown time zone 'Asia/Atlantis'" in result.stderr
    )
    assert not (project / "site").exists()
    assert list((project / "content" / "briefs").iterdir()) == []


def test_an_output_folder_holding_the_articles_is_refused_before_it_replaces_them(project: Path) -> None:
    """``output: content`` swapped the site in for the whole content folder: the articles were gone."""
    config = project / "briefing.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("output: site", "output: content"), "utf-8")
    before = sorted((project / "content").rglob("*"))
    for command in ("build", "render"):
        result = briefing(project, command)
        assert result.returncode == 2
        assert "paths.output: 'content' holds paths.articles ('content/articles')" in result.stderr
    assert sorted((project / "content").rglob("*")) == before


def test_a_bad_article_is_named_and_the_rest_still_builds(project: Path) -> None:
    (project / "content" / "articles" / "empty.txt").write_bytes(b"")
    result = briefing(project, "build")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "empty.txt" in errors[0], result.stderr
    assert SUMMARY.match(result.stdout.strip()).group(4) == "1"
    assert len(list((project / "content" / "briefs").glob("*.md"))) == 2
    assert (project / "site" / "index.html").is_file()


def test_a_missing_articles_folder_is_said_and_the_briefs_alone_still_build(project: Path) -> None:
    """A mistyped ``paths.articles`` is not a silent empty ingest; with the templates folder
    missing as well, both are named."""
    shutil.rmtree(project / "content" / "articles")
    shutil.rmtree(project / "templates")
    missing = f"warning: {project / 'content' / 'articles'}: articles folder not found"
    result = briefing(project, "build")
    assert result.returncode == 1
    assert missing in result.stderr
    assert f"error: {project / 'templates'}: templates folder not found" in result.stderr

    shutil.copytree(REPO / "templates", project / "templates")
    shutil.copytree(REPO / "tests" / "data" / "briefs", project / "content" / "briefs", dirs_exist_ok=True)
    for command in ("build", "ingest"):
        result = briefing(project, command)
        assert result.returncode == 0, result.stderr
        assert missing in result.stderr
    assert (project / "site" / "briefs").is_dir() and any((project / "site" / "briefs").iterdir())
    article = next((REPO / "content" / "articles").glob("*.txt"))
    named = briefing(project, "ingest", str(article))  # articles named: the folder is not needed
    assert named.returncode == 0 and missing not in named.stderr, named.stderr


def test_an_articles_folder_gone_or_empty_deletes_no_brief(project: Path) -> None:
    """Renamed, mistyped or unmounted, the folder had every brief "lose its articles": all were
    deleted, and the site published without them, though the warning said it was made from them."""
    assert briefing(project, "build").returncode == 0
    briefs = {p.name: p.read_bytes() for p in (project / "content" / "briefs").glob("*.md")}
    pages = sorted(p.name for p in (project / "site" / "briefs").iterdir())
    (project / "content" / "articles").rename(project / "content" / "articles-moved")

    result = briefing(project, "build")

    assert result.returncode == 0, result.stderr
    assert "articles folder not found" in result.stderr and "removed" not in result.stderr
    assert {p.name: p.read_bytes() for p in (project / "content" / "briefs").glob("*.md")} == briefs
    assert sorted(p.name for p in (project / "site" / "briefs").iterdir()) == pages
    (project / "content" / "articles").mkdir()  # empty, as an unmounted share's mount point is
    result = briefing(project, "build")
    assert result.returncode == 0, result.stderr
    assert (
        result.stderr
        == "warning: content/articles: no articles; the briefs are kept (delete them to empty the site)\n"
    )
    assert {p.name: p.read_bytes() for p in (project / "content" / "briefs").glob("*.md")} == briefs
    (project / "content" / "articles").rmdir()
    (project / "content" / "articles-moved").rename(project / "content" / "articles")
    result = briefing(project, "build")  # back: the cached results serve, nothing is rewritten
    assert result.returncode == 0 and "2 articles" in result.stdout and not result.stderr, result.stderr


def test_an_article_saved_twice_is_one_source_on_its_page_and_is_named(project: Path) -> None:
    """A browser's "article (1).txt": its brief listed the same outlet, date and link twice. A build
    that read nothing said nothing of it, as if the copy had gone."""
    articles = project / "content" / "articles"
    shutil.copy(articles / "000_3767b9aef26316b2.txt", articles / "000_3767b9aef26316b2 (1).txt")

    result = briefing(project, "build")

    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "warning: content/articles/000_3767b9aef26316b2.txt: the same bytes as"
        " content/articles/000_3767b9aef26316b2 (1).txt; one brief, its source shown once\n"
    )
    brief = (
        project
        / "content"
        / "briefs"
        / "2025-07-01-rajnath-singh-hegseth-discuss-boosting-indo-us-defence-industry.md"
    )
    assert brief.read_text(encoding="utf-8").count("sha256: 0abf") == 2  # both files claimed by it
    page = (project / "site" / "briefs" / brief.stem / "index.html").read_text(encoding="utf-8")
    sources = page.split('<section class="sources"', 1)[1].split("</section>", 1)[0]
    assert sources.count("<li>") == 1 and "Business Standard" in sources
    again = briefing(project, "build")  # reads nothing, and says it again: the copy is still there
    assert (again.returncode, again.stderr) == (0, result.stderr)


def test_briefs_filed_in_folders_are_named_as_not_published(project: Path) -> None:
    """An analyst filing last year's briefs in ``content/briefs/2024/`` lost them from the site
    without a word: briefs are read from the folder itself (ingest writes there)."""
    briefs = project / "content" / "briefs"
    (briefs / "2024").mkdir()
    (briefs / "2024" / "old-note.md").write_text("---\ntitle: Old\ndate: 2024-03-01\n---\nNote.\n")
    (briefs / ".obsidian").mkdir()  # an editor's own folder: nobody's brief
    (briefs / ".obsidian" / "workspace.md").write_text("{}\n")
    said = (
        "warning: content/briefs/2024/old-note.md: not published: briefs are read from"
        " content/briefs itself, not from folders in it\n"
    )

    for command in ("build", "build", "render"):  # the second build reads nothing, and says it too
        result = briefing(project, command)
        assert (result.returncode, result.stderr) == (0, said)
    assert result.stdout.startswith("2 briefs ")
    assert sorted(p.name for p in (project / "site" / "briefs").iterdir()) == sorted(
        p.stem for p in briefs.glob("*.md")
    )


def test_a_new_briefs_folder_names_the_one_the_last_build_wrote_into(project: Path) -> None:
    """A mistyped ``paths.briefs``: fresh briefs in a new folder made the site, the analysts' edits
    in the real one unused, and nothing was said (the folder exists by the time the render looks)."""
    assert briefing(project, "build").returncode == 0
    config = project / "briefing.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("briefs: content/briefs", "briefs: content/brief")
    )

    result = briefing(project, "build")

    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "warning: content/brief: a new briefs folder; the last build's briefs are in content/briefs, "
        "their hand edits unused here (move them, or set paths.briefs back)\n"
    )


def test_a_missing_briefs_folder_is_said_by_render(project: Path) -> None:
    """A mistyped ``paths.briefs`` is not a silent site without briefs."""
    (project / "content" / "briefs").rmdir()
    result = briefing(project, "render")
    assert result.returncode == 0, result.stderr
    assert f"warning: {project / 'content' / 'briefs'}: briefs folder not found" in result.stderr
    result = briefing(project, "build")  # ingest makes the folder: nothing to say
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr


def test_check_passes_on_a_fresh_build_and_fails_on_a_broken_one(project: Path) -> None:
    assert briefing(project, "build").returncode == 0
    clean = briefing(project, "check")
    assert clean.returncode == 0, clean.stderr
    stylesheet = next((project / "site").rglob("*.css"))
    stylesheet.unlink()
    broken = briefing(project, "check")
    assert broken.returncode == 1
    assert stylesheet.name in broken.stderr


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_same_inputs_give_the_same_bytes_in_any_process(tmp_path: Path) -> None:
    """Each run of the CLI hashes strings with its own random seed: nothing it writes may depend on
    the order of a set or dict of strings. Two processes with different seeds, from the test
    articles (stories told by several outlets among them) and hand-written briefs (people, quotes,
    tags), write the same briefs and the same site, search index included."""
    config = yaml.safe_load((REPO / "tests" / "data" / "site.yaml").read_text(encoding="utf-8"))
    config["paths"] = {"articles": "articles", "briefs": "briefs", "templates": "templates", "output": "site"}
    results = []
    for seed in ("1", "2"):
        project = tmp_path / f"seed-{seed}"
        project.mkdir()
        (project / "briefing.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        shutil.copytree(REPO / "templates", project / "templates")
        shutil.copytree(REPO / "tests" / "data" / "briefs", project / "briefs")
        (project / "articles").mkdir()
        for article in sorted((REPO / "tests" / "data" / "articles").glob("*.txt")):
            shutil.copy(article, project / "articles" / article.name)
        result = briefing(project, "build", "--quiet", hash_seed=seed)
        assert result.returncode in (0, 1), result.stderr
        results.append((result.returncode, _tree(project / "briefs"), _tree(project / "site")))
    (status_1, briefs_1, site_1), (status_2, briefs_2, site_2) = results
    assert status_1 == status_2
    assert len(briefs_1) > 20 and any(name.startswith("pagefind/") for name in site_1)
    assert sorted(briefs_1) == sorted(briefs_2)
    assert [name for name in briefs_1 if briefs_1[name] != briefs_2[name]] == []
    assert sorted(site_1) == sorted(site_2)
    assert [name for name in site_1 if site_1[name] != site_2[name]] == []


# --- briefing new: an analyst's own brief, started as a draft named as ingest names briefs -------------

IST = ZoneInfo("Asia/Kolkata")  # the sample's site.timezone
TITLE = "Quad talks: what's next for the Indo-Pacific?"


def test_a_new_brief_is_a_hand_written_draft_until_its_draft_line_goes(project: Path) -> None:
    made = briefing(project, "new", TITLE, "--date", "2025-08-01T09:30", "--pillar", "logistics")
    assert made.returncode == 0, made.stderr
    path = project / made.stdout.strip()  # the path alone, for a script: $EDITOR "$(briefing new ...)"
    assert made.stdout == "content/briefs/2025-08-01-quad-talks-whats-next-for-the-indo-pacific.md\n"
    brief = read_brief(path, IST)
    assert (brief.title, brief.date, brief.pillars, brief.draft) == (
        TITLE,
        datetime(2025, 8, 1, 9, 30, tzinfo=IST),
        ["logistics"],
        True,
    )
    assert is_hand_edited(path.read_text(encoding="utf-8"))  # ingest leaves it alone
    slug = path.stem
    assert briefing(project, "build").returncode == 0
    assert not (project / "site" / "briefs" / slug).exists()  # a draft
    text = path.read_text(encoding="utf-8")
    path.write_text(
        "".join(line for line in text.splitlines(True) if not line.startswith("draft:")) + "Our note.\n",
        encoding="utf-8",
    )
    assert briefing(project, "build").returncode == 0
    page = (project / "site" / "briefs" / slug / "index.html").read_text(encoding="utf-8")
    assert "Our note." in page and "what&#39;s next for the Indo-Pacific?" in page


def test_without_a_date_it_is_dated_now_in_the_site_time_zone(project: Path) -> None:
    before = datetime.now(IST).replace(second=0, microsecond=0)
    made = briefing(project, "new", "Today's note")
    brief = read_brief(project / made.stdout.strip(), IST)
    assert before <= brief.date <= datetime.now(IST) and brief.date.utcoffset() == before.utcoffset()
    assert made.stdout.strip() == f"content/briefs/{brief.date.date()}-todays-note.md"


def test_a_brief_already_there_is_never_written_over(project: Path) -> None:
    first = briefing(project, "new", TITLE, "--date", "2025-08-01")
    path = project / first.stdout.strip()
    path.write_text(path.read_text(encoding="utf-8") + "Hours of work.\n", encoding="utf-8")
    again = briefing(project, "new", TITLE, "--date", "2025-08-01")
    assert again.returncode == 2 and again.stdout == ""
    assert again.stderr == (
        f"error: new: {first.stdout.strip()} is there already (give the brief another title)\n"
    )
    assert path.read_text(encoding="utf-8").endswith("Hours of work.\n")


def test_a_title_date_or_pillar_that_cannot_be_is_said_and_nothing_written(project: Path) -> None:
    for args, said in [
        (["  "], "new: the title is empty"),
        (["T", "--date", "yesterday"], "new: --date: expected an ISO 8601 date-time"),
        (
            ["T", "--pillar", "logisitcs"],
            "new: --pillar logisitcs: no such pillar (did you mean 'logistics'?",
        ),
    ]:
        result = briefing(project, "new", *args)
        assert result.returncode == 2 and said in result.stderr, (args, result.stderr)
    assert not list((project / "content" / "briefs").iterdir())


def test_the_front_matter_has_the_keys_to_fill_in(project: Path) -> None:
    made = briefing(
        project, "new", "Note", "--date", "2025-08-01", "--pillar", "logistics", "--pillar", "intelligence"
    )
    front = (project / made.stdout.strip()).read_text(encoding="utf-8").split("---\n")[1]
    assert yaml.safe_load(front) == {
        "title": "Note",
        "date": "2025-08-01T00:00:00+05:30",
        "summary": "",
        "pillars": ["logistics", "intelligence"],
        "tags": [],
        "draft": True,
    }
