"""Fixtures for issue 8's features: sites built once per session into temporary folders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from render.helpers import BRIEFS, Built, make_config, quiet

from generator.config import Config, Person
from generator.site import render_site

from .helpers import FEATURE_URL, write_people_briefs


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The renderer's test briefs plus a few naming people, with a watch list, under a sub-path."""
    tmp = tmp_path_factory.mktemp("features")
    briefs = write_people_briefs(tmp / "briefs", BRIEFS)
    config = make_config(tmp, base_url=FEATURE_URL, briefs=briefs, books={"latest": 3})
    config = _with_people(config)
    return Built(config, render_site(config, quiet()))


def _with_people(config: Config) -> Config:
    watch = (
        Person("Rajnath Singh", ("Singh", "Defence Minister Rajnath Singh"), "Defence Minister of India"),
        Person("Nobody Yet", (), "Watched, never named"),
    )
    return replace(config, people=watch)


@pytest.fixture
def build_into(tmp_path: Path) -> Callable[..., Built]:
    def run(name: str, **kwargs: Any) -> Built:
        config = make_config(tmp_path / name, **kwargs)
        return Built(config, render_site(config, quiet()))

    return run
