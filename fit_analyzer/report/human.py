"""Render reports for people: the text report of one pair and the ranked batch table."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from .records import Record

VERDICT_LABELS = {
    "strong_fit": "STRONG FIT",
    "partial_fit": "PARTIAL FIT",
    "poorly_targeted": "POORLY TARGETED",
    "not_a_fit": "NOT A FIT",
}
_WIDTH = 88
_LIST_LIMIT = 10


def render_text(record: Record) -> str:
    """Return the human-readable report of one pair record."""
    scores = record["scores"]
    lines = [f"Fit {scores['fit']:.0f}/100 · {VERDICT_LABELS[record['verdict']]}"]
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
            for name in ("coverage", "evidence", "similarity", "title_match", "occupation_match")
        )
    )
    required = [m["term"] for m in record["missing"] if m["required"]]
    preferred = [m["term"] for m in record["missing"] if not m["required"]]
    if required:
        lines += _wrap("Missing (most important first): " + _listing(required), "  ")
    if preferred:
        lines += _wrap("Missing nice-to-haves: " + _listing(preferred), "  ")
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


def _where(matched: Record) -> str:
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


def render_table(records: Sequence[Record]) -> str:
    """Return ranked pair records as an aligned table; error records are left to stderr."""
    rows = [("#", "fit", "verdict", "resume", "posting")]
    for record in records:
        if "error" in record:
            continue
        posting = record["posting"]["title"] or record["posting"]["path"]
        rows.append(
            (
                str(record.get("rank", "")),
                f"{record['scores']['fit']:.0f}",
                record["verdict"].replace("_", " "),
                record["resume"]["path"],
                posting,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(
        "  ".join(
            [
                row[0].rjust(widths[0]),
                row[1].rjust(widths[1]),
                row[2].ljust(widths[2]),
                row[3].ljust(widths[3]),
                row[4],
            ]
        ).rstrip()
        for row in rows
    )
