"""Never crashes: mutated sample files are read, or refused with the project's own error.

Whole files get random byte edits; .docx files also get edits inside their XML, re-zipped
properly, so that python-docx and lxml (not only zipfile) meet broken structures.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.fuzz import mutate_docx_xml, outcome, rich_docx
from fit_analyzer.batch import load_documents
from fit_analyzer.isolation import ParserPool
from fit_analyzer.limits import Limits

from .conftest import SAMPLES

SAMPLE_FILES = sorted(p for p in SAMPLES.glob("*/*") if p.suffix in {".pdf", ".docx", ".txt"})
DOCX_SEEDS = {p.name: p.read_bytes() for p in SAMPLE_FILES if p.suffix == ".docx"}
DOCX_SEEDS["rich.docx"] = rich_docx()  # merged cells, a text box, a list, two sections


@pytest.fixture(scope="module")
def pool() -> Iterator[ParserPool]:
    with ParserPool(1, Limits(seconds_per_file=10)) as workers:
        yield workers


@st.composite
def mutants(draw: st.DrawFn) -> tuple[str, bytes]:
    """A sample file with a few bits flipped, bytes inserted or deleted, or its end cut."""
    sample = draw(st.sampled_from(SAMPLE_FILES))
    data = bytearray(sample.read_bytes())
    for _ in range(draw(st.integers(1, 3))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        change = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if change == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif change == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
        elif change == "delete":
            del data[at : at + draw(st.integers(1, 32))]
        else:
            del data[max(at, 1) :]
    return sample.suffix, bytes(data)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mutant=mutants())
def test_mutated_file_is_read_or_refused_with_a_project_error(
    pool: ParserPool, tmp_path_factory: pytest.TempPathFactory, mutant: tuple[str, bytes]
) -> None:
    _assert_read_or_refused(pool, tmp_path_factory, *mutant)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.sampled_from(sorted(DOCX_SEEDS)), rng=st.randoms(use_true_random=False))
def test_docx_with_mutated_xml_is_read_or_refused_with_a_project_error(
    pool: ParserPool,
    tmp_path_factory: pytest.TempPathFactory,
    seed: str,
    rng: random.Random,
) -> None:
    _assert_read_or_refused(pool, tmp_path_factory, ".docx", mutate_docx_xml(DOCX_SEEDS[seed], rng))


def _assert_read_or_refused(
    pool: ParserPool, tmp_path_factory: pytest.TempPathFactory, suffix: str, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("mutant") / f"cv{suffix}"
    path.write_bytes(data)
    [(result, _)] = load_documents([path], "resume", pool=pool)
    assert outcome(result) in ("ok", "error"), result
    assert path.read_bytes() == data
