"""Every reader on real files: the samples, files made here by python-docx, and bad input."""

from __future__ import annotations

import codecs
import io
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from fit_analyzer import load_document
from fit_analyzer.documents import extract_text
from fit_analyzer.documents.pdf import pdfium_available
from fit_analyzer.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    FileAccessError,
    NoTextError,
    UnsupportedFormatError,
)
from fit_analyzer.text import tokenize

from .conftest import POSTINGS, RESUMES
from .pdf_files import pdf_from_objects

GOLDEN = Path(__file__).parent / "golden"
SAMPLE_FILES = sorted(
    p
    for p in (*RESUMES.iterdir(), *POSTINGS.iterdir())
    if p.suffix in {".txt", ".docx", ".pdf", ".html"}
)
RESUME_NAMES = sorted({p.stem for p in RESUMES.glob("*.txt")})
# Laid out in columns or a table: read in another order; tests/test_samples.py checks them.
LAID_OUT = {"ines-kariuki", "leah-whitford", "marcus-tan"}


@pytest.mark.parametrize("name", RESUME_NAMES)
def test_same_resume_in_three_formats_gives_the_same_words(name: str) -> None:
    words = {
        fmt: sorted(tokenize(extract_text(RESUMES / f"{name}.{fmt}")))
        for fmt in ("txt", "docx", "pdf")
    }
    assert words["docx"] == words["txt"]
    assert words["pdf"] == words["txt"]


@pytest.mark.parametrize("name", sorted(set(RESUME_NAMES) - LAID_OUT))
def test_same_resume_in_three_formats_gives_the_same_sections(name: str) -> None:
    sections = {
        fmt: [
            (s.name, sorted(tokenize(s.text)))
            for s in load_document(RESUMES / f"{name}.{fmt}", "resume").sections
        ]
        for fmt in ("txt", "docx", "pdf")
    }
    assert {"contact", "summary", "experience", "skills", "education"} <= {
        n for n, _ in sections["txt"]
    }
    assert sections["docx"] == sections["txt"]
    assert sections["pdf"] == sections["txt"]


# Each sample once, and each PDF once per engine: the CLI reads PDFs with PDFium when it can.
GOLDEN_CASES = [
    case
    for path in SAMPLE_FILES
    for case in (
        [
            pytest.param(path, "pdfminer", id=f"{path.name}-pdfminer"),
            pytest.param(
                path,
                "pdfium",
                id=f"{path.name}-pdfium",
                marks=pytest.mark.skipif(not pdfium_available(), reason="needs pypdfium2"),
            ),
        ]
        if path.suffix == ".pdf"
        else [pytest.param(path, None, id=path.name)]
    )
]


@pytest.mark.parametrize(("path", "engine"), GOLDEN_CASES)
def test_reader_output_matches_golden_file(
    path: Path, engine: str | None, update_golden: bool
) -> None:
    if engine is None:
        golden = GOLDEN / f"{path.parent.name}-{path.name}.txt"
    else:
        golden = GOLDEN / f"{path.parent.name}-{path.name}.{engine}.txt"
    if engine == "pdfium":  # extract_text reads PDFs with pdfminer.six only
        role = "resume" if path.parent == RESUMES else "posting"
        text = load_document(path, role, pdf_engine="pdfium").text + "\n"
    else:
        text = extract_text(path) + "\n"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file for {path.name}; run pytest --update-golden"
    assert text == golden.read_text(encoding="utf-8")


def test_html_posting_keeps_visible_text_only() -> None:
    document = load_document(POSTINGS / "frontend-developer.html", "posting")
    assert document.format == "html"
    assert document.title == "Frontend Developer"
    assert "function" not in document.text and "{" not in document.text
    assert "responsibilities" in {s.name for s in document.sections}


def test_format_is_sniffed_not_taken_from_the_suffix(tmp_path: Path) -> None:
    renamed = tmp_path / "resume.txt"
    renamed.write_bytes((RESUMES / "alex-rivera.pdf").read_bytes())
    document = load_document(renamed, "resume")
    assert document.format == "pdf"
    assert "Kubernetes" in document.text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_encodings(tmp_path: Path, encoding: str) -> None:
    source = (RESUMES / "maria-santos.txt").read_text(encoding="utf-8")
    source = source.replace("\u2014", "-").replace("\u2013", "-") + "\nCafé résumé naïve"
    path = tmp_path / "cv.txt"
    path.write_bytes(source.encode(encoding))
    if encoding == "utf-16":
        assert path.read_bytes()[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    assert load_document(path, "resume").text.endswith("Café résumé naïve")


def test_markdown_headings_and_emphasis(tmp_path: Path) -> None:
    path = tmp_path / "cv.md"
    path.write_text(
        "# Dana Cole\n\n**Data Analyst**\n\n## Experience\n\n- Built *dbt* models "
        "in [Snowflake](https://example.com) for sales reporting and forecasting\n\n"
        "## Skills\n\nSQL, Python, Tableau, Looker, statistics, dashboards, "
        "stakeholder communication, data modelling\n",
        encoding="utf-8",
    )
    document = load_document(path, "resume")
    assert document.format == "md"
    assert "*" not in document.text and "https" not in document.text
    assert [s.name for s in document.sections] == ["contact", "experience", "skills"]
    assert document.title == "Data Analyst"


def _docx_with_everything(path: Path) -> None:
    """Write a .docx with a header, footer, table and text box, as Word lays them out."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Robin Vale · robin@example.com"
    document.sections[0].footer.paragraphs[0].text = "Page footer line"
    document.add_paragraph("Warehouse Supervisor", style="Title")
    document.add_paragraph("Experience", style="Heading 1")
    paragraph = document.add_paragraph("Led a team of twelve in a cold-storage warehouse.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Forklift"
    table.cell(0, 1).text = "Certified, 6 years"
    box = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r>'
        "<w:t>Text box: OSHA 30 certified</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
        "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r>"
        "<w:t>Text box: OSHA 30 certified</w:t></w:r></w:p></w:txbxContent></v:textbox>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    paragraph._p.append(parse_xml(box))
    document.add_paragraph("Skills", style="Heading 1")
    document.add_paragraph("Inventory control, safety audits, scheduling, WMS, cycle counts")
    document.save(str(path))


def test_docx_reads_header_body_table_text_box_and_footer_in_order(tmp_path: Path) -> None:
    path = tmp_path / "cv.docx"
    _docx_with_everything(path)
    lines = [line for line in extract_text(path).splitlines() if line.strip()]
    assert lines == [
        "Robin Vale · robin@example.com",
        "Warehouse Supervisor",
        "Experience",
        "Led a team of twelve in a cold-storage warehouse.",
        "Text box: OSHA 30 certified",
        "Forklift\tCertified, 6 years",
        "Skills",
        "Inventory control, safety audits, scheduling, WMS, cycle counts",
        "Page footer line",
    ]


def _pdf_without_text() -> bytes:
    """A valid one-page PDF with a drawing and no text, like a scan without OCR."""
    stream = b"0 0 1 rg 100 100 200 200 re f"
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        ]
    )


def _zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return buffer.getvalue()


BAD_INPUTS = {
    "empty.txt": (b"", EmptyDocumentError, "the file is empty"),
    "blank.txt": (b"  \n\n ", EmptyDocumentError, "the file is empty"),
    "old.doc": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        UnsupportedFormatError,
        "legacy Word .doc",
    ),
    "junk.txt": (bytes(range(256)) * 8, UnsupportedFormatError, "binary data"),
    "truncated.pdf": (
        (RESUMES / "alex-rivera.pdf").read_bytes()[:900],
        CorruptDocumentError,
        "damaged or truncated",
    ),
    "truncated.docx": (
        (RESUMES / "alex-rivera.docx").read_bytes()[:3000],
        CorruptDocumentError,
        "damaged or truncated",
    ),
    "archive.docx": (_zip_without_document(), UnsupportedFormatError, "ZIP archive"),
    "scan.pdf": (_pdf_without_text(), NoTextError, "scanned image"),
    "numbers.txt": (b"12 34 56 78 90 " * 40, NoTextError, "almost no words"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gets_its_own_clear_error(tmp_path: Path, name: str) -> None:
    data, error, message = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as caught:
        load_document(path, "resume")
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    assert path.read_bytes() == data  # inputs are never modified


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="no such file"):
        load_document(tmp_path / "nope.pdf", "resume")
    (tmp_path / "x.pdf").mkdir()
    with pytest.raises(FileAccessError, match="is a directory"):
        load_document(tmp_path / "x.pdf", "resume")


def test_pdfium_reads_the_words_pdfminer_reads_in_real_resumes(shared_data: Path) -> None:
    # These PDFs place words by position, without space characters; PDFium's own text ran
    # 40 % of their words together ("analyticaland"), where pdfminer.six spaces them.
    pytest.importorskip("pypdfium2")
    paths = sorted((shared_data / "livecareer").rglob("*.pdf"))[::125][:10]
    shares = []
    for path in paths:
        pdfminer = Counter(tokenize(load_document(path, "resume", pdf_engine="pdfminer").text))
        pdfium = Counter(tokenize(load_document(path, "resume", pdf_engine="pdfium").text))
        shares.append(sum((pdfminer & pdfium).values()) / sum(pdfminer.values()))
    assert min(shares) > 0.9, shares
