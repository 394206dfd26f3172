"""Messages for tests: built field by field (what comes after parsing), or written as an
email and parsed (the rules read what the parser makes of headers and body)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from jobmail.message import ParsedMessage, parse_message
from jobmail.taxonomy import Status

if TYPE_CHECKING:
    from jobmail.classify.rules import RulesClassifier


def message(body: str, **fields: object) -> ParsedMessage:
    values: dict[str, object] = {
        "message_id": "m1",
        "subject": "Interview",
        "sender": "Acme Hiring <jobs@acme.example>",
        "sender_email": "jobs@acme.example",
        "received_at": datetime(2026, 9, 8, 8, 0, tzinfo=UTC),
        "body_text": body,
    }
    values.update(fields)
    return ParsedMessage(**values)  # type: ignore[arg-type]


def parsed(subject: str, body: str, *, sender: str, message_id: str = "<s@example>") -> ParsedMessage:
    """A plain-text email to Dana, dated, parsed as the product parses one."""
    raw = (
        f"From: {sender}\nTo: Dana Demo <dana@example.com>\nSubject: {subject}\n"
        f"Date: Tue, 08 Sep 2026 10:00:00 +0200\nMessage-ID: {message_id}\n"
        f"Content-Type: text/plain; charset=utf-8\n\n{body}"
    )
    return parse_message(raw.encode())


def mail(subject: str | None, body: str, sender: str | None = None) -> ParsedMessage:
    """An email as the product parses it; templates and body-only mail lack a sender or a subject."""
    headers = f"From: {sender}\n" if sender else ""
    headers += "To: Dana Demo <dana@example.com>\n"
    headers += f"Subject: {subject}\n" if subject is not None else ""
    headers += "Date: Tue, 08 Sep 2026 10:00:00 +0200\nMessage-ID: <f@example>\n"
    headers += "Content-Type: text/plain; charset=utf-8\n"
    return parse_message(f"{headers}\n{body}".encode())


def body_only(body: str) -> ParsedMessage:
    """A body without sender or subject, as some exported inboxes keep mail."""
    return message(body, subject="", sender="", sender_email="")


def status_of(rules: RulesClassifier, email: ParsedMessage) -> str:
    """The rules' status for `email`, which must agree with their job-relatedness."""
    result = rules.classify_sync(email)
    assert result.is_job_related == (result.status != Status.NOT_JOB)
    return result.status
