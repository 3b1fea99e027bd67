"""Records written to hurt: YAML anchors and aliases (the "billion laughs"), deep nesting, and symbolic links that
would make the loader read, and `specimen check` print, files outside the records folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.core.records.loader import NOT_REGULAR, check_directory, load_catalog, parse_record_text, read_record_file
from bot.core.records.writer import dump_record
from bot.core.titles.lexicon import LexiconError, parse_lexicon
from bot.testing.synthetic import synthetic_record_data
from tests.support.paths import SEED_PAGE

ANCHORS = "YAML anchors and aliases (&name, *name) are not allowed in records"
SYMLINK = "is a symbolic link; records must be regular files in the records folder"


def write(directory: Path, data: dict[str, Any]) -> Path:
    path = directory / f"{data['slug']}.yml"
    path.write_text(dump_record(data), encoding="utf-8")
    return path


def problems_of(directory: Path, cache: Path | None = None) -> list[str]:
    catalog, problems = check_directory(directory, cache)
    assert catalog is None
    return [str(p) for p in problems]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("title: &t Engineer\n", 1),  # an anchor alone is refused too: records have no use for one
        ("title: Engineer\naliases: [a, b]\nhabitat: *t\n", 3),  # an alias to nowhere
        ("slug: x\nhabitat: &h [office]\nweaponry: *h\n", 2),  # the anchor's line: the first one met
        ("base: &b {k: v}\nother:\n  <<: *b\n", 1),
        ("habitat: &h [*h]\n", 1),  # refers to itself
        ("- &a [x]\n- *a\n", 1),
        ("title: !!str &t Engineer\n", 1),  # behind a tag
    ],
)
def test_anchors_and_aliases_are_refused_at_the_parse_step(text: str, line: int) -> None:
    [problem] = parse_record_text(text, "hostile.yml").problems
    assert str(problem) == f"hostile.yml:{line}: {ANCHORS}"


@pytest.mark.parametrize(
    "text", ["title: '&t *t'\n", 'title: "a & b * c"\n', "title: a &b *c\n", "# &a *a\ntitle: x\n"]
)
def test_ampersands_and_stars_in_text_are_just_text(text: str) -> None:
    problems = parse_record_text(text, "fine.yml").problems
    assert all(ANCHORS not in problem.reason for problem in problems)


def test_a_record_with_an_alias_fails_the_whole_catalog_with_the_cache_on_too(tmp_path: Path) -> None:
    records, cache = tmp_path / "records", tmp_path / "cache"
    records.mkdir()
    write(records, synthetic_record_data(0))
    data = synthetic_record_data(1)
    path = write(records, data)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("habitat:", "habitat: &h", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "&h" in row)
    for _ in range(2):  # the second run reads the cache the first one wrote: the bad file was never cached
        assert problems_of(records, cache) == [f"{path}:{line}: {ANCHORS}"]


def test_the_writer_never_writes_an_alias_the_loader_would_refuse() -> None:
    data = synthetic_record_data(0)
    shared = ["Open-plan office"]
    data["habitat"] = shared
    data["aliases"] = shared  # the same list object twice: PyYAML's dumper would write &id001 / *id001
    text = dump_record(data)
    assert "&id" not in text and "*id" not in text
    assert all(ANCHORS not in p.reason for p in parse_record_text(text, "x.yml").problems)


def test_deep_nesting_is_refused_with_a_clear_reason() -> None:
    [problem] = parse_record_text("habitat: " + "[" * 500 + "]" * 500 + "\n", "deep.yml").problems
    assert problem.line == 1
    assert problem.reason == "YAML nested more than 32 levels deep is not allowed in records"


def test_nesting_at_the_limit_is_only_a_schema_problem() -> None:
    problems = parse_record_text("habitat: " + "[" * 31 + "]" * 31 + "\n", "deep.yml").problems
    assert problems and all("nested" not in p.reason for p in problems)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("day_log:\n- start: 2020-13-45\n", "'2020-13-45' is not a valid timestamp"),
        ("title: !!int abc\n", "'abc' is not a valid int"),
        ("title: !!float y\n", "'y' is not a valid float"),
        ("title: !!bool maybe\n", "'maybe' is not a valid bool"),
        ("title: !!timestamp x\n", "'x' is not a valid timestamp"),
        ("title: !!int\n", "'' is not a valid int"),
    ],
)
def test_a_scalar_its_type_cannot_hold_is_a_located_problem_not_a_crash(text: str, reason: str) -> None:
    [problem] = parse_record_text(text, "bad.yml").problems
    assert str(problem) == f"bad.yml:{text.count(chr(10))}: malformed YAML: {reason}"


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("title: x\n---\ntitle: y\n", 2, "malformed YAML: expected a single document, but found another one"),
        ("title: !!python/name:os.system x\n", 1, "malformed YAML: could not determine a constructor for the tag"),
        ("? [a]\n: b\n", 1, "a mapping key must be plain text"),
        ("<<: {title: x}\n", 1, "merge keys (<<) are not supported in records"),
        ("title: x\ntitle: y\n", 2, "duplicate key 'title'"),
        ("habitat: !!set {a, b}\n", 1, "the YAML tag !!set is not allowed on a list or mapping in records"),
        ("habitat:\n  !!omap [a: 1]\n", 2, "the YAML tag !!omap is not allowed on a list or mapping in records"),
        ("habitat: !custom [a]\n", 1, "the YAML tag !custom is not allowed on a list or mapping in records"),
    ],
)
def test_what_pyyaml_would_resolve_silently_or_dangerously_is_refused(text: str, line: int, reason: str) -> None:
    [problem] = parse_record_text(text, "bad.yml").problems
    assert str(problem).startswith(f"bad.yml:{line}: {reason}")


def test_the_title_vocabulary_refuses_anchors_and_aliases_too() -> None:
    # Package data, not a record (tests/unit/core/titles would be its home), read with the same caution.
    text = "abbreviations: &a {jr: junior}\nambiguous: *a\n"
    with pytest.raises(LexiconError) as caught:
        parse_lexicon(text, "vocabulary.yml")
    assert str(caught.value) == "vocabulary.yml: line 1: YAML anchors and aliases (&name, *name) are not allowed"


# --- symbolic links ---------------------------------------------------------------------------------------------


@pytest.fixture
def records(tmp_path: Path) -> Path:
    directory = tmp_path / "records"
    directory.mkdir()
    for index in range(2):
        write(directory, synthetic_record_data(index))
    return directory


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "shadow"
    path.parent.mkdir()
    path.write_text("root:$6$secret-hash-never-printed:19000:0:99999:7:::\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("cached", [False, True])
def test_a_symbolic_link_to_a_file_outside_is_refused_without_reading_it(
    records: Path, secret: Path, tmp_path: Path, cached: bool
) -> None:
    link = records / "evil.yml"
    link.symlink_to(secret)
    problems = problems_of(records, tmp_path / "cache" if cached else None)
    assert problems == [f"{link}: {SYMLINK}"]
    assert "secret-hash" not in "".join(problems)


def test_a_symbolic_link_to_a_valid_record_is_refused_too(records: Path, tmp_path: Path) -> None:
    data = synthetic_record_data(5)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = write(elsewhere, data)
    link = records / target.name
    link.symlink_to(target)
    assert problems_of(records) == [f"{link}: {SYMLINK}"]


def test_a_link_to_a_record_inside_the_folder_is_refused(records: Path) -> None:
    [first, *_] = sorted(records.iterdir())
    link = records / "again.yaml"
    link.symlink_to(first.name)
    assert problems_of(records) == [f"{link}: {SYMLINK}"]


def test_a_dangling_link_is_refused(records: Path, tmp_path: Path) -> None:
    link = records / "gone.yml"
    link.symlink_to(tmp_path / "nowhere.yml")
    assert problems_of(records) == [f"{link}: {SYMLINK}"]


@pytest.mark.parametrize("name", ["more", "more.yml"])
def test_a_linked_directory_is_refused_and_never_read(records: Path, secret: Path, name: str) -> None:
    (secret.parent / "planted.yml").write_text("title: &x planted\n", encoding="utf-8")
    link = records / name
    link.symlink_to(secret.parent, target_is_directory=True)
    problems = problems_of(records)
    assert problems == [f"{link}: {SYMLINK}"]


def test_a_plain_sub_folder_and_hidden_files_are_still_ignored(records: Path, secret: Path) -> None:
    (records / "drafts").mkdir()
    (records / "drafts" / "broken.yml").write_text("title: [\n", encoding="utf-8")
    (records / ".swap.yml").symlink_to(secret)
    assert len(load_catalog(records)) == 2


def test_a_file_replaced_by_a_link_is_not_taken_from_the_cache(records: Path, secret: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert len(load_catalog(records, cache)) == 2
    [first, *_] = sorted(records.iterdir())
    stat = first.stat()
    first.unlink()
    first.symlink_to(secret)
    os.utime(first, ns=(stat.st_atime_ns, stat.st_mtime_ns), follow_symlinks=False)
    assert problems_of(records, cache) == [f"{first}: {SYMLINK}"]


def test_a_fifo_is_refused_without_hanging(records: Path) -> None:
    fifo = records / "pipe.yml"
    os.mkfifo(fifo)
    assert read_record_file(fifo).problems[0].reason == NOT_REGULAR  # listed or not, opening it cannot block


def test_a_file_swapped_for_a_link_after_listing_is_not_followed(
    records: Path, secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = records / "swapped.yml"
    link.symlink_to(secret)
    monkeypatch.setattr(Path, "is_symlink", lambda self: False)  # as if it was a file when the folder was listed
    [problem] = read_record_file(link).problems
    assert str(problem) == f"{link}: {SYMLINK}"


def test_import_never_writes_through_or_reads_a_link_named_like_its_record(
    records: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The seed page's record, as a link to a file outside: with --force it would be read (to roll back) and replaced.
    link = records / "junior-machine-learning-engineer.yml"
    link.symlink_to(secret)
    before = secret.read_text(encoding="utf-8")
    assert main(["import", str(SEED_PAGE), "--records", str(records), "--force"]) == 1
    assert f"{link}: {SYMLINK}" in capsys.readouterr().err.splitlines()
    assert link.is_symlink() and secret.read_text(encoding="utf-8") == before


def test_the_records_folder_itself_may_be_a_link(records: Path, tmp_path: Path) -> None:
    # Deployments often point a stable path at a release folder; the folder named on the command line is trusted.
    link = tmp_path / "current"
    link.symlink_to(records, target_is_directory=True)
    assert len(load_catalog(link)) == 2


# Ten nested anchors of nine aliases each: 377 bytes that PyYAML expands to a billion strings. Only the guarded run in
# tests/unit/cli/test_check.py parses it, so that a regression fails a test instead of exhausting the machine.
BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
j: &j [*i,*i,*i,*i,*i,*i,*i,*i,*i]
"""
