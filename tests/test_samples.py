"""The modern samples: four resumes in three formats and four layouts, against the postings.

Each resume (``corpora/samples/resumes``) was written for one posting
(``corpora/samples/postings``); ``scripts/make_samples.py`` renders the .txt sources to
.docx in the layout named here and LibreOffice turns that into the .pdf. What a user
expects: whatever the format or layout, the resume's own posting comes first, the PDF
reads like the text it came from, and a posting's business ("we move freight") is not
taken for what it asks of candidates.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import fit_analyzer
from fit_analyzer import Document, FitReport, assess_many, load_document
from fit_analyzer.documents import resolve_pdf_engine
from fit_analyzer.documents.pdf import pdfium_available
from fit_analyzer.model import default_model
from fit_analyzer.profiles import profile_posting
from fit_analyzer.text import tokenize

from .conftest import POSTINGS, RESUMES

# Each resume, the posting it was written for, its layout and the verdict it gets now.
OWN_POSTING = {
    "leah-whitford": "product-manager",  # B2B SaaS product manager
    "marcus-tan": "data-analyst",
    "ines-kariuki": "backend-engineer",  # Go and Python services, PostgreSQL, Kafka
    "dale-brennan": "electrician",  # licensed journeyman, commercial wiring
}
LAYOUT = {
    "leah-whitford": "sidebar",  # two columns: a one-row table, narrow shaded left column
    "marcus-tan": "columns",  # two newspaper columns (a section with w:cols=2)
    "ines-kariuki": "table",  # one table row per section: heading left, content right
    "dale-brennan": "classic",  # one column, like the older samples
}
VERDICT = dict.fromkeys(OWN_POSTING, "strong_fit")
NEW_RESUMES = sorted(OWN_POSTING)
TWO_DIMENSIONAL = sorted(name for name, layout in LAYOUT.items() if layout != "classic")
FORMATS = ("txt", "docx", "pdf")
# The CLI's engine ("auto"): PDFium when installed, else pdfminer.six.
CLI_ENGINE = resolve_pdf_engine("auto")
# What the backend posting's company does, not what it asks of an engineer.
BUSINESS_WORDS = ("shipment", "freight", "logistics")

MODEL = default_model()
needs_pdfium = pytest.mark.skipif(not pdfium_available(), reason="needs pypdfium2")


def _known(reason: str) -> pytest.MarkDecorator:
    """A known shortcoming: the test fails until it is fixed, then must be updated."""
    return pytest.mark.xfail(strict=True, reason=reason)


TABLE_ROWS = (
    "a row with a heading beside a one-line entry ('Education | B.S. ...') reads as one line, "
    "and pdfminer.six puts a skills label level with 'Skills' before it, so 'Languages' opens "
    "a section"
)


def _resume(name: str, fmt: str, engine: str = CLI_ENGINE) -> Document:
    return _read(RESUMES / f"{name}.{fmt}", "resume", engine)


_DOCUMENTS: dict[tuple[Path, str, str], Document] = {}


def _read(path: Path, role: str, engine: str = CLI_ENGINE) -> Document:
    """Read a sample once per engine for the whole module: PDFs are slow to parse."""
    if path.suffix != ".pdf":
        engine = "pdfminer"  # unused: only PDFs have an engine
    key = (path, role, engine)
    if key not in _DOCUMENTS:
        _DOCUMENTS[key] = load_document(path, role, pdf_engine=engine)
    return _DOCUMENTS[key]


@pytest.fixture(scope="module")
def postings() -> list[Document]:
    """Every sample posting, in every format it exists in."""
    paths = sorted(p for p in POSTINGS.iterdir() if p.suffix in {".txt", ".docx", ".pdf", ".html"})
    return [_read(path, "posting") for path in paths]


def _against(resume: Document, postings: list[Document]) -> Iterator[tuple[str, FitReport]]:
    for report in assess_many([resume], postings):
        yield Path(report.posting.path).stem, report


def _own_report(name: str, resume: Document) -> FitReport:
    [report] = assess_many([resume], [_read(POSTINGS / f"{OWN_POSTING[name]}.txt", "posting")])
    return report


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", NEW_RESUMES)
def test_each_resume_ranks_its_own_posting_first(
    name: str, fmt: str, postings: list[Document]
) -> None:
    reports = list(_against(_resume(name, fmt), postings))
    own = [r.scores.fit for stem, r in reports if stem == OWN_POSTING[name]]
    runner_up = max((r.scores.fit, stem) for stem, r in reports if stem != OWN_POSTING[name])
    assert len(own) == 3  # the posting as .txt, .docx and .pdf
    assert min(own) > runner_up[0], f"{runner_up[1]} ({runner_up[0]:.1f}) beats {own}"


def test_ranking_the_postings_folder_puts_each_resume_s_own_posting_first() -> None:
    resumes = [RESUMES / f"{name}.{fmt}" for name in NEW_RESUMES for fmt in FORMATS]
    firsts = {}
    for report in fit_analyzer.rank(resumes, [POSTINGS], top=1, cache=False, jobs=2):
        assert isinstance(report, FitReport), report
        firsts[Path(report.resume.path).name] = Path(report.posting.path).stem
    assert firsts == {path.name: OWN_POSTING[path.stem] for path in resumes}


@pytest.mark.parametrize(
    "fmt", [pytest.param(f, marks=needs_pdfium if f == "pdf" else []) for f in FORMATS]
)
@pytest.mark.parametrize("name", NEW_RESUMES)
def test_verdict_against_its_own_posting(name: str, fmt: str) -> None:
    """Pinned: a change of verdict shows here. PDFs as the CLI reads them with PDFium."""
    report = _own_report(name, _resume(name, fmt, "pdfium"))
    assert report.verdict == VERDICT[name], report.reason
    assert report.confident


@pytest.mark.parametrize("name", NEW_RESUMES)
def test_the_electrician_and_the_office_jobs_are_not_a_fit_for_each_other(name: str) -> None:
    trade, office = "dale-brennan", [n for n in NEW_RESUMES if n != "dale-brennan"]
    if name == trade:
        pairs = [(name, OWN_POSTING[other]) for other in office]
    else:
        pairs = [(name, OWN_POSTING[trade])]
    for resume, posting in pairs:
        [report] = assess_many(
            [_resume(resume, "txt")], [_read(POSTINGS / f"{posting}.txt", "posting")]
        )
        assert report.verdict == "not_a_fit", (posting, report.reason)


def _pdf_engines(name: str) -> list[object]:
    """PDFium (the CLI's engine when installed) and pdfminer.six."""
    return [
        pytest.param(name, "pdfium", id=f"{name}-pdfium", marks=needs_pdfium),
        pytest.param(name, "pdfminer", id=f"{name}-pdfminer"),
    ]


@pytest.mark.parametrize(
    ("name", "engine"),
    [case for name in TWO_DIMENSIONAL for case in _pdf_engines(name)],
)
def test_layout_pdf_gives_the_title_and_verdict_of_its_source(name: str, engine: str) -> None:
    source, pdf = _resume(name, "txt"), _resume(name, "pdf", engine)
    assert pdf.title == source.title
    assert _own_report(name, pdf).verdict == _own_report(name, source).verdict


@pytest.mark.parametrize("name", TWO_DIMENSIONAL)
def test_layout_docx_gives_the_title_and_verdict_of_its_source(name: str) -> None:
    source, docx = _resume(name, "txt"), _resume(name, "docx")
    assert docx.title == source.title
    assert _own_report(name, docx).verdict == _own_report(name, source).verdict


def _section_cases() -> Iterator[object]:
    for name in TWO_DIMENSIONAL:
        table = [_known(TABLE_ROWS)] if LAYOUT[name] == "table" else []
        yield pytest.param(name, "pdfium", id=f"{name}-pdfium", marks=needs_pdfium)
        yield pytest.param(name, "pdfminer", id=f"{name}-pdfminer", marks=table)
        yield pytest.param(name, "docx", id=f"{name}-docx", marks=table)


@pytest.mark.parametrize(("name", "reading"), list(_section_cases()))
def test_layout_keeps_the_sections_of_its_source(name: str, reading: str) -> None:
    """Read column by column, cell by cell, the layout gives the source's sections, word for
    word (the sidebar's narrow column, with skills and education, comes first)."""
    source = _resume(name, "txt")
    laid_out = _resume(name, "docx") if reading == "docx" else _resume(name, "pdf", reading)

    def sections(document: Document) -> list[tuple[str, list[str]]]:
        return [(s.name, sorted(tokenize(s.text))) for s in document.sections]

    assert {"summary", "experience", "skills", "education"} <= {s.name for s in source.sections}
    assert sorted(sections(laid_out)) == sorted(sections(source))


def _backend_key_terms(fmt: str) -> set[str]:
    """The backend posting's key terms: what any resume matches or misses of it."""
    [report] = assess_many(
        [_resume("ines-kariuki", "txt")], [_read(POSTINGS / f"backend-engineer.{fmt}", "posting")]
    )
    return {m.term for m in report.matched} | {m.term for m in report.missing}


@pytest.mark.parametrize("word", BUSINESS_WORDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_backend_posting_business_words_are_not_key_terms(fmt: str, word: str) -> None:
    terms = _backend_key_terms(fmt)
    assert {"kafka", "postgresql", "python"} <= terms
    assert not [term for term in terms if word in term], sorted(terms)


# The occupation each sample posting reads as first: O*NET files "Backend Engineer" under Web
# Developers, "Site Reliability Engineer" under Software Developers and "Product Manager"
# under Marketing Managers. Their words alone sit closest to recent occupations whose
# profiles list a modern stack (Blockchain Engineers, Digital Forensics Analysts).
READS_AS_FIRST = {
    "backend-engineer": "Web Developers",
    "site-reliability-engineer": "Software Developers",
    "product-manager": "Marketing Managers",
    "data-analyst": "Data Scientists",
    "electrician": "Electricians",
    "icu-registered-nurse": "Registered Nurses",
}


@pytest.mark.parametrize(("posting", "occupation"), sorted(READS_AS_FIRST.items()))
def test_posting_reads_first_as_the_occupation_its_title_names(
    posting: str, occupation: str
) -> None:
    resume = _resume("dale-brennan", "txt")
    [report] = assess_many([resume], [_read(POSTINGS / f"{posting}.txt", "posting")])
    assert report.posting_reads_as[0] == occupation, report.posting_reads_as


def test_a_word_written_only_inside_a_phrase_is_not_a_key_term() -> None:
    # "Experience with chaos engineering or game days": the practice, not "game", is asked.
    posting = profile_posting(_read(POSTINGS / "site-reliability-engineer.txt", "posting"), MODEL)
    terms = [k.term for k in posting.key_terms]
    assert "game" not in terms and "chaos" not in terms
    assert {"kubernetes", "incident response", "terraform"} <= set(terms)
