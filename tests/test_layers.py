"""The import rules of DESIGN.md, checked over the AST of every module in bot/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"

CORE = (
    "bot.core.records",
    "bot.core.importer",
    "bot.core.matching",
    "bot.core.cards",
    "bot.core.links",
    "bot.core.daily",
)
CORE_MODULES = (
    "bot.core.answers.guide",
    "bot.core.answers.slash",
    "bot.core.home_content",
    "bot.cli.terminal",
    "bot.core.ids",
    "bot.core.answers.identify",
    "bot.errors",
)
SHELL_AND_ADAPTERS = (
    "bot.slack.app",
    "bot.slack.listeners",
    "bot.cli.server",
    "bot.cli.runtime",
    "bot.slack.deps",
    "bot.slack.followup",
    "bot.slack.scheduler",
    "bot.store",
    "bot.config",
    "bot.cli",
)
FORBIDDEN_IN_CORE = ("slack_bolt", "slack_sdk.web", "slack_sdk.webhook", "slack_sdk.socket_mode", "sqlalchemy",
                     "urllib.request", "http.client", "requests", "socket", "subprocess")  # fmt: skip
CLOCK_CALLS = {("datetime", "now"), ("datetime", "utcnow"), ("date", "today"), ("time", "time"), ("time", "monotonic")}


def module_name(path: Path) -> str:
    parts = path.relative_to(BOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> list[tuple[str, ast.Module]]:
    return [(module_name(p), ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(BOT.rglob("*.py"))]


def imports(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def is_core(name: str) -> bool:
    return name in CORE_MODULES or any(name == c or name.startswith(c + ".") for c in CORE)


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


ALL = modules()


def test_the_walk_sees_the_package() -> None:
    names = {name for name, _ in ALL}
    assert {
        "bot.core.answers.guide",
        "bot.slack.app",
        "bot.slack.listeners.commands",
        "bot.core.records.loader",
        "bot.core.cards.specimen",
    } <= names


@pytest.mark.parametrize(("name", "tree"), [(n, t) for n, t in ALL if is_core(n)], ids=lambda v: str(v)[:40])
def test_core_is_pure(name: str, tree: ast.Module) -> None:
    for imported in imports(tree):
        assert not within(imported, FORBIDDEN_IN_CORE), f"{name} imports {imported}"
        assert not within(imported, SHELL_AND_ADAPTERS), f"core {name} imports the shell: {imported}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            owner_name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
            assert (owner_name, node.func.attr) not in CLOCK_CALLS, f"{name} reads the clock: line {node.lineno}"


def test_only_config_reads_the_environment() -> None:
    for name, tree in ALL:
        if name == "bot.config":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
                owner = node.value
                assert not (isinstance(owner, ast.Name) and owner.id == "os"), f"{name} reads os.{node.attr}"


def test_listeners_never_import_each_other() -> None:
    for name, tree in ALL:
        if not name.startswith("bot.slack.listeners."):
            continue
        for imported in imports(tree):
            assert not imported.startswith("bot.slack.listeners"), f"{name} imports {imported}"


def test_only_the_app_imports_listeners() -> None:
    for name, tree in ALL:
        if name.startswith("bot.slack.listeners") or name == "bot.slack.app":
            continue
        assert not any(i.startswith("bot.slack.listeners") for i in imports(tree)), name


def test_a_violation_would_be_caught() -> None:
    tree = ast.parse("import slack_bolt\nfrom datetime import datetime\nx = datetime.now()\n")
    assert any(within(i, FORBIDDEN_IN_CORE) for i in imports(tree))
    with pytest.raises(AssertionError):
        test_core_is_pure("bot.core.cards.fake", tree)
