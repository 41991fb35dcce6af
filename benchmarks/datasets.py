"""Readers for the external evaluation data in ../shared/data (never shipped with the project)."""

from __future__ import annotations

import csv
import json
import re
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


# Job words a posting title ends with; used to find postjobfree titles, which have no field.
_JOB_WORDS = (
    "Engineer|Technician|Tech|Technologist|Machinist|Operator|Developer|Programmer|Scientist|"
    "Architect|Analyst|Administrator|Designer|Mechanic|Inspector|Specialist|Manager|Lead|"
    "Assembler|Welder|Therapist|Radiographer|Sonographer|Supervisor|Coordinator|Consultant|"
    "Fabricator|Estimator|Planner|Setter"
)
_JOB_WORD_RE = re.compile(rf"\b(?:{_JOB_WORDS})s?\b", re.IGNORECASE)
_TITLE_LABEL_RE = re.compile(
    r"^\s*(?:posting title|job title|position title|title|position|job|role)\s*[:\-]\s*",
    re.IGNORECASE,
)
# Up to four capitalised words ending in a capitalised job word: "Senior Software Engineer".
_TITLE_PHRASE_RE = re.compile(
    rf"(?:(?:[A-Z][\w/+#&.'-]*|of|and|&|/)[ \t]+){{0,4}}(?:{_JOB_WORDS})s?\b"
    r"(?:[ \t]+(?:I{1,3}|IV|[1-4])\b)?"
)
_TITLE_LEADS = {"the", "a", "an", "at", "of", "and", "as", "for", "our", "we", "your", "this"}
_TITLE_LEAD_RE = re.compile(r"^(?:(?:full|part)[ -]?time|temporary|immediate)\s+", re.IGNORECASE)
# Job words too vague to stand alone as a title.
_VAGUE_TITLES = {"lead", "manager", "specialist", "tech", "consultant", "coordinator", "supervisor"}


def postjobfree_title(text: str) -> str | None:
    """Guess a postjobfree posting's job title (its files carry none), or None.

    The first of: a short line near the top that names a job ("Job Title: MRI Tech"), or a
    run of capitalised words ending in a job word in the opening text ("Skid Steer Operator").
    """
    for line in text.splitlines()[:8]:
        line = _TITLE_LABEL_RE.sub("", line.strip()).strip(' "*')
        if 1 <= len(line.split()) <= 8 and _JOB_WORD_RE.search(line) and line[-1] not in ".!,":
            return _plain_title(line)
    match = _TITLE_PHRASE_RE.search(text[:800])
    if match is None:
        return None
    return _plain_title(match.group(0))


def _plain_title(title: str) -> str | None:
    words = _TITLE_LEAD_RE.sub("", title.strip()).split()
    while words and words[0].lower() in _TITLE_LEADS:
        words = words[1:]
    title = " ".join(words)
    return title if title and title.lower().rstrip("s") not in _VAGUE_TITLES else None


def read_monster(path: Path) -> list[tuple[str, str, str]]:
    """Return the Monster.com postings as (name, raw job title, description), in file order.

    The name is ``monster-NNNN`` (the row number), as benchmarks/transfer.py names them.
    """
    with path.open(encoding="utf-8", errors="replace") as handle:
        return [
            (f"monster-{n:04d}", row["job_title"], row["job_description"].strip())
            for n, row in enumerate(csv.DictReader(handle))
        ]


def monster_title(raw: str) -> str:
    """A Monster job title without the " Job in CITY", recruiter name and page furniture."""
    title = raw.split(" Job in ", 1)[0].split(" | Monster", 1)[0]
    title = title.rsplit(" Job Application for ", 1)[-1]
    return " ".join(title.strip(" *-").split())


def read_rjdb(path: Path) -> list[dict[str, str]]:
    """Return the rjdb triples (``job``, ``matched``, ``unmatched`` texts), in file order."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


_RJDB_TITLE_RE = re.compile(r"job title\s*:?\s*\n?\s*(\S[^\n]*)", re.IGNORECASE)


def rjdb_title(job: str) -> str | None:
    """The job title an rjdb posting states under its "Job title" heading, or None."""
    match = _RJDB_TITLE_RE.search(job)
    return match.group(1).strip() if match else None


def livecareer_resumes(folder: Path) -> list[tuple[str, str]]:
    """Return the livecareer resume PDFs as (path relative to ``folder``, category), sorted."""
    return sorted(
        (str(path.relative_to(folder)), path.parent.name) for path in folder.glob("*/*.pdf")
    )
