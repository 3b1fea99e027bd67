"""The shortcut and modal listeners called directly, as plain functions, with stand-in clients."""

from __future__ import annotations

import random
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View

from bot.core.answers.guide import FieldGuide
from bot.core.cards.chooser import Chooser, LinkChoice
from bot.core.cards.modals import search_view
from bot.core.ids import ACTION_TITLE_INPUT, BLOCK_TITLE, VIEW_ASK_TITLE, VIEW_SEARCH
from bot.core.matching.index import TitleIndex
from bot.core.records.model import Catalog
from bot.slack import followup
from bot.slack.deps import Deps
from bot.slack.listeners import views
from tests.support.cards import seed_specimen

SEED = seed_specimen()


class Client:
    """Records views.open / views.update; fails with ``error`` when one is set."""

    def __init__(self, error: str | None = None) -> None:
        self.error = error
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def _call(self, method: str, **kwargs: Any) -> dict[str, Any]:
        self.calls.append((method, kwargs))
        if self.error:
            raise SlackApiError(self.error, {"ok": False, "error": self.error})
        return {"ok": True}

    def views_open(self, **kwargs: Any) -> dict[str, Any]:
        return self._call("views.open", **kwargs)

    def views_update(self, **kwargs: Any) -> dict[str, Any]:
        return self._call("views.update", **kwargs)


class Ack:
    def __init__(self) -> None:
        self.kwargs: dict[str, Any] | None = None

    def __call__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs


@pytest.fixture
def deps() -> Deps:
    catalog = Catalog((SEED,))
    return Deps(guide=FieldGuide(catalog, TitleIndex.build(catalog)), rng=random.Random(1))


def submitted(callback_id: str, value: object, metadata: str = "") -> dict[str, Any]:
    values = {BLOCK_TITLE: {ACTION_TITLE_INPUT: {"type": "plain_text_input", "value": value}}}
    return {"id": "V1", "callback_id": callback_id, "private_metadata": metadata, "state": {"values": values}}


def test_open_modal_without_a_trigger_does_not_call_slack() -> None:
    client = Client()
    assert followup.open_modal(client, None, search_view()) is False  # type: ignore[arg-type]
    assert client.calls == []


@pytest.mark.parametrize("error", ["expired_trigger_id", "exchanged_trigger_id", "invalid_trigger_id"])
def test_open_modal_reports_a_refused_trigger(error: str) -> None:
    assert followup.open_modal(Client(error), "1.2.abc", search_view()) is False  # type: ignore[arg-type]


def test_open_modal_raises_on_any_other_refusal() -> None:
    with pytest.raises(SlackApiError):
        followup.open_modal(Client("invalid_arguments"), "1.2.abc", search_view())  # type: ignore[arg-type]


def test_update_modal_skips_a_stale_or_closed_view_and_raises_otherwise() -> None:
    for error in ("hash_conflict", "not_found"):
        views.update_modal(Client(error), {"id": "V1", "hash": "h"}, search_view())  # type: ignore[arg-type]
    with pytest.raises(SlackApiError):
        views.update_modal(Client("view_too_large"), {"id": "V1"}, search_view())  # type: ignore[arg-type]
    client = Client()
    views.update_modal(client, {}, search_view())  # type: ignore[arg-type]
    assert client.calls == []


@pytest.mark.parametrize("value", ["", "  ", None, 7, "x" * 151])
def test_submit_title_refuses_an_unusable_title(deps: Deps, value: object) -> None:
    ack = Ack()
    views.submit_title(ack, submitted(VIEW_SEARCH, value), {}, deps, None)  # type: ignore[arg-type]
    assert ack.kwargs is not None and ack.kwargs["response_action"] == "errors"
    assert list(ack.kwargs["errors"]) == [BLOCK_TITLE]


def test_submit_title_in_the_identify_flow_keeps_the_chooser(deps: Deps) -> None:
    chooser = Chooser((LinkChoice(None, "a.example/jobs/1"), LinkChoice("Pizza Chef", "b.example/jobs/2")))
    ack = Ack()
    view = submitted(VIEW_ASK_TITLE, "ml associate", chooser.to_metadata())
    views.submit_title(ack, view, {"team": {"id": "T1"}}, deps, None)  # type: ignore[arg-type]
    assert ack.kwargs is not None and ack.kwargs["response_action"] == "update"
    answer: View = ack.kwargs["view"]
    payload = answer.to_dict()
    assert payload["callback_id"] == VIEW_ASK_TITLE
    assert Chooser.from_metadata(payload["private_metadata"]) == chooser
    assert payload["blocks"][3]["text"]["text"] == SEED.title  # chooser, "Matched …" note, Look up another, the card


def test_a_choice_outside_the_chooser_is_ignored(deps: Deps) -> None:
    client = Client()
    metadata = Chooser((LinkChoice("a", "a.example"), LinkChoice("b", "b.example"))).to_metadata()
    for value in ("2", "-1", "x", "٣", None):
        action = {"selected_option": {"value": value}}
        body = {"view": {"id": "V1", "hash": "h", "private_metadata": metadata}}
        views.show_link(action, body, deps, client)  # type: ignore[arg-type]
    assert client.calls == []
    views.show_link({"selected_option": {"value": "1"}}, body, deps, client)  # type: ignore[arg-type]
    assert [method for method, _ in client.calls] == ["views.update"]
