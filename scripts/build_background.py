"""Build corpora/background/document_frequencies.tsv from the external data in ../shared/data.

The table holds, for each term, the number of background documents (real postings and
resumes from many fields) it appears in. Only figures are written, never text, and only
terms that are common and not personal: a term must appear in at least ``--min-df`` job
postings, so words that only resumes contain (their owners' names, streets, e-mail
addresses) never enter the table, and anything shaped like an e-mail address, phone number
or web address is dropped as well.

    python scripts/build_background.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.datasets import DEFAULT_DATA, read_postjobfree  # noqa: E402
from fit_analyzer.documents import extract_text  # noqa: E402
from fit_analyzer.errors import DocumentError  # noqa: E402
from fit_analyzer.vocabulary import Vocabulary  # noqa: E402

SOURCES = {
    "postjobfree-postings": "postjobfree.com job postings (ai-se/Resume_Job_Matching, dev half)",
    "postjobfree-resumes": "postjobfree.com resumes (ai-se/Resume_Job_Matching, dev half)",
    "monster-postings": "Monster.com postings sample (PromptCloud, CC BY-SA 4.0)",
    "livecareer-resumes": "livecareer.com resume PDFs, 24 categories (Sbhawal/resumeScraper)",
}
# E-mail addresses, web addresses and long digit runs (phone numbers) are never terms.
PERSONAL_RE = re.compile(
    r"@|^https?|^www|\.(?:com|org|edu|gov|io|co|us|uk|ca|in|info|biz)$|\d{3,}.*\d{3,}"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--output", type=Path, default=REPO / "corpora" / "background" / "document_frequencies.tsv"
    )
    parser.add_argument("--min-df", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path.home() / ".cache" / "fit-analyzer-build",
        help="where text extracted from the PDFs is kept between runs",
    )
    args = parser.parse_args()
    if not (args.data / "postjobfree").is_dir():
        print(
            f"{args.data}: no postjobfree/ folder; pass --data pointing at shared/data",
            file=sys.stderr,
        )
        return 1
    vocabulary = Vocabulary.load()
    df_by_source: dict[str, Counter[str]] = {source: Counter() for source in SOURCES}
    documents: Counter[str] = Counter()
    for source, text in iter_documents(args.data, args.jobs, args.cache):
        terms = {t.canonical for t in vocabulary.terms(vocabulary.tokens(text))}
        df_by_source[source].update(terms)
        documents[source] += 1
    table = select_terms(df_by_source, args.min_df)
    write_table(args.output, table, documents, args.min_df)
    print(f"{documents.total()} documents, {len(table)} terms -> {args.output}")
    return 0


def iter_documents(data: Path, jobs: int, cache: Path) -> Iterator[tuple[str, str]]:
    """Yield (source, text) for every background document."""
    labels = data / "postjobfree" / "labels.csv"
    with labels.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            source = (
                "postjobfree-postings"
                if row["file"].startswith("postings/")
                else ("postjobfree-resumes")
            )
            yield source, read_postjobfree(data / "postjobfree" / row["file"])
    with (data / "monster" / "jobs_sample.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            yield "monster-postings", f"{row['job_title']}\n{row['job_description']}"
    pdfs = sorted((data / "livecareer").rglob("*.pdf"))
    cached = [
        cache / "livecareer" / p.relative_to(data / "livecareer").with_suffix(".txt") for p in pdfs
    ]
    missing = [(p, c) for p, c in zip(pdfs, cached, strict=True) if not c.exists()]
    with ProcessPoolExecutor(jobs) as pool:
        for (_, target), text in zip(
            missing, pool.map(_pdf_text, [p for p, _ in missing], chunksize=8), strict=True
        ):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    for target in cached:
        text = target.read_text(encoding="utf-8")
        if text:
            yield "livecareer-resumes", text


def _pdf_text(path: Path) -> str:
    try:
        return extract_text(path)
    except DocumentError:
        return ""


def select_terms(df_by_source: dict[str, Counter[str]], min_df: int) -> dict[str, int]:
    """Keep terms found in at least ``min_df`` postings; return term -> document frequency."""
    total: Counter[str] = Counter()
    in_postings: Counter[str] = Counter()
    for source, counts in df_by_source.items():
        total.update(counts)
        if source.endswith("postings"):
            in_postings.update(counts)
    return {
        term: df
        for term, df in total.items()
        if in_postings[term] >= min_df and not PERSONAL_RE.search(term)
    }


def write_table(path: Path, table: dict[str, int], documents: Counter[str], min_df: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(f"# corpus: background-{documents.total()}d-{len(table)}t\n")
        out.write(f"# documents: {documents.total()}\n")
        out.write(f"# min_df: {min_df}\n")
        out.write(
            "# Document frequencies of terms (term<TAB>documents containing it), "
            "computed by\n"
            f"# scripts/build_background.py from these sources (figures only, no text);\n"
            f"# only terms found in at least {min_df} job postings are kept:\n"
        )
        for source, description in SOURCES.items():
            out.write(f"#   {source}: {description}; {documents[source]} documents\n")
        for term in sorted(table, key=lambda t: (-table[t], t)):
            out.write(f"{term}\t{table[term]}\n")


if __name__ == "__main__":
    raise SystemExit(main())
