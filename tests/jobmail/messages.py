"""A ParsedMessage built field by field, for tests of what comes after parsing."""

from __future__ import annotations

from datetime import UTC, datetime

from jobmail.message import ParsedMessage


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
