"""App Home as pure functions: paging, page values, today's quote, next posts, the view and the search options."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.core.blocks.text import units
from bot.core.cards.home import SEARCH_OPTIONS_MAX, SUBSCRIPTIONS_SHOWN, home_view, search_options
from bot.core.daily.model import Subscription
from bot.core.daily.schedule import Days, Kind, Occurrence, Schedule, next_occurrence
from bot.core.home_content import (
    PAGE_SIZE,
    AskedTitle,
    HomeContent,
    PageError,
    decode_page,
    encode_page,
    index_order,
    next_post,
    page_of,
    quote_of_the_day,
    utc_day,
)
from bot.core.ids import ACTION_FULL_FILE, ACTION_HOME_NEXT, ACTION_HOME_PREVIOUS, ACTION_HOME_SEARCH, VIEW_HOME
from bot.core.matching.index import TitleIndex
from bot.core.matching.result import Candidate
from bot.core.records.loader import specimen_from_data
from bot.core.records.model import BurnQuote, Catalog, Specimen
from bot.testing.block_kit import block_kit_problems
from bot.testing.synthetic import synthetic_record_data

NOW = datetime(2026, 3, 27, 15, 30, tzinfo=UTC)
HOSTILE = "<!channel> & <@U123> <https://evil.example|click>"


@pytest.fixture(scope="module")
def big_catalog() -> Catalog:
    return Catalog(tuple(specimen_from_data(synthetic_record_data(i)) for i in range(1000)))


def specimen(index: int, **changes: Any) -> Specimen:
    return dataclasses.replace(specimen_from_data(synthetic_record_data(index)), **changes)


def content(catalog: Catalog, page: int = 1, **changes: Any) -> HomeContent:
    base = HomeContent(
        page=page_of(index_order(catalog), page),
        quote=quote_of_the_day(catalog, utc_day(NOW)),
        subscriptions=(),
        asks=(),
        now=NOW,
    )
    return dataclasses.replace(base, **changes)


def view_dict(home: HomeContent) -> dict[str, Any]:
    view = home_view(home).to_dict()
    assert block_kit_problems(view, "home") == []
    return view


def all_text(view: dict[str, Any]) -> str:
    return json.dumps(view, ensure_ascii=False)


def rows(view: dict[str, Any]) -> list[dict[str, Any]]:
    """The specimen rows: sections whose accessory is a Full file button."""
    return [b for b in view["blocks"] if (b.get("accessory") or {}).get("action_id") == ACTION_FULL_FILE]


def pager(view: dict[str, Any]) -> dict[str, str]:
    found: dict[str, str] = {}
    for block in view["blocks"]:
        if block["type"] == "actions":
            found.update({e["action_id"]: e["value"] for e in block["elements"]})
    return found


def subscription(channel_id: str, **changes: Any) -> Subscription:
    schedule = Schedule(time(9, 0), "Europe/Berlin", Days.WEEKDAYS)
    base = Subscription(channel_id, "T1", "U1", schedule, Kind.QUOTES, next_occurrence(schedule, NOW))
    return dataclasses.replace(base, **changes)


# -- page values --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value, page", [("1", 1), ("42", 42), ("999999", 999_999)])
def test_page_values_this_app_writes_are_read_back(value: str, page: int) -> None:
    assert decode_page(value) == page
    assert encode_page(page) == value


@pytest.mark.parametrize(
    "value",
    [None, 3, 2.0, "", "0", "-1", "01", "1.5", " 2", "2 ", "abc", "1e3", "1000000", "٣", "2; drop", "9" * 5000],
)
def test_any_other_page_value_is_refused_with_a_reason(value: object) -> None:
    with pytest.raises(PageError, match="page"):
        decode_page(value)


def test_encode_refuses_a_page_it_could_not_read_back() -> None:
    for page in (0, -3, 1_000_000):
        with pytest.raises(PageError):
            encode_page(page)


# -- paging -------------------------------------------------------------------------------------------------------


def test_index_order_is_by_title_case_folded(big_catalog: Catalog) -> None:
    ordered = index_order(big_catalog)
    assert len(ordered) == 1000
    keys = [(s.title.casefold(), s.slug) for s in ordered]
    assert keys == sorted(keys)
    assert index_order(big_catalog) is ordered  # computed once per catalog


def test_pages_cover_the_list_exactly_once(big_catalog: Catalog) -> None:
    ordered = index_order(big_catalog)
    first = page_of(ordered, 1)
    assert first.count == 50
    seen = [s for number in range(1, first.count + 1) for s in page_of(ordered, number).specimens]
    assert seen == list(ordered)


def test_first_middle_and_last_pages(big_catalog: Catalog) -> None:
    ordered = index_order(big_catalog)
    first, middle, last = page_of(ordered, 1), page_of(ordered, 25), page_of(ordered, 50)
    assert (first.has_previous, first.has_next, first.start) == (False, True, 0)
    assert (middle.has_previous, middle.has_next, middle.start) == (True, True, 480)
    assert middle.specimens == ordered[480:500]
    assert (last.has_previous, last.has_next, last.specimens) == (True, False, ordered[980:])


def test_a_page_past_either_end_shows_the_nearest_page(big_catalog: Catalog) -> None:
    ordered = index_order(big_catalog)
    assert page_of(ordered, 51).number == 50
    assert page_of(ordered, 999_999).specimens == ordered[980:]
    assert page_of(ordered, 0).number == 1


def test_a_short_or_empty_catalog_is_one_page() -> None:
    assert page_of((), 3) == page_of((), 1)
    empty = page_of((), 1)
    assert (empty.count, empty.total, empty.specimens, empty.has_next) == (1, 0, (), False)
    few = page_of(tuple(specimen(i) for i in range(PAGE_SIZE)), 2)
    assert (few.number, few.count, len(few.specimens)) == (1, 1, PAGE_SIZE)


# -- today's quote ------------------------------------------------------------------------------------------------


def test_todays_quote_is_the_same_all_day_and_changes_with_the_date(big_catalog: Catalog) -> None:
    morning = quote_of_the_day(big_catalog, utc_day(NOW.replace(hour=0, minute=0)))
    evening = quote_of_the_day(big_catalog, utc_day(NOW.replace(hour=23, minute=59)))
    assert morning == evening is not None
    picks = {quote_of_the_day(big_catalog, date(2026, 1, 1) + timedelta(days=n)) for n in range(60)}
    assert len(picks) > 50  # 60 dates over thousands of quotes: nearly all different


def test_every_quote_of_a_small_catalog_comes_up() -> None:
    quotes = (BurnQuote("one"), BurnQuote("two", "src"), BurnQuote("three"))
    first, second = specimen(1, burn_ward=quotes[:1]), specimen(2, burn_ward=quotes[1:])
    catalog = Catalog((first, second))
    picked = {quote_of_the_day(catalog, date(2026, 1, 1) + timedelta(days=n)) for n in range(200)}
    assert {(p.specimen.slug, p.quote.quote) for p in picked if p} == {
        (first.slug, "one"),
        (second.slug, "two"),
        (second.slug, "three"),
    }


def test_no_quotes_no_quote_of_the_day() -> None:
    assert quote_of_the_day(Catalog(()), date(2026, 1, 1)) is None
    assert quote_of_the_day(Catalog((specimen(1, burn_ward=()),)), date(2026, 1, 1)) is None


def test_the_day_is_the_utc_date() -> None:
    evening_in_new_york = datetime(2026, 3, 27, 21, 30, tzinfo=ZoneInfo("America/New_York"))
    assert utc_day(evening_in_new_york) == date(2026, 3, 28)
    assert utc_day(NOW) == date(2026, 3, 27)


# -- next posts ---------------------------------------------------------------------------------------------------


def test_next_post_is_the_stored_one_none_when_paused_and_computed_when_missing() -> None:
    stored = Occurrence(date(2026, 3, 30), datetime(2026, 3, 30, 7, 0, tzinfo=UTC))
    assert next_post(subscription("C1", next=stored), NOW) == stored
    assert next_post(subscription("C1", paused="not_in_channel"), NOW) is None
    computed = next_post(subscription("C1", next=None), NOW)
    assert computed == Occurrence(date(2026, 3, 30), datetime(2026, 3, 30, 7, 0, tzinfo=UTC))  # Friday → Monday


# -- the view -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", [1, 25, 50])
def test_every_page_of_a_thousand_specimens_is_a_valid_home_tab(big_catalog: Catalog, page: int) -> None:
    view = view_dict(content(big_catalog, page))
    assert view["type"] == "home" and view["callback_id"] == VIEW_HOME
    assert len(view["blocks"]) <= 100
    assert view["private_metadata"] == str(page)
    expected = index_order(big_catalog)[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    assert [r["accessory"]["value"] for r in rows(view)] == [s.slug for s in expected]
    assert f"page {page} of 50" in all_text(view)


def test_the_pager_offers_only_the_pages_that_exist(big_catalog: Catalog) -> None:
    assert pager(view_dict(content(big_catalog, 1))) == {ACTION_HOME_NEXT: "2"}
    assert pager(view_dict(content(big_catalog, 25))) == {ACTION_HOME_PREVIOUS: "24", ACTION_HOME_NEXT: "26"}
    assert pager(view_dict(content(big_catalog, 50))) == {ACTION_HOME_PREVIOUS: "49"}
    single = Catalog(tuple(specimen(i) for i in range(3)))
    assert pager(view_dict(content(single))) == {}


def test_a_row_shows_title_and_flight_risk_meter() -> None:
    one = specimen(5)
    one = dataclasses.replace(one, flight_risk=dataclasses.replace(one.flight_risk, percent=85, level="HIGH RISK"))
    text = rows(view_dict(content(Catalog((one,)))))[0]["text"]["text"]
    assert one.title in text
    assert "▰▰▰▰▰▰▰▰▱▱" in text and "85% HIGH RISK" in text


def test_the_search_box_is_an_external_select_fed_by_the_app(big_catalog: Catalog) -> None:
    view = view_dict(content(big_catalog))
    selects = [b["accessory"] for b in view["blocks"] if (b.get("accessory") or {}).get("type") == "external_select"]
    assert [s["action_id"] for s in selects] == [ACTION_HOME_SEARCH]


def test_todays_quote_is_shown_with_its_specimen(big_catalog: Catalog) -> None:
    home = content(big_catalog)
    assert home.quote is not None
    text = all_text(view_dict(home))
    assert "Today's quote" in text and home.quote.specimen.title in text


def test_subscriptions_show_channel_schedule_and_next_post() -> None:
    subs = (subscription("C0DAILY"), subscription("C0PAUSED", paused="not_in_channel"))
    text = all_text(view_dict(content(Catalog((specimen(1),)), subscriptions=subs)))
    assert "<#C0DAILY>: a quote at 09:00 Europe/Berlin, weekdays — next *Monday 30 March 2026 at 09:00*" in text
    assert "<#C0PAUSED>" in text and "*paused*: I'm not a member of that channel" in text


def test_a_post_that_is_due_says_so() -> None:
    due = Occurrence(date(2026, 3, 27), NOW - timedelta(minutes=1))
    text = all_text(view_dict(content(Catalog((specimen(1),)), subscriptions=(subscription("C0DUE", next=due),))))
    assert "<#C0DUE>: a quote at 09:00 Europe/Berlin, weekdays — due now" in text


def test_many_subscriptions_are_summarised_and_the_view_stays_valid() -> None:
    subs = tuple(subscription(f"C{n:09d}") for n in range(500))
    view = view_dict(content(Catalog((specimen(1),)), subscriptions=subs))
    text = all_text(view)
    assert text.count("<#C") == SUBSCRIPTIONS_SHOWN
    assert f"…and {500 - SUBSCRIPTIONS_SHOWN} more" in text


def test_asked_titles_are_listed_with_how_many_people_and_escaped() -> None:
    asks = (AskedTitle("pizza chef", 3, NOW), AskedTitle(HOSTILE, 2, NOW))
    text = all_text(view_dict(content(Catalog((specimen(1),)), asks=asks)))
    assert "“pizza chef” — 3 people" in text
    assert "&lt;!channel&gt; &amp; &lt;@U123&gt;" in text and "— 2 people" in text


def test_without_a_database_the_view_says_so() -> None:
    text = all_text(view_dict(content(Catalog((specimen(1),)), subscriptions=None, asks=None)))
    assert text.count("this server runs without one") == 2


def test_empty_states_are_explained() -> None:
    text = all_text(view_dict(content(Catalog(()))))
    assert "No channel gets a daily post yet" in text
    assert "No title has been asked for by two people yet" in text
    assert "The field guide is empty" in text and "no burn-ward quotes" in text


def test_hostile_record_text_cannot_ping_or_link() -> None:
    hostile = specimen(1, title=HOSTILE + " " + "x" * 300, burn_ward=(BurnQuote(HOSTILE, HOSTILE),))
    view = view_dict(content(Catalog((hostile,))))
    for block in view["blocks"]:
        text = json.dumps(block)
        assert "<!channel>" not in text and "<@U123>" not in text and "<https://evil" not in text


# -- search options -----------------------------------------------------------------------------------------------


def test_search_options_stay_within_slacks_limits(big_catalog: Catalog) -> None:
    index = TitleIndex.build(big_catalog)
    for query in ("senior data", "j", "head of cl", HOSTILE, "x" * 200):
        options = search_options(index.suggest(query, limit=500))
        assert len(options) <= min(SEARCH_OPTIONS_MAX, 100)
        for option in options:
            assert option["text"]["type"] == "plain_text"
            assert 1 <= units(option["text"]["text"]) <= 75
            assert 1 <= len(option["value"]) <= 150
            assert big_catalog.by_slug(option["value"]) is not None
        assert len({o["value"] for o in options}) == len(options)


def test_a_match_through_an_alias_names_it_and_long_titles_are_clamped() -> None:
    long_title = "Chief " + "Very " * 40 + "Officer"
    one = specimen(1, title=long_title, aliases=("Vibes Lead",))
    options = search_options([Candidate(one, 90, "Vibes Lead"), Candidate(one, 80, long_title)])
    assert len(options) == 1  # one option per specimen
    assert units(options[0]["text"]["text"]) == 75 and options[0]["text"]["text"].endswith("…")
    assert options[0]["description"]["text"] == "also “Vibes Lead”"
    assert "description" not in search_options([Candidate(one, 80, long_title)])[0]
