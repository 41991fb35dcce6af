"""The behaviours of the assessment a user relies on, on the samples and small made-up texts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from fit_analyzer import VERDICTS, Document, FitReport, assess, document_from_text, load_document
from fit_analyzer.model import default_model
from fit_analyzer.profiles import profile_posting
from fit_analyzer.report import schema

from .conftest import POSTINGS, RESUMES, run_cli


def pair(resume: str, posting: str) -> FitReport:
    return assess(
        load_document(RESUMES / resume, "resume"), load_document(POSTINGS / posting, "posting")
    )


# poorly_targeted is also pinned on keyword-stuffed samples below.
SAMPLE_VERDICTS = [
    ("alex-rivera.pdf", "site-reliability-engineer.txt", "strong_fit"),
    ("jordan-lee.docx", "frontend-developer.html", "strong_fit"),
    ("sam-okafor.txt", "cnc-programmer.txt", "partial_fit"),
    # A frontend engineer titled "Senior Software Engineer": the title claims the SRE
    # posting, the experience shows none of its key requirements.
    ("jordan-lee.pdf", "site-reliability-engineer.txt", "poorly_targeted"),
    ("maria-santos.txt", "cnc-machinist.pdf", "not_a_fit"),
]


@pytest.mark.parametrize(("resume", "posting", "verdict"), SAMPLE_VERDICTS)
def test_every_verdict_is_reachable_on_the_samples(resume: str, posting: str, verdict: str) -> None:
    assert pair(resume, posting).verdict == verdict


def stuffed(resume: str, posting: Document) -> Document:
    """The resume with the posting's title, a summary and a skills list naming its key terms."""
    terms = [k.term for k in profile_posting(posting, default_model()).key_terms][:12]
    name, contact, *rest = (RESUMES / resume).read_text(encoding="utf-8").splitlines()
    surface = [
        name,
        contact,
        posting.title,
        "",
        "Summary",
        f"{posting.title} skilled in {', '.join(terms[:5])}.",
        "",
        "Skills",
        ", ".join(terms),
        "",
    ]
    return document_from_text("\n".join(surface + rest[1:]), "resume", name=f"stuffed-{resume}")


@pytest.mark.parametrize("resume", ["sam-okafor.txt", "alex-rivera.txt", "jordan-lee.txt"])
def test_a_keyword_stuffed_resume_from_another_trade_is_poorly_targeted(resume: str) -> None:
    posting = load_document(POSTINGS / "icu-registered-nurse.txt", "posting")
    report = assess(stuffed(resume, posting), posting)
    assert report.verdict == "poorly_targeted"
    assert report.scores.surface_match > 50 > 10 > report.scores.substance_match


def test_every_verdict_reaches_the_user_as_valid_json_and_in_words(tmp_path: Path) -> None:
    """Each verdict, on an input that gets it, is in the JSON the schema allows and in the text."""
    nurse = POSTINGS / "icu-registered-nurse.txt"
    fake = tmp_path / "stuffed.txt"
    fake.write_text(stuffed("sam-okafor.txt", load_document(nurse, "posting")).text, "utf-8")
    inputs = {v: (RESUMES / r, POSTINGS / p) for r, p, v in SAMPLE_VERDICTS}
    inputs["poorly_targeted"] = (fake, nurse)
    assert inputs.keys() == set(VERDICTS)  # a new verdict needs an input that gets it
    for verdict, (resume, posting) in inputs.items():
        code, out, _ = run_cli("score", resume, posting, "--format", "json")
        record = json.loads(out)
        jsonschema.validate(record, schema())
        assert (code, record["verdict"]) == (0, verdict)
        code, out, _ = run_cli("score", resume, posting)
        assert code == 0 and out.splitlines()[0].endswith(verdict.replace("_", " ").upper())


def test_the_same_surface_on_a_genuine_resume_is_not_flagged_and_ranks_higher() -> None:
    posting = load_document(POSTINGS / "icu-registered-nurse.txt", "posting")
    control = assess(stuffed("maria-santos.txt", posting), posting)
    fake = assess(stuffed("sam-okafor.txt", posting), posting)
    assert control.verdict == "strong_fit"
    assert control.scores.fit > fake.scores.fit + 30


def test_poorly_targeted_report_names_what_is_missing_and_only_listed() -> None:
    report = pair("jordan-lee.txt", "site-reliability-engineer.txt")
    missing = [m.term for m in report.missing]
    assert {"kubernetes", "terraform", "incident response", "on call"} <= set(missing)
    assert "aws" in report.listed_not_shown
    assert report.scores.coverage < 25 and report.scores.title_match >= 50


def test_fitting_resume_outscores_the_poorly_targeted_one() -> None:
    strong = pair("alex-rivera.txt", "site-reliability-engineer.txt")
    poor = pair("jordan-lee.txt", "site-reliability-engineer.txt")
    assert strong.scores.fit > poor.scores.fit + 30


POSTING = """Warehouse Supervisor

Requirements
- Forklift certification and experience with a warehouse management system (WMS).
- Inventory control and cycle counts.

Nice to have
- Lean six sigma green belt.
- Kronos scheduling.

Benefits
Dental insurance, vision insurance, pension plan, tuition reimbursement and a gym membership.
We are an equal opportunity employer and value diversity at our company regardless of race.
"""


def posting_doc(text: str = POSTING) -> Document:
    return document_from_text(text, "posting", name="posting.txt")


def resume_doc(body: str) -> Document:
    return document_from_text(
        f"Robin Vale\nWarehouse Supervisor\n\n{body}", "resume", name="resume.txt"
    )


def test_boilerplate_is_not_asked_for() -> None:
    terms = {m.term for m in assess(resume_doc("Experience\n- Ran a team."), posting_doc()).missing}
    assert {"forklift", "wms", "kronos"} <= terms
    assert not terms & {"dental", "vision", "pension", "tuition", "gym", "diversity"}


def test_the_company_s_business_and_the_job_s_terms_are_not_asked_for() -> None:
    text = (
        "Forklift Operator\nAbout us\nWe are a refrigerated freight carrier moving produce "
        "shipments across the Midwest.\nResponsibilities\n- Load produce shipments and freight "
        "pallets with a forklift; scan them in our WMS.\n- Overtime is frequent in the summer "
        "weeks; similar roles usually earn a bonus.\nRequirements\n- Forklift certification "
        "and two years of cold storage experience.\n- Must be eligible to work in the US."
    )
    terms = {
        m.term for m in assess(resume_doc("Experience\n- Ran a team."), posting_doc(text)).missing
    }
    assert {"wms", "pallets", "scan"} <= terms
    assert not terms & {"freight", "shipments", "produce", "overtime", "bonus", "eligible"}


def test_a_posting_on_one_line_keeps_what_precedes_its_equal_opportunity_statement() -> None:
    # Job sites often strip a posting's line breaks; only its closing statement is boilerplate.
    text = (
        "Forklift Operator\nYou will run forklift crews and cycle counts in our WMS.Must know "
        "Kronos scheduling.We are an equal opportunity employer and consider all applicants "
        "without regard to race or national origin. Dental and vision from day one."
    )
    posting = posting_doc(text)
    assert [s.name for s in posting.sections] == ["overview", "boilerplate"]
    assert posting.sections[1].text.startswith("We are an equal opportunity employer")
    terms = {m.term for m in assess(resume_doc("Experience\n- Ran a team."), posting).missing}
    assert {"wms", "kronos"} <= terms
    assert not terms & {"dental", "vision"}


def test_headings_in_capitals_are_found_inside_a_long_line_but_not_inside_a_title() -> None:
    # Job sites strip line breaks ("... SUMMARY Machinist with ..."), yet a headline in
    # capitals can name a heading word ("... MANAGER - EXPERIENCE REQUIRED"): that stays put.
    text = (
        "Jo Doe jo@example.com PROFESSIONAL SUMMARY Machinist with ten years on CNC lathes "
        "and mills. EXPERIENCE Acme Machining, Machinist, 2014 - 2024: ran Haas lathes.\n"
        "Seeking a USED CAR SALES MANAGER - EXPERIENCE REQUIRED role where my customer care, "
        "negotiation and follow-up skills count."
    )
    resume = document_from_text(text, "resume")
    assert [s.heading for s in resume.sections if s.heading] == [
        "PROFESSIONAL SUMMARY",
        "EXPERIENCE",
    ]
    assert "MANAGER - EXPERIENCE REQUIRED" in resume.sections[-1].text


def test_required_terms_outweigh_preferred_ones() -> None:
    required = resume_doc(
        "Experience\n- Forklift certified; ran the WMS, inventory control and cycle counts."
    )
    preferred = resume_doc(
        "Experience\n- Lean six sigma green belt; Kronos scheduling for forty staff."
    )
    with_required = assess(required, posting_doc())
    with_preferred = assess(preferred, posting_doc())
    assert with_required.scores.coverage > 2 * with_preferred.scores.coverage
    assert [m.required for m in with_required.missing] == sorted(
        (m.required for m in with_required.missing), reverse=True
    )  # required listed first


def test_aliases_and_inflections_match_and_say_how() -> None:
    posting = posting_doc(
        "Frontend Engineer\n\nRequirements\n- JavaScript and Kubernetes.\n"
        "- Provisioning of test clusters.\n"
    )
    resume = resume_doc("Experience\n- Wrote JS services on k8s and provisioned test clusters.")
    matched = {m.term: m for m in assess(resume, posting).matched}
    assert (matched["javascript"].match, matched["javascript"].resume_form) == ("alias", "js")
    assert matched["kubernetes"].match == "alias"
    assert matched["provisioning"].match == "stem"


def test_evidence_counts_experience_over_a_skills_list() -> None:
    shown = resume_doc("Experience\n- Forklift driving, WMS, inventory control, cycle counts.")
    listed = resume_doc(
        "Experience\n- Ran a night shift.\n\nSkills\nForklift, WMS, inventory control, cycle counts"
    )
    shown_report, listed_report = assess(shown, posting_doc()), assess(listed, posting_doc())
    assert shown_report.scores.coverage == pytest.approx(listed_report.scores.coverage)
    assert shown_report.scores.evidence == pytest.approx(shown_report.scores.coverage)
    assert listed_report.scores.evidence < 10 < shown_report.scores.evidence
    assert {"forklift", "wms"} <= set(listed_report.listed_not_shown)
    assert shown_report.scores.fit > listed_report.scores.fit


def test_same_input_same_report() -> None:
    first = pair("maria-santos.pdf", "icu-registered-nurse.txt")
    second = pair("maria-santos.pdf", "icu-registered-nurse.txt")
    assert first == second


def test_a_resume_of_headline_and_summary_only_is_poorly_targeted() -> None:
    """It claims the job at a glance, but shows no work at all."""

    def resume(body: str) -> Document:
        text = f"Robin Vale\nWarehouse Supervisor\n\n{body}"
        return document_from_text(text, "resume", name="resume.txt")

    summary = (
        "Summary\nWarehouse supervisor skilled in forklift operation, WMS, inventory control "
        "and cycle counts."
    )
    report = assess(resume(summary), posting_doc())
    assert report.verdict == "poorly_targeted"
    assert report.scores.substance_match < 10 < report.scores.surface_match
    with_work = resume(
        f"{summary}\n\nExperience\n- Ran a night shift of twelve on forklifts, with daily cycle "
        "counts and inventory control in our WMS."
    )
    assert assess(with_work, posting_doc()).verdict != "poorly_targeted"


@pytest.mark.parametrize(
    ("resume_title", "posting_title", "low", "high"),
    [
        # One job in two spellings and numbers: the same occupation.
        ("Registered Nurse", "Registered Nurses - Night Shift", 99.5, 100),
        ("Backend Engineer", "Back End Engineer", 99.5, 100),
        # Two jobs with only a generic word in common ("engineer" names 37 occupations): the
        # job word matches, the specialty does not.
        ("Engineer", "Experienced Engineers for a Chemical Plant", 0, 60),
    ],
)
def test_title_match_knows_a_job_in_either_number_but_not_a_generic_word(
    resume_title: str, posting_title: str, low: float, high: float
) -> None:
    work = "Planned the work of the team, wrote reports and checked results daily."
    resume = document_from_text(f"{resume_title}\n\nExperience\n{work}", "resume", name="r")
    posting = document_from_text(
        f"{posting_title}\n\nRequirements\nThree years of experience. {work}", "posting", name="p"
    )
    assert low <= assess(resume, posting).scores.title_match <= high
