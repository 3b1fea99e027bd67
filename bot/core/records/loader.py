"""Read and validate a records directory into a Catalog, reporting every problem at once."""

from __future__ import annotations

import errno
import multiprocessing
import os
import stat
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bot.core.records.across import cross_record_problems, linked_related
from bot.core.records.cache import ParseCache
from bot.core.records.model import (
    Autopsy,
    BurnQuote,
    Catalog,
    DayLogEntry,
    Encounter,
    FlightRisk,
    NamedEntry,
    RelatedSpecimen,
    Salary,
    Specimen,
)
from bot.core.records.problems import CatalogError, ParsedFile, Problem
from bot.core.records.schema import format_path, validate_record
from bot.core.records.yaml_tree import YamlError, compose_yaml, line_of, parse_yaml

MAX_RECORD_BYTES = 1_000_000
RECORD_SUFFIXES = (".yml", ".yaml")
SYMLINK_REFUSED = "is a symbolic link; records must be regular files in the records folder"
NOT_REGULAR = "is not a regular file; records must be regular files in the records folder"
# O_NOFOLLOW: a name swapped for a link after it was listed fails to open (ELOOP) instead of being followed;
# O_NONBLOCK: a FIFO swapped in cannot hang the open.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
# Below this many files a process pool costs more than it saves (measured by `python -m bench records`).
PARALLEL_THRESHOLD = 400


def record_files(directory: Path) -> list[Path]:
    """What the loader reads from a directory, sorted: its record files (*.yml, *.yaml), hidden ones ignored.

    Symbolic links named like records, and links to directories whatever their name, are listed too but never
    followed: ``read_record_file`` refuses them, so `ln -s /etc/shadow records/evil.yml` is named, not read, and a
    linked directory cannot pass for part of the records folder. Plain sub-folders and other files are ignored.
    The folder itself may be a link: it is the one the operator named.
    """
    found = []
    for path in directory.iterdir():
        if path.name.startswith("."):
            continue
        if path.is_symlink():
            if path.suffix in RECORD_SUFFIXES or path.is_dir():
                found.append(path)
        elif path.suffix in RECORD_SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found)


def parse_record_text(text: str, file: str) -> ParsedFile:
    """Parse and validate one record's YAML text (no cross-record checks)."""
    try:
        data = parse_yaml(text)
    except YamlError as problem:
        return ParsedFile(file, None, (Problem(file, problem.line, "", problem.reason),))
    if data is None:
        return ParsedFile(file, None, (Problem(file, None, "", "the file holds no record"),))
    issues = validate_record(data)
    if issues:
        root = compose_yaml(text)
        located = (Problem(file, line_of(root, i.path), format_path(i.path), i.reason) for i in issues)
        return ParsedFile(file, None, tuple(located))
    assert isinstance(data, dict)
    return ParsedFile(file, data, ())


class _RefusedError(Exception):
    """A record file that is not read; the message is the problem's reason."""


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_RECORD_BYTES, never through a symbolic link, else _RefusedError.

    The checks are made on the opened file (O_NOFOLLOW, then fstat), so a name swapped for a link or a FIFO
    between listing and reading is refused like one that was there all along.
    """
    if path.is_symlink():
        raise _RefusedError(SYMLINK_REFUSED)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _RefusedError(
            SYMLINK_REFUSED if error.errno == errno.ELOOP else f"cannot read: {error.strerror}"
        ) from None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise _RefusedError(NOT_REGULAR)
            if info.st_size > MAX_RECORD_BYTES:
                raise _RefusedError(f"is {info.st_size:,} bytes; a record file is at most {MAX_RECORD_BYTES:,} bytes")
            raw = handle.read(MAX_RECORD_BYTES + 1)
    except OSError as error:
        raise _RefusedError(f"cannot read: {error.strerror}") from None
    if len(raw) > MAX_RECORD_BYTES:
        raise _RefusedError(
            f"is more than {MAX_RECORD_BYTES:,} bytes; a record file is at most {MAX_RECORD_BYTES:,} bytes"
        )
    return raw


def read_record_file(path: Path) -> ParsedFile:
    """Read one record file (a regular file, not a link) with size and encoding checks, then parse it."""
    file = str(path)
    try:
        raw = _read_regular_file(path)
    except _RefusedError as refused:
        return ParsedFile(file, None, (Problem(file, None, "", str(refused)),))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        reason = f"is not UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start})"
        return ParsedFile(file, None, (Problem(file, line, "", reason),))
    parsed = parse_record_text(text, file)
    if parsed.data is not None and parsed.data["slug"] != path.stem:
        reason = f"slug {parsed.data['slug']!r} does not match the file name; name it {parsed.data['slug']}.yml"
        return ParsedFile(file, None, (Problem(file, None, "slug", reason),))
    return parsed


def _parse_all(paths: list[Path]) -> list[ParsedFile]:
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_THRESHOLD or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [read_record_file(p) for p in paths]
    context = multiprocessing.get_context("fork")
    chunk = max(16, len(paths) // (workers * 4))
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(read_record_file, paths, chunksize=chunk))


def check_directory(directory: Path, cache_dir: Path | None = None) -> tuple[Catalog | None, list[Problem]]:
    """Load a records directory; the catalog is None whenever any problem was found.

    With ``cache_dir``, files unchanged since they last passed validation are taken from the parse cache.
    """
    if not directory.is_dir():
        return None, [Problem(str(directory), None, "", "is not a directory of records")]
    paths = record_files(directory)
    if not paths:
        reason = "holds no record files (*.yml); import one with `specimen import PAGE`"
        return None, [Problem(str(directory), None, "", reason)]
    parsed = _parse_with_cache(paths, ParseCache(cache_dir, directory)) if cache_dir else _parse_all(paths)
    problems = [problem for p in parsed for problem in p.problems]
    valid = [p for p in parsed if p.data is not None]
    problems.extend(cross_record_problems(valid))
    if problems:
        return None, problems
    return Catalog(linked_related(tuple(specimen_from_data(p.data) for p in valid if p.data is not None))), []


def _parse_with_cache(paths: list[Path], cache: ParseCache) -> list[ParsedFile]:
    cached = cache.load()
    stats = {path: path.lstat() for path in paths}  # a link's own stat: links are never taken from the cache
    fresh: dict[Path, ParsedFile] = {}
    stale: list[Path] = []
    for path in paths:
        entry = cached.get(path.name)
        info = stats[path]
        if (
            entry is not None
            and stat.S_ISREG(info.st_mode)
            and (entry[0], entry[1]) == (info.st_size, info.st_mtime_ns)
        ):
            fresh[path] = ParsedFile(str(path), entry[2], ())
        else:
            stale.append(path)
    fresh.update(zip(stale, _parse_all(stale), strict=True))
    if stale:
        entries = {
            path.name: (stats[path].st_size, stats[path].st_mtime_ns, parsed.data)
            for path, parsed in fresh.items()
            if parsed.data is not None
        }
        cache.save(entries)
    return [fresh[path] for path in paths]


def load_catalog(directory: Path, cache_dir: Path | None = None) -> Catalog:
    """Load a records directory or raise CatalogError with every problem."""
    catalog, problems = check_directory(directory, cache_dir)
    if catalog is None:
        raise CatalogError(problems)
    return catalog


def specimen_from_data(data: dict[str, Any]) -> Specimen:
    """Build the typed record from validated data (whole numbers may arrive as 85.0: they become ints here)."""
    salary = data["salary"]
    risk = data["flight_risk"]
    return Specimen(
        title=data["title"],
        slug=data["slug"],
        question=data["question"],
        org_chart_caption=data.get("org_chart_caption"),
        aliases=tuple(data.get("aliases") or ()),
        habitat=tuple(data["habitat"]),
        salary=Salary(int(salary["amount"]), salary["currency"], salary["region_note"], salary["quote"]),
        flight_risk=FlightRisk(int(risk["percent"]), risk["level"], risk["diagnosis"]),
        metrics=tuple(NamedEntry(m["name"], m["description"]) for m in data["metrics"]),
        weaponry=tuple(NamedEntry(w["name"], w["description"]) for w in data["weaponry"]),
        encounter_guide=tuple(Encounter(e["trigger"], e["advice"]) for e in data["encounter_guide"]),
        jd_autopsy=tuple(Autopsy(a["illusion"], a["source"], a["translation"]) for a in data["jd_autopsy"]),
        day_log=tuple(DayLogEntry(d["start"], d["end"], d["title"], d["description"]) for d in data["day_log"]),
        burn_ward=tuple(BurnQuote(q["quote"], q.get("source")) for q in data["burn_ward"]),
        related=tuple(
            RelatedSpecimen(r["title"], int(r["match_percent"]), r["description"], r.get("slug"))
            for r in data.get("related") or ()
        ),
        burn_ward_caption=data.get("burn_ward_caption"),
    )
