"""Answers to parsed commands, straight from the pure FieldGuide."""

from __future__ import annotations

import json
import random

from bot.core.answers.guide import FieldGuide
from bot.core.answers.slash import Snippet, parse_slash
from bot.core.ids import ACTION_PICK, ACTION_SHARE
from bot.core.records.loader import specimen_from_data
from bot.core.records.model import Catalog
from bot.testing.synthetic import synthetic_record_data


def guide_of(*titles: str) -> FieldGuide:
    specimens = []
    for number, title in enumerate(titles):
        data = synthetic_record_data(number)
        data.update(title=title, slug=title.lower().replace(" ", "-"), aliases=[], related=[])
        specimens.append(specimen_from_data(data))
    return FieldGuide.build(Catalog(tuple(specimens)))


def action_ids(payload: dict[str, object]) -> list[str]:
    return [a for a in json.dumps(payload).split('"action_id": "')[1:] for a in [a.split('"', 1)[0]]]


def test_quote_for_an_ambiguous_role_asks_which_one() -> None:
    guide = guide_of("Data Engineer", "Data Analyst")
    answer = guide.answer(Snippet("quote", "data"), random.Random(1))
    assert ACTION_PICK in action_ids(answer.payload)
    assert ACTION_SHARE not in action_ids(answer.payload)


def test_quote_for_a_named_role_is_a_preview_of_that_role() -> None:
    guide = guide_of("Data Engineer", "Data Analyst")
    answer = guide.answer(parse_slash("quote data analyst"), random.Random(1))
    values = [b["value"] for block in answer.payload["blocks"] for b in block.get("elements", []) if "value" in b]
    assert json.loads(values[0])["s"] == "data-analyst"
    assert json.loads(values[0])["k"] == "quote"


def test_quote_for_an_unknown_role_is_a_counted_miss() -> None:
    answer = guide_of("Data Engineer").answer(parse_slash("quote pizza chef"), random.Random(1))
    assert answer.missed_query == "quote pizza chef"  # the whole text, as typed, is what found nothing


def test_a_title_that_starts_with_a_keyword_is_still_a_title() -> None:
    guide = guide_of("Day Trader", "Data Analyst")
    answer = guide.answer(parse_slash("day trader"), random.Random(1))
    assert answer.missed_query is None
    assert answer.payload["blocks"][0]["text"]["text"] == "Day Trader"
    assert json.loads(answer.payload["blocks"][-1]["elements"][0]["value"])["k"] == "card"
