"""The interface between the pipeline and a mailbox."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class MessageRef:
    """A message as listed, before its content is fetched."""

    id: str
    thread_id: str = ""
    #: Source-specific locator (an mbox offset and length, a file path).
    locator: tuple[int, int] | str | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    refs: list[MessageRef]
    #: Gmail's mailbox historyId at listing time ("" for other sources).
    history_id: str = ""


@dataclass(frozen=True, slots=True)
class FetchedMessage:
    ref: MessageRef
    #: None when the message disappeared between listing and fetching.
    raw: bytes | None
    internal_date: datetime | None = None


@dataclass
class SourceContext:
    """What a source may use: the run's bounds and the cancel signal for threads."""

    user_id: int
    run_id: int
    start_date: datetime | None = None
    end_date: datetime | None = None
    cancel_event: threading.Event = field(default_factory=threading.Event)
    #: Gmail historyId of the last finished run, for incremental listing.
    since_history_id: str = ""


class SourceError(Exception):
    """A failure the user can act on; the message is shown as the run's error."""


class MailSource(Protocol):
    provider: str

    async def list_messages(self) -> Listing: ...

    def fetch(self, refs: Sequence[MessageRef]) -> AsyncIterator[FetchedMessage]: ...

    async def aclose(self) -> None: ...
