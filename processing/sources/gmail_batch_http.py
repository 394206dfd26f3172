"""One Gmail batch request (multipart/mixed), written and read here instead of by
googleapiclient's BatchHttpRequest.

BatchHttpRequest reads the answer with `email.feedparser`, fed the whole response at once:
its first regular-expression split of a 5 MB answer holds the interpreter lock for ~18 ms
in one call (~40 ms per answer in all), in the daphne process whose event loop and request
threads then wait for it (docs/PERFORMANCE.md, section 7). Here the answer is cut on its
boundary with bytes operations (~1 ms for 5 MB, releasing nothing but holding little) and
each part is read on its own, so no step holds the lock for more than a part's JSON.

The parts are still built by the client library (method, URI and headers of each
`messages.get`), and the batch goes through the thread's authorised Http, which renews the
token and sends again on a 401 like any other request. Google documents the format:
https://developers.google.com/gmail/api/guides/batch
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httplib2
from googleapiclient.errors import HttpError

#: Headers of a part's request that describe the outer request, not the part.
_SKIPPED = frozenset({"content-length", "accept-encoding", "transfer-encoding", "host"})
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_BOUNDARY = re.compile(r'boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))', re.IGNORECASE)


class MalformedAnswer(ValueError):
    """The batch answer could not be read (not multipart, a part unknown or cut): its parts are asked again."""


@dataclass(frozen=True)
class PartAnswer:
    """One part's answer: its decoded JSON, or the error Gmail answered for it."""

    request_id: str
    response: Any
    error: HttpError | None


def execute(http: Any, batch_uri: str, requests: Sequence[tuple[str, Any]]) -> list[PartAnswer]:
    """Send `requests` (request id, googleapiclient HttpRequest) as one batch through `http`.

    Raises HttpError when the batch request itself fails and MalformedAnswer when its answer
    cannot be read; a part that failed comes back with its error.
    """
    boundary = f"jobtrail_{uuid.uuid4().hex}"
    response, content = http.request(
        batch_uri,
        method="POST",
        body=encode(requests, boundary),
        headers={"content-type": f'multipart/mixed; boundary="{boundary}"'},
    )
    if response.status >= 300:
        raise HttpError(response, content, uri=batch_uri)
    return decode(response.get("content-type", ""), content, dict(requests))


def encode(requests: Sequence[tuple[str, Any]], boundary: str) -> bytes:
    chunks: list[bytes] = []
    for request_id, request in requests:
        target = urlsplit(request.uri)
        path = target.path + (f"?{target.query}" if target.query else "")
        lines = [f"{request.method} {path} HTTP/1.1"]
        lines.extend(f"{name}: {value}" for name, value in request.headers.items() if name.lower() not in _SKIPPED)
        body = request.body.encode("utf-8") if isinstance(request.body, str) else (request.body or b"")
        if body:
            lines.append(f"content-length: {len(body)}")
        head = (
            f"--{boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n"
            f"Content-ID: <{request_id}>\r\n\r\n" + "\r\n".join(lines) + "\r\n\r\n"
        )
        chunks.append(head.encode("utf-8") + body + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks)


def decode(content_type: str, content: bytes, requests: dict[str, Any]) -> list[PartAnswer]:
    """The parts of a multipart/mixed batch answer, each matched to its request by Content-ID."""
    found = _BOUNDARY.search(content_type)
    if not content_type.lower().startswith("multipart/mixed") or found is None:
        raise MalformedAnswer(f"not a multipart/mixed answer: {content_type[:80]!r}")
    delimiter = b"--" + (found.group(1) or found.group(2)).encode("latin-1")
    answers: list[PartAnswer] = []
    for chunk in content.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        part_head, part_body = _split_head(chunk.lstrip(b"\r\n"))
        request_id = _request_id(_headers(part_head).get("content-id", ""))
        if request_id not in requests:
            raise MalformedAnswer(f"unexpected Content-ID {request_id[:80]!r}")
        http_head, body = _split_head(part_body)
        status_line, _, header_lines = http_head.partition(b"\n")
        fields = status_line.split(None, 2)
        if len(fields) < 2 or not fields[1].isdigit():
            raise MalformedAnswer(f"malformed status line {status_line[:80]!r}")
        body = body.removesuffix(b"\r\n").removesuffix(b"\n")
        status = int(fields[1])
        if status >= 300:
            headers = {"status": str(status), **_headers(header_lines)}
            answers.append(
                PartAnswer(request_id, None, HttpError(httplib2.Response(headers), body, uri=requests[request_id].uri))
            )
        else:
            try:
                decoded = json.loads(body) if body.strip() else {}
            except ValueError as error:
                raise MalformedAnswer(f"part {request_id[:80]!r} is not JSON ({error})") from None
            answers.append(PartAnswer(request_id, decoded, None))
    return answers


def _split_head(data: bytes) -> tuple[bytes, bytes]:
    """Headers and body at the first blank line (CRLF or LF line ends)."""
    blank = _BLANK_LINE.search(data, 0, 64 * 1024)
    if blank is None:
        return data, b""
    return data[: blank.start()], data[blank.end() :]


def _headers(block: bytes) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in block.decode("latin-1").splitlines():
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    return headers


def _request_id(content_id: str) -> str:
    """Gmail answers part `<x>` with `<response-x>`."""
    return content_id.strip().removeprefix("<").removesuffix(">").removeprefix("response-")
