from __future__ import annotations

import pytest

from bot.core.blocks.text import (
    ELLIPSIS,
    clamp,
    esc,
    esc_line,
    escape,
    inert_mrkdwn,
    one_line,
    unescape,
    units,
    with_article,
)
from bot.core.cards.figures import format_money, meter_segments, risk_meter


def test_escape_encodes_only_the_three_control_characters() -> None:
    assert escape("<!channel> & <@U123> 'q' \"d\"") == "&lt;!channel&gt; &amp; &lt;@U123&gt; 'q' \"d\""
    assert unescape(escape("a &lt; b <c> & d")) == "a &lt; b <c> & d"


def test_units_count_astral_characters_twice() -> None:
    assert units("abc") == 3
    assert units("é") == 1
    assert units("😀") == 2


def test_clamp_keeps_short_text_and_cuts_long_text_with_an_ellipsis() -> None:
    assert clamp("short", 10) == "short"
    cut = clamp("word " * 100, 50)
    assert cut.endswith(ELLIPSIS)
    assert units(cut) <= 50
    assert not cut[:-1].endswith(" ")


@pytest.mark.parametrize("limit", range(1, 30))
def test_clamp_never_splits_an_entity_or_a_surrogate_pair(limit: int) -> None:
    text = escape("a&b<c>😀d&e" * 5)
    cut = clamp(text, limit)
    assert units(cut) <= limit
    body = cut.removesuffix(ELLIPSIS)
    assert unescape(body) in unescape(text)
    assert "&" not in body.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")


def test_esc_escapes_before_clamping() -> None:
    assert esc("<" * 10, 12) == "&lt;&lt;" + ELLIPSIS


@pytest.mark.parametrize(
    ("percent", "segments"),
    [(0, 0), (1, 1), (9, 1), (10, 1), (19, 1), (20, 2), (85, 8), (99, 9), (100, 10), (-5, 0), (150, 10)],
)
def test_meter_rounds_down_but_shows_any_risk(percent: int, segments: int) -> None:
    assert meter_segments(percent) == segments


def test_meter_text() -> None:
    assert risk_meter(85) == "▰▰▰▰▰▰▰▰▱▱"
    assert risk_meter(0) == "▱" * 10


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (146027, "USD", "$146,027"),
        (55000, "GBP", "£55,000"),
        (1000000, "EUR", "€1,000,000"),
        (90000, "CAD", "90,000 CAD"),
    ],
)
def test_money_by_currency(amount: int, currency: str, text: str) -> None:
    assert format_money(amount, currency) == text


@pytest.mark.parametrize(
    "text",
    ["a" * 5000, "a" + " " * 4000 + "b" * 50, "<&>" * 2000, "😀 " * 3000, "x\n\n" * 2000, "short"],
)
@pytest.mark.parametrize("limit", [1, 10, 100, 2900])
def test_esc_line_equals_escaping_the_whole_line(text: str, limit: int) -> None:
    assert esc_line(text, limit) == esc(one_line(text), limit)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("*everyone* gets a bonus", "∗everyone∗ gets a bonus"),
        ("_italic_ and ~strike~ and `code`", "ˍitalicˍ and ∼strike∼ and ˋcodeˋ"),
        ("snake_case and C*-suite stay", "snake_case and C∗-suite stay"),
        ("plain words", "plain words"),
    ],
)
def test_mrkdwn_markers_at_word_edges_are_made_inert(text: str, shown: str) -> None:
    assert inert_mrkdwn(text) == shown


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Scrum Master", "a Scrum Master"), ("Account Executive", "an Account Executive"), ("SDET", "an SDET"),
     ("UX Designer", "a UX Designer"), ("SRE", "an SRE"), ("CTO", "a CTO"), ("Associate PM", "an Associate PM"),
     ("University Recruiter", "a University Recruiter"), ("Engineering Manager", "an Engineering Manager")],
)  # fmt: skip
def test_titles_get_the_article_they_are_spoken_with(title: str, expected: str) -> None:
    assert with_article(title) == expected
