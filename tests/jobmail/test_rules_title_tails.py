"""What follows a role after a dash, a slash or "in": its team, specialty or unit stays in
the title and is never the employer ("Registered Nurse - ICU"); the employer's name is the
company, not part of the title ("Data Analyst - Acme Labs"); a work arrangement or a state
is neither. The emails here are invented."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.classify.rules.title import is_team_tail
from tests.jobmail.messages import mail

RECEIVED = "Hi Dana,\n\nThank you for applying to {company}. We have received your application.\n\n{company} Talent\n"
THANKS = "Hi Dana,\n\nThanks for applying! We will review your application shortly.\n\nBest,\nRecruiting\n"


@pytest.mark.parametrize(
    ("subject", "company", "title"),
    [
        ("Registered Nurse - ICU", "Mercy Hollow Hospital", "Registered Nurse - ICU"),
        ("Data Engineer – Platform", "Brightloom", "Data Engineer – Platform"),
        ("Your application: Senior Analyst - Fraud & Risk", "Quillmark Bank", "Senior Analyst - Fraud & Risk"),
        ("Warehouse Associate / Forklift", "Tallow Logistics", "Warehouse Associate / Forklift"),
        ("Received: HR Business Partner - Operations", "Greystead Works", "HR Business Partner - Operations"),
        ("Application received: Security Engineer - Identity", "Orrin Labs", "Security Engineer - Identity"),
        ("Application received: Pharmacist - Oncology", "St. Elowen Medical Center", "Pharmacist - Oncology"),
        ("Thanks for applying - Support Specialist - Billing", "Plumtree Software", "Support Specialist - Billing"),
        ("Application received: Frontend Engineer - Design Systems", "Kinetta", "Frontend Engineer - Design Systems"),
        ("Received: Operations Manager - Fulfillment", "Carrowmore Retail", "Operations Manager - Fulfillment"),
        ("Received: Nurse Practitioner – Urgent Care", "Alderbrook Clinics", "Nurse Practitioner – Urgent Care"),
        ("Product Manager - Payments at Lindqvist Pay", "Lindqvist Pay", "Product Manager - Payments"),
        ("Application received: Software Engineer in Test", "Corvane Systems", "Software Engineer in Test"),
        ("Your application - Data Analyst - Trust & Safety", "Fernhill Social", "Data Analyst - Trust & Safety"),
        ("Teacher - Special Education", "Riverbend Academy", "Teacher - Special Education"),
    ],
)
def test_it_keeps_the_team_after_the_role_in_the_title(
    rules: RulesClassifier, subject: str, company: str, title: str
) -> None:
    domain = company.split()[0].lower().strip(".") + ".example"
    sender = f"{company} <jobs@{domain}>"
    result = rules.classify_sync(mail(subject, RECEIVED.format(company=company), sender))
    assert (result.company, result.job_title) == (company, title)


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        ("Data Engineer – Platform", "Data Engineer – Platform"),
        ("Registered Nurse - ICU", "Registered Nurse - ICU"),
        ("Application received: Solutions Engineer - Public Sector", "Solutions Engineer - Public Sector"),
    ],
)
def test_it_never_takes_the_team_for_the_employer(rules: RulesClassifier, subject: str, title: str) -> None:
    # An ATS sends it and the body does not name the employer: better no company than the team.
    result = rules.classify_sync(mail(subject, THANKS, "Greenhouse <no-reply@greenhouse.io>"))
    assert result.job_title == title
    assert result.company == ""


@pytest.mark.parametrize(
    ("subject", "company", "title"),
    [
        ("Data Analyst - Acme Labs", "Acme Labs", "Data Analyst"),
        ("Application received - Backend Engineer - Quorra Digital", "Quorra Digital", "Backend Engineer"),
        ("Thank you for applying: Marketing Manager - Ostrel Foods", "Ostrel Foods", "Marketing Manager"),
        # (Its name made of field words is still the employer when the sender says so.)
        ("Data Analyst - Cloud Payments", "Cloud Payments", "Data Analyst"),
    ],
)
def test_it_takes_the_employer_after_the_role_as_the_company(
    rules: RulesClassifier, subject: str, company: str, title: str
) -> None:
    sender = f"{company} Careers <careers@{company.replace(' ', '').lower()}.example>"
    result = rules.classify_sync(mail(subject, RECEIVED.format(company=company), sender))
    assert (result.company, result.job_title) == (company, title)


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        ("Application received: Software Engineer - Remote", "Software Engineer"),
        ("Application received: Accountant - Colorado", "Accountant"),
        ("Application received: Sales Associate - Part Time", "Sales Associate"),
        ("Application received: Data Analyst in Denver", "Data Analyst"),
    ],
)
def test_it_leaves_arrangements_and_states_out(rules: RulesClassifier, subject: str, title: str) -> None:
    sender = "Birchwell Partners <jobs@birchwell.example>"
    result = rules.classify_sync(mail(subject, RECEIVED.format(company="Birchwell Partners"), sender))
    assert (result.company, result.job_title) == ("Birchwell Partners", title)


@pytest.mark.parametrize(
    ("segment", "team"),
    [
        ("ICU", True),
        ("Fraud & Risk", True),
        ("Trust and Safety", True),
        ("Developer Experience", True),
        ("Platform Team", True),
        ("Acme Labs", False),
        ("Northwind Payments", False),
        ("Denver", False),
        ("Remote", False),
        ("", False),
    ],
)
def test_it_tells_a_team_from_a_name(segment: str, team: bool) -> None:
    assert is_team_tail(segment) is team
