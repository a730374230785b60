"""``sitemap.xml`` (every page but 404, absolute URLs, lastmod from the newest brief shown) and
``robots.txt`` pointing at it."""

from __future__ import annotations

from html import escape

from generator.site import urls
from generator.site.pages import Page


def render_sitemap(pages: list[Page], base_url: str) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for page in sorted((p for p in pages if p.in_sitemap), key=lambda p: p.path):
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(urls.absolute(base_url, page.path), quote=False)}</loc>")
        if page.lastmod:
            lines.append(f"    <lastmod>{page.lastmod.isoformat(timespec='seconds')}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def render_robots(base_url: str) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(base_url, urls.SITEMAP)}\n".encode()
