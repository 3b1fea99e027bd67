"""`/specimen daily` through the real app server (signed requests, the Web API stand-in): DMs are refused."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.server import AppServer

NOT_A_CHANNEL = "Daily posts go to channels: run this in the channel that should get them, after `/invite @specimen`."


def daily_reply(app_server: AppServer, text: str, **fields: str) -> dict[str, Any]:
    """The ephemeral reply that reaches the command's response_url after the acknowledgement."""
    exchange = app_server.post_command(text, **fields)
    assert exchange.status == 200, exchange.text
    url_id = exchange.sent["response_url"].rstrip("/").rsplit("/", 1)[-1]
    app_server.api.wait_for("response_url", 1)
    (post,) = [c for c in app_server.api.response_posts() if c.url_id == url_id]
    assert post.response_type == "ephemeral"
    return post.params


@pytest.mark.parametrize(
    ("channel_id", "channel_name"),
    [("D0ADA", "directmessage"), ("C0GROUPDM", "mpdm-ada--bob--eve-1")],
    ids=["dm", "group-dm"],
)
def test_daily_on_in_a_dm_is_refused_without_asking_slack_for_the_zone(
    app_server: AppServer, channel_id: str, channel_name: str
) -> None:
    reply = daily_reply(app_server, "daily on 09:00", channel_id=channel_id, channel_name=channel_name)
    assert reply["text"] == NOT_A_CHANNEL
    assert app_server.api.calls("users.info") == []
    app_server.api.reset()
    status = daily_reply(app_server, "daily status", channel_id=channel_id, channel_name=channel_name)
    assert "Daily posts go to channels" in status["text"]  # a DM: where they go, not "none here"


def test_daily_on_in_a_channel_still_subscribes_it(app_server: AppServer) -> None:
    reply = daily_reply(app_server, "daily on 09:00")
    assert "Daily posts are on for this channel" in reply["text"]
    assert len(app_server.api.calls("users.info")) == 1
    app_server.api.reset()
    assert "off for this channel" in daily_reply(app_server, "daily off")["text"]


def test_daily_on_in_a_channel_the_app_is_not_in_says_so_and_subscribes_nothing(app_server: AppServer) -> None:
    app_server.api.workspace.set_channel("C0NOTJOINED", name="random", member=False)
    reply = daily_reply(app_server, "daily on 9am", channel_id="C0NOTJOINED", channel_name="random")
    assert "I'm not a member of <#C0NOTJOINED>" in reply["text"] and "/invite @specimen" in reply["text"]
    app_server.api.reset()
    status = daily_reply(app_server, "daily status", channel_id="C0NOTJOINED", channel_name="random")
    assert "has no daily posts" in status["text"]


def test_daily_on_that_changes_nothing_says_already(app_server: AppServer) -> None:
    app_server.api.workspace.set_channel("C0AGAIN", name="again")
    first = daily_reply(app_server, "daily on 09:00 Europe/Berlin", channel_id="C0AGAIN", channel_name="again")
    assert "Daily posts are on" in first["text"]
    app_server.api.reset()
    again = daily_reply(app_server, "daily on 09:00 Europe/Berlin", channel_id="C0AGAIN", channel_name="again")
    assert "already on for this channel" in again["text"] and "nothing changed" in again["text"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [("GMT+2", ["Etc/GMT-2", "ignores daylight saving"]), ("9 am PST", ["America/Los_Angeles", "daylight saving"]),
     ("9am in berlin", ["Europe/Berlin"]), ("noon new york weekdays", ["12:00", "America/New_York"]),
     ("0930 EST day-log", ["09:30", "America/New_York"])],
)  # fmt: skip
def test_daily_on_understands_what_people_write(app_server: AppServer, options: str, expected: list[str]) -> None:
    app_server.api.workspace.set_channel("C0WORDS", name="words")
    reply = daily_reply(app_server, f"daily on {options}", channel_id="C0WORDS", channel_name="words")
    for part in expected:
        assert part in reply["text"], (part, reply["text"])
    app_server.api.reset()
    daily_reply(app_server, "daily off", channel_id="C0WORDS", channel_name="words")


def test_a_skip_can_be_taken_back(app_server: AppServer) -> None:
    app_server.api.workspace.set_channel("C0SKIP", name="skip")
    where = {"channel_id": "C0SKIP", "channel_name": "skip"}
    daily_reply(app_server, "daily on 09:00 Europe/Berlin every day", **where)
    app_server.api.reset()
    skipped = daily_reply(app_server, "daily skip", **where)
    assert "Skipping the post of" in skipped["text"] and "/specimen daily unskip" in skipped["text"]
    app_server.api.reset()
    assert "is back on" in daily_reply(app_server, "daily unskip", **where)["text"]
    app_server.api.reset()
    assert "nothing to take back" in daily_reply(app_server, "daily unskip", **where)["text"]
