"""A missing browser, Java or poppler fails the run in CI and skips it elsewhere, saying how to install it."""

from __future__ import annotations

import pytest

from .tools import require_program


def test_missing_tool_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(pytest.fail.Exception, match="apt-get install poppler-utils"):
        require_program("pdftotext", "poppler-utils")


@pytest.mark.parametrize("ci", ["", "false", "0"])
def test_missing_tool_skips_outside_ci(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.setenv("CI", ci)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(pytest.skip.Exception, match="pdftotext not installed: apt-get install poppler-utils"):
        require_program("pdftotext", "poppler-utils")


def test_present_tool_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert require_program("sh", "dash").endswith("/sh")
