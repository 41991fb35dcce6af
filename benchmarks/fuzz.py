"""Fuzz the readers: mutate the sample files and count crashes, hangs and modified inputs.

Each mutant is written to a file and read in the worker pool under the default limits (a
short timeout). ``pdf``, ``docx``, ``txt`` and ``html`` mutants are whole files with bit
flips, truncation, inserted or deleted bytes; ``docx-xml`` mutants are well-formed ZIPs whose
``word/document.xml`` (or styles, numbering, header, footer, relationships) was edited as a
tree (elements deleted, copied, moved or renamed, attributes and text changed, awkward Word
structures inserted) or byte by byte, so that python-docx and lxml, not zipfile, meet them.
A crash is a file whose error is not one of the project's own (the pool reports those as
"could not be read (X: …)" or "the reader crashed"); a hang is a file stopped by the timeout.

    python benchmarks/fuzz.py [--per-format 5000] [--formats pdf docx-xml] [--jobs N]
                              [--timeout 10] [--seed 0] [--show-errors 5]
                              [--pdf-engine pdfminer|pdfium|auto]
"""

from __future__ import annotations

import argparse
import collections
import copy
import io
import os
import random
import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.oxml import parse_xml
from lxml import etree

from fit_analyzer.batch import load_documents
from fit_analyzer.documents import PDF_ENGINES, resolve_pdf_engine
from fit_analyzer.errors import DocumentError, ParseTimeoutError
from fit_analyzer.isolation import ParserPool
from fit_analyzer.limits import Limits

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"
FORMATS = ("pdf", "docx", "docx-xml", "txt", "html")
# How the pool words an exception that was not one of the project's own.
CRASH_MARKS = ("could not be read (", "the reader crashed")

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NAMESPACES = {
    "w": _W,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
# The parts edited, and how often each is picked: the body most.
DOCX_PARTS = {
    "word/document.xml": 8,
    "word/styles.xml": 1,
    "word/numbering.xml": 1,
    "word/header1.xml": 1,
    "word/footer1.xml": 1,
    "word/_rels/document.xml.rels": 1,
    "[Content_Types].xml": 1,
}
# Element names a tree edit renames to: the structures python-docx walks.
_TAGS = [
    f"{{{_NAMESPACES[prefix]}}}{name}"
    for prefix, names in {
        "w": "p r t tbl tr tc tcPr gridSpan vMerge tblGrid gridCol sectPr headerReference "
        "footerReference txbxContent pStyle rStyle numPr ilvl numId hyperlink fldSimple sdt "
        "sdtContent ins del br tab cr drawing pict style name basedOn abstractNum num lvl body "
        "hdr ftr document pPr rPr titlePg type",
        "mc": "AlternateContent Choice Fallback",
        "rel": "Relationship Relationships",
    }.items()
    for name in names.split()
]
_ATTRIBUTES = [
    f"{{{_W}}}val",
    f"{{{_W}}}type",
    f"{{{_W}}}styleId",
    f"{{{_W}}}w",
    f"{{{_NAMESPACES['r']}}}id",
    "Id",
    "Target",
    "TargetMode",
    "Type",
]
_VALUES = [
    "",
    "0",
    "-1",
    "1",
    "65536",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "nil",
    "restart",
    "continue",
    "default",
    "even",
    "first",
    "true",
    "rId1",
    "rId999",
    "Heading1",
    "Title",
    "External",
    "../../../etc/passwd",
    "file:///etc/passwd",
    "http://example.invalid/cv.xml",
    "/word/document.xml",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
    "\u202e\u00e9\u4e2d\U0001f600",
]
# Awkward but legal-looking Word structures to insert anywhere.
_FRAGMENTS = [
    '<w:tbl {ns}><w:tr><w:tc><w:tcPr><w:gridSpan w:val="0"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>',
    '<w:tbl {ns}><w:tblGrid><w:gridCol w:w="10"/></w:tblGrid><w:tr><w:tc><w:tcPr>'
    '<w:gridSpan w:val="5"/><w:vMerge/></w:tcPr><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc>'
    "</w:tr></w:tbl>",
    '<w:tc {ns}><w:tcPr><w:vMerge w:val="restart"/></w:tcPr></w:tc>',
    "<w:tr {ns}/>",
    '<w:sectPr {ns}><w:headerReference w:type="default" r:id="rId999"/><w:titlePg/></w:sectPr>',
    '<w:p {ns}><w:pPr><w:sectPr><w:footerReference w:type="first" r:id="rId1"/></w:sectPr>'
    "</w:pPr></w:p>",
    '<w:hyperlink {ns} r:id="rId999"><w:r><w:t>link</w:t></w:r></w:hyperlink>',
    '<w:p {ns}><w:pPr><w:pStyle w:val="NoSuchStyle"/><w:numPr><w:ilvl w:val="9"/>'
    '<w:numId w:val="12345"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve"> x </w:t></w:r>'
    "</w:p>",
    "<w:r {ns}><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:txbxContent><w:p/>"
    "</w:txbxContent></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></w:r>",
    "<mc:AlternateContent {ns}><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>"
    "fallback</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>"
    "</mc:AlternateContent>",
    "<w:sdt {ns}><w:sdtContent><w:p><w:r><w:t>content control</w:t></w:r></w:p></w:sdtContent>"
    "</w:sdt>",
    '<w:style {ns} w:type="paragraph" w:styleId="Loop"><w:name w:val="Heading 1"/>'
    '<w:basedOn w:val="Loop"/></w:style>',
    '<w:fldSimple {ns} w:instr="INCLUDETEXT &quot;/etc/passwd&quot;"><w:r><w:t>f</w:t></w:r>'
    "</w:fldSimple>",
    '<Relationship xmlns="{rel}" Id="rId998" TargetMode="External" Target="file:///etc/passwd" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"/>',
]
_NS_DECLARATIONS = " ".join(
    f'xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES.items() if prefix != "rel"
)
_TEXT = "Kubernetes nurse résumé \u00ad\ufb01\u200b\u2028\t\U0001f4bc <&>\"' "


def mutate(data: bytes, rng: random.Random) -> bytes:
    """Return ``data`` with one to four random bit flips, truncations, insertions or cuts."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not buffer:
            break
        at = rng.randrange(len(buffer))
        kind = rng.choice(("flip", "truncate", "insert", "delete"))
        if kind == "flip":
            buffer[at] ^= 1 << rng.randrange(8)
        elif kind == "truncate":
            del buffer[at:]
        elif kind == "insert":
            buffer[at:at] = rng.randbytes(rng.randint(1, 64))
        else:
            del buffer[at : at + rng.randint(1, 64)]
    return bytes(buffer)


def mutate_docx_xml(data: bytes, rng: random.Random) -> bytes:
    """Return the .docx ``data`` with one or two of its XML parts mutated, properly zipped.

    Three edits in four are made on the parsed tree (so the XML stays well-formed and
    python-docx walks it); the others flip, cut or insert bytes in the part's text.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {member.filename: archive.read(member) for member in archive.infolist()}
    present = [name for name in DOCX_PARTS if name in parts]
    weights = [DOCX_PARTS[name] for name in present]
    for name in set(rng.choices(present, weights, k=rng.choice((1, 1, 1, 2)))):
        if rng.random() < 0.25:
            parts[name] = mutate(parts[name], rng)
        else:
            parts[name] = mutate_tree(parts[name], rng)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def mutate_tree(xml: bytes, rng: random.Random) -> bytes:
    """Return the XML document ``xml`` after one to four random edits of its tree."""
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False))
    for _ in range(rng.randint(1, 4)):
        elements = [e for e in root.iter() if isinstance(e.tag, str)]
        element = rng.choice(elements)
        parent = element.getparent()
        kind = rng.choice(("delete", "copy", "move", "rename", "attribute", "text", "insert"))
        if kind == "delete" and parent is not None:
            parent.remove(element)
        elif kind == "copy" and parent is not None:
            for _ in range(rng.choice((1, 1, 2, 50))):
                parent.insert(parent.index(element), copy.deepcopy(element))
        elif kind == "move" and parent is not None:
            targets = [e for e in elements if element not in (e, *e.iterancestors())]
            parent.remove(element)
            target = rng.choice(targets)
            target.insert(rng.randint(0, len(target)), element)
        elif kind == "rename":
            element.tag = rng.choice(_TAGS)
        elif kind == "attribute":
            names = list(element.attrib) + _ATTRIBUTES
            name = rng.choice(names)
            if name in element.attrib and rng.random() < 0.3:
                del element.attrib[name]
            else:
                element.set(name, rng.choice(_VALUES))
        elif kind == "text":
            element.text = _random_text(rng)
        else:
            fragment = rng.choice(_FRAGMENTS).format(ns=_NS_DECLARATIONS, rel=_NAMESPACES["rel"])
            element.insert(rng.randint(0, len(element)), etree.fromstring(fragment))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _random_text(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return "word " * rng.choice((1_000, 20_000))
    return "".join(rng.choice(_TEXT) for _ in range(rng.randint(0, 40)))


def rich_docx() -> bytes:
    """A .docx with what the samples lack: merged cells, a text box, a list, two sections."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Robin Vale · robin@example.com"
    document.sections[0].footer.paragraphs[0].text = "Page footer"
    document.add_paragraph("Warehouse Supervisor", style="Title")
    document.add_paragraph("Experience", style="Heading 1")
    paragraph = document.add_paragraph("Led a team of twelve in a cold-storage warehouse.")
    paragraph._p.append(
        parse_xml(
            f'<w:r {_NS_DECLARATIONS}><mc:AlternateContent><mc:Choice Requires="wps">'
            "<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>OSHA 30 certified</w:t></w:r>"
            "</w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>"
            "<v:textbox><w:txbxContent><w:p><w:r><w:t>OSHA 30 certified</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    for item in ("Forklift certified", "Cycle counts", "Safety audits"):
        document.add_paragraph(item, style="List Bullet")
    table = document.add_table(rows=3, cols=3)
    for row in range(3):
        for column in range(3):
            table.cell(row, column).text = f"r{row}c{column}"
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(1, 2).merge(table.cell(2, 2))
    table.cell(2, 0).add_table(rows=1, cols=2).cell(0, 1).text = "nested"
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = "Second section header"
    document.add_paragraph("Skills", style="Heading 1")
    document.add_paragraph("Inventory control, scheduling, WMS")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def seeds(file_format: str) -> list[bytes]:
    """The files that mutants of ``file_format`` start from."""
    suffix = "docx" if file_format == "docx-xml" else file_format
    found = [path.read_bytes() for path in sorted(SAMPLES.glob(f"*/*.{suffix}"))]
    return [*found, rich_docx()] if file_format == "docx-xml" else found


def outcome(result: object) -> str:
    """Classify one reader result: ``ok``, ``error``, ``crash`` or ``hang``."""
    if isinstance(result, ParseTimeoutError):
        return "hang"
    if isinstance(result, DocumentError):
        return "crash" if any(mark in result.message for mark in CRASH_MARKS) else "error"
    return "ok"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-format", type=int, default=5000, metavar="N")
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pdf-engine", choices=PDF_ENGINES, default="pdfminer")
    parser.add_argument(
        "--show-errors", type=int, default=0, metavar="N", help="list the N commonest errors"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    limits = Limits(seconds_per_file=args.timeout)
    engine = resolve_pdf_engine(args.pdf_engine)
    failed = False
    rows = []
    with tempfile.TemporaryDirectory() as folder, ParserPool(args.jobs, limits) as pool:
        for file_format in args.formats:
            originals = seeds(file_format)
            change = mutate_docx_xml if file_format == "docx-xml" else mutate
            suffix = file_format.split("-")[0]
            started = time.monotonic()
            paths, contents = [], []
            for number in range(args.per_format):
                data = change(rng.choice(originals), rng)
                path = Path(folder) / f"{number}.{suffix}"
                path.write_bytes(data)
                paths.append(path)
                contents.append(data)
            counts: collections.Counter[str] = collections.Counter()
            messages: collections.Counter[str] = collections.Counter()
            for result, _ in load_documents(paths, "resume", pool=pool, pdf_engine=engine):
                kind = outcome(result)
                counts[kind] += 1
                if isinstance(result, DocumentError):
                    messages[re.sub(r"\d[\d,.]*", "N", result.message)] += 1
                if kind in ("crash", "hang"):
                    print(f"  {kind}: {result}", file=sys.stderr)
            modified = sum(p.read_bytes() != c for p, c in zip(paths, contents, strict=True))
            seconds = time.monotonic() - started
            print(
                f"{file_format}: {args.per_format} mutants in {seconds:.1f} s: "
                f"{counts['ok']} read, {counts['error']} project errors, "
                f"{counts['crash']} crashes, {counts['hang']} hangs, {modified} modified",
                flush=True,
            )
            for message, count in messages.most_common(args.show_errors):
                print(f"    {count:6d}  {message}")
            rows.append(
                f"| {file_format} | {args.per_format:,} | {counts['ok']:,} | "
                f"{counts['error']:,} | {counts['crash']} | {counts['hang']} | {modified} | "
                f"{seconds:.0f} |"
            )
            failed |= bool(counts["crash"] or counts["hang"] or modified)
            for path in paths:
                path.unlink()
    print("\n| format | mutants | read | project errors | crashes | hangs | modified | s |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
