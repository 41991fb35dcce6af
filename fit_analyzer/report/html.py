"""Render reports as one self-contained HTML page: no scripts, no network, all text escaped."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import PurePath

from ..documents import Document, Section
from ..profiles import POSTING_SECTION_WEIGHTS
from ..vocabulary import Vocabulary
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
# Characters that are neither valid XML nor meaningful in a page (PDFs yield form feeds).
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Even if some text escaped escaping, the browser would run no script and fetch nothing.
_CSP = "default-src 'none'; style-src 'unsafe-inline'"
_BAR_WIDTH = 220
_ROW_HEIGHT = 28


def render_html(record: Record, posting: Document) -> str:
    """Return the HTML page of one pair record; ``posting`` is the document it assessed."""
    title = f"Fit report: {record['posting']['title'] or record['posting']['path']}"
    return _page(title, [_article(record, posting, "report", level=1)])


def render_html_batch(records: Sequence[Record], postings: Mapping[str, Document]) -> str:
    """Return one HTML page for ranked batch records: an overview table linking to each pair.

    ``postings`` maps each posting path in ``records`` to its document; error records are
    listed as skipped files.
    """
    pairs = [r for r in records if "error" not in r]
    skipped = [r for r in records if "error" in r]
    parts = [_overview(pairs, skipped)]
    parts += [
        _article(r, postings[r["posting"]["path"]], f"pair-{i}", level=2, back="#overview")
        for i, r in enumerate(pairs, start=1)
    ]
    return _page("Fit ranking", parts)


def _page(title: str, parts: Sequence[str]) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8" />\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        f"<title>{_text(title)}</title>\n<style>\n{_css()}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(parts)
        + "\n</main>\n</body>\n</html>\n"
    )


def _overview(pairs: Sequence[Record], skipped: Sequence[Record]) -> str:
    rows = "".join(
        f'<tr><td class="num">{r.get("rank", "")}</td>'
        f'<td class="num">{r["scores"]["fit"]:.0f}</td>'
        f"<td>{_verdict_badge(r['verdict'])}</td>"
        f"<td>{_link(f'#pair-{i}', PurePath(r['resume']['path']).name, r['resume']['path'])}</td>"
        f"<td>{_link(f'#pair-{i}', _posting_name(r), r['posting']['path'])}</td></tr>\n"
        for i, r in enumerate(pairs, start=1)
    )
    notes = "".join(f"<li>{_text(r['path'])}: {_text(r['error']['message'])}</li>" for r in skipped)
    return (
        '<section class="card overview" id="overview">\n<h1>Fit ranking</h1>\n'
        f"<p>{len(pairs)} pair{'' if len(pairs) == 1 else 's'}, best first; "
        "each links to its report below.</p>\n"
        '<table><thead><tr><th class="num">#</th><th class="num">Fit</th><th>Verdict</th>'
        f"<th>Resume</th><th>Posting</th></tr></thead>\n<tbody>\n{rows}</tbody></table>\n"
        + (f'<h2>Skipped files</h2>\n<ul class="diagnostics">{notes}</ul>\n' if skipped else "")
        + "</section>"
    )


def _link(href: str, text: str, title: str) -> str:
    return f'<a href="{href}" title="{_text(title)}">{_text(text)}</a>'


def _posting_name(record: Record) -> str:
    return str(record["posting"]["title"] or PurePath(record["posting"]["path"]).name)


def _article(record: Record, posting: Document, anchor: str, *, level: int, back: str = "") -> str:
    """Return one pair's report; its title is a heading of ``level``, its parts the next."""
    if posting.sha256 != record["posting"]["sha256"]:
        raise ValueError(f"{posting.path} is not the posting the record assessed")
    scores = record["scores"]
    title = f"{PurePath(record['resume']['path']).name} → {_posting_name(record)}"
    parts = [
        f'<article class="card pair" id="{anchor}">',
        f'<a class="back" href="{back}">↑ Overview</a>' if back else "",
        f'<h{level} class="pair-title">{_text(title)}</h{level}>',
        '<div class="headline">',
        f'<p class="fit"><span class="fit-score">{scores["fit"]:.0f}</span>'
        '<span class="out-of">/100 fit</span></p>',
        "<div>",
        _verdict_badge(record["verdict"], "p"),
        f'<p class="reason">{_text(record["reason"])}</p>',
        "</div>",
        "</div>",
        _documents(record),
        '<div class="columns">',
        f'<section class="scores"><h{level + 1}>Component scores</h{level + 1}>'
        f"{_chart(scores)}</section>",
        _todo(record, level + 1),
        "</div>",
        _diagnostics(record["diagnostics"], level + 1),
        _posting_text(posting, _term_states(record), level + 1),
        "</article>",
    ]
    return "\n".join(p for p in parts if p)


def _verdict_badge(verdict: str, tag: str = "span") -> str:
    return (
        f'<{tag} class="verdict verdict-{verdict}" data-verdict="{verdict}">'
        f"{VERDICT_LABELS[verdict]}</{tag}>"
    )


def _documents(record: Record) -> str:
    rows = []
    for role in ("resume", "posting"):
        document = record[role]
        title = f" · {_text(document['title'])}" if document["title"] else ""
        reads_as = ", ".join(document["reads_as"]) or "no occupation recognised"
        rows.append(
            f'<dt>{role.capitalize()}</dt><dd><span class="path">{_text(document["path"])}'
            f'</span>{title}<br /><span class="reads-as">reads as {_text(reads_as)}</span></dd>'
        )
    return f'<dl class="documents">{"".join(rows)}</dl>'


def _chart(scores: Mapping[str, float]) -> str:
    """Return the component scores as horizontal bars in inline SVG (0-100 each)."""
    label_width, height = 130, _ROW_HEIGHT * len(COMPONENTS)
    width = label_width + _BAR_WIDTH + 40
    rows = []
    for i, name in enumerate(COMPONENTS):
        y = i * _ROW_HEIGHT
        value = scores[name]
        rows.append(
            f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end">'
            f"{name.replace('_', ' ')}</text>"
            f'<rect class="track" x="{label_width}" y="{y + 6}" width="{_BAR_WIDTH}" '
            'height="16" rx="3" />'
            f'<rect class="bar" data-component="{name}" x="{label_width}" y="{y + 6}" '
            f'width="{value / 100 * _BAR_WIDTH:.1f}" height="16" rx="3" />'
            f'<text class="value" x="{label_width + _BAR_WIDTH + 6}" y="{y + 18}">'
            f"{value:.0f}</text>"
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'aria-label="Component scores, 0 to 100">'
        "<title>Component scores, 0 to 100</title>" + "".join(rows) + "</svg>"
    )


def _todo(record: Record, level: int) -> str:
    items = "".join(
        f'<li data-term="{_text(m["term"])}">{_text(m["term"])}'
        + ("" if m["required"] else '<span class="tag">nice to have</span>')
        + "</li>"
        for m in record["missing"]
    )
    todo = (
        f'<ol class="todo-list">{items}</ol>'
        if items
        else "<p>Nothing: every key term is covered.</p>"
    )
    listed = ", ".join(
        f'<mark class="term term-listed">{_text(t)}</mark>' for t in record["listed_not_shown"]
    )
    if listed:
        todo += f'<p class="listed-only">Listed in skills, show in experience: {listed}</p>'
    return f'<section class="todo"><h{level}>Add evidence of</h{level}>{todo}</section>'


def _diagnostics(diagnostics: Sequence[str], level: int) -> str:
    if not diagnostics:
        return ""
    items = "".join(f"<li>{_text(d)}</li>" for d in diagnostics)
    return (
        f'<section class="diagnostics"><h{level}>Reading notes</h{level}><ul>{items}</ul></section>'
    )


def _posting_text(posting: Document, states: Mapping[str, str], level: int) -> str:
    legend = "".join(
        f'<li><mark class="term term-{state}">term</mark> {meaning}</li>'
        for state, meaning in TERM_STATES.items()
    )
    mark = _marker(states)
    sections = []
    for section in posting.sections:
        scored = section.name in POSTING_SECTION_WEIGHTS
        # Terms in sections that do not count are left plain: they did not shape the scores.
        body = mark(section.text) if scored else _text(section.text)
        sections.append(
            f'<section class="posting-section {"scored" if scored else "unscored"}" '
            f'data-section="{_text(section.name)}">'
            f"<h{level + 1}>{_section_heading(section, scored)}</h{level + 1}>"
            f'<div class="section-text">{body}</div></section>'
        )
    return (
        f'<section class="posting"><h{level}>The posting, term by term</h{level}>'
        f'<ul class="legend">{legend}</ul>' + "".join(sections) + "</section>"
    )


def _section_heading(section: Section, scored: bool) -> str:
    name = f'<span class="section-name">{_text(section.name)}</span>'
    heading = f" {_text(section.heading)}" if section.heading else ""
    note = "" if scored else ' <span class="not-scored">not scored</span>'
    return name + heading + note


def _term_states(record: Record) -> dict[str, str]:
    """Map each key term to its state: evidence, listed or missing."""
    states = {m["term"]: "missing" for m in record["missing"]}
    for m in record["matched"]:
        states[m["term"]] = "evidence" if m["shown"] else "listed"
    return states


def _marker(states: Mapping[str, str]) -> Callable[[str], str]:
    """Return a function that escapes text and marks each key term of ``states`` in it.

    Terms are lowercase canonical forms ("ci/cd", "on call"); the text may write them in
    any case, with hyphens or line breaks between words, or as an alias ("k8s"). Each
    segment is escaped on its own, so marks never land inside escaped text.
    """
    term_of = {term: term for term in states}
    for alias, canonical in Vocabulary.load().aliases.items():
        if canonical in states:
            term_of.setdefault(alias, canonical)
    # Longest first, so that a phrase wins over a shorter term it starts with.
    surfaces = sorted(term_of, key=lambda s: (-len(s), s))
    if not surfaces:
        return _text
    alternatives = "|".join(
        "(" + r"[\s-]+".join(re.escape(word) for word in s.split()) + ")" for s in surfaces
    )
    # Word boundaries as the tokeniser sees them: "js" is no word of "node.js", "c" none of "c#".
    pattern = re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w+#])(?!\.\w)", re.IGNORECASE)

    def mark(text: str) -> str:
        parts, end = [], 0
        for match in pattern.finditer(text):
            term = term_of[surfaces[(match.lastindex or 1) - 1]]
            state = states[term]
            parts.append(_text(text[end : match.start()]))
            parts.append(
                f'<mark class="term term-{state}" data-term="{_text(term)}" '
                f'title="{_text(term)}: {TERM_STATES[state]}">{_text(match.group())}</mark>'
            )
            end = match.end()
        parts.append(_text(text[end:]))
        return "".join(parts)

    return mark


def _text(value: str) -> str:
    return html.escape(_CONTROL_RE.sub(" ", value))


@cache
def _css() -> str:
    return (resources.files(__package__) / "report.css").read_text(encoding="utf-8")
