"""The pages of "Add to Slack" in the site's own frame: the install page (its link to Slack's consent screen), then
installed (and what to try first) or what went wrong. Served by Bolt's OAuth flow through ``bot.slack.oauth``."""

from __future__ import annotations

from bot.core.site.html import document, esc

FIRST_STEPS = (
    ("/specimen junior ml engineer", "look up a specimen: a private preview first, shared only when you say so"),
    ("the Home tab", "open specimen in Slack's sidebar for the guide, your channels' daily posts and what's asked"),
    ("/specimen daily on 9am", "in a channel (after /invite @specimen): one burn-ward quote a day at 9:00 local"),
)

# Why an install did not finish, in words for the person at the browser (Bolt's failure reasons).
FAILURES = {
    "access_denied": "The install was cancelled in Slack, so nothing was installed.",
    "invalid_browser": (
        "This install was started in another browser (or its cookie was blocked), so it cannot be finished here. "
        "Start again from the install page in this browser."
    ),
    "invalid_state": (
        "This install link was already used or has expired (links last ten minutes). Start again from the install page."
    ),
    "missing_code": "Slack did not send an install code with this page. Start again from the install page.",
    "invalid_code": "Slack did not accept the install code (it may have been used already). Start again.",
    "storage_error": "The install reached us but could not be saved. Nothing was kept; please try again shortly.",
}
UNKNOWN_FAILURE = "The install did not finish. Start again from the install page."


def install_page(authorize_url: str) -> str:
    """Add to Slack: the link to Slack's consent screen (it carries this browser's single-use ``state``)."""
    return document(
        "Add specimen to Slack",
        "<h1>Add specimen to Slack</h1><p>Slack asks you to allow specimen in your workspace, then sends you back "
        "here.</p>"
        f'<p><a class="add-to-slack" id="add-to-slack" href="{esc(authorize_url)}">Add to Slack</a></p>',
    )


def installed_page(team_name: str | None, install_path: str) -> str:
    """Installed: where, and the three things to try first."""
    where = f" in <strong>{esc(team_name)}</strong>" if team_name else ""
    steps = "".join(f"<li><code>{esc(what)}</code>: {esc(why)}</li>" for what, why in FIRST_STEPS)
    return document(
        "specimen is installed",
        f"<h1>specimen is installed{where}</h1><p>Back in Slack, try:</p><ul>{steps}</ul>"
        f'<p>Another workspace? <a href="{esc(install_path)}">Add specimen there too</a>.</p>',
    )


def install_failed_page(reason: str, install_path: str) -> str:
    """Not installed: why, in plain words, and the way back to the start."""
    message = FAILURES.get(reason, UNKNOWN_FAILURE)
    return document(
        "specimen was not installed",
        f"<h1>specimen was not installed</h1><p>{esc(message)}</p>"
        f'<p><a href="{esc(install_path)}">Back to the install page</a></p>',
    )
