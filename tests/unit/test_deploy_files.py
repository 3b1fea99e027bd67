"""The Dockerfile, compose.yaml and the Procfile describe one deployment: the same commands, the same health path,
a non-root user, the catalog inside the wheel. No container engine runs in the tests: these read the files."""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import yaml

from bot.slack.http import HEALTH_PATH
from tests.support.paths import PROJECT_ROOT


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def all(self, instruction: str) -> list[str]:
        return [args for name, args in self.instructions if name == instruction]

    def last(self, instruction: str) -> str:
        found = self.all(instruction)
        assert found, f"the stage FROM {self.base} has no {instruction}"
        return found[-1]


def dockerfile_stages() -> list[Stage]:
    text = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    stages: list[Stage] = []
    for line in joined.splitlines():
        if not line.strip():
            continue
        instruction, _, args = line.strip().partition(" ")
        instruction, args = instruction.upper(), " ".join(args.split())
        if instruction == "FROM":
            base, _, alias = args.partition(" AS ")
            stages.append(Stage(base, alias or None))
        elif stages:
            stages[-1].instructions.append((instruction, args))
    return stages


def exec_form(args: str) -> list[str]:
    value = json.loads(args)
    assert isinstance(value, list) and all(isinstance(part, str) for part in value), args
    return value


def procfile() -> dict[str, list[str]]:
    entries = (PROJECT_ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
    return {name: shlex.split(command) for name, _, command in (line.partition(":") for line in entries if line)}


def compose() -> dict[str, Any]:
    data = yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def command_of(args: list[str]) -> list[str]:
    """`specimen serve --port $PORT` → `specimen serve`: the program and its sub-command."""
    return args[:2]


STAGES = dockerfile_stages()
RUNTIME = STAGES[-1]
SERVICES = compose()["services"]


def test_the_image_runs_the_procfiles_web_command_and_compose_both() -> None:
    processes = procfile()
    assert {name: command_of(args) for name, args in processes.items()} == {
        "release": ["specimen", "db"],
        "web": ["specimen", "serve"],
        "clock": ["specimen", "clock"],
    }
    assert exec_form(RUNTIME.last("CMD")) == processes["web"][:2]
    for name in ("web", "clock"):
        assert command_of(SERVICES[name]["command"]) == command_of(processes[name]), name


def test_the_schema_is_upgraded_once_before_the_app_starts() -> None:
    """PostgreSQL's default is SPECIMEN_AUTO_MIGRATE=off: the release phase, and compose's migrate service, run
    `specimen db upgrade`; compose starts web and clock only once it has succeeded."""
    assert procfile()["release"] == ["specimen", "db", "upgrade"]
    migrate = SERVICES["migrate"]
    assert migrate["command"] == ["specimen", "db", "upgrade"]
    assert (migrate["build"], migrate["image"]) == (SERVICES["web"]["build"], SERVICES["web"]["image"])
    assert migrate["environment"]["DATABASE_URL"] == SERVICES["web"]["environment"]["DATABASE_URL"]
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    assert migrate["restart"] == "no"
    for name in ("web", "clock"):
        assert SERVICES[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name
        assert "SPECIMEN_AUTO_MIGRATE" not in SERVICES[name]["environment"], name


def test_the_port_comes_from_the_environment_as_on_a_procfile_platform() -> None:
    """`specimen serve` listens on $PORT; the image sets it, and neither CMD nor compose pins another."""
    assert re.search(r"\bPORT=3000\b", " ".join(RUNTIME.all("ENV")))
    assert "--port" not in exec_form(RUNTIME.last("CMD"))
    assert "--port" not in SERVICES["web"]["command"]
    assert SERVICES["web"]["environment"]["PORT"] == "3000"
    assert any(str(port).endswith(":3000") for port in SERVICES["web"]["ports"])
    assert "$PORT" in procfile()["web"]


def test_the_healthcheck_asks_healthz_with_the_standard_library() -> None:
    healthcheck = RUNTIME.last("HEALTHCHECK")
    assert HEALTH_PATH == "/healthz"
    assert f"{HEALTH_PATH}'" in healthcheck
    assert "urllib.request" in healthcheck and "os.environ.get('PORT'" in healthcheck
    assert not re.search(r"\b(curl|wget)\b", healthcheck), "a slim image has neither"
    # `specimen clock` answers /healthz on $PORT when it is set, and the image sets it: one check fits both.
    assert "healthcheck" not in SERVICES["clock"] and "PORT" not in SERVICES["clock"]["environment"]


def test_the_runtime_user_is_not_root() -> None:
    user = RUNTIME.last("USER").split(":")[0]
    assert user not in ("root", "0")
    assert f"--uid {user}" in " ".join(RUNTIME.all("RUN"))
    assert RUNTIME.instructions.index(("USER", RUNTIME.last("USER"))) > max(
        i for i, (name, _) in enumerate(RUNTIME.instructions) if name in ("RUN", "COPY")
    ), "nothing after USER may need root"


def test_multi_stage_the_wheel_with_the_lock_in_the_builder_only_the_virtualenv_in_the_runtime() -> None:
    assert len(STAGES) >= 2
    builder = STAGES[0]
    assert builder.name == "builder" and RUNTIME.base.endswith("-slim-bookworm")
    runs = " && ".join(builder.all("RUN"))
    assert "--require-hashes -r requirements.lock" in runs
    assert "pip wheel --no-deps --no-build-isolation" in runs
    assert "--no-deps --no-index /wheels/specimen-*.whl" in runs
    assert RUNTIME.all("COPY") == ["--from=builder /opt/specimen /opt/specimen"], "the catalog comes in the wheel"


def test_the_builder_copies_everything_the_wheel_build_reads() -> None:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    copied = {part.removeprefix("./") for args in STAGES[0].all("COPY") for part in args.split()[:-1]}
    needed = {"pyproject.toml", project["readme"], *project["license-files"], "bot", "records"}
    assert needed <= copied
    ignored = (PROJECT_ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert not needed & set(ignored)
    assert {".git", ".venv"} <= set(ignored)


def test_compose_web_and_clock_run_one_image_on_the_db_service() -> None:
    web, clock, db = SERVICES["web"], SERVICES["clock"], SERVICES["db"]
    assert (web["build"], web["image"]) == (clock["build"], clock["image"])
    assert web["build"] == "."
    assert db["image"] == "postgres:16"
    for service in (web, clock):
        url = urlsplit(service["environment"]["DATABASE_URL"].replace("${POSTGRES_PASSWORD:-specimen}", "pw"))
        assert (url.scheme, url.hostname, url.path) == ("postgresql", "db", f"/{db['environment']['POSTGRES_DB']}")
        assert service["depends_on"]["db"]["condition"] == "service_healthy"


def test_slack_secrets_come_from_the_environment_never_from_the_file() -> None:
    text = (PROJECT_ROOT / "compose.yaml").read_text(encoding="utf-8")
    assert not re.search(r"xox[abp]-[0-9A-Za-z]|xapp-[0-9A-Za-z]", text)
    value = SERVICES["web"]["environment"]["SLACK_SIGNING_SECRET"]
    assert value.startswith("${SLACK_SIGNING_SECRET:?"), "web: SLACK_SIGNING_SECRET must be required"
    # One workspace (SLACK_BOT_TOKEN) or many (SLACK_CLIENT_ID/SECRET): each comes from the environment, and the app
    # names what is missing at start.
    for name in ("web", "clock"):
        for variable in ("SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"):
            value = SERVICES[name]["environment"][variable]
            assert value == f"${{{variable}:-}}", f"{name}: {variable} must come from the environment"
    assert "SLACK_SIGNING_SECRET" not in SERVICES["clock"]["environment"], "the clock only posts"
