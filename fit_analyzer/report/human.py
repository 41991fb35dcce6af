"""Render reports for people: the text report of one pair and the ranked batch table."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any, Protocol

from ..results import FitReport, ReadFailure


class Styler(Protocol):
    """Adds terminal styles to text, as ``click.style`` does; the default adds none."""

    def __call__(self, text: str, *, fg: str | None = None, bold: bool | None = None) -> str: ...


def plain(text: str, *, fg: str | None = None, bold: bool | None = None) -> str:
    """The `Styler` that leaves text as it is."""
    return text


VERDICT_LABELS = {
    "strong_fit": "STRONG FIT",
    "partial_fit": "PARTIAL FIT",
    "poorly_targeted": "POORLY TARGETED",
    "not_a_fit": "NOT A FIT",
}
# Colours only repeat the verdict's words, so they need not be told apart.
VERDICT_COLOURS = {
    "strong_fit": "green",
    "partial_fit": "yellow",
    "poorly_targeted": "red",
    "not_a_fit": "red",
}
_WIDTH = 88
_TABLE_WIDTH = 80
_LIST_LIMIT = 10
# Missing requirements shown with the posting sentence that asks for them.
_ASKED_LIMIT = 3


def render_text(report: FitReport, *, style: Styler = plain) -> str:
    """Return the human-readable report of one pair.

    ``style`` colours the verdict (pass ``click.style`` for a terminal).
    """
    record = report.to_dict()
    scores = record["scores"]
    verdict = record["verdict"]
    lines = [
        style(f"Fit {scores['fit']:.0f}/100", bold=True)
        + " · "
        + style(VERDICT_LABELS[verdict], fg=VERDICT_COLOURS[verdict], bold=True)
    ]
    lines += _wrap(record["reason"], "  ")
    lines.append(
        f"  Resume:  {record['resume']['path']}"
        + (f" ({record['resume']['title']})" if record["resume"]["title"] else "")
    )
    lines.append(
        f"  Posting: {record['posting']['path']}"
        + (f" ({record['posting']['title']})" if record["posting"]["title"] else "")
    )
    lines.append(
        "  Scores:  "
        + "  ".join(
            f"{name.replace('_', ' ')} {scores[name]:.0f}"
            for name in ("surface_match", "substance_match", "coverage", "evidence", "similarity")
        )
    )
    required = [m["term"] for m in record["missing"] if m["required"]]
    preferred = [m["term"] for m in record["missing"] if not m["required"]]
    if required:
        lines += _wrap("Missing (most important first): " + _listing(required), "  ")
    if preferred:
        lines += _wrap("Missing nice-to-haves: " + _listing(preferred), "  ")
    for m in [m for m in record["missing"] if m["required"]][:_ASKED_LIMIT]:
        lines += _wrap(f'- {m["term"]}, asked for in: "{m["source"]}"', "    ")
    if record["requirements"]:
        lines += _wrap(
            "Requirements: "
            + "; ".join(
                f"{r['kind']} {r['wanted']}: {r['status'].replace('_', ' ')}"
                + (f" ({r['found']})" if r["found"] else "")
                for r in record["requirements"]
            ),
            "  ",
        )
    for check in record["checks"]:
        lines += _wrap(
            f"Check yourself ({check['kind'].replace('_', ' ')}): {check['source']}", "  "
        )
    if record["listed_not_shown"]:
        lines += _wrap(
            "Listed in skills but not shown in experience: " + _listing(record["listed_not_shown"]),
            "  ",
        )
    if record["matched"]:
        matched = [f"{m['term']} ({_where(m)})" for m in record["matched"]]
        lines += _wrap("Matched: " + _listing(matched), "  ")
    for diagnostic in record["diagnostics"]:
        lines += _wrap("Note: " + diagnostic, "  ")
    return "\n".join(lines)


def _where(matched: dict[str, Any]) -> str:
    found = matched["found_in"]
    where = (
        "experience" if "experience" in found else "projects" if "projects" in found else (found[0])
    )
    return where if matched["match"] == "exact" else f"{where}, as {matched['resume_form']}"


def _listing(items: Sequence[str]) -> str:
    shown = ", ".join(items[:_LIST_LIMIT])
    return shown + (" …" if len(items) > _LIST_LIMIT else "")


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, _WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def render_table(
    results: Sequence[FitReport | ReadFailure], *, style: Styler = plain, width: int = _TABLE_WIDTH
) -> str:
    """Return ranked reports as an aligned table no wider than ``width`` columns.

    Long resume paths are shortened at the start (the file name stays), long posting
    titles at the end. Failures are left out: the command reports them on stderr.
    """
    header = ("#", "fit", "verdict", "resume", "posting")
    pairs = [r.to_dict() for r in results if isinstance(r, FitReport)]
    rows = [header] + [
        (
            str(r.get("rank", "")),
            f"{r['scores']['fit']:.0f}",
            r["verdict"].replace("_", " "),
            r["resume"]["path"],
            r["posting"]["title"] or r["posting"]["path"],
        )
        for r in pairs
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    room = width - sum(widths[:3]) - 2 * 4  # two spaces between the five columns
    # The resume's file name matters more than its folder, and a title more than a path.
    names = max((len(PurePath(row[3]).name) + 2 for row in rows[1:]), default=0)
    widths[4] = min(widths[4], room - min(widths[3], names, room // 2))
    widths[3] = min(widths[3], room - widths[4])
    verdicts = [None, *(r["verdict"] for r in pairs)]
    lines = []
    for row, verdict in zip(rows, verdicts, strict=True):
        verdict_cell = row[2].ljust(widths[2])
        if verdict:
            verdict_cell = style(verdict_cell, fg=VERDICT_COLOURS[verdict])
        cells = [
            row[0].rjust(widths[0]),
            row[1].rjust(widths[1]),
            verdict_cell,
            _clip_start(row[3], widths[3]).ljust(widths[3]),
            _clip_end(row[4], widths[4]),
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _clip_start(path: str, width: int) -> str:
    if len(path) <= width:
        return path
    tail = path[len(path) - width + 1 :]
    # Cut at a folder boundary when one is in reach: "…/resumes/cv.pdf".
    cut = min((tail.index(sep) for sep in "/\\" if sep in tail), default=0)
    return "…" + tail[cut:]


def _clip_end(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
