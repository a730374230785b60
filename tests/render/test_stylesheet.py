"""The one stylesheet: self-contained, readable in both schemes, and printable."""

from __future__ import annotations

import re

import pytest

from .helpers import TEMPLATES, Built

CSS = (TEMPLATES / "static" / "style.css").read_text(encoding="utf-8")

# (text, background) pairs that occur on the site
PAIRS = [
    ("fg", "bg"), ("muted", "bg"), ("link", "bg"), ("link-visited", "bg"),
    ("fg", "panel"), ("muted", "panel"), ("link", "panel"), ("link-visited", "panel"),
    ("badge-fg", "badge-bg"),
]  # fmt: skip


def variables(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))


def schemes() -> dict[str, dict[str, str]]:
    light = variables(CSS[: CSS.index("@media (prefers-color-scheme: dark)")])
    dark_block = CSS[CSS.index("@media (prefers-color-scheme: dark)") :]
    dark = {**light, **variables(dark_block[: dark_block.index("\n}\n")])}
    return {"light": light, "dark": dark}


def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_is_at_least_4_5(scheme: str) -> None:
    colours = schemes()[scheme]
    for text, background in PAIRS:
        ratio = contrast(colours[text], colours[background])
        assert ratio >= 4.5, f"{scheme}: --{text} on --{background} is {ratio:.2f}:1"


def test_contrast_check_can_fail() -> None:
    assert contrast("#777777", "#ffffff") < 4.5


def test_self_contained_and_both_schemes() -> None:
    assert "@import" not in CSS and "url(" not in CSS and "@font-face" not in CSS
    assert "color-scheme: light dark" in CSS
    assert "overflow-wrap: anywhere" in CSS  # long words and URLs wrap at 360 px
    assert ":focus-visible" in CSS


def test_print_rules() -> None:
    print_css = CSS[CSS.index("@media print") :]
    assert re.search(r"@page\s*{\s*margin: 15mm;", CSS)
    hidden = print_css[: print_css.index("display: none")]
    for chrome in (".skip-link", ".site-nav", ".pillar-nav", ".site-footer", ".search"):
        assert chrome in hidden
    assert 'a[href^="http"]::after' in print_css and "attr(href)" in print_css
    assert ".print-only" in print_css
    for selector in (".card", ".quote", ".key-points", ".bottom-line"):
        rule = re.search(re.escape(selector) + r"[^{]*{[^}]*break-inside: avoid", CSS)
        assert rule, selector
    # a heading stays with what follows it, down to a book's h5 and h6 (a body's sections there)
    assert re.search(r"h2,\s*h3,\s*h4,\s*h5,\s*h6 {[^}]*break-after: avoid", CSS)


def test_site_links_the_stylesheet_with_a_content_hash(built: Built) -> None:
    href = built.html("index.html").xpath("//link[@rel='stylesheet']/@href")[0]
    assert re.fullmatch(r"assets/style\.css\?v=[0-9a-f]{10}", href)
    assert not built.html("index.html").xpath(
        "//script | //link[starts-with(@href, 'http') and @rel='stylesheet']"
    )
