"""``briefing check``: problems in the built site a reader would hit.

Broken internal links and missing assets (every href/src of every HTML page, resolved the way a
browser would from the page's URL under the base path), links to missing fragment ids, feeds that
do not parse, sitemap entries with no page, and briefs the renderer would skip.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser

from generator.config import Config
from generator.model import Brief
from generator.site.body_links import dangling, found_in
from generator.site.load import load_briefs, load_redirects

URL_ATTRIBUTES = {"href", "src"}
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class _PageLinks:
    urls: list[tuple[str, int]] = field(default_factory=list)  # (url, line)
    ids: set[str] = field(default_factory=set)


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = _PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                self.found.urls.append((value.strip(), self.getpos()[0]))
            elif name == "id" or (tag == "a" and name == "name"):
                self.found.ids.add(value)


def _parse_html(path: Path) -> _PageLinks:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.found


class _Site:
    """The built site seen through its URLs: which URL path maps to which file."""

    def __init__(self, root: Path, base_url: str) -> None:
        self.root = root
        self.base_url = base_url
        parts = urlsplit(base_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.base_path = parts.path or "/"
        self._ids: dict[Path, set[str]] = {}

    def page_url(self, file: Path) -> str:
        relative = file.relative_to(self.root).as_posix()
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        return self.origin + self.base_path + relative

    def file_for(self, url: str) -> Path | None:
        """The file serving an absolute URL inside the site, or None when it is outside."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin or not parts.path.startswith(self.base_path):
            return None
        relative = unquote(parts.path[len(self.base_path) :])
        target = self.root / relative
        if relative == "" or relative.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target

    def ids(self, file: Path) -> set[str]:
        if file not in self._ids:
            self._ids[file] = _parse_html(file).ids
        return self._ids[file]

    def is_inside(self, url: str) -> bool:
        return url.startswith(self.origin + self.base_path)


@dataclass(frozen=True)
class _Missing:
    """A link to a file the site does not have; every page with a link to it is said in one line."""

    url: str
    href: str


def _check_link(site: _Site, page: Path, page_url: str, href: str, line: int) -> str | _Missing | None:
    if not href or href.startswith(SKIPPED_SCHEMES):
        return None
    resolved = urljoin(page_url, href)
    scheme = urlsplit(resolved).scheme
    if scheme not in ("http", "https", ""):
        return None
    if not site.is_inside(resolved):
        same_host = resolved.startswith(site.origin + "/")
        if same_host and not href.startswith(("http://", "https://")):
            # A link like "/style.css" escapes the base path: it breaks under a sub-path.
            return f"{page}:{line}: link {href!r} points outside the site's base path {site.base_path}"
        return None
    target = site.file_for(resolved)
    if target is None or not target.is_file():
        return _Missing(resolved, href)
    fragment = urlsplit(resolved).fragment
    if fragment and target.suffix == ".html" and unquote(fragment) not in site.ids(target):
        return f"{page}:{line}: link {href!r} points at a missing id #{fragment}"
    return None


def _check_pages(site: _Site) -> list[str]:
    """One line a bad link, but one a missing file however many pages link to it (every page links
    the stylesheet and each pillar: a page gone was hundreds of lines)."""
    problems: list[str | _Missing] = []
    places: dict[str, list[str]] = {}  # a missing file's URL -> "page:line" of each link to it
    for page in sorted(site.root.rglob("*.html")):
        found = _parse_html(page)
        site._ids[page] = found.ids
        page_url = site.page_url(page)
        for href, line in found.urls:
            problem = _check_link(site, page, page_url, href, line)
            if isinstance(problem, _Missing):
                if problem.url not in places:
                    problems.append(problem)
                places.setdefault(problem.url, []).append(f"{page}:{line}")
            elif problem:
                problems.append(problem)
    return [p if isinstance(p, str) else _missing_text(p, places[p.url]) for p in problems]


def _missing_text(missing: _Missing, places: list[str]) -> str:
    text = f"{places[0]}: broken link {missing.href!r} (no file for {missing.url})"
    others = places[1:]
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        text += f"; {len(others)} more link{'s' if len(others) > 1 else ''} to it: {shown}"
    return text


def _check_feeds(site: _Site) -> list[str]:
    problems = []
    for feed in sorted(site.root.rglob("feed.xml")):
        data = feed.read_bytes()
        try:
            ET.fromstring(data)
        except ET.ParseError as exc:
            problems.append(f"{feed}: not well-formed XML ({exc})")
            continue
        parsed = feedparser.parse(data)
        if parsed.bozo:
            problems.append(f"{feed}: feed does not parse ({parsed.bozo_exception})")
            continue
        for entry in parsed.entries:
            link = entry.get("link", "")
            target = site.file_for(link) if link else None
            if not link or target is None or not target.is_file():
                problems.append(f"{feed}: item {entry.get('title', '?')!r} links to a missing page {link!r}")
    return problems


def _check_sitemap(site: _Site) -> list[str]:
    sitemap = site.root / "sitemap.xml"
    if not sitemap.is_file():
        return [f"{sitemap}: missing"]
    try:
        tree = ET.fromstring(sitemap.read_bytes())
    except ET.ParseError as exc:
        return [f"{sitemap}: not well-formed XML ({exc})"]
    problems = []
    for loc in tree.iter(f"{SITEMAP_NS}loc"):
        url = (loc.text or "").strip()
        target = site.file_for(url)
        if target is None or not target.is_file():
            problems.append(f"{sitemap}: {url!r} has no page in the site")
    return problems


# --- issue 8: Atom and JSON feeds, the search index, the new page families ---

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
FEATURE_FILES = ("atom.xml", "feed.json", "search/index.html", "timeline/index.html", "people/index.html",
                 "books/index.html", "tags/index.html")  # fmt: skip


def _missing_item_page(site: _Site, feed: Path, title: str, link: str) -> str | None:
    target = site.file_for(link) if link else None
    if not link or target is None or not target.is_file():
        return f"{feed}: item {title!r} links to a missing page {link!r}"
    return None


def _check_atom_feeds(site: _Site) -> list[str]:
    problems = []
    for feed in sorted(site.root.rglob("atom.xml")):
        parsed = feedparser.parse(feed.read_bytes())
        if parsed.bozo or not parsed.version.startswith("atom"):
            problems.append(
                f"{feed}: not a well-formed Atom feed ({parsed.get('bozo_exception', parsed.version)})"
            )
            continue
        for entry in parsed.entries:
            problem = _missing_item_page(site, feed, entry.get("title", "?"), entry.get("link", ""))
            if problem:
                problems.append(problem)
            elif entry.get("id") != entry.get("link"):
                problems.append(
                    f"{feed}: item {entry.get('title', '?')!r} has id {entry.get('id')!r}, not its URL"
                )
    return problems


def _check_json_feeds(site: _Site) -> list[str]:
    problems = []
    for feed in sorted(site.root.rglob("feed.json")):
        try:
            data = json.loads(feed.read_text(encoding="utf-8"))
            items = data["items"]
            if data.get("version") != JSON_FEED_VERSION or not isinstance(items, list):
                raise ValueError(f"version {data.get('version')!r}")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            problems.append(f"{feed}: not a JSON Feed 1.1 ({exc})")
            continue
        for item in items:
            problem = _missing_item_page(site, feed, str(item.get("title", "?")), str(item.get("url", "")))
            if problem:
                problems.append(problem)
    return problems


def _check_search(site: _Site) -> list[str]:
    """With brief pages, the search page needs its Pagefind bundles, each with its script and index."""
    if not any((site.root / "briefs").glob("*/index.html")):
        return []
    page = site.root / "search" / "index.html"
    try:
        listed = re.search(r'data-bundles="([^"]*)"', page.read_text(encoding="utf-8"))
    except OSError:
        return [f"{page}: missing"]
    if listed is None or not listed.group(1).split():
        return [f"{page}: lists no search index bundles"]
    problems = []
    for number, relative in enumerate(listed.group(1).split()):
        bundle = (page.parent / relative).resolve()
        entry_file = bundle / "pagefind-entry.json"
        # Pagefind's script comes from the first (the newest) bundle alone; the others are merged into it.
        needed = ("pagefind.js", "pagefind-entry.json") if number == 0 else ("pagefind-entry.json",)
        problems += [f"{bundle / name}: missing" for name in needed if not (bundle / name).is_file()]
        if not entry_file.is_file():
            continue
        try:
            languages = json.loads(entry_file.read_text(encoding="utf-8"))["languages"]
            for info in languages.values():
                meta = bundle / f"pagefind.{info['hash']}.pf_meta"
                if not meta.is_file():
                    problems.append(f"{entry_file}: names a missing index {meta.name}")
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            problems.append(f"{entry_file}: cannot be read ({exc})")
    return problems


def _check_brief_links(config: Config, briefs: list[Brief]) -> list[str]:
    published = {brief.slug for brief in briefs}
    published |= load_redirects(config, published).pages.keys()  # an old address still leads there
    found = {str(b.path): links for b in briefs if b.path is not None and (links := found_in(b, config))}
    slugs = {b.path.name: b.slug for b in briefs if b.path is not None}
    return [str(problem) for problem in dangling(config, found, published, slugs)]


def check_site(config: Config) -> list[str]:
    """Every problem found, one line each, ``file[:line]: message``; empty when all is well."""
    loaded = load_briefs(config)
    problems = [str(f) for f in loaded.failures] + _check_brief_links(config, loaded.briefs)
    root = config.paths.output
    if not (root / "index.html").is_file():
        return [*problems, f"{root}: no built site here (run 'briefing build' first)"]
    site = _Site(root, config.site.base_url)
    problems += _check_pages(site)
    problems += _check_feeds(site)
    problems += _check_sitemap(site)
    problems += _check_atom_feeds(site) + _check_json_feeds(site) + _check_search(site)
    for required in (".nojekyll", "404.html", "robots.txt", "feed.xml", *FEATURE_FILES):
        if not (root / required).is_file():
            problems.append(f"{root / required}: missing")
    return problems
