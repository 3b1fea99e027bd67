"""The published JSON Schema and `specimen check` accept and refuse the same records.

Editors check record files against `records/specimen.schema.json`; `specimen check` runs `validate_record`. Both come
from the one declaration in `bot/core/records/schema.py`, and here the same generated records go to both: valid ones,
and ones with a null in a field, a control character, a wrong type, a string past its limit, an unknown key or a
missing key. A record one accepts and the other refuses is a bug in the schema generation or the validator.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from bot.core.records.loader import specimen_from_data
from bot.core.records.schema import MAX_ITEMS, RECORD, Integer, Obj, Spec, Text, validate_record
from bot.testing.synthetic import synthetic_record_data
from tests.support.paths import RECORDS

VALIDATOR = Draft202012Validator(json.loads((RECORDS / "specimen.schema.json").read_text(encoding="utf-8")))
# One node in this many is broken, so a drawn record is valid about as often as not.
BREAK_ONE_IN = 60

PLAIN = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
    str.strip
)
CONTROL = st.sampled_from(["\x00", "\x07", "\x08", "\x0b", "\x0c", "\r", "\x1b", "\x1f", "\x7f", "\x85", "\x9f"])
SPACE = st.sampled_from([" ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\u2028", "\x1c"])
WRONG_TYPES: st.SearchStrategy[Any] = st.one_of(
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def valid_text(spec: Text) -> st.SearchStrategy[str]:
    if spec.pattern:
        return st.from_regex(spec.pattern).filter(lambda s: len(s) <= spec.max_length)
    return PLAIN


@st.composite
def broken_text(draw: st.DrawFn, spec: Text) -> Any:
    good = draw(valid_text(spec))
    choice = draw(st.integers(0, 8))
    if choice == 0:  # a control character somewhere in otherwise good text
        at = draw(st.integers(0, len(good)))
        return good[:at] + draw(CONTROL) + good[at:]
    if choice == 1:  # nothing but whitespace, or empty
        return "".join(draw(st.lists(SPACE, max_size=3)))
    if choice == 2:  # at the limit, or just past it
        size = spec.max_length + draw(st.integers(0, 1))
        return (good * (size // len(good) + 1))[:size]
    if choice == 3:  # far past it
        return "x" * draw(st.sampled_from([10_000, 100_000]))
    if choice == 4:  # good text with whitespace or a newline around it
        return draw(SPACE) + good if draw(st.booleans()) else good + draw(SPACE)
    if choice == 5:  # any text at all
        return draw(st.text(max_size=20))
    return draw(WRONG_TYPES)


@st.composite
def broken_int(draw: st.DrawFn, spec: Integer) -> Any:
    choice = draw(st.integers(0, 4))
    if choice == 0:  # out of range
        return draw(st.sampled_from([spec.minimum - 1, (spec.maximum or 10**12) + 1, -(10**30), 10**30]))
    if choice == 1:  # a whole number written as a float, or not whole
        number = draw(st.integers(spec.minimum - 2, (spec.maximum or 1000) + 2))
        return float(number) + draw(st.sampled_from([0.0, 0.0, 0.5]))
    if choice == 2:  # text that looks like a number
        return str(draw(st.integers(spec.minimum, spec.maximum or 1000)))
    return draw(WRONG_TYPES)


def value_of(spec: Spec) -> st.SearchStrategy[Any]:
    """A value for `spec`: valid, except that about one node in BREAK_ONE_IN is broken."""
    return st.integers(0, BREAK_ONE_IN - 1).flatmap(lambda roll: broken(spec) if roll == 0 else valid(spec))


def valid(spec: Spec) -> st.SearchStrategy[Any]:
    if isinstance(spec, Text):
        return valid_text(spec)
    if isinstance(spec, Integer):
        return st.integers(spec.minimum, spec.maximum if spec.maximum is not None else 10**15)
    if isinstance(spec, Obj):
        return mapping(spec)
    return st.lists(value_of(spec.items), min_size=spec.min_items, max_size=spec.min_items + 2)


def broken(spec: Spec) -> st.SearchStrategy[Any]:
    if isinstance(spec, Text):
        return broken_text(spec)
    if isinstance(spec, Integer):
        return broken_int(spec)
    if isinstance(spec, Obj):
        return st.one_of(WRONG_TYPES, st.just(None), st.lists(mapping(spec), max_size=1), mapping(spec, mangle=True))
    return st.one_of(
        st.just([]),
        valid(spec.items).map(lambda item: [item] * (MAX_ITEMS + 1)),  # one entry too many
        valid(spec.items).map(lambda item: [item] * MAX_ITEMS),  # as many as allowed
        st.lists(broken(spec.items), min_size=1, max_size=2),
        WRONG_TYPES.map(lambda value: value if isinstance(value, dict) else {"items": value}),
    )


@st.composite
def mapping(draw: st.DrawFn, spec: Obj, *, mangle: bool = False) -> dict[Any, Any]:
    data: dict[Any, Any] = {}
    for name, sub in spec.fields.items():
        if name not in spec.required and draw(st.booleans()):
            if draw(st.booleans()):
                data[name] = None  # an optional field written with no value (`source:` in YAML)
            continue
        data[name] = draw(value_of(sub))
    if mangle:
        names = list(spec.fields)
        choice = draw(st.integers(0, 3))
        if choice == 0:  # a key missing
            data.pop(draw(st.sampled_from(names)), None)
        elif choice == 1:  # a field set to null
            data[draw(st.sampled_from(names))] = None
        elif choice == 2:  # an unknown key, perhaps a misspelt one
            key = draw(st.one_of(st.text(max_size=12), st.sampled_from([n.upper() for n in names]), st.integers()))
            if key not in spec.fields:
                data[key] = draw(st.one_of(st.none(), PLAIN, st.integers()))
        else:  # a key spelt with different case or stray whitespace
            name = draw(st.sampled_from(names))
            if name in data:
                data[f" {name}"] = data.pop(name)
    return data


RECORDS_OF_ALL_KINDS = st.one_of(
    value_of(RECORD),
    mapping(RECORD, mangle=True),
    WRONG_TYPES,
    st.just(None),
)


def both_verdicts(record: Any) -> tuple[bool, bool]:
    return VALIDATOR.is_valid(record), not validate_record(record)


def seed(**changes: Any) -> dict[str, Any]:
    data = synthetic_record_data(0)
    data.update(changes)
    return data


@given(RECORDS_OF_ALL_KINDS)
@example(seed())
@example(seed(burn_ward_caption=None))
@example(seed(org_chart_caption=None, related=[{"title": "x", "match_percent": 1, "description": "y", "slug": None}]))
@example(seed(title="Data\x1bAnalyst"))
@example(seed(title="Data\u0085Analyst"))
@example(seed(title="\t\n "))
@example(seed(title="x" * 4001))
@example(seed(slug="data-analyst\n"))
@example(seed(flight_risk={"percent": 85.0, "level": "HIGH", "diagnosis": "why"}))
@example(seed(flight_risk={"percent": 85.5, "level": "HIGH", "diagnosis": "why"}))
@example(seed(flight_risk={"percent": True, "level": "HIGH", "diagnosis": "why"}))
@example(seed(salary={"amount": float("inf"), "currency": "USD", "region_note": "n", "quote": "q"}))
@example(seed(habitat=["x"] * 101))
@example(seed(titel="typo"))
@example({**seed(), 7: "a number as a key"})
def test_schema_and_check_agree(record: Any) -> None:
    by_schema, by_check = both_verdicts(record)
    assert by_schema == by_check, (
        f"the JSON Schema {'accepts' if by_schema else 'refuses'} what specimen check "
        f"{'accepts' if by_check else 'refuses'}; check says {validate_record(record)[:3]}, "
        f"the schema says {[e.message[:200] for e in VALIDATOR.iter_errors(record)][:3]}"
    )


def test_the_generator_makes_both_valid_and_invalid_records() -> None:
    """The property above means little if every drawn record were valid, or none."""
    verdicts: set[bool] = set()

    @given(value_of(RECORD))
    def draw(record: Any) -> None:
        verdicts.add(not validate_record(record))

    draw()
    assert verdicts == {True, False}


def test_a_whole_number_written_as_a_float_loads_as_an_int() -> None:
    """Both accept `percent: 85.0` (JSON Schema's integer includes it); the card then shows 85, not 85.0."""
    data = seed(flight_risk={"percent": 85.0, "level": "HIGH", "diagnosis": "why"})
    data["salary"]["amount"] = 120000.0
    assert both_verdicts(data) == (True, True)
    specimen = specimen_from_data(data)
    assert (specimen.flight_risk.percent, specimen.salary.amount) == (85, 120000)
    assert isinstance(specimen.flight_risk.percent, int) and isinstance(specimen.salary.amount, int)
