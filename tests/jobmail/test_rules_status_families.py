"""Families of job mail whose status real inboxes word in many ways: invitations to
interview, soft rejections, requests to act, offers and withdrawals, and the look-alikes
that are not job mail. Every email here is invented for the test."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.message import ParsedMessage, parse_message
from jobmail.taxonomy import Status


def mail(subject: str | None, body: str, sender: str | None = None) -> ParsedMessage:
    """An email as the product parses it; templates and body-only mail lack a sender or a subject."""
    headers = f"From: {sender}\n" if sender else ""
    headers += "To: Dana Demo <dana@example.com>\n"
    headers += f"Subject: {subject}\n" if subject is not None else ""
    headers += "Date: Tue, 08 Sep 2026 10:00:00 +0200\nMessage-ID: <f@example>\n"
    headers += "Content-Type: text/plain; charset=utf-8\n"
    return parse_message(f"{headers}\n{body}".encode())


# --- invitations to interview ---------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Your application to Greyhaven Studios",
            "Hi Dana,\n\nWe are pleased to let you know that you have been selected to move on to the interview "
            "stage for the Level Designer position. A member of our team will contact you shortly to arrange a "
            "date and time.\n\nBest regards,\nGreyhaven Studios Talent Team",
            "Greyhaven Studios <careers@greyhaven.example>",
        ),
        mail(
            "RE: Application for Graduate Analyst",
            "Dear Dana,\n\nThank you for your application. We would like you to attend an interview at our "
            "London office on 3 October. Please confirm whether you are able to attend.\n\nKind regards,\n"
            "Graduate Recruitment",
            "Graduate Recruitment <graduates@northbank.example>",
        ),
        # "see if you could": an invitation asked politely, not a condition.
        mail(
            None,
            "Hi Dana, this is Mark from Copperfield. I saw your application for the Electrician Apprentice role "
            "and wanted to see if you could come in for a quick sit-down this Friday at 10am. Let me know!",
        ),
        mail(
            "Thanks for applying to Kestrel",
            "Hi Dana,\n\nThanks for applying to the Support Engineer role! The next step in our process is a "
            "30-minute phone call with a member of our recruiting team. Please use the link below to schedule a "
            "time that works for you.\n\nKestrel Recruiting",
            "Kestrel Recruiting <recruiting@kestrel.example>",
        ),
        mail(
            "Copperfield - next steps",
            "Hi Dana,\n\nWe'd like to invite you to meet with our analytics team on Tuesday, September 22 at 2:00 "
            "PM. Please confirm your attendance by replying to this email.\n\nThanks,\nCopperfield HR",
            "Copperfield HR <hr@copperfield.example>",
        ),
        mail(
            "Re: Junior Analyst application",
            "Hi Dana,\n\nThanks for your application. We'd like to continue the conversation with a video call "
            "with the hiring manager. Which of these slots suits you best: Wed 10:00, Wed 15:00 or Thu 11:00?"
            "\n\nRegards,\nOwen",
            "Owen Park <owen.park@tallmeadow.example>",
        ),
        mail(
            "Your application for Payroll Specialist",
            "Dear Dana,\n\nThank you for your application for the Payroll Specialist role. We would be pleased to "
            "invite you to our office for a meeting with the Finance Director on Monday, 28 September at 11:00."
            "\n\nKind regards,\nHR",
            "HR <hr@tallmeadow.example>",
        ),
        # A join block titled "Interview", with no other word about the job.
        mail(
            "Interview",
            "Microsoft Teams meeting\n\nJoin on your computer, mobile app or room device\nClick here to join the "
            "meeting\nMeeting ID: 245 118 903 7\nPasscode: Xy7pQ2",
            "Ana Cole <ana.cole@copperfield.example>",
        ),
        # A scheduling mailer's footer does not make an invitation named twice bulk mail.
        mail(
            "Interview invitation from Pinecrest",
            "Hi Dana,\n\nPinecrest has invited you to a video interview for the Logistics Coordinator position. "
            "Click below to choose a time.\n\nChoose a time\n\nYou received this email because you applied on "
            "our career site. Manage preferences | Unsubscribe",
            "Pinecrest <pinecrest@candidates.example>",
        ),
    ],
)
def test_it_reads_invitations_to_interview_in_their_many_forms(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert rules.classify_sync(message).status == Status.INTERVIEW


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Schedule your dental appointment",
            "Hi Dana, it's time for your six-month cleaning. Pick a time that works for you: "
            "https://calendly.com/smile-dental\n\nSmile Dental",
            "Smile Dental <hello@smiledental.example>",
        ),
        mail(
            "Book club: pick a time",
            "Hey Dana! Let me know what times work for you next week so we can plan the book club call.",
            "Jo <jo@gmail.com>",
        ),
        mail(
            "Re: dinner Thursday?",
            "Are you free on Thursday at 7? Let me know what times work for you.",
            "Max <max@gmail.com>",
        ),
        mail(
            "Schedule your car service",
            "Hi Dana, your car is due for its annual service. Book a time that works for you online.",
            "AutoCare <service@autocare.example>",
        ),
    ],
)
def test_it_does_not_take_a_request_for_a_time_without_a_job_for_an_interview(
    rules: RulesClassifier, message: ParsedMessage
) -> None:
    assert rules.classify_sync(message).status == Status.NOT_JOB


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Webinar: acing your next interview",
            "Join our free webinar and learn how to prepare for your next interview. Register now.\n\nUnsubscribe",
            "Career Tips <news@careertips.example>",
        ),
        mail(
            "Inside Copperfield: an interview with our CEO",
            "This month's newsletter features an interview with our CEO about the year ahead, plus product "
            "updates.\n\nRead more\n\nUnsubscribe",
            "Copperfield News <news@copperfield.example>",
        ),
    ],
)
def test_it_does_not_read_advice_or_a_newsletter_about_interviews_as_an_invitation(
    rules: RulesClassifier, message: ParsedMessage
) -> None:
    assert rules.classify_sync(message).status == Status.NOT_JOB
