"""The pages a browser sees at the end of "Add to Slack": installed (and what to try first), or what went wrong."""

from __future__ import annotations

from html import escape

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

_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d1c1d}"
    "code{background:#f4f4f4;padding:.1rem .3rem;border-radius:3px}li{margin:.4rem 0}"
)


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>{body}</body></html>"
    )


def installed_page(team_name: str | None, install_path: str) -> str:
    """Installed: where, and the three things to try first."""
    where = f" in <strong>{escape(team_name)}</strong>" if team_name else ""
    steps = "".join(f"<li><code>{escape(what)}</code>: {escape(why)}</li>" for what, why in FIRST_STEPS)
    return _page(
        "specimen is installed",
        f"<h1>specimen is installed{where}</h1><p>Back in Slack, try:</p><ul>{steps}</ul>"
        f'<p>Another workspace? <a href="{escape(install_path)}">Add specimen there too</a>.</p>',
    )


def install_failed_page(reason: str, install_path: str) -> str:
    """Not installed: why, in plain words, and the way back to the start."""
    message = FAILURES.get(reason, UNKNOWN_FAILURE)
    return _page(
        "specimen was not installed",
        f"<h1>specimen was not installed</h1><p>{escape(message)}</p>"
        f'<p><a href="{escape(install_path)}">Back to the install page</a></p>',
    )
