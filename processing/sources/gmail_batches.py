"""Gmail requests and answers as plain data: batch plans, list pages, fetched messages.

What processing.sources.gmail's client sends and reads, without its threads, pacing
and retries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from googleapiclient.errors import HttpError

from accounts import gmail as gmail_auth
from jobmail.gmail_payload import decode_b64url
from processing.sources.base import FetchedMessage, MessageRef

LIST_PAGE_SIZE = 500
#: A message whose size Gmail did not give is treated as large (the safe way to read it).
UNKNOWN_SIZE = 1 << 62


@dataclass(frozen=True, slots=True)
class Batch:
    """Messages fetched by one request: a raw batch, or one large message read as format=full."""

    refs: tuple[MessageRef, ...]
    #: sizeEstimate of each ref (_MISSING: deleted since listing, not fetched).
    sizes: tuple[int, ...]
    large: bool = False


def plan_batches(
    refs: Sequence[MessageRef], sizes: Sequence[int], *, max_count: int, max_bytes: int, raw_max: int
) -> list[Batch]:
    """Group sized refs, in order, into raw batches of at most max_count messages and max_bytes
    of mail; a message over raw_max gets a batch of its own, read without attachments."""
    batches: list[Batch] = []
    refs_now: list[MessageRef] = []
    sizes_now: list[int] = []

    def flush() -> None:
        if refs_now:
            batches.append(Batch(tuple(refs_now), tuple(sizes_now)))
            refs_now.clear()
            sizes_now.clear()

    for ref, size in zip(refs, sizes, strict=True):
        if size > raw_max:
            flush()
            batches.append(Batch((ref,), (size,), large=True))
            continue
        if refs_now and (len(refs_now) >= max_count or sum(sizes_now) + max(size, 0) > max_bytes):
            flush()
        refs_now.append(ref)
        sizes_now.append(size)
    flush()
    return batches


def history_page(gmail: Any, *, start_history_id: str, page_token: str | None) -> Any:
    return (
        gmail.users()
        .history()
        .list(
            userId="me",
            startHistoryId=start_history_id,
            historyTypes="messageAdded",
            maxResults=LIST_PAGE_SIZE,
            pageToken=page_token,
        )
    )


def messages_page(gmail: Any, *, query: str, page_token: str | None) -> Any:
    return gmail.users().messages().list(userId="me", q=query, maxResults=LIST_PAGE_SIZE, pageToken=page_token)


def size_of(ref: MessageRef, response: dict[str, Any]) -> int:
    size = response.get("sizeEstimate")
    return size if isinstance(size, int) and size >= 0 else UNKNOWN_SIZE


def fetched_message(ref: MessageRef, response: dict[str, Any], raw: bytes | None = None) -> FetchedMessage:
    data = decode_b64url(str(response.get("raw") or "")) if raw is None else raw
    internal_date = None
    if str(response.get("internalDate") or "").isdigit():
        internal_date = datetime.fromtimestamp(int(response["internalDate"]) / 1000, tz=UTC)
    if not ref.thread_id and response.get("threadId"):
        ref = MessageRef(id=ref.id, thread_id=response["threadId"], locator=ref.locator)
    return FetchedMessage(ref=ref, raw=data, internal_date=internal_date)


def is_rate_limit(error: HttpError) -> bool:
    """Gmail's per-user rate limit: 429, or 403 with a rate-limit reason."""
    status = error.status_code
    return status == 429 or (status == 403 and bool(gmail_auth.RATE_LIMIT_REASONS & gmail_auth.error_reasons(error)))
