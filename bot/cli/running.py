"""Commands that run the app: serve, run (HTTP or Socket Mode), clock and post-daily.

The server stack (Bolt, gunicorn, SQLAlchemy) is imported only inside these commands, so that `specimen check`
and `specimen card` start fast.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.cli.common import EXIT_OK, EXIT_PROBLEMS, CommandError, catalog, positive_int, records_arg
from bot.cli.preview import guide
from bot.config import port_default, slack_settings, workers_default

if TYPE_CHECKING:
    from bot.deps import Deps
    from bot.records.model import Catalog


def _deps(args: argparse.Namespace) -> Deps:
    from bot.deps import Deps
    from bot.runtime import open_store

    return Deps(guide=guide(args), store=open_store())


def cmd_serve(args: argparse.Namespace) -> int:
    from bot.runtime import serve_http

    slack = slack_settings(socket_mode=False)
    options = _server_options(args)
    serve_http(_deps(args), slack, **options)
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from bot.runtime import run_socket_mode, serve_http

    slack = slack_settings()
    options = {} if slack.socket_mode else _server_options(args)
    deps = _deps(args)
    if slack.socket_mode:
        run_socket_mode(deps, slack)
    else:
        serve_http(deps, slack, **options)
    return EXIT_OK


def _server_options(args: argparse.Namespace) -> dict[str, Any]:
    """Flags first, then $PORT / $WEB_CONCURRENCY (a malformed one is a ConfigError naming the variable)."""
    port = args.port if args.port is not None else port_default()
    workers = args.workers if args.workers is not None else workers_default()
    return {"host": args.host, "port": port, "workers": workers, "threads": args.threads}


def _daily_parts(args: argparse.Namespace) -> tuple[Any, Any, Catalog, Any]:
    """Web API client, store, catalog and daily settings for `clock` and `post-daily`."""
    from slack_sdk import WebClient

    from bot.config import daily_settings, database_url, slack_bot_settings
    from bot.store import Store, StoreError

    slack, daily = slack_bot_settings(), daily_settings()
    found = catalog(args)
    try:
        store = Store.open(database_url())
    except StoreError as error:
        raise CommandError(str(error)) from None
    # No automatic retries: a retried post whose first attempt reached Slack would post twice (bot/scheduler/poster.py).
    return WebClient(token=slack.bot_token, base_url=slack.api_url, retry_handlers=[]), store, found, daily


def _slack_failure(error: Exception, api_url: str = "Slack") -> CommandError:
    from slack_sdk.errors import SlackApiError

    if isinstance(error, SlackApiError):
        return CommandError(f"Slack refused SLACK_BOT_TOKEN ({error.response.get('error')})")
    return CommandError(f"cannot reach Slack's Web API: {error}")


def cmd_clock(args: argparse.Namespace) -> int:
    from slack_sdk.errors import SlackApiError

    from bot.scheduler import clock_forever

    client, store, found, daily = _daily_parts(args)
    try:
        clock_forever(client, store, found, daily)
    except (SlackApiError, OSError) as error:
        raise _slack_failure(error) from None
    return EXIT_OK


def cmd_post_daily(args: argparse.Namespace) -> int:
    from slack_sdk.errors import SlackApiError

    from bot.scheduler import post_daily_once

    client, store, found, daily = _daily_parts(args)
    try:
        report = post_daily_once(client, store, found, daily, now=args.now)
    except (SlackApiError, OSError) as error:
        raise _slack_failure(error) from None
    print(f"daily pass: {report.summary()}")
    return EXIT_PROBLEMS if report.failed else EXIT_OK


def _instant(text: str) -> datetime:
    """An ISO-8601 instant with its UTC offset (``2026-03-30T09:00:00+02:00`` or ``…Z``)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO-8601 time, e.g. 2026-03-30T09:00:00+02:00") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no UTC offset; add one, e.g. {text}+02:00 or {text}Z")
    return moment


def _server_args(parser: argparse.ArgumentParser) -> None:
    records_arg(parser)
    parser.add_argument("--host", default="0.0.0.0", help="address to listen on (default 0.0.0.0)")  # noqa: S104
    parser.add_argument("--port", type=positive_int, default=None, help="port (default $PORT, else 3000)")
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=None,
        help="worker processes (default $WEB_CONCURRENCY, else 2)",
    )
    parser.add_argument("--threads", type=positive_int, default=8, help="threads per worker (default 8)")


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = sub.add_parser("serve", help="run the app over HTTP (POST /slack/events, GET /healthz)")
    _server_args(serve)
    serve.set_defaults(handler=cmd_serve)

    run = sub.add_parser("run", help="run the app: Socket Mode when SLACK_APP_TOKEN is set, else HTTP")
    _server_args(run)
    run.set_defaults(handler=cmd_run)

    clock = sub.add_parser("clock", help="post daily quotes: wake every minute and send what is due (Procfile clock:)")
    records_arg(clock)
    clock.set_defaults(handler=cmd_clock)

    post_daily = sub.add_parser(
        "post-daily", help="send the daily posts due now, once (for cron or a scheduler); exit 1 if any failed"
    )
    records_arg(post_daily)
    post_daily.add_argument(
        "--now", type=_instant, default=None, metavar="ISO-8601", help="act as if it were this time (with offset)"
    )
    post_daily.set_defaults(handler=cmd_post_daily)
