"""The Python API: score, rank and read, as a tool calling fit-analyzer from Python would."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import fit_analyzer
from fit_analyzer import Document, FitReport, ReadFailure, Role, RoleError
from fit_analyzer.errors import DocumentTooLargeError, FileAccessError
from fit_analyzer.report import schema
from tests.conftest import POSTINGS, REPO, RESUMES, run_cli

ALEX = RESUMES / "alex-rivera.txt"
SRE = POSTINGS / "site-reliability-engineer.txt"


def test_score_takes_paths_bytes_or_documents_and_agrees_with_the_cli() -> None:
    by_path = fit_analyzer.score(ALEX, SRE)
    by_bytes = fit_analyzer.score(ALEX.read_bytes(), SRE.read_bytes())
    by_text = fit_analyzer.score(
        Document.from_text(ALEX.read_text(encoding="utf-8"), Role.RESUME),
        fit_analyzer.read(SRE, "posting"),
    )
    assert by_path.scores == by_bytes.scores == by_text.scores
    assert by_bytes.resume.path == "<resume>" and by_bytes.posting.path == "<posting>"
    record = by_path.to_dict()
    jsonschema.validate(record, schema())
    cli = run_cli("score", ALEX, SRE, "--format", "json")
    assert cli.exit_code == 0 and json.loads(cli.stdout) == record


def test_a_document_in_the_wrong_role_is_refused() -> None:
    posting = fit_analyzer.read(SRE, Role.POSTING)
    with pytest.raises(RoleError, match="given as the resume but read as the posting"):
        fit_analyzer.score(posting, ALEX)
    with pytest.raises(ValueError, match="role must be 'resume' or 'posting'"):
        fit_analyzer.read(SRE, "job")


def test_rank_streams_reports_and_turns_bad_files_into_failures(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 not really")
    results = list(fit_analyzer.rank([ALEX], [POSTINGS, broken, tmp_path / "gone.txt"], top=2))
    failures = [r for r in results if isinstance(r, ReadFailure)]
    reports = [r for r in results if isinstance(r, FitReport)]
    assert sorted(Path(f.path).name for f in failures) == ["broken.pdf", "gone.txt"]
    assert [r.rank for r in reports] == [1, 2]
    assert reports[0].scores.fit >= reports[1].scores.fit
    assert reports[0].posting.path == str(SRE)
    for failure in failures:
        record = failure.to_dict()
        assert record["path"] == failure.path and record["role"] == "posting"
        assert record["error"]["message"] == failure.error.message


def test_library_errors_name_the_limits_field_and_the_cli_names_the_option(
    tmp_path: Path,
) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    limits = fit_analyzer.Limits(max_file_bytes=1000)
    with pytest.raises(DocumentTooLargeError, match=r"raise Limits\.max_file_bytes"):
        fit_analyzer.score(big, SRE, limits=limits)
    result = run_cli("score", big, SRE, "--max-file-size", "0.001")
    assert result.exit_code == 1 and "pass --max-file-size to read it anyway" in result.stderr
    with pytest.raises(FileAccessError, match="no such file"):
        fit_analyzer.score(tmp_path / "gone.pdf", SRE)


def test_the_api_does_not_import_click() -> None:
    code = (
        "import sys, fit_analyzer\n"
        "from pathlib import Path\n"
        f"fit_analyzer.score(Path({str(ALEX)!r}), Path({str(SRE)!r}), cache=False)\n"
        "print('click' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "False"


def readme_examples() -> list[tuple[str, str]]:
    """The README's Python API examples: each ``python`` block and the output shown after it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```\n+(?:```text\n(.*?)```)?", section, re.DOTALL)


def test_the_readme_examples_run_and_print_what_the_readme_shows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    examples = readme_examples()
    assert len(examples) >= 4
    monkeypatch.chdir(REPO)
    namespace: dict[str, object] = {}
    for code, shown in examples:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, "README.md", "exec"), namespace)
        assert printed.getvalue() == shown, code


@pytest.mark.skipif(os.name != "posix", reason="the memory cap is POSIX only")
def test_the_package_imports_without_posix_only_modules() -> None:
    # As on Windows: no `resource`, no O_NONBLOCK. Importing and scoring text must work.
    code = (
        "import os, sys\n"
        "sys.modules['resource'] = None\n"
        "del os.O_NONBLOCK\n"
        "import fit_analyzer\n"
        "r = fit_analyzer.Document.from_text('Machinist. Set up CNC lathes. ' * 9, 'resume')\n"
        "p = fit_analyzer.Document.from_text('CNC Machinist. Run CNC lathes. ' * 9, 'posting')\n"
        "print(fit_analyzer.assess(r, p).verdict in fit_analyzer.VERDICTS)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "True"
