"""The `specimen` command line: the only place that prints to the terminal for commands and exits."""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.answers import FieldGuide
from bot.config import (
    ConfigError,
    log_level,
    port_default,
    records_cache_dir,
    records_dir_default,
    slack_settings,
    workers_default,
)
from bot.deps import Deps
from bot.importer.run import PageImportError, import_pages
from bot.matching.index import Hit, TitleIndex
from bot.matching.report import FIND_EPILOG, explain
from bot.records.loader import CatalogError, check_directory, load_catalog
from bot.records.model import Catalog
from bot.records.schema import json_schema
from bot.render import block_kit_builder_url, render_payload
from bot.slash import Lookup, Snippet

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A clear, user-facing failure of a command: printed to stderr, exit 1."""


def _records_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--records",
        type=Path,
        default=None,
        metavar="DIR",
        help="records directory (default: $SPECIMEN_RECORDS, else ./records)",
    )


def _records_dir(args: argparse.Namespace) -> Path:
    return args.records if args.records is not None else records_dir_default()


def _catalog(args: argparse.Namespace) -> Catalog:
    return load_catalog(_records_dir(args), records_cache_dir())


def cmd_check(args: argparse.Namespace) -> int:
    directory = _records_dir(args)
    catalog, problems = check_directory(directory, None if args.no_cache else records_cache_dir())
    if catalog is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        count = len(problems)
        print(f"{count} problem{'s' if count != 1 else ''} in {directory}", file=sys.stderr)
        return EXIT_PROBLEMS
    entries = sum(len(s.aliases) for s in catalog)
    print(f"ok: {len(catalog)} record{'s' if len(catalog) != 1 else ''} in {directory}, {entries} aliases, no problems")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    try:
        written = import_pages(args.pages, _records_dir(args), force=args.force)
    except PageImportError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(error.summary, file=sys.stderr)
        return EXIT_PROBLEMS
    for record in written:
        print(f"{'replaced' if record.replaced else 'wrote'} {record.path}")
    return EXIT_OK


def _guide(args: argparse.Namespace) -> FieldGuide:
    catalog = load_catalog(_records_dir(args), records_cache_dir())
    return FieldGuide(catalog, TitleIndex.build(catalog))


def _show(payload: dict[str, Any], args: argparse.Namespace, surface: str = "message") -> None:
    if args.json:
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    elif args.builder_url:
        print(block_kit_builder_url(payload, surface))
    else:
        print(render_payload(payload, width=args.width, color=sys.stdout.isatty()))


def cmd_preview(args: argparse.Namespace) -> int:
    """`card`, `quote`, `day`: the very payload the Slack reply carries, rendered for a terminal."""
    guide = _guide(args)
    text = " ".join(args.words)
    command = Lookup(text) if args.command == "card" else Snippet(args.command, text)
    if args.command == "card" and not text.strip():
        raise CommandError('name a job title, e.g. specimen card "jr ml eng"')
    answer = guide.answer(command, random.Random(args.seed))
    _show(answer.payload, args)
    if answer.missed_query is not None:
        print(f"specimen: no specimen matches {answer.missed_query!r}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from bot.runtime import serve_http

    slack = slack_settings(socket_mode=False)
    deps = _deps(args)
    serve_http(deps, slack, host=args.host, port=args.port, workers=args.workers, threads=args.threads)
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from bot.runtime import run_socket_mode, serve_http

    slack = slack_settings()
    deps = _deps(args)
    if slack.socket_mode:
        run_socket_mode(deps, slack)
    else:
        serve_http(deps, slack, host=args.host, port=args.port, workers=args.workers, threads=args.threads)
    return EXIT_OK


def _deps(args: argparse.Namespace) -> Deps:
    from bot.runtime import open_store

    return Deps(guide=_guide(args), store=open_store())


def _preview_args(parser: argparse.ArgumentParser) -> None:
    _records_arg(parser)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the Block Kit payload as JSON")
    output.add_argument("--builder-url", action="store_true", help="print a Slack Block Kit Builder link")
    parser.add_argument("--seed", type=int, default=None, help="fix the random quote and day-log pick")
    parser.add_argument("--width", type=int, default=80, help="terminal width (default 80)")
    parser.set_defaults(handler=cmd_preview)


def _server_args(parser: argparse.ArgumentParser) -> None:
    _records_arg(parser)
    parser.add_argument("--host", default="0.0.0.0", help="address to listen on (default 0.0.0.0)")  # noqa: S104
    parser.add_argument("--port", type=int, default=port_default(), help="port (default $PORT, else 3000)")
    parser.add_argument(
        "--workers", type=int, default=workers_default(), help="worker processes (default $WEB_CONCURRENCY, else 2)"
    )
    parser.add_argument("--threads", type=int, default=8, help="threads per worker (default 8)")


def cmd_find(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CommandError(f"--limit must be at least 1, got {args.limit}")
    lines, result = explain(TitleIndex.build(_catalog(args)), " ".join(args.query), args.limit)
    print("\n".join(lines))
    return EXIT_OK if isinstance(result, Hit) else EXIT_PROBLEMS


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _daily_parts(args: argparse.Namespace) -> tuple[Any, Any, Catalog, Any]:
    """Web API client, store, catalog and daily settings for `clock` and `post-daily`."""
    from slack_sdk import WebClient

    from bot.config import daily_settings, database_url, slack_bot_settings
    from bot.store import Store, StoreError

    slack, daily = slack_bot_settings(), daily_settings()
    catalog = _catalog(args)
    try:
        store = Store.open(database_url())
    except StoreError as error:
        raise CommandError(str(error)) from None
    # No automatic retries: a retried post whose first attempt reached Slack would post twice (see bot/scheduler.py).
    return WebClient(token=slack.bot_token, base_url=slack.api_url, retry_handlers=[]), store, catalog, daily


def cmd_clock(args: argparse.Namespace) -> int:
    from bot.scheduler import clock_forever

    client, store, catalog, daily = _daily_parts(args)
    clock_forever(client, store, catalog, daily)
    return EXIT_OK


def cmd_post_daily(args: argparse.Namespace) -> int:
    from bot.scheduler import post_daily_once

    client, store, catalog, daily = _daily_parts(args)
    report = post_daily_once(client, store, catalog, daily, now=args.now)
    print(f"daily pass: {report.summary()}")
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="specimen",
        description="A field guide of satirical job-role specimens: preview cards, manage records, run the Slack app.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = sub.add_parser("check", help="validate every record file; print all problems")
    _records_arg(check)
    check.add_argument(
        "--no-cache", action="store_true", help="parse every file again instead of trusting the parse cache"
    )
    check.set_defaults(handler=cmd_check)

    importer = sub.add_parser("import", help="turn FILE RECORD pages into record files (all or none)")
    importer.add_argument("pages", type=Path, nargs="+", metavar="FILE", help="a FILE RECORD page (UTF-8 text)")
    _records_arg(importer)
    importer.add_argument("--force", action="store_true", help="overwrite records that already exist")
    importer.set_defaults(handler=cmd_import)

    card = sub.add_parser("card", help="preview the card for a job title in the terminal (no Slack needed)")
    card.add_argument("words", nargs="*", metavar="TITLE", help="a title, alias or near miss")
    _preview_args(card)
    for kind, what in (("quote", "a random burn-ward quote"), ("day", "a random day-in-the-life entry")):
        snippet = sub.add_parser(kind, help=f"preview {what}, of one role or any")
        snippet.add_argument("words", nargs="*", metavar="ROLE", help="a title or alias (default: any specimen)")
        _preview_args(snippet)

    serve_parser = sub.add_parser("serve", help="run the app over HTTP (POST /slack/events, GET /healthz)")
    _server_args(serve_parser)
    serve_parser.set_defaults(handler=cmd_serve)

    run_parser = sub.add_parser("run", help="run the app: Socket Mode when SLACK_APP_TOKEN is set, else HTTP")
    _server_args(run_parser)
    run_parser.set_defaults(handler=cmd_run)

    find = sub.add_parser(
        "find",
        help="look a title up as /specimen does; print the answer and the ranked scores",
        epilog=FIND_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    find.add_argument("query", nargs="+", metavar="QUERY", help="the title as someone would type it")
    find.add_argument("--limit", type=int, default=5, metavar="N", help="specimens to rank (default 5)")
    _records_arg(find)
    find.set_defaults(handler=cmd_find)

    clock = sub.add_parser("clock", help="post daily quotes: wake every minute and send what is due (Procfile clock:)")
    _records_arg(clock)
    clock.set_defaults(handler=cmd_clock)

    post_daily = sub.add_parser("post-daily", help="send the daily posts due now, once (for cron or a scheduler)")
    _records_arg(post_daily)
    post_daily.add_argument(
        "--now", type=_instant, default=None, metavar="ISO-8601", help="act as if it were this time (with offset)"
    )
    post_daily.set_defaults(handler=cmd_post_daily)

    schema = sub.add_parser("schema", help="print the JSON Schema of the record format")
    schema.set_defaults(handler=cmd_schema)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    logging.basicConfig(level=log_level(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return handler(args)
    except CatalogError as error:
        print(error, file=sys.stderr)
        return EXIT_PROBLEMS
    except (CommandError, ConfigError) as error:
        print(f"specimen: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
