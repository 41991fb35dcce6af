"""Hard requirements: what a posting demands, what a resume shows, and how they compare."""

from __future__ import annotations

import pickle
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fit_analyzer.requirements import (
    Check,
    HardRequirement,
    Need,
    PostingNeeds,
    ResumeFacts,
    compare,
    read_posting_needs,
    read_resume_facts,
)

TODAY = date(2025, 6, 15)

BACKEND_POSTING = """Senior Backend Engineer, Payments
Lumen Ledger - Austin, TX (hybrid)

About the role
You will design and run the services that move money for two million small businesses.

Requirements
- Bachelor's degree in Computer Science, Engineering or a related field.
- 5+ years of professional software development experience.
- 3+ years of experience with Go or Java in production.
- Must be authorized to work in the United States; we are unable to sponsor visas.
- Up to 15% travel to our Denver office.

Nice to have
- Master's degree in Computer Science.
- 8 years of experience with payment systems.

Lumen Ledger is an equal opportunity employer. We consider all applicants without regard to
race, religion, citizenship, veteran status or disability.
"""

ICU_POSTING = """Registered Nurse - ICU (Nights)
Valley Mercy Hospital

Qualifications
- Current RN license in Oregon or a multistate compact license.
- At least two (2) years of acute care experience, one of them in critical care.
- Associate Degree in Nursing (ADN) required; BSN preferred.
- Ability to work 12-hour night shifts, every third weekend and some holidays.
- Able to lift 50 pounds and to stand for long periods.
"""

MACHINIST_POSTING = (
    "CNC Machinist - 2nd Shift. Precision Forge has been making aerospace parts for over 50 "
    "years. We are hiring a machinist to set up and run Haas mills. Requirements: High school "
    "diploma or GED. 3-5 years of experience as a CNC machinist in a job shop. Must be a U.S. "
    "citizen because our defence work falls under ITAR. Experience with MS Office and MS Excel "
    "for inspection reports. Valid driver's license. Applicants must be at least 18 years old."
)

PRODUCT_POSTING = """Product Manager, Growth
Brightpath Learning - New York, NY

What you bring
- BS/MS in Computer Science, Economics or a related field, or equivalent experience.
- Minimum of four years of product management experience.
- Willingness to relocate to New York within three months.

Brightpath has served schools for 25 years.
"""

DATA_INTERN_POSTING = """Data Science Intern, Summer 2026
Northwind Analytics

We are looking for students graduating between December 2025 and June 2026.
Coursework in statistics and Python. Active Secret clearance or the ability to obtain one.
Ph.D. students are welcome to apply, but a PhD is not required.
"""

PDF_POSTING = """Staff Data Engineer
Requirements
Bachelor's or Master's degree in Computer Science, Statistics or a
related field, or equivalent practical experience. 7+ years of
experience building data pipelines. Master's degree is a
plus.
"""


SOFTWARE_RESUME = """Priya Natarajan
Senior Software Engineer
priya@example.com | Austin, TX | Sales Associate at Brightwater Books while in school

Summary
Backend engineer with 9 years of experience building payment and ledger services in Go.

Experience
Senior Software Engineer - Fernway Payments, Jan 2020 - Present
- Led the move of the settlement service to Go; cut batch time from 4 hours to 20 minutes.

Software Engineer - Harbor Cloud, 03/2016 to 12/2019
- Built the billing API used by 3,000 customers.

Software Engineer (contract) - Harbor Cloud, Jun 2019 - Feb 2020
- Migrated invoices to the new ledger.

Education
B.S. Computer Science, University of Texas at Austin, 2012 - 2016
"""

NURSE_RESUME = """Daniel Okoro, RN
Staff Nurse, Cardiac ICU

Experience
Staff Nurse, Cardiac ICU - St. Brendan Medical Center, 2021 - Present
- Care for two critically ill patients per shift.
Staff Nurse, Telemetry - Riverbend Hospital, 2019 - 2021

Education
Associate Degree in Nursing (ADN), Clackamas Community College, 2019
Bachelor of Science in Nursing, Linfield University (in progress, expected 2026)
"""

MACHINIST_RESUME = (
    "Luis Romero CNC Machinist Dayton, OH SUMMARY Machinist with 6 years of experience on "
    "Haas and Fanuc mills. EXPERIENCE CNC Machinist, Keystone Axis, 2019 - Present. Machine "
    "Operator, Dayton Tool & Die, 2017 - 2019. EDUCATION Sinclair College, Associate of "
    "Applied Science in Machining Technology, 2015 - 2017. Boston, MA 02115."
)

PM_RESUME = """Amara Lind
Junior Product Manager

Experience
Junior Product Manager - Skylark Apps, Sep 2023 - Present
Business Analyst - Skylark Apps, Jul 2022 - Aug 2023

Education
BA in Economics, Tufts University
"""


def _needs(text: str, title: str = "") -> PostingNeeds:
    return read_posting_needs(text, title)


def _by_kind(requirements: tuple[HardRequirement, ...]) -> dict[str, HardRequirement]:
    return {requirement.kind: requirement for requirement in requirements}


# --- Postings -----------------------------------------------------------------------------


def test_a_software_posting_asks_for_a_bachelors_five_years_and_a_senior() -> None:
    needs = _needs(BACKEND_POSTING)
    assert needs.degree is not None and needs.years is not None and needs.seniority is not None
    assert (needs.degree.level, needs.degree.wanted) == (2, "bachelor's degree")
    assert needs.degree.source.startswith("Bachelor's degree in Computer Science")
    assert (needs.years.level, needs.years.wanted) == (5, "5+ years")
    assert (needs.seniority.level, needs.seniority.wanted) == (3, "senior")
    assert needs.seniority.source == "Senior Backend Engineer, Payments"


def test_preferred_and_nice_to_have_are_not_the_minimum() -> None:
    needs = _needs(BACKEND_POSTING)
    assert needs.degree is not None and needs.degree.level == 2  # the Master's is a nice to have
    assert needs.years is not None and needs.years.level == 5  # so are the 8 years


def test_an_inline_preferred_degree_is_skipped() -> None:
    needs = _needs("Requirements: BS degree required, MS preferred. PhD a plus.")
    assert needs.degree is not None and needs.degree.level == 2
    only_preferred = _needs("Master's degree preferred. 5 years of experience is a plus.")
    assert only_preferred.degree is None and only_preferred.years is None


def test_checks_name_each_constraint_once_with_its_sentence() -> None:
    checks = {check.kind: check.source for check in _needs(BACKEND_POSTING).checks}
    assert checks == {
        "work_authorization": (
            "Must be authorized to work in the United States; we are unable to sponsor visas."
        ),
        "travel": "Up to 15% travel to our Denver office.",
    }


def test_an_equal_opportunity_statement_is_not_a_citizenship_check() -> None:
    kinds = {check.kind for check in _needs(BACKEND_POSTING).checks}
    assert "citizenship" not in kinds


def test_a_nursing_posting_reads_license_shift_physical_and_the_lowest_degree() -> None:
    needs = _needs(ICU_POSTING)
    assert needs.degree is not None and needs.degree.level == 1  # ADN required, BSN preferred
    assert needs.years is not None and needs.years.wanted == "2+ years"
    assert needs.seniority is None
    checks = {check.kind: check.source for check in needs.checks}
    assert checks["license"] == "Current RN license in Oregon or a multistate compact license."
    assert checks["shift"] == (
        "Ability to work 12-hour night shifts, every third weekend and some holidays."
    )
    assert checks["physical"] == "Able to lift 50 pounds and to stand for long periods."


def test_a_one_line_machinist_posting() -> None:
    needs = _needs(MACHINIST_POSTING)
    assert needs.degree is not None and needs.degree.wanted == "high school diploma"
    assert needs.years is not None and needs.years.level == 3  # "3-5 years", not "over 50 years"
    assert needs.years.source == "3-5 years of experience as a CNC machinist in a job shop."
    kinds = {check.kind: check.source for check in needs.checks}
    assert kinds["citizenship"].startswith("Must be a U.S. citizen")
    assert kinds["license"] == "Valid driver's license."
    assert kinds["shift"].startswith("CNC Machinist - 2nd Shift")


def test_ms_office_and_an_address_are_not_degrees() -> None:
    needs = _needs("Strong skills in MS Office and MS Excel. Office in Boston, MA 02115.")
    assert needs.degree is None
    facts = read_resume_facts("Tools: MS Office, MS-SQL, MS Project. Boston, MA 02110")
    assert facts.degree is None


def test_a_sales_associate_is_not_an_associate_degree() -> None:
    assert _needs("We are hiring a Sales Associate for our Austin store.").degree is None
    assert _needs("Associate's degree in business required.").degree is not None


def test_ages_company_history_schooling_and_contracts_are_not_years_of_experience() -> None:
    text = (
        "Acme has been in business for over 40 years. Applicants must be 18 years old. "
        "Completion of 2 years of college. This is a 12 month contract with a 1 year contract "
        "extension."
    )
    assert _needs(text).years is None


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("5+ years of experience with Kubernetes.", 5),
        ("At least 3 years of hands-on experience in a machine shop.", 3),
        ("3-5 years of experience in clinical data management.", 3),
        ("Minimum of two (2) years of experience in acute care.", 2),
        ("Five years of CNC programming experience.", 5),
        ("Experience: 4 to 6 years in accounts payable.", 4),
        ("Ten or more years of experience leading product teams.", 10),
    ],
)
def test_years_asked_in_different_wordings(sentence: str, years: int) -> None:
    needs = _needs(sentence)
    assert needs.years is not None and needs.years.level == years


def test_the_largest_required_minimum_is_the_bar() -> None:
    needs = _needs("2+ years of experience with AWS. 6+ years of experience with Python.")
    assert needs.years is not None and needs.years.level == 6


def test_degree_or_equivalent_experience_is_noted() -> None:
    needs = _needs(PRODUCT_POSTING)
    assert needs.degree is not None and needs.degree.or_equivalent
    assert needs.degree.level == 2  # BS/MS: the lower one
    assert needs.degree.wanted == "bachelor's degree or equivalent experience"
    assert needs.years is not None and needs.years.level == 4  # "served schools for 25 years"
    assert needs.seniority is None  # "Product Manager" names a function, not a level
    assert [check.kind for check in needs.checks] == ["relocation"]


def test_an_intern_posting_with_a_graduation_window_and_a_clearance() -> None:
    needs = _needs(DATA_INTERN_POSTING)
    assert needs.seniority is not None
    assert (needs.seniority.level, needs.seniority.wanted) == (0, "intern")
    assert needs.degree is None  # "a PhD is not required"
    checks = {check.kind: check.source for check in needs.checks}
    assert checks["graduation_window"] == (
        "We are looking for students graduating between December 2025 and June 2026."
    )
    assert checks["clearance"].startswith("Active Secret clearance")


def test_pdf_line_breaks_inside_sentences() -> None:
    needs = _needs(PDF_POSTING)
    assert needs.degree is not None and needs.degree.level == 2 and needs.degree.or_equivalent
    assert needs.years is not None and needs.years.level == 7
    assert needs.years.source == "7+ years of experience building data pipelines."
    assert needs.seniority is not None and needs.seniority.wanted == "staff"


def test_seniority_from_the_title_argument_and_from_the_text() -> None:
    assert _needs("Build things.", "Sr. Data Analyst").seniority == Need(
        3, "senior", "Sr. Data Analyst"
    )
    junior = _needs("Help the team.", "Junior Sales Manager").seniority
    assert junior is not None and junior.level == 1
    entry = _needs("Account Coordinator\nThis is an entry-level position with training.")
    assert entry.seniority is not None and entry.seniority.level == 0
    not_entry = _needs("Account Coordinator\nThis is not an entry-level position.")
    assert not_entry.seniority is None
    staff_nurse = _needs("Care for patients.", "Staff Nurse - Med/Surg")
    assert staff_nurse.seniority is None


def test_long_sources_are_cut_on_a_word_boundary() -> None:
    words = " ".join(f"word{i}" for i in range(80))
    needs = _needs(f"{words} at least 5 years of experience in welding {words}")
    assert needs.years is not None
    source = needs.years.source
    assert len(source) <= 202 and "5 years of experience" in source
    assert source.startswith("…") and source.endswith("…")


# --- Resumes ------------------------------------------------------------------------------


def test_resume_years_merge_overlapping_ranges_up_to_today() -> None:
    facts = read_resume_facts(SOFTWARE_RESUME, today=TODAY)
    # 03/2016 to Jun 2025, the overlapping contract inside it; the degree's 2012 - 2016 is
    # education, not experience.
    assert facts.years == pytest.approx(9.3, abs=0.05)
    assert facts.years_text is not None and "2016 - present" in facts.years_text
    assert facts.degree == 2 and facts.degree_text is not None
    assert facts.degree_text.startswith("B.S. Computer Science")
    assert (facts.seniority, facts.seniority_text) == (3, "Senior Software Engineer")


def test_today_decides_what_present_means() -> None:
    text = "Experience\nWelder, Ironworks, 2020 - Present\n"
    # From January 2020 through the current month.
    assert read_resume_facts(text, today=date(2022, 1, 10)).years == pytest.approx(2.1)
    assert read_resume_facts(text, today=date(2024, 6, 10)).years == pytest.approx(4.5)


@pytest.mark.parametrize(
    ("line", "years"),
    [
        ("Analyst, Acme, Jan 2018 - Mar 2020", 2.2),  # both months count
        ("Analyst, Acme, 03/2019 to 06/2021", 2.3),
        ("Analyst, Acme, 2015 \u2013 2018", 3.0),
        ("Analyst, Acme, September 2021 \u2014 Current", 3.8),
    ],
)
def test_date_range_formats(line: str, years: float) -> None:
    facts = read_resume_facts(f"Experience\n{line}\n", today=TODAY)
    assert facts.years == pytest.approx(years, abs=0.05)


def test_absurd_and_future_ranges_are_ignored() -> None:
    text = "Experience\nClerk, 1950 - 2020\nClerk, 2026 - 2028\nClerk, 2019 - 2016\n"
    facts = read_resume_facts(text, today=TODAY)
    assert facts.years is None


def test_stated_years_are_used_when_there_are_no_dates() -> None:
    facts = read_resume_facts("Machinist with seven years of experience on Okuma lathes.")
    assert facts.years == pytest.approx(7.0)
    assert facts.years_text is not None and "stated" in facts.years_text


def test_a_degree_in_progress_does_not_count() -> None:
    facts = read_resume_facts(NURSE_RESUME, today=TODAY)
    assert facts.degree == 1  # the BSN is expected in 2026
    assert facts.years == pytest.approx(6.5, abs=0.05)
    assert facts.seniority is None  # a staff nurse is not a staff engineer


def test_a_one_line_resume_with_capital_headings() -> None:
    facts = read_resume_facts(MACHINIST_RESUME, today=TODAY)
    assert facts.years == pytest.approx(8.5)  # 2017 - June 2025; 2015 - 2017 was school
    assert facts.degree == 1
    assert facts.seniority is None


def test_resume_seniority_comes_from_the_most_recent_role() -> None:
    facts = read_resume_facts(PM_RESUME, today=TODAY)
    assert (facts.seniority, facts.seniority_text) == (1, "Junior Product Manager")
    assert facts.degree == 2


def test_resume_without_a_degree_or_dates() -> None:
    facts = read_resume_facts("Forklift operator. Reliable, safe, on time.", today=TODAY)
    assert facts == ResumeFacts(None, None, None, None, None, None, False)


# --- Comparison ---------------------------------------------------------------------------


def test_a_senior_engineer_meets_a_senior_backend_posting() -> None:
    result = _by_kind(
        compare(_needs(BACKEND_POSTING), read_resume_facts(SOFTWARE_RESUME, today=TODAY))
    )
    assert {kind: r.status for kind, r in result.items()} == {
        "degree": "met",
        "years": "met",
        "seniority": "met",
    }
    assert result["years"].wanted == "5+ years"
    assert result["seniority"].found == "Senior Software Engineer"


def test_a_junior_resume_does_not_meet_a_senior_posting() -> None:
    needs = _needs("Design the roadmap.", "Senior Product Manager")
    result = _by_kind(compare(needs, read_resume_facts(PM_RESUME, today=TODAY)))
    assert result["seniority"].status == "not_met"
    assert result["seniority"].found == "Junior Product Manager"


def test_one_level_below_is_not_met_and_an_unstated_level_is_unknown() -> None:
    needs = _needs("Lead the platform team.", "Principal Engineer")
    senior = read_resume_facts(SOFTWARE_RESUME, today=TODAY)
    assert _by_kind(compare(needs, senior))["seniority"].status == "not_met"
    nurse = read_resume_facts(NURSE_RESUME, today=TODAY)
    assert _by_kind(compare(needs, nurse))["seniority"].status == "unknown"


def test_a_nurse_with_an_adn_meets_an_icu_posting() -> None:
    result = _by_kind(compare(_needs(ICU_POSTING), read_resume_facts(NURSE_RESUME, today=TODAY)))
    assert result["degree"].status == "met"
    assert result["degree"].found is not None and "ADN" in result["degree"].found
    assert result["years"].status == "met"
    assert "seniority" not in result


def test_too_few_years_is_not_met() -> None:
    resume = "Experience\nCNC Operator, Acme Tool, Jan 2024 - Present\n"
    result = _by_kind(compare(_needs(MACHINIST_POSTING), read_resume_facts(resume, today=TODAY)))
    assert result["years"].status == "not_met"
    assert result["degree"].status == "unknown"  # few resumes list a high school diploma


def test_a_missing_degree_is_not_met_unless_equivalent_experience_counts() -> None:
    facts = read_resume_facts("Experience\nAnalyst, Acme, 2015 - 2024\n", today=TODAY)
    strict = _needs("Bachelor's degree in Finance required.")
    assert compare(strict, facts)[0].status == "not_met"
    lenient = _needs("Bachelor's degree in Finance or equivalent experience.")
    assert compare(lenient, facts)[0].status == "unknown"


def test_an_unreadable_education_section_is_unknown_not_a_fail() -> None:
    facts = read_resume_facts("Education\nDiplom-Ingenieur, TU Berlin\n", today=TODAY)
    assert facts.degree is None and facts.education_listed
    assert compare(_needs("Bachelor's degree required."), facts)[0].status == "unknown"


def test_no_years_on_the_resume_is_unknown() -> None:
    facts = read_resume_facts("Skills: Python, SQL", today=TODAY)
    result = compare(_needs("3+ years of experience with SQL."), facts)
    assert [(r.kind, r.status, r.found) for r in result] == [("years", "unknown", None)]


def test_a_posting_that_asks_nothing_gives_nothing() -> None:
    needs = _needs("Join our friendly team and make great coffee.")
    assert needs == PostingNeeds(None, None, None, ())
    assert compare(needs, read_resume_facts(SOFTWARE_RESUME, today=TODAY)) == ()


# --- Robustness ---------------------------------------------------------------------------


def test_results_pickle() -> None:
    needs = _needs(BACKEND_POSTING)
    facts = read_resume_facts(SOFTWARE_RESUME, today=TODAY)
    result = compare(needs, facts)
    assert pickle.loads(pickle.dumps((needs, facts, result))) == (needs, facts, result)


def test_a_long_text_is_read_in_a_few_milliseconds() -> None:
    posting = (BACKEND_POSTING + ICU_POSTING + MACHINIST_POSTING) * 4
    resume = (SOFTWARE_RESUME + NURSE_RESUME) * 6
    posting, resume = posting[:10_000], resume[:10_000]
    read_posting_needs(posting)  # warm up
    start = time.perf_counter()
    for _ in range(5):
        read_posting_needs(posting)
        read_resume_facts(resume, today=TODAY)
        read_resume_facts(resume.replace("\n", " "), today=TODAY)
    per_document = (time.perf_counter() - start) / 15
    assert per_document < 0.05  # generous for loaded CI machines; about 3 ms on a laptop


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_is_read_without_error(text: str) -> None:
    needs = read_posting_needs(text, text[:40])
    facts = read_resume_facts(text, text[:40], today=TODAY)
    assert isinstance(needs, PostingNeeds) and isinstance(facts, ResumeFacts)
    assert all(isinstance(check, Check) for check in needs.checks)
    assert all(isinstance(r, HardRequirement) for r in compare(needs, facts))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Bachelor's degree",
                "MS",
                "BA/BS",
                " 5+ years ",
                "experience",
                "preferred",
                "2019 - Present",
                "Jan 2018 - Mar 2020",
                "Senior",
                "Engineer",
                "\n",
                ". ",
                ";",
                "(",
                "•",
                "Education",
                "U.S. citizen",
                "nights",
            ]
        ),
        max_size=40,
    )
)
def test_requirement_like_fragments_are_read_without_error(parts: list[str]) -> None:
    text = " ".join(parts)
    compare(read_posting_needs(text), read_resume_facts(text, today=TODAY))
