"""The record format, declared once: it validates parsed YAML and generates the published JSON Schema."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Patterns are read by Python's `re` (specimen check) and by editors' ECMAScript engines (the published schema).
# Python's bare `$` also matches before a final newline, so each ends in `$(?!\n)`: the very end, in both.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$(?!\n)"
CLOCK_PATTERN = r"^(?:[01]\d|2[0-3]):[0-5]\d$(?!\n)"
CURRENCY_PATTERN = r"^[A-Z]{3}$(?!\n)"
MAX_TEXT = 4000
MAX_ITEMS = 100

Path = tuple[str | int, ...]
# C0 and C1 controls (terminal escapes, bells, NULs) except tab and newline: never meant for a card or a terminal.
_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{_CONTROLS}]")
# Free text in the published schema: something besides whitespace, and no control character (the validator checks
# the two one by one, so that its message says which).
TEXT_PATTERN = rf"^(?=[\s\S]*\S)[^{_CONTROLS}]*$"


@dataclass(frozen=True, slots=True)
class Issue:
    """One thing wrong with one value: where (a field path) and why."""

    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class Text:
    description: str
    pattern: str | None = None
    hint: str = ""
    max_length: int = MAX_TEXT


@dataclass(frozen=True, slots=True)
class Integer:
    description: str
    minimum: int
    maximum: int | None = None


@dataclass(frozen=True, slots=True)
class Obj:
    description: str
    fields: dict[str, Spec]
    required: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class Array:
    description: str
    items: Spec
    min_items: int = 1


Spec = Text | Integer | Obj | Array


def _obj(doc: str, optional: tuple[str, ...] = (), /, **fields: Spec) -> Obj:
    return Obj(doc, fields, frozenset(fields) - frozenset(optional))


def _text(description: str) -> Text:
    return Text(description)


PERCENT_HINT = "a whole number from 0 to 100"
TIME_HINT = "a quoted 24-hour time such as '09:30' (unquoted, YAML reads 09:30 as a number)"

RECORD = _obj(
    "A satirical job-role specimen: one FILE RECORD page.",
    ("burn_ward_caption", "org_chart_caption"),
    title=_text("The role's title, as the header of the card."),
    slug=Text(
        "Lower-case identifier, also the file name (<slug>.yml).",
        SLUG_PATTERN,
        "lower-case letters, digits and single hyphens, e.g. junior-machine-learning-engineer",
        120,
    ),
    question=_text('The "What does a … actually do?" line.'),
    org_chart_caption=_text("Caption of the org-chart section."),
    aliases=Array("Other titles the role hides behind; matched by lookup.", _text("An alias."), 0),
    habitat=Array("Where the specimen is found.", _text("A habitat.")),
    salary=_obj(
        "Salary delusion.",
        amount=Integer("Market average, a whole number in the currency's units.", 0),
        currency=Text("ISO 4217 code.", CURRENCY_PATTERN, "three capital letters such as USD", 3),
        region_note=_text("Where the figure applies and its caveats."),
        quote=_text("The verdict on the price tag."),
    ),
    flight_risk=_obj(
        "How likely the role is to be cut.",
        percent=Integer("Flight risk, 0-100.", 0, 100),
        level=_text("Label such as HIGH RISK."),
        diagnosis=_text("Why."),
    ),
    metrics=Array(
        "The bullshit metrics.",
        _obj("A metric.", name=_text("Metric name."), description=_text("What it measures.")),
    ),
    weaponry=Array(
        "Signature weaponry.",
        _obj("A tool.", name=_text("Tool name."), description=_text("How it is wielded.")),
    ),
    encounter_guide=Array(
        "Survival / encounter guide.",
        _obj("A situation.", trigger=_text("When, e.g. IF ENGAGED."), advice=_text("What to do.")),
    ),
    jd_autopsy=Array(
        "Job-description autopsy.",
        _obj(
            "An illusion and its translation.",
            illusion=_text("The job ad's words."),
            source=_text("Where the words came from."),
            translation=_text("What it really means."),
        ),
    ),
    day_log=Array(
        "Day-in-the-life log.",
        _obj(
            "A time slot.",
            start=Text("Start time.", CLOCK_PATTERN, TIME_HINT, 5),
            end=Text("End time.", CLOCK_PATTERN, TIME_HINT, 5),
            title=_text("Slot title."),
            description=_text("What happens."),
        ),
    ),
    burn_ward_caption=_text("Caption of the burn ward."),
    burn_ward=Array(
        "The burn ward: unfiltered quotes.",
        _obj("A quote.", ("source",), quote=_text("The quote."), source=_text("Where it was said.")),
    ),
    related=Array(
        "Related specimens.",
        _obj(
            "A related role.",
            ("slug",),
            title=_text("Its title."),
            match_percent=Integer("System match, 0-100.", 0, 100),
            description=_text("One line about it."),
            slug=Text("Slug of its record, when one exists.", SLUG_PATTERN, "a record slug", 120),
        ),
        0,
    ),
)


def _describe(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _check_text(spec: Text, value: object, path: Path, out: list[Issue]) -> None:
    if not isinstance(value, str):
        hint = f"; {spec.hint}" if spec.hint and isinstance(value, int | float) else ""
        if isinstance(value, bool | int | float):
            hint = hint or "; quote it"
        out.append(Issue(path, f"expected text, got {_describe(value)}{hint}"))
    elif not value.strip():
        out.append(Issue(path, "is empty"))
    elif len(value) > spec.max_length:
        out.append(Issue(path, f"is {len(value)} characters; at most {spec.max_length}"))
    elif spec.pattern and not re.match(spec.pattern, value):
        out.append(Issue(path, f"{value!r} is not {spec.hint}"))
    elif (control := _CONTROL.search(value)) is not None:
        code = ord(control.group())
        out.append(Issue(path, f"holds the control character U+{code:04X} at position {control.start()}; remove it"))


def whole_number(value: object) -> int | None:
    """The value as an int when it is a whole number: 85, or 85.0 as YAML and JSON may spell it (JSON Schema's
    "integer" accepts both); None for anything else, booleans included."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _check_int(spec: Integer, value: object, path: Path, out: list[Issue]) -> None:
    number = whole_number(value)
    if number is None:
        out.append(Issue(path, f"expected a whole number, got {_describe(value)}"))
    elif number < spec.minimum or (spec.maximum is not None and number > spec.maximum):
        upper = "" if spec.maximum is None else f" to {spec.maximum}"
        bound = f"from {spec.minimum}{upper}" if upper else f"at least {spec.minimum}"
        out.append(Issue(path, f"{value} is out of range: {bound}"))


def _check_obj(spec: Obj, value: object, path: Path, out: list[Issue]) -> None:
    if not isinstance(value, dict):
        out.append(Issue(path, f"expected a mapping, got {_describe(value)}"))
        return
    for key in value:
        if key not in spec.fields:
            known = ", ".join(spec.fields)
            out.append(Issue((*path, str(key)), f"unknown key; known keys: {known}"))
    for name, sub in spec.fields.items():
        if name not in value or value[name] is None:
            if name in spec.required:
                out.append(Issue((*path, name), "is required but missing"))
            continue
        check(sub, value[name], (*path, name), out)


def _check_array(spec: Array, value: object, path: Path, out: list[Issue]) -> None:
    if not isinstance(value, list):
        out.append(Issue(path, f"expected a list, got {_describe(value)}"))
        return
    if len(value) < spec.min_items:
        out.append(Issue(path, f"needs at least {spec.min_items} entry; it is empty"))
    if len(value) > MAX_ITEMS:
        out.append(Issue(path, f"has {len(value)} entries; at most {MAX_ITEMS}"))
    for index, item in enumerate(value[:MAX_ITEMS]):
        check(spec.items, item, (*path, index), out)


def check(spec: Spec, value: object, path: Path, out: list[Issue]) -> None:
    """Append to ``out`` every way ``value`` breaks ``spec``."""
    if isinstance(spec, Text):
        _check_text(spec, value, path, out)
    elif isinstance(spec, Integer):
        _check_int(spec, value, path, out)
    elif isinstance(spec, Obj):
        _check_obj(spec, value, path, out)
    else:
        _check_array(spec, value, path, out)


def validate_record(data: object) -> list[Issue]:
    """Every problem of one parsed record, in document order of the spec."""
    out: list[Issue] = []
    check(RECORD, data, (), out)
    return out


def format_path(path: Path) -> str:
    """``("day_log", 2, "start")`` → ``day_log[2].start``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(record)"
