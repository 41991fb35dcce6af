"""Turn reports and failures into versioned JSON-ready records (the report contract)."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..analysis import FitReport
from ..documents import Document
from ..errors import FitAnalyzerError

SCHEMA_VERSION = "1.0"
Record = dict[str, Any]


def report_record(report: FitReport, *, rank: int | None = None) -> Record:
    """Return the JSON record of one assessed pair; numbers are rounded here and only here."""
    record: Record = {"schema_version": SCHEMA_VERSION}
    if rank is not None:
        record["rank"] = rank
    scores = report.scores
    record.update(
        {
            "resume": _document_record(report.resume, report.resume_reads_as),
            "posting": _document_record(report.posting, report.posting_reads_as),
            "scores": {
                "fit": round(scores.fit, 1),
                "similarity": round(scores.similarity, 1),
                "coverage": round(scores.coverage, 1),
                "evidence": round(scores.evidence, 1),
                "title_match": round(scores.title_match, 1),
                "occupation_match": round(scores.occupation_match, 1),
            },
            "verdict": report.verdict,
            "reason": report.reason,
            "matched": [
                {
                    "term": m.term,
                    "weight": round(m.weight, 3),
                    "required": m.required,
                    "match": m.match,
                    "resume_form": m.resume_form,
                    "found_in": list(m.found_in),
                }
                for m in report.matched
            ],
            "missing": [
                {"term": m.term, "weight": round(m.weight, 3), "required": m.required}
                for m in report.missing
            ],
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
    "title_match",
    "occupation_match",
    "missing",
    "error",
)


def csv_row(record: Record) -> dict[str, object]:
    """Return the flat CSV row of a pair or error record."""
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
        "title_match": scores["title_match"],
        "occupation_match": scores["occupation_match"],
        "missing": "; ".join(m["term"] for m in record["missing"]),
        "error": "",
    }
