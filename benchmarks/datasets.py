"""Readers for the external evaluation data in ../shared/data (never shipped with the project)."""

from __future__ import annotations

import csv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"

Labelled = list[tuple[str, tuple[str, ...]]]


def read_postjobfree(path: Path) -> str:
    """Return a postjobfree text without the ``b'...'`` wrapper its files carry."""
    text = path.read_text(encoding="utf-8", errors="replace").strip()
    if text.startswith(("b'", 'b"')):
        text = text[2:-1]
    return text


def read_labels(folder: Path) -> tuple[Labelled, Labelled]:
    """Return (single-occupation resumes, postings) of postjobfree, each as (file, labels)."""
    resumes, postings = [], []
    with (folder / "labels.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            labels = tuple(row["occupations"].split("|"))
            if row["file"].startswith("postings/"):
                postings.append((row["file"], labels))
            elif len(labels) == 1:
                resumes.append((row["file"], labels))
    return sorted(resumes), sorted(postings)
