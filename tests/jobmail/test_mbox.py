"""Reading mailboxes: an mbox streamed or located message by message, a folder of .eml files."""

from __future__ import annotations

import re
from pathlib import Path

from jobmail.mbox import HEAD_BYTES, iter_eml_dir, iter_mbox, read_message, scan_mbox
from jobmail.message import parse_message


def write_mbox(path: Path, messages: list[bytes]) -> None:
    with path.open("wb") as handle:
        for index, message in enumerate(messages):
            handle.write(b"From 17%d@xxx Tue Jul 04 18:45:33 +0000 2023\n" % index)
            # mboxrd quoting, as Google Takeout writes it: one more ">" before any ">*From ".
            handle.write(re.sub(rb"(?m)^(>*From )", rb">\1", message))
            handle.write(b"\n\n")


def test_it_streams_the_messages_of_an_mbox(tmp_path: Path) -> None:
    mbox = tmp_path / "takeout.mbox"
    first = b"Subject: one\n\nFrom here on, a body line that starts with From.\n>From quoted already"
    write_mbox(mbox, [first, b"Subject: two\n\nsecond"])
    messages = iter_mbox(mbox)
    assert next(messages) == b"Subject: one\n\nFrom here on, a body line that starts with From.\n>From quoted already\n"
    # Streaming: a message appended after iteration began is still found.
    with mbox.open("ab") as handle:
        handle.write(b"From MAILER-DAEMON Fri Jan 01 00:00:00 2025\nSubject: three\n\nthird\n")
    rest = list(messages)
    assert [parse_message(raw).subject for raw in rest] == ["two", "three"]


def test_it_splits_only_on_real_separators(tmp_path: Path) -> None:
    mbox = tmp_path / "mail.mbox"
    mbox.write_bytes(
        b"From a@b Mon Jan 06 10:00:00 2025\r\nSubject: crlf\r\n\r\nline\r\n\r\n"
        b"From the desk of the CEO: not a separator without a time\r\n\r\n"
        b"From b@c Mon Jan 06 11:00:00 2025\r\nSubject: next\r\n\r\nbody\r\n"
    )
    messages = list(iter_mbox(mbox))
    assert [parse_message(raw).subject for raw in messages] == ["crlf", "next"]
    assert b"From the desk of the CEO" in messages[0]


def test_it_reads_an_eml_folder_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.eml").write_bytes(b"Subject: b\n\nx")
    (tmp_path / "a.EML").write_bytes(b"Subject: a\n\nx")
    (tmp_path / "notes.txt").write_bytes(b"not mail")
    (tmp_path / "dir.eml").mkdir()
    assert [name for name, _raw in iter_eml_dir(tmp_path)] == ["a.EML", "b.eml"]


def test_it_locates_each_message_for_reading_later(tmp_path: Path) -> None:
    mbox = tmp_path / "takeout.mbox"
    bodies = [b"Subject: one\n\n>From quoted", b"Subject: two\n\n" + b"x" * (HEAD_BYTES + 10)]
    write_mbox(mbox, bodies)
    entries = list(scan_mbox(mbox))
    with mbox.open("rb") as handle:
        located = [read_message(handle, entry.offset, entry.length) for entry in entries]
    assert located == list(iter_mbox(mbox))
    assert entries[0].head.startswith(b"Subject: one")
    assert len(entries[1].head) == HEAD_BYTES


def test_it_takes_text_before_any_separator_as_one_message(tmp_path: Path) -> None:
    mbox = tmp_path / "saved.mbox"
    mbox.write_bytes(b"Subject: saved alone\n\nFrom here on, no separator.\n")
    assert [parse_message(raw).subject for raw in iter_mbox(mbox)] == ["saved alone"]
