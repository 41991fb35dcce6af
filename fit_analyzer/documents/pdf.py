"""Read the text layer of a PDF with pdfminer.six."""

from __future__ import annotations

import io
from pathlib import Path

from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psexceptions import PSException

from ..errors import CorruptDocumentError, EncryptedDocumentError, NoTextError
from .extracted import Extracted


def read_pdf(data: bytes, path: Path, *, max_pages: int = 0) -> Extracted:
    """Return the text of the PDF in ``data`` (all pages, or the first ``max_pages``)."""
    try:
        # boxes_flow=None orders text boxes top to bottom: table rows stay together (a
        # skills table read column by column would put its items under the next heading),
        # and layout analysis is faster.
        text = extract_text(
            io.BytesIO(data), laparams=LAParams(boxes_flow=None), maxpages=max_pages
        )
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedDocumentError(
            path, "the PDF is password-protected; save an unprotected copy and try again"
        ) from exc
    except (PDFSyntaxError, PSException) as exc:
        raise CorruptDocumentError(
            path, "the PDF is damaged or truncated; export it again from the original document"
        ) from exc
    except Exception as exc:  # pdfminer raises many builtin types on malformed input
        raise CorruptDocumentError(
            path, f"the PDF could not be parsed ({type(exc).__name__}); export it again"
        ) from exc
    if not text.strip():
        raise NoTextError(
            path,
            "no extractable text, the PDF looks like a scanned image; "
            "export a text PDF or run OCR first",
        )
    return Extracted(text=text)
