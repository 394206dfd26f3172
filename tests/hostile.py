"""Pathological emails, generated: each costs a parser, the rules or the prompt builder
far more CPU than an ordinary email (tests/security/test_hostile_mail.py, bench/hostile.py).

Their costs on the 2-core reference machine, in a fresh worker (parse, clean, rules,
prompt), measured 2026-12-06: the comment bomb 6 ms (13-37 s with html.parser), the nested
multiparts 13-20 ms, the courtesy run 95-155 ms, the other three 130-290 ms; an ordinary
email takes 4-5 ms.
"""

from __future__ import annotations

from pathlib import Path

_HEAD = (
    "From: Careers <careers@hostile.example>\r\nSubject: {subject}\r\nMessage-ID: <{name}@hostile.example>\r\n"
    "Date: Thu, 1 Oct 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
)


def _message(name: str, content_type: str, body: bytes, subject: str = "Your application") -> bytes:
    head = _HEAD.format(subject=subject, name=name) + f"Content-Type: {content_type}\r\n\r\n"
    return head.encode() + body


def comment_bomb() -> bytes:
    """`<!--` x 50,000: quadratic in html.parser (CVE-2025-6069)."""
    return _message("comment-bomb", "text/html; charset=utf-8", b"<p>Thank you for applying</p>" + b"<!--" * 50_000)


def tiny_parts(count: int = 10_000) -> bytes:
    parts = b"".join(b"--P\r\nContent-Type: text/plain\r\n\r\npart %d\r\n" % index for index in range(count))
    return _message("tiny-parts", "multipart/mixed; boundary=P", parts + b"--P--\r\n")


def nested_multiparts(depth: int = 63) -> bytes:
    """Just under the parser's nesting bound (mail.MAX_MULTIPARTS)."""
    body = b"Content-Type: text/plain\r\n\r\nThank you for applying.\r\n"
    for level in range(depth):
        body = (
            b"Content-Type: multipart/mixed; boundary=N%d\r\n\r\n--N%d\r\n" % (level, level)
            + body
            + b"\r\n--N%d--\r\n" % level
        )
    head = _HEAD.format(subject="Nested", name="nested").encode()
    return head + body


def attribution_lines() -> bytes:
    """Lines that start like a reply header ("On ... wrote:") and never end like one."""
    line = "On " + "x " * 140 + "\n"
    return _message("attribution", "text/plain; charset=utf-8", (line * 1_300).encode())


def header_lines() -> bytes:
    """Outlook-style "From:" lines without the "Sent:" that would end the search."""
    return _message("header-lines", "text/plain; charset=utf-8", b"From: a\n" * 20_000)


def courtesy_run() -> bytes:
    """One sentence start of the prompt's courtesy patterns, repeated without an end."""
    return _message("courtesy", "text/plain; charset=utf-8", b"if you have any questions " * 8_000)


#: name -> raw message; the last four still cost about 100 ms of CPU or more after the fixes.
def pathological() -> dict[str, bytes]:
    return {
        "comment-bomb": comment_bomb(),
        "nested": nested_multiparts(),
        "tiny-parts": tiny_parts(),
        "attribution": attribution_lines(),
        "header-lines": header_lines(),
        "courtesy": courtesy_run(),
    }


#: The ones that cost ≥ 130 ms: over a CPU limit of 50 ms with a wide margin.
EXPENSIVE = ("tiny-parts", "attribution", "header-lines")
#: Cleaning each body once made this one cheaper: near such a limit, either side of it.
BORDERLINE = ("courtesy",)


def write_pathological_mailbox(folder: Path, ordinary: int = 0) -> dict[str, str]:
    """A folder of .eml files: the pathological emails and `ordinary` plain ones.

    Returns file name -> the message's provider id (the Message-ID, as the mbox source stores it).
    """
    folder.mkdir(parents=True, exist_ok=True)
    ids = {}
    for name, raw in pathological().items():
        (folder / f"{name}.eml").write_bytes(raw)
        ids[name] = f"<{name}@hostile.example>"
    for index in range(ordinary):
        name = f"ordinary-{index:03d}"
        body = f"Dear Dana,\r\n\r\nThank you for applying to Acme {index} for the Data Analyst role.\r\n"
        (folder / f"{name}.eml").write_bytes(_message(name, "text/plain; charset=utf-8", body.encode()))
        ids[name] = f"<{name}@hostile.example>"
    return ids
