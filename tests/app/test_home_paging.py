"""App Home with 1,000 records: the app (in this process) on generated records, paged within 100 blocks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.core.blocks.text import units
from bot.core.ids import ACTION_FULL_FILE, ACTION_HOME_NEXT, ACTION_HOME_PREVIOUS, ACTION_HOME_SEARCH
from bot.core.records.writer import dump_record
from bot.testing.block_kit import block_kit_problems
from bot.testing.synthetic import synthetic_record_data
from tests.support import payloads
from tests.support.inprocess import InProcessApp as AppServer
from tests.support.inprocess import in_process_app
from tests.support.slack_api import SlackApi
from tests.support.workspace import USER_ID

pytestmark = pytest.mark.slow  # 1,000 generated records

RECORDS = 1000
PAGE_SIZE = 20
PAGES = RECORDS // PAGE_SIZE


@pytest.fixture(scope="module")
def generated() -> list[dict[str, Any]]:
    return [synthetic_record_data(i) for i in range(RECORDS)]


@pytest.fixture(scope="module")
def _big_server(tmp_path_factory: pytest.TempPathFactory, generated: list[dict[str, Any]]) -> Iterator[AppServer]:
    records = tmp_path_factory.mktemp("records")
    for data in generated:
        (records / f"{data['slug']}.yml").write_text(dump_record(data), encoding="utf-8")
    with SlackApi() as api:
        workdir = tmp_path_factory.mktemp("big-app-server")
        with in_process_app(api, workdir, records, SPECIMEN_CACHE_DIR="off") as server:
            yield server


@pytest.fixture
def big_server(_big_server: AppServer) -> AppServer:
    _big_server.api.reset()
    return _big_server


@pytest.fixture(scope="module")
def expected_order(generated: list[dict[str, Any]]) -> list[str]:
    """Slugs in the order the index lists them: by title, case folded, slug breaking ties."""
    return [d["slug"] for d in sorted(generated, key=lambda d: (d["title"].casefold(), d["slug"]))]


def publishes(server: AppServer) -> int:
    return len(server.api.calls("views.publish"))


def last_published(server: AppServer, count: int) -> dict[str, Any]:
    call = server.api.wait_for("views.publish", count)[-1]
    assert call.ok, call.reply
    assert call.params["user_id"] == USER_ID
    view = call.params["view"]
    assert block_kit_problems(view, "home") == []
    assert len(view["blocks"]) <= 100
    return view


def open_home(server: AppServer, view: dict[str, Any] | None = None) -> dict[str, Any]:
    before = publishes(server)
    assert server.post_event(payloads.app_home_opened(view=view)).status == 200
    return last_published(server, before + 1)


def click_page(server: AppServer, action_id: str, value: str) -> Any:
    home = server.api.workspace.home_views[USER_ID]
    click = payloads.view_block_actions(home, payloads.button_action(action_id, value, text="Next"), api=server.api)
    return server.post_interaction(click)


def turn_to(server: AppServer, action_id: str, value: str) -> dict[str, Any]:
    before = publishes(server)
    assert click_page(server, action_id, value).status == 200
    return last_published(server, before + 1)


def listed(view: dict[str, Any]) -> list[str]:
    return [
        b["accessory"]["value"]
        for b in view["blocks"]
        if (b.get("accessory") or {}).get("action_id") == ACTION_FULL_FILE
    ]


def pager(view: dict[str, Any]) -> dict[str, str]:
    return {e["action_id"]: e["value"] for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]}


def test_the_first_page_is_published_on_open(big_server: AppServer, expected_order: list[str]) -> None:
    view = open_home(big_server)
    assert listed(view) == expected_order[:PAGE_SIZE]
    assert pager(view) == {ACTION_HOME_NEXT: "2"}
    assert view["private_metadata"] == "1"
    assert f"1–20 of 1,000 · page 1 of {PAGES}" in str(view)


def test_next_then_a_middle_page_then_the_last(big_server: AppServer, expected_order: list[str]) -> None:
    open_home(big_server)
    second = turn_to(big_server, ACTION_HOME_NEXT, "2")
    assert listed(second) == expected_order[PAGE_SIZE : 2 * PAGE_SIZE]
    middle = turn_to(big_server, ACTION_HOME_NEXT, "25")
    assert listed(middle) == expected_order[480:500]
    assert pager(middle) == {ACTION_HOME_PREVIOUS: "24", ACTION_HOME_NEXT: "26"}
    last = turn_to(big_server, ACTION_HOME_NEXT, str(PAGES))
    assert listed(last) == expected_order[-PAGE_SIZE:]
    assert pager(last) == {ACTION_HOME_PREVIOUS: str(PAGES - 1)}
    back = turn_to(big_server, ACTION_HOME_PREVIOUS, str(PAGES - 1))
    assert listed(back) == expected_order[-2 * PAGE_SIZE : -PAGE_SIZE]


def test_a_page_past_the_end_shows_the_last_page(big_server: AppServer, expected_order: list[str]) -> None:
    open_home(big_server)
    view = turn_to(big_server, ACTION_HOME_NEXT, "51")
    assert listed(view) == expected_order[-PAGE_SIZE:]
    assert view["private_metadata"] == str(PAGES)


def test_tampered_page_values_publish_nothing(big_server: AppServer, expected_order: list[str]) -> None:
    open_home(big_server)
    before = publishes(big_server)
    for value in ("abc", "0", "-1", "01", "2.5", "1000000", "", '{"page": 3}', "3 OR 1=1"):
        assert click_page(big_server, ACTION_HOME_NEXT, value).status == 200, value
    view = turn_to(big_server, ACTION_HOME_NEXT, "3")  # the only publish since the tampered clicks
    assert listed(view) == expected_order[40:60]
    with pytest.raises(AssertionError):
        big_server.api.wait_for("views.publish", before + 2, timeout=1.0)


def test_reopening_the_tab_keeps_the_page(big_server: AppServer, expected_order: list[str]) -> None:
    open_home(big_server)
    turn_to(big_server, ACTION_HOME_NEXT, "7")
    reopened = open_home(big_server, view=big_server.api.workspace.home_views[USER_ID])
    assert listed(reopened) == expected_order[120:140]
    forged = {**big_server.api.workspace.home_views[USER_ID], "private_metadata": "<!channel>"}
    assert listed(open_home(big_server, view=forged)) == expected_order[:PAGE_SIZE]


def test_search_over_a_thousand_records_stays_within_slacks_limits(big_server: AppServer) -> None:
    open_home(big_server)
    home = big_server.api.workspace.home_views[USER_ID]
    for typed in ("senior data", "j", "head of cl", "Lead Synergy Engineer 2"):
        exchange = big_server.post_interaction(payloads.block_suggestion(ACTION_HOME_SEARCH, typed, view=home))
        assert exchange.status == 200, exchange.text
        options = exchange.json()["options"]
        assert 1 <= len(options) <= 100, typed
        assert len({o["value"] for o in options}) == len(options)
        for option in options:
            assert 1 <= units(option["text"]["text"]) <= 75
            assert 1 <= len(option["value"]) <= 150
    exact = big_server.post_interaction(
        payloads.block_suggestion(ACTION_HOME_SEARCH, "Lead Synergy Engineer 2", view=home)
    )
    assert exact.json()["options"][0]["text"]["text"] == "Lead Synergy Engineer 2"
