"""Where the catalog comes from: the one shipped inside the package, unless $SPECIMEN_RECORDS names another."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, packaged_catalog
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
    monkeypatch.setattr("bot.config._has_psycopg", lambda: False)
    for url in ("postgresql://db/specimen", "postgres://db/specimen", "postgresql+psycopg://db/specimen"):
        with pytest.raises(ConfigError, match=r"pip install 'specimen\[postgres\]'"):
            _ = Settings.from_env({"DATABASE_URL": url}).database_url
    assert Settings.from_env({"DATABASE_URL": "sqlite:///x.db"}).database_url == "sqlite:///x.db"


def test_a_postgresql_url_with_its_driver_passes() -> None:
    assert Settings.from_env({"DATABASE_URL": "postgresql://db/specimen"}).database_url == "postgresql://db/specimen"
