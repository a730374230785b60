"""YAML that refuses a key given twice in one mapping. PyYAML keeps the last one without a word: a
second ``pillars:`` block appended to the config replaced the first, and a brief with two ``date:``
lines took the second."""

from __future__ import annotations

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, ScalarNode

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


def load(text: str) -> object:
    """``yaml.safe_load``, but a key given twice in one mapping is a ``yaml.YAMLError``."""
    return yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506 - a SafeLoader
