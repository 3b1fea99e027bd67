"""The shipped field guide: every record at least as full as the seed, its own jokes, honest attributions, and
aliases the lookup can use. RECORDS-STYLE.md is the voice; these are the rules a machine can check."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from bot.core.records.loader import load_catalog
from bot.core.records.model import Specimen
from bot.core.titles.normalize import default_normalizer
from tests.support.paths import RECORDS

CATALOG = list(load_catalog(RECORDS, None))
SEED = "junior-machine-learning-engineer"
NEW = [s for s in CATALOG if s.slug != SEED]
GUIDE = {s.slug for s in CATALOG}
REAL_SOURCES = re.compile(
    r"reddit|r/|blind|linkedin|glassdoor|hacker ?news|twitter|x\.com|quora|stack ?overflow|indeed|\.com|\.org|\.io",
    re.IGNORECASE,
)
AMBIGUOUS_SHORT = {"pm", "tpm", "csm", "em", "ae", "se", "cpo", "ds"}
ISSUE_SLUGS = {
    "software-engineer", "frontend-developer", "full-stack-developer", "mobile-developer", "devops-engineer",
    "site-reliability-engineer", "sdet", "enterprise-architect", "solutions-architect", "engineering-manager",
    "chief-technology-officer", "product-manager", "product-owner", "technical-program-manager", "project-manager",
    "scrum-master", "product-designer", "data-scientist", "data-engineer", "data-analyst", "ai-engineer",
    "security-engineer", "technical-recruiter", "developer-advocate", "technical-writer", "sales-engineer",
    "account-executive", "customer-success-manager", "business-analyst", "lead-backend-data-procurement-analyst",
}  # fmt: skip


def sentences(specimen: Specimen) -> list[str]:
    """Every sentence of every text of a record (split at . ! ? ; and line ends)."""
    texts = [specimen.question, specimen.org_chart_caption or "", specimen.burn_ward_caption or "", *specimen.habitat]
    texts += [specimen.salary.region_note, specimen.salary.quote, specimen.flight_risk.diagnosis]
    texts += [e.description for e in (*specimen.metrics, *specimen.weaponry)]
    texts += [e.advice for e in specimen.encounter_guide]
    texts += [t for a in specimen.jd_autopsy for t in (a.illusion, a.translation)]
    texts += [d.description for d in specimen.day_log] + [q.quote for q in specimen.burn_ward]
    texts += [r.description for r in specimen.related]
    return [s.strip() for text in texts for s in re.split(r"[.!?;]\s+|\n", text) if s.strip()]


def test_the_guide_holds_every_specimen_the_issue_names() -> None:
    assert ISSUE_SLUGS | {SEED} <= GUIDE
    assert len(CATALOG) >= 31


@pytest.mark.parametrize("specimen", NEW, ids=lambda s: s.slug)
def test_each_record_is_at_least_as_full_as_the_seed(specimen: Specimen) -> None:
    assert len(specimen.aliases) >= 3
    assert len(specimen.habitat) >= 3
    assert specimen.salary.currency and specimen.salary.region_note and specimen.salary.quote
    assert specimen.flight_risk.diagnosis
    assert len(specimen.metrics) >= 3 and len(specimen.weaponry) >= 3
    assert len(specimen.encounter_guide) >= 1
    assert len(specimen.jd_autopsy) >= 3 and all(a.source and a.translation for a in specimen.jd_autopsy)
    assert len(specimen.day_log) >= 3
    assert len(specimen.burn_ward) >= 4
    assert len(specimen.related) >= 3


@pytest.mark.parametrize("specimen", CATALOG, ids=lambda s: s.slug)
def test_related_roles_open_cards(specimen: Specimen) -> None:
    in_guide = [r for r in specimen.related if r.slug in GUIDE]
    assert len(in_guide) >= 2 if specimen.slug != SEED else len(in_guide) == len(specimen.related)
    assert all(r.slug != specimen.slug for r in specimen.related)


def test_no_sentence_of_40_characters_or_more_stands_in_two_records() -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for specimen in CATALOG:
        for sentence in sentences(specimen):
            if len(sentence) >= 40:
                seen[sentence.casefold()].add(specimen.slug)
    shared = {sentence: slugs for sentence, slugs in seen.items() if len(slugs) > 1}
    assert shared == {}


@pytest.mark.parametrize("specimen", NEW, ids=lambda s: s.slug)
def test_quotes_never_claim_a_real_site_or_person(specimen: Specimen) -> None:
    for quote in specimen.burn_ward:
        assert quote.source is None or not REAL_SOURCES.search(quote.source), quote.source
    assert not REAL_SOURCES.search(specimen.burn_ward_caption or "")


@pytest.mark.parametrize("specimen", CATALOG, ids=lambda s: s.slug)
def test_records_are_plain_text(specimen: Specimen) -> None:
    for sentence in sentences(specimen):
        assert not re.search(r"https?://|<[@#!]|[*_~`]\S", sentence), sentence


@pytest.mark.parametrize("specimen", NEW, ids=lambda s: s.slug)
def test_aliases_carry_no_level_and_no_short_form_with_several_meanings(specimen: Specimen) -> None:
    normalizer = default_normalizer()
    for alias in specimen.aliases:
        assert alias.casefold() not in AMBIGUOUS_SHORT, alias
        assert normalizer.name_forms(alias)[0].level is None, alias
