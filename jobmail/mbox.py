"""Reading mailboxes: an mbox file (Google Takeout's included) or a folder of .eml files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

_MBOX_SEPARATOR = re.compile(rb"^From \S*.*\d{1,2}:\d{2}")
_MBOX_QUOTED = re.compile(rb"^>(>*From )")
#: Longest line read at once; longer lines arrive in pieces, so memory stays flat.
_MBOX_READ = 1 << 20


def _mbox_message(lines: list[bytes]) -> bytes:
    data = b"".join(lines)
    # The blank line before the next "From " separator belongs to the mbox format.
    if data.endswith(b"\r\n\r\n"):
        return data[:-2]
    if data.endswith(b"\n\n"):
        return data[:-1]
    return data


def iter_mbox(path: str | Path) -> Iterator[bytes]:
    """Stream the raw messages of an mbox file (Google Takeout's included).

    One message is held in memory at a time. A separator is a "From " line with a
    time in it, at the start of the file or after a blank line, so a body line
    starting "From here on..." does not split a message; ">From " lines are
    unquoted (mboxrd).
    """
    lines: list[bytes] = []
    started = False
    at_line_start = True
    previous_blank = True
    with Path(path).open("rb") as handle:
        while chunk := handle.readline(_MBOX_READ):
            if at_line_start and previous_blank and _MBOX_SEPARATOR.match(chunk):
                if started or any(line.strip() for line in lines):
                    yield _mbox_message(lines)
                lines, started = [], True
            elif at_line_start:
                lines.append(_MBOX_QUOTED.sub(rb"\1", chunk))
            else:
                lines.append(chunk)
            ends_line = chunk.endswith(b"\n")
            previous_blank = at_line_start and ends_line and not chunk.strip(b"\r\n")
            at_line_start = ends_line
    if started or any(line.strip() for line in lines):
        yield _mbox_message(lines)


def iter_eml_dir(path: str | Path) -> Iterator[tuple[str, bytes]]:
    """(file name, raw bytes) of each .eml file of a folder, sorted by name."""
    files = sorted(p for p in Path(path).iterdir() if p.suffix.lower() == ".eml" and p.is_file())
    for file in files:
        yield file.name, file.read_bytes()
