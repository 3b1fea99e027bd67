from __future__ import annotations

import dataclasses

from bot.core.blocks.state import CardState, decode_state
from bot.core.cards.replies import (
    COMMANDS,
    Nearby,
    Suggestion,
    did_you_mean,
    error_message,
    help_message,
    list_message,
    miss_card,
    request_thanks,
)
from bot.core.cards.snippets import day_preview, quote_preview, shared_day, shared_quote
from bot.core.ids import (
    ACTION_CANCEL,
    ACTION_FULL_FILE,
    ACTION_LIST_OPEN,
    ACTION_PICK,
    ACTION_REQUEST,
    ACTION_SHARE,
    ACTION_SHUFFLE,
)
from bot.core.records.loader import specimen_from_data
from bot.core.records.model import Catalog
from bot.testing.block_kit import block_kit_problems
from bot.testing.markup import markup_problems
from bot.testing.synthetic import synthetic_record_data
from tests.support.cards import all_text, buttons, seed_specimen, synthetic_specimens

SEED = seed_specimen()


def text_of(payload: dict) -> str:
    return "\n".join(all_text(payload["blocks"]))


def test_quote_preview_send_shuffle_cancel() -> None:
    payload = quote_preview(SEED, 3)
    assert payload["response_type"] == "ephemeral"
    assert SEED.burn_ward[3].quote in text_of(payload)
    assert "— r/learnmachinelearning" in text_of(payload)
    assert sum(q.quote in text_of(payload) for q in SEED.burn_ward) == 1
    found = buttons(payload)
    assert [(b["text"]["text"], b["action_id"]) for b in found] == [
        ("Send", ACTION_SHARE),
        ("Shuffle", ACTION_SHUFFLE),
        ("Cancel", ACTION_CANCEL),
    ]
    assert decode_state(found[0]["value"]) == CardState("quote", SEED.slug, 3, 0)
    assert payload["text"].startswith("“At the end of the day") is False
    assert payload["text"].startswith("“They hired me")
    assert payload["text"].endswith(f"— burn ward of {SEED.title}")


def test_day_preview() -> None:
    payload = day_preview(SEED, 5)  # wraps to entry 2 of 3
    assert SEED.day_log[2].description in text_of(payload)
    assert " of 3" not in text_of(payload)  # no "3 of 3": a count says nothing to a reader
    assert decode_state(buttons(payload)[0]["value"]) == CardState("day", SEED.slug, 0, 2)


def test_shared_snippets_keep_full_file_and_a_plain_byline() -> None:
    for payload in (shared_quote(SEED, 0, "Ann"), shared_day(SEED, 0, "Ann")):
        assert payload["response_type"] == "in_channel"
        assert [(b["action_id"], b["value"]) for b in buttons(payload)] == [(ACTION_FULL_FILE, SEED.slug)]
        assert "shared by Ann" in text_of(payload)
    assert "shared by" not in text_of(shared_quote(SEED, 0, None))


def test_snippet_of_a_specimen_without_entries_does_not_fail() -> None:
    empty = dataclasses.replace(SEED, burn_ward=(), day_log=())
    assert "no burn ward entries" in text_of(quote_preview(empty, 0))
    assert "no day in the life entries" in text_of(shared_day(empty, 0, None))


def test_did_you_mean_ranks_candidates_as_pick_buttons() -> None:
    candidates = [Suggestion("Enterprise Architect", "enterprise-architect", 91.4), Suggestion("SDET", "sdet")]
    payload = did_you_mean("entrprise archtect", candidates)
    assert payload["response_type"] == "ephemeral"
    picks = buttons(payload)
    assert [(b["action_id"], b["value"]) for b in picks] == [
        (ACTION_PICK, "enterprise-architect"),
        (ACTION_PICK, "sdet"),
    ]
    text = text_of(payload)
    assert "“entrprise archtect”" in text
    assert text.index("Enterprise Architect") < text.index("SDET")
    assert "91% match" in text
    assert payload["text"] == "Did you mean Enterprise Architect or SDET?"


def test_miss_card_shows_the_query_inert_and_a_hint() -> None:
    payload = miss_card("<!channel> <@U123> <https://x|y>", [])
    text = text_of(payload)
    assert "No specimen matches “&lt;!channel&gt; &lt;@U123&gt; &lt;https://x|y&gt;”." in text
    assert "/specimen list" in text
    assert buttons(payload) == []
    with_suggestions = miss_card("zzz", [Suggestion("SDET", "sdet")])
    assert [b["value"] for b in buttons(with_suggestions)] == ["sdet"]


def test_help_lists_every_command() -> None:
    text = text_of(help_message())
    for usage in (
        "/specimen &lt;title&gt;",
        "/specimen quote [role]",
        "/specimen day [role]",
        "/specimen list",
        "/specimen help",
        "/specimen daily on [HH:MM] [Area/City] [weekdays|every day]",
        "/specimen daily off",
        "/specimen daily status",
        "/specimen daily skip",
    ):
        assert usage in text
    assert len(COMMANDS) == 9


def test_list_of_a_thousand_records_shows_a_first_page_and_the_count() -> None:
    catalog = Catalog(tuple(specimen_from_data(synthetic_record_data(i)) for i in range(1000)))
    payload = list_message(catalog)
    text = text_of(payload)
    assert "1,000 specimens" in text
    assert "Showing 60 of 1,000" in text
    assert catalog.specimens[0].title in text
    assert catalog.specimens[60].title not in text
    assert len(payload["blocks"]) <= 10


def test_list_of_one_record() -> None:
    text = text_of(list_message(Catalog((SEED,))))
    assert "1 specimen" in text and SEED.title in text
    assert "Showing" not in text


def test_error_message_is_escaped_plain_text() -> None:
    payload = error_message("bad <!here> & worse")
    block = payload["blocks"][0]
    assert block["text"]["type"] == "plain_text"
    assert "bad &lt;!here&gt; &amp; worse" in block["text"]["text"]
    assert payload["text"] == "bad &lt;!here&gt; &amp; worse"


def test_a_miss_card_counts_the_guide_offers_its_closest_and_a_request() -> None:
    closest = [Suggestion("SDET", "sdet", 41), Suggestion("Data Analyst", "data-analyst", 30)]
    payload = miss_card("pizza chef", closest, Nearby.CLOSEST, total=31, request="pizza chef")
    text = text_of(payload)
    assert "The field guide holds 31 specimens." in text
    assert "Closest in the guide:" in text and "Did you mean" not in text
    assert [(b["action_id"], b["value"]) for b in buttons(payload)] == [
        (ACTION_PICK, "sdet"),
        (ACTION_PICK, "data-analyst"),
        (ACTION_REQUEST, "pizza chef"),
    ]
    assert block_kit_problems(payload, "message") == [] and len(payload["blocks"]) <= 8


def test_a_request_is_thanked_once_then_acknowledged() -> None:
    first, again = request_thanks("<!here> chef", first=True), request_thanks("<!here> chef", first=False)
    assert "is on this workspace's request list" in text_of(first) and "&lt;!here&gt; chef" in text_of(first)
    assert "already requested" in text_of(again)
    assert markup_problems(first) == [] and markup_problems(again) == []


def test_the_list_is_sorted_by_title_and_opens_any_specimen_from_a_select() -> None:
    catalog = [seed_specimen(), *synthetic_specimens(3)]
    payload = list_message(catalog)
    listed = [line.removeprefix("• ") for line in text_of(payload).split("\n") if line.startswith("• ")]
    assert listed == sorted(listed, key=str.casefold) and len(listed) == 4
    (select,) = [e for b in payload["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert select["type"] == "external_select" and select["action_id"] == ACTION_LIST_OPEN
    assert payload["text"] == "The field guide: 4 specimens" and list_message(catalog[:1])["text"].endswith(
        "1 specimen"
    )
    assert block_kit_problems(payload, "message") == []
