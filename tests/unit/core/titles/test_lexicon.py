"""The abbreviation file: shipped, documented, checked, and extensible by record authors."""

from __future__ import annotations

from importlib import resources

import pytest

from bot.core.matching.index import TitleIndex
from bot.core.matching.result import Hit, Miss
from bot.core.records.loader import specimen_from_data
from bot.core.records.model import Specimen
from bot.core.titles.lexicon import LexiconError, default_lexicon, parse_lexicon
from bot.testing.synthetic import synthetic_record_data

SHIPPED = resources.files("bot.core.titles").joinpath("abbreviations.yml")


def test_the_shipped_file_is_documented_at_its_top_and_loads() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    header = text.split("\n\n", 1)[0]
    assert header.startswith("#")
    for section in ("abbreviations:", "ambiguous:", "decorations:", "connectors:", "numerals:"):
        assert section in header
    lexicon = default_lexicon()
    assert lexicon.replacements[("jr",)] == ("junior",)
    assert lexicon.replacements[("ml",)] == ("machine", "learning")
    assert lexicon.replacements[("remote",)] == ()
    assert ("product", "manager") in lexicon.alternatives["pm"]
    assert "and" in lexicon.connectors
    assert "ii" in lexicon.numerals


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- just a list", "expected a mapping"),
        ("abbreviations: {jr: junior}\nsynonyms: {}", "unknown section 'synonyms'"),
        ("abbreviations: [jr, junior]", "abbreviations: expected a mapping"),
        ("abbreviations: {on: onsite}", "quote it"),
        ("connectors: [and, on]", "connectors[1]: expected text, got bool"),
        ("abbreviations: {'Sr.': senior}", "lower-case letters and digits"),
        ("abbreviations: {eng: engineer, swe: software eng}", "swe: its meaning uses the short form 'eng'"),
        ("ambiguous: {pm: [product manager]}", "at least two meanings"),
        ("ambiguous: {pm: product manager}", "at least two meanings"),
        ("ambiguous: {p m: [a b, c d]}", "one word"),
        ("abbreviations: {pm: x}\nambiguous: {pm: [a, b]}", "keep it in one section"),
        ("abbreviations: {'': x}", "the short form is empty"),
        ("abbreviations: {jr: junior", "malformed YAML"),
    ],
)
def test_a_bad_file_is_refused_with_the_entry_and_the_reason(text: str, message: str) -> None:
    with pytest.raises(LexiconError, match=r"custom\.yml") as caught:
        parse_lexicon(text, "custom.yml")
    assert message in str(caught.value)


def _specimen(title: str, aliases: list[str] | None = None, n: int = 0) -> Specimen:
    data = synthetic_record_data(n)
    data.update(title=title, slug=title.lower().replace(" ", "-"), aliases=aliases or [])
    return specimen_from_data(data)


def test_an_author_extends_the_vocabulary_and_the_index_reads_it() -> None:
    catalog = [_specimen("Chief Vibes Officer")]
    assert isinstance(TitleIndex.build(catalog).lookup("cvo"), Miss)
    shipped = SHIPPED.read_text(encoding="utf-8")
    extended = parse_lexicon(shipped.replace("\nabbreviations:\n", "\nabbreviations:\n  cvo: chief vibes officer\n"))
    assert len(extended.replacements) == len(default_lexicon().replacements) + 1
    result = TitleIndex.build(catalog, abbreviations=extended).lookup("cvo")
    assert isinstance(result, Hit)
    assert result.specimen.title == "Chief Vibes Officer"


def test_a_decoration_added_by_an_author_is_dropped() -> None:
    catalog = [_specimen("Scrum Master")]
    lexicon = parse_lexicon("decorations: [contract]")
    result = TitleIndex.build(catalog, abbreviations=lexicon).lookup("Contract Scrum Master")
    assert isinstance(result, Hit)
    assert result.score == 100
