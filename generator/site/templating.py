"""Jinja2: load and compile the templates once, render a page to bytes.

Autoescaping is on for every template (``select_autoescape`` would leave ``.xml`` unescaped), and
undefined names are errors, so a typo in a template fails the build instead of printing nothing.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator.errors import BriefingError
from generator.site import urls
from generator.site.pages import FeedLink, Page
from generator.site.structure import PillarBadge

PAGE_TEMPLATES = ("home.html", "brief.html", "pillar.html", "pillars.html", "tag.html", "tags.html",
                  "archive.html", "404.html")  # fmt: skip
# Issue 8's page families.
FEATURE_TEMPLATES = ("search.html", "books.html", "book.html", "people.html", "person.html", "timeline.html")
FEED_ITEM_TEMPLATE = "feed_item.html"


class TemplateError(BriefingError):
    """A template is missing, does not compile, or fails while rendering."""


@dataclass(frozen=True)
class SiteInfo:
    """What every page shows of the site as a whole."""

    title: str
    description: str
    language: str
    base_url: str
    base_path: str
    author: str
    stylesheet: str  # site path, with a content-hash query for cache busting
    nav: tuple[PillarBadge, ...]
    feed: FeedLink


def _where(exc: BaseException, templates: Path) -> str:
    """``file:line`` of the innermost template frame in the traceback (Jinja rewrites frames)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename and frame.filename.startswith(str(templates)):
            return f"{frame.filename}:{frame.lineno}"
    return str(templates)


class Templates:
    def __init__(self, folder: Path, compiled_cache: Path | None = None) -> None:
        """``compiled_cache``: a folder keeping the templates compiled between builds (Jinja checks
        each against its source), so a build that renders a few pages does not compile them all."""
        if not folder.is_dir():
            raise TemplateError(f"{folder}: templates folder not found (set paths.templates in the config)")
        self.folder = folder
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folder),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # Templates do not change during a build: without this every {% include %} and {% import %}
            # of every page stats the template file again (~100,000 stats for 10,000 briefs).
            auto_reload=False,
            bytecode_cache=jinja2.FileSystemBytecodeCache(str(compiled_cache)) if compiled_cache else None,
        )
        names = (*PAGE_TEMPLATES, *FEATURE_TEMPLATES, FEED_ITEM_TEMPLATE)
        self.compiled = {name: self._load(name) for name in names}

    def _load(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            where = f"{exc.filename or self.folder / name}:{exc.lineno}"
            raise TemplateError(f"{where}: template syntax error: {exc.message}") from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"{self.folder / name}: template not found ({exc.name} is missing)") from None

    def render(self, name: str, context: dict[str, Any], what: str) -> str:
        template = self.compiled.get(name)
        if template is None:  # one no site needs (redirect.html: only once a brief moved)
            template = self.compiled[name] = self._load(name)
        try:
            return template.render(context)
        except jinja2.TemplateSyntaxError as exc:  # an {% include %} of a broken partial
            raise TemplateError(
                f"{exc.filename}:{exc.lineno}: template syntax error: {exc.message}"
            ) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"{self.folder / name}: includes a missing template {exc.name}") from None
        except Exception as exc:
            raise TemplateError(f"{_where(exc, self.folder)}: rendering {what} failed: {exc}") from exc


def url_function(page: Page, site: SiteInfo) -> Callable[[str], str]:
    if page.rooted_links:
        return lambda path: urls.rooted(site.base_path, path)
    return lambda path: urls.relative(page.path, path)


def render_page(templates: Templates, page: Page, site: SiteInfo) -> bytes:
    """One page as bytes: a pure function of its arguments."""
    context = {
        "site": site,
        "page": page,
        "data": page.data,
        "url": url_function(page, site),
        "canonical": urls.absolute(site.base_url, page.path),
        "feeds": (site.feed, *page.feeds),
    }
    return templates.render(page.template, context, f"page {page.output}").encode("utf-8")
