"""manifest.yml: valid for Slack's own manifest schema, and in agreement with the code's ids, events and scopes."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
import yaml

from bot.core import ids
from tests.support.paths import PROJECT_ROOT

ROOT = PROJECT_ROOT
SCHEMA = ROOT / "tests" / "data" / "slack-manifest.schema.json"

# Web API methods the app calls, and the bot scope each needs (docs.slack.dev method pages).
METHOD_SCOPES = {
    "chat_postMessage": "chat:write",
    "users_info": "users:read",
    "conversations_history": "channels:history",
    "conversations_info": "channels:read",
    "views_open": None,
    "views_update": None,
    "views_publish": None,
    "auth_test": None,
}
HISTORY_SCOPES = {"channels:history", "groups:history"}
INFO_SCOPES = {"channels:read", "groups:read"}


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))


def test_manifest_validates_against_slacks_schema(manifest: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(manifest, schema)


def test_schema_catches_a_misplaced_key(manifest: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    broken = {**manifest, "slash_commands": manifest["features"]["slash_commands"]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_slash_command_and_shortcut_ids_match_the_code(manifest: dict[str, Any]) -> None:
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == ids.COMMAND
    assert command["usage_hint"]
    shortcuts = {s["callback_id"]: s["type"] for s in manifest["features"]["shortcuts"]}
    assert shortcuts == {ids.SHORTCUT_IDENTIFY: "message", ids.SHORTCUT_LOOKUP: "global"}


def test_bot_events_are_the_ones_listened_for(manifest: dict[str, Any]) -> None:
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert events == ["app_home_opened"]
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True


def test_scopes_are_exactly_those_the_code_needs(manifest: dict[str, Any]) -> None:
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "bot").rglob("*.py"))
    called = set(re.findall(r"\bclient\.([a-z]+_[a-zA-Z]+)\(", code)) | set(re.findall(r"\.([a-z]+_[a-zA-Z]+)\(", code))
    needed = {"commands"}
    for method, scope in METHOD_SCOPES.items():
        if method in called and scope:
            needed.add(scope)
    if "conversations_history" in called:
        needed |= HISTORY_SCOPES
    if "conversations_info" in called:
        needed |= INFO_SCOPES
    unknown = {m for m in called if m.split("_")[0] in ("chat", "users", "conversations", "views", "reactions")}
    assert unknown <= set(METHOD_SCOPES), f"a Web API method without a known scope: {unknown - set(METHOD_SCOPES)}"
    assert scopes == needed


def test_every_scope_has_a_comment_saying_why() -> None:
    text = (ROOT / "manifest.yml").read_text(encoding="utf-8")
    bot_scopes = text.split("bot:", 1)[1].split("settings:", 1)[0]
    lines = [line.strip() for line in bot_scopes.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        if line.startswith("- "):
            before = lines[:index]
            assert any(b.startswith("#") for b in before), f"{line} has no comment above it"
