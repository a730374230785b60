"""What the articles folder holds besides articles, and how it is reached, is never passed over in
silence: files that are not articles are named, linked folders are read, broken links are errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.progress import FIRST_WARNINGS

from .helpers import REPO, briefing

SAMPLE = sorted((REPO / "content" / "articles").glob("*.txt"))
GONE = "it links to {}, which is not there"
KEPT = "kept as it was: its articles cannot be used now"
NOT_ARTICLE = "not an article, left out (only *.txt, *.html, *.htm, *.mhtml, *.mht files are read)"


def _project(folder: Path) -> Path:
    """The sample project's config and templates, no articles, no briefs: returns its articles folder."""
    shutil.copy(REPO / "briefing.yaml", folder / "briefing.yaml")
    shutil.copytree(REPO / "templates", folder / "templates")
    articles = folder / "content" / "articles"
    articles.mkdir(parents=True)
    return articles


def _sources(project: Path) -> list[str]:
    files = []
    for brief in sorted((project / "content" / "briefs").glob("*.md")):
        front = yaml.safe_load(brief.read_text(encoding="utf-8").split("---\n")[1])
        files += [source["file"] for source in front["sources"]]
    return sorted(files)


def test_files_that_are_not_articles_are_named_by_build_and_ingest(tmp_path: Path) -> None:
    articles = _project(tmp_path)
    shutil.copy(SAMPLE[0], articles / SAMPLE[0].name)
    (articles / "report.pdf").write_bytes(b"%PDF-1.4\n")
    (articles / "notes").mkdir()
    (articles / "notes" / "to-read.docx").write_bytes(b"PK\x03\x04")
    (articles / ".DS_Store").write_bytes(b"\0")  # a dot-file is nobody's article: not named

    for command in ("build", "build", "ingest"):  # the second build finds nothing else changed
        run = briefing(tmp_path, command)
        assert run.status == 0, run.stderr
        assert run.lines("warning") == [
            f"content/articles/notes/to-read.docx: {NOT_ARTICLE}",
            f"content/articles/report.pdf: {NOT_ARTICLE}",
        ]
    assert _sources(tmp_path) == [f"content/articles/{SAMPLE[0].name}"]

    for number in range(FIRST_WARNINGS + 2):  # a folder full of them is not a screenful
        (articles / f"scan-{number}.png").write_bytes(b"\x89PNG")
    warnings = briefing(tmp_path, "build").lines("warning")
    assert len(warnings) == FIRST_WARNINGS + 1, warnings
    assert warnings[-1] == "and 4 more files in the articles folder, not articles"


def test_a_linked_folder_is_read_once_and_named_through_its_link(tmp_path: Path) -> None:
    """A desk links its scraper's folder in: its articles are read and named as the link shows
    them. A link back up the tree, or a second link to the same folder, reads nothing twice."""
    project = tmp_path / "project"
    project.mkdir()
    articles = _project(project)
    scraped = tmp_path / "scraper-output"
    scraped.mkdir()
    shutil.copy(SAMPLE[0], scraped / "story.txt")
    shutil.copy(SAMPLE[1], articles / SAMPLE[1].name)
    (articles / "feed").symlink_to(scraped)
    (articles / "zz-again").symlink_to(scraped)  # met after "feed" in name order
    (articles / "feed-loop").mkdir()
    (articles / "feed-loop" / "up").symlink_to(articles)

    run = briefing(project, "build")

    assert run.status == 0, run.stderr
    assert run.stdout.startswith("2 articles ")
    assert _sources(project) == [f"content/articles/{SAMPLE[1].name}", "content/articles/feed/story.txt"]


def test_a_broken_link_is_an_error_naming_it_and_the_rest_builds(tmp_path: Path) -> None:
    """A link to an article or a brief that is not there (moved, unmounted) was left out without
    a word; now it is an error, said by every build until it is mended, and the rest builds."""
    articles = _project(tmp_path)
    shutil.copy(SAMPLE[0], articles / SAMPLE[0].name)
    (articles / "moved.txt").symlink_to(tmp_path / "nowhere.txt")
    briefs = tmp_path / "content" / "briefs"
    briefs.mkdir()
    (briefs / "2025-01-01-lost.md").symlink_to(tmp_path / "lost.md")

    for _ in range(2):  # the second build finds nothing changed: the errors are said again
        run = briefing(tmp_path, "build")
        assert run.status == 1
        assert run.lines("error") == [
            f"content/articles/moved.txt: cannot be read: {GONE.format(tmp_path / 'nowhere.txt')}",
            f"content/briefs/2025-01-01-lost.md: cannot be read: {GONE.format(tmp_path / 'lost.md')}",
        ]
        assert len(list((tmp_path / "site" / "briefs").iterdir())) == 1

    explained = briefing(tmp_path, "ingest", "--explain", "content/articles/moved.txt")
    assert explained.lines("error") == [
        f"content/articles/moved.txt: cannot be read: {GONE.format(tmp_path / 'nowhere.txt')}"
    ]

    shutil.copy(SAMPLE[1], tmp_path / "nowhere.txt")  # mended: the next build reads it
    (briefs / "2025-01-01-lost.md").unlink()
    run = briefing(tmp_path, "build")
    assert run.status == 0, run.stderr
    assert len(list((tmp_path / "site" / "briefs").iterdir())) == 2


def test_a_linked_folder_gone_keeps_its_briefs_until_it_is_back(tmp_path: Path) -> None:
    """The README's advice, a link to the scraper's folder: with its drive not mounted, the link was
    "not an article", and every brief of its articles was deleted ("its articles are gone")."""
    articles = _project(tmp_path)
    scraper = tmp_path / "share" / "scraper"
    scraper.mkdir(parents=True)
    shutil.copy(SAMPLE[0], articles / SAMPLE[0].name)
    shutil.copy(SAMPLE[1], scraper / SAMPLE[1].name)
    (articles / "scraper").symlink_to(scraper)
    assert briefing(tmp_path, "build").status == 0
    briefs = {p.name: p.read_bytes() for p in (tmp_path / "content" / "briefs").iterdir()}
    pages = sorted(p.name for p in (tmp_path / "site" / "briefs").iterdir())
    scraper.rename(tmp_path / "share" / "unmounted")

    first = briefing(tmp_path, "build")
    again = briefing(tmp_path, "build")  # reads nothing: the error is said again

    for run in (first, again):
        assert run.status == 1
        assert run.lines("error") == [f"content/articles/scraper: cannot be read: {GONE.format(scraper)}"]
    kept = next(name for name in briefs if "phone-talks" in name)
    for run in (first, again):  # said again, as the error is: not as if mended
        assert run.lines("warning") == [f"content/briefs/{kept}: {KEPT}"]
    assert {p.name: p.read_bytes() for p in (tmp_path / "content" / "briefs").iterdir()} == briefs
    assert sorted(p.name for p in (tmp_path / "site" / "briefs").iterdir()) == pages

    (tmp_path / "share" / "unmounted").rename(scraper)
    run = briefing(tmp_path, "build")
    assert (run.status, run.lines("error"), run.lines("warning")) == (0, [], [])
    assert {p.name: p.read_bytes() for p in (tmp_path / "content" / "briefs").iterdir()} == briefs


def test_an_article_that_turns_unusable_keeps_its_brief(tmp_path: Path) -> None:
    """A scraper run that left a file empty deleted its brief, and the story left the site."""
    articles = _project(tmp_path)
    for sample in SAMPLE:
        shutil.copy(sample, articles / sample.name)
    assert briefing(tmp_path, "build").status == 0
    briefs = {p.name: p.read_bytes() for p in (tmp_path / "content" / "briefs").iterdir()}
    (articles / SAMPLE[1].name).write_bytes(b"")

    run = briefing(tmp_path, "build")
    (tmp_path / "content" / "briefs" / "note.md").write_text("---\ntitle: N\ndate: 2025-01-01\n---\nN\n")
    only_briefs = briefing(tmp_path, "build")  # no article changed: ingest looks at the briefs only
    again = briefing(tmp_path, "build")  # nothing changed: ingest reads nothing

    kept = next(name for name in briefs if "phone-talks" in name)
    for each in (run, only_briefs, again):
        assert each.status == 1
        assert each.lines("error") == [f"content/articles/{SAMPLE[1].name}: the file is empty"]
        assert each.lines("warning") == [f"content/briefs/{kept}: {KEPT}"]
    (tmp_path / "content" / "briefs" / "note.md").unlink()
    assert {p.name: p.read_bytes() for p in (tmp_path / "content" / "briefs").iterdir()} == briefs
    assert (tmp_path / "site" / "briefs" / Path(kept).stem / "index.html").is_file()


def test_ingest_given_a_folder_ingests_every_article_in_it(tmp_path: Path) -> None:
    """``ingest content/articles/new`` said "cannot be read: Is a directory"."""
    articles = _project(tmp_path)
    new = articles / "new"
    (new / "deeper").mkdir(parents=True)
    shutil.copy(SAMPLE[0], new / "one.txt")
    shutil.copy(SAMPLE[1], new / "deeper" / "two.txt")
    (new / "notes.md").write_text("To read.\n", encoding="utf-8")
    (articles / "empty").mkdir()
    shutil.copy(SAMPLE[1], articles / "not-given.txt")

    run = briefing(tmp_path, "ingest", "content/articles/new", "content/articles/empty")

    assert run.status == 0, run.stderr
    assert run.lines("warning") == [
        "content/articles/empty: no articles in this folder",
        f"content/articles/new/notes.md: {NOT_ARTICLE}",
    ]
    assert _sources(tmp_path) == ["content/articles/new/deeper/two.txt", "content/articles/new/one.txt"]


def test_the_folder_a_browser_saves_beside_a_page_is_not_read(tmp_path: Path) -> None:
    """ "Save page as... Webpage, Complete" writes ``Story.html`` and ``Story_files/``: its frames
    (ads, embedded posts) were errors, its scripts and images warnings, on every build."""
    articles = _project(tmp_path)
    page = (REPO / "tests" / "data" / "articles" / "sample_etv_bharat.txt").read_text(encoding="utf-8")
    shutil.copy(SAMPLE[0], articles / "Story.txt")
    (articles / "Saved.HTM").write_text(
        "<html><head><title>India, US hold naval talks</title>"
        '<meta property="article:published_time" content="2025-02-06T20:09:00+05:30">'
        "</head><body><article>"
        + "".join(f"<p>{p}</p>" for p in page.split("\n\n")[6:10])
        + "</article></body></html>",
        encoding="utf-8",
    )
    for folder in ("Saved_files", "Story_files"):  # Story.txt is not a saved page: its folder is read
        (articles / folder).mkdir()
        (articles / folder / "saved_resource.html").write_text("<html><body>Ad</body></html>")
        (articles / folder / "app.js").write_text("var x;")

    run = briefing(tmp_path, "build")

    assert run.lines("error") == [
        "content/articles/Story_files/saved_resource.html: no headline: the HTML page has no title"
    ]
    assert run.lines("warning") == [f"content/articles/Story_files/app.js: {NOT_ARTICLE}"]
    assert _sources(tmp_path) == ["content/articles/Saved.HTM", "content/articles/Story.txt"]
