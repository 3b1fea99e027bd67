"""Settings from the environment: the only module that reads os.environ."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_RECORDS_DIR = Path("records")
DEFAULT_SLACK_API_URL = "https://slack.com/api/"


class ConfigError(Exception):
    """Missing or malformed settings; the message names every one."""


def records_dir_default(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    value = env.get("SPECIMEN_RECORDS", "").strip()
    return Path(value) if value else DEFAULT_RECORDS_DIR


def records_cache_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where the record parse cache lives: $SPECIMEN_CACHE_DIR ("off" disables it), else the XDG cache dir."""
    env = os.environ if environ is None else environ
    value = env.get("SPECIMEN_CACHE_DIR", "").strip()
    if value.casefold() in ("off", "0", "false", "no"):
        return None
    if value:
        return Path(value)
    xdg = env.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg) if xdg else Path(env.get("HOME", "") or Path.home()) / ".cache"
    return base / "specimen"


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


def slack_settings(*, socket_mode: bool | None = None, environ: Mapping[str, str] | None = None) -> SlackSettings:
    """Read Slack settings; raise one ConfigError naming every missing variable.

    ``socket_mode=None`` means: Socket Mode exactly when ``SLACK_APP_TOKEN`` is set.
    """
    env = os.environ if environ is None else environ
    values = {
        name: env.get(name, "").strip() for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")
    }
    wants_socket = bool(values["SLACK_APP_TOKEN"]) if socket_mode is None else socket_mode
    needed = ["SLACK_BOT_TOKEN"] + (["SLACK_APP_TOKEN"] if wants_socket else ["SLACK_SIGNING_SECRET"])
    missing = [name for name in needed if not values[name]]
    if missing:
        raise ConfigError(f"missing environment variable{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
    api_url = env.get("SLACK_API_URL", "").strip() or DEFAULT_SLACK_API_URL
    if not api_url.endswith("/"):
        api_url += "/"
    return SlackSettings(
        bot_token=values["SLACK_BOT_TOKEN"],
        signing_secret=values["SLACK_SIGNING_SECRET"] or "unused-in-socket-mode",
        app_token=values["SLACK_APP_TOKEN"] or None if wants_socket else None,
        api_url=api_url,
    )
