"""The `specimen` command line: the only place that prints to the terminal for commands and exits."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.config import records_cache_dir, records_dir_default
from bot.importer.run import PageImportError, import_pages
from bot.records.loader import CatalogError, check_directory, load_catalog
from bot.records.model import Catalog
from bot.records.schema import json_schema

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


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


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

    schema = sub.add_parser("schema", help="print the JSON Schema of the record format")
    schema.set_defaults(handler=cmd_schema)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except CatalogError as error:
        print(error, file=sys.stderr)
        return EXIT_PROBLEMS
    except CommandError as error:
        print(f"specimen: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
