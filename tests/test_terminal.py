"""The terminal views: colour only where it belongs, and a batch table that fits 80 columns."""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest

from fit_analyzer import load_document
from fit_analyzer.report.human import VERDICT_COLOURS, VERDICT_LABELS

from .conftest import POSTINGS, RESUMES, run_cli

SRE = POSTINGS / "site-reliability-engineer.txt"
JORDAN = RESUMES / "jordan-lee.pdf"
ANSI = "\x1b["


def invoke(*args: str | Path, color: bool = False, no_color: bool = False) -> tuple[int, str]:
    """Run the CLI; ``color`` stands for standard output being a terminal."""
    code, out, _ = run_cli(*args, color=color, env={"NO_COLOR": "1" if no_color else None})
    return code, out


def test_the_verdict_is_coloured_on_a_terminal() -> None:
    code, out = invoke("score", JORDAN, SRE, color=True)
    assert code == 0
    first = out.splitlines()[0]
    verdict = next(v for v, label in VERDICT_LABELS.items() if click.unstyle(first).endswith(label))
    assert first.endswith(
        click.style(VERDICT_LABELS[verdict], fg=VERDICT_COLOURS[verdict], bold=True)
    )
    assert click.unstyle(out) == invoke("score", JORDAN, SRE)[1]  # the same words either way


@pytest.mark.parametrize(
    "args",
    [
        {"color": False},  # not a terminal
        {"color": True, "no_color": True},
    ],
)
def test_no_colour_off_a_terminal_or_with_no_color(args: dict[str, bool]) -> None:
    code, out = invoke("score", JORDAN, SRE, **args)
    assert code == 0 and out.startswith("Fit ") and ANSI not in out
    code, out = invoke("batch", JORDAN, POSTINGS, "--format", "table", **args)
    assert code == 0 and ANSI not in out


def test_no_colour_in_a_file_even_from_a_terminal(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    assert invoke("score", JORDAN, SRE, "--output", target, color=True) == (0, "")
    assert ANSI not in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("color", [False, True])
def test_the_batch_table_fits_80_columns_with_long_names(tmp_path: Path, color: bool) -> None:
    folder = tmp_path / ("a-folder-with-a-rather-long-name-" * 3)
    folder.mkdir()
    resume = folder / ("jordan-lee-resume-for-site-reliability-and-platform-roles-2025" + ".pdf")
    shutil.copy(JORDAN, resume)
    title = "Senior Site Reliability Engineer, Platform Infrastructure and Developer Tooling"
    posting = tmp_path / "posting.txt"
    posting.write_text(title + "\n" + SRE.read_text(encoding="utf-8"), encoding="utf-8")
    code, out = invoke("batch", resume, posting, "--format", "table", color=color)
    assert code == 0
    header, row = click.unstyle(out).splitlines()
    assert max(len(header), len(row)) <= 80
    assert header.split() == ["#", "fit", "verdict", "resume", "posting"]
    resume_cell = row[header.index("resume") :].split()[0]
    assert resume_cell.startswith("…") and resume_cell.endswith("-2025.pdf")
    posting_cell = row[header.index("posting") :]
    assert posting_cell.endswith("…") and title.startswith(posting_cell[:-1])
    assert (ANSI in out) is color


def test_short_names_are_left_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(JORDAN, tmp_path / "cv.pdf")
    monkeypatch.chdir(tmp_path)
    code, out = invoke("batch", "cv.pdf", SRE, "--format", "table")
    assert code == 0
    header, row = out.splitlines()
    assert row[header.index("resume") :].startswith("cv.pdf  ")
    assert row.endswith("  " + load_document(SRE, "posting").title)
