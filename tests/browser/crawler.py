"""A link checker that walks a served site the way readers and feed clients follow it.

It fetches every same-origin URL it finds in HTML (links, stylesheets, scripts, images, feeds),
CSS (``url(...)``), feeds and the sitemap, without following redirects, so a link that only works
after a redirect (a folder without its trailing slash) is reported, like one that is missing.
Other origins are collected but never fetched: tests run without a network.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree, html

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
_LINK_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "form": ("action",),
}
# Feed and sitemap elements whose text is a URL, by local name (namespaces vary between formats).
_XML_URL_TEXT = {"loc", "link", "url", "comments"}
_XML_URL_ATTRS = ("href", "url")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a 3xx surfaces as HTTPError with its own status


_OPENER = urllib.request.build_opener(_NoRedirect)


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    content_type: str
    body: bytes


def fetch(url: str) -> Response:
    """GET ``url`` without following redirects; HTTP errors are answers, not exceptions."""
    try:
        with _OPENER.open(url, timeout=10) as reply:
            return Response(url, reply.status, reply.headers.get("Content-Type", ""), reply.read())
    except urllib.error.HTTPError as error:
        return Response(url, error.code, error.headers.get("Content-Type", ""), error.read())


def _srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def html_references(body: bytes, page_url: str) -> tuple[list[str], set[str]]:
    """(absolute URLs the page refers to, the ids it defines), resolved against its ``<base>``."""
    doc = html.document_fromstring(body)
    base = urljoin(page_url, (doc.xpath("//base/@href") or [""])[0])
    found: list[str] = []
    for tag, attrs in _LINK_ATTRS.items():
        for element in doc.iter(tag):
            for attr in attrs:
                value = element.get(attr)
                if not value:
                    continue
                raw = _srcset_urls(value) if attr == "srcset" else [value.strip()]
                found.extend(urljoin(base, url) for url in raw)
    # Social cards: og:image and og:url are fetched by link previews, so they must work too.
    for meta in doc.xpath("//meta[@property='og:image' or @property='og:url' or @name='twitter:image']"):
        if meta.get("content"):
            found.append(urljoin(base, meta.get("content")))
    for style in doc.iter("style"):
        found.extend(urljoin(base, url) for url in _CSS_URL.findall(style.text or ""))
    for element in doc.xpath("//*[@style]"):
        found.extend(urljoin(base, url) for url in _CSS_URL.findall(element.get("style")))
    ids = {str(i) for i in doc.xpath("//@id")} | {str(n) for n in doc.xpath("//a/@name")}
    return found, ids


def css_references(body: bytes, sheet_url: str) -> list[str]:
    return [urljoin(sheet_url, url) for url in _CSS_URL.findall(body.decode("utf-8", "replace"))]


def xml_references(body: bytes, doc_url: str) -> list[str]:
    """URLs in a feed or sitemap: ``<loc>``, ``<link>``, ``atom:link/@href``, enclosures."""
    root = etree.fromstring(body)
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name in _XML_URL_TEXT and element.text and element.text.strip():
            found.append(urljoin(doc_url, element.text.strip()))
        found.extend(urljoin(doc_url, element.get(a)) for a in _XML_URL_ATTRS if element.get(a))
    return found


def json_feed_references(body: bytes, doc_url: str) -> list[str]:
    """URLs in a JSON Feed: the feed's own, its home page's and each item's."""
    document = json.loads(body)
    found = [document.get("home_page_url"), document.get("feed_url")]
    found += [item.get("url") for item in document.get("items", [])]
    return [urljoin(doc_url, url) for url in found if url]


@dataclass
class CrawlResult:
    statuses: dict[str, int] = field(default_factory=dict)  # every fetched URL (no fragment)
    problems: list[str] = field(default_factory=list)  # one readable line per broken reference
    external: set[str] = field(default_factory=set)  # other origins, not fetched
    html_pages: set[str] = field(default_factory=set)  # URLs answered 200 with HTML


def _is_xml(response: Response) -> bool:
    return "xml" in response.content_type or response.url.endswith(".xml")


def crawl(start_urls: list[str], origin: str) -> CrawlResult:
    """Fetch everything reachable from ``start_urls`` on ``origin``; report each broken reference."""
    result = CrawlResult()
    queue: deque[tuple[str, str]] = deque((url, "(start)") for url in start_urls)
    referrers: dict[str, str] = {}
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []  # (page, fragment, referrer)
    while queue:
        url, referrer = queue.popleft()
        if url.startswith(SKIPPED_SCHEMES):
            continue
        page, fragment = urldefrag(url)
        if urlsplit(page).scheme not in ("http", "https"):
            continue
        if not page.startswith(origin + "/") and page != origin:
            result.external.add(page)
            continue
        if fragment:
            fragments.append((page, fragment, referrer))
        if page in result.statuses:
            continue
        response = fetch(page)
        result.statuses[page] = response.status
        referrers[page] = referrer
        if response.status != 200:
            result.problems.append(f"{referrer} -> {page}: HTTP {response.status}")
            continue
        try:
            if "html" in response.content_type:
                found, page_ids = html_references(response.body, page)
                ids[page] = page_ids
                result.html_pages.add(page)
            elif "css" in response.content_type:
                found = css_references(response.body, page)
            elif _is_xml(response):
                found = xml_references(response.body, page)
            elif "json" in response.content_type or page.endswith(".json"):
                found = json_feed_references(response.body, page)
            else:
                found = []
        except (etree.XMLSyntaxError, etree.ParserError, ValueError, AttributeError) as error:
            result.problems.append(f"{page}: cannot be parsed ({error})")
            continue
        queue.extend((link, page) for link in found)
    for page, fragment, referrer in fragments:
        if page in ids and fragment not in ids[page]:
            result.problems.append(f"{referrer} -> {page}#{fragment}: no element has id {fragment!r}")
    return result
