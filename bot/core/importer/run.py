"""`specimen import`: read FILE RECORD pages, check the catalog they would make, then write their records.

Every page is read, parsed and checked before anything is written; one bad page means no file is written at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core.importer.lines import PageError
from bot.core.importer.page import ParsedPage, parse_page
from bot.core.records.across import cross_record_problems
from bot.core.records.loader import SYMLINK_REFUSED, parse_record_text, read_record_file, record_files
from bot.core.records.problems import ParsedFile
from bot.core.records.writer import dump_record, write_atomically
from bot.core.titles.normalize import normalize_title

MAX_PAGE_BYTES = 512 * 1024
RECORD_SUFFIX = ".yml"


class PageImportError(Exception):
    """Nothing was written; ``problems`` holds one line per problem, each naming its file."""

    def __init__(self, problems: Sequence[str], summary: str) -> None:
        self.problems = tuple(problems)
        self.summary = summary
        super().__init__("\n".join([*self.problems, summary]))


@dataclass(frozen=True, slots=True)
class WrittenRecord:
    path: Path
    replaced: bool


def read_page(path: Path) -> str:
    """A page's text: at most MAX_PAGE_BYTES of UTF-8 (a byte-order mark is allowed), or a PageError."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_PAGE_BYTES + 1)
    except IsADirectoryError:
        raise PageError(None, "is a directory, not a FILE RECORD page") from None
    except OSError as error:
        raise PageError(None, f"cannot read: {error.strerror or error}") from None
    if len(raw) > MAX_PAGE_BYTES:
        size = path.stat().st_size
        raise PageError(None, f"is {size:,} bytes; a FILE RECORD page is at most {MAX_PAGE_BYTES // 1024} KB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        reason = f"is not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}); save the page as UTF-8"
        raise PageError(line, reason) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise PageError(line, "holds a NUL character: a binary file, not a FILE RECORD page")
    return text


def _located(file: Path | str, error: PageError) -> str:
    return f"{file}: {error.message}" if error.line is None else f"{file}:{error.line}: {error.message}"


def _link_related(data: dict[str, Any], slug_by_name: dict[str, str]) -> dict[str, Any]:
    """Give a related specimen the slug of the record it names (by slug, title or alias), when there is one."""
    related = []
    for entry in data["related"]:
        key = normalize_title(entry["title"])
        target = slug_by_name.get(key.replace(" ", "-")) or slug_by_name.get(key)
        related.append({**entry, "slug": target} if target and target != data["slug"] else entry)
    return {**data, "related": related}


def _names(data: dict[str, Any]) -> list[str]:
    return [data["slug"], normalize_title(data["title"]), *(normalize_title(a) for a in data.get("aliases") or [])]


def _parse_pages(pages: Sequence[Path], problems: list[str]) -> list[tuple[Path, ParsedPage]]:
    parsed = []
    for page in pages:
        try:
            parsed.append((page, parse_page(read_page(page))))
        except PageError as error:
            problems.append(_located(page, error))
    return parsed


def _existing_records(directory: Path, replaced: set[Path], problems: list[str]) -> list[ParsedFile]:
    if not directory.exists():
        return []
    if not directory.is_dir():
        problems.append(f"{directory}: is not a directory of records")
        return []
    records = [read_record_file(path) for path in record_files(directory) if path not in replaced]
    problems.extend(f"{problem} (fix the records directory first)" for r in records for problem in r.problems)
    return [record for record in records if record.data is not None]


def plan_import(pages: Sequence[Path], directory: Path, *, force: bool) -> list[tuple[Path, str]]:
    """The record files to write, as (path, text), after every check passed; else PageImportError with every problem."""
    problems: list[str] = []
    parsed = _parse_pages(pages, problems)
    targets = [directory / f"{result.slug}{RECORD_SUFFIX}" for _, result in parsed]
    for (page, _), target in zip(parsed, targets, strict=True):
        if target.is_symlink():  # even with --force: its target would be read (to roll back) and replaced
            problems.append(f"{target}: {SYMLINK_REFUSED}")
        elif target.exists() and not force:
            problems.append(f"{page}: {target} exists; pass --force to overwrite it")
    # A target is left out of the catalog check even without --force: the 'exists' problem already covers it.
    existing = _existing_records(directory, set(targets), problems)
    slug_by_name = {name: r.data["slug"] for r in existing if r.data for name in _names(r.data)}
    slug_by_name.update({name: result.slug for _, result in parsed for name in _names(result.data)})
    new = [ParsedFile(str(page), _link_related(result.data, slug_by_name), ()) for page, result in parsed]
    problems.extend(str(problem) for problem in cross_record_problems([*existing, *new]))
    planned = []
    for record, target in zip(new, targets, strict=True):
        assert record.data is not None
        text = dump_record(record.data)
        problems.extend(f"{record.file}: {problem}" for problem in parse_record_text(text, str(target)).problems)
        planned.append((target, text))
    if problems:
        failed = len(pages) - len(parsed)
        pages_note = f"{failed} of {len(pages)} page{'s' if len(pages) != 1 else ''} failed; " if failed else ""
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        raise PageImportError(problems, f"{count}: {pages_note}nothing was written")
    return planned


def import_pages(pages: Sequence[Path], directory: Path, *, force: bool = False) -> list[WrittenRecord]:
    """Import pages as records into ``directory``: all of them, or none (a failed write rolls back earlier ones)."""
    planned = plan_import(pages, directory, force=force)
    written: list[tuple[Path, bytes | None]] = []
    for target, text in planned:
        try:
            previous = target.read_bytes() if target.exists() else None
            write_atomically(target, text, overwrite=force)
        except OSError as error:
            _roll_back(written)
            reason = f"{target}: cannot write: {error.strerror or error}"
            raise PageImportError(
                [reason], "nothing was written (earlier files of this import were restored)"
            ) from error
        written.append((target, previous))
    return [WrittenRecord(path, previous is not None) for path, previous in written]


def _roll_back(written: list[tuple[Path, bytes | None]]) -> None:
    for path, previous in reversed(written):
        if previous is None:
            path.unlink(missing_ok=True)
        else:
            write_atomically(path, previous.decode("utf-8", errors="replace"), overwrite=True)
