"""The payload builders produce what Bolt recognises, and their trigger_id / response_url work on the stand-in.

Each body is signed with our signing helper and dispatched to a real Bolt ``App`` (in-process: the HTTP path is
covered by test_support_server.py), whose listeners call the Web API stand-in.
"""

from __future__ import annotations

from typing import Any

import pytest
from slack_bolt import Ack, App, BoltRequest, Respond, Say
from slack_sdk import WebClient

from tests.support import payloads
from tests.support.signing import FORM, JSON, signed_headers
from tests.support.slack_api import SlackApi
from tests.support.workspace import CHANNEL_ID, USER_ID

SECRET = "payload-test-secret"
MODAL = {"type": "modal", "title": {"type": "plain_text", "text": "Specimen"}, "blocks": []}


@pytest.fixture
def app(slack_api: SlackApi) -> App:
    client = WebClient(token=slack_api.bot_token, base_url=slack_api.base_url)
    # process_before_response: dispatch() returns only after the listener finished, so tests need not wait.
    app = App(client=client, signing_secret=SECRET, process_before_response=True)
    app.seen = []  # type: ignore[attr-defined]

    @app.command("/specimen")
    def command(ack: Ack, command: dict[str, str], respond: Respond) -> None:
        ack(text="working")
        respond(text=f"card for {command['text']}", response_type="in_channel")
        app.seen.append(("command", command))  # type: ignore[attr-defined]

    @app.action("specimen_share")
    def share(ack: Ack, action: dict[str, Any], say: Say, respond: Respond) -> None:
        ack()
        say(text=f"shared {action['value']}")
        respond(delete_original=True)
        app.seen.append(("action", action))  # type: ignore[attr-defined]

    @app.message_shortcut("identify_specimen")
    def identify(ack: Ack, shortcut: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(trigger_id=shortcut["trigger_id"], view=MODAL)
        app.seen.append(("message_action", shortcut))  # type: ignore[attr-defined]

    @app.global_shortcut("lookup_specimen")
    def lookup(ack: Ack, shortcut: dict[str, Any]) -> None:
        ack()
        app.seen.append(("shortcut", shortcut))  # type: ignore[attr-defined]

    @app.view("specimen_search")
    def search(ack: Ack, view: dict[str, Any]) -> None:
        ack(response_action="errors", errors={"title": "no such specimen"})
        app.seen.append(("view_submission", view))  # type: ignore[attr-defined]

    @app.event("app_home_opened")
    def home(event: dict[str, Any], client: WebClient) -> None:
        client.views_publish(user_id=event["user"], view={"type": "home", "blocks": []})
        app.seen.append(("app_home_opened", event))  # type: ignore[attr-defined]

    return app


def dispatch(app: App, body: str, content_type: str = FORM) -> Any:
    headers = {k.lower(): v for k, v in signed_headers(SECRET, body).items()}
    return app.dispatch(BoltRequest(body=body, headers={**headers, "content-type": content_type}))


def test_slash_command_has_every_documented_field() -> None:
    fields = payloads.slash_command("ai apprentice")
    assert set(fields) == {
        "token", "team_id", "team_domain", "channel_id", "channel_name", "user_id", "user_name", "command", "text",
        "response_url", "trigger_id", "api_app_id", "is_enterprise_install",
    }  # fmt: skip
    assert all(isinstance(value, str) for value in fields.values())


def test_command_acks_and_responds_through_the_stand_in(app: App, slack_api: SlackApi) -> None:
    fields = payloads.slash_command("jr ml eng", api=slack_api)
    response = dispatch(app, payloads.form_body(fields))
    assert (response.status, response.body) == (200, "working")
    post = slack_api.wait_for("response_url")[0]
    assert (post.status, post.response_type, post.params["text"]) == (200, "in_channel", "card for jr ml eng")
    assert post.url_id == fields["response_url"].rsplit("/", 1)[-1]


def test_block_actions_reach_the_action_listener(app: App, slack_api: SlackApi) -> None:
    payload = payloads.block_actions("specimen_share", value="ai-apprentice", api=slack_api)
    assert dispatch(app, payloads.interaction_body(payload)).status == 200
    post = slack_api.wait_for("chat.postMessage")[0]
    assert (post.params["channel"], post.params["text"]) == (CHANNEL_ID, "shared ai-apprentice")
    assert slack_api.wait_for("response_url")[0].delete_original
    assert app.seen[0][1]["action_ts"]  # type: ignore[attr-defined]


def test_ephemeral_block_actions_carry_no_message(slack_api: SlackApi) -> None:
    payload = payloads.block_actions("specimen_share", api=slack_api, is_ephemeral=True)
    assert "message" not in payload and payload["container"]["is_ephemeral"] is True
    assert "message" in payloads.block_actions("specimen_share")


def test_message_shortcut_trigger_opens_a_modal_once(app: App, slack_api: SlackApi) -> None:
    payload = payloads.message_action(
        "identify_specimen", message_text="<https://jobs.example/ml|ML job>", api=slack_api
    )
    assert dispatch(app, payloads.interaction_body(payload)).status == 200
    assert slack_api.wait_for("views.open")[0].ok
    dispatch(app, payloads.interaction_body(payload))  # the listener fails on views.open; Bolt logs it
    second = slack_api.wait_for("views.open", 2)[1]
    assert second.reply["error"] == "exchanged_trigger_id"


def test_global_shortcut_has_no_channel_or_response_url(app: App) -> None:
    payload = payloads.global_shortcut("lookup_specimen")
    assert "channel" not in payload and "response_url" not in payload
    assert dispatch(app, payloads.interaction_body(payload)).status == 200
    assert app.seen == [("shortcut", payload)]  # type: ignore[attr-defined]


def test_view_submission_values_reach_the_view_listener(app: App) -> None:
    values = {"title": {"query": {"type": "plain_text_input", "value": "ai apprentice"}}}
    payload = payloads.view_submission("specimen_search", values=values, private_metadata="C0GENERAL")
    response = dispatch(app, payloads.interaction_body(payload))
    assert response.status == 200 and '"response_action": "errors"' in response.body
    view = app.seen[0][1]  # type: ignore[attr-defined]
    assert (view["state"]["values"], view["private_metadata"]) == (values, "C0GENERAL")


def test_event_envelope_reaches_the_event_listener(app: App, slack_api: SlackApi) -> None:
    envelope = payloads.event_callback(payloads.app_home_opened(USER_ID))
    assert dispatch(app, payloads.event_body(envelope), JSON).status == 200
    assert slack_api.wait_for("views.publish")[0].params["user_id"] == USER_ID
    assert payloads.event_callback({"type": "x"})["event_id"] != envelope["event_id"]


def test_url_verification_is_answered_by_bolt(app: App) -> None:
    challenge = payloads.url_verification()
    response = dispatch(app, payloads.event_body(challenge), JSON)
    assert (response.status, response.body) == (200, f'{{"challenge": "{challenge["challenge"]}"}}')


def test_unsigned_or_unissued_values_fail(app: App, slack_api: SlackApi) -> None:
    body = payloads.form_body(payloads.slash_command("x"))
    unsigned = app.dispatch(BoltRequest(body=body, headers={"content-type": FORM}))
    assert unsigned.status == 401
    payload = payloads.message_action("identify_specimen", message_text="no api given")
    dispatch(app, payloads.interaction_body(payload))
    assert slack_api.wait_for("views.open")[0].reply["error"] == "invalid_trigger_id"
