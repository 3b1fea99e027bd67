"""A bare Bolt app that acks `/specimen` with a constant text, on specimen's own server stack (the baseline): the
same gunicorn + uvicorn workers and request guard, without replay memory or the workspace check.

Run: python -m bench.bare_app --port N   (needs SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL)
"""

from __future__ import annotations

import argparse

from slack_bolt import Ack, App

from bot.cli.server import serve
from bot.config import Settings
from bot.core.ids import COMMAND
from bot.slack.app import web_client
from bot.slack.endpoint import SlackEndpoint
from bot.slack.http import Health, HttpFront


def bare_app() -> tuple[App, str]:
    slack = Settings.from_env().slack(socket_mode=False)
    app = App(client=web_client(slack), signing_secret=slack.signing_secret, process_before_response=True)

    @app.command(COMMAND)
    def constant(ack: Ack) -> None:
        ack("constant")

    return app, slack.signing_secret


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    app, signing_secret = bare_app()
    healthy = Health(ok=True, details={})
    front = HttpFront(SlackEndpoint(app, signing_secret), lambda: healthy, threads=args.threads)
    serve(front, host="127.0.0.1", port=args.port, workers=args.workers, access_log=False)


if __name__ == "__main__":
    main()
