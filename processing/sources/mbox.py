"""Reading an mbox file (Google Takeout's Gmail export) or a folder of .eml files.

Listing reads only headers (to learn each Message-ID for resume) and remembers
where each message lies; fetching re-reads one message at a time, so memory stays
flat whatever the size of the file.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import AsyncIterator, Iterator, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings

from processing.sources.base import FetchedMessage, Listing, MessageRef, SourceContext, SourceError
from processing.sources.demo_dates import shift_body_dates, whole_weeks

_HEADER_LIMIT = 64 * 1024
_FROM_LINE = re.compile(rb"^From \S*")


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
    value = _header_value(head, b"Date")
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def scan_mbox(path: Path) -> Iterator[tuple[int, int, bytes]]:
    """Yield (offset, length, first bytes) of each message, reading line by line."""
    with path.open("rb") as handle:
        start: int | None = None
        head = bytearray()
        position = 0
        previous_blank = True
        for line in handle:
            # A separator is a "From " line at the start or after a blank line;
            # "From " inside bodies is quoted as ">From " by mbox writers.
            is_separator = previous_blank and _FROM_LINE.match(line) is not None
            previous_blank = line in (b"\n", b"\r\n")
            if is_separator:
                if start is not None:
                    yield start, position - start, bytes(head)
                start = position + len(line)
                head = bytearray()
            elif start is not None and len(head) < _HEADER_LIMIT:
                head += line
            position += len(line)
        if start is not None:
            yield start, position - start, bytes(head)


def _unquote_from(raw: bytes) -> bytes:
    # mboxrd quoting: ">From " (and ">>From ") lines had one ">" added on export.
    return re.sub(rb"(?m)^>(>*From )", rb"\1", raw)


def _in_range(date: datetime | None, context: SourceContext) -> bool:
    if date is None:
        return True
    if context.start_date is not None and date < context.start_date:
        return False
    return not (context.end_date is not None and date >= context.end_date)


class MboxSource:
    name = "mbox"
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
            files = sorted(p for p in self.path.iterdir() if p.suffix.lower() == ".eml" and p.is_file())
            for file in files:
                if self.context.cancel_event.is_set():
                    break
                with file.open("rb") as handle:
                    head = handle.read(_HEADER_LIMIT)
                ident, thread = message_key(head, head + file.name.encode())
                if ident in seen or not _in_range(_date_of(head), self.context):
                    continue
                seen.add(ident)
                refs.append(MessageRef(id=ident, thread_id=thread, locator=str(file)))
        else:
            for offset, length, head in scan_mbox(self.path):
                if self.context.cancel_event.is_set():
                    break
                ident, thread = message_key(head, head + str(offset).encode())
                if ident in seen or not _in_range(_date_of(head), self.context):
                    continue
                seen.add(ident)
                refs.append(MessageRef(id=ident, thread_id=thread, locator=(offset, length)))
        return Listing(refs=refs)

    def _read(self, ref: MessageRef) -> bytes | None:
        try:
            if isinstance(ref.locator, str):
                return Path(ref.locator).read_bytes()
            if isinstance(ref.locator, tuple):
                offset, length = ref.locator
                with self.path.open("rb") as handle:
                    handle.seek(offset)
                    return _unquote_from(handle.read(length))
        except FileNotFoundError:
            return None
        return None

    async def fetch(self, refs: Sequence[MessageRef]) -> AsyncIterator[FetchedMessage]:
        for ref in refs:
            raw = await asyncio.to_thread(self._read, ref)
            yield FetchedMessage(ref=ref, raw=raw)

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
            date = _date_of(handle.read(_HEADER_LIMIT))
        if date is not None and (newest is None or date > newest):
            newest = date
    return newest


class DemoSource(MboxSource):
    """The bundled demo mailbox, with dates moved so the newest email is from yesterday.

    Moving the dates keeps the demo meaningful whatever today's date is, so the
    start-date presets (last 30, 90 days) select a realistic part of it.
    """

    name = "demo"
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
                date = self.shifted(_date_of(handle.read(_HEADER_LIMIT)))
            if _in_range(date, self.context):
                refs.append(ref)
        return Listing(refs=refs)

    async def fetch(self, refs: Sequence[MessageRef]) -> AsyncIterator[FetchedMessage]:
        for ref in refs:
            if self.pace > 0:
                await asyncio.sleep(1 / self.pace)
            raw = await asyncio.to_thread(self._read, ref)
            sent = _date_of(raw[:_HEADER_LIMIT]) if raw else None
            if raw and sent is not None:
                raw = shift_body_dates(raw, self.shift, sent.year)
            yield FetchedMessage(ref=ref, raw=raw, internal_date=self.shifted(sent))
