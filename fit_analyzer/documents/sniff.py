"""Decide a file's format from its bytes, and decode plain text whatever its encoding."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import Path

from ..errors import CorruptDocumentError, UnsupportedFormatError

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
SUPPORTED_SUFFIXES = frozenset({".pdf", ".docx", ".html", ".htm", *TEXT_SUFFIXES})

# Control characters other than tab, newline, carriage return and form feed: binary data.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_HTML_START_RE = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Formats people often send by mistake, with what to do instead.
_KNOWN_OTHER_FORMATS = (
    (b"\xd0\xcf\x11\xe0", "a legacy Word .doc file; save it as .docx or PDF and try again"),
    (b"{\\rtf", "an RTF file; save it as .docx, PDF or plain text and try again"),
    (b"\x89PNG", "a PNG image; export the document as text, .docx or a text PDF"),
    (b"\xff\xd8\xff", "a JPEG image; export the document as text, .docx or a text PDF"),
    (b"GIF8", "a GIF image; export the document as text, .docx or a text PDF"),
)


def sniff_format(data: bytes, path: Path) -> str:
    """Return ``"pdf"``, ``"docx"``, ``"html"``, ``"md"`` or ``"txt"`` for the file's bytes.

    The suffix is only used to tell Markdown from plain text; everything else comes from
    the content, so a PDF saved as ``cv.txt`` is still read as a PDF.
    """
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data, path)
    for magic, what in _KNOWN_OTHER_FORMATS:
        if data.startswith(magic):
            raise UnsupportedFormatError(path, f"this is {what}")
    text_head = decode_text(data[:4096], path, partial=True)
    if _HTML_START_RE.match(text_head.encode("utf-8", "replace")):
        return "html"
    return TEXT_SUFFIXES.get(path.suffix.lower(), "txt")


def _sniff_zip(data: bytes, path: Path) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    # A damaged directory can also claim a ZIP version that does not exist.
    except (zipfile.BadZipFile, ValueError, NotImplementedError) as exc:
        raise CorruptDocumentError(
            path,
            "the file looks like a .docx (ZIP) but is damaged or truncated; "
            "open and re-save it in your word processor",
        ) from exc
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise UnsupportedFormatError(path, "this is an OpenDocument file; save it as .docx or PDF")
    raise UnsupportedFormatError(path, "this is a ZIP archive, not a .docx document")


def decode_text(data: bytes, path: Path, *, partial: bool = False) -> str:
    """Decode ``data`` as text: a BOM if present, else UTF-8, else Windows-1252.

    Raises `UnsupportedFormatError` when the bytes are binary rather than text. With
    ``partial`` the data may end in the middle of a character.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data:
        raise UnsupportedFormatError(
            path, "this is binary data, not text; use a .pdf, .docx, .txt, .md or .html file"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if partial and exc.start >= len(data) - 3:
            text = data[: exc.start].decode("utf-8")
        else:
            # Legacy 8-bit text (Windows editors); latin-1 covers the 5 bytes cp1252 lacks.
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    controls = len(_CONTROL_RE.findall(text))
    if controls > max(8, len(text) // 100):
        raise UnsupportedFormatError(
            path, "this is binary data, not text; use a .pdf, .docx, .txt, .md or .html file"
        )
    return text
