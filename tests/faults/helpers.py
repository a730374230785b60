"""Helpers for the fault tests: run the real CLI on a throw-away project and read what it says."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "data" / "bad"

sys.path.insert(0, str(REPO / "bench"))
from corpus import generate  # noqa: E402 - bench/ is a folder of scripts, not a package

__all__ = ["BAD", "REPO", "Run", "briefing", "generate", "project_from_corpus", "tree"]


@dataclass
class Run:
    status: int
    stdout: str
    stderr: str

    def lines(self, kind: str) -> list[str]:
        """The stderr lines of one kind ("error" or "warning"), without the prefix."""
        prefix = f"{kind}: "
        return [line[len(prefix) :] for line in self.stderr.splitlines() if line.startswith(prefix)]


def briefing(project: Path, *args: str, timeout: float = 300) -> Run:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return Run(done.returncode, done.stdout, done.stderr)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def project_from_corpus(corpus: Path, folder: Path) -> Path:
    """A project in ``folder`` with the articles and config of a ``generate``d corpus, the real
    templates and no briefs yet."""
    folder.mkdir()
    shutil.copy(corpus / "briefing.yaml", folder / "briefing.yaml")
    shutil.copytree(corpus / "articles", folder / "articles")
    shutil.copytree(REPO / "templates", folder / "templates")
    (folder / "briefs").mkdir()
    return folder
