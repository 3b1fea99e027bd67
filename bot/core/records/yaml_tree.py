"""YAML to plain data through PyYAML's node tree: one parse gives the data, duplicate keys and line numbers."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from bot.core.records.schema import Path

Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"


class YamlError(Exception):
    """Text that is not a usable YAML document; ``line`` is 1-based when known."""

    def __init__(self, reason: str, line: int | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass(frozen=True, slots=True)
class YamlDocument:
    data: object
    root: yaml.Node | None


def parse_yaml(text: str) -> YamlDocument:
    """Parse one document, rejecting duplicate keys and merge keys that PyYAML would resolve silently."""
    loader = Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        raise YamlError(f"malformed YAML: {reason}", mark.line + 1 if mark is not None else None) from None
    finally:
        loader.dispose()
    if root is None:
        return YamlDocument(None, None)
    constructor = yaml.constructor.SafeConstructor()
    try:
        return YamlDocument(_build(root, constructor), root)
    except RecursionError:
        raise YamlError("malformed YAML: an alias refers to itself", root.start_mark.line + 1) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise YamlError(f"malformed YAML: {error}", mark.line + 1 if mark is not None else None) from None


def _build(node: yaml.Node, constructor: yaml.constructor.SafeConstructor) -> object:
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.tag == _STR else constructor.construct_object(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, constructor) for item in node.value]
    if not isinstance(node, yaml.MappingNode):
        return constructor.construct_object(node, deep=True)
    mapping: dict[object, object] = {}
    for key_node, value_node in node.value:
        if key_node.tag == _MERGE:
            raise YamlError("merge keys (<<) are not supported in records", key_node.start_mark.line + 1)
        key = _build(key_node, constructor)
        if not isinstance(key, str | int | float | bool | None):
            raise YamlError("a mapping key must be plain text", key_node.start_mark.line + 1)
        if key in mapping:
            raise YamlError(f"duplicate key {key!r}", key_node.start_mark.line + 1)
        mapping[key] = _build(value_node, constructor)
    return mapping


def line_of(root: yaml.Node | None, path: Path) -> int | None:
    """The 1-based line of the deepest node along ``path`` (the key's line for a mapping entry)."""
    if root is None:
        return None
    node = root
    line = node.start_mark.line + 1
    for part in path:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    child = value if isinstance(value, yaml.CollectionNode) else key
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line
