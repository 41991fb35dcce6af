"""Render the hand-written sample documents in ``corpora/samples`` to .docx and .pdf.

Every resume ``resumes/NAME.txt`` becomes ``NAME.docx``, laid out the way a person
would in Word: name and contact line in the page header, headline as the title,
``Heading 1`` section headings, ``List Bullet`` bullets, the skills as a two-column
table and a closing line in the footer. Some resumes use another layout (`LAYOUTS`),
as the templates people download do: a sidebar (the body is one table row, a shaded
narrow column with contact, skills and education beside a wide one with summary and
experience), newspaper columns (a continuous section break, then a section with
``w:cols`` set to two), or a table with one row per section (heading left, content
right). LibreOffice then turns each .docx into ``NAME.pdf``. The postings in
`POSTINGS_TO_RENDER` get the same treatment, so postings exist as .txt, .html, .docx
and .pdf. The .txt files are the sources; the other formats carry the same words.

Usage: ``python scripts/make_samples.py [--samples DIR] [NAME ...]`` (needs ``soffice``
on PATH); NAMEs (file names without suffix) render only those samples, leaving the
others' files as they are.
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
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Length, Pt
from docx.styles.style import ParagraphStyle
from docx.table import _Cell
from docx.text.paragraph import Paragraph

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLES = REPO_ROOT / "corpora" / "samples"
POSTINGS_TO_RENDER = (
    "cnc-machinist",
    "backend-engineer",
    "data-analyst",
    "electrician",
    "product-manager",
)
# Resumes not in the classic layout: "sidebar", "columns" or "table" (see the docstring).
LAYOUTS = {
    "leah-whitford": "sidebar",
    "marcus-tan": "columns",
    "ines-kariuki": "table",
}
# The sections a sidebar layout puts in its narrow column; the others go in the wide one.
SIDEBAR_SECTIONS = frozenset(("skills", "education", "certifications"))
SIDEBAR_WIDTHS = (Inches(2.1), Inches(4.8))
TABLE_WIDTHS = (Inches(1.35), Inches(5.55))
SIDEBAR_SHADING = "EDF1F5"
RULE_COLOUR = "8A96A3"
COLUMN_GAP_TWIPS = 360  # a quarter of an inch between newspaper columns
RULE_PADDING_TWIPS = 80  # space between a table row's rule and its text

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
        "About the role",
        "Responsibilities",
        "Requirements",
        "Nice to have",
        "About us",
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


# Where body lines go: the document itself or a table cell (both have add_paragraph).
Container = DocxDocument | _Cell


def add_line(document: Container, line: str) -> None:
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


def add_name_block(document: DocxDocument, name: str, *lines: str) -> None:
    """Open the body with the name in the ``Title`` style, then each of ``lines``, centred."""
    for text, style in ((name, "Title"), *((line, None) for line in lines)):
        document.add_paragraph(text, style=style).alignment = WD_ALIGN_PARAGRAPH.CENTER


def _cell_properties(cell: _Cell, *, shading: str | None = None, rule: bool = False) -> None:
    """Shade a cell, and/or draw a thin rule along its top edge, as templates do."""
    properties = cell._tc.get_or_add_tcPr()  # holds tcW already: the rest goes after it

    def element(tag: str, **attributes: str) -> Any:
        made = OxmlElement(tag)
        for key, value in attributes.items():
            made.set(qn(f"w:{key}"), value)
        return made

    if rule:
        borders = element("w:tcBorders")
        borders.append(element("w:top", val="single", sz="6", space="0", color=RULE_COLOUR))
        properties.append(borders)
    if shading:
        properties.append(element("w:shd", val="clear", color="auto", fill=shading))
    if rule:  # some room between the rule and the text below it
        margins = element("w:tcMar")
        margins.append(element("w:top", w=str(RULE_PADDING_TWIPS), type="dxa"))
        properties.append(margins)


def _borderless_table(document: DocxDocument, rows: int, widths: Sequence[Length]) -> list[_Cell]:
    """Add a fixed-width table without borders and return its cells, row by row."""
    table = document.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # LibreOffice reads the grid, Word reads the cells
    cells = []
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            cells.append(cell)
    return cells


def _drop_empty_first_paragraph(cell: _Cell) -> None:
    """Remove the empty paragraph a new cell starts with, once the cell has others."""
    first: Paragraph = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        first._p.getparent().remove(first._p)


def add_narrow_section(container: Container, section: Section) -> None:
    """Add a heading and its lines where a skills table would not fit (a cell, a column)."""
    container.add_paragraph(section.heading, style="Heading 1")
    add_narrow_lines(container, section)


def add_narrow_lines(container: Container, section: Section) -> None:
    """Add a section's lines, skills as a bold category over its items instead of a table."""
    rows = skill_rows(section.lines) if section.heading.casefold() == "skills" else None
    if rows:
        for category, items in rows:
            label = container.add_paragraph()
            label.paragraph_format.keep_with_next = True
            label.add_run(category).bold = True
            container.add_paragraph(items)
        return
    for line in section.lines:
        add_line(container, line)


def build_sidebar_resume(source: Source) -> DocxDocument:
    """Lay out a resume in two columns: one table row, a shaded narrow column beside a wide one.

    The name and headline sit above the table; the narrow column holds the contact
    details (one to a line), skills, education and certifications; the wide one the
    summary, experience and the rest, as most two-column templates have them.
    """
    name, contact, headline, *rest = _resume_preamble(source)
    document = new_document(f"{name} - Resume")
    add_name_block(document, name)
    document.add_paragraph(headline, style="Subtitle").alignment = WD_ALIGN_PARAGRAPH.CENTER
    narrow, wide = _borderless_table(document, 1, SIDEBAR_WIDTHS)
    _cell_properties(narrow, shading=SIDEBAR_SHADING)
    for part in contact.split(" | "):
        narrow.add_paragraph(part)
    for line in rest:
        wide.add_paragraph(line)
    for section in source.sections:
        side = narrow if section.heading.casefold() in SIDEBAR_SECTIONS else wide
        add_narrow_section(side, section)
    for cell in (narrow, wide):
        _drop_empty_first_paragraph(cell)
    if source.footer:
        add_page_footer(document, source.footer)
    return document


def build_columns_resume(source: Source) -> DocxDocument:
    """Lay out a resume in newspaper columns: name, contact and headline across the page,
    then a continuous section break and the sections flowing through two columns."""
    document = _headed_document(source)
    columns = document.add_section(WD_SECTION.CONTINUOUS)
    cols = columns._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        columns._sectPr.append(cols)
    cols.set(qn("w:num"), "2")
    cols.set(qn("w:space"), str(COLUMN_GAP_TWIPS))
    for section in source.sections:
        add_narrow_section(document, section)
    if source.footer:
        add_page_footer(document, source.footer)
    return document


def build_table_resume(source: Source) -> DocxDocument:
    """Lay out a resume as a table: one row per section, heading left, content right,
    each row ruled off from the one above."""
    document = _headed_document(source)
    cells = _borderless_table(document, len(source.sections), TABLE_WIDTHS)
    for k, section in enumerate(source.sections):
        label, content = cells[2 * k], cells[2 * k + 1]
        label.add_paragraph(section.heading, style="Heading 1")
        add_narrow_lines(content, section)
        for cell in (label, content):
            _cell_properties(cell, rule=True)
            _drop_empty_first_paragraph(cell)
    if source.footer:
        add_page_footer(document, source.footer)
    return document


def _headed_document(source: Source) -> DocxDocument:
    """A new resume document opened by its name and contact line, its headline and the rest
    of its preamble, across the page."""
    name, contact, headline, *rest = _resume_preamble(source)
    document = new_document(f"{name} - Resume")
    add_name_block(document, name, contact)
    document.add_paragraph(headline, style="Subtitle").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in rest:
        document.add_paragraph(line)
    return document


def _resume_preamble(source: Source) -> list[str]:
    if len(source.preamble) < 3:
        raise ValueError("a resume needs a name line, a contact line and a headline line")
    return source.preamble


RESUME_LAYOUTS = {
    "classic": build_resume,
    "sidebar": build_sidebar_resume,
    "columns": build_columns_resume,
    "table": build_table_resume,
}


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
    """Write ``txt_file``'s .docx beside it, in its layout, and return its path."""
    source = parse_source(txt_file.read_text(encoding="utf-8"))
    build = build_posting if posting else RESUME_LAYOUTS[LAYOUTS.get(txt_file.stem, "classic")]
    try:
        document = build(source)
    except ValueError as exc:
        sys.exit(f"make_samples: {txt_file}: {exc}")
    docx_file = txt_file.with_suffix(".docx")
    document.save(str(docx_file))
    return docx_file


def sources(samples: Path, names: Sequence[str] = ()) -> list[tuple[Path, bool]]:
    """Return the .txt files to render, each with whether it is a posting.

    ``names`` (file names without suffix) keep only those; each must be a sample to render.
    """
    resumes = sorted((samples / "resumes").glob("*.txt"))
    postings = [samples / "postings" / f"{name}.txt" for name in POSTINGS_TO_RENDER]
    if not resumes:
        sys.exit(f"make_samples: no resumes/*.txt in {samples}; check --samples")
    for path in postings:
        if not path.is_file():
            sys.exit(f"make_samples: {path} is missing; check --samples")
    found = [(path, False) for path in resumes] + [(path, True) for path in postings]
    if not names:
        return found
    unknown = sorted(set(names) - {path.stem for path, _ in found})
    if unknown:
        sys.exit(
            f"make_samples: nothing to render named {', '.join(unknown)}; give the name of "
            f"a resumes/*.txt or of a posting in POSTINGS_TO_RENDER, without the suffix"
        )
    return [(path, is_posting) for path, is_posting in found if path.stem in names]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--samples",
        type=Path,
        default=DEFAULT_SAMPLES,
        help=f"samples folder with resumes/ and postings/ (default: {DEFAULT_SAMPLES})",
    )
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help="render only these samples, named without the suffix (default: all)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Render every sample to .docx, then convert them all to .pdf."""
    args = parse_args(argv)
    soffice = find_soffice()
    docx_files = [
        render(path, posting=is_posting) for path, is_posting in sources(args.samples, args.names)
    ]
    convert_to_pdf(soffice, docx_files)
    for docx_file in docx_files:
        print(f"wrote {docx_file} and {docx_file.with_suffix('.pdf')}")


if __name__ == "__main__":
    main()
