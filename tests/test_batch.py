"""Batch work: the same results in worker processes, and the choice of PDF engine."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import fit_analyzer.batch
from fit_analyzer.documents import engines, load_document
from fit_analyzer.errors import CorruptDocumentError

from .conftest import POSTINGS, RESUMES, run_cli

SRE = str(POSTINGS / "site-reliability-engineer.txt")
ALEX_PDF = RESUMES / "alex-rivera.pdf"


@pytest.mark.parametrize("cache", ["--no-cache", None])
def test_results_are_identical_with_one_and_two_jobs(cache: str | None) -> None:
    args = ["batch", str(RESUMES), str(POSTINGS), "-f", "jsonl", "--pdf-engine", "pdfminer"]
    args += [cache] if cache else []
    code, one, _ = run_cli(*args, "--jobs", "1")
    assert code == 0
    assert run_cli(*args, "--jobs", "2") == (0, one, "")
    assert len(one.splitlines()) == len(list(RESUMES.iterdir())) * len(list(POSTINGS.iterdir()))


def test_pdfium_asked_for_but_missing_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engines, "pdfium_available", lambda: False)
    for command in ("batch", "score"):
        code, out, err = run_cli(command, str(ALEX_PDF), SRE, "--pdf-engine", "pdfium")
        assert (code, out) == (1, "")
        assert err == (
            "Error: the PDFium engine is not installed; run pip install 'fit-analyzer[fast]'\n"
        )
    assert run_cli("score", str(ALEX_PDF), SRE, "--pdf-engine", "auto")[0] == 0  # falls back


def test_pdfium_reads_the_samples_like_pdfminer() -> None:
    pytest.importorskip("pypdfium2")
    for path in sorted(RESUMES.glob("*.pdf")) + sorted(POSTINGS.glob("*.pdf")):
        if path.name == "ines-kariuki.pdf":
            continue  # a table layout the engines read differently (tests/test_samples.py)
        role = "resume" if path.parent == RESUMES else "posting"
        fast = load_document(path, role, pdf_engine="pdfium")
        slow = load_document(path, role, pdf_engine="pdfminer")
        assert [s.name for s in fast.sections] == [s.name for s in slow.sections], path.name
        assert fast.title == slow.title
        assert set(fast.text.split()) == set(slow.text.split()), path.name


def test_pdfium_maps_a_damaged_pdf_to_a_project_error(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(ALEX_PDF.read_bytes()[:900])
    with pytest.raises(CorruptDocumentError):
        load_document(truncated, "resume", pdf_engine="pdfium")


def test_pdfium_batch_scores_the_samples() -> None:
    pytest.importorskip("pypdfium2")
    code, out, _ = run_cli("batch", str(ALEX_PDF), SRE, "-f", "json", "--pdf-engine", "pdfium")
    assert code == 0 and json.loads(out)[0]["verdict"] == "strong_fit"


@pytest.mark.parametrize("side", ["postings", "resumes"])
def test_assessing_in_small_chunks_ranks_exactly_as_at_once(
    side: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Big batches are assessed in chunks as files arrive; the ranking must not notice."""
    texts = [str(p) for p in sorted(RESUMES.glob("*.txt"))]
    args = [texts[0], str(POSTINGS)] if side == "postings" else [str(RESUMES), SRE]
    args += ["-f", "jsonl", "--no-cache"]
    whole = run_cli("batch", *args)
    monkeypatch.setattr(fit_analyzer.batch, "CHUNK", 2)
    assert run_cli("batch", *args) == whole
    top = run_cli("batch", *args, "--top", "3")
    assert top[1].splitlines() == whole[1].splitlines()[:3]


def test_a_big_batch_with_top_assesses_a_shortlist_with_the_same_ranking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    resumes, postings = (
        fit_analyzer.batch.find_files(RESUMES),
        fit_analyzer.batch.find_files(POSTINGS),
    )
    assert len(postings) < len(resumes)  # the postings are held, the resumes come in chunks
    # Made "big" for the test: every batch of more than 10 pairs shortlists 6 per resume
    # (each posting is there in three formats, which score alike),
    # in chunks of 4 resumes (2 files a chunk, grown to hold 4 x the postings' pairs).
    changes = {
        "SHORTLIST_PAIRS": 10,
        "SHORTLIST_MIN": 6,
        "SHORTLIST_FACTOR": 1,
        "CHUNK": 2,
        "SHORTLIST_CHUNK_PAIRS": 4 * len(postings),
    }
    for name, value in changes.items():
        monkeypatch.setattr(fit_analyzer.batch, name, value)
    assert fit_analyzer.batch.Shortlist.chunk(len(postings)) == 4
    args = ("batch", RESUMES, POSTINGS, "-f", "jsonl", "--top", "2")
    exhaustive = run_cli(*args, "--exhaustive")
    shortlisted = run_cli(*args)
    assert exhaustive.exit_code == shortlisted.exit_code == 0
    assert shortlisted.stdout == exhaustive.stdout
    assert exhaustive.stderr == ""
    found = re.search(r"assessed (\d+) of (\d+) pairs", shortlisted.stderr)
    assert found, shortlisted.stderr
    assessed, of = found.groups()
    assert int(of) == len(resumes) * len(postings) and int(assessed) < int(of)
    summary = fit_analyzer.batch.BatchSummary()
    list(fit_analyzer.batch.run_batch(resumes, postings, top=2, summary=summary))
    assert summary.shortlisted and summary.assessed == int(assessed)


def test_a_ranking_s_floors_leave_out_only_what_could_never_enter() -> None:
    # How a cluster's workers send back less: each chunk's reports below the rankings' last
    # places as they stood are dropped, and the final rankings are the same.
    from fit_analyzer import assess_many

    resumes = [load_document(p, "resume") for p in sorted(RESUMES.glob("*.txt"))]
    postings = [load_document(p, "posting") for p in sorted(POSTINGS.glob("*.txt"))]
    reports = list(assess_many(resumes, postings))
    chunks = [reports[k::3] for k in range(3)]
    plain = fit_analyzer.batch.Ranking(one_ranking=False, top=2)
    floored = fit_analyzer.batch.Ranking(one_ranking=False, top=2)
    below = 0
    for chunk in chunks:
        plain.add(chunk)
        floors = floored.floors()
        below += sum(round(r.scores.fit, 1) < floors.get(r.resume.path, -1) for r in chunk)
        floored.add(chunk, floors)
    assert below  # some were left out
    assert [r.to_dict() for r in floored.reports()] == [r.to_dict() for r in plain.reports()]
