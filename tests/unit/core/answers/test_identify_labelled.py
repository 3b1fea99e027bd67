"""The labelled shortcut messages (tests/data/identify-messages.yml) through the real scan and the real choice of
"Identify specimen" over the shipped catalog: every job link gets its labelled title guess, or the empty prompt."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
import yaml

from bot.core.answers.identify import link_choices
from bot.core.cards.chooser import Chooser
from bot.core.cards.modals import link_view
from bot.core.links import extract_candidates
from bot.core.matching.index import TitleIndex
from bot.core.records.loader import load_catalog
from tests.support.paths import DATA, RECORDS

MINIMUM_MESSAGES = 40


@dataclass(frozen=True)
class Labelled:
    about: str
    message: dict[str, Any]
    guesses: list[str | None]
    shows: int


def _labelled() -> list[Labelled]:
    data = yaml.safe_load((DATA / "identify-messages.yml").read_text(encoding="utf-8"))
    return [Labelled(m["about"], m["message"], m["guesses"], m.get("shows", 0)) for m in data["messages"]]


LABELLED = _labelled()


@pytest.fixture(scope="module")
def index() -> TitleIndex:
    return TitleIndex.build(load_catalog(RECORDS, None))


def choose(index: TitleIndex, labelled: Labelled) -> Chooser:
    return link_choices(extract_candidates(labelled.message), index.lookup)


def test_the_set_is_large_and_well_formed() -> None:
    assert len(LABELLED) >= MINIMUM_MESSAGES
    assert len({m.about for m in LABELLED}) == len(LABELLED)
    assert any(None in m.guesses for m in LABELLED) and any(None not in m.guesses for m in LABELLED)
    assert all(isinstance(m.message.get("text"), str) and m.guesses for m in LABELLED)


@pytest.mark.parametrize("labelled", LABELLED, ids=[m.about for m in LABELLED])
def test_every_link_gets_its_labelled_guess(index: TitleIndex, labelled: Labelled) -> None:
    chooser = choose(index, labelled)
    assert [c.guess for c in chooser.choices] == labelled.guesses
    assert chooser.selected == labelled.shows
    view = link_view(chooser, index.lookup).to_dict()
    inputs = [b for b in view["blocks"] if b["type"] == "input"]
    if labelled.guesses[labelled.shows] is None:  # the title prompt, empty: nothing of the chat is put in it
        assert len(inputs) == 1 and "initial_value" not in inputs[0]["element"]


def test_summary_all_right(index: TitleIndex) -> None:
    wrong = []
    for labelled in LABELLED:
        chooser = choose(index, labelled)
        got = [c.guess for c in chooser.choices]
        if got != labelled.guesses or chooser.selected != labelled.shows:
            wrong.append((labelled.about, got, chooser.selected))
    links = sum(len(m.guesses) for m in LABELLED)
    asked = sum(guess is None for m in LABELLED for guess in m.guesses)
    assert wrong == [], f"{len(wrong)} of {len(LABELLED)} messages wrong ({links} links, {asked} asked)"
