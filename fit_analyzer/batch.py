"""Batch work: find the files, parse each once (in worker processes), rank every pair."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import FitReport, assess_many
from .documents import SUPPORTED_SUFFIXES, Document, load_document
from .errors import CorruptDocumentError, DocumentError
from .model import FitModel, default_model
from .report import Record, error_record, report_record

# Below this many files, starting worker processes costs more than it saves.
_MIN_FILES_FOR_WORKERS = 8


@dataclass
class BatchSummary:
    """What a batch did, filled in as its records are produced."""

    pairs: int = 0
    failures: list[DocumentError] = field(default_factory=list)
    # The postings read, by path, when the caller asked to keep them (the HTML report
    # shows their text); empty otherwise, so big batches hold no documents.
    postings: dict[str, Document] = field(default_factory=dict)


def find_files(path: str | Path) -> list[Path]:
    """Return ``path`` itself if it is a file, or the supported files under a folder.

    Folders are searched recursively, without following symbolic links to folders (so a
    link loop cannot trap the walk), in sorted order so that runs are reproducible.
    """
    path = Path(path)
    if not path.is_dir():
        return [path]
    found: list[Path] = []
    for folder, subfolders, files in os.walk(path):
        subfolders.sort()
        found.extend(
            Path(folder) / name
            for name in sorted(files)
            if Path(name).suffix.lower() in SUPPORTED_SUFFIXES and not name.startswith((".", "~$"))
        )
    return found


def load_documents(
    paths: Sequence[Path],
    role: str,
    *,
    jobs: int = 1,
    on_loaded: Callable[[], None] | None = None,
) -> Iterator[Document | DocumentError]:
    """Parse each path once, in ``jobs`` worker processes; yield documents or errors in order."""
    if jobs <= 1 or len(paths) < _MIN_FILES_FOR_WORKERS:
        results: Iterable[Document | DocumentError] = map(
            _load_or_error, paths, [role] * len(paths)
        )
        for result in results:
            if on_loaded:
                on_loaded()
            yield result
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for result in pool.map(_load_or_error, paths, [role] * len(paths), chunksize=4):
            if on_loaded:
                on_loaded()
            yield result


def _load_or_error(path: Path, role: str) -> Document | DocumentError:
    try:
        return load_document(path, role)
    except DocumentError as exc:
        return exc
    except RecursionError:
        return CorruptDocumentError(path, "the file is nested too deeply to read; re-save it")
    except Exception as exc:  # one unreadable file must never stop a batch
        return CorruptDocumentError(path, f"could not be read ({type(exc).__name__}: {exc})")


def run_batch(
    resumes: Sequence[Path],
    postings: Sequence[Path],
    *,
    top: int | None = None,
    jobs: int = 1,
    model: FitModel | None = None,
    summary: BatchSummary | None = None,
    on_loaded: Callable[[], None] | None = None,
    keep_postings: bool = False,
) -> Iterator[Record]:
    """Yield the records of a batch: first one per unreadable file, then the ranked pairs.

    One resume against many postings ranks the postings; many resumes against one posting
    ranks the resumes; otherwise postings are ranked for each resume in turn. ``top``
    keeps the best N of each ranking.
    """
    summary = summary if summary is not None else BatchSummary()
    model = model or default_model()
    loaded: dict[str, list[Document]] = {"resume": [], "posting": []}
    for role, paths in (("resume", resumes), ("posting", postings)):
        for path, result in zip(
            paths, load_documents(paths, role, jobs=jobs, on_loaded=on_loaded), strict=True
        ):
            if isinstance(result, DocumentError):
                summary.failures.append(result)
                yield error_record(str(path), role, result)
            else:
                loaded[role].append(result)
                if keep_postings and role == "posting":
                    summary.postings[result.path] = result
    reports = assess_many(loaded["resume"], loaded["posting"], model)
    for rank, report in _ranked(reports, len(loaded["resume"]), len(loaded["posting"]), top):
        summary.pairs += 1
        yield report_record(report, rank=rank)


def _ranked(
    reports: Iterator[FitReport], n_resumes: int, n_postings: int, top: int | None
) -> Iterator[tuple[int, FitReport]]:
    if n_postings == 1 and n_resumes > 1:
        groups: Iterable[list[FitReport]] = [list(reports)]
    else:
        groups = (_take(reports, n_postings) for _ in range(n_resumes))
    for group in groups:
        group.sort(key=lambda r: (-round(r.scores.fit, 1), r.posting.path, r.resume.path))
        yield from enumerate(group[:top] if top else group, start=1)


def _take(iterator: Iterator[FitReport], n: int) -> list[FitReport]:
    return [next(iterator) for _ in range(n)]
