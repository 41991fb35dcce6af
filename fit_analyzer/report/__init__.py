"""Report renderers: JSON records (the versioned contract), CSV rows, text and HTML for people."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .html import render_form, render_html, render_html_batch
from .human import Styler, render_table, render_text
from .records import CSV_FIELDS, SCHEMA_VERSION, Record, csv_row, dumps, error_record, report_record

__all__ = [
    "CSV_FIELDS",
    "SCHEMA_VERSION",
    "Record",
    "Styler",
    "csv_row",
    "dumps",
    "error_record",
    "render_form",
    "render_html",
    "render_html_batch",
    "render_table",
    "render_text",
    "report_record",
    "schema",
    "schema_text",
]


def schema_text() -> str:
    """Return the JSON Schema of the records, as shipped in the package."""
    return (resources.files(__package__) / "schema.json").read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """Return the JSON Schema of the records as a dictionary."""
    result: dict[str, Any] = json.loads(schema_text())
    return result
