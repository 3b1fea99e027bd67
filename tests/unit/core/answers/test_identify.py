"""Which job link "Identify specimen" shows first, and what each link of the chooser looks up (pure parts)."""

from __future__ import annotations

from bot.core.answers.identify import link_choices, reads_as_title, short_address
from bot.core.cards.chooser import Chooser, LinkChoice
from bot.core.links import JobLink, LinkScan, Source, TitleCandidate, extract_candidates
from bot.core.matching.result import Candidate, Hit, LookupResult, Miss
from tests.support.cards import seed_specimen

SEED = seed_specimen()
A = "https://jobs.example.com/jobs/1/a"
B = "https://www.linkedin.com/jobs/view/3912345678/"
C = "https://boards.greenhouse.io/acme/jobs/4012345"


class Lookup:
    """Hits for the titles in ``known``; records every title it was asked."""

    def __init__(self, *known: str) -> None:
        self.known = set(known)
        self.asked: list[str] = []

    def __call__(self, title: str) -> LookupResult:
        self.asked.append(title)
        return Hit(SEED, 100, title) if title in self.known else Miss(())


def candidate(title: str, source: Source, link: str | None) -> TitleCandidate:
    return TitleCandidate(title, source, link)


def scan(*candidates: TitleCandidate, links: tuple[str, ...] = (A, B, C), truncated: bool = False) -> LinkScan:
    return LinkScan(tuple(JobLink(url, None) for url in links), (), candidates, truncated)


def test_one_link_whose_best_title_hits() -> None:
    lookup = Lookup("ML Engineer")
    chooser = link_choices(scan(candidate("ML Engineer", Source.LABEL, A), links=(A,)), lookup)
    assert chooser == Chooser((LinkChoice("ML Engineer", "jobs.example.com/jobs/1/a"),), 0)
    assert lookup.asked == ["ML Engineer"]


def test_a_links_later_title_that_hits_beats_its_first_that_misses() -> None:
    found = scan(candidate("Apply now", Source.LABEL, A), candidate("ML Engineer", Source.URL, A), links=(A,))
    assert link_choices(found, Lookup("ML Engineer")).choices[0].guess == "ML Engineer"


def test_only_the_first_few_titles_of_a_link_are_tried() -> None:
    titles = [candidate(f"title {i}", Source.UNFURL, A) for i in range(6)]
    lookup = Lookup("title 5")
    chooser = link_choices(scan(*titles, links=(A,)), lookup)
    assert lookup.asked == ["title 0", "title 1", "title 2"]
    assert chooser.choices[0].guess == "title 0"  # nothing hit: the best candidate is offered for the prompt


def test_the_first_link_that_names_a_specimen_is_shown_even_when_it_ranks_lower() -> None:
    found = scan(candidate("Pizza Chef", Source.LABEL, A), candidate("ML Engineer", Source.URL, C))
    chooser = link_choices(found, Lookup("ML Engineer"))
    assert [c.guess for c in chooser.choices] == ["Pizza Chef", None, "ML Engineer"]
    assert chooser.selected == 2
    assert chooser.choices[1].label == "linkedin.com/jobs/view/3912345678"


def test_without_a_hit_the_best_candidates_link_is_shown() -> None:
    chooser = link_choices(scan(candidate("Pizza Chef", Source.UNFURL, B), candidate("Baker", Source.URL, A)), Lookup())
    assert chooser.selected == 1


def test_without_any_candidate_the_first_link_is_shown_and_asks() -> None:
    chooser = link_choices(scan(), Lookup())
    assert chooser.selected == 0 and all(c.guess is None for c in chooser.choices)


def test_the_message_text_guess_belongs_to_the_first_link() -> None:
    found = scan(candidate("ML Engineer", Source.TEXT, None), links=(A, B))
    chooser = link_choices(found, Lookup("ML Engineer"))
    assert [c.guess for c in chooser.choices] == ["ML Engineer", None]
    assert chooser.selected == 0


def test_a_truncated_scan_makes_a_partial_chooser() -> None:
    assert link_choices(scan(truncated=True), Lookup()).partial


def test_real_message_with_two_hundred_links() -> None:
    text = " ".join(f"<https://jobs.example.com/jobs/{i}/role-{i}>" for i in range(200))
    chooser = link_choices(extract_candidates({"type": "message", "text": text}), Lookup())
    assert 1 < len(chooser.choices) <= 20 and chooser.partial
    assert Chooser.from_metadata(chooser.to_metadata()) == chooser


def test_short_address() -> None:
    assert short_address("https://www.linkedin.com/jobs/view/123/") == "linkedin.com/jobs/view/123"
    assert (
        short_address("https://boards.greenhouse.io/acme/jobs/4012345?gh_src=x")
        == "boards.greenhouse.io/acme/jobs/4012345"
    )
    long = short_address("https://jobs.example.com/" + "x" * 300)
    assert len(long) <= 60 and long.endswith("…")
    assert short_address("https://[::1") == "https://[::1"  # urlsplit refuses it; the URL itself, clamped


# --- chat prose beside a link (Source.TEXT) is offered only when it reads as a title ------------------------------


class Suggesting(Lookup):
    """Like Lookup, and a Miss with one closest specimen for the titles in ``near``."""

    def __init__(self, *known: str, near: tuple[str, ...] = ()) -> None:
        super().__init__(*known)
        self.near = set(near)

    def __call__(self, title: str) -> LookupResult:
        found = super().__call__(title)
        return Miss((Candidate(SEED, 60, SEED.title),)) if title in self.near else found


def prose(title: str, clause: str | None = None, link: str = A) -> TitleCandidate:
    return TitleCandidate(title, Source.TEXT, link, clause if clause is not None else title)


def guesses(*candidates: TitleCandidate, lookup: Lookup) -> list[str | None]:
    return [c.guess for c in link_choices(scan(*candidates, links=(A, B)), lookup).choices]


def test_prose_the_index_knows_nothing_of_and_without_a_role_word_is_not_offered() -> None:
    assert guesses(prose("you should apply"), lookup=Lookup()) == [None, None]
    assert guesses(prose("Two for the team"), lookup=Lookup()) == [None, None]


def test_a_short_phrase_with_a_role_word_is_offered_though_the_guide_lacks_it() -> None:
    assert guesses(prose("Senior Rust Developer"), lookup=Lookup()) == ["Senior Rust Developer", None]
    assert guesses(prose("Sr. SWE, Payments"), lookup=Lookup()) == ["Sr. SWE, Payments", None]  # swe: a short form


def test_prose_with_closest_specimens_is_offered_unless_it_is_a_sentence() -> None:
    lookup = Suggesting(near=("Staff Platform Person", "our Staff Platform Person"))
    assert guesses(prose("Staff Platform Person"), lookup=lookup) == ["Staff Platform Person", None]
    assert guesses(prose("our Staff Platform Person"), lookup=lookup) == [None, None]
    question = prose("Staff Platform Person", clause="Staff Platform Person?")
    assert guesses(question, lookup=lookup) == [None, None]


def test_prose_that_names_a_specimen_is_offered_even_as_a_sentence() -> None:
    assert guesses(prose("you ML Engineer"), lookup=Lookup("you ML Engineer")) == ["you ML Engineer", None]


def test_a_rejected_prose_guess_falls_back_to_nothing_but_a_label_still_prefills() -> None:
    found = (candidate("Chief Vibes Officer", Source.LABEL, A), prose("lol", link=B))
    chooser = link_choices(scan(*found, links=(A, B)), Lookup())
    assert [c.guess for c in chooser.choices] == ["Chief Vibes Officer", None]
    assert chooser.selected == 0


def test_the_link_shown_is_the_best_offered_when_nothing_hits() -> None:
    found = (candidate("Senior Rust Developer", Source.TEXT, B), candidate("thanks all", Source.TEXT, A))
    chooser = link_choices(scan(*found, links=(A, B)), Lookup())
    assert [c.guess for c in chooser.choices] == [None, "Senior Rust Developer"]
    assert chooser.selected == 1


def test_each_prose_candidate_is_judged_with_one_lookup() -> None:
    lookup = Lookup()
    link_choices(scan(prose("Senior Rust Developer"), prose("Data Person", link=B), links=(A, B)), lookup)
    assert lookup.asked == ["Senior Rust Developer", "Data Person"]


def test_reads_as_title_always_offers_labels_unfurls_and_slugs() -> None:
    for source in (Source.LABEL, Source.UNFURL, Source.RICH_TEXT, Source.URL):
        assert reads_as_title(candidate("you should apply", source, A), Miss(()))
    assert not reads_as_title(prose("you should apply"), Miss(()))
    assert reads_as_title(prose("you should apply"), Hit(SEED, 100, SEED.title))
