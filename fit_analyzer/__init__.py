"""fit-analyzer: tell whether a resume is really targeted at a job posting."""

from __future__ import annotations

__version__ = "0.1.0"

from .documents import Document, document_from_text, load_document
from .errors import DocumentError, FitAnalyzerError
from .model import FitModel
from .results import VERDICTS, FitReport
from .scoring import assess, assess_many

__all__ = [
    "VERDICTS",
    "Document",
    "DocumentError",
    "FitAnalyzerError",
    "FitModel",
    "FitReport",
    "__version__",
    "assess",
    "assess_many",
    "document_from_text",
    "load_document",
]
