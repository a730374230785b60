"""The output folder is replaced whole by every build: what someone else put there is never lost
without a word, and a desk's own files for the site's root have a folder of their own (``paths.extra``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .helpers import REPO, briefing, tree


def _built_sample(folder: Path) -> Path:
    """The sample project in ``folder``, built: returns one of its briefs."""
    shutil.copy(REPO / "briefing.yaml", folder / "briefing.yaml")
    shutil.copytree(REPO / "templates", folder / "templates")
    shutil.copytree(REPO / "content" / "articles", folder / "content" / "articles")
    assert briefing(folder, "build").status == 0
    return sorted((folder / "content" / "briefs").glob("*.md"))[0]


def _edit(brief: Path, words: str) -> None:
    """A change the render must act on (the check of the site only knows its own files)."""
    with brief.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{words}\n")


def test_a_git_repository_in_the_output_folder_stops_the_render_with_the_site_untouched(
    tmp_path: Path,
) -> None:
    """A gh-pages worktree in site/ (as some tools advise): the swap would move its history away
    with the old site, and a later build delete it."""
    brief = _built_sample(tmp_path)
    git = tmp_path / "site" / ".git"
    git.mkdir()
    (git / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    before = tree(tmp_path / "site")
    _edit(brief, "An analyst's line.")

    for command in ("build", "render"):
        run = briefing(tmp_path, command)
        assert run.status == 2
        error = run.lines("error")
        assert len(error) == 1 and error[0].startswith(f"{git}: a git repository in the output folder"), error
        assert tree(tmp_path / "site") == before


def test_files_someone_else_put_in_the_site_are_named_and_do_not_come_back(tmp_path: Path) -> None:
    """Kept in the previous site, which the next build patches, a CNAME came back with every other
    build; now it is named once, when the new site goes without it, and stays out."""
    brief = _built_sample(tmp_path)
    site = tmp_path / "site"
    (site / "CNAME").write_text("briefs.example.org\n", encoding="utf-8")
    (site / ".DS_Store").write_bytes(b"\0")  # a file manager's: dropped without a word
    _edit(brief, "First line.")

    run = briefing(tmp_path, "build")

    assert run.status == 0, run.stderr
    assert run.lines("warning")[-1] == (
        "site/CNAME: not made by briefing, and not in the new site, which replaces the whole folder "
        "(files of your own for the site go in content/extra/)"
    )
    for number in range(3):  # patched from the site before, again and again
        assert not (site / "CNAME").exists() and not (site / ".DS_Store").exists()
        _edit(brief, f"Line {number}.")
        run = briefing(tmp_path, "build")
        assert run.status == 0 and "site/CNAME" not in run.stderr, run.stderr
    assert not (site / "CNAME").exists() and not (site / ".DS_Store").exists()


def test_files_in_the_extra_folder_go_to_the_site_root_and_the_sites_own_win(tmp_path: Path) -> None:
    _built_sample(tmp_path)
    extra = tmp_path / "content" / "extra"
    (extra / ".well-known").mkdir(parents=True)
    (extra / "CNAME").write_text("briefs.example.org\n", encoding="utf-8")
    (extra / ".well-known" / "security.txt").write_text(
        "Contact: mailto:desk@example.org\n", encoding="utf-8"
    )
    (extra / "index.html").write_text("<p>not the home page</p>\n", encoding="utf-8")
    (extra / ".nojekyll").write_bytes(b"")  # as GitHub's guides have you add: the site's own, the same
    unlisted = "User-agent: *\nDisallow: /\n"  # the desk's own robots.txt: it replaces the site's
    (extra / "robots.txt").write_text(unlisted, encoding="utf-8")
    (extra / "briefs").mkdir()
    (extra / "briefs" / "notes.txt").write_text("mine\n", encoding="utf-8")
    site = tmp_path / "site"
    home = (site / "index.html").read_bytes()

    for _ in range(2):  # the second build finds nothing changed and says the same
        run = briefing(tmp_path, "build")
        assert run.status == 1
        assert run.lines("error") == [
            "content/extra/briefs/notes.txt: the site has a folder briefs/ of its own; this file is left out",
            "content/extra/index.html: the site makes index.html itself; this file is left out",
        ]
        assert (site / "CNAME").read_text(encoding="utf-8") == "briefs.example.org\n"
        assert (site / ".well-known" / "security.txt").is_file()
        assert (site / "index.html").read_bytes() == home
        assert not (site / "briefs" / "notes.txt").exists()
        assert (site / "robots.txt").read_text(encoding="utf-8") == unlisted

    (extra / "index.html").unlink()
    shutil.rmtree(extra / "briefs")
    (extra / "CNAME").write_text("news.example.org\n", encoding="utf-8")  # a change to them alone
    assert briefing(tmp_path, "build").status == 0
    assert (site / "CNAME").read_text(encoding="utf-8") == "news.example.org\n"
    (extra / "CNAME").unlink()
    (extra / "robots.txt").unlink()
    run = briefing(tmp_path, "build")
    assert run.status == 0 and not run.lines("warning"), run.stderr
    assert not (site / "CNAME").exists() and (site / ".well-known" / "security.txt").is_file()
    assert "Sitemap: " in (site / "robots.txt").read_text(encoding="utf-8")  # the site's own again
    assert briefing(tmp_path, "check").status == 0
