"""fit-analyzer: tell whether a resume is really targeted at a job posting."""

from __future__ import annotations

__version__ = "0.1.0"

from .api import Role, Source, rank, read, score
from .batch import Upload
from .documents import Document, document_from_text, load_document
from .errors import DocumentError, FitAnalyzerError, RoleError
from .limits import Limits
from .model import FitModel
from .results import VERDICTS, FitReport, ReadFailure
from .scoring import assess, assess_many

__all__ = [
    "VERDICTS",
    "Document",
    "DocumentError",
    "FitAnalyzerError",
    "FitModel",
    "FitReport",
    "Limits",
    "ReadFailure",
    "Role",
    "RoleError",
    "Source",
    "Upload",
    "__version__",
    "assess",
    "assess_many",
    "document_from_text",
    "load_document",
    "rank",
    "read",
    "score",
]
