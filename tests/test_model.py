"""The background model: specificity from real documents, and no personal data in it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from fit_analyzer.documents import load_document
from fit_analyzer.model import BACKGROUND_FILE, CALIBRATION_FILE, default_model
from fit_analyzer.profiles import profile_document
from fit_analyzer.scoring import FIT_PARTS, SAME_TRADE, fit_parts
from fit_analyzer.vocabulary import corpora_path, read_table

from .conftest import POSTINGS, RESUMES

TABLE = corpora_path() / BACKGROUND_FILE


def background_terms() -> dict[str, int]:
    return {row[0]: int(row[1]) for row in read_table(TABLE)}


def test_background_names_its_sources_and_size() -> None:
    header = [
        line for line in TABLE.read_text(encoding="utf-8").splitlines() if line.startswith("#")
    ]
    assert any("postjobfree" in line for line in header)
    assert any("Monster.com" in line for line in header)
    model = default_model()
    assert model.n_documents_ > 4000 and len(model.idf_) > 3000


def test_rare_skills_weigh_more_than_common_words() -> None:
    model = default_model()
    assert model.idf_of("kubernetes") > model.idf_of("python") > model.idf_of("experience")
    assert model.idf_of("zyxwvut-never-seen") >= model.idf_of("kubernetes")


def test_shared_rare_terms_make_documents_similar() -> None:
    model = default_model()
    nurse = ["icu", "ventilator", "patient", "team"]
    [[same, other]] = model.cosine(
        [nurse], [["icu", "ventilator", "team"], ["terraform", "kubernetes", "team"]]
    )
    assert same > 0.5 > 0.1 > other


def test_background_holds_no_contact_details() -> None:
    personal = re.compile(r"@|https?|www|\.(com|org|edu)$|\d{3}.?\d{3}.?\d{4}")
    leaks = [term for term in background_terms() if personal.search(term)]
    assert leaks == []


def test_every_background_term_is_used_by_many_job_postings(shared_data: Path) -> None:
    """Names and addresses open most resumes of the data; a term only enters the table when
    at least 10 job postings use it, so no word that only a resume holds can be there."""
    import csv

    from benchmarks.datasets import read_labels, read_postjobfree

    vocabulary = default_model().vocabulary_
    folder = shared_data / "postjobfree"
    texts = [read_postjobfree(folder / name) for name, _ in read_labels(folder)[1]]
    with (shared_data / "monster" / "jobs_sample.csv").open(encoding="utf-8") as handle:
        texts += [f"{r['job_title']}\n{r['job_description']}" for r in csv.DictReader(handle)]
    in_postings: dict[str, int] = {}
    for text in texts:
        for term in {t.canonical for t in vocabulary.terms(vocabulary.tokens(text))}:
            in_postings[term] = in_postings.get(term, 0) + 1
    rare = [term for term in background_terms() if in_postings.get(term, 0) < 10]
    assert rare == []


@pytest.mark.parametrize("term", ["c++", "c#", ".net", "node.js", "ci/cd"])
def test_technical_terms_have_their_own_document_frequency(term: str) -> None:
    assert term in background_terms()


def test_calibration_is_complete_and_records_its_evidence() -> None:
    calibration = default_model().calibration_
    assert set(calibration.weights) == set(FIT_PARTS)
    assert sum(calibration.weights.values()) == pytest.approx(1.0)
    assert calibration.weights["substance_match"] >= 0.5  # the product's bound
    for quantiles in calibration.similarity_quantiles.values():
        assert quantiles == sorted(quantiles)
    raw = json.loads((corpora_path() / CALIBRATION_FILE).read_text(encoding="utf-8"))
    assert "postjobfree_auc" in raw["calibrated_on"]["figures"]
    v = calibration.verdicts
    assert 0 < v["not_a_fit"] < v["strong_fit"] <= 100


def test_readme_states_the_current_calibration() -> None:
    """The README spells out the formula; recalibrating must update it too."""
    calibration = default_model().calibration_
    readme = " ".join((corpora_path().parent / "README.md").read_text(encoding="utf-8").split())
    w = calibration.weights
    formula = " + ".join(f"{w[name]} * {name}" for name in FIT_PARTS if w[name])
    assert f"`fit` = {formula}" in readme
    v = calibration.verdicts
    assert f"fit ≥ {v['strong_fit']:g}" in readme
    assert f"fit < {v['not_a_fit']:g}" in readme
    assert f"surface match ≥ {v['surface_claims']:g}" in readme
    assert f"substance match < {v['substance_shown']:g}" in readme


def test_the_longest_known_phrase_is_kept_with_its_words_and_aliases_resolved() -> None:
    vocabulary = default_model().vocabulary_
    text = "Microsoft Office Suite, Amazon Web Services and the office"
    terms = vocabulary.terms(vocabulary.tokens(text))
    assert [t.canonical for t in terms] == [
        "microsoft office",
        "microsoft",
        "office",
        "suite",
        "aws",
        "amazon",
        "web",
        "services",
        "office",
    ]
    assert (terms[0].surface, terms[4].surface) == ("microsoft office suite", "amazon web services")


def test_vectors_are_those_of_scikit_learn() -> None:
    """Scoring builds TF-IDF rows with scipy alone; they must be scikit-learn's, bit for bit."""
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    model = default_model()
    documents = [
        profile_document(load_document(path, role), model).terms
        for path, role in [(p, "resume") for p in sorted(RESUMES.glob("*.txt"))]
        + [(p, "posting") for p in sorted(POSTINGS.glob("*.txt"))]
    ] + [[], ["kubernetes", "kubernetes", "unseen-term"]]
    counter = CountVectorizer(analyzer=lambda terms: terms, lowercase=False)
    counts = counter.fit_transform(documents)
    transformer = TfidfTransformer(sublinear_tf=True)
    transformer.idf_ = np.array([model.idf_of(str(t)) for t in counter.get_feature_names_out()])
    expected = sparse.csr_matrix(transformer.transform(counts))
    got = model.vectorize(documents)
    assert got.shape == expected.shape and (got != expected).nnz == 0


def test_coverage_is_the_share_of_the_wanted_weight_named_and_never_rises_as_text_is_lost() -> None:
    model = default_model()
    wanted = ["machinist", "machinist", "welder"]
    named = model.coverage([["welder", "machinist", "analyst"], ["machinist"], []], [wanted])
    assert named[0, 0] == pytest.approx(1.0)  # naming other jobs too takes nothing away
    assert named[2, 0] == 0 < named[1, 0] < named[0, 0]
    assert model.coverage([], [wanted]).shape == (0, 1)


def test_fit_counts_the_occupation_match_only_up_to_one_trade() -> None:
    # Past SAME_TRADE the documents are of one trade: finer placement is noise within a field.
    base = {name: 0.5 for name in FIT_PARTS}

    def weighed(occupation: float) -> dict[str, float]:
        values = fit_parts({**base, "occupation_match": occupation})
        return dict(zip(FIT_PARTS, values, strict=True))

    assert weighed(SAME_TRADE)["occupation_match"] == weighed(0.9)["occupation_match"] == 1.0
    assert weighed(SAME_TRADE / 2)["occupation_match"] == 0.5
    assert weighed(0.9)["substance_match"] == 0.5  # the other parts pass unchanged
