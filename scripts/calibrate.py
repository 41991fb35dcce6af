"""Calibrate the weights and verdict thresholds of `fit` on the postjobfree development data.

Writes corpora/model/calibration.json with the chosen values, the data used and the
resulting figures, so the calibration is reproducible and its evidence stays beside it:

    python scripts/calibrate.py --data ../shared/data

Every single-occupation resume is measured against every posting (a pair fits when the
resume's occupation is among the posting's). The weights maximise the pairwise ROC AUC of
`fit`; `not_a_fit` is the fit below which pairs are more often non-fitting (Youden's J);
`strong_fit` needs a fit that at most 1 % of non-fitting pairs reach; `poorly_targeted`
takes the surface and shown-coverage (covered with evidence) thresholds that flag the most
surface-only cases (see benchmarks/quality.py) while flagging at most 9 % of the untouched
fitting pairs (the target is 10 %); a resume that is all surface (no experience, projects or
skills section) counts as looking right whatever its surface score.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score, roc_curve

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.datasets import DEFAULT_DATA, read_labels, read_postjobfree  # noqa: E402
from benchmarks.quality import surface_only_cases  # noqa: E402
from fit_analyzer import Document, document_from_text  # noqa: E402
from fit_analyzer.analysis import measure_pairs, profile_postings, profile_resume  # noqa: E402
from fit_analyzer.model import CALIBRATION_FILE, FitModel, default_model  # noqa: E402

COMPONENTS = ("coverage", "similarity", "evidence", "title_match", "occupation_match")
# Measured beside the components, never weighted: 1 when the resume has no body sections.
ALL_SURFACE = len(COMPONENTS)
GRID_STEP = 0.1
# The target is 10 %; a point is kept in hand for data the calibration has not seen.
MAX_FALSE_FLAGS = 0.09
# A product decision, not a fitted value: at least this much of `fit` rewards covering the
# posting's requirements (coverage and evidence), even where the development data's labels
# (occupations, not targeting) would rank pairs slightly better by field alone.
MIN_SUBSTANCE_WEIGHT = 0.4
# Likewise: at most this much rewards the title, the cheapest thing to tailor, so a resume that
# only copies the posting's title stays well below one that covers the posting.
MAX_TITLE_WEIGHT = 0.3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--output", type=Path, default=REPO / "corpora" / CALIBRATION_FILE)
    parser.add_argument(
        "--sample",
        type=int,
        default=300_000,
        help="pairs sampled for the weight search (all pairs are scored)",
    )
    parser.add_argument(
        "--measurements",
        type=Path,
        help="keep the measured components in this .npz file and reuse them",
    )
    args = parser.parse_args()
    folder = args.data / "postjobfree"
    if not (folder / "labels.csv").is_file():
        print(f"{folder}: not found; pass --data pointing at shared/data", file=sys.stderr)
        return 1
    model = default_model()
    resume_labels, posting_labels = read_labels(folder)
    resumes = [
        document_from_text(read_postjobfree(folder / n), "resume", name=n) for n, _ in resume_labels
    ]
    postings = [
        document_from_text(read_postjobfree(folder / n), "posting", name=n)
        for n, _ in posting_labels
    ]
    truth = np.array(
        [
            [occupation in labels for _, labels in posting_labels]
            for _, (occupation,) in resume_labels
        ]
    )
    saved = np.load(args.measurements) if args.measurements and args.measurements.exists() else None
    if saved is not None and saved["pairs"].shape[-1] == ALL_SURFACE + 1:
        pairs, cases = saved["pairs"], saved["cases"]
    else:  # nothing saved, or saved before the all-surface column
        print(f"measuring {len(resumes)} x {len(postings)} pairs ...", flush=True)
        pairs = measure(resumes, postings, model)
        cases = measure_cases(resumes, postings, truth, model)
        if args.measurements:
            np.savez_compressed(args.measurements, pairs=pairs, cases=cases)

    similarity_scale = float(np.round(np.percentile(pairs[truth][:, 1], 90), 3))
    scaled = scale_similarity(pairs, similarity_scale)
    weights, auc = search_weights(scaled[..., :ALL_SURFACE], truth, args.sample)
    fit = 100 * scaled[..., :ALL_SURFACE] @ weights
    low = youden_threshold(fit[truth], fit[~truth])
    strong = float(np.round(np.percentile(fit[~truth], 99), 1))
    case_fit_scaled = scale_similarity(cases, similarity_scale)
    surface, coverage, flagged, false_flags = poorly_targeted_thresholds(
        100 * scaled[truth], 100 * case_fit_scaled
    )
    calibration = {
        "weights": dict(zip(COMPONENTS, (round(float(w), 2) for w in weights), strict=True)),
        "similarity_scale": similarity_scale,
        "key_terms": model.calibration_.key_terms,
        "key_term_min_idf": model.calibration_.key_term_min_idf,
        "strong_fit": {"fit": strong, "coverage": 50},
        "poorly_targeted": {"surface": surface, "coverage": coverage},
        "not_a_fit": {"fit": low},
        "calibrated_on": {
            "data": "postjobfree development half (ai-se/Resume_Job_Matching): "
            f"{len(resumes)} single-occupation resumes x {len(postings)} postings",
            "script": "scripts/calibrate.py",
            "pairwise_roc_auc": round(auc, 3),
            "min_substance_weight": MIN_SUBSTANCE_WEIGHT,
            "max_title_weight": MAX_TITLE_WEIGHT,
            "fit_pairs": int(truth.sum()),
            "surface_only_cases": len(cases),
            "surface_only_cases_flagged": round(flagged, 3),
            "fitting_pairs_flagged": round(false_flags, 3),
            "verdicts_of_fitting_pairs": verdict_shares(
                fit[truth], scaled[truth], calibration_of(strong, surface, coverage, low)
            ),
            "verdicts_of_non_fitting_pairs": verdict_shares(
                fit[~truth], scaled[~truth], calibration_of(strong, surface, coverage, low)
            ),
        },
    }
    args.output.write_text(json.dumps(calibration, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(calibration, indent=2))
    return 0


def measure(resumes: list[Document], postings: list[Document], model: FitModel) -> np.ndarray:
    """Return an (resumes, postings, components + all-surface) array of raw values, 0-1."""
    values = np.zeros((len(resumes), len(postings), len(COMPONENTS) + 1))
    resume_profiles = [profile_resume(r, model) for r in resumes]
    pairs = measure_pairs(resume_profiles, profile_postings(postings, model), model)
    for k, c in enumerate(pairs):
        i, j = divmod(k, len(postings))
        values[i, j] = (
            c.coverage,
            c.cosine,
            c.evidence * c.coverage,
            c.title_match,
            c.occupation_match,
            c.resume.all_surface,
        )
    return values


def measure_cases(
    resumes: list[Document], postings: list[Document], truth: np.ndarray, model: FitModel
) -> np.ndarray:
    """Components of the surface-only cases (see benchmarks/quality.py)."""
    cases = surface_only_cases(resumes, postings, truth)
    return np.array([measure([case], [posting], model)[0, 0] for case, posting in cases])


def scale_similarity(values: np.ndarray, scale: float) -> np.ndarray:
    scaled = values.copy()
    scaled[..., 1] = np.minimum(1.0, scaled[..., 1] / scale)
    return scaled


def search_weights(values: np.ndarray, truth: np.ndarray, sample: int) -> tuple[np.ndarray, float]:
    """Return the weights (summing to 1, in steps of GRID_STEP) with the best ROC AUC."""
    flat, labels = values.reshape(-1, values.shape[-1]), truth.ravel()
    rng = np.random.default_rng(0)
    chosen = rng.choice(len(labels), size=min(sample, len(labels)), replace=False)
    flat, labels = flat[chosen], labels[chosen]
    steps = round(1 / GRID_STEP)
    best, best_auc = np.zeros(len(COMPONENTS)), -1.0
    for combo in itertools.product(range(steps + 1), repeat=len(COMPONENTS) - 1):
        if sum(combo) > steps:
            continue
        weights = np.array([*combo, steps - sum(combo)]) / steps
        if weights[0] + weights[2] < MIN_SUBSTANCE_WEIGHT - 1e-9:
            continue
        if weights[3] > MAX_TITLE_WEIGHT + 1e-9:
            continue
        auc = float(roc_auc_score(labels, flat @ weights))
        if auc > best_auc:
            best, best_auc = weights, auc
    full_auc = float(roc_auc_score(truth.ravel(), values.reshape(-1, len(COMPONENTS)) @ best))
    return best, full_auc


def youden_threshold(fit_scores: np.ndarray, non_fit_scores: np.ndarray) -> float:
    labels = np.r_[np.ones(len(fit_scores)), np.zeros(len(non_fit_scores))]
    fpr, tpr, thresholds = roc_curve(labels, np.r_[fit_scores, non_fit_scores])
    return float(np.round(thresholds[int(np.argmax(tpr - fpr))], 1))


def poorly_targeted_thresholds(
    fitting: np.ndarray, cases: np.ndarray
) -> tuple[float, float, float, float]:
    """Return (surface, coverage, case flag rate, fitting-pair flag rate)."""
    best = (100.0, 0.0, 0.0, 0.0)
    for surface in range(0, 101, 5):
        for coverage in np.arange(0.5, 50.5, 0.5):
            flag_cases = float(np.mean(flags(cases, surface, coverage)))
            flag_fits = float(np.mean(flags(fitting, surface, coverage)))
            if flag_fits <= MAX_FALSE_FLAGS and (flag_cases, -flag_fits) > (best[2], -best[3]):
                best = (float(surface), float(coverage), flag_cases, flag_fits)
    return best


def flags(values: np.ndarray, surface: float, coverage: float) -> np.ndarray:
    """Which pairs (components scaled 0-100) the poorly_targeted rule flags."""
    looks_right = (np.maximum(values[:, 3], values[:, 4]) >= surface) | (values[:, ALL_SURFACE] > 0)
    return looks_right & (values[:, 2] < coverage)


def calibration_of(strong: float, surface: float, coverage: float, low: float) -> dict[str, float]:
    return {"strong": strong, "surface": surface, "coverage": coverage, "low": low}


def verdict_shares(fit: np.ndarray, scaled: np.ndarray, t: dict[str, float]) -> dict[str, float]:
    """Share of each verdict, applying the same rules as fit_analyzer.analysis._verdict."""
    scores = 100 * scaled
    strong = (fit >= t["strong"]) & (scores[:, 0] >= 50)
    poor = ~strong & flags(scores, t["surface"], t["coverage"])
    not_fit = ~strong & ~poor & (fit < t["low"])
    partial = ~strong & ~poor & ~not_fit
    return {
        name: round(float(mask.mean()), 3)
        for name, mask in (
            ("strong_fit", strong),
            ("partial_fit", partial),
            ("poorly_targeted", poor),
            ("not_a_fit", not_fit),
        )
    }


if __name__ == "__main__":
    raise SystemExit(main())
