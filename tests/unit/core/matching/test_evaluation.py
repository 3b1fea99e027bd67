"""The labelled evaluation set: the accuracy the thresholds were chosen for, and no hit for unrelated titles."""

from __future__ import annotations

import gzip

import pytest

from bot.core.matching.index import TitleIndex
from bot.core.records.loader import load_catalog, parse_record_text, specimen_from_data
from bot.core.records.model import Catalog
from bot.testing.evaluation import Evaluation, EvaluationSet, evaluate, parse_evaluation
from bot.testing.synthetic import synthetic_record_data
from tests.support.paths import JOB_TITLES, MATCHING, RECORDS

HERE = MATCHING
REAL_RECORDS = RECORDS
# JOB_TITLES: a copy with its credits in tests/data/README.md
KINDS = ("exact", "alias", "typo", "abbreviation", "word_order", "decoration", "level")
STRIDE = 1_859  # the unrelated titles are every 1,859th line of job-titles.txt.gz, then near misses by hand
STRIDE_PICKS = 40


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(HERE / "records")


@pytest.fixture(scope="module")
def labelled() -> EvaluationSet:
    return parse_evaluation((HERE / "evaluation.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result(catalog: Catalog, labelled: EvaluationSet) -> Evaluation:
    return evaluate(TitleIndex.build(catalog), labelled)


def test_the_set_is_big_enough_and_covers_every_kind(labelled: EvaluationSet) -> None:
    assert len(labelled.queries()) >= 60
    assert len(labelled.unrelated) >= 30
    assert len(set(labelled.unrelated)) == len(labelled.unrelated)
    for kind in KINDS:
        assert len(labelled.labelled.get(kind, {})) >= 5, kind


def test_every_title_and_alias_of_the_test_catalog_is_labelled(catalog: Catalog, labelled: EvaluationSet) -> None:
    names = {q: slug for kind in ("exact", "alias") for q, slug in labelled.labelled[kind].items()}
    for specimen in catalog:
        for name in (specimen.title, *specimen.aliases):
            assert names.get(name) == specimen.slug, name


def test_the_catalog_holds_the_seed_and_several_written_records(catalog: Catalog) -> None:
    assert len(catalog) >= 6
    assert catalog.by_slug("junior-machine-learning-engineer") is not None


def test_the_seed_copy_has_the_real_records_names(catalog: Catalog) -> None:
    real = REAL_RECORDS / "junior-machine-learning-engineer.yml"
    parsed = parse_record_text(real.read_text(encoding="utf-8"), str(real))
    assert parsed.data is not None, parsed.problems
    copy = catalog.by_slug("junior-machine-learning-engineer")
    assert copy is not None
    assert (copy.title, list(copy.aliases)) == (parsed.data["title"], parsed.data["aliases"])


def test_top1_and_hit_accuracy_are_at_least_97_percent(result: Evaluation) -> None:
    assert result.top1_accuracy >= 0.97, result.failures
    assert result.hit_accuracy >= 0.97, result.failures


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_query_finds_its_specimen(result: Evaluation, kind: str) -> None:
    good, seen = result.by_kind[kind]
    assert good / seen >= 0.9, [f for f in result.failures if f.startswith(kind)]


def test_no_unrelated_title_is_a_hit(result: Evaluation) -> None:
    assert result.unrelated_total >= 30
    assert result.unrelated_hits == []


def test_partial_titles_are_suggested_never_hit(result: Evaluation) -> None:
    assert result.partial_total >= 5
    assert result.partial_suggested == result.partial_total, result.failures


def test_unrelated_titles_are_real_titles_picked_by_stride(labelled: EvaluationSet) -> None:
    with gzip.open(JOB_TITLES, "rt", encoding="utf-8") as handle:
        titles = [line.strip() for line in handle if line.strip()]
    picks = [titles[n * STRIDE] for n in range(STRIDE_PICKS)]
    assert list(labelled.unrelated[:STRIDE_PICKS]) == picks
    known = set(titles)
    assert [t for t in labelled.unrelated if t not in known] == []


def test_the_set_holds_in_a_large_catalog(catalog: Catalog, labelled: EvaluationSet) -> None:
    # 1,000 generated records around the test records: the deletion index and the common-word paths answer.
    generated = tuple(specimen_from_data(synthetic_record_data(n)) for n in range(1_000))
    index = TitleIndex.build(Catalog((*catalog, *generated)))
    result = evaluate(index, labelled)
    assert result.hit_accuracy >= 0.97, result.failures
    assert result.unrelated_hits == []
