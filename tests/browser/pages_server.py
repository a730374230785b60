"""A local stand-in for GitHub Pages serving a project site.

It serves a folder whose child ``<repo>/`` is the built site, so pages live under ``/<repo>/`` just as
on ``https://user.github.io/<repo>/``, and copies the Pages behaviours that break sites in practice:

- a folder is served through its ``index.html``; a folder asked for without its trailing slash is
  redirected (301) to the slash form, so a link that forgets the slash is not a plain 200;
- an unknown path under the site answers 404 with the site's own ``404.html`` as the body;
- an unknown path outside the site answers GitHub's generic 404, never the site's page.
"""

from __future__ import annotations

import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Pages serves feeds and sitemaps as XML; Python's table guesses text/xml or nothing on some systems.
_TYPES = {".xml": "application/xml", ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8"}
GENERIC_404 = b"<!DOCTYPE html><title>Page not found &middot; GitHub Pages</title><p>404: not the site's page"


@dataclass
class PagesServer:
    root: Path  # the folder served at "/": the site is its child folder named like the repo
    repo: str
    host: str = "127.0.0.1"
    port: int = 0
    requests: list[tuple[str, int]] = field(default_factory=list)  # (path, status), for diagnostics

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The site's base URL, as the build's ``--base-url`` takes it."""
        return f"{self.origin}/{self.repo}/"

    @property
    def site_dir(self) -> Path:
        return self.root / self.repo

    def resolve(self, url_path: str) -> tuple[int, Path | None, str | None]:
        """What Pages does for a path: (status, file to send or None, redirect target or None)."""
        path = unquote(urlsplit(url_path).path)
        parts = [p for p in path.split("/") if p]
        if ".." in parts:
            return HTTPStatus.NOT_FOUND, None, None
        target = self.root.joinpath(*parts)
        if target.is_dir():
            if not path.endswith("/"):
                return HTTPStatus.MOVED_PERMANENTLY, None, path + "/"
            target = target / "index.html"
        if target.is_file():
            return HTTPStatus.OK, target, None
        in_site = bool(parts) and parts[0] == self.repo
        page_404 = self.site_dir / "404.html"
        return HTTPStatus.NOT_FOUND, (page_404 if in_site and page_404.is_file() else None), None


def _handler_for(server: PagesServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._answer(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            status, file, location = server.resolve(self.path)
            server.requests.append((self.path, int(status)))
            body = file.read_bytes() if file else (b"" if location else GENERIC_404)
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            kind = _TYPES.get(file.suffix) if file else "text/html; charset=utf-8"
            if file and not kind:
                kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            self.send_header("Content-Type", kind or "application/octet-stream")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # requests are kept in server.requests; the test output stays readable

    return Handler


@contextmanager
def serve(root: Path, repo: str) -> Iterator[PagesServer]:
    """Serve ``root`` on a free port of 127.0.0.1 in a background thread until the block ends."""
    pages = PagesServer(root=root, repo=repo)
    httpd = ThreadingHTTPServer((pages.host, 0), _handler_for(pages))
    httpd.daemon_threads = True
    pages.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, name="pages-server", daemon=True)
    thread.start()
    try:
        yield pages
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
