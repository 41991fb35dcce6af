"""Does batch scale? Wall time, CPU per document, peak memory, and the shortlist's recall.

Builds large inputs by resampling the postjobfree development documents with a seed (each
copy made unique by a line naming it, so that none is a cache hit), then runs
``fit-analyzer batch`` as a separate process:

- one resume x --postings postings, with an empty cache (cold) and again (warm);
- --resumes x --many-postings with ``--top 20``, cold (the shortlist path when the pairs
  pass a million), against the time to read and profile each of its documents once (each
  folder against one document);
- --recall-resumes of those x the same postings, shortlisted and with ``--exhaustive``, for
  the shortlist's recall of the exhaustive top 20 (by fit: copies of one text score alike);
- --cluster-resumes x --cluster-postings with ``--top 20``, locally and on a 2-worker
  ``--scheduler local`` cluster, and whether the outputs match.

Peak memory is the largest process's (the client, or a worker) as the kernel counts it for
the run's children. Reads ../shared/data (postjobfree); skips when it is absent.

    python benchmarks/scale.py [--postings 100000] [--resumes 1000] [--many-postings 5000]
                               [--recall-resumes 210] [--cluster-resumes 100]
                               [--cluster-postings 2000] [--seed 0]

A count of 0 skips its part: ``--postings 0 --resumes 0 --cluster-resumes 5000
--cluster-postings 20000`` runs only the issue's 5,000 x 20,000, locally and on the cluster.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.datasets import DEFAULT_DATA, read_postjobfree  # noqa: E402

TOP = 20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--resumes", type=int, default=1_000)
    parser.add_argument("--many-postings", type=int, default=5_000)
    parser.add_argument("--recall-resumes", type=int, default=210)  # x 5,000: just past 10^6
    parser.add_argument("--cluster-resumes", type=int, default=100)
    parser.add_argument("--cluster-postings", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    folder = args.data / "postjobfree"
    if not folder.is_dir():
        print(f"{folder}: not found; pass --data", file=sys.stderr)
        return 0
    rng = random.Random(args.seed)
    pool = texts_by_role(folder)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        one = write(root / "one", "resume", pool, 1, rng)
        cache = root / "cache"
        if args.postings:
            postings = write(root / "postings", "posting", pool, args.postings, rng)
            print(f"1 resume x {args.postings:,} postings, --top {TOP}:")
            for state in ("cold", "warm"):
                run(f"  {state}", [one, postings, "--top", str(TOP)], args.postings + 1, cache)
        if args.resumes and args.many_postings:
            many_to_many(args, root, pool, one, cache, rng)
        if args.cluster_resumes and args.cluster_postings:
            local_and_cluster(args, root, pool, rng)
    return 0


def many_to_many(
    args: argparse.Namespace,
    root: Path,
    pool: dict[str, list[str]],
    one: Path,
    cache: Path,
    rng: random.Random,
) -> None:
    """--resumes x --many-postings with --top against reading and profiling once; recall."""
    resumes = write(root / "resumes", "resume", pool, args.resumes, rng)
    many = write(root / "many", "posting", pool, args.many_postings, rng)
    pairs = args.resumes * args.many_postings
    print(f"{args.resumes:,} resumes x {args.many_postings:,} postings ({pairs:,} pairs):")
    files = args.resumes + args.many_postings
    # Reading and profiling each document once: each folder against one document.
    once = root / "cache-once"
    label = "  read and profile once:"
    seconds = timed(f"{label} resumes", [resumes, first(many)], args.resumes, once)
    seconds += timed(f"{label} postings", [one, many], args.many_postings, once)
    started = time.perf_counter()
    run(f"  local --top {TOP}, cold", [resumes, many, "--top", str(TOP)], files, cache)
    ratio = (time.perf_counter() - started) / seconds
    print(f"  against reading and profiling once ({seconds:.1f} s): {ratio:.1f}x")
    if not args.recall_resumes:
        return
    # Recall on a subset: fewer resumes held means bigger chunks, so a shortlist of theirs
    # is never more than a full batch's (whose first chunks assess more), nor its recall.
    subset = write(root / "subset", "resume", pool, args.recall_resumes, rng)
    count = args.recall_resumes + args.many_postings
    base = [subset, many, "--top", str(TOP)]
    shortlisted = run(f"  {args.recall_resumes:,} of them, shortlist", base, count, cache)
    exhaustive = run("  the same, --exhaustive", [*base, "--exhaustive"], count, cache)
    print(f"  shortlist recall of the exhaustive top {TOP}: {recall(shortlisted, exhaustive):.4f}")


def local_and_cluster(
    args: argparse.Namespace, root: Path, pool: dict[str, list[str]], rng: random.Random
) -> None:
    """--cluster-resumes x --cluster-postings with --top, locally and on a 2-worker
    LocalCluster, each cold; and whether their outputs match."""
    resumes = write(root / "cluster-resumes", "resume", pool, args.cluster_resumes, rng)
    postings = write(root / "cluster-postings", "posting", pool, args.cluster_postings, rng)
    size = f"{args.cluster_resumes:,} x {args.cluster_postings:,}"
    print(f"{size} on one machine and on a 2-worker local Dask cluster, --top {TOP}:")
    base = [resumes, postings, "--top", str(TOP)]
    count = args.cluster_resumes + args.cluster_postings
    local = run("  local, cold", base, count, root / "cache-local")
    # The cluster's workers keep no cache: they read and profile every file.
    cluster = run("  --scheduler local", [*base, "--scheduler", "local"], count, root / "unused")
    print(f"  same output: {local == cluster}")


def texts_by_role(folder: Path) -> dict[str, list[str]]:
    """The postjobfree resumes' and postings' texts, in file order, by role."""
    return {
        role: [read_postjobfree(p) for p in sorted((folder / f"{role}s").glob("*.txt"))]
        for role in ("resume", "posting")
    }


def write(
    folder: Path, role: str, pool: dict[str, list[str]], count: int, rng: random.Random
) -> Path:
    """``count`` documents resampled from ``pool[role]``, each unique, in ``folder``."""
    folder.mkdir()
    for k in range(count):
        text = rng.choice(pool[role])
        (folder / f"{role}-{k:06d}.txt").write_text(f"{text}\n\nReference {role} {k}\n")
    return folder if count > 1 else folder / f"{role}-000000.txt"


def run(label: str, args: list[object], documents: int, cache: Path) -> list[str]:
    """Run one batch; print its wall time, CPU per document and peak memory; return its lines."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "fit_analyzer", "batch", *map(str, args), "-f", "jsonl"],
        capture_output=True,
        text=True,
        env={**os.environ, "FIT_ANALYZER_CACHE_DIR": str(cache)},
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    note = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    print(
        f"{label}: {wall:.1f} s wall, {1000 * cpu / max(1, documents):.2f} ms CPU per document, "
        f"peak {after.ru_maxrss / 1024:.0f} MB (largest process so far), exit {done.returncode}"
        + (f"; {note}" if note.startswith("Shortlist") else ""),
        flush=True,
    )
    return done.stdout.splitlines()


def first(folder: Path) -> Path:
    return sorted(folder.iterdir())[0]


def timed(label: str, args: list[object], documents: int, cache: Path) -> float:
    """`run` a batch; return its wall time."""
    started = time.perf_counter()
    run(label, args, documents, cache)
    return time.perf_counter() - started


def recall(shortlisted: list[str], exhaustive: list[str]) -> float:
    """The share of each resume's exhaustive top fits that its shortlisted top also has.

    By fit, not by posting: resampled postings repeat texts, so equal fits may rank
    either copy first.
    """

    def tops(lines: list[str]) -> dict[str, Counter[float]]:
        found: dict[str, Counter[float]] = defaultdict(Counter)
        for record in map(json.loads, lines):
            if "rank" in record:
                found[record["resume"]["path"]][record["scores"]["fit"]] += 1
        return found

    wanted, got = tops(exhaustive), tops(shortlisted)
    total = sum(sum(c.values()) for c in wanted.values())
    kept = sum(sum((c & got[resume]).values()) for resume, c in wanted.items())
    return kept / total if total else 1.0


if __name__ == "__main__":
    raise SystemExit(main())
