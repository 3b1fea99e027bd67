"""Settings from the environment: the only module that reads os.environ.

``Settings.from_env()`` takes one snapshot of the environment when a command starts; the composition root
(``bot.cli.runtime``) and the commands read every setting from it. Each part is parsed when it is first asked for,
so a command that needs no Slack credentials (``specimen check``) never fails for want of them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core.daily.settings import DailySettings

SOURCE_RECORDS_DIR = Path("records")  # the catalog's source in a checkout; `specimen import` writes there
DEFAULT_SLACK_API_URL = "https://slack.com/api/"


class ConfigError(Exception):
    """Missing or malformed settings; the message names every one."""


def packaged_catalog() -> Path:
    """The catalog that ships with the app: `bot/catalog` in the installed package.

    In a checkout `bot/catalog` is a link to the top-level `records/`, the catalog's one source; building the wheel
    copies the files behind it into the package. A wheel installs as plain files, so this is a real directory that
    is read in place: nothing is extracted, and an install that leaves the package zipped is not supported.
    """
    return Path(str(resources.files("bot").joinpath("catalog")))


def records_dir_default(env: Mapping[str, str]) -> Path:
    """The catalog to read: $SPECIMEN_RECORDS (made absolute, so messages name the directory really read), else the
    packaged one."""
    value = env.get("SPECIMEN_RECORDS", "").strip()
    return Path(value).expanduser().absolute() if value else packaged_catalog()


def records_import_dir(env: Mapping[str, str]) -> Path:
    """Where `specimen import` writes: $SPECIMEN_RECORDS, else `records/` in the current directory (a checkout's
    source catalog). Never the packaged catalog: new records are written into the source, not into an install."""
    value = env.get("SPECIMEN_RECORDS", "").strip()
    return (Path(value).expanduser() if value else SOURCE_RECORDS_DIR).absolute()


def records_cache_dir(env: Mapping[str, str]) -> Path | None:
    """Where the record parse cache lives: $SPECIMEN_CACHE_DIR ("off" disables it), else the XDG cache dir."""
    value = env.get("SPECIMEN_CACHE_DIR", "").strip()
    if value.casefold() in ("off", "0", "false", "no"):
        return None
    if value:
        return Path(value)
    xdg = env.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg) if xdg else Path(env.get("HOME", "") or Path.home()) / ".cache"
    return base / "specimen"


def _whole_number(env: Mapping[str, str], name: str, default: int, maximum: int) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or not 1 <= int(value) <= maximum:
        raise ConfigError(f"{name}={value!r} is not a whole number from 1 to {maximum}")
    return int(value)


def port_default(env: Mapping[str, str]) -> int:
    """$PORT (platforms such as Heroku set it), else 3000."""
    return _whole_number(env, "PORT", 3000, 65535)


def workers_default(env: Mapping[str, str]) -> int:
    """$WEB_CONCURRENCY, else 2 worker processes of `specimen serve`."""
    return _whole_number(env, "WEB_CONCURRENCY", 2, 64)


def log_level(env: Mapping[str, str]) -> str:
    value = env.get("LOG_LEVEL", "").strip().upper() or "INFO"
    if value not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"LOG_LEVEL={value!r} is not one of DEBUG, INFO, WARNING, ERROR")
    return value


def log_format(env: Mapping[str, str]) -> str:
    """$LOG_FORMAT: ``text`` (default) or ``json`` (one object per line, with team_id and channel)."""
    value = env.get("LOG_FORMAT", "").strip().lower() or "text"
    if value not in ("text", "json"):
        raise ConfigError(f"LOG_FORMAT={value!r} is not one of text, json")
    return value


def sentry_dsn(env: Mapping[str, str]) -> str | None:
    """$SENTRY_DSN: report errors to Sentry when set."""
    return env.get("SENTRY_DSN", "").strip() or None


def metrics_enabled(env: Mapping[str, str]) -> bool:
    """$METRICS=prometheus (or on, 1, true): serve Prometheus metrics on /metrics."""
    value = env.get("METRICS", "").strip().casefold()
    if value in ("", "off", "0", "false", "no"):
        return False
    if value in ("prometheus", "on", "1", "true", "yes"):
        return True
    raise ConfigError(f"METRICS={value!r} is not one of prometheus, off")


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


def database_url(env: Mapping[str, str]) -> str:
    """$DATABASE_URL, else a SQLite file: $XDG_DATA_HOME/specimen/specimen.db or ~/.local/share/specimen/specimen.db.

    A PostgreSQL URL needs the `postgres` extra (psycopg); without it, this says so instead of an ImportError later.
    """
    value = env.get("DATABASE_URL", "").strip()
    if value:
        if value.split(":", 1)[0].split("+", 1)[0].lower() in ("postgres", "postgresql") and not _has_psycopg():
            raise ConfigError(
                "DATABASE_URL names PostgreSQL, but its driver psycopg is not installed: "
                "pip install 'specimen[postgres]' (SQLite needs nothing)"
            )
        return value
    xdg = env.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg else Path(env.get("HOME", "") or Path.home()) / ".local" / "share"
    return f"sqlite:///{base / 'specimen' / 'specimen.db'}"


def _has_psycopg() -> bool:
    return find_spec("psycopg") is not None


def auto_migrate(env: Mapping[str, str]) -> bool:
    """$SPECIMEN_AUTO_MIGRATE (on/off, true/false, 1/0): does opening the database upgrade its schema?

    Default on for SQLite (one machine, nothing else to run) and off for PostgreSQL, where `specimen db upgrade`
    runs once per release (the Procfile's release phase, compose's migrate service) and the app refuses an old
    schema instead of racing its siblings to change it."""
    raw = env.get("SPECIMEN_AUTO_MIGRATE", "").strip()
    value = raw.casefold()
    if not value:
        return database_url(env).split(":", 1)[0].split("+", 1)[0].lower() == "sqlite"
    if value in ("on", "true", "1"):
        return True
    if value in ("off", "false", "0"):
        return False
    raise ConfigError(f"SPECIMEN_AUTO_MIGRATE={raw!r} is not one of on, off (true/false, 1/0)")


def daily_settings(env: Mapping[str, str]) -> DailySettings:
    """The operator's daily channel and the clock's settings; one ConfigError lists every malformed variable."""
    # The daily rules live in the daily core; imported here only, so reading other settings stays light.
    from bot.core.daily.settings import DailySettingsError, read_daily_settings  # noqa: PLC0415

    try:
        return read_daily_settings(env)
    except DailySettingsError as error:
        raise ConfigError(str(error)) from None


def slack_bot_settings(env: Mapping[str, str]) -> SlackSettings:
    """What the clock needs to post: SLACK_BOT_TOKEN (and SLACK_API_URL); no signing secret."""
    return slack_settings(env, socket_mode=False, bot_only=True)


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
        """What the clock posts with: SLACK_BOT_TOKEN, or (OAuth mode) each team's own token and only the API URL."""
        if self.oauth is not None:
            return slack_settings(self.environ, socket_mode=False, bot_only=True, oauth=True)
        return slack_bot_settings(self.environ)

    @property
    def oauth(self) -> OAuthInstallSettings | None:
        return oauth_settings(self.environ)

    def daily(self) -> DailySettings:
        return daily_settings(self.environ)
