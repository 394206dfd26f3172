"""Decisions read from their shape (kinds of cue per sentence), on mail written for these
tests: rejections, withdrawals and acknowledgements in words no phrase list holds."""

from __future__ import annotations

from functools import partial

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.classify.rules.shape import receipt_cue, rejection_cues, request_cue, withdrawal_cue
from jobmail.message import parse_message
from jobmail.taxonomy import Status
from tests.jobmail.messages import parsed

#: A dated plain-text email from Harbourline Talent unless a test names another sender.
email = partial(parsed, sender="Harbourline Talent <talent@harbourline.example>", message_id="<shape@example>")


@pytest.mark.parametrize(
    "body",
    [
        # Someone else was chosen, in words of its own, wrapped over two lines.
        "Thank you for meeting the team about the Data Platform Lead role. After a long\n"
        "discussion the panel has gone with a candidate from another\n"
        "background.\n\nWe hope our paths cross again.",
        # The role is gone.
        "Thanks for your interest in the Harbourline Field Analyst role. The requisition\n"
        "was cancelled by the business this week. Do look at our careers page from time to time.",
        # A negative outcome for the user, without the canonical verbs.
        "Thank you for applying to the Harbourline Support Engineer role. Having read every profile, "
        "we won't be taking your candidacy further this time.",
        # No decisive sentence, but all three kinds of wrapping around the acknowledgement.
        "Thank you for your application to the Harbourline Courier role. Unfortunately this time it "
        "was a very close call. We encourage you to apply again in spring, and wish you the best "
        "in your search.",
    ],
)
def test_it_reads_a_rejection_from_its_shape(rules: RulesClassifier, body: str) -> None:
    assert rules.classify_sync(email("Your Harbourline application", body)).status == Status.REJECTED


@pytest.mark.parametrize(
    "body",
    [
        # A condition, a question and a step that waits for the user are not decisions.
        "Thank you for applying for the Store Planner role. If you are not selected for an interview, "
        "we will keep your details for future openings. Best of luck!",
        "Hi Sam, did you decide to go with another candidate for the Store Planner role?",
        "We cannot proceed with your application for the Store Planner role until you upload your "
        "certificates. Unfortunately the portal was down last week.",
        # A confirmation closed by consolation and good wishes only.
        "We have received your application for the Store Planner role and will review it shortly. "
        "In the meantime, explore other opportunities on our careers site. Best of luck!",
    ],
)
def test_it_does_not_read_a_condition_a_question_or_a_pending_step_as_a_rejection(body: str) -> None:
    assert rejection_cues(body.lower()) == []


def test_it_reads_the_users_own_withdrawal_and_its_confirmation(rules: RulesClassifier) -> None:
    own = email(
        "Store Planner application",
        "Hello Mr Vane,\n\nPlease take this as my note that I am withdrawing myself from the Store Planner "
        "search, as my circumstances have changed.\n\nKind regards,\nDana",
        sender="Dana Demo <dana.demo@gmail.com>",
    )
    confirmed = email(
        "Store Planner",
        "Hi Dana,\n\nAs you asked, your candidacy for the Store Planner position has been withdrawn.\n\nHarbourline",
    )
    assert rules.classify_sync(own).status == Status.WITHDRAWN
    assert rules.classify_sync(confirmed).status == Status.WITHDRAWN


def test_it_does_not_read_the_option_to_withdraw_as_a_withdrawal() -> None:
    assert withdrawal_cue("you can withdraw your application at any time from your candidate home.") == ""
    assert withdrawal_cue("if you wish to withdraw your application, reply to this email.") == ""


def test_it_reads_an_acknowledgement_in_words_of_its_own(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "",
            "Thank you for your interest in careers at Harbourline. We got your CV on Monday and a "
            "member of the team is reading it.",
            sender="Harbourline <info@harbourline.example>",
        )
    )
    assert result.status == Status.APPLIED
    assert receipt_cue("we have not received your resume yet.") == ""


def test_it_takes_a_letter_signed_by_the_hiring_side_for_job_mail(rules: RulesClassifier) -> None:
    # Body only, as some exports keep it: the signature says who is speaking.
    result = rules.classify_sync(
        email(
            "",
            "Hello Dana,\n\nYour visitor badge for Thursday is attached; show it at the north gate and "
            "ask for Ward 3.\n\nKind regards,\n\nThe Harbourline Recruiting Team",
            sender="",
        )
    )
    assert result.is_job_related
    assert result.status == Status.OTHER_JOB


def test_it_does_not_take_a_shop_signature_for_the_hiring_side(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "",
            "Hello Dana,\n\nYour print job is done and your order ships tomorrow.\n\nThanks,\nThe Selling Team",
            sender="",
        )
    )
    assert result.status == Status.NOT_JOB


def test_it_takes_a_persons_reply_in_a_thread_about_a_role_for_job_mail(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "RE: Your application for Store Planner (req 4471)",
            "Hi Dana,\n\nNoted, thanks - the relocation budget is set by the finance group, I will "
            "come back to you on it.\n\nThanks,\nPriya Lund\nSenior Recruiter",
            sender="Priya Lund <priya.lund@harbourline.example>",
        )
    )
    assert result.status == Status.OTHER_JOB


def test_it_reads_a_hiring_mailbox_through_a_mailer_as_job_mail() -> None:
    raw = (
        "From: Harbourline Talent Acquisition <recruiting-team@harbourline.example>\nTo: dana@example.com\n"
        "Subject: Store Planner\nDate: Tue, 08 Sep 2026 10:00:00 +0200\nMessage-ID: <ref@example>\n"
        "List-Unsubscribe: <mailto:unsubscribe@harbourline.example>\nContent-Type: text/plain; charset=utf-8\n\n"
        "Dear Dana,\n\nWe are still reviewing candidates for the Store Planner position and expect to "
        "decide within two weeks.\n\nHarbourline Talent Acquisition\n"
    )
    result = RulesClassifier().classify_sync(parse_message(raw.encode()))
    assert result.is_job_related


def test_it_reads_a_request_to_finish_the_application_as_action_required(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Your Harbourline application",
            "Hi Dana,\n\nThanks again for applying to the Store Planner role. For your application to be "
            "looked at, you'll need to finish the two short questionnaires in your candidate portal this week."
            "\n\nHarbourline Talent",
        )
    )
    assert result.status == Status.ACTION_REQUIRED


@pytest.mark.parametrize(
    "text",
    [
        "see our plans page for complete details on cover for your pet.",
        "you can complete your profile at any time.",
        "if you would like to, please upload your portfolio as well.",
        "could you please send the signed form?",
    ],
)
def test_it_does_not_read_an_adjective_an_option_a_condition_or_a_question_as_a_request(text: str) -> None:
    assert request_cue(text) == ""
