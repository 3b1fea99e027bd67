from __future__ import annotations

import dataclasses
from dataclasses import replace

import pytest

from bot.core.blocks.state import CardState, decode_state
from bot.core.cards.controls import sharer_of
from bot.core.cards.specimen import SATIRE, card_blocks, card_fallback, card_preview, shared_card
from bot.core.ids import ACTION_CANCEL, ACTION_FULL_FILE, ACTION_PICK, ACTION_SHARE, ACTION_SHUFFLE
from bot.core.records.model import Encounter, RelatedSpecimen
from bot.testing.block_kit import block_kit_problems
from bot.testing.markup import markup_problems
from tests.support.cards import all_text, buttons, seed_specimen, synthetic_specimens

SEED = seed_specimen()


def card_text(payload: dict) -> str:
    return "\n".join(all_text(payload["blocks"]))


def test_seed_card_has_every_section() -> None:
    payload = card_preview(SEED, 0, 0, set())
    assert payload["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Junior Machine Learning Engineer", "emoji": True},
    }
    text = card_text(payload)
    for heading in (
        "What does a Junior Machine Learning Engineer actually do?",
        "*Also known as:*",
        "*Habitat*",
        "*Salary delusion*",
        "*Flight risk*",
        "*Bullshit metrics*",
        "*Signature weaponry*",
        "*Encounter guide*",
        "*JD autopsy*",
        "*Day in the life*",
        "*The burn ward*",
        "*Related specimens*",
    ):
        assert heading in text


def test_seed_card_figures() -> None:
    text = card_text(card_preview(SEED, 0, 0, set()))
    assert "*$146,027* market average" in text
    assert "`▰▰▰▰▰▰▰▰▱▱` *85% HIGH RISK*" in text
    assert SEED.flight_risk.diagnosis in text
    assert SEED.salary.region_note in text
    assert SEED.salary.quote in text


def test_seed_card_shows_every_list_entry_whole() -> None:
    text = card_text(card_preview(SEED, 0, 0, set()))
    for alias in SEED.aliases:
        assert alias in text
    assert "oil &amp; gas" in text  # the habitat's "&", escaped
    for entry in (*SEED.metrics, *SEED.weaponry):
        assert f"*{entry.name}* — {entry.description}" in text
    for autopsy in SEED.jd_autopsy:
        assert autopsy.translation in text
        assert autopsy.illusion.rstrip("…") in text
    assert "*IF ENGAGED:*" in text
    assert "more in the full file" not in text


def test_card_shows_exactly_the_picked_quote_and_day_entry() -> None:
    text = card_text(card_preview(SEED, 2, 1, set()))
    shown = [q for q in SEED.burn_ward if q.quote in text]
    assert shown == [SEED.burn_ward[2]]
    assert "— teamblind.com" in text
    days = [d for d in SEED.day_log if d.description in text]
    assert days == [SEED.day_log[1]]
    assert "`13:00–14:00` *Hyperparameter Tweaking Séance*" in text


def test_fallback_text() -> None:
    assert card_fallback(SEED) == "Junior Machine Learning Engineer — flight risk 85% HIGH RISK"
    assert card_preview(SEED, 0, 0, set())["text"] == card_fallback(SEED)


def test_card_is_marked_as_satire() -> None:
    context = [b for b in card_preview(SEED, 0, 0, set())["blocks"] if b["type"] == "context"]
    assert any("Satire" in e["text"] for b in context for e in b["elements"])


def test_preview_buttons_carry_the_state() -> None:
    payload = card_preview(SEED, 3, 2, set())
    assert payload["response_type"] == "ephemeral"
    actions = payload["blocks"][-1]
    assert actions["type"] == "actions"
    labels = [(e["text"]["text"], e["action_id"]) for e in actions["elements"]]
    assert labels == [
        ("Share", ACTION_SHARE),
        ("Shuffle", ACTION_SHUFFLE),
        ("Cancel", ACTION_CANCEL),
        ("Full file", ACTION_FULL_FILE),
    ]
    assert actions["elements"][0]["style"] == "primary"
    expected = CardState("card", SEED.slug, 3, 2)
    assert [decode_state(e["value"]) for e in actions["elements"][:3]] == [expected] * 3
    assert actions["elements"][3]["value"] == SEED.slug


def test_stale_indexes_wrap_into_range() -> None:
    payload = card_preview(SEED, 5, 4, set())
    assert decode_state(payload["blocks"][-1]["elements"][0]["value"]) == CardState("card", SEED.slug, 1, 1)
    assert SEED.burn_ward[1].quote[:40] in card_text(payload)  # 5 wraps to the second of four quotes


def with_related_slugs() -> object:
    related = tuple(
        dataclasses.replace(r, slug=slug)
        for r, slug in zip(SEED.related, ("lead-backend-data-procurement-analyst", None, "sdet"), strict=True)
    )
    return dataclasses.replace(SEED, related=related)


@pytest.mark.parametrize("known", [{"sdet"}, lambda slug: slug == "sdet"])
def test_related_with_a_record_become_buttons(known: object) -> None:
    payload = card_preview(with_related_slugs(), 0, 0, known)
    picks = [b for b in buttons(payload) if b["action_id"] == ACTION_PICK]
    assert [b["value"] for b in picks] == ["sdet"]
    text = card_text(payload)
    assert "*SDET* · 84% match" in text
    assert "*Enterprise Architect* · 91% match" in text  # no slug: text
    assert "*Lead Backend Data Procurement Analyst* · 98% match" in text  # slug without record: text
    assert block_kit_problems(payload) == []


def test_shared_card_fits_one_screen_names_the_sharer_and_lets_only_them_remove_it() -> None:
    payload = shared_card(with_related_slugs(), 1, 1, "Ann <@U123> <!channel>", "U0ANN")
    assert payload["response_type"] == "in_channel"
    assert len(payload["blocks"]) <= 12 and sum(len(t) for t in all_text(payload)) <= 2500
    text = card_text(payload)
    for part in (SEED.title, "85% HIGH RISK", "$146,027", SEED.burn_ward[1].quote[:40], SEED.day_log[1].title):
        assert part in text, part
    assert "Signature weaponry" not in text  # everything else is behind Full file
    assert [b["action_id"] for b in buttons(payload)] == [ACTION_FULL_FILE]
    [menu] = [e for b in payload["blocks"] if b["type"] == "actions" for e in b["elements"] if e["type"] == "overflow"]
    assert sharer_of(menu["options"][0]["value"]) == "U0ANN"
    context = [e for b in payload["blocks"] if b["type"] == "context" for e in b["elements"]]
    assert context[0]["text"].startswith("Shared by Ann &lt;@U123&gt; &lt;!channel&gt; · Satire")
    assert markup_problems(payload) == [] and block_kit_problems(payload) == []


def test_shared_card_without_a_name_or_sharer() -> None:
    payload = shared_card(SEED, 0, 0, None)
    assert "Shared by" not in card_text(payload) and SATIRE in card_text(payload)
    assert not [
        e for b in payload["blocks"] if b["type"] == "actions" for e in b["elements"] if e["type"] == "overflow"
    ]


@pytest.mark.parametrize("value", ["remove:", "remove:U1 2", "remove:" + "U" * 40, "delete:U1", None, 5])
def test_a_remove_option_names_a_sharer_or_nothing(value: object) -> None:
    assert sharer_of(value) is None


def test_specimen_without_related_or_aliases() -> None:
    bare = dataclasses.replace(SEED, related=(), aliases=())
    text = card_text(card_preview(bare, 0, 0, set()))
    assert "Related specimens" not in text
    assert "Also known as" not in text


def test_too_many_known_related_rows_are_capped() -> None:
    related = tuple(RelatedSpecimen(f"Role {i}", 90 - i, "desc", f"role-{i}") for i in range(40))
    payload = card_preview(dataclasses.replace(SEED, related=related), 0, 0, lambda slug: True)
    picks = [b for b in buttons(payload) if b["action_id"] == ACTION_PICK]
    assert len(picks) == 5
    assert "*Role 5*" in card_text(payload)  # the rest are listed as text
    assert block_kit_problems(payload) == []


@pytest.mark.parametrize("specimen", synthetic_specimens(), ids=lambda s: s.slug)
def test_synthetic_cards_are_within_limits(specimen: object) -> None:
    for payload in (card_preview(specimen, 1, 2, set()), shared_card(specimen, 3, 0, "Bo", "U0BO")):
        assert block_kit_problems(payload) == []
        assert markup_problems(payload) == []


def test_card_blocks_are_sdk_models() -> None:
    blocks = card_blocks(SEED, 0, 0, set())
    assert all(hasattr(b, "to_dict") for b in blocks)


def test_record_text_cannot_break_the_cards_formatting_and_triggers_read_as_labels() -> None:
    odd = replace(SEED, title="The *Chosen* One", encounter_guide=(Encounter("[IF ENGAGED]:", "Nod, then _run_."),))
    text = card_text(card_preview(odd, 0, 0, set()))
    assert "*IF ENGAGED:* Nod, then ˍrunˍ." in text
    header = card_preview(odd, 0, 0, set())["blocks"][0]
    assert header["text"] == {"type": "plain_text", "text": "The *Chosen* One", "emoji": True}  # plain: as written


def test_shuffle_only_where_there_is_another_entry() -> None:
    single = replace(SEED, burn_ward=SEED.burn_ward[:1], day_log=SEED.day_log[:1])
    labels = [e["text"]["text"] for e in card_preview(single, 0, 0, set())["blocks"][-1]["elements"]]
    assert "Shuffle" not in labels and "Share" in labels
