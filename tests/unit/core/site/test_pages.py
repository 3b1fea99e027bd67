"""The public pages as HTML text: record text escaped, the three sample cards, the search answers, Add to Slack only
with an install URL, and nothing a strict Content-Security-Policy would refuse (no script, no foreign resource)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from bot.core.answers.guide import FieldGuide
from bot.core.cards.figures import risk_meter
from bot.core.records.loader import load_catalog, specimen_from_data
from bot.core.records.model import Catalog, Specimen
from bot.core.site import pages
from bot.core.site.cards import specimen_card
from bot.testing.synthetic import synthetic_record_data
from tests.support.paths import RECORDS

EVIL_TITLE = '<script>alert("t")</script> & Sons Engineer'
EVIL_QUOTE = "Ship it & <script>steal()</script> later"


class Page(HTMLParser):
    """The tags (with attributes) and the text of a page, as a browser's parser reads them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    @property
    def words(self) -> str:
        return " ".join("".join(self.text).split())


def specimen(title: str, slug: str, quote: str = "A quote.", number: int = 0) -> Specimen:
    data = synthetic_record_data(number)
    data.update(title=title, slug=slug, aliases=[], related=[])
    data["burn_ward"] = [{"quote": quote, "source": "Someone & <b>Co</b>"}]
    return specimen_from_data(data)


@pytest.fixture(scope="module")
def real_guide() -> FieldGuide:
    return FieldGuide.build(load_catalog(RECORDS, None))


def test_record_text_is_escaped_everywhere_it_shows() -> None:
    evil = specimen(EVIL_TITLE, "evil-engineer", EVIL_QUOTE)
    guide = FieldGuide.build(Catalog((evil,)))
    hit = pages.search_page(guide, pages.normalise_query(EVIL_TITLE))
    for html in (pages.landing_page(guide, None), hit, specimen_card(evil)):
        page = Page(html)
        assert page.find("script") == [] and page.find("b") == []
        assert EVIL_TITLE in page.words
        assert "“Ship it & <script>steal()</script> later”" in page.words
        assert "— Someone & <b>Co</b>" in page.words
        assert "&amp; Sons" in html and "&lt;script&gt;" in html
    near_miss = Page(pages.search_page(guide, "sons engineer"))
    assert near_miss.find("script") == []
    assert [a["href"] for a in near_miss.find("a") if "q=" in (a.get("href") or "")] == [
        "/search?q=%3Cscript%3Ealert%28%22t%22%29%3C%2Fscript%3E+%26+Sons+Engineer"
    ]
    assert f"Did you mean… {EVIL_TITLE}" in near_miss.words


def test_a_visitors_query_is_escaped_in_the_box_and_the_answer() -> None:
    guide = FieldGuide.build(Catalog((specimen("Data Engineer", "data-engineer"),)))
    query = pages.normalise_query('"><script>x()</script> & pizza')
    page = Page(pages.search_page(guide, query))
    assert page.find("script") == []
    [box] = page.find("input", name="q")
    assert box["value"] == query
    assert f"No specimen matches “{query}”" in page.words


def test_the_landing_page_shows_three_sample_cards_as_the_slack_card_words_them(real_guide: FieldGuide) -> None:
    page = Page(pages.landing_page(real_guide, None))
    cards = [a["id"] for a in page.find("article") if "card" in (a.get("class") or "")]
    assert cards == [f"specimen-{slug}" for slug in pages.SAMPLE_SLUGS]
    jr = real_guide.catalog.by_slug("junior-machine-learning-engineer")
    assert jr is not None
    assert f"Flight risk {risk_meter(85)} 85% HIGH RISK" in page.words
    assert jr.burn_ward[0].quote.strip('"“”')[:40] in page.words


def test_samples_fall_back_to_the_first_slugs_when_the_preferred_are_absent() -> None:
    catalog = Catalog(tuple(specimen(f"Role {c}", f"role-{c}", number=i) for i, c in enumerate("dcbae")))
    assert [s.slug for s in pages.sample_specimens(catalog)] == ["role-a", "role-b", "role-c"]
    with_one = Catalog((*catalog.specimens, specimen("Scrum Master", "scrum-master", number=9)))
    assert [s.slug for s in pages.sample_specimens(with_one)] == ["scrum-master", "role-a", "role-b"]
    assert pages.sample_specimens(Catalog(())) == []


def test_add_to_slack_shows_only_with_an_install_url(real_guide: FieldGuide) -> None:
    assert Page(pages.landing_page(real_guide, None)).find("a", id="add-to-slack") == []
    [button] = Page(pages.landing_page(real_guide, "/slack/install")).find("a", id="add-to-slack")
    assert button["href"] == "/slack/install"


def test_a_hit_shows_that_specimens_card(real_guide: FieldGuide) -> None:
    page = Page(pages.search_page(real_guide, pages.normalise_query("  Jr ML  Eng ")))
    assert [a["id"] for a in page.find("article")] == ["specimen-junior-machine-learning-engineer"]
    assert page.find("input", name="q")[0]["value"] == "jr ml eng"


def test_a_near_miss_offers_the_did_you_mean_titles_as_links(real_guide: FieldGuide) -> None:
    ambiguous = Page(pages.search_page(real_guide, "pm"))
    links = [a["href"] for a in ambiguous.find("a") if (a.get("href") or "").startswith("/search?")]
    assert links == ["/search?q=Product+Manager", "/search?q=Project+Manager", "/search?q=Technical+Program+Manager"]
    assert "No exact match for “pm”. Did you mean…" in ambiguous.words
    suggested = Page(pages.search_page(real_guide, "scrum"))
    assert [a["href"] for a in suggested.find("a") if "q=" in (a.get("href") or "")] == ["/search?q=Scrum+Master"]
    assert ambiguous.find("article") == [] and suggested.find("article") == []


def test_a_miss_says_so(real_guide: FieldGuide) -> None:
    page = Page(pages.search_page(real_guide, "pizza chef"))
    assert f"No specimen matches “pizza chef”. The field guide holds {len(real_guide.catalog)} specimens" in page.words
    assert page.find("article") == []
    assert "Type a job title" in Page(pages.search_page(real_guide, "")).words


def test_queries_are_folded_and_capped_as_they_are_cached() -> None:
    assert pages.normalise_query("  Senior\tData   ENGINEER ") == "senior data engineer"
    assert len(pages.normalise_query("x " * 500)) <= pages.QUERY_MAX


@pytest.mark.parametrize("name", ["landing", "search", "privacy", "support"])
def test_pages_load_nothing_but_their_own_stylesheet_and_icon(name: str, real_guide: FieldGuide) -> None:
    html = {
        "landing": lambda: pages.landing_page(real_guide, "/slack/install"),
        "search": lambda: pages.search_page(real_guide, "jr ml eng"),
        "privacy": pages.privacy_page,
        "support": pages.support_page,
    }[name]()
    page = Page(html)
    assert page.find("script") == [] and page.find("img") == [] and page.find("iframe") == []
    assert [(t, a.get("href")) for t, a in page.tags if t == "link"] == [
        ("link", "/site.css"),
        ("link", "/favicon.svg"),
    ]
    assert not any("style" in a or any(k.startswith("on") for k in a) for _, a in page.tags)
    assert [a["action"] for a in page.find("form")] in ([], ["/search"])
    assert {a["href"] for a in page.find("a")} >= {"/privacy", "/support", "/"}
    assert all(not (a.get("href") or "").startswith(("http:", "https:", "//")) for a in page.find("a"))
