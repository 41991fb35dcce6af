"""Never crashes: any readable pair of texts is scored, with every score in 0-100.

Texts are built from words the model treats specially (job words, skills, section headings)
and plain filler, in any mix, so that documents with no job words, no key terms or no
sections are all generated.
"""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fit_analyzer import VERDICTS, assess, document_from_text
from fit_analyzer.errors import DocumentError

WORDS = (
    "courier delivery parcels route van driver warehouse forklift nurse patient "
    "python kubernetes machinist lathe cnc engineer technician manager product "
    "roadmap led built operated managed 2019 2021 present the and of with for team "
    "customers we our you will years experience bachelor degree senior junior "
    "clearance relocate lorem ipsum dolor sit"
).split()
LINES = (
    "Experience",
    "Skills",
    "Summary",
    "Requirements",
    "Responsibilities",
    "Benefits",
    "Job Title: Courier",
    "We are an equal opportunity employer without regard to race or national origin.",
)


@st.composite
def texts(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(LINES)))
        words = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=25))
        lines.append(" ".join(words) + draw(st.sampled_from(("", ".", ",", ":"))))
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resume=texts(), posting=texts())
def test_any_readable_pair_is_scored(resume: str, posting: str) -> None:
    try:
        documents = (
            document_from_text(resume, "resume"),
            document_from_text(posting, "posting"),
        )
    except DocumentError:
        return  # too few words to read: refused with the project's own error, as designed
    report = assess(*documents)
    assert report.verdict in VERDICTS
    for name, value in vars(report.scores).items():
        assert 0 <= value <= 100 and not math.isnan(value), name


def test_a_courier_resume_against_a_courier_posting_is_scored() -> None:
    """Neither text names a job word the model knows: this used to raise "empty vocabulary"."""
    resume = document_from_text(
        "Delivered parcels on a daily route of 120 stops, loading the van in order and "
        "collecting signatures; kept a clean record over four years in all weather.",
        "resume",
    )
    posting = document_from_text(
        "Deliver parcels on a daily route. Load the van in order, collect signatures and "
        "keep a clean record. A full licence and four years of safe driving are needed.",
        "posting",
    )
    report = assess(resume, posting)
    assert report.verdict in VERDICTS
