"""The people who wrote about an application, from the From lines of its emails.

A role comes from the display name when the sender put it there ("Jane Doe, Talent
Acquisition", "Jane Doe | Recruiter", "Jane Doe (Hiring Manager)"), else from the
signature of their email, read when the email was processed (jobmail.signature). Shared
no-reply addresses are not people and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr

from dashboard.corrections import is_personal_sender
from dashboard.models import Application

_ROLE_WORDS = re.compile(
    r"(?i)\b(recruit\w*|talent|sourc\w*|hiring|hr|human resources|people|manager|director|lead|head|"
    r"engineer\w*|founder|ceo|cto|coordinator|partner|specialist|acquisition)\b"
)
_SPLIT = re.compile(r"\s*(?:,|\||–|—| - |\(|\))\s*")


@dataclass
class Contact:
    name: str
    address: str
    role: str
    emails: int
    last_at: datetime | None


def split_name(display: str) -> tuple[str, str]:
    """("Jane Doe", "Talent Acquisition") from "Jane Doe, Talent Acquisition"."""
    parts = [part.strip() for part in _SPLIT.split(display) if part.strip()]
    if not parts:
        return "", ""
    name, rest = parts[0], parts[1:]
    role = next((part for part in rest if _ROLE_WORDS.search(part)), "")
    return name[:120], role[:120]


def for_application(app: Application, limit: int = 20) -> list[Contact]:
    found: dict[str, Contact] = {}
    rows = app.emails.visible().order_by("received_at", "pk")
    for sender, sender_email, signed_role, received_at in rows.values_list(
        "sender", "sender_email", "sender_role", "received_at"
    ).iterator():
        display, parsed = parseaddr(sender)
        if "<" in sender and not display:
            # An unquoted comma ("Jane Roe, Recruiter <jane@...>") defeats parseaddr.
            display = sender.rsplit("<", 1)[0]
        address = (sender_email or parsed).lower()
        if not address or not is_personal_sender(address):
            continue
        name, role = split_name(display.strip().strip('"'))
        role = role or signed_role
        contact = found.get(address)
        if contact is None:
            found[address] = Contact(name or address, address, role, 1, received_at)
        else:
            contact.emails += 1
            contact.last_at = received_at or contact.last_at
            contact.role = role or contact.role
            contact.name = name or contact.name
    return sorted(found.values(), key=lambda c: c.last_at.timestamp() if c.last_at else 0, reverse=True)[:limit]
