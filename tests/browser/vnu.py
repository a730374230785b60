"""The W3C Nu HTML checker (vnu.jar), run once over a batch of files: the JVM takes seconds to start."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class VnuMessage:
    file: Path
    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {self.message}  [{self.extract.strip()}]"


def _file_of(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def validate_html(java: str, jar: Path, files: list[Path]) -> list[VnuMessage]:
    """Every error vnu reports for ``files`` (warnings are not errors and are left out)."""
    if not files:
        raise ValueError("no HTML files to validate")
    command = [java, "-Xss8m", "-jar", str(jar), "--errors-only", "--format", "json", "--exit-zero-always"]
    done = subprocess.run(
        command + [str(f) for f in files], capture_output=True, text=True, timeout=300, check=False
    )
    # vnu writes its JSON report to stderr; anything else there means it did not run at all.
    try:
        report = json.loads(done.stderr)
    except json.JSONDecodeError as error:
        raise RuntimeError(f"vnu did not produce a report: {done.stderr[:2000]}") from error
    return [
        VnuMessage(
            file=_file_of(m.get("url", "")),
            line=m.get("lastLine"),
            message=m.get("message", ""),
            extract=m.get("extract", ""),
        )
        for m in report.get("messages", [])
        if m.get("type") in ("error", "non-document-error")
    ]
