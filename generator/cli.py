"""Argument parsing for ``briefing`` (and ``python -m generator``); the work is in commands.py."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from generator import commands
from generator.config import DEFAULT_CONFIG_NAME, find_config, load_config
from generator.errors import BriefingError
from generator.progress import NORMAL, QUIET, VERBOSE, Reporter

DESCRIPTION = """\
Turn scraped news articles into a static briefing site.

  content/articles/*.txt|*.html|*.mhtml  --ingest-->  content/briefs/*.md  --render-->  site/

Briefs are Markdown files with YAML front matter; edit them by hand freely, ingest
never overwrites an edited brief. The site works on GitHub Pages under a project
sub-path. Exit status: 0 all good, 1 some inputs failed (the rest was built),
2 usage or configuration error (nothing written).
"""

COMMANDS = {
    "build": (
        "ingest new or changed articles, then render the site",
        "Ingest, then render: the one command a desk runs.",
    ),
    "ingest": (
        "turn raw articles into Markdown briefs",
        "Turn raw articles (*.txt page dumps, *.html and *.mhtml saved pages) into Markdown briefs in the "
        "briefs folder. Unchanged articles leave their briefs untouched; hand-edited briefs are "
        "kept unless --force.",
    ),
    "render": (
        "turn briefs into the static site",
        "Render the briefs into the output folder: pages, feeds, sitemap. The site is built aside "
        "and swapped in at the end, so a failed render leaves the previous site as it was.",
    ),
    "serve": (
        "build, serve on 127.0.0.1 and rebuild on change",
        "Build, then serve the site on 127.0.0.1 under the base URL's path (as GitHub Pages "
        "does), rebuilding when articles, briefs, templates or the config change. Ctrl-C stops.",
    ),
    "new": (
        "start a brief of your own, as a draft",
        "Start a hand-written brief in the briefs folder, named as ingest names briefs "
        "(YYYY-MM-DD-title-words.md), with its keys to fill in; it is a draft, not published until "
        "its draft line goes. Prints the file's path.",
    ),
    "check": (
        "validate briefs, config and the built site",
        "Check the briefs, the config and the built site: broken internal links, missing assets, feeds "
        "that do not parse. Exit 1 when problems are found.",
    ),
}


def _common_options(suppress: bool) -> argparse.ArgumentParser:
    """Options accepted both before and after the command name (`briefing -q build` = `briefing build -q`)."""
    default = argparse.SUPPRESS if suppress else None
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--config",
        metavar="PATH",
        type=Path,
        default=default,
        help=f"the site's config file (default: {DEFAULT_CONFIG_NAME} in this folder or the nearest above)",
    )
    parent.add_argument(
        "--base-url",
        metavar="URL",
        default=default,
        help="the address the site is served from, overriding site.base_url "
        "(e.g. https://user.github.io/repo/)",
    )
    noise = parent.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", default=default, help="print only errors")
    noise.add_argument(
        "-v", "--verbose", action="store_true", default=default, help="print what is done to each file"
    )
    return parent


class _Version(argparse.Action):
    """``--version``: the installed package's, looked up only when asked (importlib.metadata costs
    every command ~0.03 s, a sixth of a build with nothing to do)."""

    def __init__(self, option_strings: Sequence[str], dest: str) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from importlib import metadata

        try:
            version = metadata.version("briefing")
        except metadata.PackageNotFoundError:  # run from a source tree that is not installed
            version = "(not installed)"
        print(f"briefing {version}")
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """argparse's parser, guessing at a mistyped command ("biuld": did you mean 'build'?), as
    Python 3.14's ``suggest_on_error`` does."""

    def error(self, message: str) -> NoReturn:
        import difflib  # only for a mistake: not every run's start

        typed = re.search(r"invalid choice: '([^']*)'", message)
        close = difflib.get_close_matches(typed[1], COMMANDS, n=1) if typed else []
        if close and "maybe you meant" not in message:
            message += f"; did you mean '{close[0]}'?"
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="briefing",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_common_options(suppress=False)],
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    per_command = _common_options(suppress=True)
    parsers = {
        name: sub.add_parser(name, help=short, description=long, parents=[per_command])
        for name, (short, long) in COMMANDS.items()
    }
    ingest = parsers["ingest"]
    ingest.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="articles to ingest, a folder for every article in it (default: the articles folder)",
    )
    ingest.add_argument(
        "--force",
        action="store_true",
        help="regenerate hand-edited briefs too, keeping each edited file as a .bak copy beside it",
    )
    ingest.add_argument(
        "--explain",
        metavar="FILE",
        type=Path,
        help="print which phrases put the article FILE in each pillar, then stop (writes nothing)",
    )
    new = parsers["new"]
    new.add_argument("title", metavar="TITLE", help="the brief's headline")
    new.add_argument(
        "--date",
        metavar="DATE",
        help="its date: 2025-07-01T09:30:00+05:30, or 2025-07-01 for midnight (default: now)",
    )
    new.add_argument(
        "--pillar",
        dest="pillars",
        action="append",
        default=[],
        metavar="SLUG",
        help="a pillar it belongs to, strongest first (repeat for more)",
    )
    serve = parsers["serve"]
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    serve.add_argument(
        "--no-build",
        action="store_true",
        help="serve the existing site as it is: no build first, none on change",
    )
    return parser


def _verbosity(args: argparse.Namespace) -> int:
    if getattr(args, "quiet", None):
        return QUIET
    if getattr(args, "verbose", None):
        return VERBOSE
    return NORMAL


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    reporter = Reporter(_verbosity(args))
    config_path = getattr(args, "config", None)
    if config_path is None:
        config_path = find_config(Path.cwd())
        if config_path.parent != Path.cwd():
            reporter.info(f"using {config_path}")  # found in a folder above
    base_url = getattr(args, "base_url", None)
    try:
        config = load_config(config_path, base_url=base_url)
        if args.command == "build":
            return commands.run_build(config, reporter)
        if args.command == "ingest":
            if args.explain:
                return commands.run_explain(config, args.explain)
            return commands.run_ingest(config, reporter, args.paths or None, args.force)
        if args.command == "render":
            return commands.run_render(config, reporter)
        if args.command == "new":
            return commands.run_new(config, reporter, args.title, args.date, args.pillars)
        if args.command == "check":
            return commands.run_check(config, reporter)
        return commands.run_serve(config, reporter, args.port, not args.no_build, base_url)
    except (BriefingError, OSError) as exc:
        return commands.report_failure(exc, reporter)
    except KeyboardInterrupt:
        reporter.error("interrupted")
        return 130


def run() -> None:
    """The console script: ``main``, then leave without the interpreter's teardown, which would free a
    large build's heap object by object (see ``heap.retain``); nothing is left unwritten but the
    standard streams, flushed here."""
    status = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    run()
