"""CPU per text posting, steady state, against a tuned scikit-learn TfidfVectorizer.

Runs ``fit-analyzer batch`` (no cache, so every posting is read and profiled) on one resume
against --postings postings and against 50, and takes the difference of their total CPU
(the command and its worker processes) per extra posting: start-up and loading cancel out.
Then times ``TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2),
min_df=2).fit_transform`` on the same posting texts, in this process.

    python benchmarks/cpu_per_posting.py [--data ../shared/data] [--postings 5000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.datasets import DEFAULT_DATA  # noqa: E402
from benchmarks.scale import texts_by_role, write  # noqa: E402

SMALL = 50


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--postings", type=int, default=5_000)
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
        resume = write(root / "resume", "resume", pool, 1, rng)
        many = write(root / "many", "posting", pool, args.postings, rng)
        few = root / "few"
        few.mkdir()
        for path in sorted(many.iterdir())[:SMALL]:
            (few / path.name).write_text(path.read_text())
        small, large = batch_cpu(resume, few), batch_cpu(resume, many)
        texts = [p.read_text() for p in sorted(many.iterdir())]
    per_posting = (large - small) / (args.postings - SMALL)
    started = time.process_time()
    TfidfVectorizer(
        sublinear_tf=True, stop_words="english", ngram_range=(1, 2), min_df=2
    ).fit_transform(texts)
    tfidf = (time.process_time() - started) / len(texts)
    print(f"fit-analyzer batch, CPU per posting (steady state): {1000 * per_posting:.2f} ms")
    print(f"tuned TfidfVectorizer.fit_transform, CPU per posting: {1000 * tfidf:.2f} ms")
    print(f"ratio: {per_posting / tfidf:.1f}x")
    return 0


def batch_cpu(resume: Path, postings: Path) -> float:
    """Total CPU seconds of one ``fit-analyzer batch --no-cache`` and its workers."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "fit_analyzer", "batch", str(resume), str(postings), "--no-cache"],
        capture_output=True,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


if __name__ == "__main__":
    raise SystemExit(main())
