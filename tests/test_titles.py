"""Job titles and resume headlines read as a person would, on the layouts users sent."""

from __future__ import annotations

import pytest

from fit_analyzer.documents import document_from_text

# Enough body for a document to be read as one; it names no job.
BODY = (
    "\n\nResponsibilities\nShip small changes every week, review each other's work and keep "
    "the runbooks current.\n"
)

POSTINGS = [
    # The reported PDF posting: a label, and an experience note wrapped onto the next line.
    (
        "Job Description: Senior Full Stack Engineer (5+ Years of\nExperience)\nWe make tools.",
        "Senior Full Stack Engineer",
    ),
    ("Job Title: Data Engineer\nLocation: Berlin\nWe move data.", "Data Engineer"),
    ("Position \u2013 Staff Nurse (m/f/d)\nOur ward is busy.", "Staff Nurse"),
    ("Role: Product Designer (Contract)\nWe design.", "Product Designer"),
    ("Opening: Journeyman Electrician (Remote)\nWe wire buildings.", "Journeyman Electrician"),
    (
        "Northwind Retail\nWe are hiring a Senior Data Analyst to turn sales data into decisions.",
        "Senior Data Analyst",
    ),
    (
        "We're looking for a Product Manager who loves talking to customers and shipping often.",
        "Product Manager",
    ),
    (
        "Acme is seeking an experienced ICU Registered Nurse to join our critical care unit.",
        "ICU Registered Nurse",
    ),
    (
        "Join us as a Backend Engineer and help build the payments platform shops rely on.",
        "Backend Engineer",
    ),
    ("Senior Backend Engineer - Berlin\nWe build APIs.", "Senior Backend Engineer"),
    ("Nurse | Mercy Hospital\nWe care for people.", "Nurse"),
    ("Warehouse Associate (Remote) at Acme Logistics\nWe ship.", "Warehouse Associate"),
    ("HVAC TECHNICIAN\nWe keep buildings warm.", "HVAC TECHNICIAN"),
    # A suffix that narrows the job down stays.
    ("Registered Nurse - Intensive Care Unit\nNights.", "Registered Nurse - Intensive Care Unit"),
    ("CNC Programmer - 5-Axis Milling\nWe cut metal.", "CNC Programmer - 5-Axis Milling"),
    (
        "Senior Software Engineer, Site Reliability\nRemote",
        "Senior Software Engineer, Site Reliability",
    ),
    # Text that lost its line breaks, as job sites export it.
    (
        "Outside Insurance Sales RepThe Outside Insurance Sales Rep sells new coverage and "
        "renewals for commercial vehicle fleets. This is an entry level position.",
        "Outside Insurance Sales Rep",
    ),
    (
        "Our client is currently seeking a Medical Billing Specialist II. This job calls "
        "providers' offices and enters claims into two systems every day.",
        "Medical Billing Specialist II",
    ),
    (
        "Job Title: Senior Data Analyst Location: Boston, MA Job Type: Full-time We are a "
        "growing retailer and need someone who enjoys SQL and dashboards.",
        "Senior Data Analyst",
    ),
]

RESUMES = [
    ("JANE DOE\nProduct Manager\njane@example.com", "Product Manager"),
    ("Jane Doe | Senior Data Analyst\njane@example.com | 555-123-4567", "Senior Data Analyst"),
    ("jane@example.com | 555-123-4567\nJane Baker\nPastry Chef", "Pastry Chef"),
    ("Sam Okafor \u2014 Journeyman Electrician\nsam@example.com", "Journeyman Electrician"),
    (
        "Jane Doe\njane@example.com\n\nSummary\nProduct manager with 6 years of experience in "
        "B2B software.",
        "Product manager",
    ),
    (
        "Jane Doe\njane@example.com\n\nProfile\nExperienced registered nurse specialising in "
        "intensive care.",
        "registered nurse",
    ),
    (
        "Jane Doe\njane@example.com\n\nSummary\nResults-driven Senior Software Engineer with a "
        "decade of Python.",
        "Senior Software Engineer",
    ),
    (
        "John Doe\nSoftware engineer obsessed with building products that people love\n"
        "john@example.com",
        "Software engineer",
    ),
    (
        "Jane Doe\njane@example.com\n\nExperience\nData Analyst, Acme Corp, 2021 \u2013 Present\n"
        "- Built dashboards in Tableau",
        "Data Analyst",
    ),
    (
        "Jane Doe\njane@example.com\n\nWork Experience\nAcme Corp \u2014 Senior Backend Engineer   "
        "2020\u2013present\n- Built APIs",
        "Senior Backend Engineer",
    ),
    (
        "Jane Doe Senior Data Analyst jane@example.com 555-123-4567 SUMMARY Data analyst with 6 "
        "years of experience in SQL and forecasting. EXPERIENCE Data Analyst, Acme Corp, 2021 - "
        "Present Built dashboards in Tableau for the sales team.",
        "Senior Data Analyst",
    ),
]


@pytest.mark.parametrize(("text", "title"), POSTINGS, ids=[t for _, t in POSTINGS])
def test_posting_title(text: str, title: str) -> None:
    assert document_from_text(text + BODY, "posting").title == title


@pytest.mark.parametrize(("text", "title"), RESUMES, ids=[t for _, t in RESUMES])
def test_resume_headline(text: str, title: str) -> None:
    assert document_from_text(text + BODY, "resume").title == title


@pytest.mark.parametrize(
    "text",
    [
        "Jane Baker\n42 Elm Street, Springfield, IL 62704\njane@example.com",
        "Jordan Lee\njordan@example.com\n\nSummary\nI like to build things with people.",
    ],
)
def test_resume_without_a_headline_gives_no_name_address_or_sentence(text: str) -> None:
    assert document_from_text(text + BODY, "resume").title == ""
