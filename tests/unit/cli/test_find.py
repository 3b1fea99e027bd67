"""`specimen find`: the answer and the ranked scores, for record authors tuning aliases."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from tests.support.paths import MATCHING_RECORDS

RECORDS = str(MATCHING_RECORDS)


def find(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["find", *args, "--records", RECORDS])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_hit_exits_0_and_names_the_alias(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = find(capsys, "ai", "apprentice")
    assert code == 0
    assert "read as:  apprentice artificial intelligence" in out
    assert "answer:   HIT        Junior Machine Learning Engineer (junior-machine-learning-engineer), score 100" in out
    assert 'via "AI Apprentice"' in out


def test_a_miss_exits_1_with_ranked_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = find(capsys, "engineer", "--limit", "2")
    assert code == 1
    assert "answer:   MISS       no specimen matches well enough; 1 did-you-mean suggestion" in out
    ranking = out.split("ranking:\n", 1)[1].splitlines()
    assert ranking == [  # the ranking lists the runner-up too, though it is below the did-you-mean bar
        "   1.  62  DevOps Engineer (devops-engineer)",
        "   2.  45  Quality Assurance Engineer (quality-assurance-engineer)",
    ]


def test_nothing_close_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = find(capsys, "pizza")
    assert code == 1
    assert "MISS       no specimen matches, and none comes close" in out
    assert "ranking:" not in out


def test_optional_parts_are_shown_as_another_reading(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = find(capsys, "Scrum Master - Acme")
    assert code == 0
    assert "read as:  acme master scrum\n     or:  master scrum  (counts 97%)" in out
    assert "score 97" in out


def test_markup_only_has_no_reading(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = find(capsys, "<!channel>")
    assert code == 1
    assert "(no words left" in out


def test_a_bad_limit_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["find", "scrum", "--limit", "0"])
    assert caught.value.code == 2
    assert "--limit: must be at least 1, got 0" in capsys.readouterr().err


def test_a_missing_records_directory_is_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["find", "scrum master", "--records", str(tmp_path / "nope")])
    assert code == 1
    assert "nope" in capsys.readouterr().err


def test_help_documents_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["find", "--help"])
    out = capsys.readouterr().out
    assert "Exit status: 0 on a HIT, 1 on AMBIGUOUS or MISS" in out
