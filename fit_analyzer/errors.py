"""The project's exceptions: one root, a stable ``kind`` for reports, an exit code for the CLI."""

from __future__ import annotations

from pathlib import Path


class FitAnalyzerError(Exception):
    """Root of every error fit-analyzer raises on purpose."""

    kind = "error"
    exit_code = 1


class DocumentError(FitAnalyzerError):
    """A document could not be turned into text; the message names the file and a remedy."""

    kind = "unreadable"

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str]]:
        # Errors cross process boundaries in batch work; rebuild them from path and message.
        return (type(self), (self.path, self.message))


class FileAccessError(DocumentError, OSError):
    """The file is missing, a directory, or not readable."""

    kind = "file_access"


class EmptyDocumentError(DocumentError, ValueError):
    """The file, or the text extracted from it, is empty."""

    kind = "empty"


class UnsupportedFormatError(DocumentError, ValueError):
    """The bytes are not a format fit-analyzer reads."""

    kind = "unsupported_format"


class CorruptDocumentError(DocumentError, ValueError):
    """The file claims a format but its content is broken or truncated."""

    kind = "corrupt"


class EncryptedDocumentError(DocumentError, PermissionError):
    """The document is password-protected."""

    kind = "encrypted"


class NoTextError(DocumentError, ValueError):
    """The document has no text layer (e.g. a scanned PDF) or almost no words."""

    kind = "no_text"


class DocumentTooLargeError(DocumentError, ValueError):
    """The file or its extracted text exceeds a configured limit."""

    kind = "too_large"


class MissingDependencyError(FitAnalyzerError, ImportError):
    """An optional feature was asked for but the package it needs is not installed."""

    kind = "missing_dependency"


class PartialBatchError(FitAnalyzerError):
    """A batch finished, but some files could not be read."""

    kind = "partial_batch"
    exit_code = 3


class ThresholdNotMetError(FitAnalyzerError):
    """A fit score is below the ``--fail-under`` threshold."""

    kind = "threshold_not_met"
    exit_code = 4


class ParseTimeoutError(DocumentError, TimeoutError):
    """Reading the document took longer than the time limit; its worker was stopped."""

    kind = "timeout"


class RoleError(DocumentError, ValueError):
    """A document was given as a resume but read as a posting, or the other way round."""

    kind = "wrong_role"
