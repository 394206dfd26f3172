"""Kinds of hiring mail read by their structure, on mail written for these tests:
templates with blanks, invitations that ask for the user's times, offers read from
their parts, test tasks, recruiters introducing themselves or pasting a job
description, withdrawals on request, and rejections that describe who was chosen."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.classify.rules.shape import job_spec_cue, offer_cue, rejection_cues, withdrawal_cue
from jobmail.message import ParsedMessage, parse_message
from jobmail.taxonomy import Status


def email(body: str, subject: str = "", sender: str = "") -> ParsedMessage:
    # Templates and body-only mail have no sender and often no subject.
    head = (f"From: {sender}\n" if sender else "") + (f"Subject: {subject}\n" if subject else "")
    raw = f"{head}Message-ID: <kinds@example>\nContent-Type: text/plain; charset=utf-8\n\n{body}"
    return parse_message(raw.encode())


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (
            "Dear {{candidate_name}},\n\nYou have been shortlisted for the {{job_title}} role at {{company}}. "
            "We would like to schedule a phone call with you. Please book a slot that suits you.\n\n{{recruiter}}",
            Status.INTERVIEW,
        ),
        (
            "Hi [**name**],\n\nThank you for your interest in the [**position**] position. As the next step we "
            "would like you to complete a test task at [**link**]. Please send your solution within 3 days.",
            Status.ASSESSMENT,
        ),
        (
            "Dear [Name],\n\nFollowing your interviews, we are delighted to make you an offer to join [Company] "
            "as [Position]. Your starting salary will be [amount] per year and your start date [date].",
            Status.OFFER,
        ),
    ],
)
def test_it_reads_templates_through_their_blanks(rules: RulesClassifier, body: str, status: str) -> None:
    assert rules.classify_sync(email(body)).status == status


@pytest.mark.parametrize(
    "body",
    [
        "Hi Jordan,\n\nThe team enjoyed reading your resume. Could you send me a few times that work for you "
        "next week for a 30 minute conversation with our engineering lead?\n\nPriya, Quillmoor",
        "Hello,\n\nOur hiring manager reviewed your resume and wants to talk to you. Please reply with the "
        "days and times you are available over the next week.\n\nJune, Brindle Logistics",
        "Dear applicant,\nThank you for applying to Tessaly Foods. We would like to schedule you for a phone "
        "interview with our operations manager.",
    ],
)
def test_it_reads_an_invitation_that_asks_for_the_users_times(rules: RulesClassifier, body: str) -> None:
    assert rules.classify_sync(email(body)).status == Status.INTERVIEW


def test_it_reads_an_offer_from_its_parts(rules: RulesClassifier) -> None:
    body = (
        "Hi Chris,\n\nCongratulations! On behalf of Hollin, I am thrilled to share your offer for the Product "
        "Designer position.\n\nSalary: $84,000 per year\nStart date: June 1\n\nLet us know by Friday.\n\nAnnie"
    )
    assert offer_cue(body.lower())
    result = rules.classify_sync(email(body))
    assert result.status == Status.OFFER
    # An offer letter's terms are not a rejection in words of its own.
    terms = (
        "Dear Sam,\n\nWe are pleased to offer you a fixed-term contract as Field Surveyor with Ardmoor. "
        "Your rate will be $40 per hour starting on 3 March. This offer does not include benefits and you "
        "will not be eligible for paid leave.\n\nArdmoor"
    )
    assert rules.classify_sync(email(terms)).status == Status.OFFER


def test_it_does_not_read_an_offer_someone_else_got_as_an_offer() -> None:
    body = (
        "Thank you for interviewing for the Analyst role. We have extended the offer to another candidate, "
        "whose start date is next month; the salary band is unchanged for future openings."
    )
    assert offer_cue(body.lower()) == ""


def test_it_reads_a_test_task_sent_after_a_call_as_an_assessment(rules: RulesClassifier) -> None:
    body = (
        "Hi Dani,\nthanks for the call yesterday. As discussed, here is the test assignment for the Backend "
        "Developer role. Please submit it within five days.\nIvo"
    )
    assert rules.classify_sync(email(body, "Technical task")).status == Status.ASSESSMENT


@pytest.mark.parametrize(
    "body",
    [
        "Hello, Emil! I'm Sofia, IT Recruiter at Brightfield. We have an open Senior QA Engineer vacancy on a "
        "remote project. Are you currently considering new job offers?",
        "Dana - we're building out our security team at Quell and I'd love to tell you about a Threat Analyst "
        "role. Any interest?\n-- Paul, Head of Talent",
    ],
)
def test_it_reads_a_recruiter_introducing_a_role_as_outreach(rules: RulesClassifier, body: str) -> None:
    assert rules.classify_sync(email(body)).status == Status.RECRUITER_OUTREACH


def test_it_reads_a_pasted_job_description_as_outreach(rules: RulesClassifier) -> None:
    body = (
        "Hi Dana,\n\nWe at Ostrand Staffing ask you to review the following contract opportunity and reply "
        "with your resume if it suits you.\n\nJob Title: Network Engineer\nLocation: Denver, CO\n"
        "Duration: 12 months\nJob Description:\nRun the campus network."
    )
    assert job_spec_cue(body.lower())
    assert rules.classify_sync(email(body)).status == Status.RECRUITER_OUTREACH


def test_it_does_not_read_a_digest_of_many_jobs_as_one_proposal() -> None:
    cards = "".join(
        f"Job Title: {title}\nLocation: Austin, TX\nType: Full-time\n\n"
        for title in ("Data Analyst", "QA Engineer", "Support Lead")
    )
    assert job_spec_cue(f"we found these jobs for you.\n\n{cards}".lower()) == ""


def test_it_reads_a_withdrawal_on_request_and_in_the_users_own_words() -> None:
    assert withdrawal_cue(
        "as you requested, we have removed your application for the field technician role from consideration."
    )
    assert withdrawal_cue("i have accepted another offer and would like to remove myself from consideration.")
    assert withdrawal_cue("we have removed your application because the role is closed.") == ""


def test_it_reads_a_rejection_that_describes_who_was_chosen() -> None:
    assert rejection_cues(
        "thank you for your application. while your experience is impressive, we have decided to pursue "
        "candidates with more direct experience in this domain."
    )
    assert rejection_cues("unfortunately the internship program has been cancelled this summer.")


def test_it_does_not_take_a_consolation_for_a_recruiters_proposal(rules: RulesClassifier) -> None:
    body = (
        "Hi Robin,\nThanks for your time on the phone about the Analyst role. The client has decided to "
        "go with someone else. I will reach out about other exciting opportunities.\nFerngate Solutions"
    )
    assert rules.classify_sync(email(body)).status == Status.REJECTED
