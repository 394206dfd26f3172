"""Small synthetic mailboxes (fictional companies and people) written as .mbox files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path


@dataclass(frozen=True)
class Mail:
    sender: str
    subject: str
    body: str
    sent: datetime
    message_id: str = ""


def write_mbox(path: Path, mails: list[Mail]) -> Path:
    chunks: list[bytes] = []
    for mail in mails:
        message = EmailMessage()
        message["From"] = mail.sender
        message["To"] = "you@example.com"
        message["Subject"] = mail.subject
        message["Date"] = format_datetime(mail.sent)
        message["Message-ID"] = mail.message_id or make_msgid(domain="mail.example")
        message.set_content(mail.body)
        chunks.append(
            b"From sender@example.com Thu Jan  1 00:00:00 2026\n"
            + message.as_bytes().replace(b"\nFrom ", b"\n>From ")
            + b"\n"
        )
    path.write_bytes(b"".join(chunks))
    return path


def applied(company: str, title: str, sender: str, sent: datetime) -> Mail:
    return Mail(
        sender=sender,
        subject=f"Thank you for applying to {company}",
        body=(
            f"Hi,\n\nThank you for applying for the {title} position at {company}. "
            "We have received your application and our team will review it shortly.\n\n"
            f"Best regards,\nThe {company} Recruiting Team\n"
        ),
        sent=sent,
    )


def interview(company: str, title: str, sender: str, sent: datetime) -> Mail:
    return Mail(
        sender=sender,
        subject=f"Interview invitation: {title} at {company}",
        body=(
            f"Hi,\n\nWe would like to invite you to an interview for the {title} role at {company}. "
            "Please let us know your availability for a 45-minute video call next week.\n\n"
            f"Kind regards,\nJane Roe\nTalent Acquisition, {company}\n"
        ),
        sent=sent,
    )
