"""Turn reports and failures into versioned JSON-ready records (the report contract)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from .. import __version__
from ..documents import Document
from ..errors import FitAnalyzerError
from ..results import FitReport, ReadFailure, Scores

SCHEMA_VERSION = "2.1"
Record = dict[str, Any]
# The scores of a record, in the order the JSON gives them.
SCORE_NAMES = tuple(f.name for f in dataclasses.fields(Scores))


def report_record(report: FitReport) -> Record:
    """Return the JSON record of one assessed pair; numbers are rounded here and only here."""
    record: Record = {"schema_version": SCHEMA_VERSION}
    if report.rank is not None:
        record["rank"] = report.rank
    scores = report.scores
    record.update(
        {
            "resume": _document_record(report.resume, report.resume_reads_as),
            "posting": _document_record(report.posting, report.posting_reads_as),
            "readings": {
                "surface": {"reads_as": list(report.surface_reads_as)},
                "substance": {"reads_as": list(report.substance_reads_as)},
            },
            "scores": {name: round(getattr(scores, name), 1) for name in SCORE_NAMES},
            "verdict": report.verdict,
            "reason": report.reason,
            "confident": report.confident,
            "matched": [
                {
                    "term": m.term,
                    "weight": round(m.weight, 3),
                    "required": m.required,
                    "match": m.match,
                    "resume_form": m.resume_form,
                    "found_in": list(m.found_in),
                    "shown": m.shown,
                    "posting_forms": list(m.posting_forms),
                }
                for m in report.matched
            ],
            "missing": [
                {
                    "term": m.term,
                    "weight": round(m.weight, 3),
                    "required": m.required,
                    "source": m.source,
                    "posting_forms": list(m.posting_forms),
                }
                for m in report.missing
            ],
            "requirements": [
                {
                    "kind": r.kind,
                    "wanted": r.wanted,
                    "found": r.found,
                    "status": r.status,
                    "source": r.source,
                }
                for r in report.requirements
            ],
            "checks": [{"kind": c.kind, "source": c.source} for c in report.checks],
            "listed_not_shown": list(report.listed_not_shown),
            "diagnostics": list(report.diagnostics),
            "model": {"corpus": report.model_id, "version": __version__},
        }
    )
    return record


def _document_record(document: Document, reads_as: tuple[str, ...]) -> Record:
    return {
        "path": document.path,
        "format": document.format,
        "sha256": document.sha256,
        "characters": len(document.text),
        "title": document.title,
        "language": document.language,
        "reads_as": list(reads_as),
        "sections": sorted({s.name for s in document.sections}),
        "warnings": list(document.warnings),
    }


def error_record(path: str, role: str, error: FitAnalyzerError) -> Record:
    """Return the record of a file that could not be read."""
    message = getattr(error, "message", str(error))
    return {
        "schema_version": SCHEMA_VERSION,
        "path": path,
        "role": role,
        "error": {"kind": error.kind, "message": message},
    }


def dumps(record: Record) -> str:
    """Serialise a record as one line of JSON, identical for identical input."""
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


CSV_FIELDS = (
    "rank",
    "resume",
    "posting",
    "posting_title",
    "fit",
    "verdict",
    "coverage",
    "evidence",
    "similarity",
    "surface_match",
    "substance_match",
    "title_match",
    "occupation_match",
    "missing",
    "error",
)


def csv_row(result: FitReport | ReadFailure) -> dict[str, object]:
    """Return the flat CSV row of a report or a failure."""
    record = result.to_dict()
    if "error" in record:
        return {
            "resume" if record["role"] == "resume" else "posting": record["path"],
            "error": f"{record['error']['kind']}: {record['error']['message']}",
        }
    scores = record["scores"]
    return {
        "rank": record.get("rank", ""),
        "resume": record["resume"]["path"],
        "posting": record["posting"]["path"],
        "posting_title": record["posting"]["title"],
        "fit": scores["fit"],
        "verdict": record["verdict"],
        "coverage": scores["coverage"],
        "evidence": scores["evidence"],
        "similarity": scores["similarity"],
        "surface_match": scores["surface_match"],
        "substance_match": scores["substance_match"],
        "title_match": scores["title_match"],
        "occupation_match": scores["occupation_match"],
        "missing": "; ".join(m["term"] for m in record["missing"]),
        "error": "",
    }
