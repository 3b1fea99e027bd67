from __future__ import annotations

import dataclasses

import pytest

from bot.core.cards.full_file import MODAL_TITLE, full_file_payload, full_file_view
from bot.core.ids import VIEW_FULL_FILE
from bot.core.records.model import Specimen
from bot.testing.block_kit import block_kit_problems
from bot.testing.markup import markup_problems
from tests.support.cards import all_text, seed_specimen, synthetic_specimens, worst_case_specimens

SEED = seed_specimen()


def view_text(view: dict) -> str:
    return "\n".join(all_text(view["blocks"]))


def every_entry(specimen: Specimen) -> list[str]:
    """Raw text of every entry of every section (escaping aside: the seed has "&" only in a habitat)."""
    texts = [specimen.question, *specimen.aliases, *specimen.habitat]
    texts += [specimen.salary.region_note, specimen.salary.quote, specimen.flight_risk.diagnosis]
    texts += [t for m in (*specimen.metrics, *specimen.weaponry) for t in (m.name, m.description)]
    texts += [e.advice for e in specimen.encounter_guide]
    texts += [t for a in specimen.jd_autopsy for t in (a.illusion.rstrip("…"), a.source, a.translation)]
    texts += [t for d in specimen.day_log for t in (d.title, d.description)]
    texts += [q.quote for q in specimen.burn_ward] + [q.source for q in specimen.burn_ward if q.source]
    texts += [t for r in specimen.related for t in (r.title, r.description, f"{r.match_percent}% match")]
    texts += [c for c in (specimen.org_chart_caption, specimen.burn_ward_caption) if c]
    return [t.replace("&", "&amp;") for t in texts]


def test_full_file_is_a_modal() -> None:
    view = full_file_payload(SEED)
    assert view["type"] == "modal"
    assert view["callback_id"] == VIEW_FULL_FILE
    assert view["title"]["text"] == MODAL_TITLE
    assert len(MODAL_TITLE) <= 24
    assert view["close"]["text"] == "Close"
    assert view["private_metadata"] == SEED.slug
    assert view["blocks"][0]["text"]["text"] == SEED.title
    assert full_file_view(SEED).to_dict() == view


def test_full_file_of_the_seed_has_every_entry_of_every_section() -> None:
    text = view_text(full_file_payload(SEED))
    missing = [t for t in every_entry(SEED) if t not in text]
    assert missing == []
    assert "`▰▰▰▰▰▰▰▰▱▱` *85% HIGH RISK*" in text
    assert "*$146,027* market average" in text
    assert "not shown" not in text


@pytest.mark.parametrize("specimen", synthetic_specimens(10), ids=lambda s: s.slug)
def test_full_file_of_synthetic_records_is_complete_and_valid(specimen: Specimen) -> None:
    view = full_file_payload(specimen)
    text = view_text(view)
    assert [t for t in every_entry(specimen) if t not in text] == []
    assert block_kit_problems(view, "modal") == []
    assert markup_problems(view) == []


def test_a_record_four_times_the_seed_is_still_shown_whole() -> None:
    big = dataclasses.replace(
        SEED,
        **{
            name: getattr(SEED, name) * 4
            for name in ("aliases", "habitat", "metrics", "weaponry", "encounter_guide", "jd_autopsy")
        },
        **{name: getattr(SEED, name) * 4 for name in ("day_log", "burn_ward", "related")},
    )
    view = full_file_payload(big)
    assert "not shown" not in view_text(view)
    assert block_kit_problems(view, "modal") == []


@pytest.mark.parametrize("name", sorted(worst_case_specimens()))
def test_worst_case_full_file_stays_within_limits_and_says_what_it_left_out(name: str) -> None:
    view = full_file_payload(worst_case_specimens()[name])
    assert block_kit_problems(view, "modal") == []
    assert markup_problems(view) == []
    assert len(view["blocks"]) <= 100
    assert "…and 99 more not shown" in view_text(view)
