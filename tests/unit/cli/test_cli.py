"""The command line's own errors: settings and usage, before anything runs."""

from __future__ import annotations

import pytest

from bot.cli import main


def test_a_malformed_port_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "secret")
    monkeypatch.setenv("PORT", "abc")
    assert main(["serve"]) == 1
    assert "PORT='abc' is not a whole number from 1 to 65535" in capsys.readouterr().err


def test_an_unknown_log_level_is_an_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LOG_LEVEL", "loud")
    assert main(["schema"]) == 1
    assert "LOG_LEVEL='LOUD' is not one of DEBUG, INFO, WARNING, ERROR" in capsys.readouterr().err


def test_card_without_a_title_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["card"]) == 2
    assert 'name a job title, e.g. specimen card "jr ml eng"' in capsys.readouterr().err
