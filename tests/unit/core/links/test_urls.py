"""Which board a URL is on: hosts are matched by registrable domain, so a lookalike host is never a board."""

from __future__ import annotations

import pytest

from bot.core.links.urls import board_of, parse_http_url


def board(url: str) -> tuple[bool, str | None]:
    parsed = parse_http_url(url)
    assert parsed is not None, url
    return board_of(parsed)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.indeed.com/viewjob?jk=4f7c1a2b3c4d5e6f", "Indeed"),
        ("https://uk.indeed.com/viewjob?jk=4f7c1a2b3c4d5e6f", "Indeed"),
        ("https://de.indeed.com/viewjob?jk=4f7c1a2b3c4d5e6f", "Indeed"),
        ("https://www.indeed.co.uk/rc/clk?jk=4f7c1a2b3c4d5e6f", "Indeed"),
        ("https://www.indeed.de/viewjob?jk=4f7c1a2b3c4d5e6f", "Indeed"),
        ("https://au.indeed.com.au/viewjob?jk=4f7c1a2b3c4d5e6f", "Indeed"),
        ("https://www.glassdoor.com/job-listing/data-analyst-acme-JV_IC1_KO0,12.htm?jl=1", "Glassdoor"),
        ("https://www.glassdoor.co.uk/job-listing/data-analyst-acme-JV_IC1_KO0,12.htm?jl=1", "Glassdoor"),
        ("https://www.linkedin.com/jobs/view/3912345678/", "LinkedIn"),
        ("https://uk.linkedin.com/jobs/view/3912345678/", "LinkedIn"),
        ("https://boards.greenhouse.io/acme/jobs/4012345", "Greenhouse"),
        ("https://acme.wd5.myworkdayjobs.com/en-US/External/job/Remote/Data-Analyst_R-1", "Workday"),
        ("https://jobs.smartrecruiters.com/Acme/743999-data-analyst", "SmartRecruiters"),
        ("https://apply.workable.com/acme/j/ABC123/", "Workable"),
        ("https://wellfound.com/jobs/123-data-analyst", "Wellfound"),
        ("https://stackoverflow.com/jobs/123/data-analyst", "Stack Overflow"),
    ],
)
def test_each_board_on_its_own_domains(url: str, expected: str) -> None:
    assert board(url) == (True, expected)


@pytest.mark.parametrize(
    ("url", "brand"),
    [
        ("https://indeed.foo.io/viewjob?jk=4f7c1a2b3c4d5e6f", "Indeed"),
        ("https://indeed.foo.io/q-data-analyst-jobs.html", "Indeed"),
        ("https://www.indeed.com.evil.io/viewjob?jk=4f7c1a2b3c4d5e6f", "Indeed"),
        ("https://notindeed.com/viewjob?jk=4f7c1a2b3c4d5e6f", "Indeed"),
        ("https://indeed.co.evil.io/viewjob?jk=4f7c1a2b3c4d5e6f", "Indeed"),
        ("https://notlinkedin.com/jobs/view/3912345678/", "LinkedIn"),
        ("https://linkedin.com.evil.io/jobs/view/3912345678/", "LinkedIn"),
        ("https://www.linkedin.com.evil.io/jobs/view/3912345678/", "LinkedIn"),
        ("https://glassdoor.foo.io/job-listing/data-analyst-acme-JV_IC1_KO0,12.htm", "Glassdoor"),
        ("https://glassdoor.com.evil.io/job-listing/data-analyst-acme-JV_IC1_KO0,12.htm", "Glassdoor"),
        ("https://boards.greenhouse.io.evil.io/acme/jobs/4012345", "Greenhouse"),
        ("https://boards.notgreenhouse.io/acme/jobs/4012345", "Greenhouse"),
        ("https://acme.myworkdayjobs.com.evil.io/en-US/External/job/Remote/Data-Analyst_R-1", "Workday"),
        ("https://jobs.lever.co.evil.io/acme/0b8f9d2e", "Lever"),
        ("https://jobs.ashbyhq.com.evil.io/acme/0b8f9d2e", "Ashby"),
        ("https://jobs.smartrecruiters.com.evil.io/Acme/743999-data-analyst", "SmartRecruiters"),
        ("https://apply.notworkable.com/acme/j/ABC123/", "Workable"),
        ("https://wellfound.com.evil.io/jobs/123-data-analyst", "Wellfound"),
        ("https://notstackoverflow.com/jobs/123/data-analyst", "Stack Overflow"),
    ],
)
def test_lookalike_hosts_are_not_the_board(url: str, brand: str) -> None:
    assert board(url)[1] != brand


def test_a_lookalike_is_judged_by_the_generic_rules_only() -> None:
    # The path and query that make an Indeed job page say nothing on someone else's host.
    assert board("https://indeed.foo.io/viewjob?jk=4f7c1a2b3c4d5e6f") == (False, None)
    # A /jobs/ segment is a job link on any host, but names no board there.
    assert board("https://linkedin.com.evil.io/jobs/view/3912345678/") == (True, None)
