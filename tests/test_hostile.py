"""Hostile and broken files, made here for real: each gets its own clear error, nothing hangs."""

from __future__ import annotations

import io
import json
import os
import struct
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pdfminer.high_level
import pytest
from docx.oxml import OxmlElement

import fit_analyzer.api
import fit_analyzer.cli
import fit_analyzer.isolation
from fit_analyzer.batch import load_documents
from fit_analyzer.batch import run_batch as real_run_batch
from fit_analyzer.documents import Document, load_document
from fit_analyzer.documents.pdf import pdfium_available
from fit_analyzer.errors import (
    CorruptDocumentError,
    DocumentError,
    DocumentTooLargeError,
    EncryptedDocumentError,
    FileAccessError,
    NoTextError,
    ParseTimeoutError,
    UnsupportedFormatError,
)
from fit_analyzer.isolation import ParserPool
from fit_analyzer.limits import MB, Limits

from .conftest import POSTINGS, RESUMES, run_cli
from .pdf_files import (
    encrypted_pdf,
    image_only_pdf,
    pdf_from_objects,
    text_page_objects,
    two_column_page_objects,
)

ALEX_DOCX = RESUMES / "alex-rivera.docx"
SRE = POSTINGS / "site-reliability-engineer.txt"


def _docx_with(replace: dict[str, bytes], extra: int = 0) -> bytes:
    """The sample .docx with some parts replaced or added, and ``extra`` empty parts."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(ALEX_DOCX) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            if member.filename not in replace:
                target.writestr(member, source.read(member))
        for name, data in replace.items():
            target.writestr(name, data)
        for number in range(extra):
            target.writestr(f"customXml/extra{number}.xml", b"")
    return out.getvalue()


def _zip_bomb() -> bytes:
    """A .docx whose document.xml inflates 40 MB of zeros, streamed so the test stays fast."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * MB
            for _ in range(40):
                member.write(chunk)
    return out.getvalue()


def _docx_with_broken_deflate() -> bytes:
    """The sample .docx with the compressed bytes of its document.xml overwritten."""
    data = bytearray(ALEX_DOCX.read_bytes())
    with zipfile.ZipFile(ALEX_DOCX) as archive:
        offset = archive.getinfo("word/document.xml").header_offset
    name_length, extra_length = struct.unpack_from("<HH", data, offset + 26)
    start = offset + 30 + name_length + extra_length
    data[start : start + 8] = b"\xff" * 8  # not a valid deflate block
    return bytes(data)


def _billion_laughs() -> bytes:
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _docx_with({"word/document.xml": xml.encode()})


def _text_pdf(pages: int) -> bytes:
    """A PDF of ``pages`` pages, each with a line of real words."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for n in range(pages):
        text = b"BT /F1 12 Tf 72 720 Td (Page %d: Python developer with Kubernetes skills) Tj ET"
        stream = text % (n + 1)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * n)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    return pdf_from_objects(objects)


# The page tree's child refers to an object that refers back: pdfminer resolves it forever.
REFERENCE_LOOP_PDF = pdf_from_objects([b"<< /Type /Catalog /Pages 2 0 R >>", b"3 0 R", b"2 0 R"])
NURSE_LINES = [
    b"Registered Nurse",
    b"Experience",
    b"Intensive care unit nurse at a 30-bed trauma center since 2016",
    b"Titrated vasoactive drips and managed ventilated patients",
    b"Skills",
    b"ACLS, BLS, CRRT, telemetry, patient education",
]
# Needs its password to be opened at all, as a resume sent "protected" often does.
LOCKED_PDF = encrypted_pdf(
    text_page_objects(NURSE_LINES), user_password=b"s3cret", owner_password=b"owner"
)
# Opens without a password; its owner forbade printing, copying and changes.
RESTRICTED_PDF = encrypted_pdf(
    text_page_objects(NURSE_LINES), user_password=b"", owner_password=b"owner"
)
# Every glyph in a font that gives no letters (pdfminer's "(cid:NN)"), and a page number.
GLYPH_SOUP_PDF = pdf_from_objects(text_page_objects([b"1"], unmapped_glyphs=300))
ENGINES = [
    "pdfminer",
    pytest.param(
        "pdfium", marks=pytest.mark.skipif(not pdfium_available(), reason="needs pypdfium2")
    ),
]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _fingerprint(paths: list[Path]) -> list[tuple[bytes, int]]:
    return [(p.read_bytes(), p.stat().st_mtime_ns) for p in paths]


@pytest.mark.parametrize(
    ("name", "data", "limits", "error", "words"),
    [
        ("bomb.docx", _zip_bomb(), Limits(), DocumentTooLargeError, "like a zip bomb"),
        (
            "parts.docx",
            _docx_with({}, extra=1000),
            Limits(),
            DocumentTooLargeError,
            "more than 1000 parts",
        ),
        (
            "photos.docx",
            _docx_with({"word/media/photo.png": os.urandom(2 * MB)}),
            Limits(max_docx_uncompressed_bytes=1 * MB),
            DocumentTooLargeError,
            "unpacks to more than 1 MB; raise Limits.max_docx_uncompressed_bytes",
        ),
        ("laughs.docx", _billion_laughs(), Limits(), CorruptDocumentError, "could not be parsed"),
        (
            "inflate.docx",
            _docx_with_broken_deflate(),
            Limits(),
            CorruptDocumentError,
            "the .docx is damaged or incomplete; open and re-save it",
        ),
        (
            "long.pdf",
            _text_pdf(3),
            Limits(max_pages=2),
            DocumentTooLargeError,
            "more than 2 pages; a resume or posting is shorter — raise Limits.max_pages",
        ),
        (
            "big.txt",
            b"word " * 300_000,
            Limits(max_file_bytes=1 * MB),
            DocumentTooLargeError,
            "larger than 1 MB",
        ),
        (
            "long.txt",
            b"word " * 30_000,
            Limits(max_text_chars=100_000),
            DocumentTooLargeError,
            "raise Limits.max_text_chars",
        ),
        ("junk.txt", os.urandom(4096), Limits(), UnsupportedFormatError, "binary data"),
    ],
    ids=lambda value: value if isinstance(value, str) and "." in value[-5:] else "-",
)
def test_hostile_file_gets_its_own_clear_error(
    tmp_path: Path, name: str, data: bytes, limits: Limits, error: type, words: str
) -> None:
    path = _write(tmp_path, name, data)
    before = _fingerprint([path])
    started = time.monotonic()
    with pytest.raises(error) as caught:
        load_document(path, "resume", limits=limits)
    assert time.monotonic() - started < 5
    assert str(caught.value).startswith(f"{path}: ") and words in str(caught.value)
    assert "\n" not in str(caught.value)
    assert _fingerprint([path]) == before


def test_pages_up_to_the_cap_are_read(tmp_path: Path) -> None:
    path = _write(tmp_path, "two.pdf", _text_pdf(2))
    assert "Page 2" in load_document(path, "resume", limits=Limits(max_pages=2)).text


def test_pdfium_also_caps_pages(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    path = _write(tmp_path, "long.pdf", _text_pdf(3))
    with pytest.raises(DocumentTooLargeError, match="more than 2 pages"):
        load_document(path, "resume", pdf_engine="pdfium", limits=Limits(max_pages=2))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "locked.pdf",
            LOCKED_PDF,
            "the PDF is password-protected; save an unprotected copy and try again",
        ),
        (
            "scan.pdf",
            image_only_pdf(),
            "no extractable text, the PDF looks like a scanned image; "
            "export a text PDF or run OCR first",
        ),
    ],
    ids=["encrypted", "image-only"],
)
def test_unreadable_pdf_gets_one_line_naming_the_file_and_the_remedy(
    tmp_path: Path, engine: str, name: str, data: bytes, message: str
) -> None:
    path = _write(tmp_path, name, data)
    result = run_cli("score", str(path), str(SRE), "--pdf-engine", engine)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"Error: {path}: {message}\n",
    )
    assert path.read_bytes() == data


def test_the_locked_pdf_is_real_and_opens_with_its_password() -> None:
    # So that the test above sees a refused password, not a file broken some other way.
    text = pdfminer.high_level.extract_text(io.BytesIO(LOCKED_PDF), password="s3cret")
    assert "Intensive care unit nurse" in text


@pytest.mark.parametrize("engine", ENGINES)
def test_pdf_protected_against_copying_is_still_read(tmp_path: Path, engine: str) -> None:
    path = _write(tmp_path, "restricted.pdf", RESTRICTED_PDF)
    document = load_document(path, "resume", pdf_engine=engine)
    assert "Titrated vasoactive drips" in document.text
    assert [s.name for s in document.sections][-2:] == ["experience", "skills"]


@pytest.mark.parametrize("engine", ENGINES)
def test_pdf_whose_fonts_hide_every_letter_says_so(tmp_path: Path, engine: str) -> None:
    path = _write(tmp_path, "soup.pdf", GLYPH_SOUP_PDF)
    with pytest.raises(NoTextError) as caught:
        load_document(path, "resume", pdf_engine=engine)
    assert str(caught.value) == (
        f"{path}: no readable text, the PDF's fonts do not map its glyphs to letters; "
        "export it again from the original document, or run OCR first"
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_pdf_with_some_unmapped_glyphs_is_scored_with_a_diagnostic(
    tmp_path: Path, engine: str
) -> None:
    soup = pdf_from_objects(text_page_objects(NURSE_LINES, unmapped_glyphs=120))
    path = _write(tmp_path, "partly.pdf", soup)
    nurse = str(POSTINGS / "icu-registered-nurse.txt")
    result = run_cli("score", str(path), nurse, "--format", "json", "--pdf-engine", engine)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert "(cid:" not in json.dumps(report)
    assert (
        "resume: 120 glyphs could not be mapped to letters; the PDF's fonts hide part of its "
        "text, so the scores are less reliable" in report["diagnostics"]
    )
    assert "acls" in {term["term"] for term in report["matched"]}


def test_two_column_pdf_is_read_column_by_column_with_a_warning(tmp_path: Path) -> None:
    work = [
        b"Experience",
        *(b"Ran CNC lathes and mills on shift %d of the plant" % n for n in range(9)),
    ]
    skills = [b"Skills", *(b"G-code, blueprints and micrometers, set %d" % n for n in range(9))]
    two_columns = _write(
        tmp_path, "columns.pdf", pdf_from_objects(two_column_page_objects(work, skills))
    )
    one_column = _write(tmp_path, "column.pdf", pdf_from_objects(text_page_objects(work + skills)))
    warning = (
        "page 1 is laid out in two columns, read one after the other; check that the "
        "sections found look right (a one-column export reads most reliably)"
    )
    read = load_document(two_columns, "resume", pdf_engine="pdfminer")
    assert warning in read.warnings
    # The whole left column, then the right: no work line lands under "Skills".
    assert [s.name for s in read.sections if s.heading] == ["experience", "skills"]
    experience = next(s for s in read.sections if s.name == "experience")
    assert experience.text.count("Ran CNC lathes") == 9
    assert not any("columns" in w for w in load_document(one_column, "resume").warnings)
    machinist = str(POSTINGS / "cnc-machinist.txt")
    # pdfminer.six's layout shows the columns (PDFium reads in drawing order, and gives none).
    result = run_cli("score", str(two_columns), machinist, "-f", "json", "--pdf-engine", "pdfminer")
    assert result.exit_code == 0, result.stderr
    assert f"resume: {warning}" in json.loads(result.stdout)["diagnostics"]


def _docx_with_merged_cells(path: Path) -> None:
    """A .docx whose table has a vertical merge, and a stray one in its first row."""
    document = docx.Document()
    document.add_paragraph("Experience", style="Heading 1")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Forklift certified"
    table.cell(0, 1).text = "Warehouse lead"
    table.cell(1, 0).text = "Acme Logistics"
    table.cell(1, 1).text = "Led a team of twelve"
    table.cell(2, 1).text = "Cut picking errors by half"
    table.cell(1, 0).merge(table.cell(2, 0))  # Acme spans two rows
    # A vMerge "continue" with no cell above, as other editors write: Word and LibreOffice
    # open it, python-docx's row.cells raises.
    table.cell(0, 1)._tc.get_or_add_tcPr().append(OxmlElement("w:vMerge"))
    document.add_paragraph("Skills", style="Heading 1")
    document.add_paragraph("Inventory control, safety audits, scheduling, WMS")
    document.save(str(path))


def test_docx_table_merges_are_read_once_and_never_refuse_the_file(tmp_path: Path) -> None:
    path = tmp_path / "merged.docx"
    _docx_with_merged_cells(path)
    text = load_document(path, "resume").text
    assert text.splitlines()[1:4] == [
        "Forklift certified\tWarehouse lead",
        "Acme Logistics\tLed a team of twelve",
        "Cut picking errors by half",
    ]


def _load(paths: list[Path], limits: Limits, jobs: int = 1) -> list[Document | DocumentError]:
    return [r for r, _ in load_documents(paths, "resume", jobs=jobs, limits=limits)]


def test_reference_loop_is_stopped_by_the_timeout_and_the_worker_replaced(
    tmp_path: Path,
) -> None:
    loop = _write(tmp_path, "loop.pdf", REFERENCE_LOOP_PDF)
    started = time.monotonic()
    hung, after = _load([loop, RESUMES / "alex-rivera.txt"], Limits(seconds_per_file=2))
    assert 2 <= time.monotonic() - started < 10
    assert isinstance(hung, ParseTimeoutError) and hung.kind == "timeout"
    assert str(hung) == (
        f"{loop}: reading took longer than 2 s and was stopped; "
        "raise Limits.seconds_per_file to allow more"
    )
    assert isinstance(after, Document)


def test_a_started_pool_has_all_its_workers_and_reads_with_them() -> None:
    # `serve` starts its workers before its threads.
    with ParserPool(2, Limits()) as pool:
        pool.start()
        assert pool.full
        paths = [RESUMES / "alex-rivera.txt", RESUMES / "alex-rivera.txt"]
        results = [r for r, _ in load_documents(paths, "resume", pool=pool)]
    assert all(isinstance(r, Document) for r in results)


def test_pdfium_does_not_call_a_damaged_pdf_read_after_an_encrypted_one_encrypted(
    tmp_path: Path,
) -> None:
    # PDFium's last error outlives the file it was about.
    pytest.importorskip("pypdfium2")
    locked = _write(tmp_path, "locked.pdf", LOCKED_PDF)
    loop = _write(tmp_path, "loop.pdf", REFERENCE_LOOP_PDF)
    with pytest.raises(EncryptedDocumentError):
        load_document(locked, "resume", pdf_engine="pdfium")
    with pytest.raises(CorruptDocumentError, match="damaged or truncated"):
        load_document(loop, "resume", pdf_engine="pdfium")


def test_score_stops_a_hung_pdf(tmp_path: Path) -> None:
    loop = _write(tmp_path, "loop.pdf", REFERENCE_LOOP_PDF)
    # pdfminer.six follows the loop forever; PDFium reports the file damaged at once.
    result = run_cli("score", str(loop), str(SRE), "--timeout", "2", "--pdf-engine", "pdfminer")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {loop}: reading took longer than 2 s and was stopped; "
        "pass --timeout to allow more\n"
    )


def test_a_parse_over_the_memory_cap_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def greedy(*args: object, **options: object) -> Document:
        hoard = bytearray(512 * MB)
        raise AssertionError(f"allocated {len(hoard)} bytes past the cap")

    monkeypatch.setattr(fit_analyzer.isolation, "document_from_bytes", greedy)
    [result] = _load([RESUMES / "alex-rivera.txt"], Limits(memory_bytes=64 * MB))
    assert isinstance(result, DocumentTooLargeError)
    assert "needed more than 64 MB of memory" in str(result)
    assert "Limits.memory_bytes" in str(result)


def test_a_crashing_worker_is_one_error_and_the_rest_go_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = fit_analyzer.isolation.document_from_bytes

    def crash_on_alex(data: bytes, path: Path, role: str, **options: object) -> Document:
        if "alex" in str(path):
            os._exit(9)
        return real(data, path, role, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(fit_analyzer.isolation, "document_from_bytes", crash_on_alex)
    paths = sorted(RESUMES.glob("*.txt"))
    results = _load(paths, Limits(), jobs=2)
    for path, result in zip(paths, results, strict=True):
        if "alex" in path.name:
            assert isinstance(result, CorruptDocumentError)
            assert "the reader crashed on this file (exit code 9)" in str(result)
        else:
            assert isinstance(result, Document) and result.path == str(path)


def test_pool_keeps_order_with_many_jobs() -> None:
    paths = sorted(RESUMES.iterdir()) * 3
    with ParserPool(3, Limits()) as pool:
        results = [r for r, _ in load_documents(paths, "resume", pool=pool)]
    assert [r.path for r in results if isinstance(r, Document)] == [str(p) for p in paths]


def test_special_files(tmp_path: Path) -> None:
    fifo = tmp_path / "posting.txt"
    os.mkfifo(fifo)
    with pytest.raises(FileAccessError, match="not a regular file"):
        load_document(fifo, "posting")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(FileAccessError, match="cannot be read"):
        load_document(tmp_path / "a.txt", "resume")


# A kernel setting that may only be written: the kernel refuses to open it for reading, even
# to root, whom a file's mode does not stop.
WRITE_ONLY_SYSCTL = Path("/proc/sys/vm/drop_caches")


def _unreadable(folder: Path, name: str) -> Path:
    """A file in ``folder`` whose opening for reading is refused, whoever runs the tests."""
    path = folder / name
    if os.geteuid() != 0:
        path.write_bytes((RESUMES / "alex-rivera.txt").read_bytes())
        path.chmod(0)
    elif WRITE_ONLY_SYSCTL.is_file():
        path.symlink_to(WRITE_ONLY_SYSCTL)
    else:
        pytest.skip(f"running as root, and {WRITE_ONLY_SYSCTL} is not there to refuse a read")
    with pytest.raises(PermissionError):
        path.open("rb").close()
    return path


def test_unreadable_file(tmp_path: Path) -> None:
    folder = tmp_path / "resumes"
    folder.mkdir()
    path = _unreadable(folder, "cv.txt")
    with pytest.raises(FileAccessError, match="permission denied") as caught:
        load_document(path, "resume")
    assert str(caught.value).startswith(f"{path}: ") and "\n" not in str(caught.value)
    # In a batch, it is skipped with one line naming it, and the other files are scored.
    good = _write(folder, "good.txt", (RESUMES / "alex-rivera.txt").read_bytes())
    result = run_cli("batch", folder, SRE, "-f", "jsonl")
    assert result.exit_code == 3, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["resume"]["path"] for r in records if "error" not in r] == [str(good)]
    [error] = [r for r in records if "error" in r]
    assert (error["path"], error["error"]["kind"]) == (str(path), "file_access")
    assert error["error"]["message"] in str(caught.value)
    skipped = [line for line in result.stderr.splitlines() if line.startswith("Skipped")]
    assert skipped == [f"Skipped resume: {caught.value}"]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("engine", ENGINES)
def test_batch_with_half_the_files_broken_keeps_every_good_result(
    tmp_path: Path, engine: str
) -> None:
    folder = tmp_path / "resumes"
    folder.mkdir()
    good = []
    for sample in sorted(RESUMES.iterdir()):
        good.append(_write(folder, sample.name, sample.read_bytes()))
    broken = {
        "bomb.docx": "like a zip bomb",
        "laughs.docx": "could not be parsed",
        # pdfminer.six follows the loop until stopped; PDFium sees the damage.
        "loop.pdf": {"pdfminer": "reading took longer than 2 s", "pdfium": "damaged"}[engine],
        "junk.txt": "binary data",
        "empty.md": "the file is empty",
        "truncated.pdf": "damaged or truncated",
        "locked.pdf": "password-protected",
        "scan.pdf": "scanned image",
        "ring1.txt": "cannot be read",
        "ring2.txt": "cannot be read",
    }
    _write(folder, "bomb.docx", _zip_bomb())
    _write(folder, "laughs.docx", _billion_laughs())
    _write(folder, "loop.pdf", REFERENCE_LOOP_PDF)
    _write(folder, "junk.txt", os.urandom(2048))
    _write(folder, "empty.md", b"")
    _write(folder, "truncated.pdf", (RESUMES / "alex-rivera.pdf").read_bytes()[:900])
    _write(folder, "locked.pdf", LOCKED_PDF)
    _write(folder, "scan.pdf", image_only_pdf())
    (folder / "ring1.txt").symlink_to(folder / "ring2.txt")
    (folder / "ring2.txt").symlink_to(folder / "ring1.txt")
    (folder / "x.pdf").mkdir()  # a folder named like a file is searched, not read
    (folder / "self").symlink_to(folder)  # a link loop the walk must not follow
    files = [p for p in folder.iterdir() if p.is_file()]
    before = _fingerprint(files)
    options = ["-f", "jsonl", "--timeout", "2", "-j", "3", "--pdf-engine", engine]
    result = run_cli("batch", str(folder), str(SRE), *options)
    assert result.exit_code == 3, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    errors = {Path(r["path"]).name: r["error"]["message"] for r in records if "error" in r}
    assert errors.keys() == broken.keys()
    for name, words in broken.items():
        assert words in errors[name], name
    kinds = {Path(r["path"]).name: r["error"]["kind"] for r in records if "error" in r}
    assert (kinds["locked.pdf"], kinds["scan.pdf"]) == ("encrypted", "no_text")
    scored = sorted(r["resume"]["path"] for r in records if "error" not in r)
    assert scored == sorted(str(p) for p in good)
    assert result.stderr.count("Skipped resume: ") == len(broken)
    assert _fingerprint(files) == before


def test_limit_options_reach_the_readers(tmp_path: Path) -> None:
    path = _write(tmp_path, "long.pdf", _text_pdf(3))
    result = run_cli("score", str(path), str(SRE), "--max-pages", "2")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {path}: more than 2 pages; a resume or posting is shorter "
        "— pass --max-pages to read more\n",
    )
    result = run_cli("batch", str(path), str(SRE), "-f", "jsonl", "--max-pages", "3")
    assert result.exit_code == 0 and json.loads(result.stdout)["resume"]["path"] == str(path)
    result = run_cli("score", str(path), str(SRE), "--timeout", "0")
    assert result.exit_code == 2 and "--timeout" in result.stderr


def _interrupted_batch(*args: object, **kwargs: object) -> Iterator[object]:
    """The real batch, with Ctrl-C pressed after its first result."""
    yield next(iter(real_run_batch(*args, **kwargs)))
    raise KeyboardInterrupt


def test_ctrl_c_exits_130_and_keeps_the_finished_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fit_analyzer.api, "run_batch", _interrupted_batch)
    result = run_cli("batch", str(RESUMES / "alex-rivera.txt"), str(POSTINGS), "--format", "jsonl")
    assert result.exit_code == 130
    assert result.stderr == "Interrupted.\n"
    [line] = result.stdout.splitlines()
    assert json.loads(line)["rank"] == 1


def test_ctrl_c_leaves_no_half_written_output_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(fit_analyzer.api, "run_batch", _interrupted_batch)
    target = tmp_path / "ranking.csv"
    result = run_cli(
        "batch", str(RESUMES / "alex-rivera.txt"), str(POSTINGS), "--output", str(target)
    )
    assert result.exit_code == 130
    assert list(tmp_path.iterdir()) == []  # neither the report nor its temporary file
