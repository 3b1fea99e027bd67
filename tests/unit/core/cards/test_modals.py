"""The shortcut modals as pure builders: shapes, limits, escaping, the chooser and its private_metadata."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk.models.blocks import SectionBlock

from bot.core.blocks.text import units
from bot.core.cards import modals
from bot.core.cards.chooser import METADATA_MAX, NO_CHOOSER, Chooser, LinkChoice, chooser_block
from bot.core.cards.modals import (
    QUERY_MAX,
    Flow,
    ask_title_view,
    card_view,
    link_view,
    no_job_link_message,
    notice_view,
    result_view,
    search_view,
    shared_slug,
    submitted_title,
    title_problem,
)
from bot.core.ids import (
    ACTION_PICK,
    ACTION_TITLE_INPUT,
    ACTION_VIEW_AGAIN,
    ACTION_VIEW_CHOOSE,
    ACTION_VIEW_PICK,
    BLOCK_SHARE,
    BLOCK_TITLE,
    VIEW_ASK_TITLE,
    VIEW_SEARCH,
)
from bot.core.links import LinkScan
from bot.core.matching.result import Ambiguous, Candidate, Hit, Miss
from bot.testing.block_kit import block_kit_problems
from tests.support.cards import all_text, seed_specimen, synthetic_specimens, worst_case_specimens

SEED = seed_specimen()
OTHERS = synthetic_specimens(3)
HOSTILE = "<!channel> <@U123> <https://evil.example|click> & co"
TWO_LINKS = Chooser((LinkChoice("jr ml eng", "linkedin.com/jobs/view/1"), LinkChoice(None, "jobs.lever.co/acme/x")))


def checked(view: Any) -> dict[str, Any]:
    payload = view.to_dict()
    assert block_kit_problems(payload, "modal") == []
    assert len(payload["blocks"]) <= 100
    assert len(payload["title"]["text"]) <= 24
    return payload


def elements(payload: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for block in payload["blocks"]:
        found += [e for e in (block.get("accessory"), block.get("element"), *block.get("elements", [])) if e]
    return [e for e in found if isinstance(e, dict) and "action_id" in e]


def by_action(payload: dict[str, Any], action_id: str) -> list[dict[str, Any]]:
    return [e for e in elements(payload) if e["action_id"] == action_id]


# -- flows and the card ------------------------------------------------------------------------------------------


def test_flows_are_the_callback_ids_and_have_short_titles() -> None:
    assert {flow.value for flow in Flow} == {VIEW_ASK_TITLE, VIEW_SEARCH}
    assert Flow.of(VIEW_SEARCH) is Flow.SEARCH and Flow.of("nope") is None and Flow.of(None) is None
    assert all(len(flow.heading) <= 24 for flow in Flow)


@pytest.mark.parametrize("flow", list(Flow))
def test_card_view_is_the_full_file_in_the_flows_modal(flow: Flow) -> None:
    view = checked(card_view(SEED, flow))
    assert view["callback_id"] == flow.value
    assert view["title"]["text"] == flow.heading
    assert [e["action_id"] for e in view["blocks"][0]["elements"]] == [ACTION_VIEW_AGAIN]  # look up another
    assert view["blocks"][1] == {"type": "header", "text": {"type": "plain_text", "text": SEED.title, "emoji": True}}
    assert "private_metadata" not in view
    assert any("Hyperparameter Tweaking" in t for t in all_text(view))
    share = view["blocks"][-1]  # and share it, in the conversation the shortcut came from unless another is picked
    assert view["submit"]["text"] == "Share" and share["block_id"] == f"{BLOCK_SHARE}:{SEED.slug}"
    picker = share["element"]
    assert picker["type"] == "conversations_select" and picker["response_url_enabled"] is True
    assert picker["default_to_current_conversation"] is True
    assert shared_slug({"state": {"values": {share["block_id"]: {}}}}) == SEED.slug
    assert shared_slug({"state": {"values": {BLOCK_TITLE: {}}}}) is None


def test_card_view_quotes_what_was_asked_escaped_unless_it_is_the_title() -> None:
    view = checked(card_view(SEED, Flow.IDENTIFY, asked=HOSTILE))
    note = view["blocks"][0]["elements"][0]["text"]
    assert (
        note == "Matched “&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|click&gt; &amp; co” to this specimen."
    )
    plain = checked(card_view(SEED, Flow.IDENTIFY, asked="  junior machine   learning engineer"))
    assert [b["type"] for b in plain["blocks"][:2]] == ["actions", "header"]


def test_card_view_with_a_chooser_keeps_it_on_top_and_in_private_metadata() -> None:
    view = checked(card_view(SEED, Flow.IDENTIFY, chooser=TWO_LINKS))
    assert view["blocks"][0]["accessory"]["action_id"] == ACTION_VIEW_CHOOSE
    assert Chooser.from_metadata(view["private_metadata"]) == TWO_LINKS


@pytest.mark.parametrize("name", ["words", "markup", "astral", "lines"])
def test_worst_case_records_with_a_full_chooser_fit_a_modal(name: str) -> None:
    choices = tuple(LinkChoice("Ŵ" * 120, f"jobs.example.com/{'x' * 70}") for _ in range(20))
    view = checked(card_view(worst_case_specimens()[name], Flow.IDENTIFY, chooser=Chooser(choices, 19), asked="x"))
    assert len(view["private_metadata"]) <= METADATA_MAX


def test_a_card_too_long_for_one_view_is_cut_at_100_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    long_file = [SectionBlock(text=f"entry {i}") for i in range(100)]
    monkeypatch.setattr(modals, "full_file_blocks", lambda specimen: long_file)
    view = checked(card_view(SEED, Flow.IDENTIFY, chooser=TWO_LINKS, asked="jr ml eng"))
    assert len(view["blocks"]) == 100
    assert view["blocks"][0]["accessory"]["action_id"] == ACTION_VIEW_CHOOSE
    assert view["blocks"][-2]["text"]["text"] == modals.TOO_LONG_NOTE
    assert view["blocks"][-1]["type"] == "input"  # Share stays


# -- prompts, misses, search ---------------------------------------------------------------------------------------


def test_ask_title_view_has_an_empty_title_input_and_names_the_link_escaped() -> None:
    view = checked(ask_title_view(Flow.IDENTIFY, chooser=TWO_LINKS, address="x.example/<@U1>"))
    [field] = by_action(view, ACTION_TITLE_INPUT)
    assert "initial_value" not in field and field["max_length"] == QUERY_MAX
    assert view["submit"]["text"] == "Identify"
    assert any("x.example/&lt;@U1&gt;" in t for t in all_text(view))
    assert [b.get("block_id") for b in view["blocks"] if b["type"] == "input"] == [BLOCK_TITLE]


def test_search_view_is_an_input_with_a_submit() -> None:
    view = checked(search_view())
    assert view["callback_id"] == VIEW_SEARCH and view["submit"]["text"] == "Look up"
    assert [b["type"] for b in view["blocks"]] == ["input"]
    assert "initial_value" not in by_action(view, ACTION_TITLE_INPUT)[0]


def test_result_view_of_a_hit_is_the_card() -> None:
    view = checked(result_view(Flow.SEARCH, "jr ml eng", Hit(SEED, 100, "jr ml eng")))
    assert view["blocks"][2]["text"]["text"] == SEED.title


@pytest.mark.parametrize("flow", list(Flow))
def test_result_view_of_a_miss_or_ambiguity_updates_the_modal_on_pick(flow: Flow) -> None:
    candidates = tuple(Candidate(s, 80 - i, s.title) for i, s in enumerate([SEED, *OTHERS]))
    for result in (Miss(candidates), Ambiguous(candidates)):
        view = checked(result_view(flow, HOSTILE, result, chooser=TWO_LINKS))
        assert by_action(view, ACTION_PICK) == []
        assert [e["value"] for e in by_action(view, ACTION_VIEW_PICK)] == [s.slug for s in [SEED, *OTHERS]]
        assert by_action(view, ACTION_TITLE_INPUT)[0]["initial_value"] == HOSTILE  # raw: an input is never parsed
        assert view["submit"]["text"] == "Look up"
        for text in all_text(view):
            assert "<!" not in text and "<@" not in text and "<http" not in text


def test_a_long_query_is_clamped_in_the_input() -> None:
    view = checked(result_view(Flow.SEARCH, "y" * 500, Miss(())))
    assert units(by_action(view, ACTION_TITLE_INPUT)[0]["initial_value"]) <= QUERY_MAX


def test_notice_view_escapes() -> None:
    view = checked(notice_view(Flow.SEARCH, f"gone: {HOSTILE}"))
    assert all("<!" not in t for t in all_text(view))


def test_link_view_asks_for_a_link_without_guess_and_looks_up_one_with() -> None:
    lookups: list[str] = []

    def lookup(title: str) -> Hit:
        lookups.append(title)
        return Hit(SEED, 100, title)

    assert by_action(checked(link_view(TWO_LINKS.select(1), lookup)), ACTION_TITLE_INPUT)
    assert lookups == []
    card = checked(link_view(TWO_LINKS, lookup))
    assert lookups == ["jr ml eng"] and card["blocks"][0]["accessory"]["initial_option"]["value"] == "0"
    assert by_action(checked(link_view(NO_CHOOSER, lookup)), ACTION_TITLE_INPUT)


# -- the chooser ---------------------------------------------------------------------------------------------------


def test_chooser_block_lists_every_link_with_the_shown_one_selected() -> None:
    assert chooser_block(NO_CHOOSER) is None
    assert chooser_block(Chooser((LinkChoice("a", "b"),))) is None
    hostile = Chooser((LinkChoice(HOSTILE * 3, "a.example"), LinkChoice(None, "b.example/<x>")), selected=1)
    block = chooser_block(hostile)
    assert block is not None
    select = block.to_dict()["accessory"]
    labels = [o["text"]["text"] for o in select["options"]]
    assert labels[1] == "b.example/&lt;x&gt;" and labels[0].startswith("&lt;!channel&gt;")
    assert all(units(label) <= 75 for label in labels)
    assert select["initial_option"]["value"] == "1"


def test_metadata_round_trip() -> None:
    chooser = Chooser((LinkChoice("Ingénieur ML 🚀", "jobs.exämple.com/1"), LinkChoice(None, "x.io/2")), 1, True)
    assert Chooser.from_metadata(chooser.to_metadata()) == chooser
    assert chooser.select(5) is None and chooser.select(0) == Chooser(chooser.choices, 0, True)


def test_metadata_over_budget_drops_links_but_never_the_shown_one() -> None:
    choices = tuple(LinkChoice(f"{i} " + "\\" * 140, f"{i}.example/" + '"' * 50) for i in range(20))
    for selected in (0, 19):
        text = Chooser(choices, selected).to_metadata()
        assert units(text) <= METADATA_MAX
        back = Chooser.from_metadata(text)
        assert back.partial and 1 < len(back.choices) < 20
        assert back.current is not None and back.current.address.startswith(f"{selected}.example/")


BAD_METADATA = [None, "", "not json", "[]", '{"s": 0}', '{"s": "0", "c": []}', '{"s": 3, "c": [[null, "a"]]}']
BAD_METADATA += ['{"s": 0, "c": [1]}', '{"s": 0, "c": [["a", 2]]}', '{"s": true, "c": [["a", "b"]]}', "[" * 5000]


def test_the_rendered_chooser_is_the_one_its_metadata_holds() -> None:
    choices = tuple(LinkChoice(f"{i} " + "\\" * 140, f"{i}.example/x") for i in range(20))
    view = checked(card_view(SEED, Flow.IDENTIFY, chooser=Chooser(choices, 19)))
    held = Chooser.from_metadata(view["private_metadata"])
    select = view["blocks"][0]["accessory"]
    assert len(select["options"]) == len(held.choices) < 20
    assert select["initial_option"]["value"] == str(held.selected)
    assert [o["text"]["text"][:3] for o in select["options"]] == [c.label[:3] for c in held.choices]
    assert held.current is not None and held.current.address == "19.example/x"
    assert "only these were read" in view["blocks"][0]["text"]["text"]


@pytest.mark.parametrize("text", BAD_METADATA)
def test_bad_metadata_gives_an_empty_chooser(text: object) -> None:
    assert Chooser.from_metadata(text) == NO_CHOOSER


# -- submissions and the no-job-link message ----------------------------------------------------------------------


def state(value: object) -> dict[str, Any]:
    return {"state": {"values": {BLOCK_TITLE: {ACTION_TITLE_INPUT: {"type": "plain_text_input", "value": value}}}}}


def test_submitted_title_and_its_problems() -> None:
    assert submitted_title(state("jr ml eng")) == "jr ml eng"
    for odd in (state(None), state(3), {}, {"state": None}, {"state": {"values": {BLOCK_TITLE: {}}}}):
        assert submitted_title(odd) == ""
    assert title_problem("jr ml eng") is None
    assert title_problem("") and title_problem(" \n ")
    assert title_problem("x" * QUERY_MAX) is None
    assert "151 characters" in (title_problem("x" * (QUERY_MAX + 1)) or "")


@pytest.mark.parametrize(
    ("scan", "expected"),
    [
        (LinkScan(), "It has no links I can read."),
        (LinkScan(other_links=("https://github.com/x",)), "Its 1 link doesn’t look like a job ad."),
        (LinkScan(other_links=("https://a.io/", "https://b.io/")), "Its 2 links don’t look like a job ad."),
        (LinkScan(truncated=True), "Only the first part of that very long message was read."),
    ],
)
def test_no_job_link_message(scan: LinkScan, expected: str) -> None:
    payload = no_job_link_message(scan)
    assert block_kit_problems(payload, "message") == []
    assert payload["response_type"] == "ephemeral"
    joined = "\n".join(all_text(payload))
    assert expected in joined
    assert "&lt;title&gt;" in joined and "<title>" not in joined
    mrkdwn = [
        e for b in payload["blocks"] for e in [b.get("text"), *b.get("elements", [])] if e and e["type"] == "mrkdwn"
    ]
    assert mrkdwn and all(e["verbatim"] is True for e in mrkdwn)
