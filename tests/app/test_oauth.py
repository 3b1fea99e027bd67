"""Many workspaces, one deployment: "Add to Slack" through Bolt's OAuth, each team's own token, and leaving cleanly.

The app runs in this process with SLACK_CLIENT_ID / SLACK_CLIENT_SECRET set and no SLACK_BOT_TOKEN; the stand-in
plays Slack's side of the install (tests/support/oauth.py). tests/e2e/test_installs.py runs the same story against
the real server process.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.core.daily.passes import PassReport
from bot.slack.installations import InstalledWorkspaces
from bot.slack.scheduler.clock import post_due
from bot.slack.workspace import NOT_INSTALLED
from bot.store import Store
from bot.store.tables import (
    post_ledger,
    request_marks,
    rotation,
    slack_bots,
    slack_installations,
    subscriptions,
    title_asks,
)
from bot.store.teams import TEAM_TABLES
from tests.support import payloads
from tests.support.faults import Fault
from tests.support.inprocess import InProcessApp, in_process_app
from tests.support.installs import OAUTH_ENV, finish_install, install, start_install
from tests.support.oauth import CLIENT_ID, CLIENT_SECRET, Team
from tests.support.slack_api import SlackApi

T2 = Team("T0TWO", "Team Two")
T3 = Team("T0THREE", "Team Three")
ORG = Team(None, "Grid Org", enterprise_id="E0GRID", enterprise_name="Grid Org", org_wide=True)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[InProcessApp]:
    with SlackApi() as api, in_process_app(api, tmp_path, **OAUTH_ENV) as app:
        yield app


def clients(app: InProcessApp) -> InstalledWorkspaces:
    assert app.deps.installations is not None
    return InstalledWorkspaces(
        app.deps.installations, api_url=app.api.base_url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET
    )


def clock_pass(app: InProcessApp, at: datetime) -> PassReport:
    store = app.deps.store
    assert store is not None
    return post_due(clients(app), store, app.deps.guide.catalog, clock=lambda: at)


def rows_of(store: Store, team_id: str) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            table.name: conn.execute(
                select(func.count()).select_from(table).where(table.c.team_id == team_id)
            ).scalar_one()
            for table in TEAM_TABLES
        }


def daily(app: InProcessApp, text: str, **fields: str) -> str:
    """The ephemeral reply a ``/specimen daily`` command gets at its response_url after the acknowledgement."""
    exchange = app.post_command(text, **fields)
    assert exchange.status == 200, exchange.text
    app.settle()
    url_id = exchange.sent["response_url"].rstrip("/").rsplit("/", 1)[-1]
    (post,) = [c for c in app.api.response_posts() if c.url_id == url_id]
    return str(post.params["text"])


def subscribe(app: InProcessApp, team: Team, channel: str = "C0GENERAL", at: str = "09:00") -> None:
    app.api.workspace.set_channel(channel, name=channel.lower())
    reply = daily(app, f"daily on {at} UTC", team_id=team.team_id or "", channel_id=channel)
    assert "Daily posts are on" in reply, reply


def next_due(app: InProcessApp, team_id: str, channel: str = "C0GENERAL") -> datetime:
    """Just after the subscription's next post is due."""
    store = app.deps.store
    assert store is not None
    sub = store.subscription(team_id, channel)
    assert sub is not None and sub.next is not None
    return sub.next.due + timedelta(seconds=30)


def test_without_oauth_settings_there_is_no_install_route(tmp_path: Path) -> None:
    with SlackApi() as api, in_process_app(api, tmp_path) as app:
        assert app.get("/slack/install").status == 404


def test_the_install_page_binds_its_state_to_the_browser(app: InProcessApp) -> None:
    page = app.get("/slack/install")
    assert page.status == 200 and "Add to Slack" in page.text
    assert "slack-app-oauth-state=" in page.headers["set-cookie"]
    assert "HttpOnly" in page.headers["set-cookie"] or "httponly" in page.headers["set-cookie"].lower()
    assert f"client_id={CLIENT_ID}" in page.text and "scope=commands" in page.text
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy and "http" not in policy
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["cache-control"] == "no-store"


def test_two_workspaces_install_and_each_is_served_with_its_own_token(app: InProcessApp) -> None:
    token2, token3 = install(app, T2), install(app, T3)
    assert token2 != token3
    for team, token in ((T2, token2), (T3, token3)):
        app.api.reset()
        subscribe(app, team)
        asked = app.api.calls("conversations.info")
        assert asked and {call.token for call in asked} == {token}
        lookup = app.post_command("jr ml eng", team_id=team.team_id or "")
        assert "Junior Machine Learning Engineer" in lookup.text
    app.api.reset()
    report = clock_pass(app, next_due(app, "T0TWO"))
    assert report.posted == 2
    posts = app.api.calls("chat.postMessage")
    assert sorted(call.token or "" for call in posts) == sorted([token2, token3])
    assert {call.params["channel"] for call in posts} == {"C0GENERAL"}


def test_a_shared_channel_keeps_one_subscription_per_workspace(app: InProcessApp) -> None:
    install(app, T2)
    install(app, T3)
    subscribe(app, T2, "C0SHARED")
    subscribe(app, T3, "C0SHARED", at="17:30")
    store = app.deps.store
    assert store is not None
    two, three = store.subscription("T0TWO", "C0SHARED"), store.subscription("T0THREE", "C0SHARED")
    assert two is not None and three is not None
    assert (f"{two.schedule.at:%H:%M}", f"{three.schedule.at:%H:%M}") == ("09:00", "17:30")


def test_uninstalling_deletes_the_teams_rows_and_the_next_pass_posts_only_elsewhere(app: InProcessApp) -> None:
    install(app, T2)
    token3 = install(app, T3)
    subscribe(app, T2)
    subscribe(app, T3)
    store = app.deps.store
    assert store is not None
    assert clock_pass(app, next_due(app, "T0TWO")).posted == 2
    assert rows_of(store, "T0TWO")["post_ledger"] == 1 and rows_of(store, "T0TWO")["request_marks"] >= 1
    app.api.oauth.revoke("T0TWO")
    gone = app.post_event(payloads.app_uninstalled(), team_id="T0TWO")
    assert gone.status == 200
    app.settle()
    left = rows_of(store, "T0TWO")
    assert all(count == 0 for table, count in left.items() if table != "request_marks"), left
    with store.engine.connect() as conn:  # only events' replay marks stay (they hold an event id), until they expire
        marks = conn.execute(select(request_marks.c.key).where(request_marks.c.team_id == "T0TWO")).scalars().all()
    assert marks and all(key.startswith("event:") for key in marks)
    kept = rows_of(store, "T0THREE")
    assert kept["slack_bots"] == 1 and kept["subscriptions"] == 1 and kept["post_ledger"] == 1
    # Retried, or after tokens_revoked: nothing left to delete, still fine.
    assert app.post_event(payloads.app_uninstalled(), team_id="T0TWO").status == 200
    revoked = payloads.tokens_revoked(bot=["U0BOTT0TWO"])
    assert app.post_event(revoked, team_id="T0TWO").status == 200
    app.api.reset()
    report = clock_pass(app, next_due(app, "T0THREE"))
    assert report.posted == 1 and [c.token for c in app.api.calls("chat.postMessage")] == [token3]
    # The uninstalled workspace is told plainly, not crashed on.
    refused = app.post_command("jr ml eng", team_id="T0TWO")
    assert refused.status == 200 and refused.json() == {"response_type": "ephemeral", "text": NOT_INSTALLED}
    assert "Traceback" not in app.stderr()


def test_tokens_revoked_for_the_bot_deletes_the_installation_and_holds_its_posts(app: InProcessApp) -> None:
    install(app, T2)
    subscribe(app, T2)
    store = app.deps.store
    assert store is not None
    app.post_event(payloads.tokens_revoked(bot=["U0BOTT0TWO"]), team_id="T0TWO")
    app.settle()
    left = rows_of(store, "T0TWO")
    assert (left["slack_bots"], left["slack_installations"], left["subscriptions"]) == (0, 0, 1)
    report = clock_pass(app, next_due(app, "T0TWO"))
    assert (report.posted, report.uninstalled) == (0, 1)
    assert store.blocked_teams() == {"T0TWO": "no installation"}
    # Installing again resumes the workspace.
    install(app, T2)
    assert store.blocked_teams() == {}


@pytest.mark.parametrize("how", ["forged", "replayed", "other browser", "expired"])
def test_a_bad_state_is_refused_with_a_clear_page_and_installs_nothing(app: InProcessApp, how: str) -> None:
    state, cookie = start_install(app)
    code = app.api.oauth.approve(T2)
    if how == "forged":
        state, cookie = "forged-state", "slack-app-oauth-state=forged-state"
    elif how == "replayed":
        assert finish_install(app, code, state, cookie).status == 200
        code = app.api.oauth.approve(T3)
    elif how == "other browser":
        cookie = ""
    else:
        store = app.deps.store
        assert store is not None
        with store.engine.begin() as conn:
            conn.execute(store.oauth_state_store(600).oauth_states.update().values(expire_at=datetime(2000, 1, 1)))
    page = finish_install(app, code, state, cookie or None)
    assert page.status in (400, 401)
    assert "specimen was not installed" in page.text and "Start again" in page.text
    installed = {grant.team.team_id for grant in app.api.oauth.tokens.values()}
    assert "T0THREE" not in installed and ("T0TWO" not in installed or how == "replayed")


def test_a_cancelled_install_says_so(app: InProcessApp) -> None:
    state, cookie = start_install(app)
    page = app.get(f"/slack/oauth_redirect?error=access_denied&state={state}", headers={"Cookie": cookie})
    assert page.status == 200 and "cancelled" in page.text


def test_a_request_from_a_workspace_that_never_installed_gets_a_clear_answer(app: InProcessApp) -> None:
    install(app, T2)
    reply = app.post_command("jr ml eng", team_id="T0NEVER")
    assert reply.status == 200 and reply.json()["text"] == NOT_INSTALLED
    event = app.post_event(payloads.app_home_opened(), team_id="T0NEVER")
    assert event.status == 200 and app.api.calls("views.publish") == []


def test_an_org_wide_install_serves_every_workspace_of_the_org(app: InProcessApp) -> None:
    token = install(app, ORG)
    app.api.reset()
    reply = daily(app, "daily on 09:00 UTC", team_id="T0GRIDWS", enterprise_id="E0GRID", is_enterprise_install="true")
    assert "Daily posts are on" in reply, reply
    assert {c.token for c in app.api.calls("conversations.info")} == {token}
    store = app.deps.store
    assert store is not None
    sub = store.subscription("T0GRIDWS", "C0GENERAL")
    assert sub is not None and sub.enterprise_id == "E0GRID"
    app.api.reset()
    assert clock_pass(app, next_due(app, "T0GRIDWS")).posted == 1
    assert [c.token for c in app.api.calls("chat.postMessage")] == [token]
    # Uninstalled from the whole org: every workspace's rows go.
    app.post_event(payloads.app_uninstalled(), team_id="E0GRID", enterprise_id="E0GRID", is_enterprise_install=True)
    app.settle()
    with store.engine.connect() as conn:
        for table in (subscriptions, post_ledger, rotation, slack_bots, slack_installations):
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == 0, table.name


def test_the_clock_refreshes_a_token_that_expires_within_two_hours(app: InProcessApp) -> None:
    app.api.oauth.rotating = True
    first = install(app, T2)
    subscribe(app, T2)
    store, installations = app.deps.store, app.deps.installations
    assert store is not None and installations is not None
    # Ten hours on (as the database sees it), the 12-hour token has 90 minutes left: the clock refreshes it first.
    soon = datetime.now(UTC) + timedelta(minutes=90)
    with store.engine.begin() as conn:
        conn.execute(slack_bots.update().values(bot_token_expires_at=soon.replace(tzinfo=None)))
    installations.forget(None, "T0TWO")
    app.api.reset()
    report = clock_pass(app, next_due(app, "T0TWO"))
    assert report.posted == 1
    (refresh,) = app.api.calls("oauth.v2.access")
    assert refresh.params["grant_type"] == "refresh_token"
    (post,) = app.api.calls("chat.postMessage")
    assert post.token not in (None, first)
    with store.engine.connect() as conn:
        stored = conn.execute(select(slack_bots.c.bot_token).where(slack_bots.c.team_id == "T0TWO")).scalars().all()
    assert post.token in stored


def test_bolt_refreshes_an_expiring_token_when_a_request_comes(app: InProcessApp) -> None:
    app.api.oauth.rotating = True
    app.api.oauth.token_seconds = 3600  # under the two-hour window from the start
    first = install(app, T2)
    app.api.reset()
    subscribe(app, T2)
    assert [c.params["grant_type"] for c in app.api.calls("oauth.v2.access")] == ["refresh_token"]
    used = {c.token for c in app.api.calls("conversations.info")}
    assert used and first not in used and None not in used


def test_request_marks_carry_their_team(app: InProcessApp) -> None:
    install(app, T2)
    subscribe(app, T2)
    store = app.deps.store
    assert store is not None
    with store.engine.connect() as conn:
        teams = set(conn.execute(select(request_marks.c.team_id)).scalars())
    assert teams == {"T0TWO"}


def _expiring_soon(app: InProcessApp, team_id: str) -> None:
    """As if ten hours had passed: the stored token has 90 minutes left (inside the two-hour refresh window)."""
    store, installations = app.deps.store, app.deps.installations
    assert store is not None and installations is not None
    soon = datetime.now(UTC) + timedelta(minutes=90)
    with store.engine.begin() as conn:
        conn.execute(slack_bots.update().values(bot_token_expires_at=soon.replace(tzinfo=None)))
    installations.forget(None, team_id)


def test_a_refresh_that_fails_for_a_moment_holds_the_post_for_a_later_pass_without_stopping_the_team(
    app: InProcessApp,
) -> None:
    app.api.oauth.rotating = True
    install(app, T2)
    subscribe(app, T2)
    _expiring_soon(app, "T0TWO")
    app.api.inject("oauth.v2.access", Fault.error("ratelimited"))
    due = next_due(app, "T0TWO")
    report = clock_pass(app, due)
    assert (report.posted, report.retry_later, report.uninstalled) == (0, 1, 0)
    store = app.deps.store
    assert store is not None and store.blocked_teams() == {}
    assert clock_pass(app, due + timedelta(minutes=2)).posted == 1


def test_a_refresh_slack_refuses_stops_the_team_once(app: InProcessApp) -> None:
    app.api.oauth.rotating = True
    install(app, T2)
    subscribe(app, T2)
    _expiring_soon(app, "T0TWO")
    app.api.inject("oauth.v2.access", Fault.error("invalid_refresh_token"))
    report = clock_pass(app, next_due(app, "T0TWO"))
    assert (report.posted, report.uninstalled) == (0, 1)
    store = app.deps.store
    assert store is not None and store.blocked_teams() == {"T0TWO": "no installation"}


def test_a_late_uninstall_event_does_not_undo_a_newer_install(app: InProcessApp) -> None:
    install(app, T2)
    subscribe(app, T2)
    store = app.deps.store
    assert store is not None
    late = payloads.app_uninstalled()
    app.post_event(late, team_id="T0TWO", event_time=int(datetime.now(UTC).timestamp()) - 600)
    app.settle()
    assert rows_of(store, "T0TWO")["slack_bots"] == 1 and rows_of(store, "T0TWO")["subscriptions"] == 1


def test_an_org_reinstall_resumes_its_workspaces_and_an_org_uninstall_takes_their_asked_titles(
    app: InProcessApp,
) -> None:
    install(app, ORG)
    store = app.deps.store
    assert store is not None
    app.post_command("zzqx wizard of nothing", team_id="T0GRIDWS", enterprise_id="E0GRID", is_enterprise_install="true")
    app.settle()
    with store.engine.connect() as conn:
        asked = conn.execute(select(title_asks.c.team_id, title_asks.c.enterprise_id)).all()
    assert asked == [("T0GRIDWS", "E0GRID")]
    store.block_team("T0GRIDWS", "no installation", datetime.now(UTC), "E0GRID")
    install(app, ORG)
    assert store.blocked_teams() == {}
    app.post_event(payloads.app_uninstalled(), team_id="E0GRID", enterprise_id="E0GRID", is_enterprise_install=True)
    app.settle()
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(title_asks)).scalar_one() == 0


def test_head_on_the_install_routes_issues_and_consumes_no_state(app: InProcessApp) -> None:
    store = app.deps.store
    assert store is not None
    assert app.request("HEAD", "/slack/install").status == 200
    with store.engine.connect() as conn:
        states = store.oauth_state_store(600).oauth_states
        assert conn.execute(select(func.count()).select_from(states)).scalar_one() == 0
