"""Opening pages in Chromium and noticing what a reader would: script errors, requests that fail."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}  # an iPhone-sized viewport in CSS pixels
NARROWEST = {"width": 320, "height": 640}  # WCAG 1.4.10 reflow: no sideways scroll at 320 CSS px


@dataclass
class Trouble:
    """What went wrong while a page was open; a clean page leaves every list empty."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    expected_statuses: dict[str, int] = field(default_factory=dict)  # url -> status a test asked for

    def all(self) -> list[str]:
        return self.console_errors + self.failed_requests


def watch(page: Any, trouble: Trouble) -> None:
    def on_console(message: Any) -> None:
        # A 404 document logs "Failed to load resource"; only expected when a test asked for it.
        expected = any(
            url in message.text or url == message.location.get("url") for url in trouble.expected_statuses
        )
        if message.type == "error" and not expected:
            trouble.console_errors.append(f"console error: {message.text} ({message.location.get('url')})")

    def on_response(response: Any) -> None:
        if response.status >= 400 and trouble.expected_statuses.get(response.url) != response.status:
            trouble.failed_requests.append(f"HTTP {response.status}: {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: trouble.console_errors.append(f"uncaught script error: {error}"))
    page.on(
        "requestfailed", lambda r: trouble.failed_requests.append(f"request failed: {r.url} ({r.failure})")
    )
    page.on("response", on_response)


@contextmanager
def open_page(
    browser: Any, *, viewport: dict[str, int] = DESKTOP, color_scheme: str = "light", phone: bool = False
) -> Iterator[tuple[Any, Trouble]]:
    """A fresh browser context (no shared cache or cookies) with one watched page."""
    context = browser.new_context(
        viewport=viewport,
        color_scheme=color_scheme,
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=2 if phone else 1,
    )
    page = context.new_page()
    trouble = Trouble()
    watch(page, trouble)
    try:
        yield page, trouble
    finally:
        context.close()


def horizontal_overflow(page: Any) -> dict[str, Any] | None:
    """None when the page fits the viewport's width, else how wide it is and what sticks out."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const scroll = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
            if (scroll <= width) return null;
            const culprits = [];
            for (const el of document.body.querySelectorAll('*')) {
                const box = el.getBoundingClientRect();
                if (box.right > width + 1 && culprits.length < 5) {
                    const name = el.tagName.toLowerCase() + (el.className ? '.' + el.className : '');
                    const text = (el.textContent || '').trim().slice(0, 60);
                    culprits.push(name + ' right=' + Math.round(box.right) + ' ' + text);
                }
            }
            return {viewport: width, scrollWidth: scroll, culprits};
        }"""
    )
