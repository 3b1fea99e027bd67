"""`specimen db upgrade` and `specimen db current`: the database's schema (Alembic revisions in bot/store/migrations).

`db upgrade` is what a release runs once before the new processes start (the Procfile's release phase, compose's
migrate service); the app itself upgrades only when SPECIMEN_AUTO_MIGRATE is on (SQLite's default).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from bot.cli.common import EXIT_OK, EXIT_PROBLEMS, CommandError, settings_of

EMPTY = "none (empty)"


Revisions = tuple[str | None, str]  # (the database's, None when empty; the newest this program knows)


def _on_database(args: argparse.Namespace, work: Callable[[str], Revisions]) -> tuple[str, str | None, str]:
    """(the database's URL without its password, ``work``'s two revisions); a StoreError becomes a CommandError."""
    from bot.store.engine import StoreError, safe_database_url

    url = settings_of(args).database_url
    try:
        found, newest = work(url)
    except StoreError as error:
        raise CommandError(str(error)) from None
    return safe_database_url(url), found, newest


def cmd_upgrade(args: argparse.Namespace) -> int:
    from bot.store.engine import upgrade_schema

    where, found, newest = _on_database(args, upgrade_schema)
    if found == newest:
        print(f"database {where}: already at {newest}")
    else:
        print(f"database {where}: {found or EMPTY} → {newest}")
    return EXIT_OK


def cmd_current(args: argparse.Namespace) -> int:
    from bot.store.engine import schema_revision

    where, found, newest = _on_database(args, schema_revision)
    if found == newest:
        print(f"database {where}: {newest} (the newest)")
        return EXIT_OK
    print(f"database {where}: {found or EMPTY} (not the newest, {newest}: run `specimen db upgrade`)")
    return EXIT_PROBLEMS


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = sub.add_parser("db", help="the database's schema: upgrade it to this release's, or show where it is")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = actions.add_parser(
        "upgrade",
        help="upgrade DATABASE_URL's schema to the newest revision, keeping every row (run once per release)",
    )
    upgrade.set_defaults(handler=cmd_upgrade)
    current = actions.add_parser(
        "current", help="print DATABASE_URL's schema revision and whether it is the newest (exit 1: it is not)"
    )
    current.set_defaults(handler=cmd_current)
