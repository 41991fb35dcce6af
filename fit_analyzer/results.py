"""The typed result of assessing one pair: scores, verdict, matched and missing terms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .documents import Document
from .errors import DocumentError
from .requirements import Check, HardRequirement

Verdict = Literal["strong_fit", "partial_fit", "poorly_targeted", "not_a_fit"]
VERDICTS: tuple[Verdict, ...] = ("strong_fit", "partial_fit", "poorly_targeted", "not_a_fit")
MatchKind = Literal["exact", "alias", "stem"]


@dataclass(frozen=True)
class MatchedTerm:
    """A key term of the posting found in the resume, and where."""

    term: str
    weight: float
    required: bool
    match: MatchKind
    resume_form: str
    found_in: tuple[str, ...]  # the resume's sections, "work" for work sentences without one
    shown: bool  # found in the substance: experience, projects or work sentences
    posting_forms: tuple[str, ...] = ()  # how the posting also writes it ("rn")


@dataclass(frozen=True)
class MissingTerm:
    """A key term of the posting the resume does not name, with the sentence asking for it."""

    term: str
    weight: float
    required: bool
    source: str
    posting_forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scores:
    """Component scores, each 0-100 (the README says what each one means)."""

    fit: float
    surface_match: float
    substance_match: float
    similarity: float
    coverage: float
    evidence: float
    title_match: float
    occupation_match: float


@dataclass(frozen=True)
class FitReport:
    """The assessment of one resume against one posting."""

    resume: Document
    posting: Document
    scores: Scores
    verdict: Verdict
    reason: str
    confident: bool  # False: too little to judge by (few key terms, or not English)
    matched: tuple[MatchedTerm, ...]
    missing: tuple[MissingTerm, ...]
    requirements: tuple[HardRequirement, ...]  # degree, years, seniority: met or not
    checks: tuple[Check, ...]  # what the posting asks that text cannot settle
    listed_not_shown: tuple[str, ...]
    diagnostics: tuple[str, ...]
    model_id: str
    # The O*NET occupations each document, and each reading of the resume, reads as.
    resume_reads_as: tuple[str, ...]
    posting_reads_as: tuple[str, ...]
    surface_reads_as: tuple[str, ...]
    substance_reads_as: tuple[str, ...]
    rank: int | None = None  # its place in a ranking (`fit_analyzer.rank`), 1 first

    def to_dict(self) -> dict[str, Any]:
        """The JSON record of this report, as `fit-analyzer schema` describes it."""
        from .report.records import report_record  # the records build on this module

        return report_record(self)


@dataclass(frozen=True)
class ReadFailure:
    """A file of a batch that could not be read: its name, its role and why."""

    path: str
    role: str
    error: DocumentError

    def to_dict(self) -> dict[str, Any]:
        """The JSON error record of this file."""
        from .report.records import error_record

        return error_record(self.path, self.role, self.error)
