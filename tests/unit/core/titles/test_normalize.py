"""normalize_title and the query readings: one key per name, whatever the spelling."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.titles.normalize import MAX_WORDS, default_normalizer, normalize_title

TITLE = "engineer learning machine @junior"  # the words, then the level: a facet of the title


@pytest.mark.parametrize(
    "text",
    [
        "Junior Machine Learning Engineer",
        "junior machine learning engineer",
        "JUNIOR  MACHINE\tLEARNING   ENGINEER",
        "Júnior Machine Learning Engineer",
        "Junior Machine-Learning Engineer!",
        "Jr. ML Eng",
        "jnr ml engr",
        "Engineer (Junior, Machine Learning)",
        "Junior ML Engineer (Remote)",
        "Junior ML Engineer (Hybrid)",
        "Remote Junior ML Engineer",
        "Junior ML Engineer II",
        "Junior ML Engineer III (Full-time)",
        "junior-machine-learning-engineer",
    ],
)
def test_spellings_of_one_name_share_its_key(text: str) -> None:
    assert normalize_title(text) == TITLE


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("Jr Developer", "Junior Developer"),
        ("Sr Dev", "Senior Developer"),
        ("QA Eng", "Quality Assurance Engineer"),
        ("AI Apprentice", "Artificial Intelligence Apprentice"),
        ("Eng Mgr", "Engineer Manager"),
        ("VP Ops", "Vice President Operations"),
        ("SRE", "Site Reliability Engineer"),
        ("Dev Ops Engineer", "DevOps Engineer"),
        ("Full Stack Dev", "Fullstack Developer"),
        ("R&D Lead", "R and D Lead"),
        ("Director of Sales", "Sales Director"),
        ("Head of Sales", "Head Sales"),
    ],
)
def test_abbreviations_and_connectors_read_both_ways(short: str, long: str) -> None:
    assert normalize_title(short) == normalize_title(long)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Senior Engineer", "Junior Engineer"),
        ("Lead Engineer", "Engineer"),
        ("Data Engineer", "Engineer"),
        ("Senior Product Manager", "Product Manager"),
        ("Full-Stack Developer", "Stack Developer"),
        ("IV Nurse", "Nurse"),
        ("Engineer (Backend)", "Engineer (Frontend)"),
        ("Remote Sensing Analyst", "Analyst"),
    ],
)
def test_words_that_carry_meaning_are_kept(one: str, other: str) -> None:
    assert normalize_title(one) != normalize_title(other)


def test_ambiguous_short_forms_keep_their_spelling_in_keys() -> None:
    assert normalize_title("Senior PM") == "pm @senior"
    assert normalize_title("Senior PM") != normalize_title("Senior Product Manager")


@pytest.mark.parametrize(
    ("text", "words", "level"),
    [
        ("Senior Software Engineer", ("engineer", "software"), "senior"),
        ("Sr. Data Engineer", ("data", "engineer"), "senior"),
        ("Staff Engineer", ("engineer",), "staff"),
        ("Principal Security Engineer", ("engineer", "security"), "principal"),
        ("Lead Product Designer", ("designer", "product"), "lead"),
        ("Head of Engineering", ("engineering",), "head"),
        ("Associate Product Manager", ("manager", "product"), "associate"),
        ("Mid-Level Data Analyst", ("analyst", "data"), "mid"),
        ("Entry Level Data Analyst", ("analyst", "data"), "junior"),
        ("Intern Software Engineer", ("engineer", "software"), "intern"),
        ("Data Engineer (Senior)", ("data", "engineer"), "senior"),
        ("Software Engineer - Senior, Payments", ("engineer", "software"), "senior"),
        ("machine learning engineer, junior", ("engineer", "learning", "machine"), "junior"),
        ("Software Engineer III", ("engineer", "software"), None),
        ("SDE 2", ("development", "engineer", "software"), None),
        ("ML Associate", ("associate", "learning", "machine"), None),  # a level word inside the title is a word
        ("Team Lead", ("lead", "team"), None),
    ],
)
def test_a_leading_or_optional_seniority_is_the_level_of_the_query(
    text: str, words: tuple[str, ...], level: str
) -> None:
    form = default_normalizer().query_forms(text)[-1 if "," in text or " - " in text else 0]
    assert (form.words, form.level) == (words, level)


@pytest.mark.parametrize("text", ["senior", "Sr.", "Lead", "head of", "Senior Staff", "Junior (Remote)"])
def test_a_level_alone_is_no_title(text: str) -> None:
    assert default_normalizer().query_forms(text) == []
    assert default_normalizer().level_only(text) is not None


def test_a_name_that_is_only_a_level_word_keeps_it_as_its_title() -> None:
    assert normalize_title("Principal") == "principal"
    assert [f.words for f in default_normalizer().name_forms("Principal")] == [("principal",)]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("<@U123ABC> Scrum Master", "master scrum"),
        ("<!channel> Scrum Master <!here>", "master scrum"),
        ("<https://jobs.example.com/1|Scrum Master>", "master scrum"),
        ("<https://jobs.example.com/1>", ""),
        ("<#C123|general> Scrum Master", "master scrum"),
        ("Build &amp; Release Engineer", normalize_title("Build and Release Engineer")),
        ("&lt;b&gt;Scrum Master&lt;/b&gt;", "b master scrum"),
        (":rocket: Scrum Master :tada:", "master scrum"),
    ],
)
def test_slack_markup_is_read_as_text(text: str, key: str) -> None:
    assert normalize_title(text) == key


@pytest.mark.parametrize(
    "text",
    ["", "   \t\n ", "!!!---???", "\x00\x01\x1b\x7f\x08", "🚀🔥💯", "\u200f\u200e\u202e", ":tada: :rocket:"],
)
def test_text_without_words_has_an_empty_key_and_no_reading(text: str) -> None:
    assert normalize_title(text) == ""
    assert default_normalizer().query_forms(text) == []


def test_right_to_left_and_other_scripts_are_kept_as_words() -> None:
    assert normalize_title("مهندس تعلم الآلة") != ""
    assert normalize_title("Ingénieur  Junior") == "ingenieur junior"


def test_long_input_is_capped() -> None:
    forms = default_normalizer().query_forms("Senior Engineer " * 5_000)
    assert forms[0].words == ("engineer", "senior")
    many = " ".join(f"word{n}" for n in range(5_000))
    assert len(normalize_title(many).split()) == MAX_WORDS
    assert all(len(form.words) <= MAX_WORDS for form in default_normalizer().query_forms(many))


def test_query_readings_put_the_full_text_first_then_without_optional_parts() -> None:
    forms = default_normalizer().query_forms("Senior Product Manager (Payments) - Acme, Berlin")
    assert forms[0].key == "acme berlin manager payments product"
    assert forms[0].weight == 1.0
    assert forms[1].key == "manager product"
    assert forms[1].weight < 1.0
    assert {f.level for f in forms} == {"senior"}


def test_hyphen_inside_a_word_is_no_separator() -> None:
    forms = default_normalizer().query_forms("Full-Stack Developer - Acme")
    assert [f.key for f in forms] == ["acme developer fullstack", "developer fullstack"]


def test_ambiguous_short_forms_are_read_each_way_in_queries() -> None:
    forms = default_normalizer().query_forms("sr pm")
    assert [f.key for f in forms] == ["pm", "manager product", "manager project", "manager program"]
    assert {f.level for f in forms} == {"senior"}


def test_name_forms_make_a_parenthesis_optional() -> None:
    forms = default_normalizer().name_forms("Data Science Trainee (ML focus)")
    assert [f.key for f in forms] == ["data focus learning machine science trainee", "data science trainee"]


@given(st.text(max_size=300))
def test_any_text_gets_a_key_of_folded_words(text: str) -> None:
    key, _, level = normalize_title(text).partition(" @")
    assert level == "" or level.isalpha()
    words = key.split()
    assert key == " ".join(words)
    assert words == sorted(set(words))
    assert len(words) <= MAX_WORDS
    assert key == key.casefold()
    for form in default_normalizer().query_forms(text):
        assert 0 < len(form.words) <= MAX_WORDS
