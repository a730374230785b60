"""The site's configuration (``briefing.yaml``): schema, defaults and the one place it is validated.

Every problem in the file is collected and reported at once, each naming the key and what is
expected, so a user fixes the file in one pass (MkDocs does the same).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import yaml

from generator import yaml_keys
from generator.errors import ConfigError, did_you_mean, unknown_key
from generator.fileio import relative_to_root

LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")  # BCP 47's common forms: en, en-IN, zh-Hans

DEFAULT_CONFIG_NAME = "briefing.yaml"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MONTH_RE = re.compile(r"^\d{4}-\d{2}$")
CATCH_ALL_SLUG = "general"


@dataclass(frozen=True)
class SiteSettings:
    title: str
    base_url: str  # absolute, always ends with "/"
    description: str = ""
    language: str = "en"
    timezone: str = "UTC"
    author: str = ""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def base_path(self) -> str:
        """The URL path the site is served under: "/" or "/repo/"."""
        return urlsplit(self.base_url).path or "/"


@dataclass(frozen=True)
class PathSettings:
    """Folders, already resolved against the config file's folder."""

    articles: Path
    briefs: Path
    templates: Path
    output: Path
    redirects: Path  # old brief addresses and where they lead now (``generator/redirects.py``)
    extra: Path  # files put into the site's root as they are (a CNAME, favicon.ico); need not exist


@dataclass(frozen=True)
class Pillar:
    slug: str
    title: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    catch_all: bool = False


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""


@dataclass(frozen=True)
class FeedSettings:
    items: int = 20


@dataclass(frozen=True)
class ListingSettings:
    per_page: int = 20  # briefs on one page of a pillar's list
    home_latest: int = 10  # newest briefs on the home page
    pillar_preview: int = 3  # newest briefs shown per pillar on the home page


@dataclass(frozen=True)
class ClassifySettings:
    """When a brief is in a pillar (``generator.ingest.pillars``)."""

    min_score: float = 2.0  # one phrase, or two single words
    min_share: float = 0.25  # of the brief's strongest pillar's score


@dataclass(frozen=True)
class BookSettings:
    latest: int = 20  # newest briefs in each pillar's briefing book (books/<pillar>/)


@dataclass(frozen=True)
class Config:
    path: Path  # the config file
    root: Path  # the project root: the config file's folder
    site: SiteSettings
    paths: PathSettings
    pillars: tuple[Pillar, ...]
    people: tuple[Person, ...] = ()
    feeds: FeedSettings = field(default_factory=FeedSettings)
    listing: ListingSettings = field(default_factory=ListingSettings)
    books: BookSettings = field(default_factory=BookSettings)
    classify: ClassifySettings = field(default_factory=ClassifySettings)

    @property
    def pillar_by_slug(self) -> dict[str, Pillar]:
        return {p.slug: p for p in self.pillars}

    @property
    def catch_all(self) -> Pillar:
        return next(p for p in self.pillars if p.catch_all)

    def with_base_url(self, base_url: str) -> Config:
        """The same config with ``--base-url`` applied (validated like the file's value)."""
        problems: list[str] = []
        url = _check_base_url(base_url, "--base-url", problems)
        if problems:
            raise ConfigError(self.path, problems)
        site = SiteSettings(**{**self.site.__dict__, "base_url": url})
        return Config(**{**self.__dict__, "site": site})


# --- validation -------------------------------------------------------------------------------

_WORDY = re.compile(r"[^\W_]")  # a letter or digit, of any script


class _Section:
    """Reads typed values out of one mapping, recording a problem per bad or unknown key."""

    def __init__(self, data: Any, where: str, problems: list[str], known: set[str]) -> None:
        self.where = where
        self.problems = problems
        if data is None:
            data = {}
        if not isinstance(data, dict):
            problems.append(f"{where}: expected a mapping of keys, got {_kind(data)}")
            data = {}
        self.data = data
        for key in data:
            if key not in known:
                problems.append(f"{self.key(key)}: {unknown_key(key, known)}")

    def key(self, name: Any) -> str:
        return f"{self.where}.{name}" if self.where else str(name)

    def get(self, name: str, kind: type, default: Any = None, required: bool = False) -> Any:
        if name not in self.data or self.data[name] is None:
            if required:
                self.problems.append(f"{self.key(name)}: required key is missing")
            return default
        value = self.data[name]
        flag = yaml_keys.as_bool(value) if kind is bool else None
        if flag is not None:
            return flag
        # bool is an int in Python; a YAML "true" must not pass as a number
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            self.problems.append(
                f"{self.key(name)}: expected {_kind_name(kind)}, got {_kind(value)} {value!r}"
            )
            return default
        if required and isinstance(value, str) and not value.strip():
            # an empty site title stopped the build with a traceback as the feeds were written
            self.problems.append(f"{self.key(name)}: expected a non-empty string, got {value!r}")
            return default
        return value

    def get_strings(self, name: str) -> tuple[str, ...]:
        """Words or phrases to find in the text: each needs a letter or digit. A stray ``-`` in a
        list (``[training, -, drills]``) was a keyword found between every two words of a story."""
        values = self.get(name, list, [])
        good = []
        for i, item in enumerate(values):
            if not isinstance(item, str) or not item.strip():
                self.problems.append(f"{self.key(name)}[{i}]: expected a non-empty string")
            elif not _WORDY.search(item):
                problem = f"expected a word or phrase, got {item!r}, which has no letter or digit"
                self.problems.append(f"{self.key(name)}[{i}]: {problem}")
            else:
                good.append(item.strip())
        return tuple(good)

    def get_number(self, name: str, default: float, low: float, high: float | None = None) -> float:
        """A number, whole or not, from ``low`` to ``high`` (when given)."""
        value = self.get(name, (int, float), default)  # type: ignore[arg-type]
        # YAML's .nan passed every comparison, and .inf has no bound: either filed every brief under
        # the catch-all pillar, without a word
        if not math.isfinite(value) or value < low or (high is not None and value > high):
            limit = f"from {low:g}" + (f" to {high:g}" if high is not None else " up")
            self.problems.append(f"{self.key(name)}: expected a number {limit}, got {value!r}")
            return default
        return float(value)

    def get_positive(self, name: str, default: int) -> int:
        value = self.get(name, int, default)
        if value < 1:
            self.problems.append(f"{self.key(name)}: expected a whole number of at least 1")
            return default
        return value


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def _kind_name(kind: type) -> str:
    return {
        str: "a string",
        int: "a whole number",
        bool: "true or false",
        list: "a list",
        (int, float): "a number",
    }.get(kind, getattr(kind, "__name__", str(kind)))


def _check_base_url(url: str, where: str, problems: list[str]) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        problems.append(
            f"{where}: expected an absolute http(s) URL such as 'https://user.github.io/repo/', got {url!r}"
        )
        return url
    if parts.query or parts.fragment:
        problems.append(f"{where}: the base URL cannot have a query or fragment, got {url!r}")
    unsafe = sorted({c for c in parts.path if not (c.isascii() and c.isprintable()) or c in ' "<>\\^`{|}'})
    if unsafe:  # every feed, the sitemap and each canonical link would carry it as it is: invalid there
        escaped = urlunsplit(parts._replace(path=quote(parts.path, safe="/%:@!$&'()*+,;=~-._")))
        named = ", ".join(map(repr, unsafe))
        must = f"the base URL's path has characters a URL must escape ({named})"
        problems.append(f"{where}: {must}; write it escaped: {escaped!r}")
    if parts.path.lower().endswith((".html", ".htm")):
        folder = urlunsplit(parts._replace(path=parts.path.rpartition("/")[0] + "/"))
        problems.append(f"{where}: the base URL is the site's folder, not a page: {folder!r}, not {url!r}")
    return url if url.endswith("/") else url + "/"


def _read_site(data: Any, problems: list[str]) -> SiteSettings:
    known = {"title", "description", "base_url", "language", "timezone", "author"}
    s = _Section(data, "site", problems, known)
    title = s.get("title", str, "Briefing", required=True)
    base_url = s.get("base_url", str, "http://localhost/", required=True)
    base_url = _check_base_url(base_url, s.key("base_url"), problems)
    timezone = s.get("timezone", str, "UTC")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        guess = did_you_mean(timezone, available_timezones())
        problems.append(
            f"site.timezone: unknown time zone {timezone!r} "
            f"({guess}expected an IANA name such as 'Asia/Kolkata' or 'UTC')"
        )
        timezone = "UTC"
    language = s.get("language", str, "en")
    if not LANGUAGE_TAG.fullmatch(language):
        problems.append(f"site.language: expected a language tag such as 'en' or 'en-IN', got {language!r}")
    return SiteSettings(
        title=title,
        base_url=base_url,
        description=s.get("description", str, ""),
        language=language,
        timezone=timezone,
        author=s.get("author", str, ""),
    )


def _read_paths(data: Any, root: Path, problems: list[str]) -> PathSettings:
    defaults = {
        "articles": "content/articles",
        "briefs": "content/briefs",
        "templates": "templates",
        "output": "site",
        "extra": "content/extra",
    }
    s = _Section(data, "paths", problems, {*defaults, "redirects"})
    resolved = {name: (root / s.get(name, str, default)).resolve() for name, default in defaults.items()}
    given = s.get("redirects", str)
    # Beside the briefs by default: content/redirects.yaml for content/briefs.
    beside = resolved["briefs"].parent / "redirects.yaml"
    resolved["redirects"] = (root / given).resolve() if given else beside
    problems += _overlaps(resolved, root.resolve())
    return PathSettings(**resolved)


def _overlaps(paths: dict[str, Path], root: Path) -> list[str]:
    """The folder settings that would destroy or mix up what another holds. The output folder is
    replaced whole by every build: one that holds an input (``output: content``) would delete the
    articles, one inside an input would be read as one (its pages as articles). Articles are read
    from every folder below theirs: briefs written there would be found among them."""
    own = "it is replaced whole on every build, so it must be a folder of its own, such as site"
    shown = {name: relative_to_root(path, root) for name, path in paths.items()}
    output = paths["output"]
    if output == root or output in root.parents:
        return [f"paths.output: '{shown['output']}' holds the project itself; {own}"]
    problems = []
    for name in ("articles", "briefs", "templates", "redirects", "extra"):
        held = paths[name]
        if output == held or output in held.parents:
            where = f"holds paths.{name}"
        elif held in output.parents:
            where = f"is inside paths.{name}"
        else:
            continue
        problems.append(f"paths.output: '{shown['output']}' {where} ('{shown[name]}'); {own}")
    articles = paths["articles"]
    for name, example in (("briefs", "content/briefs"), ("extra", "content/extra")):
        if paths[name] == articles or articles in paths[name].parents:
            problems.append(
                f"paths.{name}: '{shown[name]}' is in paths.articles ('{shown['articles']}'), every "
                f"folder of which is read for articles; it needs a folder of its own, such as {example}"
            )
    return problems


def _read_list(
    data: Any,
    where: str,
    problems: list[str],
    read_item: Callable[[_Section], Any],
    known: set[str],
) -> list[Any]:
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(f"{where}: expected a list, got {_kind(data)}")
        return []
    return [read_item(_Section(item, f"{where}[{i}]", problems, known)) for i, item in enumerate(data)]


def _read_pillar(s: _Section) -> Pillar:
    slug = s.get("slug", str, "", required=True)
    if MONTH_RE.match(slug):
        s.problems.append(
            f"{s.key('slug')}: {slug!r} looks like a month, and books/<YYYY>-<MM>/ is that month's "
            "briefing book; choose a slug with a word in it"
        )
    elif slug and not SLUG_RE.match(slug):
        s.problems.append(
            f"{s.key('slug')}: expected lower-case letters, digits and single hyphens "
            f"(e.g. 'defence-industry'), got {slug!r}"
        )
    return Pillar(
        slug=slug,
        title=s.get("title", str, slug, required=True),
        description=s.get("description", str, ""),
        keywords=s.get_strings("keywords"),
        catch_all=s.get("catch_all", bool, False),
    )


def _read_person(s: _Section) -> Person:
    return Person(
        name=s.get("name", str, "", required=True).strip(),
        aliases=s.get_strings("aliases"),
        role=s.get("role", str, ""),
    )


def _check_pillars(pillars: list[Pillar], problems: list[str]) -> tuple[Pillar, ...]:
    seen: set[str] = set()
    for i, pillar in enumerate(pillars):
        if pillar.slug in seen:
            problems.append(f"pillars[{i}].slug: duplicate pillar slug {pillar.slug!r}; slugs must be unique")
        seen.add(pillar.slug)
    catch_alls = [p.slug for p in pillars if p.catch_all]
    if len(catch_alls) > 1:
        problems.append(f"pillars: only one pillar may be catch_all, found {', '.join(catch_alls)}")
    if not catch_alls and CATCH_ALL_SLUG not in seen:
        # A brief matching no pillar must still appear somewhere.
        pillars.append(Pillar(CATCH_ALL_SLUG, "General", "Briefs outside the other pillars.", (), True))
    elif not catch_alls:
        problems.append(
            f"pillars: a pillar is named {CATCH_ALL_SLUG!r} but none is marked catch_all: true; "
            "mark the one that should collect briefs matching no other pillar"
        )
    return tuple(pillars)


TOP_LEVEL = {"site", "paths", "pillars", "people", "feeds", "listing", "books", "classify"}


def parse_config(data: Any, path: Path) -> Config:
    """Validate already-parsed YAML; raise ConfigError listing every problem."""
    problems: list[str] = []
    top = _Section(data, "", problems, TOP_LEVEL)
    root = path.parent
    site = _read_site(top.data.get("site"), problems)
    if "site" not in top.data:
        problems.append("site: required section is missing (it needs at least title and base_url)")
    paths = _read_paths(top.data.get("paths"), root, problems)
    pillar_keys = {"slug", "title", "description", "keywords", "catch_all"}
    pillars = _check_pillars(
        _read_list(top.data.get("pillars"), "pillars", problems, _read_pillar, pillar_keys),
        problems,
    )
    people = _read_list(
        top.data.get("people"),
        "people",
        problems,
        _read_person,
        {"name", "aliases", "role"},
    )
    names = [p.name for p in people]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        problems.append(f"people: {dup!r} is listed more than once")
    owner: dict[str, str] = {}  # as ingest reads them: the first person an alias names takes it
    for person in people:
        for alias in (person.name, *person.aliases):
            first = owner.setdefault(alias.lower(), person.name)
            if first != person.name:
                problems.append(
                    f"people: {alias!r} names both {first!r} and {person.name!r}; an alias must name "
                    "one person (its mentions would all go to the first)"
                )
    feeds_s = _Section(top.data.get("feeds"), "feeds", problems, {"items"})
    feeds = FeedSettings(items=feeds_s.get_positive("items", 20))
    listing_s = _Section(
        top.data.get("listing"),
        "listing",
        problems,
        {"per_page", "home_latest", "pillar_preview"},
    )
    listing = ListingSettings(
        per_page=listing_s.get_positive("per_page", 20),
        home_latest=listing_s.get_positive("home_latest", 10),
        pillar_preview=listing_s.get_positive("pillar_preview", 3),
    )
    books_s = _Section(top.data.get("books"), "books", problems, {"latest"})
    books = BookSettings(latest=books_s.get_positive("latest", 20))
    classify_s = _Section(top.data.get("classify"), "classify", problems, {"min_score", "min_share"})
    defaults = ClassifySettings()
    classify = ClassifySettings(
        min_score=classify_s.get_number("min_score", defaults.min_score, 0),
        min_share=classify_s.get_number("min_share", defaults.min_share, 0, 1),
    )
    if problems:
        raise ConfigError(path, problems)
    return Config(
        path=path,
        root=root,
        site=site,
        paths=paths,
        pillars=pillars,
        people=tuple(people),
        feeds=feeds,
        listing=listing,
        books=books,
        classify=classify,
    )


def find_config(start: Path) -> Path:
    """The ``briefing.yaml`` in ``start`` or the nearest folder above it, as git finds its
    repository, so a command run in ``content/briefs`` builds its project; if there is none,
    ``start``'s (which the error then names)."""
    for folder in (start, *start.parents):
        candidate = folder / DEFAULT_CONFIG_NAME
        if candidate.is_file():
            return candidate
    return start / DEFAULT_CONFIG_NAME


def load_config(path: Path, base_url: str | None = None) -> Config:
    """Read and validate the config file; ``base_url`` (from ``--base-url``) overrides the file's."""
    path = path.resolve()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(path, ["file not found (create it, or pass --config PATH)"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, [f"cannot be read: {exc}"]) from None
    try:
        data = yaml_keys.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise ConfigError(path, [f"{where}not valid YAML ({getattr(exc, 'problem', exc)})"]) from None
    config = parse_config(data, path)
    return config.with_base_url(base_url) if base_url else config
