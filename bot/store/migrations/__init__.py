"""The schema's history as Alembic revisions (``versions/``), run from code: no alembic.ini, the Config is built here.

``bot/store/tables.py`` is what the newest revision leaves; tests/store/test_migrations.py checks the two agree.
To change the schema: change tables.py, then add ``versions/rNNNN_what.py`` with ``down_revision`` the previous
head, written out by hand (a revision is frozen code: it never imports tables.py, which keeps moving).

A database from before Alembic (the release whose ``schema_version`` table says 1) has no ``alembic_version``:
it is upgraded from the start, and revision 0001 creates only the tables it lacks (a database last opened by an
older release lacked the later ones), so it is adopted as 0001 without touching its rows.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

# Importing alembic logs one INFO line per plugin it sets up: noise in every process that opens the database.
logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from alembic.script import ScriptDirectory  # noqa: E402
from alembic.util import CommandError  # noqa: E402
from sqlalchemy import Column, Connection, Integer, MetaData, String, Table, inspect, select  # noqa: E402

HERE = Path(__file__).parent
PRE_ALEMBIC = "pre-Alembic (schema_version 1)"  # how the release before Alembic's databases are named in messages
LEGACY_VERSION = 1

_meta = MetaData()
_alembic_version = Table("alembic_version", _meta, Column("version_num", String(32), primary_key=True))
_schema_version = Table("schema_version", _meta, Column("version", Integer, primary_key=True))


class UnknownSchemaError(Exception):
    """The database holds something this program cannot place in its history (the message says what)."""


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE).replace("%", "%%"))
    return config


@cache
def scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head() -> str:
    """The newest revision this program knows."""
    newest = scripts().get_current_head()
    assert newest is not None, "bot/store/migrations/versions holds no revision"
    return newest


def is_known(revision: str) -> bool:
    try:
        return scripts().get_revision(revision) is not None
    except CommandError:
        return False


def revision_of(conn: Connection, schema: str | None) -> str | None:
    """The revision the database is at: alembic_version's, ``PRE_ALEMBIC`` for a database of the release before
    Alembic, None when it holds no schema yet. ``schema``: the PostgreSQL schema the tables live in, if not the
    default one. Raises UnknownSchemaError for anything else."""
    tables = set(inspect(conn).get_table_names(schema=schema))
    if "alembic_version" in tables:
        found = conn.execute(select(_alembic_version.c.version_num)).scalars().all()
        if len(found) > 1:
            raise UnknownSchemaError(f"alembic_version holds several revisions ({', '.join(sorted(found))})")
        if found:
            revision: str = found[0]
            return revision
    if "schema_version" in tables:
        versions = conn.execute(select(_schema_version.c.version)).scalars().all()
        if versions and max(versions) != LEGACY_VERSION:
            raise UnknownSchemaError(f"schema_version {max(versions)}, newer than this program")
        return PRE_ALEMBIC
    if "subscriptions" in tables:
        raise UnknownSchemaError("specimen's tables without alembic_version or schema_version")
    return None


def upgrade(conn: Connection, schema: str | None, *, replay: bool = False) -> None:
    """Run every revision after the database's own up to the head, on ``conn``, inside its transaction. An empty
    database is given tables.py's schema at once and stamped with the head (what replaying every revision would
    build: tests/store/test_migrations.py replays them, ``replay=True``, and compares).

    The caller serialises: two processes upgrading at once would both try to create the same tables."""
    config = _config()
    config.attributes["connection"] = conn
    config.attributes["schema"] = schema
    if not replay and revision_of(conn, schema) is None:
        # Imported here only: the revisions are frozen and never read tables.py; this shortcut is not a revision.
        from bot.store.tables import metadata  # noqa: PLC0415

        metadata.create_all(conn)
        command.stamp(config, "head")
        return
    command.upgrade(config, "head")
