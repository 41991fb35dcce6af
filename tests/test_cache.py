"""The cache of extracted documents: hits, misses, invalidation, corruption, concurrency, size."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import fit_analyzer.cache
import fit_analyzer.isolation
from fit_analyzer import documents
from fit_analyzer.batch import BatchSummary, load_documents, run_batch
from fit_analyzer.cache import DocumentCache, default_cache_dir
from fit_analyzer.documents import load_document
from fit_analyzer.errors import DocumentError

from .conftest import POSTINGS, RESUMES, run_cli

ALEX = RESUMES / "alex-rivera.txt"
SRE = POSTINGS / "site-reliability-engineer.txt"


@pytest.fixture
def extractions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Log the name of every document actually extracted (not taken from the cache).

    A file, not a list: batches extract in worker processes.
    """
    log = tmp_path / "extractions.log"
    real = documents.document_from_bytes

    def counting(data: bytes, path: str | Path, role: str, **options: Any) -> documents.Document:
        with log.open("a", encoding="utf-8") as handle:
            handle.write(Path(path).name + "\n")
        return real(data, path, role, **options)

    monkeypatch.setattr(fit_analyzer.isolation, "document_from_bytes", counting)
    yield log


def _load(
    cache: DocumentCache, path: Path, role: str, *, pdf_engine: str
) -> tuple[documents.Document | DocumentError, bool]:
    """Read one file through ``cache`` as a batch does; return it and whether it was a hit."""
    [(document, hit)] = load_documents([path], role, cache=cache, pdf_engine=pdf_engine)
    return document, hit


def _extracted(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_miss_then_hit_returns_the_same_document(cache_dir: Path, extractions: Path) -> None:
    cache = DocumentCache(cache_dir)
    first, hit = _load(cache, ALEX, "resume", pdf_engine="pdfminer")
    assert not hit and _extracted(extractions) == ["alex-rivera.txt"]
    second, hit = _load(cache, ALEX, "resume", pdf_engine="pdfminer")
    assert hit and _extracted(extractions) == ["alex-rivera.txt"]
    assert second == first == load_document(ALEX, "resume")


def test_a_hit_carries_the_current_path(cache_dir: Path, tmp_path: Path) -> None:
    cache = DocumentCache(cache_dir)
    _load(cache, ALEX, "resume", pdf_engine="pdfminer")
    copy = tmp_path / "renamed.txt"
    shutil.copy(ALEX, copy)
    document, hit = _load(cache, copy, "resume", pdf_engine="pdfminer")
    assert hit and document.path == str(copy)


def test_role_and_engine_are_part_of_the_key(cache_dir: Path, extractions: Path) -> None:
    cache = DocumentCache(cache_dir)
    _load(cache, ALEX, "resume", pdf_engine="pdfminer")
    assert not _load(cache, ALEX, "posting", pdf_engine="pdfminer")[1]
    assert not _load(cache, ALEX, "resume", pdf_engine="pdfium")[1]
    assert len(_extracted(extractions)) == 3


def test_changed_content_is_extracted_again(cache_dir: Path, tmp_path: Path) -> None:
    cache = DocumentCache(cache_dir)
    resume = tmp_path / "resume.txt"
    resume.write_text(ALEX.read_text(encoding="utf-8"), encoding="utf-8")
    _load(cache, resume, "resume", pdf_engine="pdfminer")
    resume.write_text(ALEX.read_text(encoding="utf-8") + "\nKubernetes operator.\n", "utf-8")
    document, hit = _load(cache, resume, "resume", pdf_engine="pdfminer")
    assert not hit and document.text.endswith("Kubernetes operator.")


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05K\x01.", b"\x80\x05\x95"])
def test_corrupt_entry_is_a_miss_and_is_replaced(cache_dir: Path, content: bytes) -> None:
    cache = DocumentCache(cache_dir)
    expected, _ = _load(cache, ALEX, "resume", pdf_engine="pdfminer")
    [entry] = cache_dir.iterdir()
    entry.write_bytes(content)  # truncated, garbage, or a pickle of something else (1)
    document, hit = _load(cache, ALEX, "resume", pdf_engine="pdfminer")
    assert not hit and document == expected
    assert _load(cache, ALEX, "resume", pdf_engine="pdfminer")[1]  # rewritten


def _load_many(folder: str) -> list[bool]:
    cache = DocumentCache(Path(folder))
    loaded = load_documents(_TEXTS * 5, "resume", cache=cache, pdf_engine="pdfminer")
    return [hit for _, hit in loaded]


_TEXTS = sorted(RESUMES.glob("*.txt"))


def test_concurrent_writers_leave_only_whole_entries(cache_dir: Path) -> None:
    with ProcessPoolExecutor(max_workers=4) as pool:
        list(pool.map(_load_many, [str(cache_dir)] * 4))
    entries = sorted(cache_dir.iterdir())
    assert len(entries) == len(_TEXTS)  # one per file, no temporary file left
    cache = DocumentCache(cache_dir)
    assert all(_load(cache, path, "resume", pdf_engine="pdfminer")[1] for path in _TEXTS)


def test_prune_removes_the_least_recently_used_entries(cache_dir: Path) -> None:
    cache = DocumentCache(cache_dir)
    for path in _TEXTS:
        _load(cache, path, "resume", pdf_engine="pdfminer")
    entries = sorted(cache_dir.iterdir())
    sizes = [entry.stat().st_size for entry in entries]
    for age, entry in enumerate(entries):  # entries[0] is the oldest
        mtime = 1_000_000 + age
        os.utime(entry, (mtime, mtime))
    stale = cache_dir / "left-by-a-crash.tmp"
    stale.write_bytes(b"x")
    os.utime(stale, (0, 0))
    small = DocumentCache(cache_dir, max_bytes=sum(sizes[1:]))
    assert small.prune() == 2
    assert sorted(cache_dir.iterdir()) == entries[1:]


def test_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    document, hit = _load(DocumentCache(blocked / "cache"), ALEX, "resume", pdf_engine="pdfminer")
    assert not hit and document == load_document(ALEX, "resume")


def test_default_dir_follows_the_environment(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert default_cache_dir() == cache_dir  # $FIT_ANALYZER_CACHE_DIR, set by the fixture
    monkeypatch.delenv("FIT_ANALYZER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "fit-analyzer"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "fit-analyzer"


def test_rerun_with_a_changed_resume_parses_only_the_resume(
    cache_dir: Path, tmp_path: Path, extractions: Path
) -> None:
    resume = tmp_path / "resume.txt"
    resume.write_text(ALEX.read_text(encoding="utf-8"), encoding="utf-8")
    postings = sorted(POSTINGS.glob("*.txt"))
    cache = DocumentCache(cache_dir)
    first = BatchSummary()
    list(run_batch([resume], postings, summary=first, cache=cache))
    assert (first.cache_hits, first.cache_misses) == (0, 1 + len(postings))
    resume.write_text(ALEX.read_text(encoding="utf-8") + "\nTerraform.\n", encoding="utf-8")
    extractions.unlink()
    second = BatchSummary()
    list(run_batch([resume], postings, summary=second, cache=cache, jobs=2))
    assert (second.cache_hits, second.cache_misses) == (len(postings), 1)
    assert _extracted(extractions) == ["resume.txt"]


def test_cli_fills_the_cache_from_the_environment_and_no_cache_bypasses_it(
    cache_dir: Path, tmp_path: Path
) -> None:
    code, _, _ = run_cli("batch", str(ALEX), str(SRE), "--no-cache", "-f", "json")
    assert code == 0 and not cache_dir.exists()
    assert run_cli("score", str(ALEX), str(SRE), "--no-cache")[0] == 0
    assert not cache_dir.exists()
    code, cold, _ = run_cli("batch", str(ALEX), str(SRE), "-f", "json")
    assert code == 0 and len(list(cache_dir.iterdir())) == 2
    code, warm, _ = run_cli("batch", str(ALEX), str(SRE), "-f", "json")
    assert warm == cold and json.loads(warm)[0]["resume"]["path"] == str(ALEX)
