"""Threads: a reply or a calendar invitation in a thread about an application belongs
to it (the emails here are written for this test, not copied from real mail)."""

from __future__ import annotations

from email.message import EmailMessage

from accounts.models import User
from dashboard.models import Application, Email
from jobmail.classify.rules import RulesClassifier
from jobmail.message import parse_message
from jobmail.taxonomy import Status
from processing.models import ProcessingRun, RunStatus
from processing.store import Result, store_batch

RULES = RulesClassifier()
ROOT = "<app-ack-1@mail.saltmarsh-analytics.example>"


def _raw(sender: str, subject: str, body: str, day: int, ident: str, *, calendar: str = "") -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "alice@example.com"
    msg["Subject"] = subject
    msg["Date"] = f"Tue, {day:02d} Mar 2026 10:00:00 +0000"
    msg["Message-ID"] = f"<{ident}@mail.saltmarsh-analytics.example>"
    if ident != "app-ack-1":
        msg["In-Reply-To"] = ROOT
        msg["References"] = ROOT
    msg.set_content(body)
    if calendar:
        msg.add_alternative(calendar, subtype="calendar", params={"method": "REQUEST"})
    return bytes(msg)


def _store(user: User, raw: bytes) -> Email:
    parsed = parse_message(raw)
    run = ProcessingRun.objects.filter(user=user).first() or ProcessingRun.objects.create(
        user=user, status=RunStatus.STARTED, source="demo"
    )
    result = Result(
        message_id=parsed.message_id,
        thread_id=parsed.thread_id,
        rfc822_message_id=parsed.rfc822_message_id,
        subject=parsed.subject,
        sender=parsed.sender,
        sender_email=parsed.sender_email,
        received_at=parsed.received_at,
        classification=RULES.classify_sync(parsed),
    )
    store_batch(run.pk, user.pk, "demo", [result])
    return Email.objects.get(user=user, rfc822_message_id=parsed.rfc822_message_id)


def _acknowledgement(user: User) -> Email:
    return _store(
        user,
        _raw(
            "Saltmarsh Analytics Careers <careers@saltmarsh-analytics.example>",
            "Your application for Data Engineer at Saltmarsh Analytics",
            "Hi Alice,\n\nThank you for applying for the Data Engineer role at Saltmarsh Analytics. "
            "We have received your application and will review it shortly.\n\nSaltmarsh Analytics Recruiting",
            2,
            "app-ack-1",
        ),
    )


JOIN_BLOCK = (
    "________________________________________________________________________________\n"
    "Microsoft Teams meeting\n"
    "Join on your computer, mobile app or room device\n"
    "Click here to join the meeting <https://teams.microsoft.com/l/meetup-join/19%3ameeting_x>\n"
    "Meeting ID: 281 447 903 112\n"
    "Passcode: q7Xh2k\n"
    "________________________________________________________________________________\n"
)
CALENDAR = (
    "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nDTSTART:20260310T150000Z\r\n"
    "DTEND:20260310T153000Z\r\nSUMMARY:Catch-up\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_it_reads_a_meeting_join_invitation_in_a_job_thread_as_an_interview(alice: User) -> None:
    ack = _acknowledgement(alice)
    invite = _store(
        alice,
        _raw("Priya Nandakumar <priya@saltmarsh-analytics.example>", "Catch-up", JOIN_BLOCK, 5, "invite-2"),
    )
    assert invite.is_job_related
    assert invite.status == Status.INTERVIEW
    assert invite.application_id == ack.application_id
    assert Application.objects.get(emails=ack).status == Status.INTERVIEW


def test_it_reads_a_calendar_part_in_a_job_thread_as_an_interview(alice: User) -> None:
    ack = _acknowledgement(alice)
    invite = _store(
        alice,
        _raw(
            "Priya Nandakumar <priya@saltmarsh-analytics.example>",
            "Catch-up",
            "See you then.",
            5,
            "cal-3",
            calendar=CALENDAR,
        ),
    )
    assert invite.status == Status.INTERVIEW
    assert invite.application_id == ack.application_id


def test_it_lets_a_reply_in_a_thread_inherit_its_application(alice: User) -> None:
    ack = _acknowledgement(alice)
    reply = _store(
        alice,
        _raw(
            "Priya Nandakumar <priya@saltmarsh-analytics.example>",
            "Re: Your application for Data Engineer at Saltmarsh Analytics",
            "Hi Alice,\n\nQuick note: the team sits in the Harbour office on Tuesdays.\n\nPriya",
            7,
            "reply-4",
        ),
    )
    assert reply.is_job_related
    assert reply.status == Status.OTHER_JOB
    assert reply.application_id == ack.application_id


def test_it_leaves_a_meeting_outside_job_threads_alone(alice: User) -> None:
    other = parse_message(_raw("Book Club <club@reading-circle.example>", "Monthly meetup", JOIN_BLOCK, 5, "club-5"))
    assert RULES.classify_sync(other).status == Status.NOT_JOB
