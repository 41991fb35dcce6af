"""Does `fit` carry over to other real documents? livecareer resumes against Monster postings.

The model was calibrated on postjobfree (6 engineering and machining trades). Here the
livecareer PDF resumes (24 fields, accountant to teacher) meet the Monster.com postings
whose job title names exactly one of those fields (by the title words in `FIELD_WORDS`,
written for this check), in the fields that have at least `MIN_POSTINGS` of them. A pair
fits when the posting's field is the resume's. Prints
pairwise ROC AUC, P@10 and top-1 field accuracy (as `quality.py` defines them) beside the
plain scikit-learn TF-IDF baselines, for postings read with their title and, since the
labels come from the titles, without it. Resumes are read in parallel through the document
cache, so a second run skips the PDFs.

    python benchmarks/transfer.py [--data ../shared/data] [--pdf-engine pdfminer]
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.datasets import DEFAULT_DATA, read_monster
from benchmarks.quality import baseline, metrics
from fit_analyzer import Document, assess_many, document_from_text
from fit_analyzer.batch import load_documents
from fit_analyzer.cache import DocumentCache
from fit_analyzer.documents import PDF_ENGINES, resolve_pdf_engine
from fit_analyzer.text import tokenize

# Fields with fewer postings are left out: their mean score (top-1) would rest on one or two.
MIN_POSTINGS = 5
# Title words that name each livecareer field: a posting is labelled only when its title
# has words of exactly one field.
FIELD_WORDS = {
    "ACCOUNTANT": {"accountant", "accounting", "bookkeeper", "auditor"},
    "ADVOCATE": {"attorney", "lawyer", "paralegal", "legal", "advocate"},
    "AGRICULTURE": {"agriculture", "agricultural", "farm", "agronomist"},
    "APPAREL": {"apparel", "fashion", "garment"},
    "ARTS": {"artist", "arts", "museum"},
    "AUTOMOBILE": {"automotive", "mechanic", "auto"},
    "AVIATION": {"aviation", "pilot", "aircraft"},
    "BANKING": {"bank", "banker", "banking", "teller"},
    "BUSINESS-DEVELOPMENT": {"business development"},
    "CHEF": {"chef", "cook", "culinary"},
    "CONSTRUCTION": {"construction", "carpenter", "electrician", "plumber"},
    "CONSULTANT": {"consultant"},
    "DESIGNER": {"designer"},
    "ENGINEERING": {"engineer", "engineering"},
    "FINANCE": {"finance", "financial"},
    "FITNESS": {"fitness", "gym"},
    "HEALTHCARE": {"nurse", "rn", "lpn", "medical", "clinical", "therapist", "physician"},
    "HR": {"human resources", "hr", "recruiter", "payroll"},
    "INFORMATION-TECHNOLOGY": {"developer", "software", "programmer", "network", "it"},
    "PUBLIC-RELATIONS": {"public relations", "communications"},
    "SALES": {"sales"},
    "TEACHER": {"teacher", "teaching", "tutor"},
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pdf-engine", default="pdfminer", choices=PDF_ENGINES)
    args = parser.parse_args()
    livecareer, monster = args.data / "livecareer", args.data / "monster" / "jobs_sample.csv"
    if not livecareer.is_dir() or not monster.is_file():
        print(f"skipped: {args.data} has no livecareer/ or monster/ (pass --data)")
        return 0
    started = time.perf_counter()
    postings = read_postings(monster)
    counts = Counter(p.field for p in postings)
    fields = sorted(field for field, n in counts.items() if n >= MIN_POSTINGS)
    postings = [p for p in postings if p.field in fields]
    resumes, resume_fields = read_resumes(livecareer, fields, resolve_pdf_engine(args.pdf_engine))
    read = time.perf_counter()
    truth = np.array([[p.field == field for p in postings] for field in resume_fields])
    print(
        f"{len(resumes)} livecareer resumes x {len(postings)} Monster postings in "
        f"{len(fields)} fields ({truth.mean():.1%} of pairs fit); read {read - started:.0f} s"
    )
    print(f"{'postings':<16}{'method':<30}{'ROC AUC':>9}{'P@10':>7}{'top-1':>7}")
    resume_texts = [r.text for r in resumes]
    for reading in ("with title", "without title"):
        documents = [p.with_title if reading == "with title" else p.without_title for p in postings]
        texts = [d.text for d in documents]
        rows = {
            "fit-analyzer fit": fit_scores(resumes, documents),
            "TfidfVectorizer() defaults": baseline(resume_texts, texts, tuned=False),
            "TfidfVectorizer tuned": baseline(resume_texts, texts, tuned=True),
        }
        for name, scores in rows.items():
            auc, p10, top1 = metrics(scores, truth, [(p.field,) for p in postings], resume_fields)
            print(f"{reading:<16}{name:<30}{auc:>9.3f}{p10:>7.3f}{top1:>7.3f}")
    return 0


def read_resumes(
    folder: Path, fields: list[str], pdf_engine: str
) -> tuple[list[Document], list[str]]:
    """Read the livecareer PDFs of ``fields`` (in parallel, through the cache); skip the
    unreadable."""
    paths = sorted(path for field in fields for path in (folder / field).glob("*.pdf"))
    documents, found_fields = [], []
    loaded = load_documents(
        paths,
        "resume",
        jobs=os.cpu_count() or 1,
        cache=DocumentCache.default(),
        pdf_engine=pdf_engine,
    )
    for path, (document, _) in zip(paths, loaded, strict=True):
        if isinstance(document, Document):
            documents.append(document)
            found_fields.append(path.parent.name)
    return documents, found_fields


class Posting(NamedTuple):
    field: str
    with_title: Document
    without_title: Document


def read_postings(path: Path) -> list[Posting]:
    """The postings whose title names one field, read with and without the title."""
    postings = []
    for name, title, text in read_monster(path):
        field = field_of(title)
        if field is None or len(text.split()) < 80:
            continue
        with_title = document_from_text(f"{title}\n\n{text}", "posting", name=name)
        postings.append(Posting(field, with_title, document_from_text(text, "posting", name=name)))
    return postings


def field_of(title: str) -> str | None:
    """The one field whose words the title uses, or None (none, or several)."""
    words = tokenize(title.rsplit(" Job in ", 1)[0])  # Monster appends " Job in CITY"
    phrases = set(words) | {" ".join(pair) for pair in itertools.pairwise(words)}
    found = [field for field, names in FIELD_WORDS.items() if names & phrases]
    return found[0] if len(found) == 1 else None


def fit_scores(resumes: list[Document], postings: list[Document]) -> np.ndarray:
    scores = np.zeros((len(resumes), len(postings)))
    for k, report in enumerate(assess_many(resumes, postings)):
        scores[divmod(k, len(postings))] = report.scores.fit
    return scores


if __name__ == "__main__":
    sys.exit(main())
