"""Batch work: find the files, parse each once (in worker processes), rank every pair."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import FitReport, assess_many
from .cache import DocumentCache
from .documents import SUPPORTED_SUFFIXES, Document, read_document_bytes, resolve_pdf_engine
from .errors import DocumentError
from .isolation import ParserPool, ParseTask
from .limits import DEFAULT_LIMITS, Limits
from .model import FitModel, default_model
from .report import Record, error_record, report_record


@dataclass
class BatchSummary:
    """What a batch did, filled in as its records are produced."""

    pairs: int = 0
    failures: list[DocumentError] = field(default_factory=list)
    # Documents taken from the cache, and documents extracted (and then cached).
    cache_hits: int = 0
    cache_misses: int = 0
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
    cache: DocumentCache | None = None,
    pdf_engine: str = "pdfminer",
    limits: Limits = DEFAULT_LIMITS,
    pool: ParserPool | None = None,
) -> Iterator[tuple[Document | DocumentError, bool]]:
    """Parse each path once, in ``jobs`` worker processes killed when they overrun ``limits``.

    Yields, in order, the document or error of each path and whether it came from
    ``cache``. ``pdf_engine`` must be resolved (``"pdfium"`` or ``"pdfminer"``). Pass a
    ``pool`` to reuse its workers; it then sets the number of jobs and the limits.
    """
    with contextlib.ExitStack() as stack:
        if pool is None:
            pool = stack.enter_context(ParserPool(jobs, limits))
        keys: deque[str | None] = deque()
        hits: deque[bool] = deque()
        items = _parse_items(paths, role, cache, pdf_engine, pool.limits, keys, hits)
        for result in pool.map(items):
            key, hit = keys.popleft(), hits.popleft()
            if key is not None and cache is not None and isinstance(result, Document):
                cache.put(key, result)
            if on_loaded:
                on_loaded()
            yield result, hit


def _parse_items(
    paths: Iterable[Path],
    role: str,
    cache: DocumentCache | None,
    pdf_engine: str,
    limits: Limits,
    keys: deque[str | None],
    hits: deque[bool],
) -> Iterator[ParseTask | Document | DocumentError]:
    """Read each file here; yield its cached document, its read error, or a task to parse.

    Appends, in step with what it yields, the cache key under which to store the parsed
    document (None when nothing is to be stored) and whether it was a cache hit.
    """
    for path in paths:
        key = None
        try:
            data = read_document_bytes(path, limits=limits)
            if cache is not None:
                key = cache.key(hashlib.sha256(data).hexdigest(), role, pdf_engine)
                cached = cache.get(key)
                if cached is not None:
                    keys.append(None)
                    hits.append(True)
                    yield dataclasses.replace(cached, path=str(path))
                    continue
        except DocumentError as exc:
            keys.append(None)
            hits.append(False)
            yield exc
            continue
        keys.append(key)
        hits.append(False)
        yield ParseTask(data, path, role, pdf_engine)


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
    cache: DocumentCache | None = None,
    pdf_engine: str = "pdfminer",
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Record]:
    """Yield the records of a batch: first one per unreadable file, then the ranked pairs.

    One resume against many postings ranks the postings; many resumes against one posting
    ranks the resumes; otherwise postings are ranked for each resume in turn. ``top``
    keeps the best N of each ranking. Documents found in ``cache`` are not parsed again;
    PDFs are read with ``pdf_engine`` (``"auto"``, ``"pdfium"`` or ``"pdfminer"``), every
    file under ``limits``.
    """
    summary = summary if summary is not None else BatchSummary()
    model = model or default_model()
    engine = resolve_pdf_engine(pdf_engine)
    loaded: dict[str, list[Document]] = {"resume": [], "posting": []}
    with ParserPool(jobs, limits) as pool:
        for role, paths in (("resume", resumes), ("posting", postings)):
            results = load_documents(
                paths, role, on_loaded=on_loaded, cache=cache, pdf_engine=engine, pool=pool
            )
            for path, (result, hit) in zip(paths, results, strict=True):
                if cache is not None and not isinstance(result, DocumentError):
                    summary.cache_hits += hit
                    summary.cache_misses += not hit
                if isinstance(result, DocumentError):
                    summary.failures.append(result)
                    yield error_record(str(path), role, result)
                else:
                    loaded[role].append(result)
                    if keep_postings and role == "posting":
                        summary.postings[result.path] = result
    if cache is not None:
        cache.prune()
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
