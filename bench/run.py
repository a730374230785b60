"""The speed benchmark behind ``make bench``: times the real CLI on synthetic corpora.

    python bench/run.py [--quick] [--runs 3] [--sizes 1000 10000] [--people]

For each size it makes a corpus (bench/corpus.py), then, in fresh project folders, times with the
``briefing`` CLI in a subprocess: cold ingest (articles -> briefs), cold render (briefs -> site, no
cache), a build with nothing changed, a build after one brief is edited, a build after one article
is added, and a build in a fresh clone of that project with its cache restored (the Pages
workflow's). Each figure is the median of --runs runs; peak memory is the largest resident set of
any run (the CLI process, from wait4). The table goes to bench/RESULTS.md and stdout. Each timed step starts
settled (``settle``): the last build's background jobs done, the disk's write-back finished.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402 - bench/ is not a package

# ``--without-search``: the same CLI with the search index (Pagefind) switched off, to show the
# generator's own cost apart from the external indexer's.
WITHOUT_SEARCH = (
    "import generator.site as site; "
    "from generator.site import search; site.start_bundles = search.no_index; "
    "from generator.cli import run; run()"
)
SEARCH = True

STEPS = (
    "cold ingest",
    "cold render",
    "no-op build",
    "one brief edited",
    "one article added",
    "fresh clone, cache restored",
)


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system, the CLI and its worker processes
    peak_kib: int = 0

    def add(self, seconds: float, cpu: float, peak_kib: int) -> None:
        self.seconds.append(seconds)
        self.cpu.append(cpu)
        self.peak_kib = max(self.peak_kib, peak_kib)


def briefing(project: Path, *args: str) -> tuple[float, float, int]:
    """Run the CLI once; return wall seconds, CPU seconds and the peak resident set in KiB."""
    command = [
        sys.executable,
        *(["-m", "generator"] if SEARCH else ["-c", WITHOUT_SEARCH]),
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
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


# What a build leaves running when it returns (writer.py, cache.py): the copy of the new site that
# the next build patches, the deletion of the old one and of what it threw away, the kept render
# plan being written.
BACKGROUND = (".site.clone-*.partial", ".site.old-*", ".site.trash-*", ".briefing/cache/.*.tmp")


def settle(project: Path) -> None:
    """Start a timed step as a user's next build starts, seconds after the last: the last build's
    background jobs done and the disk's write-back of earlier steps finished, so that no step is
    charged for the one before it (a cold render writes ~100 MB at 1,000 briefs)."""
    deadline = time.monotonic() + 120
    while any(any(project.glob(pattern)) for pattern in BACKGROUND) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.sync()


def fresh_project(source: Path, work: Path, with_briefs: bool) -> Path:
    project = Path(tempfile.mkdtemp(dir=work))
    shutil.copy(source / "briefing.yaml", project / "briefing.yaml")
    shutil.copytree(REPO / "templates", project / "templates")
    shutil.copytree(source / "articles", project / "articles")
    if with_briefs:
        shutil.copytree(source / "briefs", project / "briefs")
    else:
        (project / "briefs").mkdir()
    return project


def edit_one_brief(project: Path) -> None:
    brief = sorted((project / "briefs").glob("*.md"))[len(list((project / "briefs").glob("*.md"))) // 2]
    with brief.open("a", encoding="utf-8") as handle:
        handle.write("\nAn analyst added this sentence.\n")


def add_one_article(project: Path, run: int) -> None:
    """A new story (its own brief, not a copy of an existing one), dated like the newest."""
    rng = random.Random(1_000_000 + run)
    story = corpus._story(rng, corpus.START + timedelta(days=3 * 365 - 1, hours=12), 900_000 + run)
    (project / "articles" / f"added-{run}.txt").write_text(corpus._raw(story), encoding="utf-8")


def fresh_clone(project: Path, spent: list[Path]) -> Path:
    """What the Pages workflow builds (README, *Deploying*): a new checkout of the project at the same
    path, every input file written anew (new mtimes, no site), and ``.briefing/`` restored as
    ``actions/cache`` restores it (its files' mtimes kept). The old folder goes to ``spent``."""
    before = project.with_name(project.name + "-before-clone")
    project.rename(before)
    spent.append(before)
    project.mkdir()
    shutil.copy(before / "briefing.yaml", project / "briefing.yaml")
    for folder in ("templates", "articles", "briefs"):
        shutil.copytree(before / folder, project / folder, copy_function=shutil.copy)
    shutil.copytree(before / ".briefing", project / ".briefing")
    return project


def remove(project: Path) -> None:
    """Delete a project, again until it is gone: the detached jobs a build leaves (deleting the old
    site, cloning the new one) may still be writing into it."""
    for _ in range(600):
        shutil.rmtree(project, ignore_errors=True)
        if not project.exists():
            return
        time.sleep(0.1)


def from_shared(shared: Path, folder: Path) -> None:
    """Lay out a shared/bench corpus as a project: md/ -> briefs/, raw/ -> articles/, its pillars."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copytree(shared / "md", folder / "briefs")
    shutil.copytree(shared / "raw", folder / "articles")
    site = corpus._config().split("pillars:\n")[0]
    pillars = (shared / "pillars.yaml").read_text(encoding="utf-8")
    catch_all = "  - {slug: general, title: General, catch_all: true}\n"
    (folder / "briefing.yaml").write_text(site + pillars + catch_all, encoding="utf-8")


def measure(n: int, runs: int, work: Path, spent: list[Path], people: bool = False) -> dict[str, Timing]:
    """Times each step of ``runs`` runs at ``n`` briefs. The projects used go to ``spent``, to be
    deleted once every step is timed: on this disk (ext4 without a journal) creating files within a
    minute of deleting thousands costs ~0.35 ms more each (the allocator skips the inodes just
    freed), which would charge the next cold step ~3.5 s for the bench's own clean-up."""
    folder = work / (f"corpus-{n}-people" if people else f"corpus-{n}")
    if not (folder / "briefing.yaml").exists():
        print(f"bench: making a corpus of {n} articles", file=sys.stderr)
        corpus.generate(n, folder, people=people)
    timings = {step: Timing() for step in STEPS}
    for run in range(runs):
        print(f"bench: {n} articles, run {run + 1} of {runs}", file=sys.stderr)
        project = fresh_project(folder, work, with_briefs=False)
        settle(project)
        timings["cold ingest"].add(*briefing(project, "ingest"))
        rendered = fresh_project(folder, work, with_briefs=True)
        settle(rendered)
        timings["cold render"].add(*briefing(rendered, "render"))
        spent.append(rendered)
        briefing(project, "build")  # warm: the site and caches exist
        settle(project)
        timings["no-op build"].add(*briefing(project, "build"))
        edit_one_brief(project)
        settle(project)
        timings["one brief edited"].add(*briefing(project, "build"))
        add_one_article(project, run)
        settle(project)
        timings["one article added"].add(*briefing(project, "build"))
        settle(project)
        clone = fresh_clone(project, spent)
        settle(clone)
        timings["fresh clone, cache restored"].add(*briefing(clone, "build"))
        spent.append(clone)
    return timings


def cell(t: Timing) -> str:
    return (
        f"{statistics.median(t.seconds):.2f} ({statistics.median(t.cpu):.2f} cpu, {t.peak_kib / 1024:.0f} MB)"
    )


def table(results: dict[int, dict[str, Timing]], runs: int) -> str:
    sizes = sorted(results)
    head = "| step | " + " | ".join(f"{n:,} briefs: wall s (cpu s, peak memory)" for n in sizes) + " |"
    rows = [head, "| --- |" + " --- |" * len(sizes)]
    for step in STEPS:
        cells = [cell(results[n][step]) for n in sizes]
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
    rows.append(
        f"\nMedian of {runs} runs each, on {machine}; wall time of the whole CLI process, and in brackets "
        "its CPU time (user + system, worker processes included), which the machine's other load "
        "disturbs less. Each timed step starts once the build before it has finished its background "
        "jobs and the disk has written back what earlier steps wrote (`sync`), as a user's next build "
        "starts seconds after the last; the projects timed are deleted only after the last step."
    )
    return "\n".join(rows) + "\n"


def compile_package() -> None:
    """Compile the package's bytecode, as pip does when it installs a package and as Python does on a
    first import: where PYTHONDONTWRITEBYTECODE is set (this machine sets it) every timed build would
    otherwise compile each module from source again, ~0.05 s that no user's second build pays."""
    if not compileall.compile_dir(REPO / "generator", quiet=1):
        raise SystemExit("bench: the package does not compile")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 briefs only")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=HERE / "work", help="where corpora and projects go")
    parser.add_argument(
        "--shared",
        type=Path,
        metavar="DIR",
        help="time a corpus made by shared/bench/make_corpus.py (its md/, raw/, pillars.yaml) instead",
    )
    parser.add_argument("--without-search", action="store_true", help="switch the search index off")
    parser.add_argument(
        "--people", action="store_true", help="a corpus whose stories name and quote people (people pages)"
    )
    args = parser.parse_args()
    global SEARCH
    SEARCH = not args.without_search
    sizes = [1000] if args.quick else args.sizes
    compile_package()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.shared:
        n = len(list((args.shared / "md").glob("*.md")))
        from_shared(args.shared, args.work / f"corpus-{n}")
        sizes = [n]
    spent: list[Path] = []
    try:
        results = {n: measure(n, args.runs, args.work, spent, args.people and not args.shared) for n in sizes}
    finally:
        for project in spent:
            remove(project)
    report = "# Benchmark results\n\nMade by `make bench` (`python bench/run.py`).\n\n" + table(
        results, args.runs
    )
    print(report)
    # RESULTS.md holds the README's figures: both sizes, 3 runs or more, with search, on the disk
    # beside the repo.
    standard = sizes == [1000, 10000] and args.runs >= 3 and not args.shared and not args.people
    if standard and SEARCH and args.work == HERE / "work":
        (HERE / "RESULTS.md").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
