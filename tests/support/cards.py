"""Specimens and payload helpers for the card tests: the seed record, synthetic records and worst cases."""

from __future__ import annotations

from functools import cache

from bot.core.records.loader import parse_record_text, specimen_from_data
from bot.core.records.model import Specimen
from bot.testing.samples import FILLERS, worst_case_record_data
from bot.testing.synthetic import synthetic_record_data
from tests.support.paths import RECORDS

SEED_FILE = RECORDS / "junior-machine-learning-engineer.yml"


def seed_specimen() -> Specimen:
    """The real record imported from the seed FILE RECORD page."""
    parsed = parse_record_text(SEED_FILE.read_text(encoding="utf-8"), str(SEED_FILE))
    assert parsed.data is not None, parsed.problems
    return specimen_from_data(parsed.data)


def synthetic_specimens(count: int = 20) -> list[Specimen]:
    return [specimen_from_data(synthetic_record_data(i)) for i in range(count)]


@cache
def worst_case_specimens() -> dict[str, Specimen]:
    return {name: specimen_from_data(worst_case_record_data(name)) for name in FILLERS}


def all_text(payload: object) -> list[str]:
    """Every ``text`` string of every text object in a payload, plus the fallback text."""
    found: list[str] = []
    if isinstance(payload, dict):
        if isinstance(payload.get("text"), str):
            found.append(payload["text"])
        for value in payload.values():
            found += all_text(value)
    elif isinstance(payload, list):
        for value in payload:
            found += all_text(value)
    return found


def buttons(payload: dict) -> list[dict]:
    """Every button of a message payload or a view, in order (actions blocks and section accessories)."""
    found = []
    for block in payload["blocks"]:
        if block["type"] == "actions":
            found += [e for e in block["elements"] if e["type"] == "button"]
        elif block.get("accessory", {}).get("type") == "button":
            found.append(block["accessory"])
    return found
