"""Read a Word .docx with python-docx: header, body (paragraphs, tables, text boxes), footer."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ..errors import CorruptDocumentError, DocumentTooLargeError
from ..limits import DEFAULT_LIMITS, MB, Limits
from .extracted import Extracted

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Small parts (styles, themes) compress well and cost nothing to inflate; only a large
# part with a bomb's compression ratio is refused.
_RATIO_CHECKED_FROM = 1 * MB
# A table cell longer than this is a paragraph, not a label or a value.
_CELL_WORDS = 20


def read_docx(data: bytes, path: Path, *, limits: Limits = DEFAULT_LIMITS) -> Extracted:
    """Return the text of a .docx: headers, then the body in order, then footers.

    The ZIP's directory is checked against ``limits`` before any part is inflated.
    """
    try:
        check_zip(data, path, limits)
        document = docx.Document(io.BytesIO(data))
        # Parts such as headers load lazily: a broken one fails while the text is read.
        headings: set[str] = set()
        lines = [
            *_header_footer_lines(document, "header"),
            *_block_lines(document, headings),
            *_header_footer_lines(document, "footer"),
        ]
    except DocumentTooLargeError:
        raise
    except (zipfile.BadZipFile, zlib.error, KeyError, ValueError) as exc:
        raise CorruptDocumentError(
            path, "the .docx is damaged or incomplete; open and re-save it in your word processor"
        ) from exc
    except Exception as exc:  # lxml, zipfile and python-docx raise assorted types
        raise CorruptDocumentError(
            path, f"the .docx could not be parsed ({type(exc).__name__}); re-save it"
        ) from exc
    return Extracted(text="\n".join(lines), headings=frozenset(headings))


def check_zip(data: bytes, path: Path, limits: Limits) -> None:
    """Refuse a zip bomb from its central directory: member count, total and ratio."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    if len(members) > limits.max_docx_members:
        raise DocumentTooLargeError(
            path,
            f"the .docx holds more than {limits.max_docx_members} parts, which no resume "
            "needs; open and re-save it in your word processor",
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= _RATIO_CHECKED_FROM and ratio > limits.max_compression_ratio:
            raise DocumentTooLargeError(
                path,
                f"a part of the .docx inflates {ratio:,.0f} times, like a zip bomb; "
                "open and re-save it in your word processor",
            )
    total = sum(member.file_size for member in members)
    if total > limits.max_docx_uncompressed_bytes:
        raise DocumentTooLargeError(
            path,
            f"the .docx unpacks to more than {limits.max_docx_uncompressed_bytes // MB} MB; "
            "raise Limits.max_docx_uncompressed_bytes to read it anyway",
        )


def _block_lines(container: Any, headings: set[str]) -> Iterator[str]:
    """Yield the lines of a document, cell, header or footer (all have iter_inner_content)."""
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield from _paragraph_lines(block, headings)
        elif isinstance(block, Table):
            yield from _table_lines(block, headings)


def _paragraph_lines(paragraph: Paragraph, headings: set[str]) -> Iterator[str]:
    text = paragraph.text
    style = paragraph.style.name if paragraph.style is not None else ""
    if text.strip() and style.startswith(("Heading", "Title")):
        headings.add(text.strip())
    yield text
    # Text boxes sit inside runs; Word stores each twice (DrawingML and a VML fallback).
    for box in paragraph._p.iter(qn("w:txbxContent")):
        if any(ancestor.tag == _MC_FALLBACK for ancestor in box.iterancestors()):
            continue
        for p in box.iter(qn("w:p")):
            yield Paragraph(p, paragraph._parent).text


def _table_lines(table: Table, headings: set[str]) -> Iterator[str]:
    """A row of short one-line cells ("Languages | Python, Go") is one line, its cells
    tab-separated; a row holding paragraphs (a resume laid out in a table: a sidebar, or a
    heading beside its section) gives its cells' lines in order, so that headings stay on
    lines of their own.
    """
    for row in table.rows:
        # Each w:tc once, as stored: python-docx's row.cells repeats a vertically merged
        # cell's text on every row it spans, and refuses a whole table (so the whole file)
        # when a merge does not line up with the row above, which Word and LibreOffice open.
        cells = [
            [line for line in _block_lines(_Cell(tc, table), headings) if line.strip()]
            for tc in row._tr.tc_lst
        ]
        if all(len(lines) <= 1 and len(" ".join(lines).split()) <= _CELL_WORDS for lines in cells):
            if any(cells):
                yield "\t".join(lines[0] for lines in cells if lines)
        else:
            for lines in cells:
                yield from lines


def _header_footer_lines(document: WordDocument, which: str) -> Iterator[str]:
    seen: set[str] = set()
    for section in document.sections:
        part = getattr(section, which)
        if part.is_linked_to_previous and seen:
            continue
        text = "\n".join(line for line in _block_lines(part, set()) if line.strip())
        if text and text not in seen:
            seen.add(text)
            yield text
