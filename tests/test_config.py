"""The config is validated once, at the edge: every problem named with its key, exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.config import load_config
from generator.errors import ConfigError

REPO = Path(__file__).resolve().parent.parent
VALID = {
    "site": {"title": "T", "base_url": "https://user.github.io/repo/", "timezone": "Asia/Kolkata"},
    "pillars": [{"slug": "logistics", "title": "Logistics", "keywords": ["logistics"]}],
}


def write_config(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "briefing.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def problems_for(tmp_path: Path, data: object) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, data))
    assert caught.value.path == (tmp_path / "briefing.yaml").resolve()
    return caught.value.problems


def with_site(**changes: object) -> dict:
    return {**VALID, "site": {**VALID["site"], **changes}}


def test_the_shipped_config_is_valid() -> None:
    config = load_config(REPO / "briefing.yaml")
    assert config.site.timezone == "Asia/Kolkata"
    assert config.catch_all.slug == "general"
    assert len(config.pillars) >= 8
    assert {p.name for p in config.people} >= {"Rajnath Singh", "Pete Hegseth"}


def test_defaults_and_resolved_paths(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, VALID))
    assert config.paths.articles == (tmp_path / "content" / "articles").resolve()
    assert config.paths.output == (tmp_path / "site").resolve()
    assert config.paths.extra == (tmp_path / "content" / "extra").resolve()
    assert config.site.base_path == "/repo/"
    assert config.feeds.items == 20
    assert config.listing.per_page == 20
    assert (config.classify.min_score, config.classify.min_share) == (2, 0.25)
    # no catch-all configured: one is added so no brief ever disappears
    assert config.catch_all.slug == "general"
    assert [p.slug for p in config.pillars] == ["logistics", "general"]


def test_classify_takes_whole_and_decimal_numbers(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, {**VALID, "classify": {"min_score": 3, "min_share": 0.5}}))
    assert (config.classify.min_score, config.classify.min_share) == (3.0, 0.5)


def test_base_url_gets_a_trailing_slash_and_override_wins(tmp_path: Path) -> None:
    path = write_config(tmp_path, with_site(base_url="https://example.org/briefs"))
    assert load_config(path).site.base_url == "https://example.org/briefs/"
    override = load_config(path, base_url="https://user.github.io/other")
    assert override.site.base_url == "https://user.github.io/other/"
    assert override.site.base_path == "/other/"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (with_site(title=5), "site.title: expected a string, got int 5"),
        # an empty title stopped the build with a traceback from feedgen ("Required fields not set")
        (with_site(title=" "), "site.title: expected a non-empty string, got ' '"),
        ({**VALID, "pillars": [{"slug": "x", "title": ""}]}, "pillars[0].title: expected a non-empty string"),
        ({**VALID, "people": [{"name": ""}]}, "people[0].name: expected a non-empty string"),
        ({**VALID, "feeds": {"items": "many"}}, "feeds.items: expected a whole number"),
        ({**VALID, "feeds": {"items": True}}, "feeds.items: expected a whole number"),
        ({**VALID, "feeds": {"items": 0}}, "feeds.items: expected a whole number of at least 1"),
        ({**VALID, "colour": "blue"}, "colour: unknown key (known keys: books, classify,"),
        ({**VALID, "pilars": []}, "pilars: unknown key (did you mean 'pillars'? known keys: books,"),
        (with_site(base_ulr="https://x.example/"), "site.base_ulr: unknown key (did you mean 'base_url'?"),
        (with_site(theme="dark"), "site.theme: unknown key"),
        ({"pillars": VALID["pillars"]}, "site: required section is missing"),
        ({**VALID, "site": {"title": "T"}}, "site.base_url: required key is missing"),
        (with_site(base_url="user.github.io/repo"), "site.base_url: expected an absolute http(s) URL"),
        (with_site(base_url="ftp://host/x/"), "site.base_url: expected an absolute http(s) URL"),
        (with_site(timezone="Mars/Olympus"), "site.timezone: unknown time zone 'Mars/Olympus' (expected"),
        (with_site(timezone="Asia/Kolkatta"), "(did you mean 'Asia/Kolkata'? expected an IANA"),
        (with_site(language="english!"), "site.language: expected a language tag"),
        (
            {**VALID, "pillars": VALID["pillars"] * 2},
            "pillars[1].slug: duplicate pillar slug 'logistics'",
        ),
        ({**VALID, "pillars": [{"slug": "Bad Slug", "title": "x"}]}, "pillars[0].slug: expected lower-case"),
        ({**VALID, "pillars": [{"title": "x"}]}, "pillars[0].slug: required key is missing"),
        (
            {**VALID, "pillars": [{"slug": "2025-07", "title": "x"}]},
            "pillars[0].slug: '2025-07' looks like a month",
        ),
        ({**VALID, "pillars": {"slug": "x"}}, "pillars: expected a list, got a mapping"),
        ({**VALID, "people": [{"name": "A", "aliases": "B"}]}, "people[0].aliases: expected a list"),
        ({**VALID, "people": [{"name": "A"}, {"name": "A"}]}, "people: 'A' is listed more than once"),
        (
            {
                **VALID,
                "people": [
                    {"name": "Rajnath Singh", "aliases": ["Singh"]},
                    {"name": "M Singh", "aliases": ["singh"]},
                ],
            },
            "people: 'singh' names both 'Rajnath Singh' and 'M Singh'; an alias must name one person",
        ),
        ({**VALID, "listing": {"per_page": -3}}, "listing.per_page: expected a whole number of at least 1"),
        (
            with_site(base_url="https://user.github.io/my repo/"),
            "site.base_url: the base URL's path has characters a URL must escape (' '); "
            "write it escaped: 'https://user.github.io/my%20repo/'",
        ),
        (
            with_site(base_url="https://user.github.io/repo/index.html"),
            "site.base_url: the base URL is the site's folder, not a page: 'https://user.github.io/repo/'",
        ),
        (
            {**VALID, "classify": {"min_share": 25}},
            "classify.min_share: expected a number from 0 to 1, got 25",
        ),
        ({**VALID, "classify": {"min_score": -1}}, "classify.min_score: expected a number from 0 up, got -1"),
        # YAML's .nan and .inf were taken, and filed every brief under the catch-all pillar
        (
            {**VALID, "classify": {"min_score": float("nan")}},
            "classify.min_score: expected a number from 0 up",
        ),
        (
            {**VALID, "classify": {"min_score": float("inf")}},
            "classify.min_score: expected a number from 0 up",
        ),
        ({**VALID, "classify": {"min_score": "two"}}, "classify.min_score: expected a number, got a string"),
        ({**VALID, "classify": {"min_share": True}}, "classify.min_share: expected a number, got true/false"),
        ({**VALID, "classify": {"share": 0.5}}, "classify.share: unknown key"),
        (["not", "a", "mapping"], "expected a mapping of keys, got a list"),
    ],
)
def test_each_problem_names_the_key_and_what_is_expected(tmp_path: Path, data: object, expected: str) -> None:
    problems = problems_for(tmp_path, data)
    assert any(expected in p for p in problems), problems


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    data = {**with_site(timezone="Nowhere/Town", title=[]), "feeds": {"items": "x"}, "extra": 1}
    problems = problems_for(tmp_path, data)
    assert len(problems) == 4, problems


def test_two_catch_all_pillars_are_refused(tmp_path: Path) -> None:
    pillars = [{"slug": "a", "title": "A", "catch_all": True}, {"slug": "b", "title": "B", "catch_all": True}]
    assert any(
        "only one pillar may be catch_all" in p for p in problems_for(tmp_path, {**VALID, "pillars": pillars})
    )


def test_invalid_yaml_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "briefing.yaml"
    path.write_text("site:\n  title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "line 3" in caught.value.problems[0] or "line 2" in caught.value.problems[0]
    assert str(path.resolve()) in str(caught.value)


def test_missing_file_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found .*--config"):
        load_config(tmp_path / "nope.yaml")


def test_bad_base_url_override_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--base-url: expected an absolute http"):
        load_config(write_config(tmp_path, VALID), base_url="not a url")


OWN = "it is replaced whole on every build, so it must be a folder of its own, such as site"


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        ({"output": "."}, f"paths.output: '.' holds the project itself; {OWN}"),
        ({"output": ".."}, "paths.output: '"),  # the folder above, named in full
        ({"output": "content"}, f"paths.output: 'content' holds paths.articles ('content/articles'); {OWN}"),
        (
            {"output": "content/briefs"},
            "paths.output: 'content/briefs' holds paths.briefs ('content/briefs')",
        ),
        ({"output": "templates"}, "paths.output: 'templates' holds paths.templates ('templates')"),
        (
            {"output": "content/articles/site"},
            "paths.output: 'content/articles/site' is inside paths.articles ('content/articles')",
        ),
        ({"output": "templates/site"}, "paths.output: 'templates/site' is inside paths.templates"),
        ({"redirects": "site/redirects.yaml"}, "paths.output: 'site' holds paths.redirects"),
        ({"briefs": "content/articles"}, "paths.briefs: 'content/articles' is in paths.articles"),
        ({"output": "content/extra"}, "paths.output: 'content/extra' holds paths.extra ('content/extra')"),
        ({"extra": "content/articles/root"}, "paths.extra: 'content/articles/root' is in paths.articles"),
        (
            {"briefs": "content/articles/briefs"},
            "paths.briefs: 'content/articles/briefs' is in paths.articles",
        ),
    ],
)
def test_folders_that_would_destroy_or_mix_up_another_are_refused(
    tmp_path: Path, paths: dict[str, str], expected: str
) -> None:
    """The output folder is replaced whole by every build: ``output: content`` deleted the articles."""
    problems = problems_for(tmp_path, {**VALID, "paths": paths})
    assert [p for p in problems if p.startswith(expected)], problems
    if paths == {"output": ".."}:
        assert problems == [f"paths.output: '{tmp_path.parent.resolve()}' holds the project itself; {OWN}"]


@pytest.mark.parametrize(
    "paths",
    [
        {"output": "public"},
        {"output": "build/site", "briefs": "briefs", "articles": "articles"},
        {"briefs": "content", "articles": "content/articles"},  # briefs are read from their folder alone
        {"output": "../published-site"},  # beside the project: nothing of it is inside
    ],
)
def test_folders_of_their_own_are_accepted(tmp_path: Path, paths: dict[str, str]) -> None:
    project = tmp_path / "project"
    project.mkdir()
    assert load_config(write_config(project, {**VALID, "paths": paths})).paths.output.name


def test_a_key_given_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    """YAML keeps the last of two keys without a word: a second ``pillars:`` block appended to the
    config replaced the first, every pillar of it gone."""
    path = tmp_path / "briefing.yaml"
    text = yaml.safe_dump(VALID) + "pillars:\n  - {slug: extra, title: Extra, keywords: [x], slug: other}\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    line = text.count("\n", 0, text.rindex("pillars:")) + 1
    assert caught.value.problems == [
        f"line {line}, column 1: not valid YAML ('pillars' is given twice; only one can count)"
    ]
    path.write_text(
        yaml.safe_dump(VALID).replace("pillars:", "pillars:\n- {slug: a, title: A, slug: b}\nx:"), "utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "'slug' is given twice" in caught.value.problems[0]  # in a nested mapping too


@pytest.mark.parametrize("written", ['"Desk\\x07"', "Desk\x07", '"Desk\\u0085"'])
def test_a_control_character_is_refused_with_its_line(tmp_path: Path, written: str) -> None:
    """A site title of an escape YAML reads as a control character crashed every feed's writing."""
    path = tmp_path / "briefing.yaml"
    text = yaml.safe_dump(VALID).replace("site:\n", "site:\n  description: " + written + "\n", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    line = text.count("\n", 0, text.index("description:")) + 1
    assert caught.value.problems[0].startswith(f"line {line}, column ")
    assert "invisible control character" in caught.value.problems[0]


def test_a_keyword_or_alias_without_a_letter_is_refused(tmp_path: Path) -> None:
    """A stray "-" in a keyword list was a keyword found between every two words of every story:
    its pillar topped every brief."""
    pillars = [{"slug": "logistics", "title": "Logistics", "keywords": ["logistics", "-", "C++", "सेना"]}]
    people = [{"name": "Rajnath Singh", "aliases": ["...", "Singh"]}]
    path = write_config(tmp_path, {**VALID, "pillars": pillars, "people": people})
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems == [
        "pillars[0].keywords[1]: expected a word or phrase, got '-', which has no letter or digit",
        "people[0].aliases[0]: expected a word or phrase, got '...', which has no letter or digit",
    ]


def test_only_true_and_false_are_booleans_but_a_true_or_false_key_takes_yes_and_no(tmp_path: Path) -> None:
    """YAML 1.1 reads ``NO`` (Norway's code), ``yes``, ``on`` and ``off`` as booleans: a keyword or
    alias written so was "False". Where true or false is wanted, yes and no still mean it."""
    path = tmp_path / "briefing.yaml"
    text = (
        "site: {title: 'No', base_url: 'https://user.github.io/repo/', timezone: Asia/Kolkata}\n"
        "pillars:\n- {slug: nordic, title: Nordic, keywords: [NO, Norway]}\n"
        "- {slug: general, title: General, catch_all: yes}\n"
        "people:\n- {name: Jonas Gahr Store, aliases: [Off]}\n"
    )
    path.write_text(text.replace("'No'", "No"), encoding="utf-8")
    config = load_config(path)
    assert (config.site.title, config.pillars[0].keywords) == ("No", ("NO", "Norway"))
    assert config.catch_all.slug == "general" and config.people[0].aliases == ("Off",)
    path.write_text(text.replace("catch_all: yes", "catch_all: maybe"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems[0] == "pillars[1].catch_all: expected true or false, got a string 'maybe'"
