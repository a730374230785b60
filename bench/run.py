"""The speed benchmark behind ``make bench``: times the real CLI on synthetic corpora.

    python bench/run.py [--quick] [--runs 3] [--sizes 1000 10000]

For each size it makes a corpus (bench/corpus.py), then, in fresh project folders, times with the
``briefing`` CLI in a subprocess: cold ingest (articles -> briefs), cold render (briefs -> site, no
cache), a build with nothing changed, a build after one brief is edited, and a build after one article
is added. Each figure is the median of --runs runs; peak memory is the largest resident set of any run
(the CLI process, from wait4). The table goes to bench/RESULTS.md and stdout.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from corpus import generate  # noqa: E402 - bench/ is not a package

STEPS = ("cold ingest", "cold render", "no-op build", "one brief edited", "one article added")


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    peak_kib: int = 0

    def add(self, seconds: float, peak_kib: int) -> None:
        self.seconds.append(seconds)
        self.peak_kib = max(self.peak_kib, peak_kib)


def briefing(project: Path, *args: str) -> tuple[float, int]:
    """Run the CLI once; return wall seconds and the process's peak resident set in KiB."""
    command = [
        sys.executable,
        "-m",
        "generator",
        "--config",
        str(project / "briefing.yaml"),
        "--quiet",
        *args,
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(
            f"bench: `briefing {' '.join(args)}` failed with status {process.returncode} in {project}"
        )
    return elapsed, usage.ru_maxrss


def fresh_project(corpus: Path, work: Path, with_briefs: bool) -> Path:
    project = Path(tempfile.mkdtemp(dir=work))
    shutil.copy(corpus / "briefing.yaml", project / "briefing.yaml")
    shutil.copytree(REPO / "templates", project / "templates")
    shutil.copytree(corpus / "articles", project / "articles")
    if with_briefs:
        shutil.copytree(corpus / "briefs", project / "briefs")
    else:
        (project / "briefs").mkdir()
    return project


def edit_one_brief(project: Path) -> None:
    brief = sorted((project / "briefs").glob("*.md"))[len(list((project / "briefs").glob("*.md"))) // 2]
    with brief.open("a", encoding="utf-8") as handle:
        handle.write("\nAn analyst added this sentence.\n")


def add_one_article(project: Path, run: int) -> None:
    source = sorted((project / "articles").glob("*.txt"))[0].read_text(encoding="utf-8")
    head, rest = source.split("\n", 1)
    added = (
        rest.replace("Talk 1:", f"Added talk {run}:", 1)
        + f"\nA new closing paragraph for run {run} was added.\n"
    )
    (project / "articles" / f"added-{run}.txt").write_text(f"{head}\n{added}", encoding="utf-8")


def measure(n: int, runs: int, work: Path) -> dict[str, Timing]:
    corpus = work / f"corpus-{n}"
    if not (corpus / "briefing.yaml").exists():
        print(f"bench: making a corpus of {n} articles", file=sys.stderr)
        generate(n, corpus)
    timings = {step: Timing() for step in STEPS}
    for run in range(runs):
        print(f"bench: {n} articles, run {run + 1} of {runs}", file=sys.stderr)
        project = fresh_project(corpus, work, with_briefs=False)
        timings["cold ingest"].add(*briefing(project, "ingest"))
        rendered = fresh_project(corpus, work, with_briefs=True)
        timings["cold render"].add(*briefing(rendered, "render"))
        shutil.rmtree(rendered)
        briefing(project, "build")  # warm: the site and caches exist
        timings["no-op build"].add(*briefing(project, "build"))
        edit_one_brief(project)
        timings["one brief edited"].add(*briefing(project, "build"))
        add_one_article(project, run)
        timings["one article added"].add(*briefing(project, "build"))
        shutil.rmtree(project)
    return timings


def table(results: dict[int, dict[str, Timing]], runs: int) -> str:
    sizes = sorted(results)
    head = "| step | " + " | ".join(f"{n:,} briefs: median s" for n in sizes) + " |"
    rows = [head, "| --- |" + " --- |" * len(sizes)]
    for step in STEPS:
        cells = [f"{statistics.median(results[n][step].seconds):.2f}" for n in sizes]
        rows.append(f"| {step} | " + " | ".join(cells) + " |")
    peaks = [f"{max(t.peak_kib for t in results[n].values()) / 1024:.0f} MB" for n in sizes]
    rows.append("| peak memory (largest run) | " + " | ".join(peaks) + " |")
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        ratios = []
        for step in ("cold ingest", "cold render"):
            ratio = statistics.median(results[large][step].seconds) / statistics.median(
                results[small][step].seconds
            )
            ratios.append(f"{step} {ratio:.1f}×")
        rows.append(
            f"\nGrowth from {small:,} to {large:,} briefs ({large // small}× the briefs): "
            + ", ".join(ratios)
            + "."
        )
    machine = f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores"
    rows.append(f"\nMedian of {runs} runs each, on {machine}; wall time of the whole CLI process.")
    return "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 briefs only")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=HERE / "work", help="where corpora and projects go")
    args = parser.parse_args()
    sizes = [1000] if args.quick else args.sizes
    args.work.mkdir(parents=True, exist_ok=True)
    results = {n: measure(n, args.runs, args.work) for n in sizes}
    report = "# Benchmark results\n\nMade by `make bench` (`python bench/run.py`).\n\n" + table(
        results, args.runs
    )
    print(report)
    if not args.quick:
        (HERE / "RESULTS.md").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
