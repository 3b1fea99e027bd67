"""The two statements that differ between SQLite and PostgreSQL: INSERT … ON CONFLICT, written once here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def insert_statement(conn: Connection, table: Table) -> Any:
    """INSERT for this dialect (with ``on_conflict_do_nothing`` / ``on_conflict_do_update``)."""
    return _insert(conn, table)


def _insert(conn: Connection, table: Table) -> Any:
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def insert_new(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows``, silently keeping any row whose primary key already exists."""
    if rows:
        conn.execute(_insert(conn, table).on_conflict_do_nothing(), list(rows))


def insert_if_new(conn: Connection, table: Table, row: dict[str, Any]) -> bool:
    """Insert one row unless its primary key exists; True when this call inserted it."""
    key = next(iter(table.primary_key.columns))
    statement = _insert(conn, table).values(**row).on_conflict_do_nothing().returning(key)
    return conn.execute(statement).first() is not None


def upsert(conn: Connection, table: Table, row: dict[str, Any], keys: Sequence[str], update: dict[str, Any]) -> None:
    """Insert ``row``, or on a clash of ``keys`` apply ``update`` (values may use ``excluded(name)``)."""
    statement = _insert(conn, table).values(**row)
    values = {name: (value(statement.excluded) if callable(value) else value) for name, value in update.items()}
    conn.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=values))
