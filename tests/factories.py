"""Small builders for test mailboxes (real RFC 822 bytes, never mocks)."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

WORDS = [
    "amber",
    "basil",
    "cedar",
    "delta",
    "ember",
    "fjord",
    "garnet",
    "harbor",
    "indigo",
    "juniper",
    "kelp",
    "lagoon",
    "meadow",
    "nectar",
    "onyx",
    "pebble",
    "quartz",
    "river",
    "saffron",
    "tundra",
    "umber",
    "violet",
    "willow",
    "xenon",
    "yarrow",
    "zephyr",
]
COMPANIES = ["Northwind", "Lumen", "Quokka", "Brightline", "Ferrovia", "Gizmo", "Halcyon", "Ironbark"]


def make_email(
    *,
    subject: str,
    body: str,
    sender: str = "Talent Team <jobs@northwind.example>",
    to: str = "alice@example.com",
    date: datetime | None = None,
    message_id: str | None = None,
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(date or datetime(2026, 10, 1, 9, 0, tzinfo=UTC))
    message["Message-ID"] = message_id or make_msgid(domain="test.example")
    for key, value in (headers or {}).items():
        message[key] = value
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return bytes(message)


def application_email(index: int, *, unique: bool = True) -> bytes:
    """A plausible application confirmation; `unique` makes its text distinct (no cache hits)."""
    company = COMPANIES[index % len(COMPANIES)]
    # Words, not an id: the cache key ignores id-like tokens, but wording counts.
    marker = " ".join(random.choice(WORDS) for _ in range(6)) if unique else ""
    return make_email(
        subject=f"Thank you for applying to {company}",
        body=(
            f"Hi Alice,\n\nThank you for applying for the Engineer position at {company}. "
            f"Our team will review your application and get back to you. Notes: {marker}.\n\n"
            f"Best,\n{company} Recruiting"
        ),
        sender=f"{company} Careers <careers@{company.lower()}.example>",
        date=datetime(2026, 10, 1, 9, 0, tzinfo=UTC) + timedelta(hours=index),
        message_id=f"<msg-{index}-{uuid.uuid4().hex}@test.example>",
    )


def write_mailbox(folder: Path, count: int, *, unique: bool = True) -> list[bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    messages = [application_email(i, unique=unique) for i in range(count)]
    for index, raw in enumerate(messages):
        (folder / f"{index:05d}.eml").write_bytes(raw)
    return messages


def interview_email(company: str = "Northwind", *, when: str = "Tuesday, October 6, 2026 at 2:00 PM PDT") -> bytes:
    """An interview invitation the rules classifier recognises, with its date and time."""
    return make_email(
        subject=f"Interview invitation: Platform Engineer at {company}",
        body=(
            f"Hi Alice,\n\nThank you for applying to {company}. We would like to invite you to an interview "
            f"for the Platform Engineer position. Are you available on {when}? The video call takes "
            f"45 minutes.\n\nBest,\n{company} Recruiting"
        ),
        sender=f"{company} Recruiting <recruiting@{company.lower()}.example>",
        date=datetime(2026, 10, 1, 9, 0, tzinfo=UTC),
        message_id=f"<interview-{uuid.uuid4().hex}@test.example>",
    )
