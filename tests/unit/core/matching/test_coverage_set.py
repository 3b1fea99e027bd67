"""The labelled coverage set (tests/data/coverage.yml) against the shipped catalog: 0 wrong cards, recall >= 95 %,
every specimen's own title and its common short form a hit, every ambiguous short form a choice of its meanings."""

from __future__ import annotations

import pytest

from bot.core.matching.index import TitleIndex
from bot.core.matching.result import Ambiguous, Hit
from bot.core.records.loader import load_catalog
from bot.core.records.model import Catalog
from bot.testing.coverage import CoverageSet, measure, parse_coverage_set
from tests.support.paths import DATA, RECORDS


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(RECORDS, None)


@pytest.fixture(scope="module")
def index(catalog: Catalog) -> TitleIndex:
    return TitleIndex.build(catalog)


@pytest.fixture(scope="module")
def labelled() -> CoverageSet:
    return parse_coverage_set((DATA / "coverage.yml").read_text(encoding="utf-8"))


def test_the_set_is_large_and_names_only_specimens_of_the_guide(labelled: CoverageSet, catalog: Catalog) -> None:
    assert sum(len(kind) for kind in labelled.hit.values()) >= 150
    assert len(labelled.unrelated) >= 40
    assert labelled.slugs <= {s.slug for s in catalog}
    assert {s.title for s in catalog} <= set(labelled.hit["exact"])


def test_no_wrong_card_and_recall_of_at_least_95_percent(index: TitleIndex, labelled: CoverageSet) -> None:
    result = measure(index, labelled)
    assert result.wrong_cards == []
    assert result.unrelated_cards == []
    assert result.recall >= 0.95, result.missed


def test_every_specimen_answers_its_own_title(index: TitleIndex, catalog: Catalog) -> None:
    for specimen in catalog:
        found = index.lookup(specimen.title)
        assert isinstance(found, Hit) and found.specimen.slug == specimen.slug, specimen.title


@pytest.mark.parametrize(
    ("short", "slug"),
    [("SWE", "software-engineer"), ("SDE", "software-engineer"), ("SRE", "site-reliability-engineer"),
     ("SDET", "sdet"), ("CTO", "chief-technology-officer"), ("DevRel", "developer-advocate"),
     ("EM", "engineering-manager"),
     ("eng manager", "engineering-manager"), ("eng mgr", "engineering-manager"), ("UX Designer", "product-designer"),
     ("ML Engineer", "ai-engineer"), ("jr ml eng", "junior-machine-learning-engineer"), ("BA", "business-analyst"),
     ("PO", "product-owner"), ("QA Engineer", "sdet"), ("BI Analyst", "data-analyst")],
)  # fmt: skip
def test_common_short_forms_are_hits(index: TitleIndex, short: str, slug: str) -> None:
    found = index.lookup(short)
    assert isinstance(found, Hit) and found.specimen.slug == slug


def test_software_development_engineer_is_never_sdet(index: TitleIndex) -> None:
    for query in ("SDE", "Software Development Engineer", "SDE 2", "Senior SDE", "Software Development Engineer II"):
        found = index.lookup(query)
        assert isinstance(found, Hit) and found.specimen.slug == "software-engineer", query


@pytest.mark.parametrize(("short", "slugs"), [("pm", 3), ("csm", 2), ("se", 2), ("ae", 2), ("Senior PM", 3)])
def test_short_forms_with_several_meanings_in_the_guide_ask(index: TitleIndex, short: str, slugs: int) -> None:
    found = index.lookup(short)
    assert isinstance(found, Ambiguous) and len(found.candidates) == slugs


@pytest.mark.parametrize(
    ("query", "slug"),
    [("Senior Software Engineer", "software-engineer"), ("Staff Software Engineer", "software-engineer"),
     ("sr. data engineer", "data-engineer"), ("Lead Product Designer", "product-designer"),
     ("Principal Security Engineer", "security-engineer"), ("Software Engineer Intern", "software-engineer"),
     ("Data Scientist III", "data-scientist"), ("Senior Machine Learning Engineer", "ai-engineer")],
)  # fmt: skip
def test_levels_are_a_facet_of_the_query(index: TitleIndex, query: str, slug: str) -> None:
    found = index.lookup(query)
    assert isinstance(found, Hit) and found.specimen.slug == slug


def test_a_conflicting_level_never_gives_the_levelled_card(index: TitleIndex) -> None:
    for query in ("Senior Junior Machine Learning Engineer", "Senior ML Apprentice", "Staff AI Apprentice"):
        found = index.lookup(query)
        assert not (isinstance(found, Hit) and found.specimen.slug == "junior-machine-learning-engineer"), query


@pytest.mark.parametrize("query", ["senior", "lead", "Sr.", "head of", "Junior", "staff"])
def test_a_level_alone_is_no_title(index: TitleIndex, query: str) -> None:
    assert not isinstance(index.lookup(query), Hit | Ambiguous)
