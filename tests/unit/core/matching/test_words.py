"""WordTable: typo, inflection and prefix neighbours, the same through the deletion index and the direct scan."""

from __future__ import annotations

import pytest

from bot.core.matching.words import SCAN_WORDS, WordTable

WORDS = {"engineer", "engineering", "junior", "senior", "machine", "learning", "scrum", "master", "lead", "head"}
WORDS |= {"infrastructure", "implementation", "product", "manager", "architect", "architects", "data"}
FILLER = {f"filler{n:04d}" for n in range(SCAN_WORDS + 10)}


@pytest.fixture(params=["scan", "deletion index"])
def table(request: pytest.FixtureRequest) -> WordTable:
    return WordTable(set(WORDS) if request.param == "scan" else WORDS | FILLER)


def best(table: WordTable, word: str) -> str | None:
    found = table.neighbours(word)
    return found[0][0] if found else None


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("enginer", "engineer"),  # deletion
        ("engineeer", "engineer"),  # insertion
        ("enginear", "engineer"),  # substitution
        ("enigneer", "engineer"),  # transposition
        ("learnig", "learning"),
        ("srum", "scrum"),
        ("mastr", "master"),
        ("infrastucture", "infrastructure"),
        ("implemenntatiom", "implementation"),  # two edits in a long word: a letter added, one replaced
        ("prodcut", "product"),
    ],
)
def test_one_typo_finds_the_word(table: WordTable, typed: str, meant: str) -> None:
    assert best(table, typed) == meant


@pytest.mark.parametrize("typed", ["xyzzy", "ml", "qa", "ma", "junk"])
def test_short_or_distant_words_have_no_neighbour(table: WordTable, typed: str) -> None:
    assert table.neighbours(typed) == []


def test_a_known_word_means_itself_not_a_near_word(table: WordTable) -> None:
    assert table.neighbours("head") == [("head", 1.0)]
    assert table.neighbours("senior") == [("senior", 1.0)]
    assert [w for w, _ in table.neighbours("lead")] == ["lead"]


def test_one_edit_is_too_much_for_a_short_word(table: WordTable) -> None:
    assert table.neighbours("load") == []  # "lead" and "head" are 0.75 away
    assert table.neighbours("senor") == [("senior", pytest.approx(5 / 6))]


def test_inflections_count_but_not_other_endings(table: WordTable) -> None:
    assert dict(table.neighbours("engineers"))["engineer"] > 0.9
    assert dict(table.neighbours("architect"))["architects"] > 0.9
    assert "product" not in dict(table.neighbours("production"))
    assert table.neighbours("engineering") == [("engineering", 1.0)]  # known: it means itself
    assert dict(WordTable({"engineer", "data"}).neighbours("engineering"))["engineer"] > 0.8


def test_two_edits_the_scan_finds_beyond_the_deletion_index() -> None:
    # Two letters left out of a long word: the direct scan of a small vocabulary finds it.
    assert WordTable(set(WORDS)).neighbours("implmentaton")[0][0] == "implementation"


def test_neighbours_are_ranked_and_capped(table: WordTable) -> None:
    found = table.neighbours("engineerings")
    sims = [s for _, s in found]
    assert sims == sorted(sims, reverse=True)
    assert len(found) <= 4


def test_answers_are_remembered_and_can_be_forgotten(table: WordTable) -> None:
    first = table.neighbours("enginer")
    assert table.neighbours("enginer") is first
    table.forget()
    again = table.neighbours("enginer")
    assert again == first
    assert again is not first


def test_prefix_search() -> None:
    table = WordTable(WORDS)
    assert table.with_prefix("eng") == ["engineer", "engineering"]
    assert table.with_prefix("arch", limit=1) == ["architect"]
    assert table.with_prefix("zz") == []
    assert "data" in table
    assert len(table) == len(WORDS)
