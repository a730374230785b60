"""YAML that refuses a key given twice in one mapping. PyYAML keeps the last one without a word: a
second ``pillars:`` block appended to the config replaced the first, and a brief with two ``date:``
lines took the second.

Only ``true`` and ``false`` are booleans, as in YAML 1.2: PyYAML reads YAML 1.1, where ``yes``,
``no``, ``on`` and ``off`` are too, so ``tags: [IN, US, NO]`` tagged a brief "False" (Norway's
code), and ``title: No`` was no title. Where a key wants true or false (``draft``,
``catch_all``), ``as_bool`` takes yes/no/on/off as well, as the writer meant them.
"""

from __future__ import annotations

import re

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, ScalarNode

from generator import characters

try:  # libyaml is ~10x faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class UniqueKeyLoader(_Loader):
    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict:  # type: ignore[override]
        seen: set[str] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                continue
            if key_node.value in seen:  # the error's mark is this second one's line
                problem = f"{key_node.value!r} is given twice; only one can count"
                raise ConstructorError(None, None, problem, key_node.start_mark)
            seen.add(key_node.value)
        return super().construct_mapping(node, deep)

    def construct_yaml_timestamp(self, node: ScalarNode) -> object:
        # A date-shaped value that is no date (2025-13-01, 2025-02-30): PyYAML raised a bare
        # ValueError, a traceback that stopped the whole build
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise ConstructorError(
                None, None, f"{node.value!r} is not a date ({exc})", node.start_mark
            ) from None


UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", UniqueKeyLoader.construct_yaml_timestamp)
_BOOL = "tag:yaml.org,2002:bool"
UniqueKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _BOOL]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}
UniqueKeyLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_WORDS = {"yes": True, "on": True, "no": False, "off": False}


def as_bool(value: object) -> bool | None:
    """The value of a true-or-false key: a boolean, or yes/no/on/off in any case; None for another."""
    if isinstance(value, bool):
        return value
    return _WORDS.get(value.lower()) if isinstance(value, str) else None


class _EscapeCheckingLoader(UniqueKeyLoader):
    """Also refuses a control character written as an escape in a double-quoted string ("\\x01")."""

    def construct_scalar(self, node: ScalarNode) -> str:  # type: ignore[override]
        value = super().construct_scalar(node)
        found = characters.UNFIT.search(value)
        if found:
            raise ConstructorError(None, None, characters.problem(found[0]), node.start_mark)
        return value


def load(text: str) -> object:
    """``yaml.safe_load``, but a key given twice in one mapping, or a character no feed can hold
    (``characters.UNFIT``), is a ``yaml.YAMLError`` marked with its line.

    PyYAML itself refuses those characters written as they are (all but NEL and the noncharacters
    U+FDD0-U+FDEF, which a feed can hold), but says "position 11", not the line: the error is
    marked again. Written as an escape ("\\x01"), which starts with a backslash, one is refused here.
    """
    loader = _EscapeCheckingLoader if "\\" in text else UniqueKeyLoader
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader
    except yaml.reader.ReaderError:
        found = characters.find_unfit(text)
        if found is None:
            raise
    start = found.start()
    line_start = text.rfind("\n", 0, start) + 1
    mark = yaml.Mark("<text>", start, text.count("\n", 0, start), start - line_start, None, None)
    raise yaml.MarkedYAMLError(problem=characters.problem(found[0]), problem_mark=mark)
