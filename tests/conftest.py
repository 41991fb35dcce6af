"""Shared fixtures and helpers: the sample documents, a private cache, the CLI, external data."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from fit_analyzer.cli import cli

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
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test's document cache in its own folder, never in the user's.

    The folder is not created: a run that writes no cache leaves it missing. It is outside
    ``tmp_path``, so that tests may check what a command left there.
    """
    folder = tmp_path_factory.mktemp("cache") / "fit-analyzer"
    monkeypatch.setenv("FIT_ANALYZER_CACHE_DIR", str(folder))
    return folder


class CliOutcome(NamedTuple):
    exit_code: int
    stdout: str
    stderr: str


def run_cli(
    *args: str | Path, color: bool = False, env: Mapping[str, str | None] | None = None
) -> CliOutcome:
    """Run the CLI in this process with click's CliRunner.

    ``color`` stands for standard output being a terminal; ``env`` overrides environment
    variables (``None`` unsets one). Only exits may end the command: any other exception
    fails the test with the output so far.
    """
    result = CliRunner().invoke(cli, [str(a) for a in args], color=color, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return CliOutcome(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def shared_data() -> Path:
    if not (SHARED_DATA / "postjobfree").is_dir():
        pytest.skip("external data (../shared/data) not available")
    return SHARED_DATA
