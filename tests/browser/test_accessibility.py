"""axe-core in Chromium: no serious or critical accessibility violations, in light and in dark.

Colour contrast is checked per scheme, so the dark palette is held to the same standard as the light one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .browsing import open_page
from .conftest import ServedSite
from .tools import require_axe_script

PAGES = {
    "home": "",
    "pillar": "pillars/logistics/",
    "brief": "briefs/2025-04-14-quad-partners-and-india-us-ties/",
    "pillars": "pillars/",
    "archive": "archive/",
    "tags": "tags/",
    "tag": "tags/logistics/",
    "not found": "no-such-page/",
    # issue 8's page families; the search page with results showing
    "search": "search/?q=refuelling",
    "books": "books/",
    "book": "books/logistics/",
    "people": "people/",
    "person": "people/rajnath-singh/",
    "timeline": "timeline/",
}
# Pages whose content is drawn by script: wait for it before checking.
READY = {"search": "#search-results li"}
SCHEMES = ["light", "dark"]
BLOCKING = {"serious", "critical"}


def axe_violations(page: Any, axe_script: str) -> list[str]:
    """Serious and critical violations on the page as it is now, one line per rule and element."""
    page.evaluate(axe_script)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {node['target']} {node.get('failureSummary', '')[:200]!r}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ]


@pytest.fixture(scope="module")
def axe_script() -> str:
    return require_axe_script()


@pytest.fixture(scope="module", params=SCHEMES)
def scheme_page(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[str, Any]]:
    with open_page(browser, color_scheme=request.param) as (page, _):
        yield request.param, page


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_violations(
    scheme_page: tuple[str, Any], axe_script: str, reader_site: ServedSite, name: str
) -> None:
    scheme, page = scheme_page
    page.goto(reader_site.url(PAGES[name]))
    if name in READY:
        page.wait_for_selector(READY[name])
    violations = axe_violations(page, axe_script)
    assert not violations, f"{name} in {scheme}:\n" + "\n".join(violations)


# --- the checks can fail ------------------------------------------------------------------------------

INACCESSIBLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bad</title></head>
<body><main><h1>Bad</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color:#ddd;background:#fff">Pale text nobody can read.</p><button></button></main></body></html>"""
# Fine in light; in dark the text is almost the colour of its background.
DARK_ONLY_PROBLEM = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Dark</title>
<style>p { color: #111; background: #fff; }
@media (prefers-color-scheme: dark) { p { color: #333; background: #222; } }</style></head>
<body><main><h1>Dark</h1><p>Readable only in light.</p></main></body></html>"""


def test_axe_reports_an_inaccessible_page(browser: Any, axe_script: str) -> None:
    with open_page(browser) as (page, _):
        page.set_content(INACCESSIBLE)
        found = " ".join(axe_violations(page, axe_script))
    assert "image-alt" in found and "color-contrast" in found and "button-name" in found, found


@pytest.mark.parametrize("scheme, expected", [("light", False), ("dark", True)])
def test_dark_scheme_is_really_checked(browser: Any, axe_script: str, scheme: str, expected: bool) -> None:
    with open_page(browser, color_scheme=scheme) as (page, _):
        page.set_content(DARK_ONLY_PROBLEM)
        found = " ".join(axe_violations(page, axe_script))
    assert ("color-contrast" in found) is expected, found
