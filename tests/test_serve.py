"""`briefing serve` answers like GitHub Pages serves a project site."""

from __future__ import annotations

import contextlib
import io
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.config import Config, load_config
from generator.progress import Reporter
from generator.serve import ServedSite, make_server, serve

REPO = Path(__file__).resolve().parents[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@pytest.fixture
def server_url(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "briefs" / "one").mkdir(parents=True)
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    (tmp_path / "briefs" / "one" / "index.html").write_text("brief one", encoding="utf-8")
    (tmp_path / "404.html").write_text("custom not found", encoding="utf-8")
    server = make_server(lambda: ServedSite(tmp_path, "/repo/"), 0)
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


def _ctrl_c_stops() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Served:
    """``briefing serve`` running in a project, with what it says read line by line as it says it."""

    def __init__(self, project: Path, *options: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, "-m", "generator", "serve", "--port", "0", *options]
        self.process = subprocess.Popen(
            command,
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            # Ctrl-C as a terminal gives it: a run started in the background ignores it, and so
            # would the server (as it should)
            preexec_fn=_ctrl_c_stops,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.said: list[str] = []  # every line read so far
        threading.Thread(target=self._read, daemon=True).start()
        self.url = re.search(r" at (http://\S+) ", self.wait_for(r"^serving "))[1]  # type: ignore[index]

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = 60) -> str:
        """The next line matching ``pattern``; fails on a traceback or after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"briefing serve never said /{pattern}/")
            assert not line.startswith("Traceback"), line
            self.said.append(line)
            if re.search(pattern, line):
                return line


def test_serve_says_a_failed_rebuild_goes_on_serving_and_rebuilds_with_the_new_config(project: Path) -> None:
    served = Served(project)
    try:
        status, home, _ = fetch(served.url)
        assert status == 200 and "India–US Defence Briefing" in home

        template = project / "templates" / "home.html"
        good = template.read_text(encoding="utf-8")
        template.write_text(good + "{% if %}\n", encoding="utf-8")
        said = served.wait_for(r"^error: ")
        assert f"{template}:" in said and "template syntax error" in said
        assert served.process.poll() is None  # still serving
        assert fetch(served.url) == (200, home, "")  # the last site

        template.write_text(good, encoding="utf-8")
        config = project / "briefing.yaml"
        config.write_text(
            config.read_text(encoding="utf-8").replace("India–US Defence Briefing", "Renamed Desk"),
            encoding="utf-8",
        )
        served.wait_for(r"\d+ pages, \d+ feeds in ")
        status, renamed, _ = fetch(served.url)
        assert status == 200 and "Renamed Desk" in renamed and "India–US Defence Briefing" not in renamed
    finally:
        served.process.send_signal(signal.SIGINT)
        assert served.process.wait(timeout=30) == 0


def test_serve_follows_a_config_that_moves_the_site(project: Path) -> None:
    served = Served(project)
    try:
        address = served.url.removesuffix("/india-us-briefing/")
        config = project / "briefing.yaml"
        text = config.read_text(encoding="utf-8")
        moved = text.replace("output: site", "output: public").replace(
            "https://example.github.io/india-us-briefing/", "https://example.github.io/desk/"
        )
        assert moved != text
        config.write_text(moved, encoding="utf-8")
        said = served.wait_for(r"^now serving ")
        assert said == f"now serving {project / 'public'} at {address}/desk/"
        status, home, _ = fetch(f"{address}/desk/")
        assert status == 200 and "India–US Defence Briefing" in home
        assert (project / "public" / "index.html").read_text(encoding="utf-8") == home
        assert fetch(f"{address}/india-us-briefing/")[0] == 404  # the old base path is gone
        assert fetch(f"{address}/")[2] == "/desk/"

        # The new site's folder is watched: a bad config says so and the moved site goes on.
        config.write_text(moved.replace("site:\n", "site: [\n", 1), encoding="utf-8")
        assert "briefing.yaml" in served.wait_for(r"^error: ")
        assert fetch(f"{address}/desk/") == (200, home, "")
    finally:
        served.process.send_signal(signal.SIGINT)
        assert served.process.wait(timeout=30) == 0


def test_serve_without_a_build_and_without_a_site_says_so_then_serves_one_built(project: Path) -> None:
    """``serve --no-build`` before any build answered every page with a bare 404, unexplained."""
    served = Served(project, "--no-build")
    try:
        assert (
            served.said[0]
            == f"warning: {project / 'site'}: no site there yet; build it (briefing build) and it is served"
        )
        assert fetch(served.url)[0] == 404
        built = subprocess.run(
            [sys.executable, "-m", "generator", "build"],
            cwd=project,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert built.returncode == 0
        status, home, _ = fetch(served.url)
        assert status == 200 and "India–US Defence Briefing" in home
    finally:
        served.process.send_signal(signal.SIGINT)
        assert served.process.wait(timeout=30) == 0


def test_serve_on_a_port_in_use_says_so_before_building(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        command = [sys.executable, "-m", "generator", "serve", "--port", str(port)]
        done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == (
        f"error: 127.0.0.1:{port}: cannot serve there: Address already in use "
        "(another server on that port? choose another with --port N)\n"
    )
    assert not (project / "site").exists()


class Builds:
    """A stand-in for the rebuild ``serve`` calls, each call doing what ``steps`` says in turn; a
    watchdog ends a server that would otherwise wait for changes forever (and says it had to)."""

    def __init__(self, config: Config, *steps: Callable[[], None]) -> None:
        self.config, self.steps, self.calls, self.watchdog_fired = config, list(steps), 0, False
        self.handler_after: object = None  # the Ctrl-C handler serve left
        self._timer = threading.Timer(20, self._fire)

    def _fire(self) -> None:
        self.watchdog_fired = True
        os.kill(os.getpid(), signal.SIGINT)

    def __call__(self) -> Config:
        self.calls += 1
        if self.steps:
            self.steps.pop(0)()
        return self.config

    def serve(self) -> int:
        started = signal.signal(signal.SIGINT, signal.default_int_handler)  # as for ``Served``
        self._timer.start()
        try:
            return serve(self.config, Reporter(out=io.StringIO(), err=io.StringIO()), 0, self)
        finally:
            self._timer.cancel()
            self.handler_after = signal.signal(signal.SIGINT, started)


def test_an_article_saved_while_serve_rebuilds_is_rebuilt_for(project: Path) -> None:
    """The look after a build took every input as the build left it: a change made while it ran
    waited for the next change to be built."""
    config = load_config(project / "briefing.yaml")
    article = next(config.paths.articles.glob("*.txt"))

    def save_article() -> None:
        os.utime(article, (time.time() + 5, time.time() + 5))  # saved while the build runs

    def stop() -> None:
        raise KeyboardInterrupt

    builds = Builds(config, lambda: None, save_article, stop)
    threading.Timer(0.5, lambda: os.utime(config.path)).start()  # the change that starts a build

    assert builds.serve() == 0
    assert (builds.calls, builds.watchdog_fired) == (3, False)


def test_serve_stops_on_a_ctrl_c_that_a_build_swallowed(project: Path) -> None:
    """A build forks; a Ctrl-C that lands in one of Python's at-fork hooks is printed as "Exception
    ignored" and swallowed, and the server went on, the Ctrl-C lost."""
    config = load_config(project / "briefing.yaml")

    def swallow_ctrl_c() -> None:
        with contextlib.suppress(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)

    builds = Builds(config, swallow_ctrl_c)

    assert builds.serve() == 0
    assert (builds.calls, builds.watchdog_fired) == (1, False)
    assert builds.handler_after is signal.default_int_handler  # put back
