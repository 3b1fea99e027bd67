"""Slack's settings: the credentials of one workspace (SLACK_BOT_TOKEN), or of an app that any workspace installs
("Add to Slack": SLACK_CLIENT_ID and SLACK_CLIENT_SECRET). Readers take the environment snapshot, like
``bot.config.readers``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.config.readers import ConfigError

DEFAULT_SLACK_API_URL = "https://slack.com/api/"


@dataclass(frozen=True)
class SlackSettings:
    """Credentials and endpoints for talking to Slack. Secrets never appear in repr."""

    bot_token: str = field(repr=False)
    signing_secret: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_SLACK_API_URL

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)


def slack_settings(
    env: Mapping[str, str], *, socket_mode: bool | None = None, bot_only: bool = False, oauth: bool = False
) -> SlackSettings:
    """Read Slack settings; raise one ConfigError naming every missing variable.

    ``socket_mode=None`` means: Socket Mode exactly when ``SLACK_APP_TOKEN`` is set. ``oauth``: each workspace's
    token comes from its installation, so SLACK_BOT_TOKEN is not needed (and not used).
    """
    values = {
        name: env.get(name, "").strip() for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")
    }
    wants_socket = bool(values["SLACK_APP_TOKEN"]) if socket_mode is None else socket_mode
    oauth = oauth and not wants_socket  # Socket Mode serves the one workspace of SLACK_BOT_TOKEN
    needed = [] if oauth else ["SLACK_BOT_TOKEN"]
    if not bot_only:
        needed.append("SLACK_APP_TOKEN" if wants_socket else "SLACK_SIGNING_SECRET")
    missing = [name for name in needed if not values[name]]
    if missing:
        message = f"missing environment variable{'s' if len(missing) > 1 else ''}: {', '.join(missing)}"
        if socket_mode is None and "SLACK_SIGNING_SECRET" in missing:
            message += " (or set SLACK_APP_TOKEN to run over Socket Mode, which needs no signing secret)"
        raise ConfigError(message)
    api_url = env.get("SLACK_API_URL", "").strip() or DEFAULT_SLACK_API_URL
    if not api_url.endswith("/"):
        api_url += "/"
    return SlackSettings(
        bot_token="" if oauth else values["SLACK_BOT_TOKEN"],
        signing_secret=values["SLACK_SIGNING_SECRET"] or "unused-without-http",
        app_token=values["SLACK_APP_TOKEN"] or None if wants_socket else None,
        api_url=api_url,
    )


# The bot scopes asked for on install: manifest.distributed.yml's (tests/unit/test_manifest.py checks they agree).
# With the manifest variant without the *:history scopes, set SLACK_SCOPES to its list.
BOT_SCOPES = (
    "commands",
    "chat:write",
    "users:read",
    "channels:history",
    "groups:history",
    "channels:read",
    "groups:read",
)
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"


@dataclass(frozen=True)
class OAuthInstallSettings:
    """Bolt's OAuth ("Add to Slack" for any workspace): on when SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set."""

    client_id: str
    client_secret: str = field(repr=False)
    scopes: tuple[str, ...] = BOT_SCOPES
    redirect_uri: str | None = None
    install_path: str = INSTALL_PATH
    redirect_path: str = REDIRECT_PATH


def oauth_settings(env: Mapping[str, str]) -> OAuthInstallSettings | None:
    """None without SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (one-workspace mode); one of them alone is an error.

    SLACK_SCOPES (comma- or space-separated) replaces the default bot scopes; SLACK_REDIRECT_URI must be an https
    URL (http only for localhost) ending in /slack/oauth_redirect, the path this server answers.
    """
    client_id = env.get("SLACK_CLIENT_ID", "").strip()
    client_secret = env.get("SLACK_CLIENT_SECRET", "").strip()
    if not client_id and not client_secret:
        return None
    if not client_id or not client_secret:
        missing = "SLACK_CLIENT_SECRET" if client_id else "SLACK_CLIENT_ID"
        raise ConfigError(f"missing environment variable: {missing} (OAuth needs both SLACK_CLIENT_ID and it)")
    if env.get("SLACK_APP_TOKEN", "").strip():
        # Socket Mode serves the one workspace of SLACK_BOT_TOKEN; the clock must post the way the app serves.
        raise ConfigError(
            "SLACK_APP_TOKEN (Socket Mode, one workspace) and SLACK_CLIENT_ID (Add to Slack, many workspaces over "
            "HTTP) exclude each other: unset one of them"
        )
    scopes = tuple(part for part in env.get("SLACK_SCOPES", "").replace(",", " ").split() if part)
    bad = [scope for scope in scopes if not all(ch.isalnum() or ch in ":._-" for ch in scope)]
    if bad:
        raise ConfigError(f"SLACK_SCOPES holds {bad[0]!r}, which is not a scope name (e.g. chat:write)")
    redirect = env.get("SLACK_REDIRECT_URI", "").strip() or None
    if redirect is not None:
        local = redirect.startswith(("http://localhost", "http://127.0.0.1"))
        if not (redirect.startswith("https://") or local) or not redirect.split("?")[0].endswith(REDIRECT_PATH):
            raise ConfigError(f"SLACK_REDIRECT_URI={redirect!r} must be an https URL ending in {REDIRECT_PATH}")
    return OAuthInstallSettings(client_id, client_secret, scopes or BOT_SCOPES, redirect)
