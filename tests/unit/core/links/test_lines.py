"""A link's title from its own line (bot/core/links/lines.py): which text is read, how it is cleaned and judged."""

from __future__ import annotations

import pytest

from bot.core.links import extract_candidates
from bot.core.links.lines import MAX_LEAD_CHARS, Lead, is_chatty, lead_of, names_a_role
from bot.core.links.mrkdwn import split_mrkdwn
from bot.core.links.scan import MAX_LEADS_READ
from bot.core.links.titles import MAX_TITLE_CHARS, fold
from bot.core.links.wording import PERSON_WORDS, ROLE_WORDS

G1 = "https://boards.greenhouse.io/acme/jobs/4012345"
G2 = "https://boards.greenhouse.io/acme/jobs/4012346"
G3 = "https://boards.greenhouse.io/acme/jobs/4012347"


def leads(text: str) -> list[str | None]:
    """The cleaned lead of every link token of `text`."""
    spans = split_mrkdwn(text, 200).spans
    return [lead.text if (lead := lead_of(text, spans, n)) else None for n in range(len(spans))]


def text_titles(text: str) -> dict[str, str]:
    """Link → the title the scan read beside it."""
    scan = extract_candidates({"type": "message", "text": text})
    return {c.link or "": c.title for c in scan.candidates if c.source.value == "text"}


# --- which text belongs to which link ----------------------------------------------------------------------------


def test_each_link_takes_the_text_before_it_on_its_own_line() -> None:
    assert leads(f"Junior ML Engineer <{G1}>\nData Scientist <{G2}>") == ["Junior ML Engineer", "Data Scientist"]


def test_several_links_on_a_line_take_the_text_between_them() -> None:
    assert leads(f"Data Engineer <{G1}> and Data Analyst <{G2}> | Data Scientist <{G3}>") == [
        "Data Engineer",
        "Data Analyst",
        "Data Scientist",
    ]


def test_a_link_alone_on_its_line_takes_the_line_above() -> None:
    assert leads(f"Data Analyst\n<{G1}>") == ["Data Analyst"]
    assert leads(f"Data Analyst\n\n<{G1}>") == ["Data Analyst"]  # one blank line between is fine
    assert leads(f"Data Analyst\n\n\n<{G1}>") == [None]  # more is another paragraph
    assert leads(f"Data Analyst\n<{G1}> (remote, EU hours)") == ["Data Analyst"]  # words after it do not count


def test_the_line_above_must_hold_no_link() -> None:
    assert leads(f"Data Scientist <{G1}>\n<{G2}>") == ["Data Scientist", None]
    assert leads(f"Scrum Master\n<{G1}>\n<{G2}>") == ["Scrum Master", None]


def test_a_link_after_another_on_its_line_never_reads_the_line_above() -> None:
    assert leads(f"Data Scientist\n<{G1}> <{G2}>") == [None, None]


def test_the_line_above_the_first_line_is_nothing() -> None:
    assert leads(f"<{G1}>") == [None]
    assert leads(f"\n\n<{G1}>") == [None]


# --- cleaning ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("• Data Engineer", "Data Engineer"),
        ("- Data Engineer:", "Data Engineer"),
        ("* *Data Engineer* →", "Data Engineer"),
        ("1. Data Engineer", "Data Engineer"),
        ("(2) Data Engineer", "Data Engineer"),
        ("b) Data Engineer", "Data Engineer"),
        ("#3 Data Engineer", "Data Engineer"),
        ("[x] Data Engineer", "Data Engineer"),
        ("&gt; _Data Engineer_", "Data Engineer"),
        (":rocket: Data Engineer :rocket:", "Data Engineer"),
        ("🚀 Data Engineer 👉", "Data Engineer"),
        ("<@U0BOB> Data Engineer", "Data Engineer"),
        ("Hi <@U0BOB>, Data Engineer", "Data Engineer"),
        ("Hey team! Data Engineer", "Data Engineer"),
        ("Good morning everyone — Data Engineer", "Data Engineer"),
        ("Apply: Data Engineer", "Data Engineer"),
        ("Role - Data Engineer", "Data Engineer"),
        ("Data Engineer - apply here", "Data Engineer"),
        ("Data Engineer role, apply now ->", "Data Engineer"),
        ("Data Engineer (Berlin) =>", "Data Engineer (Berlin)"),
        ("the Data Engineer opening", "Data Engineer"),
        ("Check out this Data Engineer role at Globex!", "Data Engineer"),
        ("Data Engineer position in Berlin", "Data Engineer"),
        ("Data Engineer, DM me if you want a referral", "Data Engineer"),  # chat after a comma
        ("Software Engineer, Backend (Go)", "Software Engineer, Backend (Go)"),  # a team after a comma
        ("Great team. Data Engineer", "Data Engineer"),
        ("Data Engineer. Remote-friendly!", "Data Engineer"),  # the clause that names a role
        ("Sr. Data Engineer", "Sr. Data Engineer"),  # "Sr." ends no sentence
    ],
)
def test_cleaning(before: str, expected: str) -> None:
    assert leads(f"{before} <{G1}>") == [expected]


@pytest.mark.parametrize(
    "before",
    ["Apply:", "Apply here →", "cc <@U0BOB> <@U0CAROL>", ":eyes: :eyes:", "👇", "1.", "-", "Hola equipo! :wave: ->"],
)
def test_nothing_left(before: str) -> None:
    assert text_titles(f"{before} <{G1}>") == {}


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("We're hiring a *Junior ML Engineer* in Berlin :rocket:", "Junior ML Engineer"),
        ("We're looking for a Technical Program Manager in Berlin!", "Technical Program Manager"),
        ("Acme is hiring Staff Engineer", "Staff Engineer"),
        ("Hiring Manager", "Hiring Manager"),  # a role, not an announcement
        ("Hiring: Data Scientist", "Data Scientist"),
        ("On recrute un Data Scientist :", "Data Scientist"),
        ("Wir suchen einen Frontend Developer (m/w/d)", "Frontend Developer (m/w/d)"),
        ("¡Hola a todos! Buscamos un Business Analyst", "Business Analyst"),
        ("Ciao a tutti, cerchiamo un Data Engineer", "Data Engineer"),
        ("We're hiring a Software Engineer in Test", "Software Engineer in Test"),  # not a place
    ],
)
def test_announcements_name_what_follows(before: str, expected: str) -> None:
    assert text_titles(f"{before} <{G1}>") == {G1: expected}


def test_a_lead_keeps_its_clause_as_written_for_judging() -> None:
    spans = split_mrkdwn(f"anyone up for Data Engineer? <{G1}>", 10).spans
    lead = lead_of(f"anyone up for Data Engineer? <{G1}>", spans, 0)
    assert lead == Lead("anyone up for Data Engineer", "anyone up for Data Engineer?")


def test_two_links_may_share_a_title() -> None:
    assert text_titles(f"Data Engineer <{G1}>\nData Engineer <{G2}>") == {G1: "Data Engineer", G2: "Data Engineer"}


def test_a_short_link_lends_its_line_to_the_job_link_its_unfurl_shows() -> None:
    short = "https://lnkd.in/eXyZ123"
    job = "https://www.linkedin.com/jobs/view/3912345678"
    attachment = {"from_url": short, "title_link": job, "service_name": "LinkedIn"}  # no title in the preview
    scan = extract_candidates({"text": f"Data Scientist <{short}>", "attachments": [attachment]})
    assert [(c.title, c.source.value, c.link) for c in scan.candidates] == [("Data Scientist", "text", job)]


def test_labels_unfurls_and_slugs_rank_above_the_line() -> None:
    scan = extract_candidates({"text": f"Data Scientist <{G1}|Engineering Manager>"})
    assert [(c.title, c.source.value) for c in scan.candidates] == [
        ("Engineering Manager", "label"),
        ("Data Scientist", "text"),
    ]


# --- the index-free half of the judgement ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "clause", "chatty"),
    [
        ("Senior Rust Developer", None, False),
        ("Software Engineer I", None, False),  # a level, not a person
        ("Sr. Data Engineer, Payments", None, False),
        ("you should", None, True),
        ("Our team", None, True),
        ("I love this team", None, True),
        ("anyone interested in this", "anyone interested in this?", True),
        ("Data Engineer", "Data Engineer?", True),
        ("Great team. Data Engineer", None, True),
        ("lol", "lol!", False),  # an exclamation mark alone is no sentence; "lol" is no role either
        ("one two three four five six seven eight nine", None, True),
    ],
)
def test_is_chatty(title: str, clause: str | None, chatty: bool) -> None:
    assert is_chatty(title, clause) is chatty


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Senior Rust Developer", True),
        ("Tech Lead, Payments", True),
        ("jr ml eng", True),  # the lexicon's short form
        ("Head of Growth", True),
        ("Ingénieur ML", True),
        ("Two for the team", False),
        ("New grad friendly", False),
        ("Engineering", False),  # a department
    ],
)
def test_names_a_role(title: str, role: bool) -> None:
    assert names_a_role(title) is role


# --- bounded cost ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "word " * 7_990 + f"\n<{G1}>",
        " - " * 13_000 + f"<{G1}>",
        ". " * 19_000 + f"<{G1}>",
        "hi, " * 9_900 + f"<{G1}>",
        "Data Scientist" + "\n" * 39_000 + f"<{G1}>",
        "🚀" * 39_000 + f" <{G1}>",
        "\n".join(f"{'x' * 150} <{G1}>" for _ in range(200)),
        " ".join(f"and Staff Engineer <https://jobs.example.com/jobs/{i}>" for i in range(200)),
    ],
)
def test_adversarial_lines_are_read_within_the_caps(text: str) -> None:
    scan = extract_candidates({"text": text[:40_000]})
    assert all(len(c.title) <= MAX_TITLE_CHARS for c in scan.candidates)
    assert sum(c.source.value == "text" for c in scan.candidates) <= MAX_LEADS_READ


def test_only_the_last_characters_before_a_link_are_read() -> None:
    long = "x" * MAX_LEAD_CHARS + ". Data Engineer"
    assert leads(f"{long} <{G1}>") == ["Data Engineer"]
    assert leads(f"{'y' * (MAX_LEAD_CHARS + 5)} <{G1}>") == [None]  # a clause cut by the cap is not read


def test_the_word_lists_are_folded_words() -> None:
    assert all(fold(word) == word and " " not in word for word in ROLE_WORDS | PERSON_WORDS)
