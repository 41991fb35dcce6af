"""Does placing documents among the O*NET occupations tell fitting pairs apart? postjobfree data.

For every single-occupation resume against every posting, prints the pairwise ROC AUC of
(a) the plain background-IDF cosine, (b) `occupation_similarity`, and (c) simple mixes of
the two; then the top occupations of a few random resumes and postings, for a human to judge.

    python benchmarks/occupations.py [--data ../shared/data] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np
from scipy.stats import rankdata
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.datasets import DEFAULT_DATA, read_labels, read_postjobfree
from fit_analyzer.model import default_model
from fit_analyzer.occupations import default_occupations, occupation_similarities
from fit_analyzer.vocabulary import Vocabulary

SHOWN = 5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=0, help="which random documents to show")
    args = parser.parse_args()
    folder = args.data / "postjobfree"
    if not (folder / "labels.csv").is_file():
        print(f"skipped: {folder} not found (pass --data)")
        return 0
    resumes, postings = read_labels(folder)
    model = default_model()
    index = default_occupations()
    vocabulary = model.vocabulary_

    started = time.perf_counter()
    resume_terms = [terms_of(folder / name, vocabulary) for name, _ in resumes]
    posting_terms = [terms_of(folder / name, vocabulary) for name, _ in postings]
    extracted = time.perf_counter()
    resume_places = index.place_many(resume_terms, model)
    posting_places = index.place_many(posting_terms, model)
    placed = time.perf_counter()
    occupation = occupation_similarities(resume_places, posting_places)
    compared = time.perf_counter()
    cosine = model.cosine(resume_terms, posting_terms)
    print(
        f"{len(resumes)} resumes x {len(postings)} postings, {len(index.codes)} occupations; "
        f"terms {extracted - started:.1f} s, placing {len(resumes) + len(postings)} documents "
        f"{placed - extracted:.2f} s, comparing all pairs {compared - placed:.2f} s"
    )

    truth = np.array([[label in labels for _, labels in postings] for _, (label,) in resumes])
    cosine_rank, occupation_rank = rankdata(cosine), rankdata(occupation)
    rows = {
        "(a) background-IDF cosine": cosine,
        "(b) occupation similarity": occupation,
        "0.5 rank(a) + 0.5 rank(b)": 0.5 * cosine_rank + 0.5 * occupation_rank,
        "0.3 rank(a) + 0.7 rank(b)": 0.3 * cosine_rank + 0.7 * occupation_rank,
        "a * b": cosine * occupation,
        "a * (1 + b)": cosine * (1 + occupation),
    }
    print(f"\n{'method':<32}{'ROC AUC':>9}")
    for name, scores in rows.items():
        print(f"{name:<32}{roc_auc_score(truth.ravel(), scores.ravel()):>9.3f}")

    rng = random.Random(args.seed)
    print("\nsample placements (top 3 occupations, cosine to the profile)")
    for kind, documents, places in (
        ("resume", resumes, resume_places),
        ("posting", postings, posting_places),
    ):
        for k in sorted(rng.sample(range(len(documents)), SHOWN)):
            name, labels = documents[k]
            top = "; ".join(f"{o.title} {o.score:.2f}" for o in places[k].top)
            print(f"{kind:<8}{Path(name).stem:<16}{'|'.join(labels):<20}{top}")
    return 0


def terms_of(path: Path, vocabulary: Vocabulary) -> list[str]:
    """Return the canonical terms of a postjobfree file."""
    return [t.canonical for t in vocabulary.terms(vocabulary.tokens(read_postjobfree(path)))]


if __name__ == "__main__":
    sys.exit(main())
