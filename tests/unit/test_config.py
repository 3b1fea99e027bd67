"""Settings: where the catalog comes from (the packaged one unless $SPECIMEN_RECORDS names another), and OAuth."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import BOT_SCOPES, ConfigError, Settings, packaged_catalog
from tests.support.paths import RECORDS


def test_the_default_catalog_is_the_packaged_one() -> None:
    settings = Settings.from_env({})
    assert settings.records_dir == packaged_catalog()
    assert settings.records_dir.is_absolute()
    assert settings.records_dir.parent.name == "bot"


def test_the_packaged_catalog_is_the_records_directory_of_the_checkout() -> None:
    """In a checkout `bot/catalog` leads to `records/`: one source, no copy to drift."""
    assert packaged_catalog().resolve() == RECORDS.resolve()
    assert sorted(p.name for p in packaged_catalog().iterdir()) == sorted(p.name for p in RECORDS.iterdir())


def test_specimen_records_overrides_it_as_an_absolute_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({"SPECIMEN_RECORDS": " elsewhere "})
    assert settings.records_dir == tmp_path / "elsewhere"
    assert Settings.from_env({"SPECIMEN_RECORDS": "~/cat", "HOME": str(tmp_path)}).records_dir.is_absolute()


def test_import_writes_to_the_source_never_into_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert Settings.from_env({}).records_import_dir == tmp_path / "records"
    assert Settings.from_env({"SPECIMEN_RECORDS": "mine"}).records_import_dir == tmp_path / "mine"


def test_a_postgresql_url_without_its_driver_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.config.readers._has_psycopg", lambda: False)
    for url in ("postgresql://db/specimen", "postgres://db/specimen", "postgresql+psycopg://db/specimen"):
        with pytest.raises(ConfigError, match=r"pip install 'specimen\[postgres\]'"):
            _ = Settings.from_env({"DATABASE_URL": url}).database_url
    assert Settings.from_env({"DATABASE_URL": "sqlite:///x.db"}).database_url == "sqlite:///x.db"


def test_a_postgresql_url_with_its_driver_passes() -> None:
    assert Settings.from_env({"DATABASE_URL": "postgresql://db/specimen"}).database_url == "postgresql://db/specimen"


# OAuth ("Add to Slack" for many workspaces).

OAUTH = {"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "s3cret", "SLACK_SIGNING_SECRET": "sig"}


def test_without_client_credentials_the_app_serves_one_workspace() -> None:
    settings = Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "sig"})
    assert settings.oauth is None
    assert settings.slack(socket_mode=False).bot_token == "xoxb-1"


def test_with_client_credentials_no_bot_token_is_needed_and_the_default_scopes_are_asked() -> None:
    settings = Settings.from_env(OAUTH)
    oauth = settings.oauth
    assert oauth is not None and oauth.scopes == BOT_SCOPES and oauth.redirect_uri is None
    assert "s3cret" not in repr(oauth)
    assert settings.slack(socket_mode=False).bot_token == ""
    assert settings.slack_bot().bot_token == ""


def test_socket_mode_and_oauth_exclude_each_other_for_every_command() -> None:
    settings = Settings.from_env({**OAUTH, "SLACK_APP_TOKEN": "xapp-1", "SLACK_BOT_TOKEN": "xoxb-1"})
    for read in (settings.slack, settings.slack_bot, lambda: settings.oauth):
        with pytest.raises(ConfigError, match="exclude each other"):
            read()


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SLACK_CLIENT_ID": "1.2"}, "SLACK_CLIENT_SECRET"),
        ({"SLACK_CLIENT_SECRET": "x"}, "SLACK_CLIENT_ID"),
        ({**OAUTH, "SLACK_SCOPES": "commands;chat:write"}, "SLACK_SCOPES"),
        ({**OAUTH, "SLACK_REDIRECT_URI": "http://specimen.example.com/slack/oauth_redirect"}, "https"),
        ({**OAUTH, "SLACK_REDIRECT_URI": "https://specimen.example.com/elsewhere"}, "/slack/oauth_redirect"),
    ],
)
def test_bad_oauth_settings_are_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        _ = Settings.from_env(env).oauth


def test_scopes_and_redirect_can_be_set() -> None:
    oauth = Settings.from_env(
        {
            **OAUTH,
            "SLACK_SCOPES": "commands, chat:write",
            "SLACK_REDIRECT_URI": "https://x.example/slack/oauth_redirect",
        }
    ).oauth
    assert oauth is not None and oauth.scopes == ("commands", "chat:write")
    assert oauth.redirect_uri == "https://x.example/slack/oauth_redirect"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, True),
        ({"HOME": "/h"}, True),
        ({"DATABASE_URL": "sqlite:///x.db"}, True),
        ({"DATABASE_URL": "postgresql://db/specimen"}, False),
        ({"DATABASE_URL": "postgres://db/specimen"}, False),
        ({"DATABASE_URL": "postgresql+psycopg://db/specimen"}, False),
        ({"DATABASE_URL": "postgresql://db/specimen", "SPECIMEN_AUTO_MIGRATE": "on"}, True),
        ({"DATABASE_URL": "postgresql://db/specimen", "SPECIMEN_AUTO_MIGRATE": " TRUE "}, True),
        ({"DATABASE_URL": "postgresql://db/specimen", "SPECIMEN_AUTO_MIGRATE": "1"}, True),
        ({"SPECIMEN_AUTO_MIGRATE": "off"}, False),
        ({"SPECIMEN_AUTO_MIGRATE": "False"}, False),
        ({"SPECIMEN_AUTO_MIGRATE": "0"}, False),
        ({"SPECIMEN_AUTO_MIGRATE": "  "}, True),
    ],
)
def test_auto_migrate_defaults_on_for_sqlite_off_for_postgresql(env: dict[str, str], expected: bool) -> None:
    assert Settings.from_env(env).auto_migrate is expected


@pytest.mark.parametrize("value", ["yes please", "2", "maybe", "onn"])
def test_a_malformed_auto_migrate_names_the_variable(value: str) -> None:
    with pytest.raises(ConfigError, match=f"SPECIMEN_AUTO_MIGRATE='{value}' is not one of on, off"):
        _ = Settings.from_env({"SPECIMEN_AUTO_MIGRATE": value}).auto_migrate
