"""What every command shares: exit codes, the records option, and the errors `main` turns into messages."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.config import Settings
from bot.core.records.loader import load_catalog
from bot.core.records.model import Catalog

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A clear, user-facing failure of a command: printed to stderr, exit 1."""


class UsageError(Exception):
    """The command was called wrongly (like argparse's own errors): printed to stderr, exit 2."""


def records_arg(
    parser: argparse.ArgumentParser, default: str = "$SPECIMEN_RECORDS, else the catalog shipped with specimen"
) -> None:
    parser.add_argument(
        "--records", type=Path, default=None, metavar="DIR", help=f"records directory (default: {default})"
    )


def settings_of(args: argparse.Namespace) -> Settings:
    """The settings ``main`` read once; a command called directly (tests) reads the environment itself."""
    settings = getattr(args, "settings", None)
    return settings if isinstance(settings, Settings) else Settings.from_env()


def records_dir(args: argparse.Namespace) -> Path:
    """The catalog a command reads: --records, else the settings' (an absolute path, so messages name it)."""
    return args.records.expanduser().absolute() if args.records is not None else settings_of(args).records_dir


def records_import_dir(args: argparse.Namespace) -> Path:
    """Where `specimen import` writes: --records, else the settings' (never the packaged catalog)."""
    return args.records.expanduser().absolute() if args.records is not None else settings_of(args).records_import_dir


def catalog(args: argparse.Namespace) -> Catalog:
    return load_catalog(records_dir(args), settings_of(args).records_cache_dir)


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value
