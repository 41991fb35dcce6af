"""Are resumes that only look right flagged? Constructed families of cases on three data sets.

Each case is a resume and a posting built from real data, so that a figure measures the idea
of a poorly targeted resume rather than one way of making one:

- ``stuffed``: a resume from another, clearly different trade given the posting's exact title
  as its headline, a one-line summary and a skills list naming the posting's key terms; its
  experience is unchanged. It should be ``poorly_targeted``, never ``strong_fit``.
- ``control``: a same-trade resume given the same surface (same ``group``). It should not be
  flagged, and should outscore the stuffed resume of its group.
- ``trimmed``: a same-trade resume without the sentences and bullet lines that carry the
  posting's key terms (headings and the name block kept); ``original`` is the untouched resume
  (same ``group``). Its fit should be no higher than the original's; ideally it is flagged.
- ``matched`` / ``unmatched``: an rjdb triple; the matched resume should outscore the
  unmatched one against the job (ties fail).

Data sets: ``postjobfree`` (occupation labels; other trade = software or medical technologist
against machine operator or machinist, never the overlapping engineer/technician labels),
``livecareer`` (PDF resumes by category against Monster postings labelled by title words as in
benchmarks/transfer.py; other trade = categories with no common field tag) and ``rjdb`` (other
trade = a job whose title shares no word with the posting's and whose text is far from it).
Labels are coarse, so of five resumes drawn with the right labels the control is the one most
like the posting by plain TF-IDF cosine, and the stuffed resume the one least like it.

Variants: ``STYLE/SOURCE`` for stuffed and control, where the surface STYLE is ``a`` (headline,
"Summary" and "Skills" headings), ``b`` (no headings: everything on one line, surface first)
or ``c`` ("Profile" paragraph and an inline "Core Competencies:" bulleted list), and the key
terms SOURCE is ``model`` (the model's own key terms, see `model_key_terms`) or ``tfidf``
(the posting's top terms by a plain scikit-learn TF-IDF fitted on its data set's postings);
``trim/SOURCE`` for trimmed and original; ``triple`` for rjdb triples.

Every case has a ``half`` ("dev" or "check") from a stable hash of its group's posting and
resume names: calibrate on "dev", report both. Cases are sampled with ``--seed``, up to
``--per-family`` groups per data set and variant; the cases of one half do not depend on
which halves are asked for.

For calibration: ``cases = build_cases(data, seed=0, per_family=60, halves=("dev",))``, then
``reports = score_cases(cases)`` (the public `assess_many`, one call per posting) and
``evaluate(cases, reports)`` for the figures this script prints.

    python benchmarks/families.py [--data ../shared/data] [--per-family 60] [--seed 0]
                                  [--datasets postjobfree rjdb] [--json figures.json]
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.datasets import (
    DEFAULT_DATA,
    livecareer_resumes,
    monster_title,
    postjobfree_title,
    read_labels,
    read_monster,
    read_postjobfree,
    read_rjdb,
    rjdb_title,
)
from benchmarks.transfer import MIN_POSTINGS, field_of
from fit_analyzer import (
    Document,
    FitAnalyzerError,
    FitReport,
    assess_many,
    document_from_text,
    load_document,
)
from fit_analyzer.model import default_model
from fit_analyzer.profiles import profile_posting
from fit_analyzer.text import stem, tokenize

DATASETS = ("postjobfree", "livecareer", "rjdb")
HALVES = ("dev", "check")
STYLES = ("a", "b", "c")
SOURCES = ("model", "tfidf")
FAMILIES = ("stuffed", "control", "trimmed", "original", "matched", "unmatched")
KEY_TERMS = 12  # key terms put on a surface or trimmed away
MIN_KEY_TERMS = 8  # postings with fewer (from either source) are not used
SUMMARY_TERMS = 5  # of them named in the one-line summary; all are in the skills list
# Resumes drawn for each control (the best fitting is used) and stuffed resume (the worst).
CANDIDATES = 5
# A component at or above this is shown as 100.
FULL_SCORE = 99.5
# Fit differences below this are ties.
TIE = 1e-9

# postjobfree occupations far enough apart to be "another trade"; Engineer and Technician
# overlap with both sides and are left out.
POSTJOBFREE_SIDES = (
    frozenset({"Software Engineer", "Technologist"}),
    frozenset({"Machine Operator", "Machinist"}),
)
# livecareer categories by field; two categories are other trades when they share no tag.
# CONSULTANT can be any trade and is left out.
LIVECAREER_TAGS = {
    "ACCOUNTANT": {"money"},
    "BANKING": {"money", "commerce"},
    "FINANCE": {"money"},
    "ADVOCATE": {"legal"},
    "AGRICULTURE": {"land"},
    "APPAREL": {"creative"},
    "ARTS": {"creative"},
    "DESIGNER": {"creative"},
    "DIGITAL-MEDIA": {"creative"},
    "PUBLIC-RELATIONS": {"creative"},
    "AUTOMOBILE": {"trades"},
    "AVIATION": {"trades"},
    "CONSTRUCTION": {"trades"},
    "ENGINEERING": {"trades", "tech"},
    "INFORMATION-TECHNOLOGY": {"tech"},
    "BPO": {"commerce"},
    "BUSINESS-DEVELOPMENT": {"commerce"},
    "SALES": {"commerce"},
    "CHEF": {"food"},
    "FITNESS": {"health"},
    "HEALTHCARE": {"health"},
    "HR": {"people"},
    "TEACHER": {"teaching"},
}
# Two rjdb jobs are other trades when their titles share no word but these, and the TF-IDF
# cosine of their texts is below RJDB_MAX_COSINE.
RJDB_TITLE_STOP = frozenset({"and", "of", "the", "for", "with", "in", "a", "to", "or", "-", "&"})
RJDB_MAX_COSINE = 0.05

TARGETS: dict[str, tuple[str, float]] = {
    "stuffed_flagged": (">=", 0.85),
    "stuffed_strong": ("<=", 0),
    "controls_flagged": ("<=", 0.10),
    "control_beats_stuffed": (">=", 0.95),
    "trimmed_not_higher": (">=", 0.95),
    "matched_beats_unmatched": (">=", 0.95),
    "any_component_100": ("<=", 0.25),
    "crashes": ("<=", 0),
}


@dataclass(frozen=True)
class Case:
    """One resume against one posting, with what it was built to show.

    ``family`` is one of `FAMILIES`; cases with the same ``group`` are compared with each
    other (a stuffed resume with its control, a trimmed resume with its original, a matched
    resume with its unmatched one). ``terms`` are the key terms used to build it.
    """

    family: str
    variant: str
    dataset: str
    half: str
    group: str
    resume: Document
    posting: Document
    terms: tuple[str, ...] = ()


def model_key_terms(posting: Document, count: int = KEY_TERMS) -> list[str]:
    """The model's own key terms of ``posting``, most important first.

    The one place this benchmark asks the model for them.
    """
    return [key.term for key in profile_posting(posting, default_model()).key_terms][:count]


class TfidfKeyTerms:
    """Postings' top terms by a plain scikit-learn TF-IDF fitted on the postings of a data set.

    Unigrams and bigrams, English stop words, words of letters only; a term whose words are
    all in terms already chosen is skipped ("machine" after "machine operator").
    """

    def __init__(self, texts: dict[str, str]) -> None:
        self.vectorizer_ = TfidfVectorizer(
            stop_words="english",
            ngram_range=(1, 2),
            sublinear_tf=True,
            min_df=2,
            max_df=0.5,
            token_pattern=r"(?u)\b[^\W\d_]{2,}\b",
        )
        self.rows_ = {name: k for k, name in enumerate(texts)}
        self.matrix_ = self.vectorizer_.fit_transform(list(texts.values())).tocsr()
        self.features_ = self.vectorizer_.get_feature_names_out()

    def terms(self, name: str, count: int = KEY_TERMS) -> list[str]:
        """The top ``count`` terms of the posting called ``name``, best first."""
        row = self.matrix_[self.rows_[name]]
        chosen: list[str] = []
        words: set[str] = set()
        for k in np.argsort(-row.data, kind="stable"):
            term = str(self.features_[row.indices[k]])
            if set(term.split()) <= words:
                continue
            chosen.append(term)
            words.update(term.split())
            if len(chosen) == count:
                break
        return chosen

    def cosine(self, first: str, second: str) -> float:
        """Cosine similarity of two postings' TF-IDF vectors."""
        a, b = self.matrix_[self.rows_[first]], self.matrix_[self.rows_[second]]
        return float((a @ b.T).toarray()[0, 0])

    def similarity(self, text: str, name: str) -> float:
        """Cosine similarity of ``text`` and the posting called ``name``."""
        vector = self.vectorizer_.transform([text])
        return float((vector @ self.matrix_[self.rows_[name]].T).toarray()[0, 0])


# --- building cases ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Posting:
    name: str
    title: str | None
    document: Document
    labels: frozenset[str]


@dataclass(frozen=True)
class _Resume:
    name: str
    labels: frozenset[str]


@dataclass
class _Source:
    """One data set: postings, resumes (read on demand, kept in memory) and trade relations."""

    name: str
    postings: list[_Posting]
    resumes: list[_Resume]
    read: Callable[[str], str]
    same_trade: Callable[[_Resume, _Posting], bool]
    other_trade: Callable[[_Resume, _Posting], bool]
    tfidf: TfidfKeyTerms
    # Where the surface goes: after the name line, or in place of the first (headline) line.
    headline: str = "after_name"
    # rjdb only: (job posting name, matched resume text, unmatched resume text).
    triples: list[tuple[str, str, str]] = field(default_factory=list)
    _documents: dict[str, Document | None] = field(default_factory=dict)
    _terms: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def resume(self, ref: _Resume) -> Document | None:
        """The resume as a `Document` (None when it cannot be read)."""
        if ref.name not in self._documents:
            try:
                text = self.read(ref.name)
                self._documents[ref.name] = document_from_text(text, "resume", name=ref.name)
            except FitAnalyzerError:
                self._documents[ref.name] = None
        return self._documents[ref.name]

    def key_terms(self, posting: _Posting, source: str) -> list[str]:
        key = (posting.name, source)
        if key not in self._terms:
            self._terms[key] = (
                model_key_terms(posting.document)
                if source == "model"
                else self.tfidf.terms(posting.name)
            )
        return self._terms[key]

    def pick(
        self, rng: random.Random, candidates: Sequence[_Resume], tries: int = 5
    ) -> tuple[_Resume, Document] | None:
        """A random readable resume among ``candidates``."""
        for _ in range(min(tries, len(candidates))):
            ref = rng.choice(candidates)
            document = self.resume(ref)
            if document is not None:
                return ref, document
        return None


def build_cases(
    data: Path,
    *,
    seed: int,
    per_family: int,
    halves: Sequence[str] = HALVES,
    datasets: Sequence[str] = DATASETS,
) -> list[Case]:
    """Build the cases of every family from the data sets found under ``data``.

    Up to ``per_family`` groups per data set and variant (and rjdb triples), sampled with
    ``seed``; only the cases of ``halves`` are returned (the same ones whatever ``halves``
    is). Data sets whose folders are missing are left out.
    """
    if unknown := set(halves) - set(HALVES):
        raise ValueError(f"halves must be among {HALVES}, not {sorted(unknown)}")
    cases: list[Case] = []
    for name in datasets:
        source = _LOADERS[name](data)
        if source is None:
            continue
        cases += _surface_cases(source, seed, per_family)
        cases += _trimmed_cases(source, seed, per_family)
        cases += _triple_cases(source, seed, per_family)
    return [case for case in cases if case.half in halves]


def available_datasets(data: Path) -> list[str]:
    """The data sets whose files are under ``data``."""
    needed = {
        "postjobfree": [data / "postjobfree" / "labels.csv"],
        "livecareer": [data / "livecareer", data / "monster" / "jobs_sample.csv"],
        "rjdb": [data / "rjdb" / "triples.jsonl"],
    }
    return [name for name in DATASETS if all(path.exists() for path in needed[name])]


def half_of(posting: str, *resumes: str) -> str:
    """'dev' or 'check', from a stable hash of the posting's and resumes' names."""
    digest = hashlib.sha256("|".join((posting, *sorted(resumes))).encode("utf-8")).digest()
    return HALVES[digest[0] % 2]


def _surface_cases(source: _Source, seed: int, per_family: int) -> list[Case]:
    """Stuffed and control cases: one posting, one other-trade and one same-trade resume,
    given the same surface in every style and with the key terms of every source.

    The control is, of `CANDIDATES` random same-trade resumes, the one most like the posting
    by the cosine of plain TF-IDF vectors, and the stuffed resume is, of as many other-trade
    ones, the one least like it: a trade label alone (postjobfree has six, livecareer
    tags are coarse) neither makes a resume fit a posting nor makes its work another trade's.
    Postings and resumes are chosen by titles, labels
    and TF-IDF terms only, so that the sample does not move when the model changes; a model
    variant is left out for a posting the model finds fewer than `MIN_KEY_TERMS` key terms in.
    """
    rng = random.Random(f"{seed}:{source.name}:surface")
    postings = [p for p in source.postings if p.title]
    rng.shuffle(postings)
    cases: list[Case] = []
    groups = 0
    for posting in postings:
        if groups == per_family:
            break
        if len(source.key_terms(posting, "tfidf")) < MIN_KEY_TERMS:
            continue
        same = [r for r in source.resumes if source.same_trade(r, posting)]
        other = [r for r in source.resumes if source.other_trade(r, posting)]
        candidates = [c for c in (source.pick(rng, same) for _ in range(CANDIDATES)) if c]
        donors = [c for c in (source.pick(rng, other) for _ in range(CANDIDATES)) if c]
        if not candidates or not donors:
            continue
        likeness = functools.partial(_likeness, source.tfidf, posting.name)
        control, stuffed = max(candidates, key=likeness), min(donors, key=likeness)
        groups += 1
        half = half_of(posting.name, control[0].name, stuffed[0].name)
        for kind in SOURCES:
            terms = source.key_terms(posting, kind)
            if len(terms) < MIN_KEY_TERMS:
                continue
            for style in STYLES:
                variant = f"{style}/{kind}"
                built = [
                    (family, _tailored(ref, resume, posting.title or "", terms, style, source))
                    for family, (ref, resume) in (("stuffed", stuffed), ("control", control))
                ]
                cases += [
                    Case(
                        family,
                        variant,
                        source.name,
                        half,
                        f"{source.name}:{variant}:{posting.name}",
                        resume,
                        posting.document,
                        tuple(terms),
                    )
                    for family, resume in built
                    if resume is not None and all(r is not None for _, r in built)
                ]
    return cases


def _likeness(tfidf: TfidfKeyTerms, posting: str, picked: tuple[_Resume, Document]) -> float:
    return tfidf.similarity(picked[1].text, posting)


def _tailored(
    ref: _Resume, resume: Document, title: str, terms: list[str], style: str, source: _Source
) -> Document | None:
    text = tailor(resume, title, terms, style, headline=source.headline)
    return _document(text, f"{ref.name}#{style}-{_digest([title, *terms])}")


def _trimmed_cases(source: _Source, seed: int, per_family: int) -> list[Case]:
    """Trimmed and original cases: a same-trade resume without the key terms' sentences."""
    rng = random.Random(f"{seed}:{source.name}:trimmed")
    postings = list(source.postings)
    rng.shuffle(postings)
    counts = Counter[str]()
    cases: list[Case] = []
    for posting in postings:
        if min(counts[kind] for kind in SOURCES) >= per_family:
            break
        picked = source.pick(rng, [r for r in source.resumes if source.same_trade(r, posting)])
        if picked is None:
            continue
        ref, original = picked
        half = half_of(posting.name, ref.name)
        for kind in SOURCES:
            terms = source.key_terms(posting, kind)
            if counts[kind] >= per_family or len(terms) < MIN_KEY_TERMS:
                continue
            text = trim(original, terms)
            trimmed = _document(text, f"{ref.name}#trimmed-{_digest(terms)}") if text else None
            if trimmed is None:
                continue
            variant, group = f"trim/{kind}", f"{source.name}:trim/{kind}:{posting.name}:{ref.name}"
            for family, resume in (("trimmed", trimmed), ("original", original)):
                cases.append(
                    Case(
                        family,
                        variant,
                        source.name,
                        half,
                        group,
                        resume,
                        posting.document,
                        tuple(terms),
                    )
                )
            counts[kind] += 1
    return cases


def _triple_cases(source: _Source, seed: int, per_family: int) -> list[Case]:
    """rjdb triples: the matched and the unmatched resume against the job."""
    rng = random.Random(f"{seed}:{source.name}:triples")
    postings = {p.name: p for p in source.postings}
    triples = [t for t in source.triples if t[0] in postings]
    cases: list[Case] = []
    for job, matched_text, unmatched_text in rng.sample(triples, min(per_family, len(triples))):
        matched = _document(matched_text, f"{job}#matched")
        unmatched = _document(unmatched_text, f"{job}#unmatched")
        if matched is None or unmatched is None:
            continue
        half = half_of(job, matched.path, unmatched.path)
        for family, resume in (("matched", matched), ("unmatched", unmatched)):
            cases.append(
                Case(
                    family,
                    "triple",
                    source.name,
                    half,
                    f"{source.name}:triple:{job}",
                    resume,
                    postings[job].document,
                )
            )
    return cases


def _document(text: str, name: str, role: str = "resume") -> Document | None:
    try:
        return document_from_text(text, role, name=name)
    except FitAnalyzerError:
        return None


def _digest(terms: Iterable[str]) -> str:
    return hashlib.sha256("|".join(terms).encode("utf-8")).hexdigest()[:8]


# --- surfaces and trimming ----------------------------------------------------------------


def listing(items: Sequence[str]) -> str:
    """'a, b and c'."""
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else "".join(items)


def summary_sentence(title: str, terms: Sequence[str]) -> str:
    """A one-line summary naming the first `SUMMARY_TERMS` of ``terms``."""
    return f"Experienced {title} with hands-on experience in {listing(terms[:SUMMARY_TERMS])}."


def surface_lines(style: str, title: str, terms: Sequence[str]) -> list[str]:
    """The tailored surface of ``style`` "a" or "c": headline, summary and key-term list."""
    if style == "a":
        return [title, "Summary", summary_sentence(title, terms), "Skills", ", ".join(terms)]
    if style == "c":
        profile = (
            f"{title} professional with a proven record in {listing(terms[:3])}. "
            f"Brings {listing(terms[3:SUMMARY_TERMS])} to every team."
        )
        return [title, "Profile", profile, "Core Competencies: • " + " • ".join(terms)]
    raise ValueError(f"style must be 'a' or 'c' for lines, not {style!r}")


_NAME_FIELD_RE = re.compile(r"^\s*name\s*:", re.IGNORECASE)
_MARKUP_RE = re.compile(r"^[\s#*•\-]+")
# A name block longer than this holds the resume's body: `tailor` and `trim` do not treat
# it as a name block.
_MAX_PREAMBLE_WORDS = 60


def tailor(resume: Document, title: str, terms: Sequence[str], style: str, *, headline: str) -> str:
    """The resume's text with a surface tailored to a posting (``style`` "a", "b" or "c").

    Style "b" puts the title, a summary sentence and the terms at the front of the whole
    resume flattened to one line. The others put the title as headline after the name line
    (a "Name:" field, or a short first line that is not a heading) or, when ``headline`` is
    "replace_first", in place of a short first line (the resume's own headline); the rest of
    `surface_lines` follows the name block (before the first heading), as on a real resume.
    """
    if style == "b":
        flat = " ".join(resume.text.split())
        return f"{title}. {summary_sentence(title, terms)} {', '.join(terms)}. {flat}"
    headline_line, *block = surface_lines(style, title, terms)
    lines = resume.text.splitlines()
    headings = {s.heading.strip().lower() for s in resume.sections if s.heading}

    def is_heading(line: str) -> bool:
        return _MARKUP_RE.sub("", line).strip().rstrip(":").lower() in headings

    filled = [k for k, line in enumerate(lines) if line.strip()]
    name = next((k for k in filled[:6] if _NAME_FIELD_RE.match(lines[k])), None)
    if name is None and filled:
        first = lines[filled[0]].strip()
        limit = 8 if headline == "replace_first" else 6
        if not is_heading(first) and len(first.split()) <= limit:
            name = filled[0]
    if name is None:  # no name line: everything goes at the top
        at = filled[0] if filled else 0
        return "\n".join([*lines[:at], headline_line, *block, *lines[at:]])
    replace = headline == "replace_first" and name == filled[0]
    rest = lines[name + 1 :]
    end = next((k for k, line in enumerate(rest) if is_heading(line)), len(rest))
    if len(" ".join(rest[:end]).split()) > _MAX_PREAMBLE_WORDS:
        end = 0
    return "\n".join(
        [
            *lines[: name + (0 if replace else 1)],
            headline_line,
            *rest[:end],
            *block,
            *rest[end:],
        ]
    )


_PIECE_RE = re.compile(r"(?<=[.!?;])\s+|\s+[•●▪◦■]\s*")
_INLINE_HEADING_RE = re.compile(r"^(\s*[^:]{2,60}:)\s*(.*)$")


def trim(resume: Document, terms: Sequence[str]) -> str | None:
    """The resume's text without the sentences and bullet lines that carry any of ``terms``.

    A sentence carries a term when the stems of the term's words appear in it in a row.
    Heading lines (and the heading of an inline "Skills: …" line) and a short name block
    are kept. Returns None when nothing carries a term.
    """
    term_stems = _term_stems(terms)
    headings = {s.heading.strip().lower() for s in resume.sections if s.heading}
    preamble = resume.section_text("contact")
    kept_whole = (
        {line.strip() for line in preamble.splitlines()}
        if resume.sections
        and resume.sections[0].name == "contact"
        and len(preamble.split()) <= _MAX_PREAMBLE_WORDS
        else set()
    )

    def is_heading(text: str) -> bool:
        bare = _MARKUP_RE.sub("", text).strip()
        # "EXPERIENCE:" glued to the end of a line is a heading the reader may have missed.
        return bare.rstrip(":").lower() in headings or (
            bare.endswith(":") and len(bare.split()) <= 3 and bare.upper() == bare
        )

    out: list[str] = []
    removed = 0
    for line in resume.text.splitlines():
        stripped = line.strip()
        if not stripped or stripped in kept_whole or is_heading(stripped):
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        prefix, rest = "", stripped
        inline = _INLINE_HEADING_RE.match(stripped)
        if inline and is_heading(inline.group(1)):
            prefix, rest = inline.group(1), inline.group(2)
        pieces = [p for p in _PIECE_RE.split(rest) if p and p.strip()]
        kept = [p for p in pieces if is_heading(p) or not _carries(p, term_stems)]
        removed += len(pieces) - len(kept)
        if kept or prefix:
            out.append(indent + " ".join([prefix, *kept]).strip())
    return "\n".join(out) if removed else None


def _term_stems(terms: Iterable[str]) -> list[tuple[str, ...]]:
    return [s for s in (tuple(stem(w) for w in tokenize(t)) for t in terms) if s]


def _carries(text: str, term_stems: Sequence[tuple[str, ...]]) -> bool:
    stems = [stem(w) for w in tokenize(text)]
    for term in term_stems:
        n = len(term)
        if any(tuple(stems[k : k + n]) == term for k in range(len(stems) - n + 1)):
            return True
    return False


# --- data sets ------------------------------------------------------------------------------


def _postjobfree(data: Path) -> _Source | None:
    folder = data / "postjobfree"
    if not (folder / "labels.csv").is_file():
        return None
    resume_labels, posting_labels = read_labels(folder)
    texts = {name: read_postjobfree(folder / name) for name, _ in posting_labels}
    postings = []
    for name, labels in posting_labels:
        document = _document(texts[name], name, "posting")
        if document is not None:
            postings.append(
                _Posting(name, postjobfree_title(texts[name]), document, frozenset(labels))
            )

    def side(labels: frozenset[str]) -> int | None:
        return next((k for k, s in enumerate(POSTJOBFREE_SIDES) if labels <= s), None)

    def other(resume: _Resume, posting: _Posting) -> bool:
        a, b = side(resume.labels), side(posting.labels)
        return a is not None and b is not None and a != b

    return _Source(
        "postjobfree",
        postings,
        [_Resume(name, frozenset(labels)) for name, labels in resume_labels],
        lambda name: read_postjobfree(folder / name),
        lambda resume, posting: bool(resume.labels & posting.labels),
        other,
        TfidfKeyTerms(texts),
    )


def _livecareer(data: Path) -> _Source | None:
    folder, monster = data / "livecareer", data / "monster" / "jobs_sample.csv"
    if not folder.is_dir() or not monster.is_file():
        return None
    rows = read_monster(monster)
    texts = {name: f"{monster_title(raw)}\n\n{text}" for name, raw, text in rows}
    labelled = [
        (name, raw, field_of(raw))
        for name, raw, text in rows
        if len(text.split()) >= 80 and field_of(raw) in LIVECAREER_TAGS
    ]
    counts = Counter(f for _, _, f in labelled)
    postings = []
    for name, raw, found in labelled:
        document = _document(texts[name], name, "posting")
        if found and counts[found] >= MIN_POSTINGS and document is not None:
            postings.append(_Posting(name, monster_title(raw), document, frozenset({found})))

    def tags(labels: frozenset[str]) -> set[str]:
        return {tag for label in labels for tag in LIVECAREER_TAGS.get(label, ())}

    def read(name: str) -> str:
        return load_document(folder / name, "resume", pdf_engine="pdfium").text

    return _Source(
        "livecareer",
        postings,
        [
            _Resume(name, frozenset({category}))
            for name, category in livecareer_resumes(folder)
            if category in LIVECAREER_TAGS
        ],
        read,
        lambda resume, posting: resume.labels == posting.labels,
        lambda resume, posting: not tags(resume.labels) & tags(posting.labels),
        TfidfKeyTerms(texts),
        headline="replace_first",
    )


def _rjdb(data: Path) -> _Source | None:
    path = data / "rjdb" / "triples.jsonl"
    if not path.is_file():
        return None
    rows = read_rjdb(path)
    names = [f"rjdb-{k:03d}" for k in range(len(rows))]
    texts = {name: row["job"] for name, row in zip(names, rows, strict=True)}
    postings = []
    for name, row in zip(names, rows, strict=True):
        document = _document(row["job"], name, "posting")
        if document is not None:
            postings.append(_Posting(name, rjdb_title(row["job"]), document, frozenset({name})))
    title_words = {
        p.name: set(tokenize(p.title or "")) - RJDB_TITLE_STOP for p in postings if p.title
    }
    tfidf = TfidfKeyTerms(texts)
    matched = {name: row["matched"] for name, row in zip(names, rows, strict=True)}

    def other(resume: _Resume, posting: _Posting) -> bool:
        (job,) = resume.labels
        return (
            job in title_words
            and posting.name in title_words
            and not title_words[job] & title_words[posting.name]
            and tfidf.cosine(job, posting.name) < RJDB_MAX_COSINE
        )

    return _Source(
        "rjdb",
        postings,
        [_Resume(f"{name}#matched", frozenset({name})) for name in names],
        lambda name: matched[name.split("#")[0]],
        lambda resume, posting: resume.labels == posting.labels,
        other,
        tfidf,
        triples=[
            (name, row["matched"], row["unmatched"]) for name, row in zip(names, rows, strict=True)
        ],
    )


_LOADERS: dict[str, Callable[[Path], _Source | None]] = {
    "postjobfree": _postjobfree,
    "livecareer": _livecareer,
    "rjdb": _rjdb,
}


# --- scoring and figures -----------------------------------------------------------------


def score_cases(cases: Sequence[Case]) -> list[FitReport | Exception]:
    """Assess every case through `fit_analyzer.assess_many`, one call per posting.

    An exception raised by the assessment takes the place of the report it prevented (when
    a call fails, its pairs are retried one by one, so one bad pair costs only itself).
    """
    by_posting: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, case in enumerate(cases):
        by_posting[(case.posting.path, case.posting.sha256)].append(k)
    results: list[FitReport | Exception] = [ValueError("not scored")] * len(cases)
    for indices in by_posting.values():
        posting = cases[indices[0]].posting
        resumes = {_key(cases[k].resume): cases[k].resume for k in indices}
        reports: dict[tuple[str, str], FitReport | Exception]
        try:
            reports = dict(
                zip(resumes, assess_many(list(resumes.values()), [posting]), strict=True)
            )
        except Exception:
            reports = {}
            for key, resume in resumes.items():
                try:
                    reports[key] = next(assess_many([resume], [posting]))
                except Exception as exc:
                    reports[key] = exc
        for k in indices:
            results[k] = reports[_key(cases[k].resume)]
    return results


def _key(document: Document) -> tuple[str, str]:
    return document.path, document.sha256


def evaluate(cases: Sequence[Case], reports: Sequence[FitReport | Exception]) -> dict[str, Any]:
    """The figures of every half: overall, by data set, by variant, by data set and variant.

    ``reports`` line up with ``cases`` (as `score_cases` returns them); an exception counts
    as a crash. Shares are fractions (None when nothing was measured).
    """
    rows = list(zip(cases, reports, strict=True))
    halves: dict[str, Any] = {}
    for half in HALVES:
        mine = [(c, r) for c, r in rows if c.half == half]
        if not mine:
            continue
        datasets = sorted({c.dataset for c, _ in mine}, key=_order)
        variants = sorted({c.variant for c, _ in mine}, key=_order)
        halves[half] = {
            "overall": _figures(mine),
            "component_100": {
                family: _figures([x for x in mine if family in ("all", x[0].family)])[
                    "component_100"
                ]
                for family in ("all", *FAMILIES)
            },
            "by_dataset": {d: _figures([x for x in mine if x[0].dataset == d]) for d in datasets},
            "by_variant": {v: _figures([x for x in mine if x[0].variant == v]) for v in variants},
            "by_dataset_variant": {
                d: {
                    v: _figures([x for x in mine if x[0].dataset == d and x[0].variant == v])
                    for v in variants
                    if any(c.dataset == d and c.variant == v for c, _ in mine)
                }
                for d in datasets
            },
        }
    crashes = [(c, r) for c, r in rows if isinstance(r, Exception)]
    return {
        "targets": {name: list(target) for name, target in TARGETS.items()},
        "cases": Counter(f"{c.dataset} {c.family}" for c in cases),
        "halves": halves,
        "crashes": len(crashes),
        "crash_messages": [
            f"{c.dataset} {c.family} {c.variant} {c.resume.path} x {c.posting.path}: "
            f"{type(r).__name__}: {r}"
            for c, r in crashes[:5]
        ],
    }


def _order(name: str) -> tuple[int, str]:
    known = [*DATASETS, *(f"{s}/{k}" for s in STYLES for k in SOURCES)]
    known += [*(f"trim/{k}" for k in SOURCES), "triple"]
    return (known.index(name) if name in known else len(known), name)


def _figures(rows: Sequence[tuple[Case, FitReport | Exception]]) -> dict[str, Any]:
    scored = [(c, r) for c, r in rows if isinstance(r, FitReport)]
    by_family: dict[str, list[FitReport]] = defaultdict(list)
    groups: dict[str, dict[str, FitReport]] = defaultdict(dict)
    for case, report in scored:
        by_family[case.family].append(report)
        groups[case.group][case.family] = report

    def flagged(family: str) -> float | None:
        return _share(r.verdict == "poorly_targeted" for r in by_family[family])

    def beats(better: str, worse: str, *, ties: bool) -> list[bool]:
        return [
            g[better].scores.fit > g[worse].scores.fit - TIE
            if ties
            else g[better].scores.fit > g[worse].scores.fit + TIE
            for g in groups.values()
            if better in g and worse in g
        ]

    control_wins = beats("control", "stuffed", ties=False)
    not_higher = beats("original", "trimmed", ties=True)
    matched_wins = beats("matched", "unmatched", ties=False)
    return {
        "cases": len(rows),
        "scored": len(scored),
        "crashes": len(rows) - len(scored),
        "stuffed": len(by_family["stuffed"]),
        "stuffed_flagged": flagged("stuffed"),
        "stuffed_strong": sum(r.verdict == "strong_fit" for r in by_family["stuffed"]),
        "controls": len(by_family["control"]),
        "controls_flagged": flagged("control"),
        "control_pairs": len(control_wins),
        "control_beats_stuffed": _share(control_wins),
        "trimmed": len(by_family["trimmed"]),
        "trimmed_not_higher": _share(not_higher),
        "trimmed_flagged": flagged("trimmed"),
        "originals_flagged": flagged("original"),
        "triples": len(matched_wins),
        "matched_beats_unmatched": _share(matched_wins),
        "any_component_100": _share(_any_full(r) for _, r in scored),
        "component_100": {
            name: _share(getattr(r.scores, name) >= FULL_SCORE for _, r in scored)
            for name in _score_fields(scored)
        },
    }


def _share(flags: Iterable[bool]) -> float | None:
    values = list(flags)
    return sum(values) / len(values) if values else None


def _any_full(report: FitReport) -> bool:
    return any(getattr(report.scores, name) >= FULL_SCORE for name in _score_fields([report]))


def _score_fields(reports: Iterable[FitReport | tuple[Case, FitReport]]) -> list[str]:
    """The float fields of the first report's `scores` (every component and the fit)."""
    for item in reports:
        scores = (item[1] if isinstance(item, tuple) else item).scores
        return [
            f.name for f in dataclasses.fields(scores) if isinstance(getattr(scores, f.name), float)
        ]
    return []


# --- printing ------------------------------------------------------------------------------

COLUMNS = (
    ("stuffed_flagged", "stuf.flag"),
    ("stuffed_strong", "stuf.strong"),
    ("controls_flagged", "ctrl.flag"),
    ("control_beats_stuffed", "ctrl>stuf"),
    ("trimmed_not_higher", "trim<=orig"),
    ("trimmed_flagged", "trim.flag"),
    ("originals_flagged", "orig.flag"),
    ("matched_beats_unmatched", "match>un"),
    ("any_component_100", "any100"),
    ("crashes", "crash"),
)
COUNTS = {"stuffed_strong", "crashes"}


LEGEND = (
    "shares in %: stuf.flag/ctrl.flag/trim.flag/orig.flag = flagged poorly_targeted; "
    "stuf.strong = stuffed called strong_fit (count);\nctrl>stuf = control fit above its "
    "stuffed pair's; trim<=orig = trimmed fit not above its original's; match>un = rjdb "
    "matched above unmatched;\nany100 = pairs with a score component >= 99.5; "
    "cases = scored and crashed cases of both families of the row"
)


def render_table(figures: dict[str, Any]) -> str:
    """The figures as one compact table per half, shares in percent."""
    lines = [LEGEND]
    header = f"{'data set':<12}{'variant':<11}{'cases':>6}" + "".join(
        f"{title:>12}" for _, title in COLUMNS
    )
    for half, parts in figures["halves"].items():
        lines += [f"\nhalf: {half}", header]
        for dataset, variants in parts["by_dataset_variant"].items():
            for variant, values in variants.items():
                lines.append(_row(dataset, variant, values))
            lines += [_row(dataset, "all", parts["by_dataset"][dataset]), ""]
        for variant, values in parts["by_variant"].items():
            lines.append(_row("all", variant, values))
        lines.append(_row("ALL", "all", parts["overall"]))
        for family in ("all", "stuffed", "control", "trimmed", "original"):
            at_full = parts["component_100"][family]
            lines.append(
                f"at 100 ({family}): "
                + ", ".join(f"{k} {100 * v:.1f}%" for k, v in at_full.items() if v is not None)
            )
        lines.append("targets: " + _verdicts(parts["overall"]))
    return "\n".join(lines)


def _row(dataset: str, variant: str, values: dict[str, Any]) -> str:
    cells = []
    for key, _ in COLUMNS:
        value = values[key]
        if value is None or (key == "stuffed_strong" and not values["stuffed"]):
            cells.append(f"{'-':>12}")
        elif key in COUNTS:
            cells.append(f"{value:>12d}")
        else:
            cells.append(f"{100 * value:>12.1f}")
    return f"{dataset:<12}{variant:<11}{values['cases']:>6}" + "".join(cells)


def _verdicts(values: dict[str, Any]) -> str:
    out = []
    for key, (relation, target) in TARGETS.items():
        value = values[key]
        if value is None:
            continue
        ok = value >= target if relation == ">=" else value <= target
        shown = f"{value}" if key in COUNTS else f"{100 * value:.1f}%"
        limit = f"{target}" if key in COUNTS else f"{100 * target:.0f}%"
        out.append(f"{key} {shown} {relation} {limit} {'ok' if ok else 'MISSED'}")
    return "; ".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--per-family",
        type=int,
        default=60,
        help="groups per data set and variant (default 60)",
    )
    parser.add_argument("--datasets", nargs="+", choices=DATASETS, default=list(DATASETS))
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    found = [name for name in available_datasets(args.data) if name in args.datasets]
    if not found:
        print(f"skipped: {args.data} has none of {', '.join(args.datasets)} (pass --data)")
        return 0
    for name in args.datasets:
        if name not in found:
            print(f"skipped {name}: not found under {args.data}")
    started = time.perf_counter()
    cases = build_cases(args.data, seed=args.seed, per_family=args.per_family, datasets=found)
    built = time.perf_counter()
    reports = score_cases(cases)
    scored = time.perf_counter()
    figures = evaluate(cases, reports)
    figures["settings"] = {
        "seed": args.seed,
        "per_family": args.per_family,
        "datasets": found,
        "key_terms": KEY_TERMS,
    }
    figures["seconds"] = {"build": round(built - started, 1), "score": round(scored - built, 1)}
    print(
        f"{len(cases)} cases ({', '.join(f'{k}: {v}' for k, v in figures['cases'].items())}); "
        f"build {built - started:.0f} s, score {scored - built:.0f} s"
    )
    print(render_table(figures))
    if figures["crashes"]:
        print(f"\n{figures['crashes']} crashes; first: ")
        print("\n".join(f"  {message}" for message in figures["crash_messages"]))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
