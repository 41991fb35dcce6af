"""Placing documents among the O*NET occupations, with the shipped profiles only."""

from __future__ import annotations

import numpy as np
import pytest

from fit_analyzer.model import FitModel, default_model
from fit_analyzer.occupations import (
    OccupationIndex,
    OccupationPlacement,
    default_occupations,
    occupation_similarities,
    occupation_similarity,
)

NURSE_RESUME = """Registered nurse with five years in the intensive care unit. Assessed patients,
administered medications, monitored vital signs and documented care plans. BLS and ACLS."""
NURSE_POSTING = """We are hiring an RN for our medical-surgical floor. Provide patient care,
give medications, start IVs, educate patients and families. Current nursing license and BLS."""
MACHINIST = """CNC machinist. Set up and operated CNC lathes and milling machines, read
blueprints, checked parts with micrometers and calipers, edited G-code in Mastercam."""
SOFTWARE = """Software engineer. Built REST APIs in Python and Java, wrote unit tests, deployed
services with Docker and Kubernetes on AWS, reviewed code in Git."""


@pytest.fixture(scope="module")
def model() -> FitModel:
    return default_model()


@pytest.fixture(scope="module")
def index() -> OccupationIndex:
    return default_occupations()


def place(text: str, index: OccupationIndex, model: FitModel) -> OccupationPlacement:
    vocabulary = model.vocabulary_
    terms = [t.canonical for t in vocabulary.terms(vocabulary.tokens(text))]
    return index.place(terms, model)


def test_index_covers_onet_with_unit_profiles(index: OccupationIndex) -> None:
    assert len(index.codes) == len(index.titles) > 1000
    assert "Machinists" in index.titles
    norms = np.sqrt(np.asarray(index.profiles.multiply(index.profiles).sum(axis=1)).ravel())
    assert np.allclose(norms, 1.0, atol=0.01)  # weights are rounded to 4 decimals


def test_nurse_reads_as_a_nurse(index: OccupationIndex, model: FitModel) -> None:
    for text in (NURSE_RESUME, NURSE_POSTING):
        titles = [o.title for o in place(text, index, model).top]
        assert any("Nurse" in title for title in titles), titles


def test_machinist_reads_as_a_machine_tool_trade(index: OccupationIndex, model: FitModel) -> None:
    titles = [o.title for o in place(MACHINIST, index, model).top]
    assert any("Machin" in title for title in titles), titles


def test_software_reads_as_a_computer_occupation(index: OccupationIndex, model: FitModel) -> None:
    codes = [o.code for o in place(SOFTWARE, index, model).top]
    assert codes and all(code.startswith("15-") for code in codes), codes


def test_same_trade_is_more_similar(index: OccupationIndex, model: FitModel) -> None:
    resume = place(NURSE_RESUME, index, model)
    nursing_job = place(NURSE_POSTING, index, model)
    machining_job = place(MACHINIST, index, model)
    same = occupation_similarity(resume, nursing_job)
    other = occupation_similarity(resume, machining_job)
    assert 0.0 <= other < same <= 1.0
    assert occupation_similarity(resume, resume) == pytest.approx(1.0)


def test_placement_is_deterministic_and_batch_matches_single(
    index: OccupationIndex, model: FitModel
) -> None:
    texts = [NURSE_RESUME, MACHINIST, SOFTWARE]
    vocabulary = model.vocabulary_
    documents = [[t.canonical for t in vocabulary.terms(vocabulary.tokens(x))] for x in texts]
    batch = index.place_many(documents, model)
    for terms, placed in zip(documents, batch, strict=True):
        again = index.place(terms, model)
        assert again.top == placed.top
        assert np.array_equal(again.affinity, placed.affinity)
    matrix = occupation_similarities(batch, batch)
    pairwise = [[occupation_similarity(a, b) for b in batch] for a in batch]
    assert np.allclose(matrix, pairwise)


def test_document_without_known_terms_has_no_occupation(
    index: OccupationIndex, model: FitModel
) -> None:
    empty = index.place([], model)
    assert empty.top == ()
    assert occupation_similarity(empty, place(NURSE_RESUME, index, model)) == 0.0
    assert occupation_similarities([], [empty]).shape == (0, 1)


def test_titles_lead_the_top_list_but_leave_the_affinity_alone(
    index: OccupationIndex, model: FitModel
) -> None:
    vocabulary = model.vocabulary_
    terms = [t.canonical for t in vocabulary.terms(vocabulary.tokens(SOFTWARE))]
    plain = index.place(terms, model)
    titled = index.place(terms, model, {"15-1254.00": 1.0})  # the title says Web Developers
    assert titled.top[0].title == "Web Developers"
    assert plain.top[0].title != "Web Developers"
    assert np.array_equal(plain.affinity, titled.affinity)


@pytest.mark.parametrize(
    ("written", "occupation"),
    [
        ("industrial engineers", "17-2112.00"),  # plural, as in a list of jobs held
        ("registered nurse", "29-1141.00"),  # singular, where O*NET's title is plural
        ("backend engineer", "15-1254.00"),  # closed, where O*NET writes "Back End"
    ],
)
def test_job_titles_are_found_in_either_number_and_spelling(
    model: FitModel, written: str, occupation: str
) -> None:
    vocabulary = model.vocabulary_
    [found] = vocabulary.find_titles(vocabulary.tokens(written))
    assert occupation in vocabulary.occupations_by_found_title[found]
