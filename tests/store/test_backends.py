"""Opening the store on SQLite and PostgreSQL (the ``backend`` and ``store`` fixtures are in conftest.py)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Column, MetaData, String, Table, select

from bot.config.readers import database_url as configured_database_url
from bot.store import Store, StoreError
from bot.store.engine import create_store_engine, database_url
from bot.store.migrations import head
from bot.store.tables import subscriptions

if TYPE_CHECKING:
    from conftest import Backend


ALEMBIC_VERSION = Table("alembic_version", MetaData(), Column("version_num", String(32), primary_key=True))


def test_first_use_creates_the_tables_at_the_newest_revision(backend: Backend) -> None:
    store = backend.open()
    try:
        with store.engine.begin() as conn:
            assert conn.execute(select(ALEMBIC_VERSION.c.version_num)).scalars().all() == [head()]
            assert conn.execute(select(subscriptions)).all() == []
    finally:
        store.close()


def test_opening_twice_keeps_the_data(backend: Backend) -> None:
    now = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
    first = backend.open()
    for user in ("U1", "U2"):
        first.record_ask("T1", user, "chief vibes officer", public=True, requested=False, now=now)
    first.close()
    second = backend.open()
    try:
        assert [a.normalized_query for a in second.top_asked("T1")] == ["chief vibes officer"]
    finally:
        second.close()


def test_a_newer_revision_is_refused_with_a_clear_message(backend: Backend) -> None:
    store = backend.open()
    with store.engine.begin() as conn:
        conn.execute(ALEMBIC_VERSION.update().values(version_num="9999"))
    store.close()
    with pytest.raises(StoreError, match="at revision 9999, newer than this program"):
        backend.open()


def test_default_database_is_a_sqlite_file_under_the_user_data_dir(tmp_path: Path) -> None:
    assert configured_database_url({"XDG_DATA_HOME": str(tmp_path)}) == f"sqlite:///{tmp_path}/specimen/specimen.db"
    assert configured_database_url({"HOME": "/home/ada"}) == "sqlite:////home/ada/.local/share/specimen/specimen.db"
    assert configured_database_url({"DATABASE_URL": "sqlite:///x.db", "HOME": "/h"}) == "sqlite:///x.db"


def test_sqlite_file_and_its_directory_are_created_on_first_run_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "specimen.db"
    store = Store.open(f"sqlite:///{path}")
    store.close()
    assert path.is_file()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_postgres_urls_use_the_psycopg_3_driver() -> None:
    assert database_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert database_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert database_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u@h/db", "unsupported database 'mysql'"),
        ("not a url", "not a database URL"),
    ],
)
def test_bad_database_urls_are_refused_with_the_reason(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        create_store_engine(url)


def test_unreachable_postgres_is_a_store_error_without_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        Store.open("postgresql://ada:hunter2@127.0.0.1:1/test?connect_timeout=2")
    assert "hunter2" not in str(caught.value)
    assert "cannot open database" in str(caught.value)


def test_schema_names_are_checked() -> None:
    with pytest.raises(StoreError, match="schema name"):
        create_store_engine("postgresql://u@h/db", schema='x"; DROP TABLE y; --')
