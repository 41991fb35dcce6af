"""How well does `fit` tell fitting pairs from the rest? Measured on the postjobfree data.

Scores every single-occupation resume against every posting through the public API and
prints pairwise ROC AUC, P@10 and top-1 occupation accuracy (as defined in
shared/data/README.md), with plain scikit-learn TF-IDF baselines from the same run, and the
verdict distribution for fit and non-fit pairs.

    python benchmarks/quality.py [--data ../shared/data] [--resumes N]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.datasets import DEFAULT_DATA, read_labels, read_postjobfree
from fit_analyzer import Document, DocumentError, assess_many, document_from_text
from fit_analyzer.text import stem, tokenize


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--resumes",
        type=int,
        default=0,
        help="use only the first N resumes (0: all), for a quick look",
    )
    args = parser.parse_args()
    folder = args.data / "postjobfree"
    if not (folder / "labels.csv").is_file():
        print(f"skipped: {folder} not found (pass --data)")
        return 0
    resumes, postings = read_labels(folder)
    if args.resumes:
        resumes = resumes[: args.resumes]
    started = time.perf_counter()
    resume_docs = [
        document_from_text(read_postjobfree(folder / name), "resume", name=name)
        for name, _ in resumes
    ]
    posting_docs = [
        document_from_text(read_postjobfree(folder / name), "posting", name=name)
        for name, _ in postings
    ]
    parsed = time.perf_counter()
    fit = np.zeros((len(resume_docs), len(posting_docs)))
    verdicts = np.empty(fit.shape, dtype=object)
    for k, report in enumerate(assess_many(resume_docs, posting_docs)):
        i, j = divmod(k, len(posting_docs))
        fit[i, j] = report.scores.fit
        verdicts[i, j] = report.verdict
    scored = time.perf_counter()
    truth = np.array(
        [[occupation in labels for _, labels in postings] for (_, (occupation,)) in resumes]
    )
    occupations = [labels for _, labels in postings]
    print(
        f"{len(resume_docs)} resumes x {len(posting_docs)} postings; parse "
        f"{parsed - started:.1f} s, score {scored - parsed:.1f} s"
    )
    print(f"{'method':<44}{'ROC AUC':>9}{'P@10':>7}{'top-1':>7}")
    rows = {
        "fit-analyzer fit": fit,
        "TfidfVectorizer() defaults": baseline(
            [d.text for d in resume_docs], [d.text for d in posting_docs], tuned=False
        ),
        "TfidfVectorizer tuned (README table)": baseline(
            [d.text for d in resume_docs], [d.text for d in posting_docs], tuned=True
        ),
    }
    for name, scores in rows.items():
        auc, p10, top1 = metrics(scores, truth, occupations, [r[1][0] for r in resumes])
        print(f"{name:<44}{auc:>9.3f}{p10:>7.3f}{top1:>7.3f}")
    print("\nverdicts        " + "  ".join(f"{v:>16}" for v in VERDICT_ORDER))
    for label, mask in (("fit pairs", truth), ("non-fit pairs", ~truth)):
        counts = Counter(verdicts[mask])
        total = mask.sum()
        print(
            f"{label:<16}" + "  ".join(f"{100 * counts[v] / total:>15.1f}%" for v in VERDICT_ORDER)
        )
    flagged, false_flags = poorly_targeted_rates(resume_docs, posting_docs, truth, verdicts)
    print(f"\nconstructed poorly-targeted cases flagged: {100 * flagged:.1f}%  (target >= 90%)")
    print(f"untouched fitting pairs flagged:          {100 * false_flags:.1f}%  (target <= 10%)")
    return 0


def poorly_targeted_rates(
    resumes: list[Document], postings: list[Document], truth: np.ndarray, verdicts: np.ndarray
) -> tuple[float, float]:
    """Flag rate on constructed poorly-targeted cases, and on the untouched fitting pairs.

    A case keeps a fitting resume's headline and summary and removes every sentence that
    carries one of the posting's key terms: it looks right but shows none of the substance.
    """
    cases = surface_only_cases(resumes, postings, truth)
    flagged = sum(
        next(assess_many([case], [posting])).verdict == "poorly_targeted" for case, posting in cases
    )
    false_flags = float(np.mean(verdicts[truth] == "poorly_targeted"))
    return flagged / max(1, len(cases)), false_flags


def surface_only_cases(
    resumes: list[Document], postings: list[Document], truth: np.ndarray
) -> list[tuple[Document, Document]]:
    """One surface-only case per resume, against its first fitting posting."""
    cases = []
    for i, resume in enumerate(resumes):
        fitting = np.flatnonzero(truth[i])
        if fitting.size:
            posting = postings[int(fitting[0])]
            case = surface_only(resume, posting)
            if case is not None:
                cases.append((case, posting))
    return cases


def surface_only(resume: Document, posting: Document) -> Document | None:
    """Return the resume's headline and summary without the sentences that hold key terms."""
    report = next(assess_many([resume], [posting]))
    key_stems = {stem(word) for t in (*report.matched, *report.missing) for word in t.term.split()}
    kept_text = resume.section_text("contact", "summary") or resume.text[:600]
    sentences = re.split(r"(?<=[.!?;])\s+|\n", kept_text)
    kept = [s for s in sentences if not key_stems & {stem(w) for w in tokenize(s)}]
    text = "\n".join(s for s in kept if s.strip())
    try:
        return document_from_text(text, "resume", name=f"{resume.path}#surface-only")
    except DocumentError:  # too little left to be a resume
        return None


VERDICT_ORDER = ("strong_fit", "partial_fit", "poorly_targeted", "not_a_fit")


def baseline(resumes: list[str], postings: list[str], *, tuned: bool) -> np.ndarray:
    """Cosine of plain scikit-learn TF-IDF vectors fitted on all the documents."""
    options = dict(sublinear_tf=True, stop_words="english", ngram_range=(1, 2), min_df=2)
    vectorizer = TfidfVectorizer(**options) if tuned else TfidfVectorizer()
    matrix = vectorizer.fit_transform(resumes + postings)
    return np.asarray((matrix[: len(resumes)] @ matrix[len(resumes) :].T).todense())


def metrics(
    scores: np.ndarray,
    truth: np.ndarray,
    posting_labels: list[tuple[str, ...]],
    resume_labels: list[str],
) -> tuple[float, float, float]:
    """Pairwise ROC AUC, mean P@10 and top-1 occupation accuracy."""
    auc = float(roc_auc_score(truth.ravel(), scores.ravel()))
    top10 = np.argsort(-scores, axis=1, kind="stable")[:, :10]
    p10 = float(np.mean(np.take_along_axis(truth, top10, axis=1)))
    occupations = sorted({o for labels in posting_labels for o in labels})
    member = np.array([[o in labels for labels in posting_labels] for o in occupations])
    means = (scores @ member.T) / member.sum(axis=1)
    top1 = float(
        np.mean(
            [
                occupations[k] == label
                for k, label in zip(means.argmax(axis=1), resume_labels, strict=True)
            ]
        )
    )
    return auc, p10, top1


if __name__ == "__main__":
    sys.exit(main())
