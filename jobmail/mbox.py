"""Reading mailboxes: an mbox file (Google Takeout's included) or a folder of .eml files.

One reader for both users of an mbox: the evaluation streams messages (iter_mbox),
a run lists where each message lies first and reads them later (scan_mbox,
read_message). Memory stays flat: one message at a time, and lines longer than
a megabyte arrive in pieces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

#: A separator is a "From " line with a time in it, at the start of the file or after a
#: blank line, so a body line "From here on..." does not split a message.
_SEPARATOR = re.compile(rb"^From \S*.*\d{1,2}:\d{2}")
#: mboxrd quoting: ">From " (and ">>From ") lines had one ">" added on export.
_QUOTED = re.compile(rb"(?m)^>(>*From )")
#: Longest line read at once; longer lines arrive in pieces, so memory stays flat.
_READ = 1 << 20
#: How much of each message a listing keeps: its headers, for ids and dates.
HEAD_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class MboxEntry:
    """Where one message lies in an mbox file, and its first bytes (the headers)."""

    offset: int
    length: int
    head: bytes


class _Scan:
    def __init__(self) -> None:
        self.start: int | None = None
        self.head = bytearray()
        self.tail = b""
        self.content = False  # a non-blank line seen (matters before the first separator)

    def add(self, chunk: bytes) -> None:
        if len(self.head) < HEAD_BYTES:
            self.head += chunk[: HEAD_BYTES - len(self.head)]
        self.tail = (self.tail + chunk)[-4:]
        self.content = self.content or bool(chunk.strip())

    def entry(self, end: int) -> MboxEntry:
        # The blank line before the next separator belongs to the mbox format.
        if self.tail.endswith(b"\r\n\r\n"):
            end -= 2
        elif self.tail.endswith(b"\n\n"):
            end -= 1
        start = self.start or 0
        return MboxEntry(start, end - start, bytes(self.head[: end - start]))


def scan_mbox(path: str | Path) -> Iterator[MboxEntry]:
    """Where each message of an mbox file lies, reading it once, line by line.

    Text before the first separator counts as a message when it is not blank (a
    single message saved without one).
    """
    scan = _Scan()
    started = False
    position = 0
    at_line_start = previous_blank = True
    with Path(path).open("rb") as handle:
        while chunk := handle.readline(_READ):
            if at_line_start and previous_blank and _SEPARATOR.match(chunk):
                if started or scan.content:
                    yield scan.entry(position)
                scan = _Scan()
                scan.start = position + len(chunk)
                started = True
            else:
                scan.add(chunk)
            ends_line = chunk.endswith(b"\n")
            previous_blank = at_line_start and ends_line and not chunk.strip(b"\r\n")
            at_line_start = ends_line
            position += len(chunk)
    if started or scan.content:
        yield scan.entry(position)


def read_message(handle: BinaryIO, offset: int, length: int) -> bytes:
    """The raw message at offset (an entry's), its ">From " lines unquoted."""
    handle.seek(offset)
    return _QUOTED.sub(rb"\1", handle.read(length))


def iter_mbox(path: str | Path) -> Iterator[bytes]:
    """Stream the raw messages of an mbox file, one in memory at a time."""
    with Path(path).open("rb") as handle:
        for entry in scan_mbox(path):
            yield read_message(handle, entry.offset, entry.length)


def eml_files(path: str | Path) -> list[Path]:
    """The .eml files of a folder, sorted by name."""
    return sorted(p for p in Path(path).iterdir() if p.suffix.lower() == ".eml" and p.is_file())


def iter_eml_dir(path: str | Path) -> Iterator[tuple[str, bytes]]:
    """(file name, raw bytes) of each .eml file of a folder, sorted by name."""
    for file in eml_files(path):
        yield file.name, file.read_bytes()
