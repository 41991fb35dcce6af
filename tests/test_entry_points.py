"""The installed ways to run fit-analyzer: the console script and ``python -m``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fit_analyzer import __version__


def test_python_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fit_analyzer", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"fit-analyzer, version {__version__}"


def test_console_script_is_installed() -> None:
    # The script sits beside the interpreter of the environment it was installed into.
    script = Path(sys.executable).with_name("fit-analyzer")
    if not script.exists():
        pytest.skip(f"{script} not found: the package is not installed in this environment")
    result = subprocess.run([script, "schema"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and '"schema_version"' in result.stdout


def test_help_and_errors_do_not_wait_for_scikit_learn_to_import() -> None:
    # Importing scikit-learn takes about a second; only scoring a pair needs it.
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from fit_analyzer.cli import cli\n"
        "assert CliRunner().invoke(cli, ['score', '--help']).exit_code == 0\n"
        "print('sklearn' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
