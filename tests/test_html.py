"""The HTML report: its structure parsed from the page, its CLI options, and a real browser."""

from __future__ import annotations

import dataclasses
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import click
import pytest

from fit_analyzer import FitReport, ReadFailure, assess, document_from_text, load_document
from fit_analyzer.batch import run_batch
from fit_analyzer.errors import CorruptDocumentError
from fit_analyzer.profiles import POSTING_SECTION_WEIGHTS
from fit_analyzer.report import Record, render_html, render_html_batch
from fit_analyzer.report.html import COMPONENTS
from fit_analyzer.report.human import VERDICT_LABELS
from fit_analyzer.results import MatchedTerm, MissingTerm
from fit_analyzer.vocabulary import Vocabulary

from .conftest import POSTINGS, RESUMES, run_cli

SRE = POSTINGS / "site-reliability-engineer.txt"
FRONTEND = POSTINGS / "frontend-developer.html"
JORDAN = RESUMES / "jordan-lee.pdf"  # looks right for the SRE posting, misses most of it
ALEX = RESUMES / "alex-rivera.pdf"  # a strong fit for it
SVG = "{http://www.w3.org/2000/svg}"
CHROMIUM = shutil.which("chromium")


@pytest.fixture(scope="module")
def reports() -> dict[str, FitReport]:
    posting = load_document(SRE, "posting")
    return {r.stem: assess(load_document(r, "resume"), posting) for r in (JORDAN, ALEX)}


def page_of(report: FitReport) -> tuple[Record, ET.Element]:
    return report.to_dict(), parse(render_html(report))


def parse(page: str) -> ET.Element:
    """Parse the page as XML: the report is well-formed, so any stray markup fails here."""
    return ET.fromstring(page)


def start_tags(page: str) -> list[str]:
    return [tag for tag, _ in tags_with_attributes(page)]


def tags_with_attributes(page: str) -> list[tuple[str, dict[str, str | None]]]:
    """The start tags of ``page`` and their attributes, as a browser tokenises them."""

    class StartTags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.append((tag, dict(attrs)))

    tags: list[tuple[str, dict[str, str | None]]] = []
    StartTags().feed(page)
    return tags


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def text(element: ET.Element) -> str:
    return "".join(element.itertext())


def posting_marks(root: ET.Element) -> dict[str, set[str]]:
    """Map each term marked in the posting's text to the states it is marked with."""
    (posting,) = by_class(root, "posting")
    marks: dict[str, set[str]] = {}
    for section in by_class(posting, "posting-section"):
        for mark in section.iter("mark"):
            state = mark.get("class", "").split()[1].removeprefix("term-")
            marks.setdefault(mark.get("data-term", ""), set()).add(state)
    return marks


@pytest.mark.parametrize("resume", ["jordan-lee", "alex-rivera"])
def test_the_verdict_score_and_reason_lead_the_page(
    reports: dict[str, FitReport], resume: str
) -> None:
    record, root = page_of(reports[resume])
    (verdict,) = by_class(root, "verdict")
    assert verdict.get("data-verdict") == record["verdict"]
    assert text(verdict) == VERDICT_LABELS[record["verdict"]]
    assert text(by_class(root, "fit-score")[0]) == f"{record['scores']['fit']:.0f}"
    assert text(by_class(root, "reason")[0]) == record["reason"]
    reads_as = [text(e) for e in by_class(root, "reads-as")]
    assert reads_as == [
        f"reads as {', '.join(record[r]['reads_as'])}" for r in ("resume", "posting")
    ]


@pytest.mark.parametrize("resume", ["jordan-lee", "alex-rivera"])
def test_every_key_term_is_marked_with_its_state_and_missing_ones_are_to_do(
    reports: dict[str, FitReport], resume: str
) -> None:
    record, root = page_of(reports[resume])
    expected = {m["term"]: "missing" for m in record["missing"]}
    for m in record["matched"]:
        expected[m["term"]] = "evidence" if m["shown"] else "listed"
    assert posting_marks(root) == {term: {state} for term, state in expected.items()}
    (todo,) = root.iter("ol")
    items = [li.get("data-term") for li in todo.iter("li")]
    assert items == [m["term"] for m in record["missing"]]  # ranked as the analysis ranks them
    required = [m["required"] for m in record["missing"]]
    assert required == sorted(required, reverse=True)  # required before nice-to-have
    assert ["nice to have" in text(li) for li in todo.iter("li")] == [not r for r in required]


def test_sections_are_marked_and_boilerplate_is_not_scored(reports: dict[str, FitReport]) -> None:
    report = reports["jordan-lee"]
    _, root = page_of(report)
    sections = by_class(root, "posting-section")
    assert [s.get("data-section") for s in sections] == [s.name for s in report.posting.sections]
    for section, source in zip(sections, report.posting.sections, strict=True):
        scored = source.name in POSTING_SECTION_WEIGHTS
        assert ("scored" if scored else "unscored") in section.get("class", "").split()
        assert ("not scored" in text(section)) is not scored
        assert source.heading in text(section)
        if not scored:
            assert not list(section.iter("mark"))
    assert any(s.get("data-section") == "boilerplate" for s in sections)


def test_the_legend_and_the_chart(reports: dict[str, FitReport]) -> None:
    record, root = page_of(reports["alex-rivera"])
    (legend,) = by_class(root, "legend")
    states = [mark.get("class") for li in legend.iter("li") for mark in li.iter("mark")]
    assert states == ["term term-evidence", "term term-listed", "term term-missing"]
    (chart,) = root.iter(f"{SVG}svg")
    bars = [r for r in chart.iter(f"{SVG}rect") if r.get("class") == "bar"]
    assert [b.get("data-component") for b in bars] == list(COMPONENTS)
    tracks = [r for r in chart.iter(f"{SVG}rect") if r.get("class") == "track"]
    for bar, track, name in zip(bars, tracks, COMPONENTS, strict=True):
        share = float(bar.get("width", "")) / float(track.get("width", ""))
        assert share == pytest.approx(record["scores"][name] / 100, abs=0.01)


def test_the_page_is_self_contained_and_deterministic(reports: dict[str, FitReport]) -> None:
    page = render_html(reports["jordan-lee"])
    assert render_html(reports["jordan-lee"]) == page
    root = parse(page)
    assert not [e.tag for e in root.iter() if e.tag in {"script", "link", "img", "iframe"}]
    assert all("://" not in value for e in root.iter() for value in e.attrib.values())
    assert [e.get("http-equiv") for e in root.iter("meta") if e.get("http-equiv")] == [
        "Content-Security-Policy"
    ]


def test_hostile_posting_text_is_escaped() -> None:
    hostile = (
        "Site Reliability Engineer <script>alert(1)</script>\n\n"
        "Requirements\n"
        "- Kubernetes<img src=x onerror=alert(1)> and Terraform on AWS, \x0cPython & Go.\n"
        '- <a href="https://evil.example">on-call</a> and incident response.\n'
    )
    posting = document_from_text(hostile * 3, "posting", name="<b>evil</b>.txt")
    resume = document_from_text(
        "Jordan Example\nExperience\n- Ran Kubernetes and Terraform on AWS.\n" * 5, "resume"
    )
    page = render_html(assess(resume, posting))

    tags = start_tags(page)  # as a browser tokenises the page, not as XML
    assert not {"script", "img", "a", "b"} & set(tags)
    root = parse(page)
    assert "<script>alert(1)</script>" in text(root)
    assert "<b>evil</b>.txt" in text(root)
    assert "kubernetes" in posting_marks(root)


HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def test_markup_in_any_text_title_or_file_name_stays_text() -> None:
    posting = document_from_text(
        f"Site Reliability Engineer {HOSTILE}\n\nRequirements\n"
        f"- Kubernetes {HOSTILE} and Terraform on AWS.\n" * 3,
        "posting",
        name=f"{HOSTILE}.txt",
    )
    resume = document_from_text(
        f"Jordan Example {HOSTILE}\nSite Reliability Engineer {HOSTILE}\n"
        f"Experience\n- Ran Kubernetes and Terraform on AWS. {HOSTILE}\n" * 5,
        "resume",
        name=f"{HOSTILE}.pdf",
    )
    report = assess(resume, posting)
    for document in (report.resume, report.posting):
        assert "<script>" in document.title and "onerror" in document.title
    failed = ReadFailure(
        f"{HOSTILE}.docx", "resume", CorruptDocumentError(f"{HOSTILE}.docx", HOSTILE)
    )
    for page in (render_html(report), render_html_batch([report, failed])):
        tags = tags_with_attributes(page)
        assert not {"script", "img"} & {tag for tag, _ in tags}
        assert not [name for _, attributes in tags for name in attributes if name.startswith("on")]
        links = [attributes.get(name) or "" for _, attributes in tags for name in ("src", "href")]
        assert not [link for link in links if ":" in link or link.startswith("//")]
        assert f"{HOSTILE}.txt" in text(parse(page))


def test_reading_notes_show_the_diagnostics() -> None:
    posting = document_from_text(
        "Site Reliability Engineer\nKubernetes, Terraform, AWS.", "posting"
    )
    resume = document_from_text("Jordan Example\nExperience\nRan Kubernetes on AWS.", "resume")
    report = assess(resume, posting)
    assert report.diagnostics
    (notes,) = by_class(parse(render_html(report)), "diagnostics")
    assert [text(li) for li in notes.iter("li")] == list(report.diagnostics)


def test_terms_match_as_words_in_any_case_with_hyphens_and_aliases(
    reports: dict[str, FitReport],
) -> None:
    posting = document_from_text(
        "Requirements\nOn-call for CI/CD. Node.js, C# and C. JS too; K8s; Kubernetes; Golang\n"
        * 10,
        "posting",
    )
    # The report knows an alias only where the resume used it: "k8s" here.
    report = dataclasses.replace(
        reports["jordan-lee"],
        posting=posting,
        matched=tuple(
            MatchedTerm(term, 1.0, True, match, form, ("experience",), True)
            for term, match, form in (
                ("kubernetes", "alias", "k8s"),
                ("javascript", "exact", "javascript"),
            )
        ),
        missing=tuple(MissingTerm(t, 1.0, True, "") for t in ("on call", "ci/cd", "c", "go")),
    )
    root = parse(render_html(report))
    (section,) = by_class(root, "posting-section")
    marked = [(m.get("data-term"), m.text) for m in section.iter("mark")]
    assert marked[:6] == [
        ("on call", "On-call"),
        ("ci/cd", "CI/CD"),
        ("c", "C"),  # neither in "Node.js" nor in "C#"
        ("kubernetes", "K8s"),  # the alias the resume used
        ("kubernetes", "Kubernetes"),
        ("on call", "On-call"),
    ]
    # Aliases the resume did not use are not in the record: the text stays plain.
    assert not {"JS", "Golang"} & {text for _, text in marked}


def test_rendering_loads_no_vocabulary(
    reports: dict[str, FitReport], monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the page marks comes from the record and the posting, not from analysis data.
    report = reports["alex-rivera"]

    def load(cls: type[Vocabulary], root: Path | None = None) -> Vocabulary:
        raise AssertionError("the renderer loaded the vocabulary")

    monkeypatch.setattr(Vocabulary, "load", classmethod(load))
    assert posting_marks(parse(render_html(report)))


def test_batch_page_links_each_overview_row_to_its_pair(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 garbage")
    results = list(run_batch([ALEX, JORDAN], [SRE, FRONTEND, broken]))
    root = parse(render_html_batch(results))
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    links = [a.get("href", "") for a in root.iter("a")]
    assert links and all(href.startswith("#") and href[1:] in ids for href in links)
    pairs = [r for r in results if isinstance(r, FitReport)]
    articles = list(root.iter("article"))
    assert len(articles) == len(pairs) == 4
    assert [a.findtext("h2") for a in articles] == [
        f"{Path(r.resume.path).name} → {r.posting.title}" for r in pairs
    ]
    ranks = [row.findtext("td") for row in root.iterfind(".//tbody/tr")]
    assert ranks == [str(r.rank) for r in pairs]
    (skipped,) = root.findall(".//ul[@class='diagnostics']")
    assert "broken.pdf" in text(skipped)


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def launch(url: str, wait: bool = False, locate: bool = False) -> int:
        calls.append(url)
        return 0

    monkeypatch.setattr(click, "launch", launch)
    return calls


def test_score_html_to_a_file_and_open_it(tmp_path: Path, launched: list[str]) -> None:
    target = tmp_path / "report.html"
    code, out, _ = run_cli("score", JORDAN, SRE, "--format", "html", "-o", target, "--open")
    assert code == 0 and out == ""
    root = parse(target.read_text(encoding="utf-8"))
    assert by_class(root, "verdict")[0].get("data-verdict") in VERDICT_LABELS
    assert launched == [str(target)]
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_score_html_without_output_goes_to_stdout(launched: list[str]) -> None:
    code, out, _ = run_cli("score", ALEX, SRE, "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    assert by_class(parse(out), "fit-score")
    assert launched == []


def test_batch_html_from_the_output_suffix_and_open_it(tmp_path: Path, launched: list[str]) -> None:
    target = tmp_path / "ranking.html"
    code, _, _ = run_cli("batch", JORDAN, POSTINGS, "--output", target, "--open")
    assert code == 0 and launched == [str(target)]
    root = parse(target.read_text(encoding="utf-8"))
    assert len(list(root.iter("article"))) == len(list(POSTINGS.glob("*.*")))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score", ALEX, SRE, "--open"], "--open opens an HTML report; add --format html"),
        (["score", ALEX, SRE, "-f", "json", "-o", "r.json", "--open"], "add --format html"),
        (
            ["score", ALEX, SRE, "--format", "html", "--open"],
            "--open needs a file to open; add --output FILE",
        ),
        (["batch", ALEX, SRE, "--format", "html", "--open"], "add --output FILE"),
        (["batch", ALEX, SRE, "--output", "r.csv", "--open"], "add --format html"),
    ],
)
def test_open_without_an_html_file_is_a_usage_error(
    args: list[str | Path], message: str, launched: list[str]
) -> None:
    code, out, err = run_cli(*args)
    assert code == 2 and out == "" and launched == []
    assert err.splitlines()[-1].startswith("Error: ") and message in err.splitlines()[-1]


def chromium(page: Path, png: Path, size: str) -> list[str]:
    """Screenshot ``page`` in headless Chromium; return the console lines about the page."""
    assert CHROMIUM
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={png.parent / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            f"--screenshot={png}",
            f"--window-size={size}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    # Console messages and uncaught errors come as `INFO:CONSOLE… "message", source: URL`.
    return [
        line
        for line in result.stderr.splitlines()
        if ("CONSOLE" in line or "Uncaught" in line) and page.as_uri() in line
    ]


def png_size(png: Path) -> tuple[int, int]:
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium; .ci/run does)"
)


@pytest.fixture
def browser_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    shutil.rmtree(tmp_path / "profile", ignore_errors=True)


@needs_chromium
def test_a_real_browser_renders_the_report(
    reports: dict[str, FitReport], browser_dir: Path
) -> None:
    # docs/report-screenshot.png is this page at --window-size=1000,1400.
    report = reports["jordan-lee"]
    page = browser_dir / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    png = browser_dir / "shot.png"
    assert chromium(page, png, "1200,1600") == []
    assert png.stat().st_size > 20_000
    assert png_size(png) == (1200, 1600)


@needs_chromium
def test_the_console_check_sees_script_errors(browser_dir: Path) -> None:
    page = browser_dir / "broken.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>throw new Error('boom')</script>")
    assert any(
        "Uncaught Error: boom" in line for line in chromium(page, browser_dir / "x.png", "200,200")
    )


def test_the_posting_s_own_forms_of_a_term_are_marked() -> None:
    # "RN" is how the posting writes "registered nurse"; the report records it.
    posting = load_document(POSTINGS / "icu-registered-nurse.txt", "posting")
    report = assess(load_document(RESUMES / "maria-santos.txt", "resume"), posting)
    terms = {*report.matched, *report.missing}
    assert any("rn" in t.posting_forms for t in terms if t.term == "registered nurse")
    marks = {
        (mark.get("data-term"), mark.text)
        for section in by_class(parse(render_html(report)), "posting-section")
        for mark in section.iter("mark")
    }
    assert ("registered nurse", "RN") in marks
