from __future__ import annotations

import json
import re
from urllib.parse import unquote

from bot.cli.terminal import BUILDER, block_kit_builder_url, render_payload
from bot.core.cards.full_file import full_file_payload
from bot.core.cards.replies import miss_card
from bot.core.cards.specimen import card_preview, shared_card
from tests.support.cards import seed_specimen

SEED = seed_specimen()
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_card_renders_header_sections_and_buttons() -> None:
    out = render_payload(card_preview(SEED, 0, 1, set()), width=80)
    lines = out.splitlines()
    assert lines[0] == "Junior Machine Learning Engineer"
    assert lines[1] == "═" * len(lines[0])
    assert "[ Share ] [ Shuffle ] [ Cancel ] [ Full file ]" in out
    assert "▰▰▰▰▰▰▰▰▱▱ 85% HIGH RISK" in out
    assert "$146,027 market average" in out
    assert "─" * 80 in out
    assert "\x1b" not in out


def test_mrkdwn_markers_are_stripped_and_entities_unescaped() -> None:
    out = render_payload(card_preview(SEED, 0, 0, set()))
    assert "*Salary delusion*" not in out and "Salary delusion" in out
    assert "oil & gas" in out and "&amp;" not in out
    assert "`" not in out
    assert "│ A premium price tag" in out  # blockquote bar


def test_lines_fit_the_width() -> None:
    for width in (40, 60, 100):
        out = render_payload(card_preview(SEED, 0, 0, set()), width=width)
        assert max(len(line) for line in out.splitlines()) <= width


def test_color_styles_header_context_and_bold() -> None:
    out = render_payload(shared_card(SEED, 0, 0, "Ann"), color=True)
    assert "\x1b[1;4mJunior Machine Learning Engineer\x1b[0m" in out
    assert "\x1b[2m  Shared by Ann" in out
    assert "\x1b[1mThe burn ward\x1b[22m" in out
    plain = ANSI.sub("", out)
    assert "Junior Machine Learning Engineer" in plain


def test_bold_spanning_a_wrap_is_closed_and_reopened() -> None:
    payload = {
        "text": "t",
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "*" + "word " * 30 + "end*"}}],
    }
    lines = render_payload(payload, width=40, color=True).splitlines()
    assert lines[0].startswith("\x1b[1m") and lines[0].endswith("\x1b[0m")
    assert lines[1].startswith("\x1b[1m")


def test_modal_renders_title_and_close() -> None:
    out = render_payload(full_file_payload(SEED))
    assert out.startswith("▌ Specimen file\n")
    assert "[ Close ]" in out
    for quote in SEED.burn_ward:
        assert quote.quote[:30] in out.replace("\n│ ", " ")


def test_query_shows_as_typed_in_the_terminal() -> None:
    out = render_payload(miss_card("<!channel>", []))
    assert "No specimen matches “<!channel>”." in out


def test_fallback_text_renders_when_there_are_no_blocks() -> None:
    assert render_payload({"text": "just *text*"}) == "just text\n"


def test_unknown_blocks_and_elements_do_not_fail() -> None:
    payload = {
        "text": "t",
        "blocks": [
            {"type": "rich_text", "elements": []},
            {
                "type": "actions",
                "elements": [{"type": "static_select", "placeholder": {"type": "plain_text", "text": "Pick"}}],
            },
            {"type": "image", "image_url": "https://x.test/a.png", "alt_text": "a chart"},
        ],
    }
    out = render_payload(payload)
    assert "[rich_text block]" in out and "[ Pick ▾ ]" in out and "[image: a chart]" in out


def test_builder_url_for_a_message_and_a_modal() -> None:
    card = card_preview(SEED, 0, 0, set())
    url = block_kit_builder_url(card, "message")
    assert url.startswith(BUILDER)
    assert json.loads(unquote(url.removeprefix(BUILDER))) == {"blocks": card["blocks"]}
    assert " " not in url and '"' not in url
    view = full_file_payload(SEED)
    assert json.loads(unquote(block_kit_builder_url(view, "modal").removeprefix(BUILDER))) == view
