"""Fuzz the readers: mutate the sample files and count crashes, hangs and modified inputs.

Each mutant (bit flips, truncation, inserted or deleted bytes) is written to a file and read
in the worker pool under the default limits (a short timeout). A crash is a file whose
error is not one of the project's own (the pool reports those as "could not be read (X: …)"
or "the reader crashed"); a hang is a file stopped by the timeout.

    python benchmarks/fuzz.py [--per-format 5000] [--jobs N] [--timeout 10] [--seed 0]
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from fit_analyzer.batch import load_documents
from fit_analyzer.errors import DocumentError, ParseTimeoutError
from fit_analyzer.isolation import ParserPool
from fit_analyzer.limits import Limits

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"
FORMATS = ("pdf", "docx", "txt", "html")
# How the pool words an exception that was not one of the project's own.
CRASH_MARKS = ("could not be read (", "the reader crashed")


def mutate(data: bytes, rng: random.Random) -> bytes:
    """Return ``data`` with one to four random bit flips, truncations, insertions or cuts."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not buffer:
            break
        at = rng.randrange(len(buffer))
        kind = rng.choice(("flip", "truncate", "insert", "delete"))
        if kind == "flip":
            buffer[at] ^= 1 << rng.randrange(8)
        elif kind == "truncate":
            del buffer[at:]
        elif kind == "insert":
            buffer[at:at] = rng.randbytes(rng.randint(1, 64))
        else:
            del buffer[at : at + rng.randint(1, 64)]
    return bytes(buffer)


def outcome(result: object) -> str:
    """Classify one reader result: ``ok``, ``error``, ``crash`` or ``hang``."""
    if isinstance(result, ParseTimeoutError):
        return "hang"
    if isinstance(result, DocumentError):
        return "crash" if any(mark in result.message for mark in CRASH_MARKS) else "error"
    return "ok"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-format", type=int, default=5000, metavar="N")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    limits = Limits(seconds_per_file=args.timeout)
    failed = False
    with tempfile.TemporaryDirectory() as folder, ParserPool(args.jobs, limits) as pool:
        for file_format in FORMATS:
            samples = sorted(SAMPLES.glob(f"*/*.{file_format}"))
            started = time.monotonic()
            paths, contents = [], []
            for number in range(args.per_format):
                data = mutate(rng.choice(samples).read_bytes(), rng)
                path = Path(folder) / f"{number}.{file_format}"
                path.write_bytes(data)
                paths.append(path)
                contents.append(data)
            counts: collections.Counter[str] = collections.Counter()
            for result, _ in load_documents(paths, "resume", pool=pool):
                kind = outcome(result)
                counts[kind] += 1
                if kind in ("crash", "hang"):
                    print(f"  {kind}: {result}", file=sys.stderr)
            modified = sum(p.read_bytes() != c for p, c in zip(paths, contents, strict=True))
            seconds = time.monotonic() - started
            print(
                f"{file_format}: {args.per_format} mutants in {seconds:.1f} s: "
                f"{counts['ok']} read, {counts['error']} project errors, "
                f"{counts['crash']} crashes, {counts['hang']} hangs, {modified} modified"
            )
            failed |= bool(counts["crash"] or counts["hang"] or modified)
            for path in paths:
                path.unlink()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
