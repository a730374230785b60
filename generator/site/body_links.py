"""Links written in a brief's body the way they work in the content folder, made into the site's.

An analyst links another brief by its file (``[the July call](2025-07-01-talks.md)``) and a picture
of the desk's own by its place in the project (``![map](../extra/map.png)``), as every Markdown
editor and GitHub's file view resolve them. On the site the brief is a page, ``briefs/<slug>/``,
and ``paths.extra`` is the site's root, so each such link is rewritten to what the site serves; any
other link is left as it is. The rewrite depends on nothing but the body and the two folders, so a
brief's page changes only when its own body (or the config) does.

A link to a brief that is not published, or to a file that is not there, is said by every build and
by ``briefing check``, named by the brief's file and line (``dangling``): the site's pages would only
say where a reader meets it. The links are found when a brief is read (``found_in``), and judged
when said, against the briefs and files of that build.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, unquote

from generator.brief_file import SLUG_RE
from generator.config import Config
from generator.fileio import relative_to_root
from generator.model import Brief, Failure
from generator.site import headings, urls
from generator.site.markdown import URL_ATTR, render_markdown

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# The characters markdown-it leaves unencoded in a link (mdurl's), so a folder's name compares as written.
_URL_SAFE = ";/?:@&=+$,-_.!~*'()#"


@dataclass(frozen=True)
class Target:
    """Where a content link leads on the site: a brief's page (``slug``) or a file of ``paths.extra``."""

    site_path: str  # below the base URL, still percent-encoded as written
    slug: str | None = None  # the brief linked, by its file name
    extra: str | None = None  # the file linked, relative to paths.extra (decoded)


@dataclass(frozen=True)
class ContentLinks:
    briefs: str  # the briefs folder and the extra folder, relative to the project root, encoded
    extra: str

    def target(self, href: str) -> Target | None:
        """The site's target of a body link, or None for a link that is not to the content folder."""
        if not href or href.startswith(("/", "#", "?")) or _SCHEME.match(href):
            return None
        path, hash_mark, fragment = href.partition("#")
        if "?" in path:
            return None
        place = posixpath.normpath(posixpath.join(self.briefs, path))
        folder, _, name = place.rpartition("/")
        if folder == self.briefs and name.endswith(".md") and SLUG_RE.match(name[:-3]):
            slug = name[:-3]
            # Without raw HTML a brief's only anchors are its headings, whose ids carry the prefix.
            heading = f"#{headings.PREFIX}{fragment}" if fragment else hash_mark
            return Target(urls.brief(slug) + heading, slug=slug)
        if place.startswith(self.extra + "/"):
            inside = place[len(self.extra) + 1 :]
            return Target(inside + hash_mark + fragment, extra=unquote(inside))
        return None

    def rewrite(self, body_html: str, page: str) -> str:
        """``body_html`` (markdown-it output, its headings with ids) with its content links made to
        work from the site page ``page``, and its links to its own headings to their ids."""
        if ' href="' not in body_html and ' src="' not in body_html:
            return body_html  # most briefs (all that ingest writes) link nothing

        def fix(match: re.Match[str]) -> str:
            href = match.group(2)
            if href.startswith("#"):
                own = headings.has_id(body_html, unquote(html.unescape(href[1:])))
                return f'{match.group(1)}="#{headings.PREFIX}{href[1:]}"' if own else match.group(0)
            found = self.target(href)
            if found is None:
                return match.group(0)
            return f'{match.group(1)}="{urls.relative(page, found.site_path)}"'

        return URL_ATTR.sub(fix, body_html)


def content_links(briefs: Path, extra: Path, root: Path) -> ContentLinks:
    return _content_links(str(briefs), str(extra), str(root))


@lru_cache(maxsize=4)  # one config per build; asked for every brief
def _content_links(briefs: str, extra: str, root: str) -> ContentLinks:
    def encoded(folder: str) -> str:
        return quote(Path(os.path.relpath(folder, root)).as_posix(), safe=_URL_SAFE)

    return ContentLinks(encoded(briefs), encoded(extra))


Found = tuple[tuple[str, Target], ...]  # a brief's content links: (href as written, its target)


def found_in(brief: Brief, config: Config) -> Found:
    """The content links of a brief's body; () for a body with no Markdown link or image, which
    is most briefs (rendering 10,000 bodies to look costs ~3 s)."""
    if "](" not in brief.body and "]:" not in brief.body:
        return ()
    links = content_links(config.paths.briefs, config.paths.extra, config.root)
    found = []
    for match in URL_ATTR.finditer(render_markdown(brief.body)):
        href = html.unescape(match.group(2))
        target = links.target(href)
        if target is not None:
            found.append((href, target))
    return tuple(found)


def dangling(
    config: Config,
    found: Mapping[str, Found],
    published: Collection[str],
    slugs: Mapping[str, str],
) -> list[Failure]:
    """The links of ``found`` (by brief file) that lead to no brief of ``published`` (slugs, and the
    old slugs ``redirects.yaml`` leads on) or to no file of ``paths.extra``. ``slugs``: each
    published brief's slug by its file's name, to say when a link names a file whose slug differs."""
    problems = []
    for name in sorted(found):
        path = Path(name)
        for href, target in found[name]:
            if target.slug is not None and target.slug not in published:
                problem = f"link {href!r} leads to no published brief ({_why(config, target.slug, slugs)})"
            elif target.extra is not None and not (config.paths.extra / target.extra).is_file():
                folder = relative_to_root(config.paths.extra, config.root)
                problem = f"link {href!r} leads to {folder}/{target.extra}, which is not there"
            else:
                continue
            problems.append(Failure(Path(relative_to_root(path, config.root)), problem, _line_of(path, href)))
    return problems


def _why(config: Config, name: str, slugs: Mapping[str, str]) -> str:
    file = f"{name}.md"
    if file in slugs:
        # A link names the page a brief's slug makes, so that the page depends on that brief alone.
        return f"{file} is published as {slugs[file]!r}, its slug: link {slugs[file]}.md, or name the file so"
    if (config.paths.briefs / file).is_file():
        return "a draft, or a brief that cannot be used"
    return "there is no such brief"


def _line_of(path: Path, href: str) -> int | None:
    """The line of ``path`` where a link to ``href`` is written, if it is found as written."""
    written = unquote(href)
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    for number, line in enumerate(text.splitlines(), 1):
        if f"]({written}" in line or f"]({href}" in line or f"<{written}>" in line:
            return number
    return None
