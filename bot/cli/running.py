"""Commands that run the app: serve, run (HTTP or Socket Mode), clock and post-daily.

The server stack (Bolt, gunicorn, SQLAlchemy) is imported only inside these commands, so that `specimen check`
and `specimen card` start fast.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from bot.cli.common import EXIT_OK, EXIT_PROBLEMS, positive_int, records_arg, settings_of


def cmd_serve(args: argparse.Namespace) -> int:
    from bot.cli.runtime import serve_http

    settings = settings_of(args)
    serve_http(settings, args.records, **_server_options(args, settings.port))
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from bot.cli.runtime import run

    options = _server_options(args, None)
    run(settings_of(args), args.records, **options)
    return EXIT_OK


def _server_options(args: argparse.Namespace, port: int | None) -> dict[str, Any]:
    """Flags first, then $PORT / $WEB_CONCURRENCY (a malformed one is a ConfigError naming the variable)."""
    workers = args.workers if args.workers is not None else settings_of(args).workers
    return {"host": args.host, "port": args.port or port, "workers": workers, "threads": args.threads}


def cmd_clock(args: argparse.Namespace) -> int:
    from bot.cli.runtime import clock

    clock(settings_of(args), args.records)
    return EXIT_OK


def cmd_post_daily(args: argparse.Namespace) -> int:
    from bot.cli.runtime import post_daily

    report = post_daily(settings_of(args), args.records, args.now)
    print(f"daily pass: {report.summary()}")
    return EXIT_PROBLEMS if report.failed else EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    from bot.cli.runtime import doctor

    report = doctor(settings_of(args))
    if not report.reachable:
        print(f"database: {report.database}: UNREACHABLE ({report.problem})")
        return EXIT_PROBLEMS
    print(f"database: {report.database}: ok")
    last = report.clock_last_pass
    if last is None:
        print("clock: no pass recorded (is `specimen clock` or `specimen post-daily` running?)")
    else:
        age = (datetime.now(UTC) - last).total_seconds()
        print(f"clock: last pass {last.isoformat(timespec='seconds')} ({age:.0f} s ago)")
    counts = report.counts or {}
    print(f"subscriptions: {counts.get('subscriptions', 0)} ({counts.get('paused', 0)} paused)")
    print(f"ledger rows: {counts.get('ledger_rows', 0)}")
    print(f"installed workspaces (OAuth): {counts.get('installations', 0)}")
    return EXIT_OK


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
    serve = sub.add_parser(
        "serve",
        help="run the app over HTTP (POST /slack/events, GET /healthz, the pages at /; with SLACK_CLIENT_ID: "
        "Add to Slack at /slack/install for many workspaces)",
        description="Serve Slack's requests on POST /slack/events, GET /healthz and the public pages (/, /search, "
        "/privacy, /support). One workspace with SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; many workspaces when "
        "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set (GET /slack/install, GET /slack/oauth_redirect).",
    )
    _server_args(serve)
    serve.set_defaults(handler=cmd_serve)

    run = sub.add_parser(
        "run",
        help="run the app: Socket Mode when SLACK_APP_TOKEN is set, else HTTP",
        description="Socket Mode when SLACK_APP_TOKEN is set (one workspace, SLACK_BOT_TOKEN; /healthz on $PORT when "
        "set), else `specimen serve` over HTTP (one workspace, or many with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, "
        "which cannot be combined with SLACK_APP_TOKEN).",
    )
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

    doctor = sub.add_parser(
        "doctor", help="check the database; print the clock's last pass, subscriptions and ledger rows (exit 1: down)"
    )
    doctor.set_defaults(handler=cmd_doctor)
