"""Helpers for the render tests: a Config for the hand-written briefs in tests/data/briefs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import yaml

from generator.config import Config, parse_config
from generator.model import RenderReport
from generator.progress import QUIET, Reporter

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
BRIEFS = DATA / "briefs"
TEMPLATES = REPO / "templates"
SUB_PATH_URL = "https://someone.github.io/india-us-briefing/"
ROOT_URL = "https://briefing.example.org/"


def make_config(
    tmp: Path,
    base_url: str = SUB_PATH_URL,
    briefs: Path = BRIEFS,
    templates: Path = TEMPLATES,
    **sections: Any,
) -> Config:
    data = yaml.safe_load((DATA / "site.yaml").read_text(encoding="utf-8"))
    data["site"]["base_url"] = base_url
    data["paths"] = {
        "articles": str(tmp / "articles"),
        "briefs": str(briefs),
        "templates": str(templates),
        "output": str(tmp / "site"),
    }
    for name, values in sections.items():
        data[name] = {**data.get(name, {}), **values}
    return parse_config(data, tmp / "briefing.yaml")


def quiet() -> Reporter:
    return Reporter(QUIET)


@dataclass
class Built:
    config: Config
    report: RenderReport

    @property
    def root(self) -> Path:
        return self.config.paths.output

    def text(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")

    def html(self, relative: str) -> lxml.html.HtmlElement:
        return lxml.html.fromstring((self.root / relative).read_bytes())

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


_STEP = re.compile(r"([a-z0-9*]+)?((?:[.#][\w-]+|\[[^\]]+\])*)")
_PART = re.compile(r"\.([\w-]+)|#([\w-]+)|\[([\w-]+)(?:=\"?([^\"\]]*)\"?)?\]")


def _xpath(selector: str) -> str:
    """A small CSS subset (descendant steps of tag, .class, #id, [attr], [attr=value]) as XPath."""
    steps = []
    for step in selector.split():
        match = _STEP.fullmatch(step)
        assert match, f"unsupported selector step {step!r}"
        tests = []
        for cls, ident, attr, value in _PART.findall(match.group(2)):
            if cls:
                tests.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')")
            elif ident:
                tests.append(f"@id='{ident}'")
            elif value:
                tests.append(f"@{attr}='{value}'")
            else:
                tests.append(f"@{attr}")
        steps.append((match.group(1) or "*") + "".join(f"[{t}]" for t in tests))
    return ".//" + "//".join(steps)


def select(node: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    return node.xpath(_xpath(selector))
