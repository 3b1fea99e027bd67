"""Job links and title candidates from Slack messages shaped as the "Identify specimen" shortcut receives them."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.links import MAX_LINKS, JobLink, LinkScan, Source, TitleCandidate, extract_candidates
from bot.core.links.mrkdwn import split_mrkdwn, unescape
from bot.core.links.scan import MAX_CANDIDATES
from bot.core.links.titles import MAX_TITLE_CHARS
from bot.core.links.urls import parse_http_url
from tests.support.payloads import unfurl

LEVER_ID = "0b8f9d2e-1c3a-4f5b-9e7d-2a6c8b4e1f30"


def scan_text(text: str) -> LinkScan:
    return extract_candidates({"type": "message", "text": text, "user": "U0123ABCD", "ts": "1718000000.000100"})


def titles(scan: LinkScan) -> list[tuple[str, str]]:
    return [(c.title, c.source.value) for c in scan.candidates]


def rich_text(*elements: dict[str, Any]) -> list[dict[str, Any]]:
    """A user message's `blocks`, exactly as Slack stores them."""
    return [
        {
            "type": "rich_text",
            "block_id": "Xk3f",
            "elements": [{"type": "rich_text_section", "elements": list(elements)}],
        }
    ]


# --- URLs of each board: is it a job link, which board, which title does the URL itself spell -------------------

BOARD_URLS = [
    (
        "https://www.linkedin.com/jobs/view/junior-machine-learning-engineer-at-acme-corp-3912345678",
        "LinkedIn",
        ["junior machine learning engineer"],
    ),
    (
        "https://uk.linkedin.com/jobs/view/data-analyst-at-globex-3987654321/?trk=public_jobs",
        "LinkedIn",
        ["data analyst"],
    ),
    ("https://www.linkedin.com/jobs/view/3912345678/", "LinkedIn", []),
    ("https://www.linkedin.com/jobs/collections/recommended/?currentJobId=3912345678", "LinkedIn", []),
    (
        "https://acme.wd5.myworkdayjobs.com/en-US/External/job/Remote-USA/Junior-ML-Engineer_R-12345",
        "Workday",
        ["Junior ML Engineer"],
    ),
    (
        "https://acme.wd1.myworkdayjobs.com/fr-FR/Careers/job/Paris/Ing%C3%A9nieur-ML_R-1/apply",
        "Workday",
        ["Ingénieur ML"],
    ),
    (
        "https://www.indeed.com/q-junior-machine-learning-engineer-jobs.html",
        "Indeed",
        ["junior machine learning engineer"],
    ),
    ("https://www.indeed.com/q-junior-ml-engineer-l-new-york,-ny-jobs.html", "Indeed", ["junior ml engineer"]),
    ("https://www.indeed.com/jobs?q=junior+ml+engineer&l=Remote", "Indeed", ["junior ml engineer"]),
    ("https://www.indeed.com/viewjob?jk=4f7c1a2b3c4d5e6f", "Indeed", []),
    ("https://uk.indeed.com/viewjob?jk=4f7c1a2b3c4d5e6f&from=serp", "Indeed", []),
    ("https://www.indeed.co.uk/rc/clk?jk=4f7c1a2b3c4d5e6f", "Indeed", []),
    ("https://boards.greenhouse.io/acme/jobs/4012345", "Greenhouse", []),
    ("https://job-boards.greenhouse.io/acme/jobs/4012345?gh_src=slack", "Greenhouse", []),
    ("https://boards.greenhouse.io/embed/job_app?for=acme&token=4012345", "Greenhouse", []),
    ("https://acme.com/careers/open-roles?gh_jid=4012345", "Greenhouse", []),
    (f"https://jobs.lever.co/acme/{LEVER_ID}", "Lever", []),
    (f"https://jobs.lever.co/acme/{LEVER_ID}/apply", "Lever", []),
    (f"https://jobs.ashbyhq.com/acme/{LEVER_ID}", "Ashby", []),
    ("https://jobs.lever.co/acme/ид-вакансии-٣٩١٢", "Lever", []),
    (
        "https://jobs.smartrecruiters.com/AcmeCorp/743999912345678-junior-ml-engineer",
        "SmartRecruiters",
        ["junior ml engineer"],
    ),
    ("https://apply.workable.com/acme/j/ABC123DEF4/", "Workable", []),
    (
        "https://www.glassdoor.com/job-listing/junior-ml-engineer-acme-corp-JV_IC1147401_KO0,18_KE19,28.htm?jl=1009",
        "Glassdoor",
        ["junior ml engineer"],
    ),
    ("https://wellfound.com/jobs/2345678-junior-ml-engineer", "Wellfound", ["junior ml engineer"]),
    ("https://angel.co/company/acme/jobs/2345678-junior-ml-engineer", "Wellfound", ["junior ml engineer"]),
    (
        "https://stackoverflow.com/jobs/123456/junior-ml-engineer-acme-corp",
        "Stack Overflow",
        ["junior ml engineer acme corp"],
    ),
    ("https://jobs.example.com/jobs/12345/senior-product-manager", None, ["senior product manager"]),
    ("https://acme.com/careers/senior-product-manager/apply", None, ["senior product manager"]),
    ("https://careers.acme.com/us/en/job/R-12345/Senior-Data-Scientist", None, ["Senior Data Scientist"]),
    ("https://acme.com/careers", None, []),  # a list of openings: a job link that needs the title asked for
    ("https://boards.greenhouse.io/acme", "Greenhouse", []),
    ("https://jobs.lever.co/acme", "Lever", []),
    ("https://careers.acme.com/", None, []),
    ("https://jobs.example.com/jobs/123/ing%C3%A9nieur-logiciel", None, ["ingénieur logiciel"]),
    ("https://jobs.example.com/jobs/123/c%2B%2B+developer", None, ["c++ developer"]),
    ("https://jobs.exämple.com/jobs/1/senior-pm-lead", None, ["senior pm lead"]),
]


@pytest.mark.parametrize(("url", "board", "url_titles"), BOARD_URLS)
def test_job_board_urls(url: str, board: str | None, url_titles: list[str]) -> None:
    scan = scan_text(f"<{url}>")
    assert scan.job_links == (JobLink(url, board),)
    assert scan.other_links == ()
    assert [c.title for c in scan.candidates] == url_titles
    assert all(c.source is Source.URL and c.link == url for c in scan.candidates)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/jane-doe-123/",
        "https://www.linkedin.com/posts/acme_hiring-activity-7123",
        "https://example.com/blog/why-we-hire",
        "https://github.com/acme/specimen",
        "https://lnkd.in/eXyZ123",
        "https://www.indeed.com/",
        "https://acme.slack.com/archives/C0123ABCD/p1718000000000100",
        "https://www.greenhouse.io/pricing",
        "https://www.indeed.com/career/salaries",
        "https://www.linkedin.com/company/acme/life",
        "https://example.com/search?jk=lol",
    ],
)
def test_links_that_are_not_job_links(url: str) -> None:
    scan = scan_text(f"have a look <{url}>")
    assert scan.job_links == ()
    assert scan.other_links == (url,)
    assert scan.has_link and not scan.has_job_link


def test_linkedin_slug_with_at_in_title_or_company_offers_both_splits() -> None:
    scan = scan_text("<https://www.linkedin.com/jobs/view/engineer-at-large-at-acme-3912345678>")
    assert [c.title for c in scan.candidates] == ["engineer at large", "engineer"]


def test_linkedin_id_in_other_digits_is_not_stripped_as_an_id() -> None:
    scan = scan_text("<https://uk.linkedin.com/jobs/view/ml-engineer-at-acme-٣٩١٢٣٤>")
    assert [c.title for c in scan.candidates] == ["ml engineer"]


# --- unfurl titles: site suffixes and board patterns cleaned -------------------------------------------------------

UNFURLS = [
    (
        "https://www.linkedin.com/jobs/view/3912345678/",
        "Acme Corp hiring Junior Machine Learning Engineer in London, England, United Kingdom | LinkedIn",
        "LinkedIn",
        "Junior Machine Learning Engineer",
    ),
    (
        "https://www.linkedin.com/jobs/view/3912345678/",
        "Acme Corp hiring Software Engineer in Test in Seattle, WA | LinkedIn",
        "LinkedIn",
        "Software Engineer in Test",
    ),
    (
        "https://www.indeed.com/viewjob?jk=4f7c1a2b3c4d5e6f",
        "Junior Machine Learning Engineer - Acme Corp - San Francisco, CA - Indeed.com",
        "Indeed",
        "Junior Machine Learning Engineer",
    ),
    (
        "https://boards.greenhouse.io/acme/jobs/4012345",
        "Job Application for Junior ML Engineer at Acme Corp",
        None,
        "Junior ML Engineer",
    ),
    (
        "https://boards.greenhouse.io/acme/jobs/4012345",
        "Junior ML Engineer | Greenhouse",
        "Greenhouse",
        "Junior ML Engineer",
    ),
    (f"https://jobs.lever.co/acme/{LEVER_ID}", "Junior ML Engineer at Acme | Lever", None, "Junior ML Engineer"),
    (f"https://jobs.lever.co/acme/{LEVER_ID}", "Acme Corp - Junior ML Engineer", None, "Junior ML Engineer"),
    (f"https://jobs.ashbyhq.com/acme/{LEVER_ID}", "Junior ML Engineer @ Acme", None, "Junior ML Engineer"),
    (
        "https://www.glassdoor.com/partner/jobListing.htm?jobListingId=1009",
        "Junior ML Engineer Job in Austin, TX at Acme Corp | Glassdoor",
        "Glassdoor",
        "Junior ML Engineer",
    ),
    ("https://careers.acme.com/jobs/123", "Senior PM, Growth | Careers at Acme", None, "Senior PM, Growth"),
    ("https://careers.acme.com/jobs/123", "Senior PM - Growth - Acme Careers", None, "Senior PM - Growth"),
    ("https://careers.acme.com/jobs/123", "Data Engineer at Acme", None, "Data Engineer"),
    ("https://jobs.example.com/jobs/123", "R&amp;D Engineer &#8211; Optics", None, "R&D Engineer – Optics"),
]


@pytest.mark.parametrize(("url", "title", "service", "expected"), UNFURLS)
def test_unfurl_titles_are_cleaned(url: str, title: str, service: str | None, expected: str) -> None:
    scan = extract_candidates({"text": f"<{url}>", "attachments": [unfurl(url, title, service)]})
    assert scan.job_links[0].url == url
    assert scan.candidates[0] == TitleCandidate(expected, Source.UNFURL, url)


def test_unfurl_without_title_uses_the_fallback_without_its_service_prefix() -> None:
    url = "https://boards.greenhouse.io/acme/jobs/4012345"
    attachment = {"from_url": url, "service_name": "Acme", "fallback": "Acme: Platform Engineer"}
    scan = extract_candidates({"text": f"<{url}>", "attachments": [attachment]})
    assert titles(scan) == [("Platform Engineer", "unfurl")]


def test_attachment_without_title_or_fallback_still_marks_the_job_link() -> None:
    url = "https://boards.greenhouse.io/acme/jobs/4012345"
    scan = extract_candidates({"text": "", "attachments": [{"from_url": url, "image_url": "https://x.com/a.png"}]})
    assert scan.job_links == (JobLink(url, "Greenhouse"),)
    assert scan.candidates == ()


def test_unfurl_of_a_non_job_page_gives_no_title() -> None:
    url = "https://example.com/blog/post"
    scan = extract_candidates({"text": f"<{url}>", "attachments": [unfurl(url, "Senior Data Engineer", "Example")]})
    assert scan.other_links == (url,)
    assert scan.candidates == ()


def test_canonical_title_link_is_not_a_second_job() -> None:
    posted = "https://www.linkedin.com/jobs/view/3912345678/?trackingId=abc%3D%3D&refId=xyz"
    canonical = "https://www.linkedin.com/jobs/view/3912345678"
    attachment = unfurl(posted, "Acme hiring Junior ML Engineer in Remote | LinkedIn", "LinkedIn")
    attachment["title_link"] = canonical
    scan = extract_candidates({"text": f"<{posted}>", "attachments": [attachment]})
    assert scan.job_links == (JobLink(posted, "LinkedIn"),)
    assert titles(scan) == [("Junior ML Engineer", "unfurl")]


def test_short_link_whose_unfurl_points_at_a_job_board() -> None:
    short = "https://lnkd.in/eXyZ123"
    job = "https://www.linkedin.com/jobs/view/3912345678"
    attachment = {"from_url": short, "title_link": job, "title": "Acme hiring Junior ML Engineer in Remote | LinkedIn"}
    scan = extract_candidates({"text": f"<{short}>", "attachments": [attachment]})
    assert scan.job_links == (JobLink(job, "LinkedIn"),)
    assert scan.other_links == (short,)
    assert scan.candidates[0].link == job


# --- labels, rich_text, message text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Junior ML Engineer", ["Junior ML Engineer"]),
        ("Junior ML Engineer at Acme", ["Junior ML Engineer"]),
        ("Junior ML Engineer | LinkedIn", ["Junior ML Engineer"]),
        ("Staff Engineer, Hiring Platform", ["Staff Engineer, Hiring Platform"]),
        ("Hiring Manager", ["Hiring Manager"]),
        ("here", []),
        ("Apply here", []),
        ("LinkedIn", []),
        ("careers.acme.com/jobs/123", []),
        ("https://careers.acme.com/jobs/123", []),
        ("www.acme.com", []),
        ("", []),
        ("x" * (MAX_TITLE_CHARS + 1), []),
        ("1234", []),
    ],
)
def test_link_labels(label: str, expected: list[str]) -> None:
    scan = scan_text(f"<https://careers.acme.com/jobs/123|{label}>")
    assert [c.title for c in scan.candidates] == expected
    assert all(c.source is Source.LABEL for c in scan.candidates)


def test_entities_are_unescaped_in_urls_and_labels_but_never_make_links() -> None:
    scan = scan_text("&lt;https://evil.example/jobs/1&gt; <https://jobs.example.com/jobs/1?a=1&amp;b=2|R&amp;D Lead>")
    assert scan.job_links == (JobLink("https://jobs.example.com/jobs/1?a=1&b=2", None),)
    assert titles(scan)[0] == ("R&D Lead", "label")


def test_unescape_is_a_single_pass() -> None:
    assert unescape("&amp;lt; &lt;b&gt; a&amp;b &quot;") == "&lt; <b> a&b &quot;"


def test_slack_mentions_are_not_links() -> None:
    parts = split_mrkdwn("<@U0123ABCD> <@W0123|jane> <#C0123ABCD|general> <#C987|> <!here> <!subteam^S0123|@ml>", 20)
    assert parts.links == ()
    scan = scan_text("<@U0123ABCD> <#C0123ABCD|general> <!here|@here> <!subteam^S0123> <!date^1392734382^{date}|Feb>")
    assert not scan.has_link
    assert scan.candidates == ()


def test_rich_text_link_elements() -> None:
    url = "https://jobs.example.com/jobs/12345/senior-product-manager"
    blocks = rich_text(
        {"type": "text", "text": "Saw this: "},
        {"type": "link", "url": url, "text": "Senior PM, Payments"},
        {"type": "emoji", "name": "eyes", "unicode": "1f440"},
    )
    scan = extract_candidates({"text": f"Saw this: <{url}|Senior PM, Payments> :eyes:", "blocks": blocks})
    assert scan.job_links == (JobLink(url, None),)
    assert titles(scan) == [("Senior PM, Payments", "label"), ("senior product manager", "url")]


def test_rich_text_only_message_and_nested_lists() -> None:
    url = f"https://jobs.lever.co/acme/{LEVER_ID}"
    blocks = [
        {
            "type": "rich_text",
            "elements": [
                {
                    "type": "rich_text_list",
                    "style": "bullet",
                    "elements": [
                        {
                            "type": "rich_text_section",
                            "elements": [{"type": "link", "url": url, "text": "Data Engineer"}],
                        }
                    ],
                }
            ],
        }
    ]
    scan = extract_candidates({"blocks": blocks})
    assert titles(scan) == [("Data Engineer", "rich_text")]
    assert scan.titles_for(url) == scan.candidates


def test_bot_message_blocks_with_mrkdwn_sections_and_buttons() -> None:
    job = "https://boards.greenhouse.io/acme/jobs/4012345"
    message = {
        "type": "message",
        "subtype": "bot_message",
        "bot_id": "B0123",
        "text": "New job posted",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": f"*<{job}|Junior ML Engineer>*"}},
            {
                "type": "actions",
                "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Apply"}, "url": job}],
            },
        ],
    }
    scan = extract_candidates(message)
    assert scan.from_bot
    assert scan.job_links == (JobLink(job, "Greenhouse"),)
    assert titles(scan) == [("Junior ML Engineer", "label")]


def test_message_text_is_the_last_candidate() -> None:
    url = "https://boards.greenhouse.io/acme/jobs/4012345"
    scan = scan_text(f"We're hiring a *Junior ML Engineer* in Berlin :rocket: <{url}>")
    clause = "We're hiring a Junior ML Engineer in Berlin"  # as written: the caller judges whether it is a title
    assert scan.candidates == (TitleCandidate("Junior ML Engineer", Source.TEXT, url, clause),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hiring: Junior Data Analyst (remote)", "Junior Data Analyst (remote)"),
        ("Acme is hiring an Applied Scientist in Zürich :tada:", "Applied Scientist"),
        ("Hiring Manager", "Hiring Manager"),
        ("&gt; Junior ML Engineer", "Junior ML Engineer"),
        ("• _Data Engineer_ •", "Data Engineer"),
        ("İstanbul Data Engineer at Acme", "İstanbul Data Engineer"),
    ],
)
def test_message_text_read_as_a_title(text: str, expected: str) -> None:
    scan = scan_text(f"{text} <https://acme.com/careers/123>")
    assert [(c.title, c.source, c.link) for c in scan.candidates] == [
        (expected, Source.TEXT, "https://acme.com/careers/123")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "We're hiring!",
        "we are hiring",
        "look",
        "check this out!",
        "<@U0123ABCD> fyi",
        "",
        "   ",
        "see: " + "a very long message " * 10,
        ":eyes: :eyes:",
    ],
)
def test_message_text_that_is_not_a_title(text: str) -> None:
    scan = scan_text(f"{text} <https://boards.greenhouse.io/acme/jobs/4012345>")
    assert scan.has_job_link
    assert scan.candidates == ()


def test_ranking_and_deduplication_across_sources_and_links() -> None:
    first = "https://www.linkedin.com/jobs/view/junior-machine-learning-engineer-at-acme-corp-3912345678"
    second = "https://boards.greenhouse.io/globex/jobs/4012345"
    message = {
        "text": f"Two for the team: <{first}|Applied Scientist> and <{second}>\n",
        "blocks": rich_text(
            {"type": "text", "text": "Two for the team: "},
            {"type": "link", "url": first, "text": "Applied Scientist"},
            {"type": "text", "text": " and "},
            {"type": "link", "url": second},
        ),
        "attachments": [
            unfurl(second, "Job Application for Data Engineer at Globex"),
            unfurl(first, "Acme Corp hiring Junior Machine Learning Engineer in Remote | LinkedIn", "LinkedIn"),
        ],
    }
    scan = extract_candidates(message)
    assert scan.job_links == (JobLink(first, "LinkedIn"), JobLink(second, "Greenhouse"))
    assert [(c.title, c.source.value, c.link) for c in scan.candidates] == [
        ("Applied Scientist", "label", first),
        ("Junior Machine Learning Engineer", "unfurl", first),  # the URL slug says the same: dropped
        ("Data Engineer", "unfurl", second),
        ("Two for the team", "text", first),  # the words before each link on its line ("and" is no title)
    ]
    assert scan.best == scan.candidates[0]
    assert [c.title for c in scan.titles_for(second)] == ["Data Engineer"]


def test_candidates_that_match_alike_count_once() -> None:
    url = "https://www.linkedin.com/jobs/view/junior-machine-learning-engineer-at-acme-corp-3912345678"
    scan = scan_text(f"<{url}|Junior ML Engineer>")
    assert titles(scan) == [("Junior ML Engineer", "label")]


def test_same_url_in_text_blocks_and_attachment_is_one_link() -> None:
    url = "https://jobs.example.com/jobs/12345/senior-product-manager"
    message = {
        "text": f"<{url}|Senior Product Manager> <http://jobs.example.com/jobs/12345/senior-product-manager/>",
        "blocks": rich_text({"type": "link", "url": url, "text": "Senior Product Manager"}),
        "attachments": [unfurl(url, "Senior Product Manager | Example Jobs")],
    }
    scan = extract_candidates(message)
    assert len(scan.job_links) == 1
    assert titles(scan) == [("Senior Product Manager", "label")]


def test_only_non_job_links_means_no_job_link() -> None:
    scan = scan_text("Great read <https://example.com/blog/ml-hiring|ML Hiring Trends>")
    assert scan.has_link and not scan.has_job_link
    assert scan.job_links == ()
    assert scan.candidates == ()  # labels of non-job links are not titles


def test_no_links_at_all() -> None:
    scan = scan_text("Junior ML Engineer")
    assert not scan.has_link
    assert scan.candidates == ()  # no job ad, so nothing to identify


# --- bad input ---------------------------------------------------------------------------------------------------

BAD_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)//https://jobs.example.com/jobs/1",
    "file:///etc/passwd",
    "mailto:jobs@acme.com",
    "slack://channel?team=T1&id=C1",
    "ftp://jobs.example.com/jobs/1",
    "data:text/html,<b>x</b>",
    "http://",
    "https://",
    "https:///jobs/1",
    "http://[::1",
    "http://jobs.example.com:99999/jobs/1",
    "http://jobs.example.com:abc/jobs/1",
    "https://exa mple.com/jobs/1",
    "https://example/jobs/1",
    "https://-.-/jobs/1",
    "https://jobs.example.com\\@evil.com/jobs/1",
    "https://jobs.example.com/jobs/\x00/1",
    "//jobs.example.com/jobs/1",
    "jobs.example.com/jobs/1",
    "https://jobs.example.com/jobs/" + "a" * 3000,
    "https://jobs.example.com/jobs/1>evil",
    "https://jobs.example.com/jobs/1?a=<b>",
    'https://jobs.example.com/jobs/1"onclick="x',
]


@pytest.mark.parametrize("raw", BAD_URLS)
def test_unsafe_or_malformed_urls_are_never_links(raw: str) -> None:
    assert parse_http_url(raw) is None
    in_text = f"<{raw}|Junior ML Engineer>" if "<" not in raw and ">" not in raw else ""  # ">" would end the token
    scan = extract_candidates(
        {
            "text": in_text,
            "blocks": rich_text({"type": "link", "url": raw, "text": "Junior ML Engineer"}),
            "attachments": [unfurl(raw, "Junior ML Engineer")],
        }
    )
    assert not scan.has_link
    assert all(c.link is None for c in scan.candidates)


@pytest.mark.parametrize(
    "message",
    [
        {},
        {"text": None, "blocks": None, "attachments": None},
        {"text": 42, "blocks": 3.5, "attachments": "nope"},
        {"text": ["<https://jobs.example.com/jobs/1>"], "blocks": {"type": "rich_text"}, "attachments": {"title": "x"}},
        {"blocks": [None, 1, "x", [], {"type": None}, {"type": "rich_text", "elements": None}]},
        {
            "blocks": rich_text(
                {"type": "link"}, {"type": "link", "url": None, "text": 5}, {"type": "link", "url": ["x"]}
            )
        },
        {"attachments": [None, 7, [], {"from_url": 5, "title": ["t"], "fallback": {}, "service_name": 1}]},
        {"attachments": [{"title": "Junior ML Engineer"}]},  # a title with no URL belongs to no link
        {"subtype": None, "bot_id": 123, "text": "", "user": None},
        {1: "x", None: "y", "text": "\ud800<https://jobs.example.com/jobs/1/\udfff-lead-dev>"},
    ],
)
def test_wrong_types_and_missing_keys_never_raise(message: dict[Any, Any]) -> None:
    scan = extract_candidates(message)
    assert isinstance(scan, LinkScan)
    assert all(link.url.startswith(("http://", "https://")) for link in scan.job_links)


@pytest.mark.parametrize("message", [None, [], "text", 5])
def test_non_mapping_input_gives_an_empty_scan(message: Any) -> None:
    assert extract_candidates(message) == LinkScan()


def test_bot_messages_are_scanned_and_flagged() -> None:
    url = "https://boards.greenhouse.io/acme/jobs/4012345"
    assert extract_candidates({"subtype": "bot_message", "text": f"<{url}>"}).from_bot
    assert extract_candidates({"bot_id": "B0123", "text": f"<{url}>"}).has_job_link
    assert not scan_text(f"<{url}>").from_bot


def test_two_hundred_links_are_capped_and_flagged() -> None:
    text = " ".join(f"<https://jobs.example.com/jobs/{i}/senior-engineer-{i}|Role {i} Lead>" for i in range(200))
    scan = scan_text(text)
    assert scan.truncated
    assert len(scan.job_links) == MAX_LINKS
    assert scan.job_links[0].url == "https://jobs.example.com/jobs/0/senior-engineer-0"
    assert len(scan.candidates) <= MAX_CANDIDATES


def test_repeated_link_is_not_truncation() -> None:
    url = "https://boards.greenhouse.io/acme/jobs/4012345"
    scan = scan_text(" ".join(f"<{url}>" for _ in range(30)))
    assert scan.job_links == (JobLink(url, "Greenhouse"),)
    assert not scan.truncated


def test_many_attachments_and_blocks_are_capped() -> None:
    url = "https://boards.greenhouse.io/acme/jobs/4012345"
    message = {
        "attachments": [unfurl(f"{url}{i}", "Data Engineer") for i in range(150)],
        "blocks": rich_text(*({"type": "link", "url": f"https://jobs.example.com/jobs/{i}"} for i in range(5000))),
    }
    scan = extract_candidates(message)
    assert scan.truncated
    assert len(scan.job_links) == MAX_LINKS


def test_deeply_nested_blocks_stop_at_the_depth_cap() -> None:
    node: dict[str, Any] = {"type": "link", "url": "https://jobs.example.com/jobs/1/deep-role-title"}
    for _ in range(500):
        node = {"type": "rich_text_section", "elements": [node]}
    assert extract_candidates({"blocks": [node]}).job_links == ()


def test_forty_thousand_character_message_is_scanned() -> None:
    url = "https://jobs.example.com/jobs/1/senior-product-manager"
    text = "lorem ipsum " * 3300 + f"<{url}>"
    assert len(text) < 40_000
    scan = scan_text(text)
    assert scan.job_links == (JobLink(url, None),)
    assert not scan.truncated
    beyond = scan_text("x" * 40_000 + f"<{url}>")
    assert beyond.truncated and not beyond.has_link


@pytest.mark.parametrize(
    "text",
    [
        "<" * 40_000,
        ">" * 40_000,
        "<http" * 8_000,
        "<https://" * 4_000,
        "<https://jobs.example.com/jobs/1|" * 1_000,
        "&amp;" * 8_000,
        "&" * 40_000,
        "|" * 40_000,
        " - " * 13_000,
        ":" * 40_000,
        "<@" * 20_000,
        "<" + "a" * 39_998 + ">",
        "<https://jobs.example.com/jobs/1|" + " at " * 9_000 + ">",
        "hiring " * 5_000,
    ],
)
def test_adversarial_text_is_handled(text: str) -> None:
    scan = scan_text(text)
    assert len(scan.job_links) + len(scan.other_links) <= MAX_LINKS
    assert all(len(c.title) <= MAX_TITLE_CHARS for c in scan.candidates)


# --- properties --------------------------------------------------------------------------------------------------

_LINKISH = st.sampled_from(
    [
        "<",
        ">",
        "|",
        "&amp;",
        "&lt;",
        "https://",
        "http://",
        "jobs.example.com/jobs/",
        "linkedin.com/jobs/view/",
        "-at-",
        "%C3%A9",
        "%",
        "+",
        "_R-1",
        " at ",
        " | ",
        " - ",
        "hiring ",
        "<@U1>",
        "<!here>",
        "javascript:",
        "\n",
        "é",
        "٣",
    ]
)
_TEXT = st.lists(st.one_of(_LINKISH, st.text(max_size=12)), max_size=30).map("".join)
_MESSAGE_KEYS = ["type", "text", "url", "elements", "fields", "title", "title_link", "from_url", "original_url"]
_KEYS = st.sampled_from([*_MESSAGE_KEYS, "fallback", "service_name", "subtype", "bot_id"]) | st.text(max_size=5)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | _TEXT
    | st.sampled_from(["link", "rich_text", "rich_text_section", "button", "mrkdwn", "section", "bot_message"])
    | st.sampled_from([url for url, _, _ in BOARD_URLS])
)
_JSON = st.recursive(
    _SCALARS,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(_KEYS, children, max_size=6),
    max_leaves=40,
)
_MESSAGE = st.dictionaries(st.sampled_from(["text", "blocks", "attachments", "subtype", "bot_id"]), _JSON, max_size=5)


def _assert_bounded(scan: LinkScan) -> None:
    assert len(scan.job_links) + len(scan.other_links) <= MAX_LINKS
    assert len(scan.candidates) <= MAX_CANDIDATES
    links = {link.url for link in scan.job_links}
    for link in [*links, *scan.other_links]:
        assert link.startswith(("http://", "https://"))
        assert not any(ch.isspace() or ch in '<>|"`' for ch in link)
    for candidate in scan.candidates:
        assert 0 < len(candidate.title) <= MAX_TITLE_CHARS
        assert candidate.link is None or candidate.link in links


@pytest.mark.slow  # hypothesis, hundreds of examples: the full run keeps it, the inner loop skips it
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_MESSAGE)
def test_any_json_like_message_never_raises(message: dict[str, Any]) -> None:
    _assert_bounded(extract_candidates(message))


@settings(max_examples=300)
@given(_TEXT)
def test_any_text_never_raises(text: str) -> None:
    _assert_bounded(scan_text(text))
    _assert_bounded(extract_candidates({"blocks": rich_text({"type": "link", "url": text, "text": text})}))
    _assert_bounded(extract_candidates({"attachments": [{"from_url": text, "title": text, "fallback": text}]}))
