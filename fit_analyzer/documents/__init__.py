"""Turn a resume or posting file into a `Document`: text, sections, title and warnings."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import DocumentTooLargeError, EmptyDocumentError, FileAccessError, NoTextError
from ..language import ENGLISH, LANGUAGE_NAMES, UNDETERMINED, detect_language
from ..limits import DEFAULT_LIMITS, MB, Limits
from ..text import normalize
from ..vocabulary import Vocabulary
from .engines import PDF_ENGINES, resolve_pdf_engine
from .extracted import Extracted
from .plain import read_markdown, read_text
from .sections import Section, find_sections, find_title
from .sniff import SUPPORTED_SUFFIXES, sniff_format
from .webpage import read_html

__all__ = [
    "PDF_ENGINES",
    "ROLES",
    "SUPPORTED_SUFFIXES",
    "Document",
    "Section",
    "check_file_size",
    "document_from_bytes",
    "document_from_text",
    "extract_text",
    "load_document",
    "read_document_bytes",
    "resolve_pdf_engine",
]

ROLES = ("resume", "posting")
# Windows has no O_NONBLOCK, nor FIFOs named like documents to guard against.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_MIN_WORDS = 20
_CID_RE = re.compile(r"\(cid:\d+\)")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")

_READERS: dict[str, Callable[[bytes, Path], Extracted]] = {
    "html": read_html,
    "md": read_markdown,
    "txt": read_text,
}


@dataclass(frozen=True)
class Document:
    """A resume or posting as text, with what was recognised of its structure.

    ``language`` is the ISO 639-1 code of the language the text reads as ("en", "de", ...;
    "und" when too short to tell; see `fit_analyzer.language.detect_language`); ``sections``
    cover the text in order; ``title`` is a posting's job title or a resume's headline;
    ``warnings`` say what may make the analysis less reliable.
    """

    path: str
    role: str
    format: str
    sha256: str
    text: str
    language: str
    title: str
    sections: tuple[Section, ...]
    warnings: tuple[str, ...]

    @classmethod
    def from_text(cls, text: str, role: str, *, name: str = "<text>") -> Document:
        """Read ``text`` (plain text or Markdown) as a resume or posting."""
        return document_from_text(text, str(role), name=name)

    def section_text(self, *names: str) -> str:
        """Return the text of every section called one of ``names``, in document order."""
        return "\n".join(s.text for s in self.sections if s.name in names)


def load_document(
    path: str | Path,
    role: str,
    *,
    vocabulary: Vocabulary | None = None,
    pdf_engine: str = "pdfminer",
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read the file at ``path`` as a ``role`` (``"resume"`` or ``"posting"``).

    The format is sniffed from the bytes; PDFs are read with ``pdf_engine`` (one of
    `PDF_ENGINES`). Raises a `DocumentError` subclass that names the file and what to do
    when it cannot be read, or exceeds one of ``limits`` (in this process: time and memory
    are only enforced by `fit_analyzer.isolation`).
    """
    path = Path(path)
    data = read_document_bytes(path, limits=limits)
    return document_from_bytes(
        data, path, role, vocabulary=vocabulary, pdf_engine=pdf_engine, limits=limits
    )


def read_document_bytes(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Return the bytes of the file at ``path``; raise a `DocumentError` when it cannot be."""
    return _read_bytes(Path(path), limits.max_file_bytes)


def document_from_bytes(
    data: bytes,
    path: str | Path,
    role: str,
    *,
    vocabulary: Vocabulary | None = None,
    pdf_engine: str = "pdfminer",
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Build a `Document` from the bytes of the file at ``path``, as `load_document` does."""
    path = Path(path)
    file_format, extracted = _extract(data, path, pdf_engine, limits)
    digest = hashlib.sha256(data).hexdigest()
    return _document(str(path), role, file_format, digest, extracted, vocabulary, limits)


def document_from_text(
    text: str, role: str, *, name: str = "<text>", vocabulary: Vocabulary | None = None
) -> Document:
    """Build a `Document` from plain text already in memory; ``name`` stands in for a path."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return _document(name, role, "txt", digest, Extracted(text=text), vocabulary, DEFAULT_LIMITS)


def _document(
    name: str,
    role: str,
    file_format: str,
    digest: str,
    extracted: Extracted,
    vocabulary: Vocabulary | None,
    limits: Limits,
) -> Document:
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, not {role!r}")
    text = normalize(extracted.text).strip()
    words = _check_text(text, Path(name), limits.max_text_chars)
    warnings = list(extracted.warnings)
    cid_glyphs = len(_CID_RE.findall(extracted.text))
    if cid_glyphs > words / 10:
        warnings.append(
            f"{cid_glyphs} glyphs could not be mapped to letters; "
            "the PDF's fonts hide part of its text, so the scores are less reliable"
        )
    if words < 80:
        warnings.append(f"very short text ({words} words); the scores are less reliable")
    language = detect_language(text)
    if language not in (ENGLISH, UNDETERMINED):
        warnings.append(
            f"the text reads as {LANGUAGE_NAMES[language]}, not English; "
            "the model reads English only, so the scores are not reliable"
        )
    vocabulary = vocabulary or Vocabulary.load()
    sections = find_sections(text, role, vocabulary, headings=extracted.headings)
    if len(sections) < 2:
        warnings.append("no section headings recognised; every part of the text counts alike")
    return Document(
        path=name,
        role=role,
        format=file_format,
        sha256=digest,
        text=text,
        language=language,
        title=find_title(sections, role, vocabulary, extracted.title),
        sections=sections,
        warnings=tuple(warnings),
    )


def extract_text(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> str:
    """Return the normalised text of the file at ``path``, whatever its format."""
    path = Path(path)
    data = read_document_bytes(path, limits=limits)
    text = normalize(_extract(data, path, "pdfminer", limits)[1].text).strip()
    _check_text(text, path, limits.max_text_chars)
    return text


def _extract(data: bytes, path: Path, pdf_engine: str, limits: Limits) -> tuple[str, Extracted]:
    if not data.strip():
        raise EmptyDocumentError(path, "the file is empty")
    file_format = sniff_format(data, path)
    # pdfminer.six and python-docx are imported only when a file needs them.
    if file_format == "pdf":
        from .pdf import read_pdf, read_pdf_pdfium

        engine = resolve_pdf_engine(pdf_engine)
        reader = read_pdf_pdfium if engine == "pdfium" else read_pdf
        return file_format, reader(data, path, max_pages=limits.max_pages)
    if file_format == "docx":
        from .word import read_docx

        return file_format, read_docx(data, path, limits=limits)
    return file_format, _READERS[file_format](data, path)


def _check_text(text: str, path: Path, max_chars: int) -> int:
    """Raise when ``text`` is empty, too long or not words; return its number of words."""
    if not text:
        raise EmptyDocumentError(path, "the document contains no text")
    if len(text) > max_chars:
        raise DocumentTooLargeError(
            path,
            f"the extracted text has {len(text):,} characters, more than the "
            f"{max_chars:,} a resume or posting can have; raise Limits.max_text_chars to read more",
        )
    words = len(_WORD_RE.findall(text))
    if words < _MIN_WORDS and words < len(text) / 20:
        raise NoTextError(path, "the text has almost no words; is this the right file?")
    return words


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise FileAccessError(path, "is a directory, not a file")
        # Non-blocking, so that a FIFO or device named like a document cannot stall the open.
        with open(os.open(path, os.O_RDONLY | _NONBLOCK), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise FileAccessError(path, "is not a regular file (a pipe or device?)")
            data = handle.read(max_bytes + 1)
    except FileAccessError:
        raise
    except FileNotFoundError as exc:
        raise FileAccessError(path, "no such file; check the path") from exc
    except PermissionError as exc:
        raise FileAccessError(path, "permission denied; check the file's permissions") from exc
    except OSError as exc:
        raise FileAccessError(path, f"cannot be read ({exc.strerror or exc})") from exc
    return check_file_size(data, path, max_bytes)


def check_file_size(data: bytes, path: str | Path, max_bytes: int) -> bytes:
    """Return ``data``, or raise when it is larger than ``max_bytes`` (`Limits.max_file_bytes`)."""
    if len(data) > max_bytes:
        raise DocumentTooLargeError(
            path,
            f"the file is larger than {max_bytes / MB:g} MB; a resume or posting is much "
            "smaller — raise Limits.max_file_bytes to read it anyway",
        )
    return data
