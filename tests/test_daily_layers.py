"""What the daily code adds to the house import rules of test_layers.py (purity of the core, the clock and the
environment are checked there): the daily core imports only an allow-list of third-party code and never sleeps,
the scheduler leaves the database to bot/store, and bot/store never talks to Slack."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"
CORE_ALLOWED = (
    "bot.core.daily",
    "bot.core.cards",
    "bot.core.records",
    "bot.core.ids",
    "bot.core.matching",
    "slack_sdk.models",
    "rapidfuzz",
)
DAILY_CORE = sorted((BOT / "daily").glob("*.py"))
SCHEDULER = sorted((BOT / "scheduler").glob("*.py"))
STORE = sorted((BOT / "store").glob("*.py"))


def imports(source: str) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def outside_the_core(source: str) -> list[str]:
    """Third-party (and bot.*) imports the daily core may not use."""
    third_party = [m for m in imports(source) if m.split(".", maxsplit=1)[0] not in sys.stdlib_module_names]
    return [m for m in third_party if not m.startswith(CORE_ALLOWED)]


def sleeps(source: str) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute) and node.attr == "sleep" and isinstance(node.value, ast.Name)
    ]


def test_the_walk_sees_the_packages() -> None:
    assert {p.name for p in DAILY_CORE} >= {"service.py", "channels.py"}
    assert {p.name for p in SCHEDULER} >= {"__init__.py", "poster.py", "clock.py"}
    assert {p.name for p in STORE} >= {"store.py", "ledger.py"}


@pytest.mark.parametrize("path", DAILY_CORE, ids=lambda p: p.name)
def test_daily_core_imports_only_allowed_modules_and_never_sleeps(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert outside_the_core(source) == [], path.name
    assert sleeps(source) == [], f"{path.name} sleeps"


def test_a_disallowed_import_or_a_sleep_would_be_caught() -> None:
    assert outside_the_core("import psycopg\nfrom bot.store import Store\nimport zoneinfo\n") == [
        "psycopg",
        "bot.store",
    ]
    assert sleeps("import time\ntime.sleep(1)\n") == [2]


@pytest.mark.parametrize("path", SCHEDULER, ids=lambda p: p.name)
def test_the_scheduler_leaves_the_database_to_the_store(path: Path) -> None:
    used = [m for m in imports(path.read_text(encoding="utf-8")) if m.startswith(("sqlalchemy", "psycopg"))]
    assert used == [], path.name


@pytest.mark.parametrize("path", STORE, ids=lambda p: p.name)
def test_the_store_never_talks_to_slack(path: Path) -> None:
    used = [
        m
        for m in imports(path.read_text(encoding="utf-8"))
        if m.startswith(("slack_sdk", "slack_bolt", "bot.slack.scheduler"))
    ]
    assert used == [], path.name
