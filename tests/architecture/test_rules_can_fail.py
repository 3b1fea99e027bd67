"""The floor-plan checks themselves: each rule catches a violation on a small made-up tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.architecture import test_floor_plan as plan
from tests.architecture.imports import cycles, graph, modules


def tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "bot"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_a_loop_is_found(tmp_path: Path) -> None:
    root = tree(tmp_path, {"__init__.py": "", "a.py": "from bot import b\n", "b.py": "import bot.a\n"})
    assert cycles(graph(modules(root))) == [["bot.a", "bot.b"]]


def test_a_core_module_importing_the_shell_or_sqlalchemy_is_refused(tmp_path: Path) -> None:
    root = tree(tmp_path, {"core/cards/x.py": "import sqlalchemy\nfrom bot.slack.app import create_app\n"})
    (module,) = modules(root)
    with pytest.raises(AssertionError):
        plan.test_the_core_imports_only_the_core_and_pure_libraries(module)


def test_an_upward_import_inside_the_core_is_refused(tmp_path: Path) -> None:
    root = tree(tmp_path, {"core/records/x.py": "from bot.core.cards.specimen import card\n"})
    (module,) = modules(root)
    with pytest.raises(AssertionError, match="floors point down"):
        plan.test_the_floors_of_the_core_point_down(module)


def test_a_clock_read_and_an_environment_read_are_refused(tmp_path: Path) -> None:
    root = tree(tmp_path, {"core/daily/x.py": "import os\nfrom datetime import datetime\nx = datetime.now()\n",
                           "cli/y.py": "import os\nos.environ.get('X')\n"})  # fmt: skip
    env, clock = modules(root)
    with pytest.raises(AssertionError, match="clock"):
        plan.test_the_core_imports_only_the_core_and_pure_libraries(clock)
    with pytest.raises(AssertionError, match="environ"):
        plan.test_only_config_reads_the_environment(env)


def test_slack_outside_bot_slack_and_the_testing_kit_at_runtime_are_refused(tmp_path: Path) -> None:
    root = tree(tmp_path, {"cli/z.py": "from slack_sdk import WebClient\nfrom bot.testing import samples\n"})
    (module,) = modules(root)
    with pytest.raises(AssertionError):
        plan.test_only_bot_slack_talks_to_slack(module)
    with pytest.raises(AssertionError):
        plan.test_nothing_at_runtime_imports_the_testing_kit(module)
