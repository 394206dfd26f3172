"""A job search for government, public-sector and defence-contractor roles: job-portal
notices name the public employer and the role around an announcement number, and
staffing agencies write about a cleared client's role (the emails here are invented)."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.taxonomy import Status
from tests.jobmail.messages import mail

PORTAL = "StateJobs Portal <noreply@statejobs-portal.example>"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (
            "Dear Dana Demo,\n\nYour application for Records Specialist (ARCHIVES), announcement number "
            "PX-26-0417, with the Department of Coastal Records has been received. You will be notified when "
            "the review of your application is complete.\n\nThank you,\nHuman Resources",
            Status.APPLIED,
        ),
        (
            "Dear Dana Demo,\n\nThank you for your interest in the position of Records Specialist (ARCHIVES), "
            "announcement PX-26-0417, with the Department of Coastal Records. We regret to inform you that you "
            "were not selected for this position.\n\nHuman Resources",
            Status.REJECTED,
        ),
    ],
)
def test_it_takes_the_public_employer_a_portal_relays_for(rules: RulesClassifier, body: str, status: str) -> None:
    result = rules.classify_sync(mail("Status update for your application", body, PORTAL))
    assert result.status == status
    assert (result.company, result.job_title) == ("Department of Coastal Records", "Records Specialist (ARCHIVES)")


@pytest.mark.parametrize(
    "sentence",
    [
        "This is a status update for announcement PX-26-0417, Supervisory Records Specialist (ARCHIVES), "
        "GS-1420-13, with the Department of Coastal Records. We regret to inform you that you were not selected.",
        "The vacancy announcement PX-26-0417 for Supervisory Records Specialist (ARCHIVES) with the Department "
        "of Coastal Records has been cancelled. No selection will be made from this announcement.",
    ],
)
def test_it_reads_the_role_after_the_announcement_number(rules: RulesClassifier, sentence: str) -> None:
    body = f"Dear Dana Demo,\n\n{sentence}\n\nHuman Resources"
    result = rules.classify_sync(mail("Status update", body, "Human Resources <hr-noreply@coastal.example>"))
    assert result.status == Status.REJECTED
    assert result.job_title == "Supervisory Records Specialist (ARCHIVES)"


def test_it_takes_the_defence_client_an_agency_writes_for(rules: RulesClassifier) -> None:
    body = (
        "Hello Dana,\n\nI am reaching out on behalf of our client Quillmark Aerospace, who is hiring a Flight "
        "Software Engineer for a long-term C2C contract. Rate: $80/hr C2C. Must hold an active Secret "
        "clearance.\n\nPlease let me know if you would be interested.\n\nBest regards,\nOwen Tate\n"
        "Crestline Talent Partners"
    )
    result = rules.classify_sync(mail("RE: Flight Software Engineer", body, "Owen Tate <otate@crestline.example>"))
    assert result.status == Status.RECRUITER_OUTREACH
    assert (result.company, result.job_title) == ("Quillmark Aerospace", "Flight Software Engineer")


@pytest.mark.parametrize("kind", ["State Agency", "Federal Client", "Leading Defense Contractor"])
def test_it_names_the_agency_when_the_subject_only_says_what_kind_of_client(rules: RulesClassifier, kind: str) -> None:
    body = (
        "Hi Dana,\n\nOur client is looking for a Help Desk Technician for a 6-month W2 contract in Austin, TX.\n"
        "Pay rate: $28/hr on W2\n\nIf interested, reply with your resume.\n\nThanks,\nDevon Price\n"
        "Bluebonnet Staffing"
    )
    subject = f"W2 Contract - Help Desk Technician - {kind} - Austin, TX"
    result = rules.classify_sync(mail(subject, body, "Devon Price <dprice@bluebonnetstaffing.example>"))
    assert result.status == Status.RECRUITER_OUTREACH
    assert (result.company, result.job_title) == ("Bluebonnet Staffing", "Help Desk Technician")
