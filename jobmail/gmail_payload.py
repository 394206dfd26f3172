"""A Gmail format=full payload rebuilt into a small RFC 822 message for the parser.

Gmail hands a large message as a tree of parts whose attachments are references
(body.attachmentId); only the headers and the text parts are kept, so memory is
bounded by MAX_TEXT_BYTES, not by the message's size. Plain Python: the Gmail source
(processing/sources/gmail.py) calls it with a function that downloads one text body.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
from collections.abc import Callable
from typing import Any

#: Decoded text kept from one large message, all text parts together (the parser reads less).
MAX_TEXT_BYTES = 1_000_000
#: Parts looked at and headers kept when a large message is rebuilt from its payload.
MAX_PAYLOAD_PARTS = 500
MAX_HEADERS = 200
MAX_HEADER_CHARS = 8_000
#: Attachment names kept (as empty parts) in a rebuilt message.
MAX_ATTACHMENT_NAMES = 50
_HEADER_NAME = re.compile(r"[!-9;-~]{1,100}")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:+-]{1,40})""", re.IGNORECASE)
_REBUILT_HEADERS = frozenset({"content-type", "content-transfer-encoding", "mime-version", "content-disposition"})


def decode_b64url(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return b""


def _part_headers(part: dict[str, Any]) -> dict[str, str]:
    found: dict[str, str] = {}
    headers = part.get("headers")
    for header in headers[:MAX_HEADERS] if isinstance(headers, list) else []:
        if isinstance(header, dict):
            found.setdefault(str(header.get("name") or "").lower(), str(header.get("value") or ""))
    return found


def _header_line(name: str, value: str) -> bytes:
    # Gmail hands header values decoded; joining on whitespace drops every CR, LF and
    # Unicode line break, so a decoded value can neither add a header nor start a part.
    return f"{name}: {' '.join(value[:MAX_HEADER_CHARS].split())}".encode("utf-8", "replace")


def mime_from_payload(payload: dict[str, Any], read_body: Callable[[str], bytes]) -> bytes:
    """A small RFC 822 message holding what the parser reads of a format=full payload.

    Kept: the message's headers, its text/plain and text/html parts (decoded text at most
    MAX_TEXT_BYTES in all; a text body Gmail sent as an attachmentId is read with
    read_body only if it fits), and attachments' names as empty parts. Everything else,
    attachments' content first, is left out. The structure is flattened into one
    multipart/mixed with a random boundary and base64 bodies, so no content of the
    original can end a part or add a header.
    """
    lines: list[bytes] = []
    headers = payload.get("headers")
    for header in headers[:MAX_HEADERS] if isinstance(headers, list) else []:
        if not isinstance(header, dict):
            continue
        name = str(header.get("name") or "")
        if _HEADER_NAME.fullmatch(name) and name.lower() not in _REBUILT_HEADERS:
            lines.append(_header_line(name, str(header.get("value") or "")))

    texts: list[tuple[str, str, bytes]] = []
    names: list[str] = []
    budget = MAX_TEXT_BYTES
    stack: list[Any] = [payload]
    visited = 0
    while stack and visited < MAX_PAYLOAD_PARTS:
        part = stack.pop()
        visited += 1
        if not isinstance(part, dict):
            continue
        children = part.get("parts")
        if isinstance(children, list) and children:
            stack.extend(reversed(children[:MAX_PAYLOAD_PARTS]))
            continue
        part_headers = _part_headers(part)
        filename = " ".join(str(part.get("filename") or "").split())
        if filename:
            names.append(filename[:200])
            continue
        mime = str(part.get("mimeType") or "").lower()
        if mime not in ("text/plain", "text/html") or budget <= 0:
            continue
        if part_headers.get("content-disposition", "").strip().lower().startswith("attachment"):
            continue
        body: dict[str, Any] = part["body"] if isinstance(part.get("body"), dict) else {}
        data = b""
        if isinstance(body.get("data"), str):
            # Cut before decoding, at a multiple of 4: 4 base64url characters carry 3 bytes.
            data = decode_b64url(body["data"][: (budget // 3 + 1) * 4])
        elif (
            isinstance(body.get("attachmentId"), str)
            and isinstance(body.get("size"), int)
            and 0 < body["size"] <= budget
        ):
            data = read_body(body["attachmentId"])
        data = data[:budget]
        if data:
            budget -= len(data)
            declared = _CHARSET.search(part_headers.get("content-type", ""))
            texts.append((mime, declared.group(1) if declared else "", data))

    boundary = f"=_jobtrail_{secrets.token_hex(16)}"
    out = [*lines, b"MIME-Version: 1.0", f'Content-Type: multipart/mixed; boundary="{boundary}"'.encode(), b""]
    for mime, charset, data in texts:
        content_type = f'{mime}; charset="{charset}"' if charset else mime
        encoded = base64.encodebytes(data).replace(b"\n", b"\r\n")
        out += [f"--{boundary}".encode(), f"Content-Type: {content_type}".encode()]
        out += [b"Content-Transfer-Encoding: base64", b"", encoded]
    for name in names[:MAX_ATTACHMENT_NAMES]:
        word = base64.b64encode(name.encode("utf-8", "replace")).decode("ascii")
        out += [f"--{boundary}".encode(), b"Content-Type: application/octet-stream"]
        out += [f'Content-Disposition: attachment; filename="=?utf-8?b?{word}?="'.encode(), b""]
    out.append(f"--{boundary}--".encode())
    return b"\r\n".join(out) + b"\r\n"
