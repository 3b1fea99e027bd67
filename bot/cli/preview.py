"""`card`, `quote`, `day`: the very payload the Slack reply carries, rendered in a terminal (no Slack needed)."""

from __future__ import annotations

import argparse
import json
import random
import sys
from typing import TYPE_CHECKING, Any

from bot.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, catalog, positive_int, records_arg

if TYPE_CHECKING:
    from bot.core.answers.guide import FieldGuide


def guide(args: argparse.Namespace) -> FieldGuide:
    from bot.core.answers.guide import FieldGuide

    return FieldGuide.build(catalog(args))


def _show(payload: dict[str, Any], args: argparse.Namespace) -> None:
    from bot.cli.terminal import block_kit_builder_url, render_payload

    if args.json:
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    elif args.builder_url:
        print(block_kit_builder_url(payload, "message"))
    else:
        print(render_payload(payload, width=args.width, color=sys.stdout.isatty()))


def cmd_preview(args: argparse.Namespace) -> int:
    from bot.core.answers.slash import ListAll, Lookup, Snippet, clean_text

    text = clean_text(" ".join(args.words))
    if args.command == "card" and not text.strip():
        raise UsageError('name a job title, e.g. specimen card "jr ml eng"')
    if args.command == "list":
        command: Any = ListAll()
    else:
        command = Lookup(text) if args.command == "card" else Snippet(args.command, text)
    answer = guide(args).answer(command, random.Random(args.seed))
    _show(answer.payload, args)
    if answer.missed_query is not None:
        print(f"specimen: no specimen matches {answer.missed_query!r}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _preview_args(parser: argparse.ArgumentParser) -> None:
    records_arg(parser)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the Block Kit payload as JSON")
    output.add_argument("--builder-url", action="store_true", help="print a Slack Block Kit Builder link")
    parser.add_argument("--seed", type=int, default=None, help="fix the random quote and day-log pick")
    parser.add_argument("--width", type=positive_int, default=80, help="terminal width (default 80)")
    parser.set_defaults(handler=cmd_preview)


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    card = sub.add_parser("card", help="preview the card for a job title in the terminal (no Slack needed)")
    card.add_argument("words", nargs="*", metavar="TITLE", help="a title, alias or near miss")
    _preview_args(card)
    for kind, what in (("quote", "a random burn-ward quote"), ("day", "a random day-in-the-life entry")):
        snippet = sub.add_parser(kind, help=f"preview {what}, of one role or any")
        snippet.add_argument("words", nargs="*", metavar="ROLE", help="a title or alias (default: any specimen)")
        _preview_args(snippet)
    listing = sub.add_parser("list", help="preview the list of every specimen, as /specimen list shows it")
    listing.set_defaults(words=[])
    _preview_args(listing)
