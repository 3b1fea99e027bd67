"""The schema's Alembic revisions (bot/store/migrations), on SQLite and PostgreSQL.

The revisions build exactly what bot/store/tables.py declares; a database of the release before Alembic
(tests/store/release_schema.py, frozen) upgrades in place with every row, through Store.open and `specimen db
upgrade`; an old database is refused when upgrading is off, a newer one always; concurrent openings upgrade once.
Rows are read back with plain SELECTs on the new tables, never through the Store's methods.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Connection, Engine, MetaData, String, Table, inspect, select, text

from bot.store import Store, StoreError
from bot.store import tables as new
from bot.store.engine import create_store_engine, open_schema
from bot.store.migrations import head
from tests.store import release_schema as release
from tests.support.paths import PROJECT_ROOT

if TYPE_CHECKING:
    from conftest import Backend


@pytest.fixture
def engine(backend: Backend) -> Iterator[Engine]:
    """A plain engine on the backend's database (in its PostgreSQL schema, if any)."""
    made = create_store_engine(backend.url, schema=backend.schema)
    try:
        yield made
    finally:
        made.dispose()


def in_schema(conn: Connection, backend: Backend) -> Connection:
    """``conn`` with the backend's PostgreSQL schema first on the search path, for reflection and raw SQL."""
    if backend.schema:
        conn.execute(text(f'SET LOCAL search_path TO "{backend.schema}"'))
    return conn


def table_names(engine: Engine, backend: Backend) -> set[str]:
    with engine.connect() as conn:
        return set(inspect(conn).get_table_names(schema=backend.schema))


ALEMBIC_VERSION = Table("alembic_version", MetaData(), Column("version_num", String(32), primary_key=True))


def revision(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(ALEMBIC_VERSION.c.version_num)).scalars())


def open_and_close(backend: Backend, *, migrate: bool = True) -> None:
    Store.open(backend.url, schema=backend.schema, migrate=migrate).close()


def replay_revisions(backend: Backend) -> None:
    """Build the database revision by revision (opening an empty one takes the create-and-stamp shortcut)."""
    engine = create_store_engine(backend.url, schema=backend.schema)
    try:
        open_schema(engine, migrate=True, replay=True)
    finally:
        engine.dispose()


def release_database(engine: Engine, **fill: Any) -> dict[str, list[dict[str, Any]]]:
    """A database made and filled by the release before Alembic; the rows it holds."""
    release.ensure_schema(engine)
    rows = release.release_rows()
    release.fill(engine, rows, **fill)
    return rows


def as_set(rows: list[dict[str, Any]]) -> set[tuple[tuple[str, Any], ...]]:
    return {tuple(sorted(row.items())) for row in rows}


def stored_rows(engine: Engine) -> dict[str, set[tuple[tuple[str, Any], ...]]]:
    names = ("subscriptions", "post_ledger", "rotation", "team_blocks", "title_asks", "share_claims")
    with engine.connect() as conn:
        return {
            name: as_set([dict(row._mapping) for row in conn.execute(select(new.metadata.tables[name]))])
            for name in (*names, "request_marks", "heartbeats")
        }


def assert_every_row_kept(engine: Engine, rows: dict[str, list[dict[str, Any]]]) -> None:
    expected = release.expected_after_upgrade(rows)
    stored = stored_rows(engine)
    assert stored.keys() == expected.keys()
    for name, table_rows in expected.items():
        assert stored[name] == as_set(table_rows), name
    assert len(stored["subscriptions"]) == 3 and len(stored["rotation"]) == 3 and len(stored["post_ledger"]) == 4


def assert_same_as_tables_py(engine: Engine, backend: Backend) -> None:
    """Alembic's comparison (tables, columns, types, nullability, indexes) finds nothing, and every primary key,
    which it does not compare, has tables.py's columns in tables.py's order."""
    with engine.begin() as conn:
        assert compare_metadata(MigrationContext.configure(in_schema(conn, backend)), new.metadata) == []
        inspector = inspect(conn)
        for name, table in new.metadata.tables.items():
            key = inspector.get_pk_constraint(name, schema=backend.schema)
            assert key["constrained_columns"] == [column.name for column in table.primary_key.columns], name
            if backend.name == "postgresql":  # named as PostgreSQL names a new table's key, rebuilt or not
                assert key["name"] == f"{name}_pkey"


def test_the_revisions_build_exactly_what_tables_py_declares(backend: Backend, engine: Engine) -> None:
    replay_revisions(backend)
    assert_same_as_tables_py(engine, backend)
    assert revision(engine) == [head()]
    assert "schema_version" not in table_names(engine, backend)


def test_an_empty_database_is_given_tables_py_at_once_and_stamped_with_the_head(
    backend: Backend, engine: Engine
) -> None:
    open_and_close(backend)
    assert_same_as_tables_py(engine, backend)
    assert revision(engine) == [head()]


def test_the_comparison_sees_a_difference(backend: Backend, engine: Engine) -> None:
    """The check above is not vacuous: an index missing from the database is reported."""
    replay_revisions(backend)
    with engine.begin() as conn:
        in_schema(conn, backend).execute(text("DROP INDEX ix_post_ledger_age"))
        diff = compare_metadata(MigrationContext.configure(conn), new.metadata)
    assert [change[0] for change in diff] == ["add_index"]


def test_a_release_database_upgrades_on_opening_with_every_row(backend: Backend, engine: Engine) -> None:
    rows = release_database(engine)
    assert {"schema_version", "misses"} <= table_names(engine, backend)
    open_and_close(backend, migrate=True)
    assert revision(engine) == [head()]
    names = table_names(engine, backend)
    assert not {"schema_version", "misses"} & names
    assert {"slack_installations", "slack_bots", "slack_oauth_states"} <= names
    assert_every_row_kept(engine, rows)
    assert_same_as_tables_py(engine, backend)  # an upgraded database is the same as a new one


def test_upgrading_twice_changes_nothing(backend: Backend, engine: Engine) -> None:
    rows = release_database(engine)
    open_and_close(backend)
    open_and_close(backend)
    open_and_close(backend, migrate=False)
    assert revision(engine) == [head()]
    assert_every_row_kept(engine, rows)


@pytest.mark.slow  # a real `specimen db upgrade` process (the in-process CLI is tests/store/test_db_command.py)
def test_specimen_db_upgrade_upgrades_a_release_database(backend: Backend, engine: Engine) -> None:
    rows = release_database(engine)
    url = backend.url
    if backend.schema:  # the command has no schema option: the server's search path puts it there
        url += ("&" if "?" in url else "?") + f"options=-csearch_path%3D{backend.schema}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SPECIMEN_", "DATABASE_URL"))}
    env |= {"DATABASE_URL": url, "SPECIMEN_CACHE_DIR": "off"}

    def db(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "bot", "db", *args]
        return subprocess.run(
            command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
        )

    before = db("current")
    assert before.returncode == 1, before.stderr
    assert "pre-Alembic (schema_version 1) (not the newest" in before.stdout
    done = db("upgrade")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(f": pre-Alembic (schema_version 1) → {head()}")
    assert revision(engine) == [head()]
    assert_every_row_kept(engine, rows)
    again = db("upgrade")
    assert (again.returncode, again.stdout.strip().split(": ")[-1]) == (0, f"already at {head()}")
    after = db("current")
    assert (after.returncode, after.stdout.strip().split(": ")[-1]) == (0, f"{head()} (the newest)")


def test_an_older_release_database_missing_later_tables_is_completed(backend: Backend, engine: Engine) -> None:
    """A database last opened by the first schema_version-1 release lacked title_asks and the rest."""
    release.ensure_schema(engine, release.FIRST_TABLES)
    rows = {name: value for name, value in release.release_rows().items() if name in release.metadata.tables}
    first = {table.name for table in release.FIRST_TABLES}
    release.fill(engine, {name: value for name, value in rows.items() if name in first})
    open_and_close(backend)
    with engine.connect() as conn:
        channels = set(conn.execute(select(new.subscriptions.c.team_id, new.subscriptions.c.channel_id)).all())
        assert channels == {("T1", "C1"), ("T1", "C2"), ("T2", "C3")}
        assert conn.execute(select(new.title_asks)).all() == []
    assert_same_as_tables_py(engine, backend)


def test_with_migrate_off_an_old_database_is_refused_naming_the_command(backend: Backend, engine: Engine) -> None:
    rows = release_database(engine)
    with pytest.raises(StoreError) as caught:
        open_and_close(backend, migrate=False)
    message = str(caught.value)
    assert "pre-Alembic (schema_version 1)" in message and f"needs {head()}" in message
    assert "run `specimen db upgrade`" in message
    assert "schema_version" in table_names(engine, backend), "refusing changes nothing"
    open_and_close(backend, migrate=True)
    assert_every_row_kept(engine, rows)


def test_with_migrate_off_an_empty_database_is_refused(backend: Backend) -> None:
    with pytest.raises(StoreError, match=r"at revision none \(empty\); this program needs .*specimen db upgrade"):
        open_and_close(backend, migrate=False)


@pytest.mark.parametrize("migrate", [True, False])
def test_a_database_at_an_unknown_revision_is_refused_as_newer(backend: Backend, engine: Engine, migrate: bool) -> None:
    open_and_close(backend)
    with engine.begin() as conn:
        conn.execute(ALEMBIC_VERSION.update().values(version_num="0999"))
    with pytest.raises(StoreError, match=r"at revision 0999, newer than this program \(its newest is 0002\)"):
        open_and_close(backend, migrate=migrate)
    assert revision(engine) == ["0999"]


def test_a_newer_schema_version_before_alembic_is_refused(backend: Backend, engine: Engine) -> None:
    release.ensure_schema(engine)
    with engine.begin() as conn:
        conn.execute(release.schema_version.update().values(version=2))
    with pytest.raises(StoreError, match="schema_version 2, newer than this program"):
        open_and_close(backend)


def test_error_messages_never_hold_the_password(tmp_path: Any) -> None:
    with pytest.raises(StoreError) as caught:
        Store.open("postgresql://ada:hunter2@127.0.0.1:1/test?connect_timeout=2", migrate=False)
    assert "hunter2" not in str(caught.value)


def test_concurrent_openings_upgrade_once_and_all_succeed(backend: Backend, engine: Engine) -> None:
    rows = release_database(engine)
    start = threading.Barrier(4)
    failures: list[BaseException] = []

    def opener() -> None:
        try:
            start.wait()
            open_and_close(backend)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=opener) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert revision(engine) == [head()]
    assert_every_row_kept(engine, rows)
