"""How fast and how steady is `fit-analyzer serve`? Latency against the CLI, then a load run.

Starts the real server (uvicorn, two parse workers) on a free loopback port, then:
- latency: the median of --requests `/v1/score` calls on a text pair with the model warm,
  against the median wall time of `fit-analyzer score` on the same pair (separate
  processes, cache off), measured in the same run;
- load: --clients threads posting for --seconds, mixing good text pairs, PDF and DOCX
  samples and mutants of them (benchmarks/fuzz.py's mutations, seeded), and counting status
  codes; the server's resident memory (with its workers) is sampled every second, and the
  run checks that the server process never changed or went down.

Needs the ``serve`` extra and ``httpx2`` (the test extra). Only the shipped samples are used.

    python benchmarks/serve.py [--requests 50] [--clients 8] [--seconds 60] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx2 as httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.fuzz import mutate  # noqa: E402

SAMPLES = REPO / "corpora" / "samples"
RESUME = SAMPLES / "resumes" / "alex-rivera.txt"
POSTING = SAMPLES / "postings" / "site-reliability-engineer.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "fit_analyzer", "serve", "--port", str(port), "--jobs", "2"],
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=url, timeout=120) as client:
            _wait(client)
            latency(client, args.requests)
            load(url, server.pid, args.clients, args.seconds, args.seed)
            print(f"server process still running: {server.poll() is None}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


def latency(client: httpx.Client, requests: int) -> None:
    pair = {"resume": RESUME.read_bytes(), "posting": POSTING.read_bytes()}
    client.post("/v1/score", files=pair).raise_for_status()  # warm
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.post("/v1/score", files=pair).raise_for_status()
        times.append(time.perf_counter() - started)
    cli = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "fit_analyzer", "score", RESUME, POSTING, "--no-cache"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        cli.append(time.perf_counter() - started)
    served, command = statistics.median(times), statistics.median(cli)
    print(f"median /v1/score, text pair, warm: {1000 * served:.1f} ms over {requests} requests")
    print(f"median fit-analyzer score, same pair: {1000 * command:.0f} ms over 3 runs")
    print(f"ratio: 1/{command / served:.0f} (target: at most 1/20)")


def _payloads(seed: int) -> list[tuple[str, dict[str, tuple[str, bytes]]]]:
    """(label, multipart files) to post: good pairs, documents, and mutants of them."""
    rng = random.Random(seed)
    posting = ("posting.txt", POSTING.read_bytes())
    documents = sorted((SAMPLES / "resumes").iterdir())
    payloads = [("text pair", {"resume": (RESUME.name, RESUME.read_bytes()), "posting": posting})]
    for path in documents:
        kind = path.suffix.lstrip(".")
        payloads.append((kind, {"resume": (path.name, path.read_bytes()), "posting": posting}))
        for _ in range(5):
            mutant = mutate(path.read_bytes(), rng)
            payloads.append((f"{kind} mutant", {"resume": (path.name, mutant), "posting": posting}))
    return payloads


def load(url: str, pid: int, clients: int, seconds: float, seed: int) -> None:
    payloads = _payloads(seed)
    statuses: Counter[tuple[str, int]] = Counter()
    errors: Counter[str] = Counter()
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def client_loop(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        with httpx.Client(base_url=url, timeout=120) as client:
            while time.monotonic() < stop:
                label, files = rng.choice(payloads)
                try:
                    status = client.post("/v1/score", files=files).status_code
                except httpx.HTTPError as error:
                    with lock:
                        errors[type(error).__name__] += 1
                    continue
                with lock:
                    statuses[(label, status)] += 1

    memory: list[float] = []
    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        memory.append(_tree_rss_mb(pid))
        time.sleep(1)
    elapsed = time.monotonic() - started
    total = sum(statuses.values())
    rate = total / elapsed
    print(f"load: {clients} clients for {elapsed:.0f} s, {total} requests ({rate:.1f}/s)")
    for (label, status), count in sorted(statuses.items()):
        print(f"  {label:>13} -> {status}: {count}")
    server_errors = sum(n for (_, status), n in statuses.items() if status >= 500)
    print(f"5xx responses: {server_errors}; transport errors: {dict(errors) or 0}")
    quarter = max(1, len(memory) // 4)
    first, last = statistics.median(memory[:quarter]), statistics.median(memory[-quarter:])
    change = 100 * (last - first) / first
    print(
        f"resident memory of the server and its workers: first quarter {first:.0f} MB, "
        f"last quarter {last:.0f} MB ({change:+.1f} %), peak {max(memory):.0f} MB"
    )


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    total = 0
    for candidate in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{candidate}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found]


def _wait(client: httpx.Client) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            client.get("/healthz").raise_for_status()
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


if __name__ == "__main__":
    raise SystemExit(main())
