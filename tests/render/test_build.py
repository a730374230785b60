"""Build behaviour: determinism, the atomic swap, stale pages, bad briefs and bad templates."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import generator.site as site_module
from generator.errors import BriefingError
from generator.site import TemplateError, render_site

from .helpers import TEMPLATES, Built, make_config, quiet, tree_bytes


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    one = make_config(tmp_path / "one")
    two = make_config(tmp_path / "two")
    render_site(one, quiet())
    render_site(two, quiet())
    first, second = tree_bytes(one.paths.output), tree_bytes(two.paths.output)
    assert list(first) == list(second)
    assert first == second


def test_rebuild_writes_nothing_new_and_keeps_mtimes(build: Callable[..., Built]) -> None:
    first = build()
    page = first.root / "briefs/jet-engines/index.html"
    mtime = page.stat().st_mtime_ns
    second = build()
    assert second.report.written == 0
    assert page.stat().st_mtime_ns == mtime
    assert first.report.written == len(tree_bytes(first.root))


def test_failed_render_leaves_previous_site_untouched(
    build: Callable[..., Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = build()
    snapshot = tree_bytes(before.root)
    real = site_module.render_page
    calls = 0

    def failing(templates, page, info):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 5:
            raise TemplateError("boom in the middle of the build")
        return real(templates, page, info)

    monkeypatch.setattr(site_module, "render_page", failing)
    with pytest.raises(TemplateError, match="boom"):
        build()
    assert calls == 5
    assert tree_bytes(before.root) == snapshot
    leftovers = [p.name for p in before.root.parent.iterdir() if p.name.startswith(".site.")]
    assert leftovers == []


def test_a_template_raising_mid_render_names_the_template(
    tmp_path: Path, build: Callable[..., Built]
) -> None:
    before = build()
    snapshot = tree_bytes(before.root)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    brief = templates / "brief.html"
    brief.write_text(brief.read_text().replace("{{ b.datetime_text }}", "{{ b.no_such_field }}"))
    with pytest.raises(TemplateError, match=r"brief\.html:\d+: rendering page briefs/.*no_such_field"):
        build(templates=templates)
    assert tree_bytes(before.root) == snapshot


def test_deleted_brief_page_disappears(build: Callable[..., Built], briefs_copy: Path) -> None:
    first = build(briefs=briefs_copy)
    assert (first.root / "briefs/malabar-2025/index.html").is_file()
    (briefs_copy / "2025-05-20-malabar.md").unlink()
    second = build(briefs=briefs_copy)
    assert not (second.root / "briefs/malabar-2025").exists()
    assert "malabar-2025" not in (second.root / "sitemap.xml").read_text()
    assert "malabar-2025" not in (second.root / "pillars/training-exercises/index.html").read_text()


def test_bad_briefs_are_failures_and_the_rest_render(build: Callable[..., Built], briefs_copy: Path) -> None:
    (briefs_copy / "zz-bad-yaml.md").write_text("---\ntitle: ok\ndate: [nope\n---\nbody\n")
    (briefs_copy / "zz-unknown-pillar.md").write_text(
        "---\ntitle: Unknown pillar\ndate: 2025-01-01T10:00:00+05:30\npillars: [space-force]\n---\nbody\n"
    )
    (briefs_copy / "zz-duplicate.md").write_text(
        "---\ntitle: Duplicate\ndate: 2025-01-02T10:00:00+05:30\nslug: jet-engines\n---\nbody\n"
    )
    result = build(briefs=briefs_copy)
    failures = {f.file.name: f for f in result.report.failures}
    assert set(failures) == {"zz-bad-yaml.md", "zz-unknown-pillar.md", "zz-duplicate.md"}
    assert failures["zz-bad-yaml.md"].line in (3, 4)  # where YAML notices the open bracket
    assert failures["zz-unknown-pillar.md"].line == 4
    assert "space-force" in failures["zz-unknown-pillar.md"].message
    assert "2024-06-18-jet-engines.md" in failures["zz-duplicate.md"].message
    assert result.report.briefs == 12
    assert "GE F414" in (result.root / "briefs/jet-engines/index.html").read_text()


def test_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "pillar.html").write_text(
        "{% extends 'base.html' %}\n{% block main %}\n{% if %}\n{% endblock %}\n"
    )
    config = make_config(tmp_path, templates=templates)
    with pytest.raises(TemplateError, match=r"pillar\.html:3: template syntax error"):
        render_site(config, quiet())
    assert not config.paths.output.exists()


def test_missing_templates_folder_is_a_clear_error(tmp_path: Path) -> None:
    config = make_config(tmp_path, templates=tmp_path / "nowhere")
    with pytest.raises(BriefingError, match="templates folder not found"):
        render_site(config, quiet())


def test_empty_site_renders(tmp_path: Path) -> None:
    empty = tmp_path / "no-briefs"
    empty.mkdir()
    config = make_config(tmp_path, briefs=empty)
    report = render_site(config, quiet())
    assert report.briefs == 0
    assert "No briefs yet." in (config.paths.output / "index.html").read_text()
    from generator.check import check_site

    assert check_site(config) == []
