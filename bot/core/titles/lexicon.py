"""The title-lookup vocabulary (abbreviations, decorations, connectors), read from `abbreviations.yml` beside it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_RESOURCE = "abbreviations.yml"
_SECTIONS = ("abbreviations", "ambiguous", "levels", "decorations", "connectors", "numerals")
_WORDS = re.compile(r"^[a-z0-9]+(?: [a-z0-9]+)*$")

Words = tuple[str, ...]


class LexiconError(ValueError):
    """A vocabulary file that cannot be used; the message names the file, the entry and why."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word rules shared by every title, alias and query.

    Attributes:
        replacements: words (one or a phrase) → what they stand for; an empty tuple drops them
            (abbreviations and decorations).
        alternatives: ambiguous short forms → each of their meanings, tried in turn at lookup.
        connectors: words dropped anywhere after replacement.
        numerals: words dropped at the end of a title.
        levels: seniority words or phrases (after replacement) → the level they name; at the start of a title, or
            alone in its optional part, they are a facet of the title, not title words.
    """

    replacements: Mapping[Words, Words]
    alternatives: Mapping[str, tuple[Words, ...]]
    connectors: frozenset[str]
    numerals: frozenset[str]
    levels: Mapping[Words, str] = field(default_factory=dict)


def _words(value: object, where: str) -> Words:
    if not isinstance(value, str):
        hint = "; quote it (YAML reads yes/no/on/off as booleans)" if isinstance(value, bool | int | float) else ""
        raise LexiconError(f"{where}: expected text, got {type(value).__name__} {value!r}{hint}")
    text = " ".join(value.lower().split())
    if text and not _WORDS.match(text):
        raise LexiconError(f"{where}: {value!r} must be lower-case letters and digits separated by single spaces")
    return tuple(text.split())


def _mapping(data: dict[str, Any], section: str, source: str) -> dict[str, Any]:
    value = data.get(section) or {}
    if not isinstance(value, dict):
        raise LexiconError(f"{source}: {section}: expected a mapping of short form to meaning")
    return value


def _word_list(data: dict[str, Any], section: str, source: str) -> list[Words]:
    value = data.get(section) or []
    if not isinstance(value, list):
        raise LexiconError(f"{source}: {section}: expected a list")
    return [_words(item, f"{source}: {section}[{n}]") for n, item in enumerate(value)]


def _refuse_anchors(text: str, source: str) -> None:
    """Refuse anchors and aliases before PyYAML resolves them: a vocabulary file has no use for them, and nested
    aliases expand exponentially wherever the data is walked (the records refuse them too)."""
    loader = SafeLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if getattr(event, "anchor", None) is not None:
                line = event.start_mark.line + 1
                raise LexiconError(f"{source}: line {line}: YAML anchors and aliases (&name, *name) are not allowed")
    finally:
        loader.dispose()


def parse_lexicon(text: str, source: str = DEFAULT_RESOURCE) -> Lexicon:
    """Read and check a vocabulary file's YAML text; raise LexiconError naming the first bad entry."""
    try:
        _refuse_anchors(text, source)
        data = yaml.load(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader or CSafeLoader
    except yaml.YAMLError as error:
        raise LexiconError(f"{source}: malformed YAML: {error}") from None
    if not isinstance(data, dict):
        raise LexiconError(f"{source}: expected a mapping with sections {', '.join(_SECTIONS)}")
    unknown = sorted(str(key) for key in data if key not in _SECTIONS)
    if unknown:
        raise LexiconError(f"{source}: unknown section {unknown[0]!r}; known: {', '.join(_SECTIONS)}")
    replacements: dict[Words, Words] = {}
    for short, meaning in _mapping(data, "abbreviations", source).items():
        where = f"{source}: abbreviations: {short}"
        key = _words(short, where)
        if not key:
            raise LexiconError(f"{where}: the short form is empty")
        replacements[key] = _words(meaning if meaning is not None else "", where)
    alternatives: dict[str, tuple[Words, ...]] = {}
    for short, meanings in _mapping(data, "ambiguous", source).items():
        where = f"{source}: ambiguous: {short}"
        key = _words(short, where)
        if len(key) != 1:
            raise LexiconError(f"{where}: an ambiguous short form is one word")
        if not isinstance(meanings, list) or len(meanings) < 2:
            raise LexiconError(f"{where}: expected a list of at least two meanings")
        if key in replacements:
            raise LexiconError(f"{where}: also listed under abbreviations; keep it in one section")
        alternatives[key[0]] = tuple(_words(m, f"{where}[{n}]") for n, m in enumerate(meanings))
    for words in _word_list(data, "decorations", source):
        if words:
            replacements.setdefault(words, ())
    for key, meaning in replacements.items():
        for word in meaning:
            if (word,) in replacements or word in alternatives:
                short = " ".join(key)
                raise LexiconError(f"{source}: abbreviations: {short}: its meaning uses the short form {word!r}")
    connectors = frozenset(w for words in _word_list(data, "connectors", source) for w in words)
    numerals = frozenset(w for words in _word_list(data, "numerals", source) for w in words)
    levels: dict[Words, str] = {}
    for phrase, level in _mapping(data, "levels", source).items():
        where = f"{source}: levels: {phrase}"
        key, name = _words(phrase, where), _words(level, where)
        if not key or len(name) != 1:
            raise LexiconError(f"{where}: expected a word or phrase and the one-word level it names")
        if key in replacements or key[0] in alternatives:
            raise LexiconError(f"{where}: also a short form; write the level as its long form reads")
        levels[key] = name[0]
    return Lexicon(replacements, alternatives, connectors, numerals, levels)


TITLE_WORDS_RESOURCE = "title_words.txt"


@cache
def title_words() -> frozenset[str]:
    """Words of real job titles (package data `title_words.txt`, with its source), read once."""
    text = resources.files("bot.core.titles").joinpath(TITLE_WORDS_RESOURCE).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@cache
def default_lexicon() -> Lexicon:
    """The shipped vocabulary (package data `bot/core/titles/abbreviations.yml`), read once."""
    text = resources.files("bot.core.titles").joinpath(DEFAULT_RESOURCE).read_text(encoding="utf-8")
    return parse_lexicon(text, f"bot/core/titles/{DEFAULT_RESOURCE}")
