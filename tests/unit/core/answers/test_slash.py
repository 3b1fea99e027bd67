"""Routing the text after /specimen."""

from __future__ import annotations

import pytest

from bot.core.answers.slash import MAX_QUERY_CHARS, Daily, Help, ListAll, Lookup, Snippet, parse_slash


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Help()),
        ("   ", Help()),
        ("help", Help()),
        ("HELP", Help()),
        ("list", ListAll()),
        ("quote", Snippet("quote", "")),
        ("quote  jr   ml eng", Snippet("quote", "jr ml eng")),
        ("Day ai apprentice", Snippet("day", "ai apprentice")),
        ("daily on 09:30 Europe/Berlin", Daily("on 09:30 Europe/Berlin")),
        ("jr ml eng", Lookup("jr ml eng")),
        ("help me find a junior", Help()),
        ("help me", Help()),
        ("help daily", Help("daily")),
        ("help with the Home tab", Help("home")),
        ("quote of the day", Snippet("quote", "")),
        ("day in the life", Snippet("day", "")),
        ("day in the life of a scrum master", Snippet("day", "scrum master")),
        ("day trader", Snippet("day", "trader")),  # the guide looks "day trader" up whole when "trader" is no role
        ("list all", ListAll()),
        ("daily standup facilitator", Lookup("daily standup facilitator")),
        ("daily", Daily("")),
        ("list maker", Lookup("list maker")),
        ("\x1b]0;pwned\x07boss", Lookup("]0;pwned boss")),
        ("tab\tand\nnewline", Lookup("tab and newline")),
    ],
)
def test_routing(text: str, expected: object) -> None:
    assert parse_slash(text) == expected


def test_long_text_is_capped() -> None:
    parsed = parse_slash("x" * 10_000)
    assert isinstance(parsed, Lookup)
    assert len(parsed.title) == MAX_QUERY_CHARS
