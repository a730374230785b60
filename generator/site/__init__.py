"""The render stage: briefs -> a static site with feeds, written atomically to ``paths.output``.

read (``load``) -> model (``structure``, ``pages``, ``feeds``) -> write (``templating``, ``writer``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.config import Config
from generator.model import RenderReport
from generator.progress import Reporter
from generator.site import urls
from generator.site.feeds import FeedItem, feed_item, plan_feeds, render_feed
from generator.site.load import load_briefs
from generator.site.pages import FeedLink, plan_pages
from generator.site.sitemap import render_robots, render_sitemap
from generator.site.structure import PillarBadge, SiteModel, build_model
from generator.site.templating import SiteInfo, TemplateError, Templates, render_page
from generator.site.writer import StagedSite, WriteError

__all__ = ["TemplateError", "WriteError", "render_site"]

STATIC = "static"
STYLESHEET_SOURCE = "style.css"


def _static_files(templates: Path) -> list[Path]:
    folder = templates / STATIC
    stylesheet = folder / STYLESHEET_SOURCE
    if not stylesheet.is_file():
        raise TemplateError(f"{stylesheet}: stylesheet not found")
    return sorted(p for p in folder.rglob("*") if p.is_file())


def site_info(config: Config, model: SiteModel, stylesheet: bytes) -> SiteInfo:
    # A content hash in the query busts caches when the CSS changes, and only then.
    version = hashlib.sha256(stylesheet).hexdigest()[:10]
    return SiteInfo(
        title=config.site.title,
        description=config.site.description,
        language=config.site.language,
        base_url=config.site.base_url,
        base_path=config.site.base_path,
        author=config.site.author,
        stylesheet=f"{urls.STYLESHEET}?v={version}",
        nav=tuple(PillarBadge(g.slug, g.title, g.url) for g in model.pillars),
        feed=FeedLink(config.site.title, urls.FEED),
    )


def render_site(config: Config, reporter: Reporter) -> RenderReport:
    """Render every published brief into ``config.paths.output``, replacing what was there.

    Bad briefs are skipped, reported as they are found and listed in the report's failures; fatal
    problems (templates, writing) raise BriefingError subclasses and leave the previous site as it was.
    """
    report = RenderReport()
    loaded = load_briefs(config)
    report.failures = list(loaded.failures)
    for failure in report.failures:
        reporter.failure(failure)
    report.briefs = len(loaded.briefs)
    reporter.info(f"{len(loaded.briefs)} briefs to publish, {loaded.drafts} drafts skipped")

    templates = Templates(config.paths.templates)
    static = _static_files(config.paths.templates)
    model = build_model(config, loaded.briefs)
    site = site_info(config, model, (config.paths.templates / STATIC / STYLESHEET_SOURCE).read_bytes())
    pages = plan_pages(config, model)

    items: dict[str, FeedItem] = {}

    def item(slug: str) -> FeedItem:
        if slug not in items:
            items[slug] = feed_item(model.details[slug], templates, site)
        return items[slug]

    with StagedSite(config.paths.output) as staged:
        for page in reporter.progress(pages, len(pages), "Rendering pages"):
            staged.write(page.output, render_page(templates, page, site))
        feeds = plan_feeds(model, site, config.feeds.items, item)
        for feed in feeds:
            staged.write(feed.path, render_feed(feed, site))
        for path in static:
            relative = path.relative_to(config.paths.templates / STATIC).as_posix()
            staged.write(urls.ASSETS + relative, path.read_bytes())
        staged.write(urls.SITEMAP, render_sitemap(pages, config.site.base_url))
        staged.write(urls.ROBOTS, render_robots(config.site.base_url))
        staged.write(urls.NOJEKYLL, b"")
        staged.commit()
    report.pages = len(pages)
    report.feeds = len(feeds)
    report.written = staged.changed
    return report
