"""Readers of the settings other than Slack's: each takes the environment snapshot (a mapping) and returns one
parsed setting, or raises ConfigError naming the variable. ``bot.config.Settings`` calls them; nothing here reads
``os.environ`` itself."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core.daily.settings import DailySettings

SOURCE_RECORDS_DIR = Path("records")  # the catalog's source in a checkout; `specimen import` writes there


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


def database_url(env: Mapping[str, str]) -> str:
    """$DATABASE_URL, else a SQLite file: $XDG_DATA_HOME/specimen/specimen.db or ~/.local/share/specimen/specimen.db.

    A PostgreSQL URL needs the `postgres` extra (psycopg); without it, this says so instead of an ImportError later.
    """
    value = env.get("DATABASE_URL", "").strip()
    if value:
        if _backend(value) in ("postgres", "postgresql") and not _has_psycopg():
            raise ConfigError(
                "DATABASE_URL names PostgreSQL, but its driver psycopg is not installed: "
                "pip install 'specimen[postgres]' (SQLite needs nothing)"
            )
        return value
    xdg = env.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg else Path(env.get("HOME", "") or Path.home()) / ".local" / "share"
    return f"sqlite:///{base / 'specimen' / 'specimen.db'}"


def _backend(url: str) -> str:
    """``postgresql`` of ``postgresql+psycopg://…``, ``sqlite`` of ``sqlite:///…``."""
    return url.split(":", 1)[0].split("+", 1)[0].lower()


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
        return _backend(database_url(env)) == "sqlite"
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
