"""Batch work on a Dask cluster: files read and profiled, and pairs assessed, as its tasks.

Needs the ``dask`` extra (``pip install 'fit-analyzer[dask]'``). Workers read the input files
themselves, so they must see them at the same paths as the client (shared storage). The
results, and the order they come in, are those of a local batch (`fit_analyzer.rank`).
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import functools
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from . import batch
from .batch import BatchSummary, Ranking, Shortlist, load_profiles, profiling_pool, sides
from .documents import Document, read_document_bytes, resolve_pdf_engine
from .errors import DocumentError, MissingDependencyError
from .isolation import ParseTask, parse
from .limits import DEFAULT_LIMITS, Limits
from .model import default_model
from .profiles import PostingProfile, Profile, ResumeProfile, profile_document
from .results import FitReport, ReadFailure
from .scoring import Similarities, assess_profiles

# Files read per task: enough to make a task worth sending, few enough to spread the work.
FILES_PER_TASK = 50
# Chunks of streamed files read and quickly scored ahead of the one being ranked: enough to
# keep the workers busy while the client chooses a chunk's shortlist.
CHUNKS_AHEAD = 2
LOCAL = "local"


def run_on_cluster(
    resumes: Sequence[Path],
    postings: Sequence[Path],
    *,
    scheduler: str,
    top: int | None = None,
    pdf_engine: str = "auto",
    limits: Limits = DEFAULT_LIMITS,
    summary: BatchSummary | None = None,
    on_loaded: Callable[[], None] | None = None,
    exhaustive: bool = False,
    files_per_task: int = FILES_PER_TASK,
) -> Iterator[FitReport | ReadFailure]:
    """Yield a batch's results as `fit_analyzer.batch.run_batch` does, computed on a cluster.

    ``scheduler`` is a Dask scheduler's address (``tcp://host:8786``) or ``"local"`` for a
    `LocalCluster` of this machine's cores. A worker lost mid-batch costs nothing: Dask
    runs its tasks again elsewhere, and each task's result is taken once. A big batch with
    ``top`` assesses the local shortlist: the same chunks of files are scored quickly on the
    workers, and the client chooses their pairs in order.
    """
    if batch.CHUNK % files_per_task:
        raise ValueError(f"files_per_task must divide {batch.CHUNK}")
    summary = summary if summary is not None else BatchSummary()
    engine = resolve_pdf_engine(pdf_engine)
    one_ranking = len(postings) == 1 and len(resumes) > 1
    ranking = Ranking(one_ranking=one_ranking, top=top)
    shortlist = Shortlist.wanted(len(resumes), len(postings), top, exhaustive)
    summary.shortlisted = shortlist is not None
    sides = [("resume", resumes), ("posting", postings)]
    if len(postings) < len(resumes):
        sides.reverse()
    (held_role, held_paths), (streamed_role, streamed_paths) = sides
    with _client(scheduler) as client:

        def submit(paths: Sequence[Path], role: str) -> list[tuple[Sequence[Path], Any]]:
            """Profile ``paths`` in tasks of ``files_per_task``: (the files, their future)."""
            chunks = [paths[i : i + files_per_task] for i in range(0, len(paths), files_per_task)]
            return [
                (chunk, client.submit(_profile_files, chunk, role, engine, limits, pure=False))
                for chunk in chunks
            ]

        def failures(
            chunk: Sequence[Path], errors: dict[int, DocumentError], role: str
        ) -> list[ReadFailure]:
            if on_loaded:
                for _ in chunk:
                    on_loaded()
            summary.failures.extend(errors.values())
            return [ReadFailure(str(chunk[i]), role, e) for i, e in sorted(errors.items())]

        held: list[Profile] = []
        for chunk, future in submit(held_paths, held_role):
            found = future.result()
            held.extend(p for p in found if not isinstance(p, DocumentError))
            yield from failures(chunk, _errors(found), held_role)
        [held_future] = client.scatter([held], broadcast=True)
        held_documents = {(p.document.role, p.document.path): p.document for p in held}
        # The streamed files go in chunks, a few ahead of the one being ranked: profiles stay
        # on the workers, and only errors, quick scores (when shortlisting) and reports come
        # back, chunk by chunk in order. A chunk's results are let go once ranked, so memory
        # holds a few chunks, not the batch.
        size = shortlist.chunk(len(held_paths)) if shortlist else batch.CHUNK
        chunks = [streamed_paths[i : i + size] for i in range(0, len(streamed_paths), size)]

        def start(paths: Sequence[Path]) -> tuple[list[tuple[Sequence[Path], Any, Any]], Any]:
            tasks = [(p, f, client.submit(_errors, f)) for p, f in submit(paths, streamed_role)]
            profiles = [f for _, f, _ in tasks]
            return tasks, client.submit(_quick, held_future, *profiles) if shortlist else None

        ahead = collections.deque(start(paths) for paths in chunks[:CHUNKS_AHEAD])
        assessing = None
        for k in range(len(chunks)):
            tasks, scores = ahead.popleft()
            if k + CHUNKS_AHEAD < len(chunks):
                ahead.append(start(chunks[k + CHUNKS_AHEAD]))
            for paths, _, errors in tasks:
                yield from failures(paths, errors.result(), streamed_role)
            keep = None
            if shortlist is not None and scores is not None:
                keep = shortlist.choose(*scores.result())
                summary.assessed += int(keep.sum())
                summary.candidates += keep.size
            profiles = [f for _, f, _ in tasks]
            # Reports that cannot enter the rankings as they stood a chunk ago stay there.
            floors = ranking.floors()
            following = client.submit(
                _assess, held_future, keep, one_ranking, top, floors, *profiles
            )
            del tasks, scores, profiles
            if assessing is not None:
                ranking.add(_relinked(assessing.result(), held_documents))
            assessing = following
        if assessing is not None:
            ranking.add(_relinked(assessing.result(), held_documents))
    for report in ranking.reports():
        summary.pairs += 1
        yield report


def _profile_files(
    paths: Sequence[Path], role: str, pdf_engine: str, limits: Limits
) -> list[Profile | DocumentError]:
    """Read and profile files on a worker, isolated in a child process where it may start one."""
    model = default_model()
    if not multiprocessing.current_process().daemon:
        with profiling_pool(1, limits, model) as pool:
            loaded = load_profiles(paths, role, model, pool, pdf_engine=pdf_engine)
            return [profile for profile, _ in loaded]
    # A daemonic worker (Dask's default under a nanny) may not start processes: parse here,
    # under every limit but time and memory, which the nanny's memory limit stands in for.
    prepare = functools.partial(profile_document, model=model)
    found: list[Profile | DocumentError] = []
    for path in paths:
        try:
            data = read_document_bytes(path, limits=limits)
        except DocumentError as error:
            found.append(error)
            continue
        result = parse(ParseTask(data, path, role, pdf_engine), limits, prepare)
        assert isinstance(result, ResumeProfile | PostingProfile | DocumentError)
        found.append(result)
    return found


def _errors(found: list[Profile | DocumentError]) -> dict[int, DocumentError]:
    """The errors among a task's results, by position."""
    return {i: p for i, p in enumerate(found) if isinstance(p, DocumentError)}


def _chunk_pairs(
    held: list[Profile], found: tuple[list[Profile | DocumentError], ...]
) -> tuple[list[ResumeProfile], list[PostingProfile]]:
    """The resumes and postings of the held profiles and one chunk's, as a local batch has."""
    return sides(held + [p for chunk in found for p in chunk if not isinstance(p, DocumentError)])


def _quick(
    held: list[Profile], *found: list[Profile | DocumentError]
) -> tuple[list[str], np.ndarray]:
    """A chunk's quick scores, with its resumes' paths, for the client's shortlist."""
    resumes, postings = _chunk_pairs(held, found)
    model = default_model()
    quick = Similarities.of(resumes, postings, model).quick(model.calibration_)
    return [r.document.path for r in resumes], quick


def _assess(
    held: list[Profile],
    keep: np.ndarray | None,
    one_ranking: bool,
    top: int | None,
    floors: dict[str, float],
    *found: list[Profile | DocumentError],
) -> list[FitReport]:
    """Assess the held profiles against one chunk's (the pairs ``keep`` marks, if given).

    With ``top``, only each ranking's best ``top`` of the chunk, and none below its
    ``floors`` (`Ranking.floors`), are sent back: the batch's best are among them.
    """
    resumes, postings = _chunk_pairs(held, found)
    ranking = Ranking(one_ranking=one_ranking, top=top)
    ranking.add(assess_profiles(resumes, postings, default_model(), keep), floors)
    return list(ranking.reports())


def _relinked(
    reports: list[FitReport], documents: dict[tuple[str, str], Document]
) -> list[FitReport]:
    """The reports, their held side's documents replaced by the client's own.

    Each chunk's reports arrive with their own copies of the held documents; a ranking that
    keeps reports from many chunks would otherwise hold one copy per chunk (gigabytes for
    5,000 resumes).
    """
    relinked = []
    for report in reports:
        resume = documents.get((report.resume.role, report.resume.path), report.resume)
        posting = documents.get((report.posting.role, report.posting.path), report.posting)
        relinked.append(dataclasses.replace(report, resume=resume, posting=posting))
    return relinked


@contextlib.contextmanager
def _client(scheduler: str) -> Iterator[Any]:
    """A Dask client of the cluster at ``scheduler``, or of a new local one."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise MissingDependencyError(
            "--scheduler needs Dask: pip install 'fit-analyzer[dask]'"
        ) from error
    with contextlib.ExitStack() as stack:
        if scheduler == LOCAL:
            # Workers that may start processes, so each file is parsed in an isolated child.
            stack.enter_context(dask.config.set({"distributed.worker.daemon": False}))
            cluster = stack.enter_context(
                LocalCluster(  # type: ignore[no-untyped-call]
                    threads_per_worker=1, processes=True, dashboard_address=":0"
                )
            )
            scheduler = cluster.scheduler_address
        yield stack.enter_context(Client(scheduler))  # type: ignore[no-untyped-call]
