"""The floor plan of the README, kept on the real import graph of bot/.

bot/core is pure and imports only bot/core; inside it the floors point one way (titles → records → blocks →
matching/links/importer/daily → home_content → cards → answers → site); no import loops anywhere in bot/; only bot/slack
talks to Slack, only bot/store to the database, only bot/config reads the environment; nothing imports bot/testing.
"""

from __future__ import annotations

import ast
import sys

import pytest

from tests.architecture.imports import Module, cycles, graph, modules, within

ALL = modules()
CORE = [m for m in ALL if within(m.name, "bot.core")]
# The core's floors, bottom first. A module may import its own floor's package or any floor below it.
FLOORS: tuple[tuple[str, ...], ...] = (
    ("bot.core.ids", "bot.core.titles"),
    ("bot.core.records",),
    ("bot.core.blocks",),
    ("bot.core.matching", "bot.core.links", "bot.core.importer", "bot.core.daily"),
    ("bot.core.home_content",),
    ("bot.core.cards",),
    ("bot.core.answers",),
    ("bot.core.site",),
)
CORE_THIRD_PARTY = ("yaml", "rapidfuzz", "slack_sdk.models")
SLACK_CLIENTS = ("slack_bolt", "slack_sdk.web", "slack_sdk.webhook", "slack_sdk.socket_mode", "slack_sdk.oauth",
                 "slack_sdk.signature", "slack_sdk.errors", "slack_sdk.http_retry")  # fmt: skip
OAUTH_TABLE_BUILDERS = ("slack_sdk.oauth.installation_store.sqlalchemy", "slack_sdk.oauth.state_store.sqlalchemy")
CLOCK_CALLS = {("datetime", "now"), ("datetime", "utcnow"), ("date", "today"), ("time", "time"), ("time", "monotonic")}


def floor_of(name: str) -> tuple[int, str]:
    for number, packages in enumerate(FLOORS):
        for package in packages:
            if within(name, package):
                return number, package
    raise AssertionError(f"{name} stands on no floor of the core: add it to FLOORS")


def third_party(module: Module) -> set[str]:
    return {i for i in module.imports if i.split(".")[0] not in sys.stdlib_module_names and not within(i, "bot")}


def test_the_walk_sees_the_house() -> None:
    names = {m.name for m in ALL}
    assert {"bot.core.answers.guide", "bot.slack.app", "bot.slack.listeners.commands", "bot.cli.runtime"} <= names
    assert {"bot.core.records.loader", "bot.store.store", "bot.testing.synthetic", "bot.config"} <= names
    assert len(CORE) > 50


def test_the_bot_root_holds_only_the_entry_points() -> None:
    loose = sorted(m.path.name for m in ALL if m.path.parent.name == "bot")
    assert loose == ["__init__.py", "__main__.py", "errors.py"]  # and the config package (bot/config/)


@pytest.mark.parametrize("module", CORE, ids=lambda m: m.name)
def test_the_core_imports_only_the_core_and_pure_libraries(module: Module) -> None:
    for imported in module.imports:
        if within(imported, "bot"):
            assert within(imported, "bot.core"), f"{module.name} imports {imported}, outside bot/core"
    outside = {i for i in third_party(module) if not within(i, *CORE_THIRD_PARTY)}
    assert not outside, f"{module.name} imports {sorted(outside)}: the core uses only yaml, rapidfuzz, slack_sdk.models"
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            owner_name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
            assert (owner_name, node.func.attr) not in CLOCK_CALLS, f"{module.name} reads the clock: {node.lineno}"
            assert node.func.attr != "sleep", f"{module.name} sleeps: line {node.lineno}"


@pytest.mark.parametrize("module", [m for m in CORE if m.name != "bot.core"], ids=lambda m: m.name)
def test_the_floors_of_the_core_point_down(module: Module) -> None:
    mine, my_package = floor_of(module.name)
    for imported in module.imports:
        if not within(imported, "bot.core") or imported == "bot.core":
            continue
        theirs, their_package = floor_of(imported)
        assert theirs < mine or their_package == my_package, (
            f"{module.name} (floor {mine}) imports {imported} (floor {theirs}, {their_package}): floors point down"
        )


def test_no_import_loops_anywhere_in_bot() -> None:
    assert cycles(graph(ALL)) == []


def test_no_loops_between_the_packages_of_the_core() -> None:
    packages = {m.name: ".".join(m.name.split(".")[:3]) for m in CORE}
    edges: dict[str, set[str]] = {}
    for module, targets in graph(tuple(CORE)).items():
        edges.setdefault(packages[module], set()).update(
            packages[t] for t in targets if packages[t] != packages[module]
        )
    assert cycles(edges) == []


@pytest.mark.parametrize("module", [m for m in ALL if not within(m.name, "bot.slack")], ids=lambda m: m.name)
def test_only_bot_slack_talks_to_slack(module: Module) -> None:
    used = sorted(i for i in module.imports if within(i, *SLACK_CLIENTS) or i == "slack_sdk.WebClient")
    if within(module.name, "bot.store"):  # the OAuth stores' table definitions are database code, not a client
        used = [i for i in used if not within(i, *OAUTH_TABLE_BUILDERS)]
    assert used == [], f"{module.name} imports {used}"


@pytest.mark.parametrize("module", ALL, ids=lambda m: m.name)
def test_only_bot_store_uses_the_database(module: Module) -> None:
    if within(module.name, "bot.store"):
        return
    used = sorted(i for i in module.imports if within(i, "sqlalchemy", "psycopg", "sqlite3"))
    assert used == [], f"{module.name} imports {used}"


@pytest.mark.parametrize("module", ALL, ids=lambda m: m.name)
def test_only_config_reads_the_environment(module: Module) -> None:
    if module.name == "bot.config":
        return
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "putenv"):
            owner = node.value
            assert not (isinstance(owner, ast.Name) and owner.id == "os"), f"{module.name} reads os.{node.attr}"
        if isinstance(node, ast.ImportFrom) and node.module == "os":
            assert not {a.name for a in node.names} & {"environ", "getenv"}, f"{module.name} imports os.environ"


@pytest.mark.parametrize("module", [m for m in ALL if not within(m.name, "bot.testing")], ids=lambda m: m.name)
def test_nothing_at_runtime_imports_the_testing_kit(module: Module) -> None:
    assert not any(within(i, "bot.testing") for i in module.imports), module.name


def test_listeners_never_import_each_other_and_only_the_app_imports_them() -> None:
    for module in ALL:
        listeners = {i for i in module.imports if within(i, "bot.slack.listeners")}
        if within(module.name, "bot.slack.listeners"):
            assert not listeners - {"bot.slack.listeners"}, f"{module.name} imports {listeners}"
        elif module.name != "bot.slack.app":
            assert not listeners, f"{module.name} imports {listeners}"


def test_listeners_take_their_dependencies_as_parameters() -> None:
    for module in ALL:
        if within(module.name, "bot.slack.listeners"):
            source = ast.unparse(module.tree)
            assert 'context["deps"]' not in source and "context['deps']" not in source, module.name
