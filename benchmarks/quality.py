"""How well does `fit` tell fitting pairs from the rest? Measured on the postjobfree data.

Scores every single-occupation resume against every posting through the public API and
prints pairwise ROC AUC, P@10 and top-1 occupation accuracy (as defined in
shared/data/README.md), with plain scikit-learn TF-IDF baselines from the same run, and the
verdict distribution for fit and non-fit pairs.

    python benchmarks/quality.py [--data ../shared/data] [--resumes N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.datasets import DEFAULT_DATA, read_labels, read_postjobfree
from fit_analyzer import assess_many, document_from_text


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
    print("(keyword-stuffed and trimmed resumes are measured by benchmarks/families.py)")
    return 0


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
