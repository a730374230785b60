"""Every HTML page passes the W3C Nu validator; the sitemap and every feed are well-formed XML.

vnu runs once, over every page of both sites plus two hand-made pages that prove it can fail.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from generator.brief_file import dump_brief
from generator.model import Brief, Quote

from .conftest import ServedSite
from .sites import build, site_config
from .tools import require_vnu
from .vnu import VnuMessage, validate_html

VALID_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Fine</title></head>
<body><main><h1>Fine</h1><p>A valid page.</p></main></body></html>
"""
# A missing <title>, a duplicate id and a stray end tag: mistakes a template can make.
INVALID_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"></head>
<body><p id="x">one</p><p id="x">two</p></div></body></html>
"""


@pytest.fixture(scope="module")
def controls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("vnu-controls")
    (folder / "valid.html").write_text(VALID_PAGE, encoding="utf-8")
    (folder / "invalid.html").write_text(INVALID_PAGE, encoding="utf-8")
    return {"valid": folder / "valid.html", "invalid": folder / "invalid.html"}


@pytest.fixture(scope="module")
def person_pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The pages of a person named and quoted in nine briefs, three to a page: a first page and two
    numbered ones, which neither site has (no one there is in enough briefs)."""
    root = tmp_path_factory.mktemp("person-pages")
    briefs = root / "briefs"
    briefs.mkdir()
    for day in range(1, 10):
        date = datetime.fromisoformat(f"2025-05-0{day}T09:00:00+05:30")
        said = [Quote("Rajnath Singh", f"What was said on day {day} of the talks.")]
        brief = Brief(f"named-{day}", f"Named {day}", date, "Body.", people=["Rajnath Singh"], quotes=said)
        (briefs / f"named-{day}.md").write_text(dump_brief(brief), encoding="utf-8")
    site = build(site_config("https://example.github.io/people/", root / "site", briefs, {"per_page": 3}))
    return sorted((site / "people" / "rajnath-singh").rglob("*.html"))


@pytest.fixture(scope="module")
def vnu_errors(
    sample_site: ServedSite, reader_site: ServedSite, person_pages: list[Path], controls: dict[str, Path]
) -> dict[Path, list[VnuMessage]]:
    """vnu's errors by file, for every page of both sites, a person's numbered pages and the two
    controls, from one JVM."""
    java, jar = require_vnu()
    files = sorted(sample_site.site_dir.rglob("*.html")) + sorted(reader_site.site_dir.rglob("*.html"))
    files += person_pages + list(controls.values())
    by_file: dict[Path, list[VnuMessage]] = {f.resolve(): [] for f in files}
    for message in validate_html(java, jar, files):
        by_file.setdefault(message.file.resolve(), []).append(message)
    return by_file


@pytest.mark.parametrize("which", ["sample_site", "reader_site"])
def test_every_html_page_is_valid(
    which: str, request: pytest.FixtureRequest, vnu_errors: dict[Path, list[VnuMessage]]
) -> None:
    site_dir = request.getfixturevalue(which).site_dir.resolve()
    pages = [f for f in vnu_errors if f.is_relative_to(site_dir)]
    assert len(pages) >= 5, "too few pages were validated"
    errors = [str(m) for f in pages for m in vnu_errors[f]]
    assert not errors, f"{len(errors)} vnu errors:\n" + "\n".join(errors)


def test_a_person_s_numbered_pages_are_valid(
    person_pages: list[Path], vnu_errors: dict[Path, list[VnuMessage]]
) -> None:
    assert [p.parent.name for p in person_pages] == ["rajnath-singh", "1", "2"]
    errors = [str(m) for f in person_pages for m in vnu_errors[f.resolve()]]
    assert not errors, f"{len(errors)} vnu errors:\n" + "\n".join(errors)


def test_vnu_reports_errors_in_invalid_html(
    vnu_errors: dict[Path, list[VnuMessage]], controls: dict[str, Path]
) -> None:
    assert vnu_errors[controls["valid"].resolve()] == []
    messages = " | ".join(m.message for m in vnu_errors[controls["invalid"].resolve()])
    assert "title" in messages and "Duplicate ID" in messages and "Stray end tag" in messages, messages


# --- XML ----------------------------------------------------------------------------------------------


def xml_problem(body: bytes) -> str | None:
    """Why an XML document is not well-formed, or None; no recovery, exactly as a strict client reads it."""
    try:
        etree.fromstring(body, etree.XMLParser(recover=False, resolve_entities=False))
    except etree.XMLSyntaxError as error:
        return str(error)
    return None


@pytest.mark.parametrize("which", ["sample_site", "reader_site"])
def test_sitemap_and_feeds_are_well_formed_xml(which: str, request: pytest.FixtureRequest) -> None:
    site_dir = request.getfixturevalue(which).site_dir
    documents = sorted(site_dir.rglob("*.xml"))
    assert site_dir / "sitemap.xml" in documents and site_dir / "feed.xml" in documents
    problems = {str(d.relative_to(site_dir)): xml_problem(d.read_bytes()) for d in documents}
    assert not {k: v for k, v in problems.items() if v}, problems


def test_xml_check_catches_malformed_feed(reader_site: ServedSite) -> None:
    feed = (reader_site.site_dir / "feed.xml").read_bytes()
    assert xml_problem(feed) is None
    assert xml_problem(feed.replace(b"&amp;", b"&", 1).replace(b"</channel>", b"")) is not None
    assert xml_problem(feed.replace(b"<item>", b"<item>&nbsp;", 1)) is not None  # an HTML-only entity
