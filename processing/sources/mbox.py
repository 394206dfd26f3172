"""The mbox source: an mbox file (Google Takeout's Gmail export) or a folder of .eml files.

A thin adapter over jobmail.mbox. Listing reads only headers (to learn each
Message-ID for resume) and remembers where each message lies; fetching re-reads one
message at a time, so memory stays flat whatever the size of the file.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import re
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from jobmail.mbox import HEAD_BYTES, eml_files, read_message, scan_mbox
from jobmail.message import parse_date
from processing.sources.base import FetchedMessage, Listing, MessageRef, SourceContext, SourceError
from processing.sources.demo_dates import shift_body_dates, whole_weeks


def _header_value(head: bytes, name: bytes) -> str:
    match = re.search(rb"(?im)^" + re.escape(name) + rb":[ \t]*(.*(?:\r?\n[ \t].*)*)", head)
    if not match:
        return ""
    value = re.sub(rb"\r?\n[ \t]+", b" ", match.group(1)).strip()
    return value.decode("utf-8", "replace")


def message_key(head: bytes, raw_for_hash: bytes) -> tuple[str, str]:
    """The id used for resume (Message-ID, else a content hash) and a thread id."""
    message_id = _header_value(head, b"Message-ID")
    if not message_id:
        message_id = "sha256:" + hashlib.sha256(raw_for_hash).hexdigest()
    thread = _header_value(head, b"X-GM-THRID")
    if not thread:
        references = _header_value(head, b"References").split()
        thread = references[0] if references else _header_value(head, b"In-Reply-To") or message_id
    return message_id[:255], thread[:255]


def _date_of(head: bytes) -> datetime | None:
    return parse_date(_header_value(head, b"Date"))


def _in_range(date: datetime | None, context: SourceContext) -> bool:
    if date is None:
        return True
    if context.start_date is not None and date < context.start_date:
        return False
    return not (context.end_date is not None and date >= context.end_date)


#: Fetching reads up to this many messages at once, and stops at READ_BYTES.
READ_MESSAGES = 32
READ_BYTES = 1 << 20


class MboxSource:
    provider = "mbox"

    def __init__(self, path: str | Path, context: SourceContext) -> None:
        self.path = Path(path)
        self.context = context

    async def list_messages(self) -> Listing:
        return await asyncio.to_thread(self._list)

    def _list(self) -> Listing:
        if not self.path.exists():
            raise SourceError(f"The mailbox {self.path} does not exist.")
        refs: list[MessageRef] = []
        seen: set[str] = set()
        if self.path.is_dir():
            for file in eml_files(self.path):
                if self.context.cancel_event.is_set():
                    break
                with file.open("rb") as handle:
                    head = handle.read(HEAD_BYTES)
                ident, thread = message_key(head, head + file.name.encode())
                if ident in seen or not _in_range(_date_of(head), self.context):
                    continue
                seen.add(ident)
                refs.append(MessageRef(id=ident, thread_id=thread, locator=str(file)))
        else:
            for entry in scan_mbox(self.path):
                if self.context.cancel_event.is_set():
                    break
                ident, thread = message_key(entry.head, entry.head + str(entry.offset).encode())
                if ident in seen or not _in_range(_date_of(entry.head), self.context):
                    continue
                seen.add(ident)
                refs.append(MessageRef(id=ident, thread_id=thread, locator=(entry.offset, entry.length)))
        return Listing(refs=refs)

    def _read(self, ref: MessageRef) -> bytes | None:
        try:
            if isinstance(ref.locator, str):
                return Path(ref.locator).read_bytes()
            if isinstance(ref.locator, tuple):
                with self.path.open("rb") as handle:
                    return read_message(handle, *ref.locator)
        except FileNotFoundError:
            return None
        return None

    def _read_some(self, refs: Sequence[MessageRef]) -> list[bytes | None]:
        """The first of `refs`, and those after it while they add up to less than READ_BYTES."""
        raws: list[bytes | None] = []
        size = 0
        try:
            opened = self.path.open("rb") if self.path.is_file() else None
        except FileNotFoundError:
            opened = None  # each message is then missing, as _read finds
        with opened or contextlib.nullcontext() as handle:
            for ref in refs:
                if raws and size >= READ_BYTES:
                    break
                if handle is not None and isinstance(ref.locator, tuple):
                    raw: bytes | None = read_message(handle, *ref.locator)
                else:
                    raw = self._read(ref)
                raws.append(raw)
                size += len(raw or b"")
        return raws

    async def fetch(self, refs: Sequence[MessageRef]) -> AsyncIterator[FetchedMessage]:
        # Several messages per trip to a thread: one each cost as much as reading it.
        done = 0
        while done < len(refs):
            group = refs[done : done + READ_MESSAGES]
            raws = await asyncio.to_thread(self._read_some, group)
            for ref, raw in zip(group, raws, strict=False):
                yield FetchedMessage(ref=ref, raw=raw)
            done += len(raws)

    async def aclose(self) -> None:
        return None


DEMO_MAILBOX = Path(__file__).resolve().parent.parent / "demo" / "mailbox"


def demo_shift_days(folder: Path = DEMO_MAILBOX) -> int:
    """Days the demo's dates move: whole weeks (weekdays in the mail stay true), so that
    the newest email is from the past week."""
    newest = demo_date_shift(folder)
    if newest is None:
        return 0
    return whole_weeks((datetime.now(UTC) - newest).days - 1)


def demo_date_shift(folder: Path = DEMO_MAILBOX) -> datetime | None:
    """The newest Date in the demo mailbox, so dates can be moved next to today."""
    newest: datetime | None = None
    for file in folder.glob("*.eml"):
        with file.open("rb") as handle:
            date = _date_of(handle.read(HEAD_BYTES))
        if date is not None and (newest is None or date > newest):
            newest = date
    return newest


class DemoSource(MboxSource):
    """The bundled demo mailbox, with dates moved so the newest email is from yesterday.

    Moving the dates keeps the demo meaningful whatever today's date is, so the
    start-date presets (last 30, 90 days) select a realistic part of it.
    """

    provider = "demo"

    def __init__(self, context: SourceContext, folder: Path = DEMO_MAILBOX) -> None:
        super().__init__(folder, context)
        self.shift = demo_shift_days(folder)
        # Like a real mailbox: a few emails a second, so cancel and resume can be tried
        # by hand (DEMO_EMAILS_PER_SECOND; 0, as in tests, reads at full speed).
        self.pace = float(getattr(settings, "DEMO_EMAILS_PER_SECOND", 0) or 0)

    def shifted(self, date: datetime | None) -> datetime | None:
        from datetime import timedelta

        return None if date is None else date + timedelta(days=self.shift)

    def _list(self) -> Listing:
        # Filter on shifted dates: widen the context temporarily.
        original = (self.context.start_date, self.context.end_date)
        self.context.start_date = None
        self.context.end_date = None
        try:
            listing = super()._list()
        finally:
            self.context.start_date, self.context.end_date = original
        refs = []
        for ref in listing.refs:
            assert isinstance(ref.locator, str)
            with open(ref.locator, "rb") as handle:
                date = self.shifted(_date_of(handle.read(HEAD_BYTES)))
            if _in_range(date, self.context):
                refs.append(ref)
        return Listing(refs=refs)

    async def fetch(self, refs: Sequence[MessageRef]) -> AsyncIterator[FetchedMessage]:
        for ref in refs:
            if self.pace > 0:
                await asyncio.sleep(1 / self.pace)
            raw = await asyncio.to_thread(self._read, ref)
            sent = _date_of(raw[:HEAD_BYTES]) if raw else None
            if raw and sent is not None:
                raw = shift_body_dates(raw, self.shift, sent.year)
            yield FetchedMessage(ref=ref, raw=raw, internal_date=self.shifted(sent))
