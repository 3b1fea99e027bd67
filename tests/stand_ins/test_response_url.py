"""The response_url stand-in: Slack's five uses in thirty minutes, JSON bodies and Block Kit checks."""

from __future__ import annotations

import pytest
from slack_sdk.webhook import WebhookClient

from tests.support import payloads
from tests.support.faults import Fault
from tests.support.signing import http_request
from tests.support.slack_api import SlackApi
from tests.support.workspace import CHANNEL_ID


@pytest.fixture
def response_url(slack_api: SlackApi) -> str:
    return payloads.slash_command("ai apprentice", api=slack_api)["response_url"]


def test_builders_mint_response_urls_on_the_stand_in(slack_api: SlackApi, response_url: str) -> None:
    assert response_url.startswith(slack_api.root_url + "response/")
    assert payloads.slash_command("x", api=slack_api)["response_url"] != response_url


def test_five_uses_then_refused(slack_api: SlackApi, response_url: str) -> None:
    webhook = WebhookClient(response_url)
    statuses = [webhook.send(text=f"reply {i}").status_code for i in range(5)]
    assert statuses == [200] * 5
    sixth = webhook.send(text="one too many")
    assert (sixth.status_code, sixth.body) == (404, "used_url")
    assert [c.status for c in slack_api.response_posts(response_url)] == [200] * 5 + [404]


def test_expires_after_thirty_minutes(slack_api: SlackApi, response_url: str) -> None:
    webhook = WebhookClient(response_url)
    slack_api.workspace.advance(29 * 60)
    assert webhook.send(text="still fine").status_code == 200
    slack_api.workspace.advance(2 * 60)
    late = webhook.send(text="too late")
    assert (late.status_code, late.body) == (404, "expired_url")


def test_bad_blocks_get_400_invalid_blocks_without_using_a_turn(slack_api: SlackApi, response_url: str) -> None:
    webhook = WebhookClient(response_url)
    bad = webhook.send(text="t", blocks=[{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}])
    assert (bad.status_code, bad.body) == (400, "invalid_blocks")
    assert webhook.send(text="t", blocks=[{"type": "divider"}] * 51).status_code == 400
    assert [webhook.send(text="ok").status_code for _ in range(5)] == [200] * 5


def test_body_must_be_a_json_message(response_url: str) -> None:
    form = http_request(response_url, b"text=hello", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert (form.status, form.text) == (400, "invalid_payload")
    empty = http_request(response_url, b"{}", headers={"Content-Type": "application/json"})
    assert (empty.status, empty.text) == (400, "no_text")
    unknown = WebhookClient(response_url.rsplit("/", 1)[0] + "/never-issued").send(text="x")
    assert (unknown.status_code, unknown.body) == (404, "no_service")


def test_records_response_type_and_rewrites(slack_api: SlackApi, response_url: str) -> None:
    webhook = WebhookClient(response_url)
    webhook.send(text="shared", response_type="in_channel")
    webhook.send(text="replaced", replace_original=True)
    webhook.send_dict({"delete_original": True})
    posts = slack_api.wait_for("response_url", 3)
    assert [(p.response_type, p.replace_original, p.delete_original) for p in posts] == [
        ("in_channel", False, False),
        ("ephemeral", True, False),
        ("ephemeral", False, True),
    ]
    assert posts[0].params["text"] == "shared"


def test_in_channel_reply_shows_up_in_history(slack_api: SlackApi, response_url: str) -> None:
    WebhookClient(response_url).send(text="for everyone", response_type="in_channel")
    WebhookClient(response_url).send(text="just for you")
    channel = slack_api.workspace.channel(CHANNEL_ID)
    assert [m["text"] for m in channel.messages] == ["for everyone"]


def test_response_url_faults(slack_api: SlackApi, response_url: str) -> None:
    slack_api.inject("response_url", Fault.reply(500, "internal_error"))
    failed = WebhookClient(response_url).send(text="x")
    assert (failed.status_code, failed.body) == (500, "internal_error")
    assert WebhookClient(response_url).send(text="x").status_code == 200
