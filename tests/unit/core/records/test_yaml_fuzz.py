"""Any YAML document of up to 4 KB given to the record parser is accepted or refused with problems: it never raises,
and it finishes within a 1 GiB address space and a few seconds.

The parsing happens in a worker process under those limits (RLIMIT_AS, a per-document timeout), fed one document
per line, so that a document that expands (anchors and aliases), recurses or loops fails one example instead of
taking the machine down. Documents the parser accepts are also read by PyYAML's own safe loader in the worker:
the data must be the same, so building it from events changed nothing but what is refused.

The example count comes from the hypothesis profile (tests/conftest.py), like tests/unit/core/test_fuzz.py.
"""

from __future__ import annotations

import json
import select
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.core.records.writer import dump_record
from bot.testing.synthetic import synthetic_record_data
from tests.support.paths import PROJECT_ROOT

MAX_BYTES = 4096
MEMORY_LIMIT = 1 << 30
SECONDS_PER_DOCUMENT = 10

WORKER = """
import json, resource, sys, yaml
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]), int(sys.argv[1])))
from bot.core.records.loader import parse_record_text
from bot.core.records.yaml_tree import Loader, YamlError, parse_yaml
for line in sys.stdin:
    text = json.loads(line)
    try:
        parsed = parse_record_text(text, "fuzz.yml")
        answer = {"record": parsed.data is not None, "problems": [str(p) for p in parsed.problems]}
        try:
            data = parse_yaml(text)
        except YamlError:
            pass
        else:  # accepted, so free of anchors and aliases: PyYAML's own loader is safe to run on it
            try:
                answer["same_as_pyyaml"] = repr(data) == repr(yaml.load(text, Loader=Loader))
            except yaml.YAMLError:  # a tag on a list or mapping PyYAML has no constructor for: ignored here
                pass
    except BaseException as error:
        answer = {"raised": repr(error)[:500]}
    print(json.dumps(answer), flush=True)
"""


class GuardedParser:
    """The worker process; started again after a document killed it or ran out of time."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None

    def parse(self, text: str) -> dict[str, Any]:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, "-c", WORKER, str(MEMORY_LIMIT)],
                cwd=PROJECT_ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        process = self.process
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(json.dumps(text) + "\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], SECONDS_PER_DOCUMENT)
        if not ready:
            self.close()
            return {"timeout": SECONDS_PER_DOCUMENT}
        line = process.stdout.readline()
        if not line:
            process.wait()
            return {"died": process.returncode}
        answer: dict[str, Any] = json.loads(line)
        return answer

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.communicate()
            self.process = None


@pytest.fixture(scope="module")
def guarded() -> Iterator[GuardedParser]:
    parser = GuardedParser()
    yield parser
    parser.close()


# Pieces of YAML syntax, record keys and values that have tripped parsers: put together at random they reach the
# anchors, aliases, tags, merge keys, flow and block collections, multiple documents and odd scalars.
_NAME = st.sampled_from(["a", "b", "lol", "x1"])
_PIECE = st.one_of(
    st.sampled_from(
        [
            "title",
            "slug",
            "habitat",
            "burn_ward",
            "salary",
            "amount",
            "day_log",
            "start",
            "aliases",
            "quote",
            ": ",
            ":",
            "- ",
            "? ",
            "[",
            "]",
            "{",
            "}",
            ", ",
            ",",
            "\n",
            "\n  ",
            "\n    ",
            "\n- ",
            "#",
            "---\n",
            "...\n",
            "%YAML 1.1\n",
            "%TAG ! tag:x,2000:\n",
            "<<",
            "|\n  ",
            ">-\n  ",
            "'",
            '"',
            "\\",
            "!!str ",
            "!!int ",
            "!!float ",
            "!!bool ",
            "!!null ",
            "!!timestamp ",
            "!!binary ",
            "!!set ",
            "!!omap ",
            "!!python/object:os.system ",
            "!!python/name:os.system ",
            "!local ",
            "! ",
            "~",
            "null",
            "yes",
            "no",
            "on",
            "0x1F",
            "0o17",
            "1_000",
            "1e999",
            "-.inf",
            ".nan",
            "190:20:30",
            "2020-13-45",
            "2001-12-14t21:59:43",
            "\t",
            "\ufeff",
            "\x85",
            "\u2028",
            "\U0001f41d",
            "&",
            "*",
        ]
    ),
    st.builds(lambda n: f"&{n} ", _NAME),
    st.builds(lambda n: f"*{n}", _NAME),
    st.text(max_size=12),
)
_SYNTAX = st.lists(_PIECE, max_size=300).map("".join)
_RECORD = dump_record(synthetic_record_data(0))


@st.composite
def _spliced_record(draw: st.DrawFn) -> str:
    """A valid record with a few pieces put in at random places (most of its text stays a record)."""
    text = _RECORD
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(_PIECE) + text[at:]
    return text


def _at_most_4_kb(text: str) -> str:
    return text.encode("utf-8")[:MAX_BYTES].decode("utf-8", errors="ignore")


documents = st.one_of(st.text(max_size=MAX_BYTES), _SYNTAX, _spliced_record()).map(_at_most_4_kb)

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefghi", "bcdefghij", strict=True)
)


@given(documents)
@example(LAUGHS)
@example("a: &a [" + ", ".join(["x" * 50] * 40) + "]\n" + "".join(f"k{i}: [*a, *a, *a, *a]\n" for i in range(100)))
@example("habitat: &h [*h]\n")
@example("[" * 2000 + "]" * 2000)
@example("{" * 2000)
@example("- " * 1500 + "x")
@example("day_log:\n- start: 2020-13-45\n")
@example("!!int")
@example("!!set\n0:")
@example(_RECORD[:MAX_BYTES])
def test_any_document_is_accepted_or_refused_in_bounded_time_and_memory(guarded: GuardedParser, text: str) -> None:
    answer = guarded.parse(text)
    assert "raised" not in answer, answer
    assert "timeout" not in answer and "died" not in answer, answer
    assert answer["record"] != bool(answer["problems"]), answer
    assert answer.get("same_as_pyyaml", True), answer
