"""Render the hand-written sample documents in ``corpora/samples`` to .docx and .pdf.

Every resume ``resumes/NAME.txt`` becomes ``NAME.docx``, laid out the way a person
would in Word: name and contact line in the page header, headline as the title,
``Heading 1`` section headings, ``List Bullet`` bullets, the skills as a two-column
table and a closing line in the footer. LibreOffice then turns each .docx into
``NAME.pdf``. The posting ``postings/cnc-machinist.txt`` gets the same treatment, so
postings exist as .txt, .html, .docx and .pdf. The .txt files are the sources; the
other formats carry the same words.

Usage: ``python scripts/make_samples.py [--samples DIR]`` (needs ``soffice`` on PATH).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from docx.styles.style import ParagraphStyle

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLES = REPO_ROOT / "corpora" / "samples"
POSTINGS_TO_RENDER = ("cnc-machinist",)

# Lines that start a section, compared case-insensitively with the whole line.
HEADINGS = frozenset(
    h.casefold()
    for h in (
        "Summary",
        "Experience",
        "Projects",
        "Skills",
        "Education",
        "Certifications",
        "What you'll do",
        "What you bring",
        "Bonus points",
        "Benefits",
    )
)
# A resume .txt that ends with this line gets it in the page footer instead of the body.
FOOTER_LINE = "References available on request"
BULLET_PREFIX = "- "
CATEGORY_LINE = re.compile(r"^(?P<category>[A-Z][\w &/()-]{0,30}):\s+(?P<items>\S.*)$")
# A job line: "<title> <em dash> <company>, <years>", shown in bold.
JOB_LINE = re.compile(r"\s—\s.*\d{4}")

# Installed alongside LibreOffice on most Linux systems, so the PDF layout is stable.
FONT = "DejaVu Sans"
FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)
SOFFICE_TIMEOUT_SECONDS = 180


@dataclass
class Section:
    """A heading and the non-blank lines under it."""

    heading: str
    lines: list[str] = field(default_factory=list)


@dataclass
class Source:
    """A parsed .txt sample: lines before the first heading, sections, footer."""

    preamble: list[str]
    sections: list[Section]
    footer: str | None = None


def parse_source(text: str) -> Source:
    """Split a sample's text into preamble, sections and an optional footer line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    footer = None
    if lines and lines[-1] == FOOTER_LINE:
        footer = lines.pop()
    preamble: list[str] = []
    sections: list[Section] = []
    for line in lines:
        if line.casefold() in HEADINGS:
            sections.append(Section(line))
        elif sections:
            sections[-1].lines.append(line)
        else:
            preamble.append(line)
    return Source(preamble, sections, footer)


def skill_rows(lines: Sequence[str]) -> list[tuple[str, str]] | None:
    """Return (category, items) pairs when every line looks like "Category: items"."""
    matches = [CATEGORY_LINE.match(line) for line in lines]
    if not matches or not all(matches):
        return None
    return [(m["category"], m["items"]) for m in matches if m]


def _use_font(style: ParagraphStyle, size: float | None = None) -> None:
    """Give ``style`` the fixed font, dropping theme fonts that would override it."""
    style.font.name = FONT
    r_fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
    if r_fonts is not None:
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            r_fonts.attrib.pop(qn(attr), None)
    if size is not None:
        style.font.size = Pt(size)


def new_document(title: str) -> DocxDocument:
    """Return an empty document with compact margins, fixed fonts and fixed metadata."""
    document = Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Inches(0.8)
    section.top_margin = section.bottom_margin = Inches(0.7)
    section.header_distance = section.footer_distance = Inches(0.35)
    styles = document.styles
    _use_font(styles["Normal"], 9.5)
    _use_font(styles["Title"], 18)
    _use_font(styles["Subtitle"], 11)
    _use_font(styles["Heading 1"], 12)
    styles["Heading 1"].paragraph_format.space_before = Pt(8)
    styles["Heading 1"].paragraph_format.space_after = Pt(2)
    styles["Normal"].paragraph_format.space_after = Pt(2)
    styles["Title"].paragraph_format.space_after = Pt(4)
    properties = document.core_properties
    properties.title = title
    properties.author = "fit-analyzer samples"
    properties.created = properties.modified = FIXED_DATE
    properties.last_modified_by = "fit-analyzer samples"
    properties.revision = 1
    return document


def add_page_header(document: DocxDocument, name: str, contact: str) -> None:
    """Put the name (large, bold) and the contact line in the page header."""
    header = document.sections[0].header
    name_paragraph = header.paragraphs[0]
    name_run = name_paragraph.add_run(name)
    name_run.bold = True
    name_run.font.size = Pt(16)
    contact_paragraph = header.add_paragraph(contact)
    for paragraph in (name_paragraph, contact_paragraph):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def add_page_footer(document: DocxDocument, text: str) -> None:
    """Put a small centred line in the page footer."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.italic = True
    run.font.size = Pt(8.5)


def add_skills_table(document: DocxDocument, rows: Iterable[tuple[str, str]]) -> None:
    """Add a borderless two-column table: bold category left, items right."""
    rows = list(rows)
    table = document.add_table(rows=len(rows), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    widths = (Inches(1.4), Inches(5.4))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # LibreOffice reads the grid, Word reads the cells
    for row, (category, items) in zip(table.rows, rows, strict=True):
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
        row.cells[0].paragraphs[0].add_run(category).bold = True
        row.cells[1].paragraphs[0].add_run(items)


def add_line(document: DocxDocument, line: str) -> None:
    """Add one body line: a bullet, a bold job line or a plain paragraph."""
    if line.startswith(BULLET_PREFIX):
        document.add_paragraph(line.removeprefix(BULLET_PREFIX), style="List Bullet")
    elif JOB_LINE.search(line):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(4)
        paragraph.add_run(line).bold = True
    else:
        document.add_paragraph(line)


def add_sections(document: DocxDocument, sections: Iterable[Section]) -> None:
    """Add every section as a ``Heading 1`` followed by its lines."""
    for section in sections:
        document.add_heading(section.heading, level=1)
        rows = skill_rows(section.lines) if section.heading.casefold() == "skills" else None
        if rows:
            add_skills_table(document, rows)
            continue
        for line in section.lines:
            add_line(document, line)


def build_resume(source: Source) -> DocxDocument:
    """Lay out a resume: name and contact in the header, headline as the title."""
    if len(source.preamble) < 3:
        raise ValueError("a resume needs a name line, a contact line and a headline line")
    name, contact, headline, *rest = source.preamble
    document = new_document(f"{name} - Resume")
    add_page_header(document, name, contact)
    document.add_paragraph(headline, style="Title")
    for line in rest:
        document.add_paragraph(line)
    add_sections(document, source.sections)
    if source.footer:
        add_page_footer(document, source.footer)
    return document


def build_posting(source: Source) -> DocxDocument:
    """Lay out a posting: job title as the title, the next line as the subtitle."""
    if len(source.preamble) < 2:
        raise ValueError("a posting needs a job-title line and a company line")
    title, company, *rest = source.preamble
    document = new_document(title)
    document.add_paragraph(title, style="Title")
    document.add_paragraph(company, style="Subtitle")
    for line in rest:
        document.add_paragraph(line)
    add_sections(document, source.sections)
    if source.footer:
        add_page_footer(document, source.footer)
    return document


def find_soffice() -> str:
    """Return the path of LibreOffice's ``soffice`` or exit with an explanation."""
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        sys.exit(
            "make_samples: LibreOffice's 'soffice' was not found on PATH; it is "
            "needed to convert .docx to .pdf. Install LibreOffice (e.g. apt-get "
            "install libreoffice-writer) and run again."
        )
    return path


def convert_to_pdf(soffice: str, docx_files: Sequence[Path]) -> None:
    """Convert each .docx to a .pdf beside it with headless LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="make-samples-lo-") as profile:
        for docx_file in docx_files:
            command = [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(docx_file.parent),
                str(docx_file),
            ]
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=SOFFICE_TIMEOUT_SECONDS,
                check=False,
            )
            pdf_file = docx_file.with_suffix(".pdf")
            if result.returncode != 0 or not pdf_file.is_file():
                output = (result.stderr or result.stdout).strip()
                sys.exit(
                    f"make_samples: LibreOffice could not convert {docx_file} "
                    f"(exit code {result.returncode}): {output}"
                )


def render(txt_file: Path, *, posting: bool) -> Path:
    """Write ``txt_file``'s .docx beside it and return its path."""
    source = parse_source(txt_file.read_text(encoding="utf-8"))
    try:
        document = build_posting(source) if posting else build_resume(source)
    except ValueError as exc:
        sys.exit(f"make_samples: {txt_file}: {exc}")
    docx_file = txt_file.with_suffix(".docx")
    document.save(str(docx_file))
    return docx_file


def sources(samples: Path) -> list[tuple[Path, bool]]:
    """Return the .txt files to render, each with whether it is a posting."""
    resumes = sorted((samples / "resumes").glob("*.txt"))
    postings = [samples / "postings" / f"{name}.txt" for name in POSTINGS_TO_RENDER]
    if not resumes:
        sys.exit(f"make_samples: no resumes/*.txt in {samples}; check --samples")
    for path in postings:
        if not path.is_file():
            sys.exit(f"make_samples: {path} is missing; check --samples")
    return [(path, False) for path in resumes] + [(path, True) for path in postings]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--samples",
        type=Path,
        default=DEFAULT_SAMPLES,
        help=f"samples folder with resumes/ and postings/ (default: {DEFAULT_SAMPLES})",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Render every sample to .docx, then convert them all to .pdf."""
    args = parse_args(argv)
    soffice = find_soffice()
    docx_files = [render(path, posting=is_posting) for path, is_posting in sources(args.samples)]
    convert_to_pdf(soffice, docx_files)
    for docx_file in docx_files:
        print(f"wrote {docx_file} and {docx_file.with_suffix('.pdf')}")


if __name__ == "__main__":
    main()
