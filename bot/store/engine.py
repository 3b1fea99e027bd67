"""Opening the database named by one URL: SQLite by default (WAL, busy timeout), PostgreSQL through psycopg 3."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from bot.store import migrations

SQLITE_BUSY_TIMEOUT_S = 30
_SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_SCHEMA_LOCK_KEY = 0x5EC1_3E7  # any constant: serialises schema upgrades between processes on PostgreSQL
_T = TypeVar("_T")

log = logging.getLogger(__name__)


class StoreError(Exception):
    """The database cannot be opened or used; the message says which one and why (never its password)."""


def database_url(raw: str) -> URL:
    """Parse ``raw``, mapping ``postgres://`` and ``postgresql://`` to the psycopg 3 driver."""
    try:
        url = make_url(raw)
    except ArgumentError:
        raise StoreError(f"DATABASE_URL is not a database URL: {raw[:40]!r}…") from None
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    backend = url.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreError(f"unsupported database {backend!r} in DATABASE_URL: use sqlite:///path or postgresql://…")
    return url


def safe_url(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def safe_database_url(raw: str) -> str:
    """``raw`` without its password, for messages (or a note that it does not parse)."""
    try:
        return safe_url(database_url(raw))
    except StoreError as error:
        return str(error)


def create_store_engine(
    raw_url: str, *, schema: str | None = None, busy_timeout_s: float | None = None, wal_autocheckpoint: bool = True
) -> Engine:
    """An engine for ``raw_url``; ``schema`` puts every table in that PostgreSQL schema (tests, benchmarks).
    SQLite only: ``busy_timeout_s`` replaces the 30 s wait for the write lock (0: fail at once, the caller retries);
    ``wal_autocheckpoint=False``: this engine's commits never checkpoint the WAL (the caller does, now and then)."""
    url = database_url(raw_url)
    sqlite = url.get_backend_name() == "sqlite"
    if sqlite:
        busy = SQLITE_BUSY_TIMEOUT_S if busy_timeout_s is None else busy_timeout_s
        engine = _sqlite_engine(url, busy, wal_autocheckpoint)
        return _in_schema(engine, url, schema)
    # No pool_pre_ping: it costs a round trip per transaction. After a server restart the first transaction fails,
    # SQLAlchemy discards the pool's dead connections, and the clock's next pass (a minute later) reconnects.
    return _in_schema(create_engine(url), url, schema)


def _in_schema(engine: Engine, url: URL, schema: str | None) -> Engine:
    if schema is not None:
        if not _SCHEMA_NAME.fullmatch(schema):
            raise StoreError(f"schema name {schema!r} must be lower-case letters, digits and underscores")
        if url.get_backend_name() != "postgresql":
            raise StoreError("a schema name is only supported on PostgreSQL")
        engine = engine.execution_options(schema_translate_map={None: schema})
    return engine


def _sqlite_engine(url: URL, busy_timeout_s: float, wal_autocheckpoint: bool = True) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:")
    if not in_memory:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {"connect_args": {"timeout": busy_timeout_s}}
    if in_memory:
        options = {"connect_args": {"check_same_thread": False}, "poolclass": StaticPool}
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN (below) instead of sqlite3's legacy implicit transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
        if not wal_autocheckpoint:
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock up front: a transaction that reads then writes can never fail half-way
        # with SQLITE_BUSY, and two clocks' claim passes run one after the other.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def open_schema(engine: Engine, *, migrate: bool, replay: bool = False) -> None:
    """Check the database is at the newest revision; with ``migrate``, upgrade it first (serialised between
    processes; ``replay``: build even an empty one revision by revision, as the tests do to check the revisions).
    Raises StoreError saying where the database is, what this program needs, and what to run."""
    _in_transaction(engine, lambda conn: _open_schema(conn, safe_url(engine.url), migrate=migrate, replay=replay))


def upgrade_schema(raw_url: str) -> tuple[str | None, str]:
    """``specimen db upgrade``: bring the database to the newest revision; (the revision found, the newest)."""
    return _on_url(raw_url, _upgrade)


def schema_revision(raw_url: str) -> tuple[str | None, str]:
    """``specimen db current``: (the database's revision, None when empty; the newest this program knows)."""
    return _on_url(raw_url, lambda conn, url: (_revision(conn, url), migrations.head()))


def _on_url(raw_url: str, work: Callable[[Connection, str], _T]) -> _T:
    engine = create_store_engine(raw_url)
    try:
        return _in_transaction(engine, lambda conn: work(conn, safe_url(engine.url)))
    finally:
        engine.dispose()


def _in_transaction(engine: Engine, work: Callable[[Connection], _T]) -> _T:
    try:
        with engine.begin() as conn:
            return work(conn)
    except SQLAlchemyError as error:
        raise StoreError(f"cannot open database {safe_url(engine.url)}: {error.__class__.__name__}: {error}") from error


def _open_schema(conn: Connection, url: str, *, migrate: bool, replay: bool) -> None:
    if migrate:
        _upgrade(conn, url, replay=replay)
        return
    found, newest = _revision(conn, url), migrations.head()
    if found != newest:
        raise StoreError(
            f"database {url} is at revision {found or 'none (empty)'}; this program needs {newest}: "
            "run `specimen db upgrade` (or set SPECIMEN_AUTO_MIGRATE=on)"
        )


def _upgrade(conn: Connection, url: str, *, replay: bool = False) -> tuple[str | None, str]:
    schema = _schema_of(conn)
    if conn.dialect.name == "postgresql":
        # Two processes starting at once: the second waits here, then finds the work done. (SQLite: every
        # transaction of this engine begins IMMEDIATE, holding the write lock, which serialises the same way.)
        conn.execute(select(text(f"pg_advisory_xact_lock({_SCHEMA_LOCK_KEY})")))
        if schema:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
            # Alembic's own statements (renames, its version table) name no schema: they land in this one.
            conn.execute(text(f'SET LOCAL search_path TO "{schema}"'))
    found, newest = _revision(conn, url), migrations.head()
    if found != newest:
        migrations.upgrade(conn, schema, replay=replay)
        log.info("database %s upgraded: %s → %s", url, found or "none (empty)", newest)
    return found, newest


def _revision(conn: Connection, url: str) -> str | None:
    try:
        found = migrations.revision_of(conn, _schema_of(conn))
    except migrations.UnknownSchemaError as error:
        raise StoreError(f"database {url} holds a schema this program does not know: {error}") from None
    if found not in (None, migrations.PRE_ALEMBIC) and not migrations.is_known(found):
        raise StoreError(
            f"database {url} is at revision {found}, newer than this program (its newest is {migrations.head()}): "
            "run the release that upgraded it"
        )
    return found


def _schema_of(conn: Connection) -> str | None:
    """The PostgreSQL schema the engine's ``schema=`` option puts the tables in (None: the default one)."""
    schema: str | None = (conn.get_execution_options().get("schema_translate_map") or {}).get(None)
    return schema
