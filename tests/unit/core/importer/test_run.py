"""`specimen import`: all pages or none, no overwrite without --force, atomic writes, clear messages, exit codes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.importer import run
from bot.core.importer.run import MAX_PAGE_BYTES, PageImportError, import_pages
from bot.core.records.loader import check_directory, load_catalog
from bot.core.records.writer import dump_record
from bot.testing.synthetic import synthetic_record_data
from tests.support.paths import PAGES, SEED_PAGE

# The seed page lives in shared/, beside the checkout (in CI too).
SEED = SEED_PAGE
AGILE = PAGES / "agile-transformation-coach.txt"
JUNIOR = PAGES / "junior-ingeniero-de-sinergias.txt"
SEED_SLUG = "junior-machine-learning-engineer"


@pytest.fixture
def records(tmp_path: Path) -> Path:
    directory = tmp_path / "records"
    directory.mkdir()
    return directory


def listing(directory: Path) -> list[str]:
    """Every entry, hidden temporary files included."""
    return sorted(os.listdir(directory))


def cli(*args: str | Path) -> int:
    return main(["import", *map(str, args)])


def page_in(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_import_seed_writes_one_loadable_record(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(SEED, "--records", records) == 0
    out, err = capsys.readouterr()
    target = records / f"{SEED_SLUG}.yml"
    assert out == f"wrote {target}\n"
    assert err == ""
    assert listing(records) == [target.name]
    specimen = load_catalog(records).by_slug(SEED_SLUG)
    assert specimen is not None
    assert specimen.aliases[0] == "AI Apprentice"


def test_records_directory_defaults_to_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SPECIMEN_RECORDS", str(tmp_path / "from-env"))
    assert cli(AGILE) == 0
    assert listing(tmp_path / "from-env") == ["agile-transformation-coach.yml"]
    monkeypatch.delenv("SPECIMEN_RECORDS")
    assert cli(JUNIOR) == 0
    assert listing(tmp_path / "records") == ["junior-ingeniero-de-sinergias.yml"]


def test_several_pages_in_one_run_and_related_slugs_link(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(SEED, AGILE, JUNIOR, "--records", records) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    catalog = load_catalog(records)
    agile = catalog.by_slug("agile-transformation-coach")
    seed = catalog.by_slug(SEED_SLUG)
    assert agile is not None and seed is not None
    assert agile.related[0].slug == SEED_SLUG
    assert [r.slug for r in seed.related] == [None, None, None]


def test_related_slug_links_to_an_existing_record_only(records: Path, tmp_path: Path) -> None:
    alone = tmp_path / "alone"
    import_pages([AGILE], alone)
    assert "slug:" not in (alone / "agile-transformation-coach.yml").read_text(encoding="utf-8").split("related:")[1]
    import_pages([SEED], records)
    import_pages([AGILE], records)
    agile = load_catalog(records).by_slug("agile-transformation-coach")
    assert agile is not None
    assert agile.related[0].slug == SEED_SLUG
    assert listing(records) == ["agile-transformation-coach.yml", f"{SEED_SLUG}.yml"]


def test_existing_record_needs_force(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = records / f"{SEED_SLUG}.yml"
    target.write_text("# hand-edited\n" + dump_record(run.parse_page(SEED.read_text()).data), encoding="utf-8")
    before = target.read_bytes()
    assert cli(SEED, "--records", records) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{SEED}: {target} exists; pass --force to overwrite it" in err
    assert "nothing was written" in err
    assert target.read_bytes() == before
    assert cli(SEED, "--records", records, "--force") == 0
    assert capsys.readouterr().out == f"replaced {target}\n"
    assert not target.read_text(encoding="utf-8").startswith("# hand-edited")
    assert listing(records) == [target.name]


def test_one_bad_page_means_nothing_is_written_and_every_bad_page_is_named(
    records: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    truncated = PAGES / "broken-truncated.txt"
    percent = PAGES / "broken-flight-risk-185.txt"
    assert cli(SEED, truncated, AGILE, percent, "--records", records) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith(f"{truncated}:44: expected the title of the [17:00 - 17:45] entry")
    assert lines[1].startswith(f"{percent}:15: the flight risk must be a percentage")
    assert lines[-1] == "2 problems: 2 of 4 pages failed; nothing was written"
    assert listing(records) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty.txt: the page is empty; expected a FILE RECORD page"),
        ("blank.txt", b"\n \r\n\t\n", "blank.txt: the page is empty; expected a FILE RECORD page"),
        (
            "latin1.txt",
            JUNIOR.read_text(encoding="utf-8").encode("latin-1", errors="replace"),
            "latin1.txt:2: is not UTF-8 text",
        ),
        ("utf16.txt", SEED.read_text(encoding="utf-8").encode("utf-16"), "utf16.txt:1: is not UTF-8 text (byte 0xff"),
        ("binary.bin", b"FILE RECORD: X\n\x00\x01\x02", "binary.bin:2: holds a NUL character: a binary file"),
        (
            "huge.txt",
            b"FILE RECORD: HUGE\n" + b"x" * (5 * 1024 * 1024),
            "huge.txt: is 5,242,898 bytes; a FILE RECORD page",
        ),
        ("notes.md", (PAGES / "broken-notes.md").read_bytes(), "notes.md:1: not a FILE RECORD page"),
        ("record.json", (PAGES / "broken-record.json").read_bytes(), "record.json:1: not a FILE RECORD page"),
        ("ad.txt", (PAGES / "broken-job-ad.txt").read_bytes(), "ad.txt:1: not a FILE RECORD page"),
    ],
)
def test_bad_input_gets_one_clear_message(
    records: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, message: str
) -> None:
    page = page_in(tmp_path, name, content)
    assert cli(page, "--records", records) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert err[0].startswith(f"{tmp_path}{os.sep}{message}")
    assert err[1] == "1 problem: 1 of 1 page failed; nothing was written"
    assert listing(records) == []


def test_a_page_with_a_byte_order_mark_imports(records: Path, tmp_path: Path) -> None:
    page = page_in(tmp_path, "bom.txt", "\ufeff" + SEED.read_text(encoding="utf-8"))
    import_pages([page], records)
    assert listing(records) == [f"{SEED_SLUG}.yml"]


def test_the_size_cap_is_exact(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    padding = MAX_PAGE_BYTES - len(text.encode("utf-8"))
    assert run.read_page(page_in(tmp_path, "max.txt", text + "\n" * padding)) == text + "\n" * padding
    with pytest.raises(run.PageError, match="at most 512 KB"):
        run.read_page(page_in(tmp_path, "over.txt", text + "\n" * (padding + 1)))


def test_missing_file_and_directory(records: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(tmp_path / "nope.txt", tmp_path, "--records", records) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{tmp_path / 'nope.txt'}: cannot read: No such file or directory"
    assert err[1] == f"{tmp_path}: is a directory, not a FILE RECORD page"
    assert listing(records) == []


def test_records_path_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_dir = page_in(tmp_path, "records", "hello")
    assert cli(SEED, "--records", not_a_dir) == 1
    assert f"{not_a_dir}: is not a directory of records" in capsys.readouterr().err
    assert not_a_dir.read_text() == "hello"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["import"], ["import", str(SEED), "--bogus"], ["import", "--records"]):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2
    assert "usage: specimen import" in capsys.readouterr().err


def test_the_same_page_twice_is_a_duplicate_slug(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(SEED, SEED, "--records", records) == 1
    assert f"duplicate slug '{SEED_SLUG}', also used by {SEED}" in capsys.readouterr().err
    assert listing(records) == []


def test_an_alias_claimed_by_an_existing_record_is_refused(
    records: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_pages([SEED], records)
    text = AGILE.read_text(encoding="utf-8").replace("Scrum Evangelist", "Scrum EvangelistML Associate")
    page = page_in(tmp_path, "agile.txt", text)
    assert cli(page, "--records", records) == 1
    err = capsys.readouterr().err
    assert f"{page}: aliases[1]: 'ML Associate' is also claimed by {records / (SEED_SLUG + '.yml')}" in err
    assert listing(records) == [f"{SEED_SLUG}.yml"]


def test_a_broken_existing_record_blocks_the_import(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = synthetic_record_data(1)
    data["flight_risk"]["percent"] = 400
    (records / f"{data['slug']}.yml").write_text(dump_record(data), encoding="utf-8")
    assert cli(AGILE, "--records", records) == 1
    err = capsys.readouterr().err
    assert "flight_risk.percent: 400 is out of range" in err
    assert "(fix the records directory first)" in err
    assert listing(records) == [f"{data['slug']}.yml"]


def test_a_failed_rename_leaves_the_old_record_intact(
    records: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import_pages([SEED], records)
    target = records / f"{SEED_SLUG}.yml"
    before = target.read_bytes()

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    assert cli(SEED, "--records", records, "--force") == 1
    err = capsys.readouterr().err
    assert f"{target}: cannot write: No space left on device" in err
    assert target.read_bytes() == before
    assert listing(records) == [target.name]


def test_a_failed_write_rolls_back_the_earlier_ones(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import_pages([JUNIOR], records)
    junior = records / "junior-ingeniero-de-sinergias.yml"
    junior.write_text("# an older version\n" + junior.read_text(encoding="utf-8"), encoding="utf-8")
    old_junior = junior.read_bytes()
    real_replace = os.replace
    calls: list[str] = []

    def third_fails(src: str, dst: str) -> None:
        calls.append(str(dst))
        if len(calls) == 3:
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", third_fails)
    # JUNIOR is replaced (its old text must come back), AGILE is new (it must go), SEED's write fails.
    with pytest.raises(PageImportError) as caught:
        import_pages([JUNIOR, AGILE, SEED], records, force=True)
    assert caught.value.problems == (f"{records / (SEED_SLUG + '.yml')}: cannot write: Input/output error",)
    assert junior.read_bytes() == old_junior
    assert listing(records) == [junior.name]


def test_written_records_pass_specimen_check(records: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(SEED, AGILE, JUNIOR, "--records", records) == 0
    catalog, problems = check_directory(records)
    assert problems == []
    assert catalog is not None and len(catalog) == 3
    assert main(["check", "--records", str(records)]) == 0
