"""The manifests (manifest.yml, one workspace over Socket Mode; manifest.distributed.yml, many workspaces over HTTP
with OAuth; manifest.distributed.no-history.yml, the same less the two *:history scopes): valid for Slack's own
manifest schema, and in agreement with the code's ids, events, scopes and routes."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml

from bot.config import BOT_SCOPES, REDIRECT_PATH
from bot.core import ids
from bot.core.site.html import PRIVACY_PATH, SUPPORT_PATH
from bot.slack.http import EVENTS_PATH
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
SINGLE = "manifest.yml"
DISTRIBUTED = "manifest.distributed.yml"
NO_HISTORY = "manifest.distributed.no-history.yml"
MANIFESTS = (SINGLE, DISTRIBUTED, NO_HISTORY)
LIFECYCLE_EVENTS = ["app_uninstalled", "tokens_revoked"]


def load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return load(SINGLE)


@pytest.mark.parametrize("name", MANIFESTS)
def test_every_manifest_validates_against_slacks_schema(name: str) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(load(name), schema)


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


def test_the_distributed_manifests_add_the_uninstall_and_revocation_events(manifest: dict[str, Any]) -> None:
    single = manifest["settings"]["event_subscriptions"]["bot_events"]
    for name in (DISTRIBUTED, NO_HISTORY):
        assert load(name)["settings"]["event_subscriptions"]["bot_events"] == single + LIFECYCLE_EVENTS


def test_the_distributed_manifest_is_the_single_one_over_http_with_oauth(manifest: dict[str, Any]) -> None:
    distributed = load(DISTRIBUTED)
    assert distributed["settings"]["socket_mode_enabled"] is False
    assert distributed["settings"]["token_rotation_enabled"] is False
    assert "user" not in distributed["oauth_config"]["scopes"]
    assert distributed["oauth_config"]["scopes"] == manifest["oauth_config"]["scopes"]
    assert tuple(distributed["oauth_config"]["scopes"]["bot"]) == BOT_SCOPES  # what /slack/install asks for
    for part in ("display_information", "features"):
        assert distributed[part] == manifest[part]


def test_the_no_history_variant_is_the_distributed_manifest_less_exactly_the_history_scopes() -> None:
    distributed, variant = load(DISTRIBUTED), load(NO_HISTORY)
    bot_scopes = distributed["oauth_config"]["scopes"]["bot"]
    assert set(bot_scopes) >= HISTORY_SCOPES
    distributed["oauth_config"]["scopes"]["bot"] = [s for s in bot_scopes if s not in HISTORY_SCOPES]
    assert variant == distributed


@pytest.mark.parametrize("name", MANIFESTS)
def test_request_and_redirect_urls_name_the_servers_routes(name: str) -> None:
    loaded = load(name)
    settings = loaded["settings"]
    requests = [c["url"] for c in loaded["features"]["slash_commands"]]
    requests += [settings["event_subscriptions"]["request_url"], settings["interactivity"]["request_url"]]
    requests.append(settings["interactivity"]["message_menu_options_url"])
    assert {urlsplit(url).path for url in requests} == {EVENTS_PATH}
    redirects = loaded.get("oauth_config", {}).get("redirect_urls", [])
    assert [urlsplit(url).path for url in redirects] == ([] if name == SINGLE else [REDIRECT_PATH])


@pytest.mark.parametrize("name", [DISTRIBUTED, NO_HISTORY])
def test_the_app_directory_urls_are_the_pages_the_server_answers(name: str) -> None:
    listing = load(name)["app_directory"]
    pages = [listing[key] for key in ("installation_landing_page", "privacy_policy_url", "support_url")]
    assert [urlsplit(url).path for url in pages] == ["/", PRIVACY_PATH, SUPPORT_PATH]


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


@pytest.mark.parametrize("name", MANIFESTS)
def test_every_scope_has_a_comment_saying_why(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    bot_scopes = text.split("bot:", 1)[1].split("settings:", 1)[0]
    lines = [line.strip() for line in bot_scopes.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        if line.startswith("- "):
            before = lines[:index]
            assert any(b.startswith("#") for b in before), f"{line} has no comment above it"
