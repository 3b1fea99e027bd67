"""The `specimen` command line (also `python -m bot`): the only place that prints for commands and exits."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from bot.cli import catalog, database, preview, running
from bot.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, CommandError, UsageError
from bot.cli.logs import configure_logging
from bot.cli.observability import start_error_reporting
from bot.config import ConfigError, Settings
from bot.core.records.problems import CatalogError
from bot.errors import StartupError

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="specimen",
        description="A field guide of satirical job-role specimens: preview cards, manage records, run the Slack app.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    preview.add_commands(sub)
    catalog.add_commands(sub)
    running.add_commands(sub)
    database.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        args.settings = Settings.from_env()
        configure_logging(args.settings.log_level, json_format=args.settings.log_format == "json")
        start_error_reporting(args.settings)
        return handler(args)
    except CatalogError as error:
        print(error, file=sys.stderr)
        return EXIT_PROBLEMS
    except UsageError as error:
        print(f"specimen {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (CommandError, ConfigError, StartupError) as error:
        print(f"specimen: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
