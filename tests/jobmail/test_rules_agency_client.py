"""An agency recruiter's mail names its client only in the subject ("Senior Analyst -
Client Name"): the client is the employer; the agency only when no client is named
(the emails here are invented)."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.taxonomy import Status
from tests.jobmail.messages import parsed

AGENCY = "Maya Brooks <maya@brightpath-staffing.example>"
OUTREACH = (
    "Hi Dana,\n\nI have an exciting opportunity for a {role} with my client. This is a 12-month contract, hybrid "
    "in Hartford, CT. Please let me know if you're interested and send me your updated resume.\n\nThanks,\n"
    "Maya Brooks\nTechnical Recruiter | BrightPath Staffing\n"
)


@pytest.mark.parametrize(
    "subject",
    [
        "Senior Analyst - Coldwater Insurance",
        "Senior Analyst | Coldwater Insurance | Hybrid",
        "Coldwater Insurance - Senior Analyst - Contract",
        "Senior Analyst with Coldwater Insurance",
        "Senior Analyst at Coldwater Insurance - 12 months",
    ],
)
def test_it_takes_the_client_an_agency_names_in_the_subject(rules: RulesClassifier, subject: str) -> None:
    result = rules.classify_sync(parsed(subject, OUTREACH.format(role="Senior Analyst"), sender=AGENCY))
    assert result.status == Status.RECRUITER_OUTREACH
    assert (result.company, result.job_title) == ("Coldwater Insurance", "Senior Analyst")


def test_it_takes_the_client_the_body_also_names(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        parsed(
            "Senior Analyst - Coldwater Insurance",
            "Hi Dana,\n\nMy client Coldwater Insurance is hiring a Senior Analyst for a 12-month contract.\n\n"
            "Thanks,\nMaya Brooks\nTechnical Recruiter | BrightPath Staffing\n",
            sender=AGENCY,
        )
    )
    assert result.company == "Coldwater Insurance"


def test_it_takes_the_client_when_the_recruiter_writes_from_free_mail(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        parsed(
            "Senior Analyst - Coldwater Insurance",
            OUTREACH.format(role="Senior Analyst"),
            sender="Maya Brooks <maya.brooks.recruits@gmail.com>",
        )
    )
    assert result.company == "Coldwater Insurance"


@pytest.mark.parametrize(
    "subject",
    [
        # The agency's own name, the terms of the contract, a place (the body says
        # "hybrid in Hartford"): no client named.
        "Senior Analyst - BrightPath Staffing",
        "Senior Analyst - Contract - W2",
        "Senior Analyst - Hartford, CT",
        "Senior Analyst - Hartford",
    ],
)
def test_it_keeps_the_agency_when_the_subject_names_no_client(rules: RulesClassifier, subject: str) -> None:
    result = rules.classify_sync(parsed(subject, OUTREACH.format(role="Senior Analyst"), sender=AGENCY))
    assert result.company == "BrightPath Staffing"
