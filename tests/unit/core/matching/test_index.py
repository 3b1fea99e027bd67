"""TitleIndex: hits, ranked choices and misses, suggestions, and bad input."""

from __future__ import annotations

import pytest

from bot.core.matching.index import TitleIndex
from bot.core.matching.ranking import HIT_SCORE, SUGGEST_SCORE
from bot.core.matching.result import Ambiguous, Candidate, Hit, Miss
from bot.core.records.loader import load_catalog, specimen_from_data
from bot.core.records.model import Catalog, Specimen
from bot.testing.synthetic import synthetic_record_data
from tests.support.paths import MATCHING_RECORDS

RECORDS = MATCHING_RECORDS
JMLE = "junior-machine-learning-engineer"


@pytest.fixture(scope="module")
def index() -> TitleIndex:
    return TitleIndex.build(load_catalog(RECORDS))


def specimen(title: str, aliases: tuple[str, ...] = (), n: int = 0) -> Specimen:
    data = synthetic_record_data(n)
    data.update(title=title, slug=title.lower().replace(" ", "-"), aliases=list(aliases))
    return specimen_from_data(data)


@pytest.mark.parametrize(
    "query",
    [
        "ai apprentice",
        "jr ml eng",
        "Junior Machine Learnig Enginer",
        "Junior ML Engineer (Remote)",
        "machine learning engineer, junior",
    ],
)
def test_what_people_remember_finds_the_specimen(index: TitleIndex, query: str) -> None:
    result = index.lookup(query)
    assert isinstance(result, Hit)
    assert result.specimen.slug == JMLE


def test_a_hit_names_the_alias_it_matched_through(index: TitleIndex) -> None:
    result = index.lookup("ai apprentice")
    assert result == Hit(index.specimens[3], 100, "AI Apprentice")
    typo = index.lookup("Data Sciense Trainee (ML focus)")
    assert isinstance(typo, Hit)
    assert typo.matched_name == "Data Science Trainee (ML focus)"
    assert HIT_SCORE * 100 <= typo.score < 100


@pytest.mark.parametrize("query", ["registered nurse", "pizza", "Pizza Delivery Driver", "Forklift Operator"])
def test_unrelated_titles_miss_with_nothing_to_suggest(index: TitleIndex, query: str) -> None:
    assert index.lookup(query) == Miss(())


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("engineer", "devops-engineer"),
        ("devops", "devops-engineer"),
        ("senior ml engineer", JMLE),  # another level than the record's: suggested, never its card
        ("vibes", "chief-vibes-officer"),
    ],
)
def test_part_of_a_title_is_a_miss_with_ranked_suggestions(index: TitleIndex, query: str, first: str) -> None:
    result = index.lookup(query)
    assert isinstance(result, Miss)
    assert result.suggestions[0].specimen.slug == first
    scores = [c.score for c in result.suggestions]
    assert scores == sorted(scores, reverse=True)
    assert all(score >= SUGGEST_SCORE * 100 for score in scores)


def test_one_common_word_never_hits_every_name_holding_it(index: TitleIndex) -> None:
    for word in ("engineer", "architect", "officer", "lead", "manager", "senior", "junior"):
        assert not isinstance(index.lookup(word), Hit), word


def test_candidates_unpack_as_specimen_score_and_name(index: TitleIndex) -> None:
    result = index.lookup("engineer")
    assert isinstance(result, Miss)
    found, score, name = result.suggestions[0]
    assert isinstance(result.suggestions[0], Candidate)
    assert (found.slug, score, name) == ("devops-engineer", 62, "DevOps Engineer")


def test_equally_good_matches_are_ambiguous_and_ranked() -> None:
    catalog = Catalog((specimen("Cloud Engineer", n=1), specimen("Crowd Engineer", n=2), specimen("Clown", n=3)))
    result = TitleIndex.build(catalog).lookup("Clowd Engineer")
    assert isinstance(result, Ambiguous)
    assert [c.specimen.title for c in result.candidates] == ["Cloud Engineer", "Crowd Engineer"]
    assert result.candidates[0].score == result.candidates[1].score


def test_one_name_in_two_records_is_ambiguous_not_a_coin_toss() -> None:
    catalog = Catalog((specimen("Data Engineer", n=1), specimen("Pipeline Plumber", ("Data Engineer II",), n=2)))
    result = TitleIndex.build(catalog).lookup("data engineer")
    assert isinstance(result, Ambiguous)
    assert [(c.specimen.title, c.score) for c in result.candidates] == [
        ("Data Engineer", 100),
        ("Pipeline Plumber", 100),
    ]


def test_a_clear_winner_beats_a_weaker_rival() -> None:
    catalog = Catalog((specimen("Data Engineer", n=1), specimen("Data Architect", n=2)))
    result = TitleIndex.build(catalog).lookup("Data Enginer")
    assert isinstance(result, Hit)
    assert result.specimen.title == "Data Engineer"


def test_ambiguous_short_forms_try_each_meaning() -> None:
    catalog = Catalog((specimen("Senior Product Manager", n=1), specimen("Senior Developer", n=2)))
    result = TitleIndex.build(catalog).lookup("sr pm")
    assert isinstance(result, Hit)
    assert result.specimen.title == "Senior Product Manager"
    assert result.score == 98


def test_the_slug_is_a_name_too(index: TitleIndex) -> None:
    result = index.lookup("chief-vibes-officer")
    assert isinstance(result, Hit)
    assert result.specimen.slug == "chief-vibes-officer"


def test_limit_caps_suggestions_and_choices(index: TitleIndex) -> None:
    result = index.lookup("engineer", limit=1)
    assert isinstance(result, Miss)
    assert [c.specimen.slug for c in result.suggestions] == ["devops-engineer"]
    assert len(index.rank("engineer", 2)) == 2
    catalog = Catalog((specimen("Cloud Engineer", n=1), specimen("Crowd Engineer", n=2)))
    choice = TitleIndex.build(catalog).lookup("Clowd Engineer", limit=1)
    assert isinstance(choice, Ambiguous)
    assert len(choice.candidates) == 2


def test_rank_lists_specimens_even_on_a_hit(index: TitleIndex) -> None:
    ranking = index.rank("jr ml eng", 3)
    assert ranking[0].specimen.slug == JMLE
    assert ranking[0].score == 100
    assert len({c.specimen.slug for c in ranking}) == len(ranking)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("jr ml e", JMLE),
        ("scr", "scrum-master"),
        ("chief vi", "chief-vibes-officer"),
        ("devop", "devops-engineer"),
        ("quality assurance eng", "quality-assurance-engineer"),
        ("enterprize", "enterprise-architect"),
    ],
)
def test_suggest_ranks_specimens_for_unfinished_input(index: TitleIndex, text: str, first: str) -> None:
    suggestions = index.suggest(text, 5)
    assert suggestions[0].specimen.slug == first
    assert len(suggestions) <= 5


def test_suggest_with_no_text_lists_titles_alphabetically(index: TitleIndex) -> None:
    titles = [c.specimen.title for c in index.suggest("", 3)]
    assert titles == ["Chief Vibes Officer", "DevOps Engineer", "Enterprise Architect"]
    assert index.suggest("   ", 100)[0].score == 0
    assert len(index.suggest("", 100)) == len(index.specimens)


def test_suggest_has_nothing_for_nonsense(index: TitleIndex) -> None:
    assert index.suggest("zzzzqqq") == ()


BAD_INPUT = [
    "",
    " ",
    "\t\n\r  ",
    "x" * 10_000,
    "Senior Engineer " * 700,
    "\x00\x07\x1b\x7f",
    "🚀💥🔥",
    "مهندس تعلم الآلة",
    "\u202eReenigne Lm Roinuj",
    "!!!???...---",
    "<!channel>",
    "<!here> <!everyone>",
    "<@U123>",
    "<https://x|y>",
    "&amp;",
    "&lt;&gt;&amp;",
    "<<<>>>||",
    "(((((((((((",
    ")",
    "@",
    "a",
    "jr",
    "the and of",
    "remote",
    "ii",
]


@pytest.mark.parametrize("query", BAD_INPUT)
def test_bad_input_is_a_sensible_miss(index: TitleIndex, query: str) -> None:
    result = index.lookup(query)
    assert isinstance(result, Miss)
    assert len(result.suggestions) <= 5
    assert isinstance(index.suggest(query), tuple)
    assert isinstance(index.rank(query), tuple)


def test_slack_escaped_text_finds_the_title_inside(index: TitleIndex) -> None:
    for query in ("<@U123ABC> scrum master", "<https://jobs.example.com/1|Scrum Master>", "<!channel> scrum master"):
        result = index.lookup(query)
        assert isinstance(result, Hit), query
        assert result.specimen.slug == "scrum-master"


def test_an_empty_catalog_misses_everything() -> None:
    index = TitleIndex.build(Catalog(()))
    assert len(index) == 0
    assert index.lookup("scrum master") == Miss(())
    assert index.suggest("") == ()


def test_the_index_counts_distinct_name_forms(index: TitleIndex) -> None:
    names = sum(1 + len(s.aliases) for s in index.specimens)
    assert 0 < len(index) <= names * 2
