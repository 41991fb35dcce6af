"""How fast is a batch? fit-analyzer against a naive pipeline and the PDFium floor.

Times, side by side, on ../shared/data: (a) a naive pipeline (sequential pdfminer.six
``extract_text`` or a plain read, then scikit-learn TF-IDF and cosine), (b) ``fit-analyzer
batch`` with an empty cache, (c) the same batch again with the cache warm, (d) extraction
alone with PDFium (a plain read for text), the floor. Two workloads: 1 resume x 1,402
postjobfree postings, and the first 200 livecareer PDF resumes x 1 posting. Then
``fit-analyzer score`` on one pair: a text resume, and a PDF read with each engine. Then, for
memory and scale, 1 resume x N text postings for N in --sizes (copies of the postjobfree
postings, each made unique so that none is a cache hit). Every run is a separate process,
so peak RSS is that run's own (its largest process).

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
    for label, path, engine in (
        ("text resume", resume, "auto"),
        ("PDF resume, pdfminer", pdf, "pdfminer"),
        ("PDF resume, pdfium", pdf, "pdfium"),
    ):
        command = [str(CLI), "score", str(path), str(posting), "--no-cache", "-f", "json"]
        seconds, rss = _time([[*command, "--pdf-engine", engine]], args.repeat)
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
    for run, cold in (("cold", True), ("warm", False)):
        seconds, rss = _time([command], args.repeat, cache, cold=cold)
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
    rows: dict[str, tuple[float, float]] = {
        "(a) naive": _time([[*inner, "naive", str(listing)]], args.repeat),
        "(d) floor: PDFium / read": _time([[*inner, "floor", str(listing)]], args.repeat),
    }
    engines = ["pdfminer", "pdfium"] if any(p.suffix == ".pdf" for p in files) else ["auto"]
    for engine in engines:
        cache = scratch / f"cache-{engine}"
        command = [str(CLI), "batch", *batch_args, "-f", "jsonl", "-o", str(scratch / "out")]
        command += ["--jobs", str(args.jobs), "--pdf-engine", engine]
        label = "" if engine == "auto" else f", {engine}"
        rows[f"(b) batch cold{label}"] = _time([command], args.repeat, cache, cold=True)
        rows[f"(c) batch warm{label}"] = _time([command], args.repeat, cache)
    naive, floor = rows["(a) naive"][0], rows["(d) floor: PDFium / read"][0]
    for run, (seconds, rss) in rows.items():
        print(
            f"| {name} | {run} | {seconds:.2f} | {len(files) / seconds:,.0f} | "
            f"{seconds / naive:.3f} | {seconds / floor:.1f} | {rss:.0f} |"
        )


def _time(
    commands: list[list[str]], repeat: int, cache: Path | None = None, *, cold: bool = False
) -> tuple[float, float]:
    """Return the median wall time of running ``commands`` and the peak RSS seen, in MB."""
    times, peak = [], 0.0
    environment = dict(os.environ)
    if cache is not None:
        environment["FIT_ANALYZER_CACHE_DIR"] = str(cache)
    for _ in range(repeat):
        if cold and cache is not None:
            shutil.rmtree(cache, ignore_errors=True)
        started = time.perf_counter()
        for command in commands:
            process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL)
            # wait4 reports the child's peak RSS, including its reaped worker processes.
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode not in (0, 3):
                raise SystemExit(f"{command[:3]} failed with exit code {process.returncode}")
            peak = max(peak, usage.ru_maxrss / 1024)
        times.append(time.perf_counter() - started)
    return statistics.median(times), peak


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
