"""Opening the store on SQLite and PostgreSQL, and the ``store`` fixture the other daily/store tests import.

PostgreSQL: ``DATABASE_URL_TEST`` or ``postgresql://postgres@127.0.0.1:5432/test``. Each test gets its own schema,
dropped afterwards, so parallel runs never share tables. When the server is unreachable the PostgreSQL cases skip,
except under ``CI=true``, where they fail.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.config import database_url as configured_database_url
from bot.store import Store, StoreError
from bot.store.engine import create_store_engine, database_url
from bot.store.tables import SCHEMA_VERSION, schema_version

PG_URL = os.environ.get("DATABASE_URL_TEST", "postgresql://postgres@127.0.0.1:5432/test")


@cache
def postgres_unavailable() -> str | None:
    """Why PostgreSQL cannot be used here, or None when it can."""
    try:
        engine = create_engine(database_url(PG_URL), connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:
        return f"PostgreSQL at {PG_URL} is not reachable: {error.__class__.__name__}: {str(error)[:200]}"
    return None


def require_postgres() -> None:
    reason = postgres_unavailable()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and {reason}")
        pytest.skip(reason)


@dataclass(frozen=True)
class Backend:
    name: str
    url: str
    schema: str | None = None

    def open(self) -> Store:
        return Store.open(self.url, schema=self.schema)


def _drop_schema(schema: str) -> None:
    engine = create_engine(database_url(PG_URL))
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """A fresh, empty database: a SQLite file, or a private schema on the PostgreSQL server."""
    if request.param == "sqlite":
        yield Backend("sqlite", f"sqlite:///{tmp_path / 'specimen.db'}")
        return
    require_postgres()
    schema = f"test_{uuid.uuid4().hex[:16]}"
    try:
        yield Backend("postgresql", PG_URL, schema)
    finally:
        _drop_schema(schema)


@pytest.fixture
def store(backend: Backend) -> Iterator[Store]:
    opened = backend.open()
    try:
        yield opened
    finally:
        opened.close()


# -- the tests of this module --------------------------------------------------------------------------------------


def test_first_use_creates_the_tables_and_records_the_schema_version(backend: Backend) -> None:
    store = backend.open()
    try:
        with store.engine.begin() as conn:
            assert conn.execute(schema_version.select()).scalars().all() == [SCHEMA_VERSION]
        assert store.subscription("C1") is None
    finally:
        store.close()


def test_opening_twice_keeps_the_data(backend: Backend) -> None:
    now = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
    first = backend.open()
    first.record_miss("T1", "chief vibes officer", now)
    first.close()
    second = backend.open()
    try:
        assert [m.normalized_query for m in second.top_misses("T1")] == ["chief vibes officer"]
    finally:
        second.close()


def test_a_newer_schema_version_is_refused_with_a_clear_message(backend: Backend) -> None:
    store = backend.open()
    with store.engine.begin() as conn:
        conn.execute(schema_version.update().values(version=SCHEMA_VERSION + 1))
    store.close()
    with pytest.raises(StoreError, match=f"schema version {SCHEMA_VERSION + 1} does not match"):
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
        create_store_engine(PG_URL, schema='x"; DROP TABLE y; --')
