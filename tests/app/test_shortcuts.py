"""The two shortcuts end to end: the app as a real server, signed shortcut payloads, Slack's Web API stand-in."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from sqlalchemy import select

from bot.core.ids import (
    ACTION_TITLE_INPUT,
    ACTION_VIEW_AGAIN,
    ACTION_VIEW_CHOOSE,
    ACTION_VIEW_PICK,
    BLOCK_TITLE,
    SHORTCUT_IDENTIFY,
    SHORTCUT_LOOKUP,
    VIEW_ASK_TITLE,
    VIEW_SEARCH,
)
from bot.store.store import Store
from bot.store.tables import title_asks
from bot.testing.block_kit import block_kit_problems
from tests.support import payloads
from tests.support.payloads import unfurl
from tests.support.server import AppServer, Exchange
from tests.support.slack_api import Call

TITLE = "Junior Machine Learning Engineer"
SLUG = "junior-machine-learning-engineer"
LINKEDIN = "https://www.linkedin.com/jobs/view/junior-machine-learning-engineer-at-acme-corp-3912345678"
GREENHOUSE = "https://boards.greenhouse.io/acme/jobs/4012345"
LEVER = "https://jobs.lever.co/acme/0b8f9d2e-1c3a-4f5b-9e7d-2a6c8b4e1f30"
PM_JOB = "https://jobs.example.com/jobs/12345/chief-vibes-officer"  # a role the guide does not hold


# -- messages as Slack stores them ---------------------------------------------------------------------------------


def user_message(text: str, **fields: Any) -> dict[str, Any]:
    return {"type": "message", "user": "U0AUTHOR1", "text": text, "ts": "1718000000.000100", "team": "T0TEAM", **fields}


def rich_text(*elements: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "type": "rich_text",
            "block_id": "Xk3f",
            "elements": [{"type": "rich_text_section", "elements": list(elements)}],
        }
    ]


# -- helpers -------------------------------------------------------------------------------------------------------


def texts(payload: Any) -> list[str]:
    """Every text string anywhere in a payload."""
    if isinstance(payload, dict):
        return [t for k, v in payload.items() for t in ([v] if k == "text" and isinstance(v, str) else texts(v))]
    if isinstance(payload, list):
        return [t for item in payload for t in texts(item)]
    return []


def as_view(call: Call) -> dict[str, Any]:
    view = call.params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert call.ok, call.reply
    assert block_kit_problems(view, "modal") == []
    assert len(view["blocks"]) <= 100
    assert len(view["title"]["text"]) <= 24
    return view


def identify(app_server: AppServer, message: dict[str, Any], **overrides: Any) -> Exchange:
    exchange = app_server.post_interaction(
        payloads.message_action(SHORTCUT_IDENTIFY, message=message, api=app_server.api, **overrides)
    )
    assert exchange.status == 200, exchange.text
    return exchange


def opened(app_server: AppServer, message: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run the shortcut on ``message``; the view sent to views.open and the view as the stand-in holds it."""
    identify(app_server, message)
    [call] = app_server.api.wait_for("views.open")
    return as_view(call), call.reply["view"]


def ephemeral_reply(app_server: AppServer, exchange: Exchange) -> dict[str, Any]:
    url = exchange.sent["response_url"]
    deadline = time.monotonic() + 5
    while not app_server.api.response_posts(url) and time.monotonic() < deadline:
        time.sleep(0.02)
    [post] = app_server.api.response_posts(url)
    assert post.response_type == "ephemeral"
    assert block_kit_problems(post.params, "message") == []
    return post.params


def header(view: dict[str, Any]) -> str | None:
    return next((b["text"]["text"] for b in view["blocks"] if b["type"] == "header"), None)


def element(view: dict[str, Any], action_id: str) -> dict[str, Any]:
    for block in view["blocks"]:
        for candidate in [block.get("accessory"), block.get("element"), *block.get("elements", [])]:
            if isinstance(candidate, dict) and candidate.get("action_id") == action_id:
                return candidate
    raise AssertionError(f"no element {action_id} in the view")


def submit(app_server: AppServer, stored: dict[str, Any], title: str | None) -> dict[str, Any]:
    values = {BLOCK_TITLE: {ACTION_TITLE_INPUT: {"type": "plain_text_input", "value": title}}}
    payload = payloads.view_submission(
        stored["callback_id"],
        values=values,
        private_metadata=stored.get("private_metadata", ""),
        view_id=stored["id"],
        blocks=stored["blocks"],
        api=app_server.api,
    )
    exchange = app_server.post_interaction(payload)
    assert exchange.status == 200, exchange.text
    return exchange.json()


def click(app_server: AppServer, stored: dict[str, Any], action: dict[str, Any]) -> dict[str, Any]:
    exchange = app_server.post_interaction(payloads.view_block_actions(stored, action, api=app_server.api))
    assert exchange.status == 200, exchange.text
    [call] = app_server.api.wait_for("views.update")
    assert call.params["view_id"] == stored["id"]
    assert call.params.get("hash") == stored["hash"]
    return as_view(call)


# -- "Identify specimen" ---------------------------------------------------------------------------------------------


def test_link_label_opens_the_card_in_a_modal_and_acks_with_an_empty_body(app_server: AppServer) -> None:
    exchange = identify(app_server, user_message(f"Look at this <{GREENHOUSE}|AI Apprentice (Remote)>"))
    assert exchange.text == ""
    [call] = app_server.api.wait_for("views.open")
    view = as_view(call)
    assert view["callback_id"] == VIEW_ASK_TITLE
    assert view["title"]["text"] == "Identify specimen"
    assert header(view) == TITLE
    assert "Matched “AI Apprentice (Remote)” to this specimen." in texts(view)
    assert view["submit"]["text"] == "Share"  # the card can be shared from the modal
    assert app_server.api.response_posts() == []


def test_unfurl_title_names_the_role_of_an_id_only_link(app_server: AppServer) -> None:
    message = user_message(
        f"<{GREENHOUSE}>", attachments=[unfurl(GREENHOUSE, "Job Application for ML Associate at Acme")]
    )
    view, _ = opened(app_server, message)
    assert header(view) == TITLE


def test_rich_text_only_message_is_read(app_server: AppServer) -> None:
    blocks = rich_text(
        {"type": "text", "text": "we're hiring: "},
        {"type": "link", "url": LEVER, "text": "Junior ML Engineer"},
    )
    view, _ = opened(app_server, user_message(f"we're hiring: <{LEVER}|Junior ML Engineer>", blocks=blocks))
    assert header(view) == TITLE


def test_board_url_slug_alone_is_enough(app_server: AppServer) -> None:
    view, _ = opened(app_server, user_message(f"<{LINKEDIN}>"))
    assert header(view) == TITLE


def test_several_job_links_show_the_best_match_and_a_chooser_that_updates_the_modal(app_server: AppServer) -> None:
    message = user_message(f"Two openings: <{PM_JOB}> and <{LINKEDIN}> and <{GREENHOUSE}>")
    view, stored = opened(app_server, message)
    assert header(view) == TITLE  # the link that names a specimen, though it is not the first
    select = element(view, ACTION_VIEW_CHOOSE)
    labels = [o["text"]["text"] for o in select["options"]]
    assert labels == [
        "chief vibes officer",
        "junior machine learning engineer",
        "boards.greenhouse.io/acme/jobs/4012345",
    ]
    assert select["initial_option"]["value"] == "1"

    pm = click(app_server, stored, payloads.static_select_action(ACTION_VIEW_CHOOSE, select["options"][0]))
    assert "No specimen matches “chief vibes officer”." in texts(pm)
    assert element(pm, ACTION_VIEW_CHOOSE)["initial_option"]["value"] == "0"
    assert element(pm, ACTION_TITLE_INPUT)["initial_value"] == "chief vibes officer"

    app_server.api.reset()
    stored = app_server.api.workspace.views[stored["id"]]
    ask = click(app_server, stored, payloads.static_select_action(ACTION_VIEW_CHOOSE, select["options"][2]))
    assert any("carries no title" in t for t in texts(ask))
    assert "initial_value" not in element(ask, ACTION_TITLE_INPUT)


def test_link_without_a_title_asks_for_it_and_the_submission_shows_the_card(app_server: AppServer) -> None:
    view, stored = opened(app_server, user_message(f"anyone? <{GREENHOUSE}>"))
    assert any("carries no title" in t for t in texts(view))
    assert view["submit"]["text"] == "Identify"
    assert header(view) is None

    answer = submit(app_server, stored, "jr ml eng")
    assert answer["response_action"] == "update"
    card = answer["view"]
    assert block_kit_problems(card, "modal") == [] and len(card["title"]["text"]) <= 24
    assert header(card) == TITLE
    assert card["callback_id"] == VIEW_ASK_TITLE


def test_empty_or_too_long_submission_gets_an_error_under_the_input(app_server: AppServer) -> None:
    _, stored = opened(app_server, user_message(f"<{GREENHOUSE}>"))
    for title in ("", "   ", None, "x" * 151):
        answer = submit(app_server, stored, title)
        assert answer["response_action"] == "errors"
        assert set(answer["errors"]) == {BLOCK_TITLE}
        assert answer["errors"][BLOCK_TITLE]


def test_title_that_matches_nothing_shows_the_miss_with_suggestions_that_update_the_modal(
    app_server: AppServer,
) -> None:
    view, stored = opened(app_server, user_message(f"<{PM_JOB}|Junior Machine Learning Researcher>"))
    assert "No specimen matches “Junior Machine Learning Researcher”." in texts(view)
    pick = element(view, ACTION_VIEW_PICK)
    assert pick["value"] == SLUG
    card = click(app_server, stored, payloads.button_action(ACTION_VIEW_PICK, pick["value"]))
    assert header(card) == TITLE


def test_a_stale_click_never_overwrites_a_newer_view(app_server: AppServer) -> None:
    view, stored = opened(app_server, user_message(f"<{PM_JOB}|Junior Machine Learning Researcher>"))
    action = payloads.button_action(ACTION_VIEW_PICK, element(view, ACTION_VIEW_PICK)["value"])
    click(app_server, stored, action)
    tracebacks = app_server.stderr().count("Traceback")
    exchange = app_server.post_interaction(payloads.view_block_actions(stored, action, api=app_server.api))
    assert exchange.status == 200
    first, second = app_server.api.wait_for("views.update", 2)
    assert first.ok and second.reply["error"] == "hash_conflict"
    assert header(app_server.api.workspace.views[stored["id"]]) == TITLE
    assert app_server.stderr().count("Traceback") == tracebacks


def test_a_typed_title_that_matches_nothing_is_counted_for_app_home(app_server: AppServer) -> None:
    _, stored = search(app_server)
    submit(app_server, stored, "  Chief   Vibes Officer ")
    app_server.settle()
    store = Store.open(f"sqlite:///{app_server.log_dir / 'specimen.db'}")
    try:
        with store.engine.begin() as conn:
            rows = conn.execute(select(title_asks).where(title_asks.c.normalized_query == "chief vibes officer")).all()
    finally:
        store.close()
    assert [(row.public, row.requested) for row in rows] == [(False, False)]  # a modal is private: counted, unshown


def test_no_link_or_no_job_link_gets_an_ephemeral_hint_and_no_modal(app_server: AppServer) -> None:
    reply = ephemeral_reply(app_server, identify(app_server, user_message("lunch at noon?")))
    joined = "\n".join(texts(reply))
    assert "No job link in that message" in joined and "no links I can read" in joined
    assert "/specimen &lt;title&gt;" in joined

    app_server.api.reset()
    reply = ephemeral_reply(app_server, identify(app_server, user_message("<https://github.com/acme/specimen>")))
    assert "Its 1 link doesn’t look like a job ad." in "\n".join(texts(reply))
    assert app_server.api.calls("views.open") == []


def test_expired_trigger_is_reported_through_the_response_url(app_server: AppServer) -> None:
    payload = payloads.message_action(SHORTCUT_IDENTIFY, message=user_message(f"<{LINKEDIN}>"), api=app_server.api)
    app_server.api.workspace.advance(4)  # the trigger is 4 s old when the app gets it
    exchange = app_server.post_interaction(payload)
    assert exchange.status == 200
    reply = ephemeral_reply(app_server, exchange)
    assert "Please use “Identify specimen” again." in "\n".join(texts(reply))
    [call] = app_server.api.calls("views.open")
    assert call.reply["error"] == "expired_trigger_id"


def test_hostile_labels_stay_inert_in_the_modal(app_server: AppServer) -> None:
    label = "<!channel> <@U123> <https://evil.example|click> Engineer @here"
    message = user_message(
        f"<{PM_JOB}|{label.replace('<', '&lt;').replace('>', '&gt;')}>",
        blocks=rich_text({"type": "link", "url": PM_JOB, "text": label}),
    )
    view, _ = opened(app_server, message)
    for text in texts(view):
        assert "<!" not in text and "<@" not in text and "<http" not in text
    assert "&lt;!channel&gt;" in json.dumps(view)


# -- bad input: a clear answer (a modal or an ephemeral reply), never an exception ----------------------------------

MANY_LINKS = " ".join(f"<https://jobs.example.com/jobs/{i}/senior-product-manager-{i}>" for i in range(200))
BAD_MESSAGES = {
    "malformed urls": user_message("<https://exa mple.com/jobs/1|Engineer> <http://[::1/jobs> <https://-/careers/x>"),
    "non-http schemes": user_message(
        "<javascript:alert(1)|ML Engineer> <ftp://jobs.example.com/jobs/1> <mailto:a@b.c>"
    ),
    "200 links": user_message(MANY_LINKS),
    "40,000 characters": user_message("ML engineer wanted " * 2000 + f"<{LINKEDIN}>"),
    "bot message": payloads.bot_message(f"New job: <{LINKEDIN}|Junior ML Engineer>"),
    "bot message without links": payloads.bot_message("Daily quote"),
    "attachments without titles": user_message(f"<{GREENHOUSE}>", attachments=[{"id": 1}, unfurl(GREENHOUSE, None)]),
    "unicode ids": user_message(
        "<https://jobs.lever.co/acme/ид-вакансии-٣٩١٢> <https://jobs.exämple.com/jobs/1/ɪɴɢᴇɴɪᴇᴜʀ-ml>"
    ),
    "empty message": {"type": "message", "ts": "1718000000.000100"},
    "wrong types": {"type": "message", "text": 42, "blocks": "nope", "attachments": {"a": 1}, "ts": "1.0"},
}


@pytest.mark.parametrize("name", list(BAD_MESSAGES))
def test_bad_input_gets_one_clear_answer(app_server: AppServer, name: str) -> None:
    errors_before = app_server.stderr().count("Traceback")
    exchange = identify(app_server, BAD_MESSAGES[name])
    url = exchange.sent["response_url"]
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not (
        app_server.api.calls("views.open") or app_server.api.response_posts(url)
    ):
        time.sleep(0.02)
    opened_views = app_server.api.calls("views.open")
    posts = app_server.api.response_posts(url)
    assert len(opened_views) + len(posts) == 1, (opened_views, posts)
    if opened_views:
        as_view(opened_views[0])
    else:
        assert "No job link in that message" in "\n".join(texts(posts[0].params))
        assert block_kit_problems(posts[0].params, "message") == []
    assert app_server.stderr().count("Traceback") == errors_before


# -- "Look up a specimen" --------------------------------------------------------------------------------------------


def search(app_server: AppServer) -> tuple[dict[str, Any], dict[str, Any]]:
    exchange = app_server.post_interaction(payloads.global_shortcut(SHORTCUT_LOOKUP, api=app_server.api))
    assert exchange.status == 200 and exchange.text == ""
    [call] = app_server.api.wait_for("views.open")
    return as_view(call), call.reply["view"]


def test_lookup_opens_a_search_box_and_the_submission_shows_the_card(app_server: AppServer) -> None:
    view, stored = search(app_server)
    assert view["callback_id"] == VIEW_SEARCH and view["title"]["text"] == "Look up a specimen"
    assert element(view, ACTION_TITLE_INPUT)["type"] == "plain_text_input"
    answer = submit(app_server, stored, "AI Apprentice")
    assert answer["response_action"] == "update"
    assert header(answer["view"]) == TITLE
    assert block_kit_problems(answer["view"], "modal") == []


def test_lookup_miss_and_empty_submission(app_server: AppServer) -> None:
    _, stored = search(app_server)
    assert submit(app_server, stored, " ")["response_action"] == "errors"
    answer = submit(app_server, stored, "Junior Machine Learning Researcher")
    view = answer["view"]
    assert answer["response_action"] == "update" and view["callback_id"] == VIEW_SEARCH
    assert block_kit_problems(view, "modal") == []
    assert "No specimen matches “Junior Machine Learning Researcher”." in texts(view)
    assert element(view, ACTION_VIEW_PICK)["value"] == SLUG
    assert element(view, ACTION_TITLE_INPUT)["initial_value"] == "Junior Machine Learning Researcher"


def test_a_card_found_in_a_shortcut_can_be_shared_and_another_looked_up(app_server: AppServer) -> None:
    _, stored = search(app_server)
    card = submit(app_server, stored, "scrum master")["view"]
    [share] = [b for b in card["blocks"] if b["type"] == "input"]
    url = app_server.api.issue_response_url("C0GENERAL")
    values = {share["block_id"]: {share["element"]["action_id"]: {"type": "conversations_select",
                                                                  "selected_conversation": "C0GENERAL"}}}  # fmt: skip
    payload = payloads.view_submission(
        stored["callback_id"], values=values, view_id=stored["id"], blocks=card["blocks"], api=app_server.api,
        response_urls=[{"block_id": share["block_id"], "action_id": share["element"]["action_id"],
                        "channel_id": "C0GENERAL", "response_url": url}],
    )  # fmt: skip
    exchange = app_server.post_interaction(payload)
    assert exchange.status == 200
    answer = exchange.json()
    assert answer["response_action"] == "update" and "Shared in <#C0GENERAL>." in json.dumps(answer["view"])
    app_server.settle()
    [post] = app_server.api.response_posts(url)
    assert post.params["response_type"] == "in_channel" and post.params["blocks"][0]["text"]["text"] == "Scrum Master"
    assert len(post.params["blocks"]) <= 12

    again = element(card, ACTION_VIEW_AGAIN)
    fresh = app_server.api.workspace.views[stored["id"]]
    updated = click(
        app_server, fresh, payloads.button_action(ACTION_VIEW_AGAIN, again["value"], text="Look up another")
    )
    assert updated["callback_id"] == VIEW_SEARCH and element(updated, ACTION_TITLE_INPUT)["type"] == "plain_text_input"


def test_sharing_from_a_modal_without_a_conversation_asks_for_one(app_server: AppServer) -> None:
    _, stored = search(app_server)
    card = submit(app_server, stored, "scrum master")["view"]
    [share] = [b for b in card["blocks"] if b["type"] == "input"]
    payload = payloads.view_submission(
        stored["callback_id"], values={share["block_id"]: {}}, view_id=stored["id"], blocks=card["blocks"],
        api=app_server.api,
    )  # fmt: skip
    answer = app_server.post_interaction(payload).json()
    assert answer["response_action"] == "errors" and share["block_id"] in answer["errors"]


def test_a_list_of_openings_gives_each_link_the_title_on_its_line(app_server: AppServer) -> None:
    second = "https://boards.greenhouse.io/acme/jobs/4012346"
    view, stored = opened(app_server, user_message(f"Junior ML Engineer <{GREENHOUSE}>\nData Scientist <{second}>"))
    assert header(view) == TITLE  # the first link's card
    select = element(view, ACTION_VIEW_CHOOSE)
    assert [o["text"]["text"] for o in select["options"]] == ["Junior ML Engineer", "Data Scientist"]
    assert select["initial_option"]["value"] == "0"
    scientist = click(app_server, stored, payloads.static_select_action(ACTION_VIEW_CHOOSE, select["options"][1]))
    assert header(scientist) == "Data Scientist"


def test_chat_prose_beside_a_link_is_not_taken_for_its_title(app_server: AppServer) -> None:
    view, _ = opened(app_server, user_message(f"<@U0BOB> you should apply <{GREENHOUSE}>"))
    assert any("carries no title" in t for t in texts(view))
    assert "initial_value" not in element(view, ACTION_TITLE_INPUT)
