"""Which PDF reader settings? Speed against the fit scores their text gives, on real PDFs.

Reads the first N livecareer resume PDFs with pdfminer.six's default layout analysis, with
the settings fit-analyzer uses (``LAParams(boxes_flow=None)``), without layout analysis,
and with PDFium, timing each; then scores every text against the sample postings and
prints how often each reading's fit is within 1 point of the one fit-analyzer's default
reader gives (the issue's bar for an engine that may be used automatically: 95 %).

    python benchmarks/pdf_engines.py [--data ../shared/data] [--pdfs 200]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.datasets import DEFAULT_DATA
from fit_analyzer import (
    Document,
    DocumentError,
    assess_many,
    document_from_text,
    load_document,
)
from fit_analyzer.documents.pdf import read_pdf, read_pdf_pdfium

SAMPLE_POSTINGS = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "postings"


def _pdfminer(**laparams: object) -> Callable[[bytes, Path], str]:
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    def read(data: bytes, path: Path) -> str:
        settings = None if laparams.get("off") else LAParams(**laparams)
        return str(extract_text(io.BytesIO(data), laparams=settings))

    return read


READERS: dict[str, Callable[[bytes, Path], str]] = {
    "pdfminer, LAParams(boxes_flow=None) (used)": lambda data, path: read_pdf(data, path).text,
    "pdfminer, LAParams() defaults": _pdfminer(),
    "pdfminer, laparams=None (no layout analysis)": _pdfminer(off=True),
    "PDFium (pypdfium2)": lambda data, path: read_pdf_pdfium(data, path).text,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pdfs", type=int, default=200)
    args = parser.parse_args()
    folder = args.data / "livecareer"
    if not folder.is_dir():
        print(f"skipped: {folder} not found (pass --data)")
        return 0
    paths = sorted(folder.rglob("*.pdf"))[: args.pdfs]
    postings = [
        load_document(p, "posting") for p in sorted(SAMPLE_POSTINGS.iterdir()) if p.is_file()
    ]
    contents = [p.read_bytes() for p in paths]
    fits: dict[str, np.ndarray] = {}
    seconds: dict[str, float] = {}
    for name, read in READERS.items():
        started = time.perf_counter()
        texts: list[str | None] = []
        for path, data in zip(paths, contents, strict=True):
            try:
                texts.append(read(data, path))
            except DocumentError:
                texts.append(None)
            except ImportError:
                print(f"skipped {name}: not installed")
                break
        else:
            seconds[name] = time.perf_counter() - started
            fits[name] = _fits(texts, postings)
    reference = fits[next(iter(READERS))]
    both = ~np.isnan(reference)
    print(f"{len(paths)} livecareer PDFs x {len(postings)} sample postings\n")
    print("| reader | s per PDF | x faster | fit within 1 point of (used) | mean abs diff |")
    print("|---|---|---|---|---|")
    base = seconds[next(iter(READERS))]
    for name, fit in fits.items():
        valid = both & ~np.isnan(fit)
        close = np.abs(fit[valid] - reference[valid]) <= 1.0
        diff = np.abs(fit[valid] - reference[valid]).mean()
        print(
            f"| {name} | {seconds[name] / len(paths):.3f} | {base / seconds[name]:.1f} | "
            f"{100 * close.mean():.1f} % | {diff:.2f} |"
        )
    return 0


def _fits(texts: list[str | None], postings: list[Document]) -> np.ndarray:
    """Fit of each text (a row; NaN when unreadable) against each posting."""
    fit = np.full((len(texts), len(postings)), np.nan)
    readable = [i for i, t in enumerate(texts) if t and t.strip()]
    documents = [document_from_text(str(texts[i]), "resume", name=str(i)) for i in readable]
    for k, report in enumerate(assess_many(documents, postings)):
        i, j = divmod(k, len(postings))
        fit[readable[i], j] = report.scores.fit
    return fit


if __name__ == "__main__":
    sys.exit(main())
