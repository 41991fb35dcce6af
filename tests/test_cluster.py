"""Batch on a Dask cluster: a real scheduler and two worker processes on loopback."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fit_analyzer.batch import run_batch
from fit_analyzer.limits import Limits

from .conftest import POSTINGS, RESUMES, run_cli
from .test_hostile import REFERENCE_LOOP_PDF

distributed = pytest.importorskip("distributed", reason="needs pip install 'fit-analyzer[dask]'")


class Cluster:
    """A scheduler and worker processes started here, and a client of them."""

    def __init__(self, folder: Path) -> None:
        self.file = folder / "scheduler.json"
        self.processes: list[subprocess.Popen[bytes]] = []
        self._start(
            "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
            "--scheduler-file", str(self.file),
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while not self.file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.workers = [self._worker() for _ in range(2)]
        self.client = distributed.Client(scheduler_file=str(self.file), timeout=60)
        self.client.wait_for_workers(2, timeout=60)
        self.address: str = self.client.scheduler.address

    def _start(self, *args: str) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_" + args[0], *args[1:]],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(process)
        return process

    def _worker(self) -> subprocess.Popen[bytes]:
        # Without a nanny the worker may start the child processes that parse each file,
        # and a killed worker stays dead.
        return self._start(
            "worker", "--scheduler-file", str(self.file), "--nthreads", "1", "--no-nanny",
            "--host", "127.0.0.1", "--no-dashboard",
        )  # fmt: skip

    def close(self) -> None:
        self.client.close()
        for process in self.processes:
            process.kill()  # nothing of theirs needs keeping
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    started = Cluster(tmp_path_factory.mktemp("dask"))
    try:
        yield started
    finally:
        started.close()


def test_batch_on_the_cluster_matches_the_local_batch_byte_for_byte(
    cluster: Cluster, tmp_path: Path
) -> None:
    for output_format in ("jsonl", "csv"):
        args = ("batch", RESUMES, POSTINGS, "-f", output_format, "--top", "3")
        local = run_cli(*args)
        remote = run_cli(*args, "--scheduler", cluster.address)
        assert local.exit_code == remote.exit_code == 0
        assert remote.stdout == local.stdout and remote.stdout
    postings = tmp_path / "postings"
    shutil.copytree(POSTINGS, postings)
    (postings / "broken.pdf").write_bytes(b"%PDF-1.7 cut short")
    args = ("batch", RESUMES / "alex-rivera.pdf", postings, "-f", "jsonl")
    local = run_cli(*args)
    remote = run_cli(*args, env={"FIT_ANALYZER_SCHEDULER": cluster.address})
    assert local.exit_code == remote.exit_code == 3
    assert remote.stdout == local.stdout and '"error"' in remote.stdout
    assert remote.stderr == local.stderr


def test_a_worker_killed_mid_batch_loses_and_doubles_nothing(
    cluster: Cluster, tmp_path: Path
) -> None:
    from fit_analyzer.cluster import run_on_cluster

    # Reference loops keep a worker busy until the time limit: one is killed meanwhile.
    loops = []
    for name in ("loop-a.pdf", "loop-b.pdf"):
        loops.append(tmp_path / name)
        loops[-1].write_bytes(REFERENCE_LOOP_PDF)
    postings = [*loops, *sorted(POSTINGS.glob("*.txt"))]
    resumes = [RESUMES / "alex-rivera.txt"]
    limits = Limits(seconds_per_file=4)
    options = {"pdf_engine": "pdfminer", "limits": limits}
    expected = [r.to_dict() for r in run_batch(resumes, postings, **options)]

    got: list[dict[str, object]] = []
    batch = threading.Thread(
        target=lambda: got.extend(
            r.to_dict()
            for r in run_on_cluster(
                resumes, postings, scheduler=cluster.address, files_per_task=1, **options
            )
        )
    )
    batch.start()
    victim = cluster.workers[0]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        processing = cluster.client.processing()
        if len(processing) == 2 and all(processing.values()):
            break
        time.sleep(0.05)
    os.kill(victim.pid, signal.SIGKILL)
    batch.join(timeout=120)
    assert not batch.is_alive()
    assert victim.wait(timeout=10) == -signal.SIGKILL
    assert got == expected
    assert sum("error" in r for r in got) == 2
    # The cluster goes on with one worker; start another for the tests that follow.
    cluster.workers[0] = cluster._worker()
    cluster.client.wait_for_workers(2, timeout=60)


def test_without_dask_the_option_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = run_cli(
        "batch", RESUMES / "alex-rivera.txt", POSTINGS, "--scheduler", "tcp://127.0.0.1:1"
    )
    assert result.exit_code == 1
    assert result.stderr == ("Error: --scheduler needs Dask: pip install 'fit-analyzer[dask]'\n")


def test_local_scheduler_starts_a_cluster_of_this_machine() -> None:
    args = ("batch", RESUMES / "maria-santos.txt", POSTINGS, "-f", "jsonl")
    local = run_cli(*args)
    remote = run_cli(*args, "--scheduler", "local")
    assert remote.exit_code == local.exit_code == 0
    assert remote.stdout == local.stdout


def test_the_shortlist_on_the_cluster_is_the_local_one(
    cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fit_analyzer.batch
    from fit_analyzer.cluster import run_on_cluster

    # Made "big" for the test: chunks of 3 postings, 3 candidates per resume, so that each
    # resume's floor carries from chunk to chunk.
    changes = {
        "SHORTLIST_PAIRS": 10,
        "SHORTLIST_MIN": 3,
        "SHORTLIST_FACTOR": 1,
        "CHUNK": 3,
        "SHORTLIST_CHUNK_PAIRS": 12,
    }
    for name, value in changes.items():
        monkeypatch.setattr(fit_analyzer.batch, name, value)
    resumes = sorted(RESUMES.glob("*.txt"))
    postings = fit_analyzer.batch.find_files(POSTINGS)
    assert len(resumes) < len(postings)  # the resumes are held, the postings come in chunks
    local, remote = fit_analyzer.batch.BatchSummary(), fit_analyzer.batch.BatchSummary()
    options = {"top": 2, "pdf_engine": "pdfminer"}
    expected = [
        r.to_dict()
        for r in fit_analyzer.batch.run_batch(resumes, postings, summary=local, **options)
    ]
    got = [
        r.to_dict()
        for r in run_on_cluster(
            resumes,
            postings,
            scheduler=cluster.address,
            summary=remote,
            files_per_task=1,
            **options,
        )
    ]
    assert got == expected
    assert local.shortlisted and remote.shortlisted
    assert remote.assessed == local.assessed < len(resumes) * len(postings)
