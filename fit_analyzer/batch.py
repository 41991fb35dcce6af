"""Batch work: find the files, read and profile each once (in worker processes), rank pairs."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import numpy as np

from .cache import DocumentCache
from .documents import (
    SUPPORTED_SUFFIXES,
    Document,
    check_file_size,
    read_document_bytes,
    resolve_pdf_engine,
)
from .errors import DocumentError
from .isolation import ParserPool, ParseTask, Prepare
from .limits import DEFAULT_LIMITS, Limits
from .model import FitModel, default_model
from .profiles import PostingProfile, Profile, ResumeProfile, load_tables, profile_document
from .results import FitReport, ReadFailure
from .scoring import Similarities, assess_profiles

T = TypeVar("T")
# Documents are assessed this many at a time as they arrive, so a batch holds the records
# it ranks but not every document's text and profile.
CHUNK = 500
# With --top, a batch of more pairs than this assesses only a shortlist (see `Shortlist`).
SHORTLIST_PAIRS = 1_000_000
# Each resume's shortlist holds this many candidates per place kept, and at least the minimum.
SHORTLIST_FACTOR = 10
SHORTLIST_MIN = 100
# A shortlisting batch's chunks hold about this many pairs (see `Shortlist.chunk`).
SHORTLIST_CHUNK_PAIRS = 2_500_000


@dataclass(frozen=True)
class Upload:
    """The bytes of a file that has no path (an upload, a caller's buffer), and its name."""

    name: str
    data: bytes


# What can be read: a file, an upload, or a document already read (then only profiled).
Source = Path | Upload | Document


@dataclass
class BatchSummary:
    """What a batch did, filled in as its records are produced."""

    pairs: int = 0
    failures: list[DocumentError] = field(default_factory=list)
    # Documents taken from the cache, and documents extracted (and then cached).
    cache_hits: int = 0
    cache_misses: int = 0
    # Pairs fully assessed, and of how many; fewer when a shortlist ran.
    assessed: int = 0
    candidates: int = 0
    shortlisted: bool = False


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
    paths: Sequence[Source],
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
    ``pool`` (made without ``prepare``) to reuse its workers; it then sets the number of
    jobs and the limits.
    """
    with contextlib.ExitStack() as stack:
        if pool is None:
            pool = stack.enter_context(ParserPool(jobs, limits))
        yield from _load(paths, role, Document, "", pool, on_loaded, cache, pdf_engine)


def profiling_pool(jobs: int, limits: Limits, model: FitModel) -> ParserPool:
    """Return a pool whose workers answer each file's profile (see `load_profiles`)."""
    return ParserPool(
        jobs,
        limits,
        prepare=functools.partial(profile_document, model=model),
        setup=functools.partial(load_tables, model),  # workers then share the tables
    )


def load_profiles(
    paths: Sequence[Source],
    role: str,
    model: FitModel,
    pool: ParserPool,
    *,
    on_loaded: Callable[[], None] | None = None,
    cache: DocumentCache | None = None,
    pdf_engine: str = "pdfminer",
) -> Iterator[tuple[Profile | DocumentError, bool]]:
    """Like `load_documents`, but yield each document's profile, made in ``pool``'s workers.

    ``pool`` comes from `profiling_pool` for the same ``model``; profiles are cached under
    the model's fingerprint.
    """
    kind: type[Profile] = PostingProfile if role == "posting" else ResumeProfile
    yield from _load(paths, role, kind, model.fingerprint_, pool, on_loaded, cache, pdf_engine)


def _load(
    paths: Sequence[Source],
    role: str,
    kind: type[T],
    model: str,
    pool: ParserPool,
    on_loaded: Callable[[], None] | None,
    cache: DocumentCache | None,
    pdf_engine: str,
) -> Iterator[tuple[T | DocumentError, bool]]:
    """Yield what ``pool`` makes of each path (a ``kind``), or its error, and if cached.

    ``model`` names the model in cache keys ("" for bare documents).
    """
    hits: deque[bool] = deque()
    items = _parse_items(paths, role, kind, model, cache, pdf_engine, pool, hits)
    for result in pool.map(items):
        hit = hits.popleft()
        if not isinstance(result, kind | DocumentError):
            raise TypeError(f"expected {kind.__name__} from the pool, got {type(result)}")
        if on_loaded:
            on_loaded()
        yield result, hit


def _parse_items(
    sources: Iterable[Source],
    role: str,
    kind: type[T],
    model: str,
    cache: DocumentCache | None,
    pdf_engine: str,
    pool: ParserPool,
    hits: deque[bool],
) -> Iterator[ParseTask | object]:
    """Read each file here; yield its cached entry, its read error, or a task to parse.

    Appends, in step with what it yields, whether it was a cache hit. A task's worker
    stores what it makes in ``cache``. Documents already read are only prepared.
    """
    for source in sources:
        if isinstance(source, Document):
            hits.append(False)
            yield _prepared(source, pool.prepare)
            continue
        store = None
        path = Path(source.name) if isinstance(source, Upload) else source
        try:
            if isinstance(source, Upload):
                data = check_file_size(source.data, path, pool.limits.max_file_bytes)
            else:
                data = read_document_bytes(path, limits=pool.limits)
            if cache is not None:
                digest = hashlib.sha256(data).hexdigest()
                key = cache.key(digest, role, pdf_engine, model, pool.limits)
                cached = cache.get(key, kind)
                if cached is not None:
                    hits.append(True)
                    yield _moved(cached, str(path))
                    continue
                store = functools.partial(cache.put, key)
        except DocumentError as exc:
            hits.append(False)
            yield exc
            continue
        hits.append(False)
        yield ParseTask(data, path, role, pdf_engine, store)


def _prepared(document: Document, prepare: Prepare | None) -> object:
    return prepare(document) if prepare else document


def source_name(source: Source) -> str:
    """The name a source's records and errors go by."""
    if isinstance(source, Document):
        return source.path
    return source.name if isinstance(source, Upload) else str(source)


def _moved(entry: T, path: str) -> T:
    """Return a cached document, or profile, as read from ``path`` (same content)."""
    if isinstance(entry, Document):
        return dataclasses.replace(entry, path=path)
    if isinstance(entry, ResumeProfile | PostingProfile):
        document = dataclasses.replace(entry.document, path=path)
        return dataclasses.replace(entry, document=document)
    return entry


def run_batch(
    resumes: Sequence[Source],
    postings: Sequence[Source],
    *,
    top: int | None = None,
    jobs: int = 1,
    model: FitModel | None = None,
    summary: BatchSummary | None = None,
    on_loaded: Callable[[], None] | None = None,
    cache: DocumentCache | None = None,
    pdf_engine: str = "pdfminer",
    limits: Limits = DEFAULT_LIMITS,
    pool: ParserPool | None = None,
    exhaustive: bool = False,
) -> Iterator[FitReport | ReadFailure]:
    """Yield a batch's results: first one failure per unreadable file, then the ranked pairs.

    One resume against many postings ranks the postings; many resumes against one posting
    ranks the resumes; otherwise postings are ranked for each resume in turn. ``top``
    keeps the best N of each ranking. Documents found in ``cache`` are not parsed again;
    PDFs are read with ``pdf_engine`` (``"auto"``, ``"pdfium"`` or ``"pdfminer"``), every
    file under ``limits``. The side with more files is assessed in chunks as it is read, so
    memory holds the reports being ranked, not every document. A ``pool`` from
    `profiling_pool` for ``model`` is used, and left running, instead of starting one.

    With ``top``, more than `SHORTLIST_PAIRS` pairs and several resumes and postings, only
    a shortlist of each resume's pairs is assessed (see `Shortlist`), unless ``exhaustive``.
    """
    summary = summary if summary is not None else BatchSummary()
    model = model or default_model()
    engine = resolve_pdf_engine(pdf_engine)
    one_ranking = len(postings) == 1 and len(resumes) > 1
    ranking = Ranking(one_ranking=one_ranking, top=top)
    shortlist = Shortlist.wanted(len(resumes), len(postings), top, exhaustive)
    summary.shortlisted = shortlist is not None
    with contextlib.ExitStack() as stack:
        if pool is None:
            pool = stack.enter_context(profiling_pool(jobs, limits, model))

        def load(sources: Sequence[Source], role: str) -> Iterator[Profile | ReadFailure]:
            results = load_profiles(
                sources, role, model, pool, on_loaded=on_loaded, cache=cache, pdf_engine=engine
            )
            for source, (result, hit) in zip(sources, results, strict=True):
                if isinstance(result, DocumentError):
                    summary.failures.append(result)
                    yield ReadFailure(source_name(source), role, result)
                    continue
                if cache is not None:
                    summary.cache_hits += hit
                    summary.cache_misses += not hit
                yield result

        # The side with fewer files is held; the other is assessed in chunks as it arrives.
        sides = [("resume", resumes), ("posting", postings)]
        if len(postings) < len(resumes):
            sides.reverse()
        (held_role, held_sources), (streamed_role, streamed_sources) = sides
        held: list[Profile] = []
        for item in load(held_sources, held_role):
            if isinstance(item, ReadFailure):
                yield item
            else:
                held.append(item)
        # Chunks of files read, failures included, so that where they break depends on the
        # input alone.
        size = shortlist.chunk(len(held_sources)) if shortlist else CHUNK
        chunk: list[Profile] = []
        for count, item in enumerate(load(streamed_sources, streamed_role), start=1):
            if isinstance(item, ReadFailure):
                yield item
            else:
                chunk.append(item)
            if count % size == 0:
                ranking.add(_assess(held, chunk, model, shortlist, summary))
                chunk = []
        ranking.add(_assess(held, chunk, model, shortlist, summary))
    if cache is not None:
        cache.prune()
    for report in ranking.reports():
        summary.pairs += 1
        yield report


def _assess(
    held: list[Profile],
    chunk: list[Profile],
    model: FitModel,
    shortlist: Shortlist | None,
    summary: BatchSummary,
) -> Iterator[FitReport]:
    """Assess the held profiles against a chunk of the others, whichever side each is."""
    resumes, postings = sides(held + chunk)
    similarities = Similarities.of(resumes, postings, model)
    keep = None
    if shortlist is not None:
        quick = similarities.quick(model.calibration_)
        keep = shortlist.choose([r.document.path for r in resumes], quick)
    summary.candidates += len(resumes) * len(postings)
    summary.assessed += len(resumes) * len(postings) if keep is None else int(keep.sum())
    return assess_profiles(resumes, postings, model, keep, similarities)


def sides(profiles: Iterable[Profile]) -> tuple[list[ResumeProfile], list[PostingProfile]]:
    """The resumes and the postings among ``profiles``, each in order."""
    profiles = list(profiles)
    resumes = [p for p in profiles if isinstance(p, ResumeProfile)]
    postings = [p for p in profiles if isinstance(p, PostingProfile)]
    return resumes, postings


class Shortlist:
    """Which pairs of a big batch to assess: each resume's best candidates by `Similarities.quick`.

    A resume keeps the ``size`` best quick scores it has seen. In each chunk, its pairs among
    the chunk's ``size`` best that reach the lowest score it keeps (once it keeps ``size``)
    are assessed; the rest cannot be among its best by the quick score.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.best: dict[str, np.ndarray] = {}

    @classmethod
    def wanted(
        cls, resumes: int, postings: int, top: int | None, exhaustive: bool
    ) -> Shortlist | None:
        """The shortlist a batch of this size uses, or None when it assesses every pair."""
        one_ranking = postings == 1 and resumes > 1
        if not top or one_ranking or exhaustive or resumes * postings <= SHORTLIST_PAIRS:
            return None
        return cls(max(SHORTLIST_FACTOR * top, SHORTLIST_MIN))

    @staticmethod
    def chunk(held: int) -> int:
        """Files per chunk against ``held`` documents: a multiple of `CHUNK` holding about
        `SHORTLIST_CHUNK_PAIRS` pairs. The first chunk fills every shortlist, and later
        chunks add only what beats it, so the bigger the first chunk, the fewer pairs.
        """
        return CHUNK * max(1, SHORTLIST_CHUNK_PAIRS // (CHUNK * max(1, held)))

    def choose(self, resumes: Sequence[str], quick: np.ndarray) -> np.ndarray:
        """The pairs of a chunk to assess, as a boolean resumes x postings matrix, from their
        quick scores (`Similarities.quick`) and the resumes' paths."""
        keep = np.zeros(quick.shape, dtype=bool)
        for i, path in enumerate(resumes):
            row = quick[i]
            chosen = np.argsort(-row, kind="stable")[: self.size]
            best = self.best.get(path, np.empty(0))
            if len(best) == self.size:
                chosen = chosen[row[chosen] >= best[-1]]
            keep[i, chosen] = True
            merged = np.concatenate([best, row[chosen]])
            self.best[path] = -np.sort(-merged)[: self.size]
        return keep


class Ranking:
    """The reports of a batch, ranked: postings for each resume, or all pairs as one."""

    def __init__(self, *, one_ranking: bool, top: int | None) -> None:
        self.one_ranking = one_ranking
        self.top = top
        self.groups: dict[str, list[FitReport]] = {}

    def add(self, reports: Iterable[FitReport], floors: Mapping[str, float] | None = None) -> None:
        """Rank ``reports``; with ``floors`` (from `floors`), leave out those below them."""
        for report in reports:
            key = "" if self.one_ranking else report.resume.path
            if floors and key in floors and round(report.scores.fit, 1) < floors[key]:
                continue
            group = self.groups.setdefault(key, [])
            group.append(report)
            if self.top and len(group) >= 2 * self.top:  # keep memory flat under --top
                self._trim(group)

    def floors(self) -> dict[str, float]:
        """The reported fit of each full ranking's last place, under ``top``: a report below
        it can never enter, as places only get better."""
        found = {}
        for key, group in self.groups.items():
            if self.top and len(group) >= self.top:
                self._trim(group)
                found[key] = round(group[-1].scores.fit, 1)
        return found

    def reports(self) -> Iterator[FitReport]:
        for group in self.groups.values():
            self._trim(group)
            for rank, report in enumerate(group, start=1):
                yield dataclasses.replace(report, rank=rank)

    def _trim(self, group: list[FitReport]) -> None:
        group.sort(key=_rank_key)
        del group[self.top or len(group) :]


def _rank_key(report: FitReport) -> tuple[float, str, str]:
    # By the fit as reported (one decimal), so that equal reported fits rank by path.
    return (-round(report.scores.fit, 1), report.posting.path, report.resume.path)
