"""``briefing serve``: the built site on 127.0.0.1 under the base URL's path, rebuilt on change.

It serves the way GitHub Pages serves a project site: ``/repo/`` maps to the output folder, a folder
URL serves its ``index.html``, and an unknown path gets the site's ``404.html`` with status 404.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator import cache
from generator.config import Config
from generator.errors import UsageError
from generator.progress import Reporter


@dataclass(frozen=True)
class ServedSite:
    """What the server maps: a rebuild whose config moves the site (``paths.output``,
    ``site.base_url``) replaces it, and each request reads it once, as its handler starts."""

    output: Path
    base_path: str

    @classmethod
    def of(cls, config: Config) -> ServedSite:
        return cls(config.paths.output, config.site.base_path)


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Maps ``base_path`` to the output folder; everything else is 404 (or a redirect to the site)."""

    def __init__(self, *args: object, site: Callable[[], ServedSite], **kwargs: object) -> None:
        served = site()
        self.output = served.output
        self.base_path = served.base_path
        super().__init__(*args, directory=str(self.output), **kwargs)  # type: ignore[arg-type]

    def translate_path(self, path: str) -> str:
        url_path = unquote(urlsplit(path).path)
        if not url_path.startswith(self.base_path):
            return str(self.output / "\0missing")  # a name no file can have
        return super().translate_path("/" + url_path[len(self.base_path) :])

    def send_head(self):  # type: ignore[no-untyped-def]
        url_path = unquote(urlsplit(self.path).path)
        if url_path == "/" and self.base_path != "/":
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", self.base_path)
            self.end_headers()
            return None
        target = Path(self.translate_path(self.path))
        if target.is_dir() and (target / "index.html").is_file() and not url_path.endswith("/"):
            return super().send_head()  # the base class redirects to the slash form
        if not (target.is_file() or (target / "index.html").is_file()):
            return self._not_found()
        return super().send_head()

    def _not_found(self):  # type: ignore[no-untyped-def]
        page = self.output / "404.html"
        body = (
            page.read_bytes()
            if page.is_file()
            else b"<!doctype html><title>Not found</title><h1>Not found</h1>"
        )
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # one line per request drowns the rebuild messages


def make_server(site: Callable[[], ServedSite], port: int) -> ThreadingHTTPServer:
    """The server of whatever ``site()`` answers when a request comes."""
    return ThreadingHTTPServer(("127.0.0.1", port), partial(SiteRequestHandler, site=site))


def _snapshot(paths: Iterable[Path]) -> dict[str, cache.Stat]:
    """Size and modification time of every file under the watched paths: one scan, as a build's
    (a look costs ~0.09 s of CPU at 10,000 articles and briefs, a second apart)."""
    seen: dict[str, cache.Stat] = {}
    for root in paths:
        seen |= cache.tree_stamp(root) if root.is_dir() else cache.stat_files([root])
    return seen


def _watched(config: Config) -> list[Path]:
    paths = config.paths
    return [config.path, paths.articles, paths.briefs, paths.templates, paths.redirects, paths.extra]


def _settled(
    config: Config, begun: dict[str, cache.Stat], done: dict[str, cache.Stat]
) -> dict[str, cache.Stat]:
    """What the next look compares with after a build: what the build writes itself (briefs,
    ``redirects.yaml``) as it left them, every other input as it was when the build began, so that
    an article saved while the build ran is rebuilt for, not taken for the build's own write."""
    briefs, redirects = str(config.paths.briefs) + os.sep, str(config.paths.redirects)

    def written(path: str) -> bool:
        return path == redirects or path.startswith(briefs)

    return {p: t for p, t in done.items() if written(p)} | {p: t for p, t in begun.items() if not written(p)}


@contextlib.contextmanager
def _interrupts() -> Iterator[threading.Event]:
    """Ctrl-C raises KeyboardInterrupt as ever, and is remembered too: one that lands in code that
    swallows it (a build forks, and Python runs at-fork hooks such as logging's, which print
    "Exception ignored" and go on) stops the server once that build is done."""
    interrupted = threading.Event()

    def handler(signum: int, frame: object) -> None:
        interrupted.set()
        raise KeyboardInterrupt

    # No signal arrives in another thread; and one started to ignore Ctrl-C (``nohup``) goes on so.
    if threading.current_thread() is not threading.main_thread() or (
        signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    ):
        yield interrupted
        return
    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield interrupted
    finally:
        signal.signal(signal.SIGINT, previous)


def serve(config: Config, reporter: Reporter, port: int, build: Callable[[], Config | None] | None) -> int:
    """``build`` builds the site again and returns the config it built with (None: no site was
    built, the last one goes on being served); the server follows it to another output folder or
    base path."""
    # The port first: one in use is said at once, not after a build of the whole site.
    try:
        server = make_server(lambda: site, port)
    except OSError as exc:
        raise UsageError(
            f"127.0.0.1:{port}: cannot serve there: {exc.strerror or exc} "
            "(another server on that port? choose another with --port N)"
        ) from None
    with _interrupts() as interrupted:
        if build is not None:
            config = build() or config
        site = ServedSite.of(config)
        address = f"http://127.0.0.1:{server.server_address[1]}"
        watched = _watched(config)
        before = _snapshot(watched)  # before it says it serves: a change made once it has is seen
        if not site.output.is_dir():  # --no-build before any build: every page would be a bare 404
            reporter.warn(f"{site.output}: no site there yet; build it (briefing build) and it is served")
        reporter.summary(f"serving {site.output} at {address}{site.base_path} (Ctrl-C stops)")
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            while not interrupted.is_set():
                time.sleep(1.0)
                now = _snapshot(watched)
                if now != before and build is not None:
                    reporter.summary("change detected, rebuilding")
                    built = build() or config
                    moved = ServedSite.of(built)
                    if moved != site:
                        site = moved
                        reporter.summary(f"now serving {site.output} at {address}{site.base_path}")
                    fresh = _watched(built)
                    after = _snapshot(fresh)  # a config that moved the inputs: all is new
                    now = _settled(built, now, after) if fresh == watched else after
                    config, watched = built, fresh
                before = now
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    return 0
