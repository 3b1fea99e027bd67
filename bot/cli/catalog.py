"""Commands over the record files: check, import, find, schema."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    catalog,
    positive_int,
    records_arg,
    records_dir,
    records_import_dir,
    settings_of,
)
from bot.core.matching.report import FIND_EPILOG
from bot.core.records.json_schema import json_schema
from bot.core.records.loader import check_directory


def cmd_check(args: argparse.Namespace) -> int:
    directory = records_dir(args)
    found, problems = check_directory(directory, None if args.no_cache else settings_of(args).records_cache_dir)
    if found is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        count = len(problems)
        print(f"{count} problem{'s' if count != 1 else ''} in {directory}", file=sys.stderr)
        return EXIT_PROBLEMS
    aliases = sum(len(s.aliases) for s in found)
    records = f"{len(found)} record{'s' if len(found) != 1 else ''}"
    print(f"ok: {records} in {directory}, {aliases} aliases, no problems")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from bot.core.importer.run import PageImportError, import_pages

    try:
        written = import_pages(args.pages, records_import_dir(args), force=args.force)
    except PageImportError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(error.summary, file=sys.stderr)
        return EXIT_PROBLEMS
    for record in written:
        print(f"{'replaced' if record.replaced else 'wrote'} {record.path}")
    return EXIT_OK


def cmd_find(args: argparse.Namespace) -> int:
    from bot.core.matching.index import TitleIndex
    from bot.core.matching.report import explain
    from bot.core.matching.result import Hit

    lines, result = explain(TitleIndex.build(catalog(args)), " ".join(args.query), args.limit)
    print("\n".join(lines))
    return EXIT_OK if isinstance(result, Hit) else EXIT_PROBLEMS


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = sub.add_parser("check", help="validate every record file; print all problems")
    records_arg(check)
    check.add_argument(
        "--no-cache", action="store_true", help="parse every file again instead of trusting the parse cache"
    )
    check.set_defaults(handler=cmd_check)

    importer = sub.add_parser("import", help="turn FILE RECORD pages into record files (all or none)")
    importer.add_argument("pages", type=Path, nargs="+", metavar="FILE", help="a FILE RECORD page (UTF-8 text)")
    records_arg(importer, "$SPECIMEN_RECORDS, else ./records")
    importer.add_argument("--force", action="store_true", help="overwrite records that already exist")
    importer.set_defaults(handler=cmd_import)

    find = sub.add_parser(
        "find",
        help="look a title up as /specimen does; print the answer and the ranked scores",
        epilog=FIND_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    find.add_argument("query", nargs="+", metavar="QUERY", help="the title as someone would type it")
    find.add_argument("--limit", type=positive_int, default=5, metavar="N", help="specimens to rank (default 5)")
    records_arg(find)
    find.set_defaults(handler=cmd_find)

    schema = sub.add_parser("schema", help="print the JSON Schema of the record format")
    schema.set_defaults(handler=cmd_schema)
