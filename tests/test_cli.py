"""Every command and exit code, through click's CliRunner, on the sample files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from fit_analyzer import __version__
from fit_analyzer.cli import cli
from fit_analyzer.report import schema

from .conftest import POSTINGS, REPO, RESUMES, run_cli

SRE = str(POSTINGS / "site-reliability-engineer.txt")
ALEX = str(RESUMES / "alex-rivera.pdf")
JORDAN = str(RESUMES / "jordan-lee.docx")


def validate(record: dict[str, object]) -> None:
    jsonschema.validate(record, schema())


def test_score_prints_a_verdict_with_reason_and_gaps() -> None:
    code, out, _ = run_cli("score", JORDAN, SRE)
    assert code == 0
    first, reason = out.splitlines()[:2]
    assert first.startswith("Fit ") and first.endswith("POORLY TARGETED")
    assert "looks right at a glance" in reason
    assert "Missing (most important first): " in out and "kubernetes" in out
    assert "Listed in skills but not shown in experience: " in out


def test_score_json_is_valid_and_byte_identical_across_runs() -> None:
    code, first, _ = run_cli("score", ALEX, SRE, "--format", "json")
    assert code == 0
    record = json.loads(first)
    validate(record)
    assert record["verdict"] == "strong_fit"
    assert record["resume"]["format"] == "pdf"
    assert run_cli("score", ALEX, SRE, "--format", "json")[1] == first


def test_score_output_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run_cli("score", ALEX, SRE, "-f", "json", "--output", str(target))
    assert code == 0 and out == ""
    validate(json.loads(target.read_text(encoding="utf-8")))
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_fail_under_exits_4_below_the_threshold() -> None:
    code, out, err = run_cli("score", JORDAN, SRE, "--fail-under", "90")
    assert code == 4
    assert out.startswith("Fit ")  # the report is still printed
    assert "is below --fail-under 90" in err
    assert run_cli("score", ALEX, SRE, "--fail-under", "10")[0] == 0


def test_unreadable_file_exits_1_with_a_one_line_message(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    code, out, err = run_cli("score", str(empty), SRE)
    assert code == 1 and out == ""
    assert err == f"Error: {empty}: the file is empty\n"


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    code, _, err = run_cli("score", str(tmp_path / "missing.pdf"), SRE)
    assert code == 2 and "does not exist" in err
    assert run_cli("score", ALEX)[0] == 2
    assert run_cli("score", ALEX, SRE, "--fail-under", "120")[0] == 2
    assert run_cli("batch", ALEX, SRE, "--format", "xml")[0] == 2


def test_batch_ranks_postings_for_one_resume_as_jsonl() -> None:
    code, out, _ = run_cli("batch", ALEX, str(POSTINGS), "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    for record in records:
        validate(record)
    assert [r["rank"] for r in records] == list(range(1, len(records) + 1))
    assert len(records) == len(list(POSTINGS.glob("*.*")))
    assert records[0]["posting"]["title"] == "Senior Software Engineer, Site Reliability"
    fits = [r["scores"]["fit"] for r in records]
    assert fits == sorted(fits, reverse=True)


def test_batch_ranks_resumes_for_one_posting_with_top() -> None:
    code, out, _ = run_cli("batch", str(RESUMES), SRE, "--format", "json", "--top", "3")
    assert code == 0
    records = json.loads(out)
    assert [r["rank"] for r in records] == [1, 2, 3]
    assert Path(records[0]["resume"]["path"]).stem == "alex-rivera"


def test_batch_all_pairs_csv(tmp_path: Path) -> None:
    target = tmp_path / "all.csv"
    code, _, _ = run_cli(
        "batch", str(RESUMES), str(POSTINGS), "--output", str(target), "--jobs", "2"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == len(list(RESUMES.glob("*.*"))) * len(list(POSTINGS.glob("*.*")))
    assert {row["verdict"] for row in rows} >= {"strong_fit", "not_a_fit", "partial_fit"}


def test_batch_table_view() -> None:
    code, out, _ = run_cli("batch", JORDAN, str(POSTINGS), "--format", "table")
    assert code == 0
    header, first = out.splitlines()[:2]
    assert header.split() == ["#", "fit", "verdict", "resume", "posting"]
    assert first.split()[0] == "1" and first.endswith("Frontend Developer")


def test_batch_goes_on_past_a_bad_file_and_exits_3(tmp_path: Path) -> None:
    folder = tmp_path / "postings"
    folder.mkdir()
    (folder / "a-good.txt").write_bytes(Path(SRE).read_bytes())
    (folder / "b-broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (folder / "c-good.html").write_bytes((POSTINGS / "frontend-developer.html").read_bytes())
    code, out, err = run_cli("batch", ALEX, str(folder), "--format", "jsonl")
    assert code == 3
    records = [json.loads(line) for line in out.splitlines()]
    for record in records:
        validate(record)
    errors = [r for r in records if "error" in r]
    assert len(errors) == 1 and errors[0]["path"].endswith("b-broken.pdf")
    assert len(records) - len(errors) == 2
    assert "Skipped posting: " in err and "b-broken.pdf" in err
    assert err.strip().splitlines()[-1].startswith("Error: 1 of 4 files could not be read")


def test_batch_where_nothing_can_be_scored_exits_1(tmp_path: Path) -> None:
    broken = tmp_path / "cv.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = run_cli("batch", str(broken), SRE)
    assert code == 1 and "nothing scored" in err


def test_batch_of_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    code, _, err = run_cli("batch", ALEX, str(tmp_path))
    assert code == 1 and "no posting files found" in err


def test_schema_command_prints_the_shipped_schema() -> None:
    code, out, _ = run_cli("schema")
    assert code == 0
    assert json.loads(out) == schema()
    jsonschema.Draft202012Validator.check_schema(schema())


def test_version_and_help() -> None:
    code, out, _ = run_cli("--version")
    assert code == 0 and __version__ in out
    code, out, _ = run_cli("--help")
    assert code == 0 and all(name in out for name in cli.commands)


# Every command the CLI has, so that a new one without its documentation fails here.
@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"fit-analyzer {command}" in readme
