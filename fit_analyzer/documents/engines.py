"""Which PDF engine reads a PDF: PDFium when installed, else pdfminer.six.

Apart from the readers, so that choosing one imports neither.
"""

from __future__ import annotations

import importlib.util

from ..errors import MissingDependencyError

PDF_ENGINES = ("auto", "pdfium", "pdfminer")


def pdfium_available() -> bool:
    """Tell whether the optional PDFium engine (``pypdfium2``) is installed."""
    return importlib.util.find_spec("pypdfium2") is not None


def resolve_pdf_engine(engine: str) -> str:
    """Return the engine that ``engine`` stands for: ``"pdfium"`` or ``"pdfminer"``.

    ``"auto"`` picks PDFium when it is installed. Raises `MissingDependencyError` when
    PDFium is asked for by name but not installed.
    """
    if engine not in PDF_ENGINES:
        raise ValueError(f"pdf engine must be one of {PDF_ENGINES}, not {engine!r}")
    if engine == "auto":
        return "pdfium" if pdfium_available() else "pdfminer"
    if engine == "pdfium" and not pdfium_available():
        raise MissingDependencyError(
            "the PDFium engine is not installed; run pip install 'fit-analyzer[fast]'"
        )
    return engine
