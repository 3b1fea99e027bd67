"""Settings from the environment: the only package that reads os.environ (here, in ``Settings.from_env``).

``Settings.from_env()`` takes one snapshot of the environment when a command starts; the composition root
(``bot.cli.runtime``) and the commands read every setting from it. Each part is parsed when it is first asked for,
so a command that needs no Slack credentials (``specimen check``) never fails for want of them. The readers live
by idea: ``readers`` (catalog, server, logs, database, daily) and ``slack`` (one workspace, or OAuth).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config.readers import (
    SOURCE_RECORDS_DIR,
    ConfigError,
    auto_migrate,
    daily_settings,
    database_url,
    log_format,
    log_level,
    metrics_enabled,
    packaged_catalog,
    port_default,
    records_cache_dir,
    records_dir_default,
    records_import_dir,
    sentry_dsn,
    workers_default,
)
from bot.config.slack import (
    BOT_SCOPES,
    DEFAULT_SLACK_API_URL,
    INSTALL_PATH,
    REDIRECT_PATH,
    OAuthInstallSettings,
    SlackSettings,
    oauth_settings,
    slack_settings,
)

if TYPE_CHECKING:
    from bot.core.daily.settings import DailySettings

__all__ = [
    "BOT_SCOPES",
    "DEFAULT_SLACK_API_URL",
    "INSTALL_PATH",
    "REDIRECT_PATH",
    "SOURCE_RECORDS_DIR",
    "ConfigError",
    "OAuthInstallSettings",
    "Settings",
    "SlackSettings",
    "packaged_catalog",
]


@dataclass(frozen=True)
class Settings:
    """One frozen snapshot of the environment, with every setting the app reads parsed from it on demand."""

    environ: Mapping[str, str] = field(repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The snapshot: the process environment (the one read of ``os.environ``), or ``environ`` in tests."""
        return cls(dict(os.environ if environ is None else environ))

    @property
    def records_dir(self) -> Path:
        return records_dir_default(self.environ)

    @property
    def records_import_dir(self) -> Path:
        return records_import_dir(self.environ)

    @property
    def records_cache_dir(self) -> Path | None:
        return records_cache_dir(self.environ)

    @property
    def database_url(self) -> str:
        return database_url(self.environ)

    @property
    def auto_migrate(self) -> bool:
        return auto_migrate(self.environ)

    @property
    def port(self) -> int:
        return port_default(self.environ)

    @property
    def workers(self) -> int:
        return workers_default(self.environ)

    @property
    def log_level(self) -> str:
        return log_level(self.environ)

    @property
    def log_format(self) -> str:
        return log_format(self.environ)

    @property
    def sentry_dsn(self) -> str | None:
        return sentry_dsn(self.environ)

    @property
    def metrics(self) -> bool:
        return metrics_enabled(self.environ)

    @property
    def health_port(self) -> int | None:
        """$PORT when set (Socket Mode serves /healthz there), else None."""
        return port_default(self.environ) if self.environ.get("PORT", "").strip() else None

    def slack(self, *, socket_mode: bool | None = None) -> SlackSettings:
        """In OAuth mode (``oauth``) the HTTP server needs no SLACK_BOT_TOKEN; Socket Mode always does."""
        return slack_settings(self.environ, socket_mode=socket_mode, oauth=self.oauth is not None)

    def slack_bot(self) -> SlackSettings:
        """What the clock posts with: SLACK_BOT_TOKEN, or (OAuth mode) each team's own token and only the API URL;
        no signing secret."""
        return slack_settings(self.environ, socket_mode=False, bot_only=True, oauth=self.oauth is not None)

    @property
    def oauth(self) -> OAuthInstallSettings | None:
        return oauth_settings(self.environ)

    def daily(self) -> DailySettings:
        return daily_settings(self.environ)
