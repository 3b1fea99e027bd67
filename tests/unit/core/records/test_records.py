"""Loading and validating a records directory: every error kind, located, all reported at once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.core.records.loader import check_directory, load_catalog
from bot.core.records.problems import CatalogError
from bot.core.records.writer import dump_record
from bot.testing.synthetic import synthetic_record_data


def write(directory: Path, data: dict[str, Any], name: str | None = None) -> Path:
    path = directory / (name or f"{data['slug']}.yml")
    path.write_text(dump_record(data), encoding="utf-8")
    return path


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    for index in range(3):
        write(tmp_path, synthetic_record_data(index))
    return tmp_path


def problems_of(directory: Path) -> list[str]:
    catalog, problems = check_directory(directory)
    assert catalog is None
    return [str(p) for p in problems]


def test_clean_catalog_loads_every_record(catalog_dir: Path) -> None:
    catalog = load_catalog(catalog_dir)
    assert len(catalog) == 3
    first = synthetic_record_data(0)
    specimen = catalog.by_slug(first["slug"])
    assert specimen is not None
    assert specimen.title == first["title"]
    assert specimen.flight_risk.percent == first["flight_risk"]["percent"]
    assert [q.source for q in specimen.burn_ward] == [None, "r/synthetic", None, "r/synthetic"]


def test_malformed_yaml_names_file_and_line(catalog_dir: Path) -> None:
    (catalog_dir / "broken.yml").write_text("title: [unclosed\nslug: x\n", encoding="utf-8")
    [problem] = problems_of(catalog_dir)
    assert problem.startswith(f"{catalog_dir / 'broken.yml'}:")
    assert "malformed YAML" in problem


def test_unknown_key_is_reported_with_its_line(catalog_dir: Path) -> None:
    data = synthetic_record_data(0)
    path = write(catalog_dir, data)
    path.write_text(path.read_text(encoding="utf-8") + "colour: beige\n", encoding="utf-8")
    [problem] = problems_of(catalog_dir)
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert problem.startswith(f"{path}:{line}: colour: unknown key")


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.pop("question"), "question: is required but missing"),
        (lambda d: d.update(title="   "), "title: is empty"),
        (lambda d: d["salary"].update(amount="lots"), "salary.amount: expected a whole number, got text"),
        (lambda d: d["flight_risk"].update(percent=101), "flight_risk.percent: 101 is out of range: from 0 to 100"),
        (lambda d: d["related"][0].update(match_percent=-1), "related[0].match_percent: -1 is out of range"),
        (lambda d: d.update(habitat="everywhere"), "habitat: expected a list, got text"),
        (lambda d: d.update(metrics=[]), "metrics: needs at least 1 entry"),
        (lambda d: d["day_log"][1].update(start="25:00"), "day_log[1].start: '25:00' is not a quoted 24-hour time"),
        (lambda d: d["salary"].update(currency="usd"), "salary.currency: 'usd' is not three capital letters"),
        (lambda d: d.update(slug="Not A Slug"), "slug: 'Not A Slug' is not lower-case letters"),
        (lambda d: d["burn_ward"][0].update(quote=True), "burn_ward[0].quote: expected text, got a boolean"),
    ],
)
def test_each_field_error_kind(tmp_path: Path, mutate: Any, expected: str) -> None:
    data = synthetic_record_data(7)
    mutate(data)
    write(tmp_path, data, "specimen.yml")
    problems = problems_of(tmp_path)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith(str(tmp_path / "specimen.yml")) for p in problems)


def test_unquoted_time_gets_a_hint(tmp_path: Path) -> None:
    data = synthetic_record_data(1)
    path = write(tmp_path, data)
    path.write_text(path.read_text(encoding="utf-8").replace("start: '13:00'", "start: 13:00"), encoding="utf-8")
    [problem] = problems_of(tmp_path)
    assert "day_log[1].start: expected text, got a number (780)" in problem
    assert "unquoted" in problem


def test_every_error_is_reported_not_just_the_first(tmp_path: Path) -> None:
    bad = synthetic_record_data(0)
    bad["flight_risk"]["percent"] = 300
    bad["title"] = ""
    write(tmp_path, bad)
    other = synthetic_record_data(1)
    other["extra"] = 1
    write(tmp_path, other)
    problems = problems_of(tmp_path)
    assert len(problems) == 3


def test_duplicate_slug(catalog_dir: Path) -> None:
    data = synthetic_record_data(0)
    data["title"], data["aliases"] = "Someone Else Entirely", []
    write(catalog_dir, data, f"{data['slug']}.yaml")
    problems = problems_of(catalog_dir)
    assert any("duplicate slug" in p for p in problems), problems


def test_alias_claimed_by_two_records_after_normalisation(catalog_dir: Path) -> None:
    data = synthetic_record_data(5)
    taken = synthetic_record_data(0)["aliases"][2]
    data["aliases"].append("  " + taken.upper().replace(" ", "  ") + "!")
    write(catalog_dir, data)
    [problem] = problems_of(catalog_dir)
    assert "is also claimed by" in problem
    assert "aliases[4]" in problem
    assert "aliases[2]" in problem


def test_related_slug_must_point_at_a_record(catalog_dir: Path) -> None:
    data = synthetic_record_data(5)
    data["related"][1]["slug"] = "nobody-home"
    write(catalog_dir, data)
    [problem] = problems_of(catalog_dir)
    assert "related[1].slug: points to slug 'nobody-home', which no record has" in problem


def test_related_slug_to_an_existing_record_is_fine(catalog_dir: Path) -> None:
    data = synthetic_record_data(5)
    data["related"][0]["slug"] = synthetic_record_data(0)["slug"]
    write(catalog_dir, data)
    assert len(load_catalog(catalog_dir)) == 4


def test_file_name_must_match_slug(tmp_path: Path) -> None:
    write(tmp_path, synthetic_record_data(0), "wrong-name.yml")
    [problem] = problems_of(tmp_path)
    assert "does not match the file name" in problem


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "latin.yml").write_bytes("title: Caf\xe9\n".encode("latin-1"))
    [problem] = problems_of(tmp_path)
    assert "latin.yml:1: is not UTF-8" in problem


def test_oversized_file(tmp_path: Path) -> None:
    (tmp_path / "huge.yml").write_bytes(b"title: " + b"x" * 5_000_000)
    [problem] = problems_of(tmp_path)
    assert "is 5,000,007 bytes; a record file is at most 1,000,000 bytes" in problem


def test_empty_file_and_non_mapping(tmp_path: Path) -> None:
    (tmp_path / "empty.yml").write_text("", encoding="utf-8")
    (tmp_path / "list.yml").write_text("- a\n- b\n", encoding="utf-8")
    problems = problems_of(tmp_path)
    assert any("empty.yml: the file holds no record" in p for p in problems)
    assert any("list.yml:1: (record): expected a mapping, got a list" in p for p in problems)


def test_directory_without_records(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    [problem] = problems_of(tmp_path)
    assert "holds no record files" in problem


def test_missing_directory(tmp_path: Path) -> None:
    [problem] = problems_of(tmp_path / "nope")
    assert "is not a directory of records" in problem


def test_load_catalog_raises_with_every_problem(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("{", encoding="utf-8")
    (tmp_path / "b.yml").write_text("{", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path)
    assert len(caught.value.problems) == 2
    assert "2 problems in the catalog" in str(caught.value)


def test_parallel_parse_path_gives_the_same_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for index in range(12):
        write(tmp_path, synthetic_record_data(index))
    bad = synthetic_record_data(12)
    bad["flight_risk"]["percent"] = 200
    write(tmp_path, bad)
    serial = problems_of(tmp_path)
    monkeypatch.setattr("bot.core.records.loader.PARALLEL_THRESHOLD", 2)
    assert problems_of(tmp_path) == serial


def test_check_cli_exit_codes(catalog_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--records", str(catalog_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: 3 records in ")
    (catalog_dir / "bad.yml").write_text("title: 1\n", encoding="utf-8")
    assert main(["check", "--records", str(catalog_dir)]) == 1
    err = capsys.readouterr().err
    assert "bad.yml" in err
    assert err.strip().endswith(f"problems in {catalog_dir}")


def test_check_reads_records_dir_from_environment(
    catalog_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPECIMEN_RECORDS", str(catalog_dir))
    assert main(["check"]) == 0
    assert str(catalog_dir) in capsys.readouterr().out


def test_cli_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["no-such-command"])
    assert caught.value.code == 2


def test_duplicate_key_is_an_error_not_silently_dropped(tmp_path: Path) -> None:
    data = synthetic_record_data(0)
    path = write(tmp_path, data)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"title: {data['title']} again\n", encoding="utf-8")
    [problem] = problems_of(tmp_path)
    line = len(text.splitlines()) + 1
    assert problem == f"{path}:{line}: duplicate key 'title'"


def test_recursive_alias_is_reported(tmp_path: Path) -> None:
    (tmp_path / "loop.yml").write_text("habitat: &h [*h]\n", encoding="utf-8")
    [problem] = problems_of(tmp_path)
    assert problem.endswith("loop.yml:1: YAML anchors and aliases (&name, *name) are not allowed in records")


def test_parse_cache_reuses_unchanged_files_and_rereads_changed_ones(tmp_path: Path) -> None:
    records, cache = tmp_path / "records", tmp_path / "cache"
    records.mkdir()
    paths = [write(records, synthetic_record_data(i)) for i in range(3)]
    first = load_catalog(records, cache)
    assert len(list(cache.iterdir())) == 1
    # A change the cache cannot know about: same size and mtime means cached data is used, so prove the
    # cache is consulted by changing content while restoring size and mtime...
    stat = paths[0].stat()
    text = paths[0].read_text(encoding="utf-8")
    changed = text.replace("HIGH RISK", "LOW  RISK", 1)
    assert len(changed) == len(text)
    paths[0].write_text(changed, encoding="utf-8")
    os.utime(paths[0], ns=(stat.st_atime_ns, stat.st_mtime_ns))
    cached = load_catalog(records, cache)
    assert cached.specimens[0].flight_risk.level == first.specimens[0].flight_risk.level == "HIGH RISK"
    # ...and a real edit (new mtime) is parsed and validated again.
    paths[0].write_text(changed.replace("percent: ", "percent: 1", 1), encoding="utf-8")
    catalog, problems = check_directory(records, cache)
    assert catalog is None
    assert "out of range" in str(problems[0]) or "percent" in str(problems[0])


def test_parse_cache_never_holds_invalid_records_and_survives_garbage(tmp_path: Path) -> None:
    records, cache = tmp_path / "records", tmp_path / "cache"
    records.mkdir()
    write(records, synthetic_record_data(0))
    bad = synthetic_record_data(1)
    bad["flight_risk"]["percent"] = 500
    write(records, bad)
    assert check_directory(records, cache)[0] is None
    assert check_directory(records, cache)[0] is None  # the bad file was not cached as good
    for file in cache.iterdir():
        file.write_bytes(b"not marshal data")
    (records / f"{bad['slug']}.yml").unlink()
    assert len(load_catalog(records, cache)) == 1


@pytest.mark.parametrize("control", ["\x1b]0;owned\x07", "\x00", "\x9b2J", "\x7f"])
def test_control_characters_are_rejected(tmp_path: Path, control: str) -> None:
    data = synthetic_record_data(0)
    data["burn_ward"][1]["quote"] = f"fine words{control} then more"
    write(tmp_path, data)
    [problem] = problems_of(tmp_path)
    assert "burn_ward[1].quote: holds the control character U+" in problem


def test_tabs_and_newlines_are_fine(tmp_path: Path) -> None:
    data = synthetic_record_data(0)
    data["burn_ward"][1]["quote"] = "line one\n\tline two"
    write(tmp_path, data)
    assert len(load_catalog(tmp_path)) == 1
