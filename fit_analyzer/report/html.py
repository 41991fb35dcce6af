"""Render reports as one self-contained HTML page: no scripts, no network, all text escaped.

The markup is in ``templates/`` (Jinja2, autoescaped); the helpers here only turn a record
and its posting into plain data for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import PurePath
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from ..documents import Document, Section
from ..results import FitReport, ReadFailure
from .human import VERDICT_LABELS
from .records import Record

COMPONENTS = (
    "surface_match",
    "substance_match",
    "coverage",
    "evidence",
    "similarity",
    "title_match",
    "occupation_match",
)
# How the posting's key terms fare in the resume; the keys are also the CSS class suffixes.
TERM_STATES = {
    "evidence": "shown in experience or projects",
    "listed": "only listed, as in a skills section",
    "missing": "missing from the resume",
}
# The one posting section the analysis leaves out of scoring (corpora/vocabulary/sections.tsv).
_UNSCORED_SECTIONS = frozenset({"boilerplate"})
# Characters that are neither valid XML nor meaningful in a page (PDFs yield form feeds).
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class _Segment(NamedTuple):
    """A run of posting text; ``term`` is the key term it names, if any, in ``state``."""

    text: str
    term: str = ""
    state: str = ""


def render_html(report: FitReport) -> str:
    """Return the HTML page of one assessed pair."""
    record = report.to_dict()
    title = f"Fit report: {record['posting']['title'] or record['posting']['path']}"
    return _render(title, None, [_pair(record, report.posting, "report", level=1)])


def render_html_batch(results: Sequence[FitReport | ReadFailure]) -> str:
    """Return one HTML page for a ranked batch: an overview table linking to each pair.

    Failures are listed as skipped files.
    """
    reports = [r for r in results if isinstance(r, FitReport)]
    skipped = [r for r in results if isinstance(r, ReadFailure)]
    anchors = [f"pair-{i}" for i in range(1, len(reports) + 1)]
    records = [r.to_dict() for r in reports]
    overview = {
        "rows": [_overview_row(r, anchor) for r, anchor in zip(records, anchors, strict=True)],
        "skipped": [{"path": f.path, "message": f.error.message} for f in skipped],
    }
    articles = [
        _pair(record, report.posting, anchor, level=2, back="#overview")
        for record, report, anchor in zip(records, reports, anchors, strict=True)
    ]
    return _render("Fit ranking", overview, articles)


def render_form(error: str = "") -> str:
    """Return the page of `fit-analyzer serve`: the form, with ``error`` above it if any."""
    return _environment().get_template("form.html.j2").render(css=_css(), error=error)


def _render(title: str, overview: dict[str, Any] | None, pairs: list[dict[str, Any]]) -> str:
    template = _environment().get_template("page.html.j2")
    return template.render(title=title, css=_css(), overview=overview, pairs=pairs)


def _overview_row(record: Record, anchor: str) -> dict[str, Any]:
    return {
        "anchor": anchor,
        "rank": record.get("rank", ""),
        "fit": record["scores"]["fit"],
        "verdict": record["verdict"],
        "resume_name": PurePath(record["resume"]["path"]).name,
        "resume_path": record["resume"]["path"],
        "posting_name": _posting_name(record),
        "posting_path": record["posting"]["path"],
    }


def _posting_name(record: Record) -> str:
    return str(record["posting"]["title"] or PurePath(record["posting"]["path"]).name)


def _pair(
    record: Record, posting: Document, anchor: str, *, level: int, back: str = ""
) -> dict[str, Any]:
    """Return what the template shows of one pair; its title is a heading of ``level``."""
    states = _term_states(record)
    mark = _marker(_term_forms(record), states)
    return {
        "anchor": anchor,
        "level": level,
        "back": back,
        "title": f"{PurePath(record['resume']['path']).name} → {_posting_name(record)}",
        "fit": record["scores"]["fit"],
        "verdict": record["verdict"],
        "reason": record["reason"],
        "documents": [
            {"role": role, **{k: record[role][k] for k in ("path", "title", "reads_as")}}
            for role in ("resume", "posting")
        ],
        "components": [(name, record["scores"][name]) for name in COMPONENTS],
        "missing": record["missing"],
        "listed_not_shown": record["listed_not_shown"],
        "diagnostics": record["diagnostics"],
        "sections": [_section(section, mark) for section in posting.sections],
    }


def _section(section: Section, mark: Callable[[str], list[_Segment]]) -> dict[str, Any]:
    scored = section.name not in _UNSCORED_SECTIONS
    return {
        "name": section.name,
        "heading": section.heading,
        "scored": scored,
        # Terms in sections that do not count stay plain: they did not shape the scores.
        "segments": mark(section.text) if scored else [_Segment(section.text)],
    }


def _term_states(record: Record) -> dict[str, str]:
    """Map each key term to its state: evidence, listed or missing."""
    states = {m["term"]: "missing" for m in record["missing"]}
    for m in record["matched"]:
        states[m["term"]] = "evidence" if m["shown"] else "listed"
    return states


def _term_forms(record: Record) -> dict[str, str]:
    """Map the ways the record knows each key term to be written to the term.

    A term is written as itself, as the posting's other forms of it ("rn" for "registered
    nurse"), or as the alias a resume matched it by ("k8s" for "kubernetes"). Stem matches
    are left out: their form is a stem, not a word of the text.
    """
    terms = (*record["missing"], *record["matched"])
    forms = {m["term"]: m["term"] for m in terms}
    for m in terms:
        for form in m["posting_forms"]:
            forms.setdefault(form, m["term"])
    for m in record["matched"]:
        if m["match"] == "alias":
            forms.setdefault(m["resume_form"], m["term"])
    return forms


def _marker(forms: Mapping[str, str], states: Mapping[str, str]) -> Callable[[str], list[_Segment]]:
    """Return a function that splits text into segments, each form of a key term its own.

    Forms are lowercase ("ci/cd", "on call"); the text may write them in any case, with
    hyphens or line breaks between words.
    """
    # Longest first, so that a phrase wins over a shorter term it starts with.
    surfaces = sorted(forms, key=lambda s: (-len(s), s))
    if not surfaces:
        return lambda text: [_Segment(text)]
    alternatives = "|".join(
        "(" + r"[\s-]+".join(re.escape(word) for word in s.split()) + ")" for s in surfaces
    )
    # Word boundaries as the tokeniser sees them: "js" is no word of "node.js", "c" none of "c#".
    pattern = re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w+#])(?!\.\w)", re.IGNORECASE)

    def mark(text: str) -> list[_Segment]:
        segments, end = [], 0
        for match in pattern.finditer(text):
            term = forms[surfaces[(match.lastindex or 1) - 1]]
            segments.append(_Segment(text[end : match.start()]))
            segments.append(_Segment(match.group(), term, states[term]))
            end = match.end()
        segments.append(_Segment(text[end:]))
        return segments

    return mark


def _clean(value: object) -> object:
    """Blank control characters: the templates print every value through this, then escape it.

    Markup (a macro's output, or what a filter like ``join`` escaped) is cleaned too:
    blanking a character cannot make markup of escaped text.
    """
    if isinstance(value, Markup):
        return Markup(_CONTROL_RE.sub(" ", value))
    if isinstance(value, str):
        return _CONTROL_RE.sub(" ", value)
    return value


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("fit_analyzer.report", "templates"),
        autoescape=True,  # every value, whatever the template's name
        undefined=jinja2.StrictUndefined,
        finalize=_clean,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals.update(term_states=TERM_STATES, verdict_labels=VERDICT_LABELS)
    return environment


@cache
def _css() -> Markup:
    # The package's own style sheet, inlined as it is: it holds no "</style>".
    return Markup((resources.files(__package__) / "report.css").read_text(encoding="utf-8"))
