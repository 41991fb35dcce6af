"""How fast is a batch? fit-analyzer against a naive pipeline and the PDFium floor.

Times, side by side, on ../shared/data: (a) a naive pipeline (sequential pdfminer.six
``extract_text`` or a plain read, then scikit-learn TF-IDF and cosine), (b) ``fit-analyzer
batch`` with an empty cache, (c) the same batch again with the cache warm, (d) extraction
alone with PDFium (a plain read for text), the floor. Two workloads: 1 resume x 1,402
postjobfree postings, and the first 200 livecareer PDF resumes x 1 posting. Then
``fit-analyzer score`` on one pair: a text resume, and a PDF read with each engine. Then, for
memory and scale, 1 resume x N text postings for N in --sizes (copies of the postjobfree
postings, each made unique so that none is a cache hit). Every run is a separate process,
so peak RSS is that run's own (its largest process); the runs of one table take turns, one
round after another, so that its ratios compare runs made in the same minutes.

    python benchmarks/speed.py [--data ../shared/data] [--repeat 3] [--pdfs 200] [--jobs N]
                               [--sizes 100,1000,10000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
CLI = Path(sys.executable).with_name("fit-analyzer")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (median)")
    parser.add_argument("--pdfs", type=int, default=200, help="livecareer PDFs to use")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--sizes", default="100,1000,10000", help="posting counts for the scale runs ('' skips)"
    )
    parser.add_argument("--inner", nargs=2, help=argparse.SUPPRESS)  # one timed run
    args = parser.parse_args()
    if args.inner:
        _inner(*args.inner)
        return 0
    postjobfree, livecareer = args.data / "postjobfree", args.data / "livecareer"
    if not (postjobfree / "postings").is_dir() or not livecareer.is_dir():
        print(f"skipped: {args.data} has no postjobfree/ or livecareer/ (pass --data)")
        return 0
    posting = sorted((postjobfree / "postings").glob("*.txt"))[0]
    workloads = {
        "1 resume x 1,402 text postings": (
            [sorted((postjobfree / "resumes").glob("*.txt"))[0]],
            sorted((postjobfree / "postings").glob("*.txt")),
            "postings",
        ),
        f"{args.pdfs} PDF resumes x 1 posting": (
            sorted(livecareer.rglob("*.pdf"))[: args.pdfs],
            [posting],
            "resumes",
        ),
    }
    print(f"{os.cpu_count()} cores, --jobs {args.jobs}, median of {args.repeat} runs\n")
    print("| workload | run | wall s | docs/s | vs (a) | vs (d) | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        for name, (resumes, postings, side) in workloads.items():
            _measure(name, resumes, postings, side, Path(scratch), args)
        _measure_score(workloads, args)
        sizes = [int(n) for n in args.sizes.split(",") if n]
        if sizes:
            print("\n| text postings | run | wall s | postings/s | peak RSS MB |")
            print("|---|---|---|---|---|")
        for size in sizes:
            _measure_scale(size, workloads, Path(scratch), args)
    return 0


def _measure_score(
    workloads: dict[str, tuple[list[Path], list[Path], str]], args: argparse.Namespace
) -> None:
    """Time ``fit-analyzer score`` on one pair, the job seeker's command, without the cache."""
    [resume], [posting, *_], _ = workloads["1 resume x 1,402 text postings"]
    pdf = workloads[f"{args.pdfs} PDF resumes x 1 posting"][0][0]
    print("\n| score one pair, no cache | wall s | peak RSS MB |")
    print("|---|---|---|")
    score = [str(CLI), "score", "--no-cache", "-f", "json"]
    runs = {
        "text resume": _Run([*score, str(resume), str(posting)]),
        "PDF resume, pdfminer": _Run([*score, str(pdf), str(posting), "--pdf-engine", "pdfminer"]),
        "PDF resume, pdfium": _Run([*score, str(pdf), str(posting), "--pdf-engine", "pdfium"]),
    }
    for label, (seconds, rss) in _time(runs, args.repeat).items():
        print(f"| {label} | {seconds:.2f} | {rss:.0f} |")


def _measure_scale(
    size: int,
    workloads: dict[str, tuple[list[Path], list[Path], str]],
    scratch: Path,
    args: argparse.Namespace,
) -> None:
    """Time 1 resume x ``size`` distinct text postings, cold and warm."""
    [resume], sources, _ = workloads["1 resume x 1,402 text postings"]
    folder = scratch / f"scale-{size}"
    folder.mkdir()
    for index in range(size):
        text = sources[index % len(sources)].read_text(encoding="utf-8", errors="replace")
        (folder / f"{index:05d}.txt").write_text(f"{text}\nReference {index}\n", encoding="utf-8")
    cache = scratch / f"cache-scale-{size}"
    command = [str(CLI), "batch", str(resume), str(folder), "-f", "jsonl"]
    command += ["-o", str(scratch / "out"), "--jobs", str(args.jobs)]
    rows = _time(
        {"cold": _Run(command, cache, cold=True), "warm": _Run(command, cache)}, args.repeat
    )
    for run, (seconds, rss) in rows.items():
        print(f"| {size:,} | {run} | {seconds:.2f} | {size / seconds:,.0f} | {rss:.0f} |")
    shutil.rmtree(folder)


def _measure(
    name: str,
    resumes: list[Path],
    postings: list[Path],
    side: str,
    scratch: Path,
    args: argparse.Namespace,
) -> None:
    files = resumes + postings
    listing = scratch / "files.txt"
    listing.write_text("\n".join(map(str, files)), encoding="utf-8")
    folder = scratch / side  # the batch takes the many files as one folder of links
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for index, path in enumerate(resumes if side == "resumes" else postings):
        (folder / f"{index:05d}{path.suffix}").symlink_to(path)
    single = postings[0] if side == "resumes" else resumes[0]
    batch_args = [str(folder), str(single)] if side == "resumes" else [str(single), str(folder)]
    inner = [sys.executable, __file__, "--inner"]
    runs = {
        "(a) naive": _Run([*inner, "naive", str(listing)]),
        "(d) floor: PDFium / read": _Run([*inner, "floor", str(listing)]),
    }
    engines = ["pdfminer", "pdfium"] if any(p.suffix == ".pdf" for p in files) else ["auto"]
    for engine in engines:
        cache = scratch / f"cache-{engine}"
        command = [str(CLI), "batch", *batch_args, "-f", "jsonl", "-o", str(scratch / "out")]
        command += ["--jobs", str(args.jobs), "--pdf-engine", engine]
        label = "" if engine == "auto" else f", {engine}"
        runs[f"(b) batch cold{label}"] = _Run(command, cache, cold=True)
        runs[f"(c) batch warm{label}"] = _Run(command, cache)
    rows = _time(runs, args.repeat)
    naive, floor = rows["(a) naive"][0], rows["(d) floor: PDFium / read"][0]
    for run, (seconds, rss) in rows.items():
        print(
            f"| {name} | {run} | {seconds:.2f} | {len(files) / seconds:,.0f} | "
            f"{seconds / naive:.3f} | {seconds / floor:.1f} | {rss:.0f} |"
        )


class _Run(NamedTuple):
    """One timed command; a ``cold`` run empties its ``cache`` folder first."""

    command: list[str]
    cache: Path | None = None
    cold: bool = False


def _time(runs: dict[str, _Run], repeat: int) -> dict[str, tuple[float, float]]:
    """Return each run's median wall time over ``repeat`` rounds, and its peak RSS in MB.

    A round runs every command once, in order: the runs one table compares then share the
    machine's busy and quiet spells (these machines are shared), and a warm run follows
    the cold run that filled its cache.
    """
    times: dict[str, list[float]] = {name: [] for name in runs}
    peaks = dict.fromkeys(runs, 0.0)
    for _ in range(repeat):
        for name, run in runs.items():
            environment = dict(os.environ)
            if run.cache is not None:
                environment["FIT_ANALYZER_CACHE_DIR"] = str(run.cache)
                if run.cold:
                    shutil.rmtree(run.cache, ignore_errors=True)
            started = time.perf_counter()
            process = subprocess.Popen(run.command, env=environment, stdout=subprocess.DEVNULL)
            # wait4 reports the child's peak RSS, including its reaped worker processes.
            _, status, usage = os.wait4(process.pid, 0)
            times[name].append(time.perf_counter() - started)
            exit_code = os.waitstatus_to_exitcode(status)
            if exit_code not in (0, 3):
                raise SystemExit(f"{run.command[:3]} failed with exit code {exit_code}")
            peaks[name] = max(peaks[name], usage.ru_maxrss / 1024)
    return {name: (statistics.median(times[name]), peaks[name]) for name in runs}


def _inner(mode: str, listing: str) -> None:
    """One timed run in its own process: ``naive`` scoring or the ``floor`` extraction."""
    paths = [Path(line) for line in Path(listing).read_text(encoding="utf-8").splitlines()]
    if mode == "floor":
        import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]

        for path in paths:
            if path.suffix != ".pdf":
                path.read_text(encoding="utf-8", errors="replace")
                continue
            document = pdfium.PdfDocument(path.read_bytes())
            for page in document:
                page.get_textpage().get_text_range()
            document.close()
        return
    from pdfminer.high_level import extract_text
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    texts = [
        extract_text(path) if path.suffix == ".pdf" else path.read_text(errors="replace")
        for path in paths
    ]
    matrix = TfidfVectorizer().fit_transform(texts)
    cosine_similarity(matrix, matrix[0])  # every document against one; ranking is trivial


if __name__ == "__main__":
    sys.exit(main())
