"""Classifying a template once: the content hash of an email and a cached answer."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from jobmail.classify.result import Classification
from jobmail.text.clean import clean_text
from jobmail.text.names import REPLY_PREFIX

if TYPE_CHECKING:
    from jobmail.message import ParsedMessage

# Long digit runs are ids (requisitions, tracking numbers, candidate numbers); short
# ones are days and times, which must keep two interview invitations apart because
# the cache stores their event date.
_LONG_NUMBER = re.compile(r"\d{5,}")
_TOKEN_LIKE = re.compile(r"\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,}\b")


def _normalise_for_hash(text: str) -> str:
    text = _TOKEN_LIKE.sub("#", text.lower())
    return " ".join(_LONG_NUMBER.sub("#", text).split())


def content_hash(parsed: ParsedMessage) -> str:
    """Identical templated emails share a hash, so they are classified once.

    Sender domain + subject + cleaned body, with ids (long numbers, tokens, URLs'
    paths) and whitespace normalised. Anything that changes the answer — company,
    job title, date, time — is still part of the text, so it changes the hash.
    """
    domain = parsed.sender_email.rpartition("@")[2]
    subject = _normalise_for_hash(REPLY_PREFIX.sub("", parsed.subject))
    body = _normalise_for_hash(clean_text(parsed.body_text))
    return hashlib.sha256(f"{domain}\n{subject}\n{body}".encode("utf-8", "replace")).hexdigest()


def classification_from_json(data: dict[str, Any]) -> Classification:
    event_at = data.get("event_at")
    return Classification(
        status=data["status"],
        is_job_related=bool(data["is_job_related"]),
        company=data.get("company", ""),
        job_title=data.get("job_title", ""),
        confidence=float(data.get("confidence", 0.0)),
        event_at=datetime.fromisoformat(event_at) if event_at else None,
        needs_review=bool(data.get("needs_review", False)),
        classifier="cache",
    )
