"""Read the text layer of a PDF with pdfminer.six, or with PDFium when asked and installed."""

from __future__ import annotations

import ctypes
import dataclasses
import functools
import io
import re
import struct
from pathlib import Path
from typing import Any

from pdfminer.converter import TextConverter
from pdfminer.layout import LAParams, LTPage, LTTextBox
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psexceptions import PSException

from ..errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EncryptedDocumentError,
    NoTextError,
)
from ..limits import DEFAULT_LIMITS
from .engines import PDF_ENGINES, pdfium_available, resolve_pdf_engine
from .extracted import Extracted

__all__ = ["PDF_ENGINES", "pdfium_available", "read_pdf", "read_pdf_pdfium", "resolve_pdf_engine"]

_ENCRYPTED = "the PDF is password-protected; save an unprotected copy and try again"
_DAMAGED = "the PDF is damaged or truncated; export it again from the original document"
_SCANNED = (
    "no extractable text, the PDF looks like a scanned image; export a text PDF or run OCR first"
)
_UNMAPPED = (
    "no readable text, the PDF's fonts do not map its glyphs to letters; "
    "export it again from the original document, or run OCR first"
)
# pdfminer writes a glyph its font gives no letter for as (cid:NN).
_CID_RE = re.compile(r"\(cid:\d+\)")
_LETTER_RE = re.compile(r"[^\W\d_]")


def read_pdf(data: bytes, path: Path, *, max_pages: int = DEFAULT_LIMITS.max_pages) -> Extracted:
    """Return the text of the PDF in ``data``; raise when it has more than ``max_pages``."""
    try:
        text, two_column_pages = _pdfminer_text(data, path, max_pages)
    except DocumentTooLargeError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedDocumentError(path, _ENCRYPTED) from exc
    except (PDFSyntaxError, PSException) as exc:
        raise CorruptDocumentError(path, _DAMAGED) from exc
    except Exception as exc:  # pdfminer raises many builtin types on malformed input
        raise CorruptDocumentError(
            path, f"the PDF could not be parsed ({type(exc).__name__}); export it again"
        ) from exc
    extracted = _checked(text, path)
    if two_column_pages:
        pages = ", ".join(map(str, two_column_pages))
        warning = (
            f"page {pages} is laid out in two columns, read one after the other; check that "
            "the sections found look right (a one-column export reads most reliably)"
        )
        extracted = dataclasses.replace(extracted, warnings=(warning,))
    return extracted


# A column of running text has at least this many lines.
_MIN_COLUMN_LINES = 6
# How far (in points) a column's line may reach into the gutter.
_GUTTER_SLACK = 6.0


class _TextAndColumns(TextConverter):
    """pdfminer's text output, a page in two side-by-side columns read column by column."""

    def __init__(self, resources: PDFResourceManager, out: io.StringIO) -> None:
        # boxes_flow=None orders text boxes top to bottom: table rows stay together (a
        # skills table read column by column would put its items under the next heading),
        # and layout analysis is faster. Pages in two columns are reordered below.
        super().__init__(resources, out, laparams=LAParams(boxes_flow=None))
        self.two_column_pages: list[int] = []

    def receive_layout(self, ltpage: LTPage) -> None:
        boxes = [item for item in ltpage if isinstance(item, LTTextBox)]
        gutter = _gutter(boxes)
        if gutter is not None:
            self.two_column_pages.append(ltpage.pageid)
            others = [item for item in ltpage if not isinstance(item, LTTextBox)]
            ltpage._objs = [*others, *_by_columns(boxes, gutter)]  # what render() walks
        super().receive_layout(ltpage)


def _gutter(boxes: list[LTTextBox]) -> float | None:
    """Where a vertical gutter splits the boxes into two columns of running text, if it does.

    Each side must hold at least a sixth of the page's characters (a sidebar of contact
    details and skills holds about a fifth) in at least `_MIN_COLUMN_LINES` lines, and the
    two must run alongside each other for a third of the text's height; a short table of
    skills, or a full-width heading, does not count.
    """
    sizes = {id(b): len(b.get_text()) for b in boxes}
    total = sum(sizes.values())
    if not total:
        return None
    top, bottom = max(b.y1 for b in boxes), min(b.y0 for b in boxes)
    for gutter in sorted({b.x1 for b in boxes}):
        left = [b for b in boxes if b.x1 <= gutter]
        right = [b for b in boxes if b.x0 >= gutter]
        if not left or not right:
            continue
        sides = (left, right)
        if any(sum(sizes[id(b)] for b in side) < total / 6 for side in sides):
            continue
        if any(sum(len(b) for b in side) < _MIN_COLUMN_LINES for side in sides):
            continue
        alongside = min(max(b.y1 for b in side) for side in sides) - max(
            min(b.y0 for b in side) for side in sides
        )
        if alongside >= (top - bottom) / 3:
            return gutter
    return None


def _by_columns(boxes: list[LTTextBox], gutter: float) -> list[LTTextBox]:
    """The boxes in reading order: what sits above the point where both columns run (a
    name and headline), the left column, the right column, then what spans the page below;
    each top to bottom."""
    columns_top = min(
        max(b.y1 for b in boxes if b.x1 <= gutter), max(b.y1 for b in boxes if b.x0 >= gutter)
    )
    above = [b for b in boxes if b.y0 >= columns_top]
    rest = [b for b in boxes if b.y0 < columns_top]
    left: list[LTTextBox] = []
    right: list[LTTextBox] = []
    below: list[LTTextBox] = []
    for b in rest:
        # A line may reach a point or two into the gutter; one that crosses it spans the page.
        if b.x1 <= gutter + _GUTTER_SLACK:
            left.append(b)
        elif b.x0 >= gutter - _GUTTER_SLACK:
            right.append(b)
        else:
            below.append(b)

    def downwards(group: list[LTTextBox]) -> list[LTTextBox]:
        return sorted(group, key=lambda b: (-b.y1, b.x0))

    return [*downwards(above), *downwards(left), *downwards(right), *downwards(below)]


def _pdfminer_text(data: bytes, path: Path, max_pages: int) -> tuple[str, list[int]]:
    """pdfminer's ``extract_text``, stopping before the page past ``max_pages``; also the
    numbers of the pages laid out in two columns."""
    with io.StringIO() as out:
        resources = PDFResourceManager(caching=True)
        device = _TextAndColumns(resources, out)
        interpreter = PDFPageInterpreter(resources, device)
        for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), start=1):
            if number > max_pages:
                raise _too_many_pages(path, max_pages)
            interpreter.process_page(page)
        return out.getvalue(), device.two_column_pages


def _too_many_pages(path: Path, max_pages: int) -> DocumentTooLargeError:
    return DocumentTooLargeError(
        path,
        f"more than {max_pages} pages; a resume or posting is shorter "
        "— raise Limits.max_pages to read more",
    )


def read_pdf_pdfium(
    data: bytes, path: Path, *, max_pages: int = DEFAULT_LIMITS.max_pages
) -> Extracted:
    """Like `read_pdf`, with PDFium (``pypdfium2``): much the same text, about 20 times faster."""
    # Optional, untyped: imported only when this engine is chosen.
    import pypdfium2 as pdfium  # type: ignore[import-untyped, import-not-found, unused-ignore]

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        # PDFium's error code can be left over from an earlier file: an encrypted PDF
        # names its /Encrypt dictionary.
        if exc.err_code == pdfium.raw.FPDF_ERR_PASSWORD and b"/Encrypt" in data:
            raise EncryptedDocumentError(path, _ENCRYPTED) from exc
        raise CorruptDocumentError(path, _DAMAGED) from exc
    if len(document) > max_pages:
        document.close()
        raise _too_many_pages(path, max_pages)
    try:
        text = "\f".join(_page_text(document[index]) for index in range(len(document)))
    except Exception as exc:  # a damaged page object fails in many ways
        raise CorruptDocumentError(
            path, f"the PDF could not be parsed ({type(exc).__name__}); export it again"
        ) from exc
    finally:
        document.close()
    # PDFium ends lines with CRLF, and joins a word hyphenated at a line end around a
    # marker (U+FFFE, U+0002 in old builds): restore the hyphen and break as pdfminer has them.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufffe", "-\n").replace("\x02", "-\n")
    return _checked(text, path)


def _page_text(page: Any) -> str:
    textpage = page.get_textpage()
    try:
        return _spaced_text(textpage)
    finally:
        textpage.close()
        page.close()


# pdfminer's LAParams: a gap between two glyphs wider than `_WORD_MARGIN` times their size
# separates two words, and one wider than `_CHAR_MARGIN` times their width two lines.
_WORD_MARGIN = 0.1
_CHAR_MARGIN = 2.0
_MARKERS = "\r\n\ufffe\x02"  # PDFium's line ends and hyphenation markers
_UNMAPPED_MARK = "\x00"  # stands for an unmapped glyph while the text is spaced
_MAP_ERROR_STRIDE = 8


def _spaced_text(textpage: Any) -> str:
    """The page's text, with words and lines separated where the glyphs' positions say.

    PDFium writes the characters in content-stream order, adding a space or a line break
    only where its own rules see one. Many PDFs place each word, or each glyph, on its own
    and leave out the spaces (or draw them as objects PDFium drops), so PDFium runs words
    together ("analyticaland", unknown to the model); and it sometimes joins the end of a
    line to the start of the next with a space, which hides a heading there from
    `find_sections`. The gaps are measured as pdfminer measures them, between the glyphs'
    advance boxes (PDFium's "loose" boxes).
    """
    import pypdfium2.raw as raw  # type: ignore[import-untyped, import-not-found, unused-ignore]

    text = str(textpage.get_text_range())
    if len(text) != textpage.count_chars():
        return text  # control characters left out: the text no longer lines up with boxes
    handle = textpage.raw
    # A glyph its font maps to no letter comes out as its raw code ("$%&'"); mark it as
    # pdfminer does, "(cid:NN)", so that it is counted and dropped, never read as text.
    # Such glyphs come in runs (a whole font lacks its map): every 8th is asked first,
    # since asking PDFium about each glyph costs a fifth of the reading time.
    has_map_error = raw.FPDFText_HasUnicodeMapError
    unmapped = []
    if any(has_map_error(handle, i) == 1 for i in range(0, len(text), _MAP_ERROR_STRIDE)):
        unmapped = [i for i in range(len(text)) if has_map_error(handle, i) == 1]
    if unmapped:
        chars = list(text)
        for index in unmapped:
            chars[index] = _UNMAPPED_MARK
        text = "".join(chars)
    box = raw.FS_RECTF()
    get_box, box_at = _loose_char_box(raw), ctypes.byref(box)
    read_box = _RECTF.unpack_from  # one call for the four fields
    parts: list[str] = []
    start = end = 0  # text[start:end] is still to write; text[end:] follows the last glyph
    left = right = bottom = top = close = 0.0
    word = False  # the last glyph is part of a word
    unplaced = True  # this glyph cannot be placed against the last one
    for index, char in enumerate(text):
        if char in _MARKERS:
            unplaced = True
            continue
        get_box(handle, index, box_at)
        x0, y1, x1, y0 = read_box(box)
        if not (x1 > x0 and y1 > y0):
            # A space PDFium generated has no box. A glyph without one (rotated text)
            # is kept, but it cannot be compared with its neighbours.
            if not char.isspace():
                end, unplaced = index + 1, True
            word = False
            continue
        # Most glyphs follow the last one closely, in the same font: nothing to measure.
        if not (unplaced or (x0 <= close and y0 == bottom and y1 == top)):
            overlap = min(y1, top) - max(y0, bottom)
            gap = x0 - right
            size = max(x1 - x0, right - left)
            if (overlap <= 0 and x1 <= left) or (overlap > 0 and gap > _CHAR_MARGIN * size):
                # On another line (wholly above or below, and back to the left), or far to
                # the right: pdfminer starts a new line there. Drop the generated space.
                parts += (text[start:end], "\n")
                start = index
            elif (
                word
                and gap > _WORD_MARGIN * max(size, y1 - y0, top - bottom)
                and overlap > min(y1 - y0, top - bottom) / 2
                and not char.isspace()
            ):
                parts += (text[start:index], " ")
                start = index
        left, right, bottom, top = x0, x1, y0, y1
        close = x1 + _WORD_MARGIN * (y1 - y0)
        word = not char.isspace()
        unplaced = False
        end = index + 1
    parts.append(text[start:])
    return "".join(parts).replace(_UNMAPPED_MARK, "(cid:0)")


_RECTF = struct.Struct("4f")  # PDFium's FS_RECTF: left, top, right, bottom


@functools.cache
def _loose_char_box(raw: Any) -> Any:
    """PDFium's ``FPDFText_GetLooseCharBox``, called without ctypes' argument checks.

    It is called for every glyph, and the checks cost as much as the call: it takes the
    text page and the box as ready-made pointers, and the glyph index as an int.
    """
    return ctypes.cast(raw.FPDFText_GetLooseCharBox, ctypes.CFUNCTYPE(ctypes.c_int))


def _checked(text: str, path: Path) -> Extracted:
    if not text.strip():
        raise NoTextError(path, _SCANNED)
    # Only (cid:NN) glyphs, page numbers and punctuation: text the fonts make unreadable.
    if _CID_RE.search(text) and not _LETTER_RE.search(_CID_RE.sub("", text)):
        raise NoTextError(path, _UNMAPPED)
    return Extracted(text=text)
