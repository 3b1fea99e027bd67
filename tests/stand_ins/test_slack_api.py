"""The Web API stand-in enforces Slack's rules against a real slack_sdk WebClient and records every call."""

from __future__ import annotations

import json

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.models.blocks import HeaderBlock

from tests.support.faults import Fault
from tests.support.slack_api import SlackApi
from tests.support.workspace import BOT_USER_ID, CHANNEL_ID, USER_ID


@pytest.fixture
def client(slack_api: SlackApi) -> WebClient:
    return WebClient(token=slack_api.bot_token, base_url=slack_api.base_url)


def api_error(fn, *args, **kwargs) -> SlackApiError:  # type: ignore[no-untyped-def]
    with pytest.raises(SlackApiError) as info:
        fn(*args, **kwargs)
    return info.value


def test_web_client_round_trip_is_recorded(slack_api: SlackApi, client: WebClient) -> None:
    assert client.auth_test()["user_id"] == BOT_USER_ID
    reply = client.chat_postMessage(channel=CHANNEL_ID, text="fallback", blocks=[HeaderBlock(text="Specimen")])
    assert reply["ok"] and reply["channel"] == CHANNEL_ID
    call = slack_api.calls("chat.postMessage")[0]
    assert call.params["text"] == "fallback"
    assert call.params["blocks"][0]["type"] == "header"
    assert call.headers["authorization"] == "Bearer xoxb-test"
    assert [c.method for c in slack_api.calls()] == ["auth.test", "chat.postMessage"]


def test_rejects_bad_missing_and_wrong_kind_of_token(slack_api: SlackApi) -> None:
    bad = WebClient(token="xoxb-not-the-one", base_url=slack_api.base_url)
    assert api_error(bad.auth_test).response["error"] == "invalid_auth"
    anonymous = WebClient(base_url=slack_api.base_url)
    assert api_error(anonymous.auth_test).response["error"] == "not_authed"
    app_token = WebClient(token=slack_api.app_token, base_url=slack_api.base_url)
    assert api_error(app_token.chat_postMessage, channel=CHANNEL_ID, text="x").response["error"] == (
        "not_allowed_token_type"
    )
    assert not any(c.ok for c in slack_api.calls())


def test_rejects_overlong_header_with_slacks_error_shape(client: WebClient) -> None:
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}]
    error = api_error(client.chat_postMessage, channel=CHANNEL_ID, text="t", blocks=blocks)
    assert error.response["error"] == "invalid_blocks"
    assert error.response["errors"] == ["must be less than 151 characters [json-pointer:/blocks/0/text/text]"]
    assert error.response["response_metadata"]["messages"][0].startswith("[ERROR] must be less than 151")


def test_rejects_51_blocks_but_accepts_50(client: WebClient) -> None:
    block = {"type": "divider"}
    assert client.chat_postMessage(channel=CHANNEL_ID, text="t", blocks=[block] * 50)["ok"]
    error = api_error(client.chat_postMessage, channel=CHANNEL_ID, text="t", blocks=[block] * 51)
    assert error.response["errors"] == ["no more than 50 items allowed [json-pointer:/blocks]"]


def test_rejects_empty_text_object(client: WebClient) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": ""}}]
    error = api_error(client.chat_postEphemeral, channel=CHANNEL_ID, user=USER_ID, text="t", blocks=blocks)
    assert error.response["errors"] == ["must be more than 0 characters [json-pointer:/blocks/0/text/text]"]


def test_form_encoded_blocks_are_checked_and_decoded(slack_api: SlackApi, client: WebClient) -> None:
    good = [{"type": "section", "text": {"type": "plain_text", "text": "hi"}}]
    client.api_call("chat.postMessage", params={"channel": CHANNEL_ID, "text": "t", "blocks": json.dumps(good)})
    assert slack_api.calls("chat.postMessage")[0].params["blocks"] == good
    assert "json" not in slack_api.calls("chat.postMessage")[0].headers["content-type"]
    error = api_error(client.api_call, "chat.postMessage", params={"channel": CHANNEL_ID, "blocks": "[{"})
    assert error.response["error"] == "invalid_blocks_format"


def test_required_arguments(client: WebClient) -> None:
    with pytest.warns(UserWarning, match="text"):  # slack_sdk warns too, then sends it anyway
        assert api_error(client.chat_postMessage, channel=CHANNEL_ID).response["error"] == "no_text"
        assert api_error(client.chat_postMessage, channel=CHANNEL_ID, blocks=[]).response["error"] == "no_text"
    missing_user = api_error(client.api_call, "chat.postEphemeral", json={"channel": CHANNEL_ID, "text": "t"})
    assert missing_user.response["error"] == "invalid_arguments"
    assert missing_user.response["response_metadata"]["messages"] == ["[ERROR] missing required field: user"]
    assert api_error(client.api_call, "views.publish", json={"view": {}}).response["error"] == "invalid_arguments"
    assert api_error(client.api_call, "chat.update", json={"channel": CHANNEL_ID}).response["error"] == (
        "invalid_arguments"
    )
    assert api_error(client.chat_postMessage, channel=CHANNEL_ID, text="x" * 40_001).response["error"] == (
        "msg_too_long"
    )


def test_channel_states(slack_api: SlackApi, client: WebClient) -> None:
    slack_api.workspace.set_channel("CNOTMEMBER", member=False)
    slack_api.workspace.set_channel("CGONE", exists=False)
    slack_api.workspace.set_channel("CARCHIVED", archived=True)
    for channel, code in [
        ("CNOTMEMBER", "not_in_channel"),
        ("CGONE", "channel_not_found"),
        ("CARCHIVED", "is_archived"),
    ]:
        assert api_error(client.chat_postMessage, channel=channel, text="t").response["error"] == code
    assert client.chat_postMessage(channel="CANYOTHER", text="t")["ok"], "unconfigured channels accept posts"


def test_trigger_is_single_use_and_expires(slack_api: SlackApi, client: WebClient) -> None:
    view = {"type": "modal", "title": {"type": "plain_text", "text": "Specimen"}, "blocks": []}
    trigger = slack_api.issue_trigger()
    opened = client.views_open(trigger_id=trigger, view=view)
    assert opened["view"]["id"].startswith("V")
    assert api_error(client.views_open, trigger_id=trigger, view=view).response["error"] == "exchanged_trigger_id"
    late = slack_api.issue_trigger()
    slack_api.workspace.advance(3.5)
    assert api_error(client.views_open, trigger_id=late, view=view).response["error"] == "expired_trigger_id"
    assert api_error(client.views_open, trigger_id="1.2.made-up", view=view).response["error"] == "invalid_trigger_id"


def test_views_report_invalid_arguments_with_messages(slack_api: SlackApi, client: WebClient) -> None:
    view = {"type": "modal", "title": {"type": "plain_text", "text": "x" * 25}, "blocks": []}
    error = api_error(client.views_open, trigger_id=slack_api.issue_trigger(), view=view)
    assert error.response["error"] == "invalid_arguments"
    assert error.response["response_metadata"]["messages"] == [
        "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"
    ]


def test_views_update_and_publish(slack_api: SlackApi, client: WebClient) -> None:
    view = {"type": "modal", "title": {"type": "plain_text", "text": "One"}, "blocks": [], "external_id": "ext-1"}
    opened = client.views_open(trigger_id=slack_api.issue_trigger(), view=view)["view"]
    updated = client.views_update(external_id="ext-1", view={**view, "title": {"type": "plain_text", "text": "Two"}})
    assert updated["view"]["id"] == opened["id"]
    assert api_error(client.views_update, view_id="VNOPE", view=view).response["error"] == "not_found"
    assert api_error(client.views_update, view_id=opened["id"], view=view, hash="stale").response["error"] == (
        "hash_conflict"
    )
    home = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Index"}}]}
    assert client.views_publish(user_id=USER_ID, view=home)["view"]["type"] == "home"
    assert slack_api.workspace.home_views[USER_ID]["blocks"] == home["blocks"]


def test_users_info_has_configurable_timezone(slack_api: SlackApi, client: WebClient) -> None:
    slack_api.workspace.set_user("UTOKYO", tz="Asia/Tokyo")
    user = client.users_info(user="UTOKYO")["user"]
    assert (user["tz"], user["tz_offset"]) == ("Asia/Tokyo", 9 * 3600)
    assert client.users_info(user=USER_ID)["user"]["tz"] == "America/New_York"
    slack_api.workspace.set_user("UGONE", exists=False)
    assert api_error(client.users_info, user="UGONE").response["error"] == "user_not_found"


def test_history_returns_accepted_posts_newest_first_with_metadata_on_request(client: WebClient) -> None:
    metadata = {"event_type": "specimen_daily", "event_payload": {"day": "2026-11-26"}}
    first = client.chat_postMessage(channel="CDAILY", text="first", metadata=metadata)
    second = client.chat_postMessage(channel="CDAILY", text="second")
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="CDAILY", text="t", blocks=[{"type": "divider"}] * 51)
    plain = client.conversations_history(channel="CDAILY")["messages"]
    assert [m["ts"] for m in plain] == [second["ts"], first["ts"]]
    assert "metadata" not in plain[1]
    with_metadata = client.conversations_history(channel="CDAILY", include_all_metadata=True)["messages"]
    assert with_metadata[1]["metadata"] == metadata
    assert client.conversations_history(channel="CDAILY", limit=1)["has_more"] is True


def test_update_and_delete_change_history(client: WebClient) -> None:
    ts = client.chat_postMessage(channel="CEDIT", text="before")["ts"]
    client.chat_update(channel="CEDIT", ts=ts, text="after")
    assert client.conversations_history(channel="CEDIT")["messages"][0]["text"] == "after"
    client.chat_delete(channel="CEDIT", ts=ts)
    assert client.conversations_history(channel="CEDIT")["messages"] == []
    assert api_error(client.chat_delete, channel="CEDIT", ts=ts).response["error"] == "message_not_found"


def test_rate_limit_fault_carries_retry_after_and_retry_handler_recovers(slack_api: SlackApi) -> None:
    plain_client = WebClient(token=slack_api.bot_token, base_url=slack_api.base_url)
    slack_api.inject("chat.postMessage", Fault.rate_limited(retry_after=7))
    error = api_error(plain_client.chat_postMessage, channel=CHANNEL_ID, text="t")
    assert error.response.status_code == 429
    assert error.response.headers["Retry-After"] == "7"
    assert error.response["error"] == "ratelimited"

    retrying = WebClient(
        token=slack_api.bot_token, base_url=slack_api.base_url, retry_handlers=[RateLimitErrorRetryHandler()]
    )
    slack_api.inject("chat.postMessage", Fault.rate_limited(retry_after=0))
    assert retrying.chat_postMessage(channel=CHANNEL_ID, text="t")["ok"]
    faults = [c.fault for c in slack_api.calls("chat.postMessage")]
    assert faults == ["rate_limited(7)", "rate_limited(0)", None]


def test_server_error_malformed_json_delay_and_error_faults(slack_api: SlackApi, client: WebClient) -> None:
    slack_api.inject(
        "chat.postMessage",
        Fault.server_error(),
        Fault.malformed_json(),
        Fault.delayed(0.05),
        Fault.error("not_in_channel"),
    )
    assert api_error(client.chat_postMessage, channel=CHANNEL_ID, text="t").response.status_code == 500
    # slack_sdk itself lets a truncated JSON body escape as JSONDecodeError, not SlackApiError.
    with pytest.raises(json.JSONDecodeError):
        client.chat_postMessage(channel=CHANNEL_ID, text="t")
    assert client.chat_postMessage(channel=CHANNEL_ID, text="t")["ok"]
    assert api_error(client.chat_postMessage, channel=CHANNEL_ID, text="t").response["error"] == "not_in_channel"
    assert client.chat_postMessage(channel=CHANNEL_ID, text="t")["ok"], "the fault queue is used up"
    faults = [c.fault for c in slack_api.calls("chat.postMessage")]
    assert faults == ["server_error(500)", "malformed_json", "delayed(0.05)", "error(not_in_channel)", None]


def test_unknown_methods_are_refused_unless_stubbed(slack_api: SlackApi, client: WebClient) -> None:
    assert (
        api_error(client.api_call, "chat.scheduleMessage", json={"channel": "C", "text": "t"}).response["error"]
        == "unknown_method"
    )
    slack_api.stub("chat.scheduleMessage", {"scheduled_message_id": "Q1"})
    assert client.api_call("chat.scheduleMessage", json={"channel": "C"})["scheduled_message_id"] == "Q1"


def test_wait_for_returns_calls_or_names_what_it_saw(slack_api: SlackApi, client: WebClient) -> None:
    client.auth_test()
    assert len(slack_api.wait_for("auth.test", timeout=1)) == 1
    with pytest.raises(AssertionError, match=r"saw: auth\.test"):
        slack_api.wait_for("chat.postMessage", timeout=0.05)
    slack_api.reset()
    assert slack_api.calls() == []
