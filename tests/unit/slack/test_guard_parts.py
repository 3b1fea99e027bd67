"""The request guard's pure parts: body shapes, request kinds, workspaces and replay keys."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from bot.slack.endpoint import is_signed, parse_slack_body, request_kind
from bot.slack.replay import EVENT_TTL, SIGNATURE_TTL, is_read_only, replay_key
from bot.slack.workspace import Identity, Installation, request_channel, request_identity
from tests.support.signing import signature

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


@pytest.mark.parametrize(
    ("body", "media_type"),
    [(b"[1]", JSON), (b"null", JSON), (b"{", JSON), (b"\xff", FORM), (b"payload=1", FORM), (b"payload=%5B%5D", FORM)],
)
def test_bodies_slack_never_sends_are_none(body: bytes, media_type: str) -> None:
    assert parse_slack_body(body, media_type) is None


def test_form_and_json_bodies_parse() -> None:
    command = parse_slack_body(urlencode({"command": "/specimen", "text": "a&b"}).encode(), FORM)
    assert command == {"command": "/specimen", "text": "a&b"}
    interaction = parse_slack_body(urlencode({"payload": json.dumps({"type": "block_actions"})}).encode(), FORM)
    assert interaction == {"payload": {"type": "block_actions"}}
    assert parse_slack_body(b'{"type": "event_callback"}', JSON) == {"type": "event_callback"}
    assert request_kind(command or {}) == "command"
    assert request_kind(interaction or {}) == "interaction"
    assert request_kind({"type": "event_callback"}) == "event"
    assert request_kind({"type": "url_verification"}) == "other"


def test_is_signed_uses_slack_sdk_and_refuses_odd_timestamps() -> None:
    body, now = b"text=hi", 1_700_000_000
    assert is_signed("s", body, str(now), signature("s", now, body), now)
    assert not is_signed("s", body, "1e9", signature("s", "1e9", body), now)
    assert not is_signed("s", body, str(now), "v0=é", now)


def test_identity_of_each_kind_of_request() -> None:
    assert request_identity({"team_id": "T1", "enterprise_id": "E1"}) == Identity("T1", "E1")
    payload = {"team": {"id": "T2"}, "user": {"team_id": "T9"}, "enterprise": {"id": "E2"}}
    assert request_identity({"payload": payload}) == Identity("T2", "E2")
    assert request_identity({"payload": {"team": None, "user": {"team_id": "T3"}}}) == Identity("T3", None)
    assert request_identity({"type": "url_verification"}) == Identity(None, None)
    assert request_channel({"channel_id": "C1"}) == "C1"
    assert request_channel({"payload": {"channel": {"id": "C2"}}}) == "C2"
    assert request_channel({"event": {"channel": "C3"}}) == "C3"


def test_installation_serves_its_team_and_for_org_installs_its_enterprise() -> None:
    single = Installation.of({"team_id": "T1", "enterprise_id": "E1", "is_enterprise_install": False})
    assert single.serves(Identity("T1", None))
    assert not single.serves(Identity("T2", "E1"))  # another team of the same enterprise: not installed there
    assert single.serves(Identity(None, None))
    org = Installation.of({"team_id": None, "enterprise_id": "E1", "is_enterprise_install": True})
    assert org.serves(Identity("T2", "E1"))
    assert not org.serves(Identity("T2", "E2"))


def test_replay_keys() -> None:
    assert replay_key({"type": "event_callback", "event_id": "Ev1"}, "1", "v0=ab") == ("event:Ev1", EVENT_TTL)
    assert replay_key({"command": "/specimen"}, "17", "v0=ab") == ("sig:17:ab", SIGNATURE_TTL)
    assert is_read_only({"payload": {"type": "block_suggestion"}})
    assert not is_read_only({"payload": {"type": "block_actions"}})


def test_an_org_wide_install_is_read_from_commands_interactions_and_events() -> None:
    assert request_identity({"team_id": "T1", "enterprise_id": "E1", "is_enterprise_install": "true"}).org_wide
    assert request_identity({"payload": {"team": {"id": "T1"}, "is_enterprise_install": True}}).org_wide
    event = {"team_id": "T1", "authorizations": [{"enterprise_id": "E1", "is_enterprise_install": True}]}
    assert request_identity(event).org_wide
    assert not request_identity({"team_id": "T1", "is_enterprise_install": "false"}).org_wide
