"""Installing the app into a workspace as a browser does: ``/slack/install`` (state cookie), Slack's consent
(the stand-in's ``approve``), then ``/slack/oauth_redirect`` with the code, the state and the cookie."""

from __future__ import annotations

import re
from typing import Protocol
from urllib.parse import parse_qs, urlencode, urlsplit

from .oauth import CLIENT_ID, CLIENT_SECRET, Team
from .signing import HttpResponse
from .slack_api import SlackApi

OAUTH_ENV = {"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": CLIENT_SECRET, "SLACK_BOT_TOKEN": ""}
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"


class Gets(Protocol):
    api: SlackApi

    def get(self, path: str, headers: dict[str, str] | None = None) -> HttpResponse: ...


def start_install(app: Gets) -> tuple[str, str]:
    """GET the install page: the ``state`` in its authorize link, and the cookie that binds it to this browser."""
    page = app.get(INSTALL_PATH)
    assert page.status == 200, page.text
    link = re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', page.text)
    assert link is not None, page.text
    query = parse_qs(urlsplit(link.group(1).replace("&amp;", "&")).query)
    state = query["state"][0]
    cookie = page.headers.get("set-cookie", "").split(";", 1)[0]
    assert cookie.endswith(f"={state}"), page.headers
    return state, cookie


def finish_install(app: Gets, code: str, state: str, cookie: str | None) -> HttpResponse:
    headers = {"Cookie": cookie} if cookie else None
    return app.get(f"{REDIRECT_PATH}?{urlencode({'code': code, 'state': state})}", headers=headers)


def install(app: Gets, team: Team) -> str:
    """Install into ``team`` end to end; the bot token Slack issued for it."""
    state, cookie = start_install(app)
    done = finish_install(app, app.api.oauth.approve(team), state, cookie)
    assert done.status == 200, done.text
    assert "specimen is installed" in done.text
    return [t for t, grant in app.api.oauth.tokens.items() if grant.team == team][-1]  # the newest
