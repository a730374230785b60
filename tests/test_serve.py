"""`briefing serve` answers like GitHub Pages serves a project site."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.serve import make_server


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@pytest.fixture
def server_url(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "briefs" / "one").mkdir(parents=True)
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    (tmp_path / "briefs" / "one" / "index.html").write_text("brief one", encoding="utf-8")
    (tmp_path / "404.html").write_text("custom not found", encoding="utf-8")
    server = make_server(tmp_path, "/repo/", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def fetch(url: str) -> tuple[int, str, str]:
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=5) as response:
            return response.status, response.read().decode(), ""
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers.get("Location", "")


def test_site_lives_under_the_base_path(server_url: str) -> None:
    assert fetch(f"{server_url}/repo/") == (200, "home", "")
    assert fetch(f"{server_url}/repo/briefs/one/") == (200, "brief one", "")


def test_unknown_paths_get_the_sites_404_page(server_url: str) -> None:
    assert fetch(f"{server_url}/repo/briefs/missing/") == (404, "custom not found", "")
    assert fetch(f"{server_url}/elsewhere/index.html") == (404, "custom not found", "")


def test_redirects_to_the_site_and_to_folder_urls(server_url: str) -> None:
    status, _, location = fetch(f"{server_url}/")
    assert (status, location) == (302, "/repo/")
    status, _, location = fetch(f"{server_url}/repo/briefs/one")
    assert status == 301 and location.endswith("/repo/briefs/one/")
