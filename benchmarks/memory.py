"""Does a PDF batch's memory stay flat as it grows? Peak RSS of batches of 100 to 1,243 PDFs.

Runs ``fit-analyzer batch FOLDER POSTING --format jsonl -o FILE --no-cache`` over the first
N livecareer PDF resumes of ../shared/data against one sample posting, each run in its own
process, and last the largest batch again with a gallery of broken files mixed in. Prints, per
run: the files given, wall seconds, the peak RSS of the main process alone and of its
largest worker (high-water marks sampled from /proc while it runs), the peak of the whole
process tree (``wait4``, as benchmarks/speed.py measures), and whether the output holds
exactly one record per input file.

    python benchmarks/memory.py [--data ../shared/data] [--sizes 100 300 1000 0]
                                [--no-gallery] [--jobs N] [--pdf-engine pdfminer]

A size of 0 means every PDF. Workers start as copies of the main process, so their RSS
counts the pages they share with it.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
POSTING = REPO / "corpora" / "samples" / "postings" / "icu-registered-nurse.txt"
CLI = Path(sys.executable).with_name("fit-analyzer")
MB = 1024 * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000, 0])
    parser.add_argument("--no-gallery", action="store_true", help="skip the run with broken files")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--pdf-engine", default="pdfminer")
    args = parser.parse_args()
    livecareer = args.data / "livecareer"
    pdfs = sorted(livecareer.rglob("*.pdf")) if livecareer.is_dir() else []
    if not pdfs:
        print(f"skipped: {args.data} has no livecareer/ PDFs (pass --data)")
        return 0
    sizes = [min(size, len(pdfs)) or len(pdfs) for size in args.sizes]
    runs = [(size, False) for size in sizes]
    if not args.no_gallery:
        runs.append((max(sizes), True))  # the largest batch again, broken files mixed in
    print(f"{os.cpu_count()} cores, --jobs {args.jobs}, --pdf-engine {args.pdf_engine}\n")
    print(
        "| files | of them broken | wall s | main peak RSS MB | largest worker MB "
        "| tree peak MB (wait4) | error records | one record per file |"
    )
    print("|---|---|---|---|---|---|---|---|")
    failed = False
    for size, with_gallery in runs:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "resumes"
            folder.mkdir()
            inputs = []
            for index, pdf in enumerate(pdfs[:size]):
                link = folder / f"{index:05d}.pdf"
                link.symlink_to(pdf.resolve())
                inputs.append(link)
            broken = _write_gallery(folder, pdfs[0]) if with_gallery else []
            inputs += broken
            output = Path(scratch) / "out.jsonl"
            command = [str(CLI), "batch", str(folder), str(POSTING), "--format", "jsonl"]
            command += ["-o", str(output), "--no-cache", "--jobs", str(args.jobs)]
            command += ["--pdf-engine", args.pdf_engine]
            run = _run(command, Path(scratch) / "cache")
            per_file, errors = _records_per_file(output)
            exact = per_file == collections.Counter(str(path) for path in inputs)
            failed |= not exact
            print(
                f"| {len(inputs):,} | {len(broken)} | {run.seconds:.1f} | {run.main_mb:.0f} | "
                f"{run.worker_mb:.0f} | {run.tree_mb:.0f} | {errors} | "
                f"{'yes' if exact else 'NO'} |",
                flush=True,
            )
    return 1 if failed else 0


class _Run:
    """What one batch process cost: wall time and peak RSS (MB) of its parts."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.main_mb = 0.0
        self.worker_mb = 0.0
        self.tree_mb = 0.0


def _run(command: list[str], cache: Path) -> _Run:
    """Run ``command``, sampling the high-water RSS of it and its children until it ends."""
    run = _Run()
    environment = dict(os.environ, FIT_ANALYZER_CACHE_DIR=str(cache))
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            run.main_mb = max(run.main_mb, _high_water_mb(process.pid))
            for child in _children(process.pid):
                run.worker_mb = max(run.worker_mb, _high_water_mb(child))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    # wait4 reports the peak RSS of the child and of its reaped workers, whichever is larger.
    _, status, usage = os.wait4(process.pid, 0)
    run.seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 3):
        raise SystemExit(f"{command[:2]} failed with exit code {process.returncode}")
    run.tree_mb = usage.ru_maxrss / 1024
    return run


def _high_water_mb(pid: int) -> float:
    """The peak RSS of process ``pid`` so far (VmHWM), or 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    children = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as listing:
                children += [int(child) for child in listing.read().split()]
    except OSError:
        pass
    return children


def _records_per_file(output: Path) -> tuple[collections.Counter[str], int]:
    """How many records name each resume file, and how many records are errors.

    Each error is also written to standard error, with the file it came from.
    """
    per_file: collections.Counter[str] = collections.Counter()
    errors = 0
    with output.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if "error" in record:
                errors += 1
                per_file[record["path"]] += 1
                source = Path(record["path"])
                with contextlib.suppress(OSError, RuntimeError):  # a link loop stays as named
                    source = source.resolve()
                print(f"  {source}: {record['error']['message']}", file=sys.stderr)
            else:
                per_file[record["resume"]["path"]] += 1
    return per_file, errors


def _write_gallery(folder: Path, good_pdf: Path) -> list[Path]:
    """Write broken files into ``folder``; return those a batch reads (every one but x.pdf)."""
    rng = random.Random(0)
    files = {
        "broken-truncated.pdf": good_pdf.read_bytes()[:900],
        "broken-junk.pdf": rng.randbytes(4096),
        "broken-empty.pdf": b"",
        "broken-loop.pdf": _reference_loop_pdf(),
        "broken-bomb.docx": _zip_bomb(),
        "broken-laughs.docx": _billion_laughs(),
        "broken-junk.txt": rng.randbytes(2048),
    }
    written = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        written.append(folder / name)
    (folder / "broken-ring1.txt").symlink_to(folder / "broken-ring2.txt")
    (folder / "broken-ring2.txt").symlink_to(folder / "broken-ring1.txt")
    written += [folder / "broken-ring1.txt", folder / "broken-ring2.txt"]
    (folder / "x.pdf").mkdir()  # a folder named like a file: searched, not read
    return written


def _reference_loop_pdf() -> bytes:
    """A PDF whose page tree refers to itself: pdfminer follows it until the timeout."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"3 0 R", b"2 0 R"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 4\n0000000000 65535 f \n")
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _zip_bomb() -> bytes:
    """A .docx whose document.xml inflates 40 MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(40):
                member.write(bytes(MB))
    return out.getvalue()


def _billion_laughs() -> bytes:
    """A .docx (made by python-docx) whose document.xml declares nested entities."""
    import docx

    document = docx.Document()
    document.add_paragraph("placeholder")
    plain = io.BytesIO()
    document.save(plain)
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
    out = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "word/document.xml":
                content = xml.encode()
            target.writestr(member.filename, content)
    return out.getvalue()


if __name__ == "__main__":
    sys.exit(main())
