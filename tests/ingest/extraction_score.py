"""Scoring shared by the annotated article sets: micro-averaged body tokens, headline and date matches.

This mirrors how the held-back evaluation scores the ingest, so that a set's figures here predict the
figures there: body tokens are pooled over the whole set (micro average) before precision and recall.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from generator.ingest.article import ArticleContext, read_clean
from generator.ingest.errors import ArticleError

_TOKEN = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


def tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def expected(path: Path) -> dict:
    return yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))


def annotated(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.txt") if p.with_suffix(".expected.yaml").exists())


def _same_text(a: str, b: str) -> bool:
    return _SPACE.sub(" ", a).strip() == _SPACE.sub(" ", b).strip()


def _same_instant(got: datetime, want: str) -> bool:
    wanted = datetime.fromisoformat(want)
    # The offset matters too: the brief shows the time as the page gave it.
    return got == wanted and got.utcoffset() == wanted.utcoffset()


@dataclass(frozen=True)
class FileScore:
    name: str
    hit: int
    got: int
    want: int
    title: str
    title_ok: bool
    date: str
    date_ok: bool

    @property
    def precision(self) -> float:
        return self.hit / self.got if self.got else 0.0

    @property
    def recall(self) -> float:
        return self.hit / self.want if self.want else 0.0


@dataclass(frozen=True)
class SetScore:
    files: tuple[FileScore, ...]

    @property
    def precision(self) -> float:
        return sum(f.hit for f in self.files) / max(1, sum(f.got for f in self.files))

    @property
    def recall(self) -> float:
        return sum(f.hit for f in self.files) / max(1, sum(f.want for f in self.files))

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def headline(self) -> float:
        return sum(f.title_ok for f in self.files) / len(self.files)

    @property
    def date(self) -> float:
        return sum(f.date_ok for f in self.files) / len(self.files)

    def summary(self) -> str:
        return (
            f"body P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}; "
            f"headline {sum(f.title_ok for f in self.files)}/{len(self.files)}; "
            f"date {sum(f.date_ok for f in self.files)}/{len(self.files)}"
        )

    def report(self) -> str:
        """One line per file, weakest body first, so a failure says where to look."""
        rows = [self.summary()]
        for f in sorted(self.files, key=lambda f: min(f.precision, f.recall)):
            marks = ("" if f.title_ok else f" TITLE {f.title!r}") + ("" if f.date_ok else f" DATE {f.date}")
            rows.append(f"{f.name:40} P={f.precision:.2f} R={f.recall:.2f}{marks}")
        return "\n".join(rows)


def _rejected(name: str, want: int, error: str) -> FileScore:
    return FileScore(name, 0, 0, want, f"<rejected: {error}>", False, "-", False)


def score_set(paths: list[Path], context: ArticleContext) -> SetScore:
    files = []
    for path in paths:
        want = expected(path)
        try:
            clean = read_clean(path, path.read_bytes(), context)[0]
        except ArticleError as error:
            # A rejected article scores as an empty brief, as it would in the held-back evaluation.
            files.append(_rejected(path.stem, sum(tokens(want["body"]).values()), str(error)))
            continue
        got, gold = tokens(clean.body), tokens(want["body"])
        files.append(
            FileScore(
                name=path.stem,
                hit=sum((got & gold).values()),
                got=sum(got.values()),
                want=sum(gold.values()),
                title=clean.title,
                title_ok=_same_text(clean.title, want["title"]),
                date=clean.published.isoformat(),
                date_ok=_same_instant(clean.published, want["date"]),
            )
        )
    return SetScore(tuple(files))
