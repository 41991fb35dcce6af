"""Hostile and broken files, made here for real: each gets its own clear error, nothing hangs."""

from __future__ import annotations

import io
import json
import os
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import fit_analyzer.cli
import fit_analyzer.isolation
from fit_analyzer.batch import load_documents
from fit_analyzer.batch import run_batch as real_run_batch
from fit_analyzer.cli import cli
from fit_analyzer.documents import Document, load_document
from fit_analyzer.errors import (
    CorruptDocumentError,
    DocumentError,
    DocumentTooLargeError,
    FileAccessError,
    ParseTimeoutError,
    UnsupportedFormatError,
)
from fit_analyzer.isolation import ParserPool
from fit_analyzer.limits import MB, Limits

from .conftest import POSTINGS, RESUMES
from .pdf_files import pdf_from_objects

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
            "unpacks to more than 1 MB; pass --max-docx-size",
        ),
        ("laughs.docx", _billion_laughs(), Limits(), CorruptDocumentError, "could not be parsed"),
        (
            "long.pdf",
            _text_pdf(3),
            Limits(max_pages=2),
            DocumentTooLargeError,
            "more than 2 pages; a resume or posting is shorter — pass --max-pages",
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
            "pass --max-chars",
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
        f"{loop}: reading took longer than 2 s and was stopped; pass --timeout to allow more"
    )
    assert isinstance(after, Document)


def test_score_stops_a_hungpdf_from_objects(tmp_path: Path) -> None:
    loop = _write(tmp_path, "loop.pdf", REFERENCE_LOOP_PDF)
    result = CliRunner().invoke(cli, ["score", str(loop), str(SRE), "--timeout", "2"])
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
    assert "needed more than 64 MB of memory" in str(result) and "--max-memory" in str(result)


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


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file whatever its mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "cv.txt", b"hello")
    path.chmod(0)
    with pytest.raises(FileAccessError, match="permission denied"):
        load_document(path, "resume")


def test_batch_with_half_the_files_broken_keeps_every_good_result(tmp_path: Path) -> None:
    folder = tmp_path / "resumes"
    folder.mkdir()
    good = []
    for sample in sorted(RESUMES.iterdir()):
        good.append(_write(folder, sample.name, sample.read_bytes()))
    broken = {
        "bomb.docx": "like a zip bomb",
        "laughs.docx": "could not be parsed",
        "loop.pdf": "reading took longer than 2 s",
        "junk.txt": "binary data",
        "empty.md": "the file is empty",
        "truncated.pdf": "damaged or truncated",
        "ring1.txt": "cannot be read",
        "ring2.txt": "cannot be read",
    }
    _write(folder, "bomb.docx", _zip_bomb())
    _write(folder, "laughs.docx", _billion_laughs())
    _write(folder, "loop.pdf", REFERENCE_LOOP_PDF)
    _write(folder, "junk.txt", os.urandom(2048))
    _write(folder, "empty.md", b"")
    _write(folder, "truncated.pdf", (RESUMES / "alex-rivera.pdf").read_bytes()[:900])
    (folder / "ring1.txt").symlink_to(folder / "ring2.txt")
    (folder / "ring2.txt").symlink_to(folder / "ring1.txt")
    (folder / "x.pdf").mkdir()  # a folder named like a file is searched, not read
    (folder / "self").symlink_to(folder)  # a link loop the walk must not follow
    files = [p for p in folder.iterdir() if p.is_file()]
    before = _fingerprint(files)
    result = CliRunner().invoke(
        cli, ["batch", str(folder), str(SRE), "-f", "jsonl", "--timeout", "2", "-j", "3"]
    )
    assert result.exit_code == 3, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    errors = {Path(r["path"]).name: r["error"]["message"] for r in records if "error" in r}
    assert errors.keys() == broken.keys()
    for name, words in broken.items():
        assert words in errors[name], name
    scored = sorted(r["resume"]["path"] for r in records if "error" not in r)
    assert scored == sorted(str(p) for p in good)
    assert result.stderr.count("Skipped resume: ") == len(broken)
    assert _fingerprint(files) == before


def test_limit_options_reach_the_readers(tmp_path: Path) -> None:
    path = _write(tmp_path, "long.pdf", _text_pdf(3))
    runner = CliRunner()
    result = runner.invoke(cli, ["score", str(path), str(SRE), "--max-pages", "2"])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {path}: more than 2 pages; a resume or posting is shorter "
        "— pass --max-pages to read more\n",
    )
    result = runner.invoke(cli, ["batch", str(path), str(SRE), "-f", "jsonl", "--max-pages", "3"])
    assert result.exit_code == 0 and json.loads(result.stdout)["resume"]["path"] == str(path)
    result = runner.invoke(cli, ["score", str(path), str(SRE), "--timeout", "0"])
    assert result.exit_code == 2 and "--timeout" in result.stderr


def _interrupted_batch(*args: object, **kwargs: object) -> Iterator[dict[str, object]]:
    """The real batch, with Ctrl-C pressed after its first record."""
    yield next(iter(real_run_batch(*args, **kwargs)))
    raise KeyboardInterrupt


def test_ctrl_c_exits_130_and_keeps_the_finished_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fit_analyzer.cli, "run_batch", _interrupted_batch)
    result = CliRunner().invoke(
        cli, ["batch", str(RESUMES / "alex-rivera.txt"), str(POSTINGS), "--format", "jsonl"]
    )
    assert result.exit_code == 130
    assert result.stderr == "Interrupted.\n"
    [line] = result.stdout.splitlines()
    assert json.loads(line)["rank"] == 1


def test_ctrl_c_leaves_no_half_written_output_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(fit_analyzer.cli, "run_batch", _interrupted_batch)
    target = tmp_path / "ranking.csv"
    result = CliRunner().invoke(
        cli, ["batch", str(RESUMES / "alex-rivera.txt"), str(POSTINGS), "--output", str(target)]
    )
    assert result.exit_code == 130
    assert list(tmp_path.iterdir()) == []  # neither the report nor its temporary file
