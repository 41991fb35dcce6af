"""The Python API: read documents, score a pair, rank many, with the command line's defaults.

Files are parsed in isolated worker processes under `Limits`, extracted documents are
cached (as ``fit-analyzer`` does; ``cache=False`` turns that off), and PDFs are read with
PDFium when it is installed. Sources are paths, the bytes of a file, or `Document`s.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Union

from .batch import (
    BatchSummary,
    Upload,
    find_files,
    load_documents,
    load_profiles,
    profiling_pool,
    run_batch,
)
from .cache import DocumentCache
from .documents import Document, resolve_pdf_engine
from .errors import DocumentError, RoleError
from .limits import DEFAULT_LIMITS, Limits
from .model import FitModel, default_model
from .profiles import PostingProfile, ResumeProfile
from .results import FitReport, ReadFailure
from .scoring import assess_profiles


class Role(StrEnum):
    """What a document is: a resume or a job posting. Plain strings work too."""

    RESUME = "resume"
    POSTING = "posting"


# A file's path, its bytes, or a document already read.
Source = Union[str, "os.PathLike[str]", bytes, Document]


def read(
    source: Source,
    role: Role | str,
    *,
    pdf_engine: str = "auto",
    limits: Limits = DEFAULT_LIMITS,
    cache: bool = True,
) -> Document:
    """Read a resume or posting from a path or the bytes of a file, in an isolated worker.

    Raises a `DocumentError` (its message names the file and what to do) when it cannot,
    and a `RoleError` for a `Document` of the other role.
    """
    item = _source(source, _role(role), f"<{role}>")
    if isinstance(item, Document):
        return item
    store = DocumentCache.default() if cache else None
    engine = resolve_pdf_engine(pdf_engine)
    [(document, _)] = load_documents([item], role, cache=store, pdf_engine=engine, limits=limits)
    if isinstance(document, DocumentError):
        raise document
    return document


def score(
    resume: Source,
    posting: Source,
    *,
    model: FitModel | None = None,
    pdf_engine: str = "auto",
    limits: Limits = DEFAULT_LIMITS,
    cache: bool = True,
) -> FitReport:
    """Score one resume against one posting.

    Raises a `DocumentError` when either cannot be read, and a `RoleError` when a
    `Document` is given in the other role.
    """
    model = model or default_model()
    store = DocumentCache.default() if cache else None
    engine = resolve_pdf_engine(pdf_engine)
    sides = (
        (_source(resume, Role.RESUME, "<resume>"), Role.RESUME),
        (_source(posting, Role.POSTING, "<posting>"), Role.POSTING),
    )
    with profiling_pool(1, limits, model) as pool:
        profiles = []
        for item, role in sides:
            [(profile, _)] = load_profiles(
                [item], role, model, pool, cache=store, pdf_engine=engine
            )
            if isinstance(profile, DocumentError):
                raise profile
            profiles.append(profile)
    if store is not None:
        store.prune()
    resume_profile, posting_profile = profiles
    assert isinstance(resume_profile, ResumeProfile)
    assert isinstance(posting_profile, PostingProfile)
    [report] = assess_profiles([resume_profile], [posting_profile], model)
    return report


def rank(
    resumes: Iterable[Source],
    postings: Iterable[Source],
    *,
    top: int | None = None,
    jobs: int | None = None,
    model: FitModel | None = None,
    pdf_engine: str = "auto",
    limits: Limits = DEFAULT_LIMITS,
    cache: bool = True,
    summary: BatchSummary | None = None,
    on_loaded: Callable[[], None] | None = None,
    exhaustive: bool = False,
) -> Iterator[FitReport | ReadFailure]:
    """Score every resume against every posting and yield the ranked reports.

    A folder among the sources stands for the supported files under it (.pdf, .docx,
    .txt, .md, .html, searched recursively in sorted order).

    One resume against many postings ranks the postings; many resumes against one posting
    ranks the resumes; otherwise the postings are ranked for each resume. ``top`` keeps
    the best N of each ranking, and each report carries its ``rank``. A source that cannot
    be read yields a `ReadFailure` (before the ranked reports), never an exception.
    ``jobs`` worker processes read the files (default: one per core); ``summary``, when
    given, is filled in with counts and failures as the batch runs, and ``on_loaded`` is
    called as each file is read. With ``top`` and over a million pairs, only each resume's
    shortlist is assessed (`fit_analyzer.batch.Shortlist`), unless ``exhaustive``.
    """
    return run_batch(
        _sources(resumes, Role.RESUME),
        _sources(postings, Role.POSTING),
        top=top,
        jobs=jobs or os.cpu_count() or 1,
        model=model,
        summary=summary,
        on_loaded=on_loaded,
        cache=DocumentCache.default() if cache else None,
        pdf_engine=pdf_engine,
        limits=limits,
        exhaustive=exhaustive,
    )


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValueError(f"role must be 'resume' or 'posting', not {role!r}") from None


def _sources(sources: Iterable[Source], role: Role) -> list[Path | Upload | Document]:
    """The sources of one side of a batch, folders expanded, bytes named by position."""
    found: list[Path | Upload | Document] = []
    for k, source in enumerate(sources, start=1):
        item = _source(source, role, f"<{role} {k}>")
        found.extend(find_files(item) if isinstance(item, Path) else [item])
    return found


def _source(source: Source, role: Role, name: str) -> Path | Upload | Document:
    """A source as the batch reads it: a path, named bytes, or a document of ``role``."""
    if isinstance(source, Document):
        if source.role != role:
            raise RoleError(
                source.path,
                f"given as the {role} but read as the {source.role}; "
                "pass it in its own role, or read it again as the other",
            )
        return source
    if isinstance(source, bytes | bytearray):
        return Upload(name, bytes(source))
    if isinstance(source, str | os.PathLike):
        return Path(source)
    raise TypeError(f"expected a path, bytes or a Document as the {role}, not {type(source)}")
