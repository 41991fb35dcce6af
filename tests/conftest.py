"""Shared fixtures: the sample documents and the optional external data."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "corpora" / "samples"
RESUMES = SAMPLES / "resumes"
POSTINGS = SAMPLES / "postings"
SHARED_DATA = REPO.parent / "shared" / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from what the readers extract now",
    )


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test's document cache in its own folder, never in the user's."""
    monkeypatch.setenv("FIT_ANALYZER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def shared_data() -> Path:
    if not (SHARED_DATA / "postjobfree").is_dir():
        pytest.skip("external data (../shared/data) not available")
    return SHARED_DATA
