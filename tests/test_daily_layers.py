"""The daily code keeps the house layers: bot/daily is pure, bot/store is the only database code, and only the
scheduler talks to Slack's Web API (an AST walk, so a violation fails here before it ships)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"
CORE_ALLOWED = ("bot.daily", "bot.cards", "bot.records", "bot.ids", "bot.matching", "slack_sdk.models", "rapidfuzz")
CLOCK_CALLS = {("datetime", "now"), ("datetime", "utcnow"), ("date", "today"), ("time", "time"), ("time", "sleep")}


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def third_party(module: str) -> bool:
    return module.split(".", maxsplit=1)[0] not in sys.stdlib_module_names


@pytest.mark.parametrize("path", sorted((BOT / "daily").glob("*.py")), ids=lambda p: p.name)
def test_daily_core_imports_only_pure_modules(path: Path) -> None:
    outside = [m for m in imports(path) if third_party(m) and not m.startswith(CORE_ALLOWED)]
    assert outside == [], f"{path.name} imports {outside}"


@pytest.mark.parametrize("path", sorted((BOT / "daily").glob("*.py")), ids=lambda p: p.name)
def test_daily_core_reads_no_clock_and_no_environment(path: Path) -> None:
    tree = ast.parse(path.read_text(), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            assert (node.value.id, node.attr) not in CLOCK_CALLS, f"{path.name}:{node.lineno} reads the clock"
            assert (node.value.id, node.attr) != ("os", "environ"), f"{path.name}:{node.lineno} reads os.environ"


def test_only_the_store_uses_sqlalchemy_among_the_daily_modules() -> None:
    for path in [*sorted((BOT / "daily").glob("*.py")), BOT / "scheduler.py"]:
        assert not [m for m in imports(path) if m.startswith(("sqlalchemy", "psycopg"))], path.name


def test_the_store_never_talks_to_slack() -> None:
    for path in sorted((BOT / "store").glob("*.py")):
        assert not [m for m in imports(path) if m.startswith(("slack_sdk", "slack_bolt", "bot.scheduler"))], path.name
