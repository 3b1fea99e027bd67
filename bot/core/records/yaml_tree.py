"""YAML to plain data, built straight from the parser's events so that hostile records are refused as they are read.

PyYAML's composer resolves every alias, and turning the node graph into data copies each one: ten nested anchors
of nine aliases each (the "billion laughs", 377 bytes) become a billion strings, 11.8 GB. Records have no use for
anchors and aliases, so the first one met ends the parse with a located problem, before anything is expanded; so
does nesting deeper than any record needs. Duplicate keys and merge keys, which PyYAML would resolve silently,
are refused the same way. The node tree, needed only to give a validation problem its line, is composed on demand.
"""

from __future__ import annotations

from typing import Any

import yaml

from bot.core.records.schema import Path

Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_TAG_PREFIX = "tag:yaml.org,2002:"
# A list or mapping may carry only its own tag: PyYAML would make `!!set`, `!!omap` or `!!pairs` something else.
_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
ANCHORS_REFUSED = "YAML anchors and aliases (&name, *name) are not allowed in records"
# A record nests three levels (record, list, entry); the limit leaves room for a clear schema message and keeps
# the recursion here far from Python's own limit.
MAX_DEPTH = 32
TOO_DEEP = f"YAML nested more than {MAX_DEPTH} levels deep is not allowed in records"
# What SafeConstructor raises, besides YAMLError, for a scalar its tag cannot hold (`2020-13-45`, `!!int abc`,
# `!!bool maybe`, `!!int` alone): each crashed `specimen check` before.
_BAD_SCALAR = (ValueError, TypeError, LookupError, AttributeError, ArithmeticError)


class YamlError(Exception):
    """Text that is not a usable YAML document; ``line`` is 1-based when known."""

    def __init__(self, reason: str, line: int | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def _malformed(error: yaml.YAMLError) -> YamlError:
    mark = getattr(error, "problem_mark", None)
    reason = getattr(error, "problem", None) or str(error)
    return YamlError(f"malformed YAML: {reason}", mark.line + 1 if mark is not None else None)


def parse_yaml(text: str) -> object:
    """The data of one YAML document (None when there is none), or YamlError naming the line at fault."""
    loader = Loader(text)
    try:
        if not _start_document(loader):
            return None
        data = _Builder(loader).value(loader.get_event(), 1)
        _end_document(loader)
        return data
    except yaml.YAMLError as error:
        raise _malformed(error) from None
    finally:
        loader.dispose()


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of a document ``parse_yaml`` accepted, to locate problems found in its data (see ``line_of``)."""
    loader = Loader(text)
    try:
        if not _start_document(loader):
            return None
        root = _compose(loader, loader.get_event(), 1)
        _end_document(loader)
        return root
    except yaml.YAMLError as error:
        raise _malformed(error) from None
    finally:
        loader.dispose()


def _start_document(loader: Any) -> bool:
    loader.get_event()  # StreamStartEvent
    if loader.check_event(yaml.StreamEndEvent):
        return False
    loader.get_event()  # DocumentStartEvent
    return True


def _end_document(loader: Any) -> None:
    loader.get_event()  # DocumentEndEvent
    if not loader.check_event(yaml.StreamEndEvent):
        line = loader.peek_event().start_mark.line + 1
        raise YamlError("malformed YAML: expected a single document, but found another one", line)


def _checked(event: Any, depth: int) -> None:
    """Refuse an anchor, an alias (whose event always names its anchor) or a collection nested too deep."""
    if event.anchor is not None:
        raise YamlError(ANCHORS_REFUSED, event.start_mark.line + 1)
    if depth > MAX_DEPTH and type(event) is not yaml.ScalarEvent:
        raise YamlError(TOO_DEEP, event.start_mark.line + 1)


def _tag(loader: Any, event: Any, kind: type[yaml.Node]) -> str:
    if event.tag is not None and event.tag != "!":
        return str(event.tag)
    value = event.value if kind is yaml.ScalarNode else None
    return str(loader.resolve(kind, value, event.implicit))


class _Builder:
    """Events to plain data: str, int, float, bool, None (and dates) in lists and dicts."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.constructor = yaml.constructor.SafeConstructor()
        # Plain scalars starting with any other character are text: no need to ask the resolver (the hot path).
        self.resolved_starts = frozenset(loader.yaml_implicit_resolvers)

    def value(self, event: Any, depth: int) -> object:
        _checked(event, depth)
        kind = type(event)
        if kind is yaml.ScalarEvent:
            return self.scalar(event, self.scalar_tag(event))
        if event.tag not in _COLLECTION_TAGS:
            shown = event.tag.replace(_TAG_PREFIX, "!!", 1) if event.tag.startswith(_TAG_PREFIX) else event.tag
            reason = f"the YAML tag {shown} is not allowed on a list or mapping in records"
            raise YamlError(reason, event.start_mark.line + 1)
        check, get = self.loader.check_event, self.loader.get_event
        if kind is yaml.SequenceStartEvent:
            items = []
            while not check(yaml.SequenceEndEvent):
                items.append(self.value(get(), depth + 1))
            get()
            return items
        mapping: dict[object, object] = {}
        while not check(yaml.MappingEndEvent):
            key_event = get()
            _checked(key_event, depth + 1)
            line = key_event.start_mark.line + 1
            if type(key_event) is not yaml.ScalarEvent:
                raise YamlError("a mapping key must be plain text", line)
            tag = self.scalar_tag(key_event)
            if tag == _MERGE:
                raise YamlError("merge keys (<<) are not supported in records", line)
            key = self.scalar(key_event, tag)
            if not isinstance(key, str | int | float | bool | None):
                raise YamlError("a mapping key must be plain text", line)
            if key in mapping:
                raise YamlError(f"duplicate key {key!r}", line)
            mapping[key] = self.value(get(), depth + 1)
        get()
        return mapping

    def scalar_tag(self, event: Any) -> str:
        tag = event.tag
        if tag is not None and tag != "!":
            return str(tag)
        value = event.value
        if not event.implicit[0] or (value and value[0] not in self.resolved_starts):
            return _STR
        return str(self.loader.resolve(yaml.ScalarNode, value, event.implicit))

    def scalar(self, event: Any, tag: str) -> object:
        if tag == _STR:
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as error:
            raise _malformed(error) from None
        except _BAD_SCALAR:
            kind = tag.removeprefix(_TAG_PREFIX)
            raise YamlError(
                f"malformed YAML: {event.value!r} is not a valid {kind}", event.start_mark.line + 1
            ) from None


def _compose(loader: Any, event: Any, depth: int) -> yaml.Node:
    _checked(event, depth)
    kind = type(event)  # compared, not isinstance: the stubs' marks differ from the C parser's
    if kind is yaml.ScalarEvent:
        tag = _tag(loader, event, yaml.ScalarNode)
        return yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
    if kind is yaml.SequenceStartEvent:
        items: list[yaml.Node] = []
        while not loader.check_event(yaml.SequenceEndEvent):
            items.append(_compose(loader, loader.get_event(), depth + 1))
        end = loader.get_event().end_mark
        return yaml.SequenceNode(_tag(loader, event, yaml.SequenceNode), items, event.start_mark, end)
    pairs: list[tuple[yaml.Node, yaml.Node]] = []
    while not loader.check_event(yaml.MappingEndEvent):
        key = _compose(loader, loader.get_event(), depth + 1)
        pairs.append((key, _compose(loader, loader.get_event(), depth + 1)))
    end = loader.get_event().end_mark
    return yaml.MappingNode(_tag(loader, event, yaml.MappingNode), pairs, event.start_mark, end)


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
