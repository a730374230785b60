"""Scoring shared by the annotated article sets: micro-averaged body tokens, headline, date, source and
byline matches.

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


def _same_name(got: str | None, want: str | None) -> bool:
    """The same publisher, however the page and the annotator spelled it: "Tribune" is "The Tribune",
    "dawn.com" is "Dawn"; "BBC" is not "BBC News"."""

    def key(name: str | None) -> str:
        name = re.sub(r"\.(?:com|in|org|net)$", "", (name or "").lower()).removeprefix("the ")
        return re.sub(r"\W+", "", name)

    return key(got) == key(want)


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
    # Who published and who wrote it, compared where the file's annotation names them (None: not named).
    source: str | None = None
    source_ok: bool | None = None
    byline: str | None = None
    byline_ok: bool | None = None

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

    @property
    def source(self) -> float:
        return _share([f.source_ok for f in self.files])

    @property
    def byline(self) -> float:
        return _share([f.byline_ok for f in self.files])

    def check(self, source: float, byline: float) -> None:
        """The set meets the held-back evaluation's targets (body F1, headline, date), and finds
        its publishers and bylines at least this often."""
        print("\n" + self.summary())
        assert self.f1 >= 0.92, self.report()
        assert self.headline >= 0.95, self.report()
        assert self.date >= 0.98, self.report()
        assert self.source >= source, self.report()
        assert self.byline >= byline, self.report()

    def summary(self) -> str:
        return (
            f"body P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}; "
            f"headline {sum(f.title_ok for f in self.files)}/{len(self.files)}; "
            f"date {sum(f.date_ok for f in self.files)}/{len(self.files)}; "
            f"source {_count([f.source_ok for f in self.files])}; "
            f"byline {_count([f.byline_ok for f in self.files])}"
        )

    def report(self) -> str:
        """One line per file, weakest body first, so a failure says where to look."""
        rows = [self.summary()]
        for f in sorted(self.files, key=lambda f: min(f.precision, f.recall)):
            marks = ("" if f.title_ok else f" TITLE {f.title!r}") + ("" if f.date_ok else f" DATE {f.date}")
            marks += (" SOURCE " + repr(f.source)) if f.source_ok is False else ""
            marks += (" BYLINE " + repr(f.byline)) if f.byline_ok is False else ""
            rows.append(f"{f.name:40} P={f.precision:.2f} R={f.recall:.2f}{marks}")
        return "\n".join(rows)


def _share(marks: list[bool | None]) -> float:
    judged = [m for m in marks if m is not None]
    return sum(judged) / len(judged) if judged else 1.0


def _count(marks: list[bool | None]) -> str:
    judged = [m for m in marks if m is not None]
    return f"{sum(judged)}/{len(judged)}"


def _rejected(name: str, want: dict, error: str) -> FileScore:
    missed = {f"{key}_ok": False for key in ("source", "byline") if key in want}
    return FileScore(
        name, 0, 0, sum(tokens(want["body"]).values()), f"<rejected: {error}>", False, "-", False, **missed
    )


def score_set(paths: list[Path], context: ArticleContext) -> SetScore:
    files = []
    for path in paths:
        want = expected(path)
        try:
            clean = read_clean(path, path.read_bytes(), context)[0]
        except ArticleError as error:
            # A rejected article scores as an empty brief, as it would in the held-back evaluation.
            files.append(_rejected(path.stem, want, str(error)))
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
                source=clean.source_name,
                source_ok=_same_name(clean.source_name, want["source"]) if "source" in want else None,
                byline=clean.byline,
                byline_ok=clean.byline == want["byline"] if "byline" in want else None,
            )
        )
    return SetScore(tuple(files))
