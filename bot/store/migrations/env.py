"""Alembic's env, run by ``bot.store.migrations.upgrade`` on the caller's connection (no alembic.ini, no URL here).

The caller has begun the transaction and serialised it (PostgreSQL advisory lock, SQLite's write lock), so Alembic
runs every revision inside it: an upgrade lands whole or not at all.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    version_table_schema=context.config.attributes.get("schema"),
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
