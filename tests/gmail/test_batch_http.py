"""Gmail batch requests written and read by Jobtrail (processing/sources/gmail_batch_http.py):
against the fake Gmail end to end, and on answers written by hand for what the fake never
sends (parts out of order, LF line ends, malformed answers)."""

from __future__ import annotations

import base64
import json
from typing import Any

import httplib2
import pytest
from django.conf import settings

from accounts import gmail as gmail_auth
from accounts.models import User
from processing.sources import gmail_batch_http
from processing.sources.gmail_batch_http import MalformedAnswer
from tests.fakes.gmail_server import FakeGmailServer
from tests.gmail.conftest import Grant, credential_of

RAW = b"From: Hiring Team <jobs@pinecrest.example>\r\nSubject: Thanks for applying\r\n\r\nWe received it.\r\n"


def _service(http: Any = None) -> Any:
    return gmail_auth.gmail_service(http or httplib2.Http())


def _gets(ids: list[str]) -> list[tuple[str, Any]]:
    messages = _service().users().messages()
    return [(str(index), messages.get(userId="me", id=ident, format="raw")) for index, ident in enumerate(ids)]


def _answer(boundary: str, parts: list[tuple[str, int, str]], newline: str = "\r\n") -> bytes:
    chunks = [
        f"--{boundary}{newline}Content-Type: application/http{newline}Content-ID: <response-{ident}>{newline}{newline}"
        f"HTTP/1.1 {status} X{newline}Content-Type: application/json{newline}Retry-After: 7{newline}{newline}"
        f"{body}{newline}"
        for ident, status, body in parts
    ]
    return ("".join(chunks) + f"--{boundary}--{newline}").encode()


@pytest.mark.django_db
def test_it_reads_every_part_of_a_batch_from_gmail_with_missing_messages_as_errors(
    alice: User, gmail: FakeGmailServer, alice_grant: Grant
) -> None:
    first, second = gmail.add_message(RAW), gmail.add_message(RAW.replace(b"applying", b"your interest"))
    http = gmail_auth.authorized_http(gmail_auth.credentials_for(credential_of(alice)))
    batch_uri = f"{settings.GMAIL_API_ENDPOINT.rstrip('/')}/batch/gmail/v1"

    answers = gmail_batch_http.execute(http, batch_uri, _gets([first, "gone", second]))

    by_id = {answer.request_id: answer for answer in answers}
    assert sorted(by_id) == ["0", "1", "2"]
    assert base64.urlsafe_b64decode(by_id["0"].response["raw"]) == RAW
    assert by_id["2"].response["id"] == second
    assert by_id["1"].response is None
    assert by_id["1"].error is not None
    assert by_id["1"].error.status_code == 404
    [batch] = [request for request in gmail.requests if request.batch_parts]
    assert batch.batch_parts == 3


def test_each_part_keeps_its_own_answer_in_any_order_and_with_lf_line_ends() -> None:
    requests = _gets(["a", "b", "c"])
    for newline in ("\r\n", "\n"):
        content = _answer(
            "xyz",
            [
                ("2", 200, json.dumps({"id": "c"})),
                ("0", 200, json.dumps({"id": "a", "raw": "--xy"})),
                ("1", 429, json.dumps({"error": {"code": 429, "errors": [{"reason": "rateLimitExceeded"}]}})),
            ],
            newline,
        )
        answers = {
            a.request_id: a for a in gmail_batch_http.decode('multipart/mixed; boundary="xyz"', content, dict(requests))
        }
        assert answers["0"].response == {"id": "a", "raw": "--xy"}
        assert answers["2"].response == {"id": "c"}
        error = answers["1"].error
        assert error is not None
        assert error.status_code == 429
        assert gmail_auth.retry_after_seconds(error) == 7
        assert gmail_auth.error_reasons(error) == {"rateLimitExceeded"}


@pytest.mark.parametrize(
    ("content_type", "content"),
    [
        ("application/json", b"{}"),
        ("multipart/mixed; boundary=xyz", _answer("xyz", [("9", 200, "{}")])),
        ("multipart/mixed; boundary=xyz", _answer("xyz", [("0", 200, '{"id": "a", "raw": "cut sho')])),
        ("multipart/mixed; boundary=xyz", b"--xyz\r\nContent-ID: <response-0>\r\n\r\nnot a status line\r\n\r\n{}\r\n"),
    ],
    ids=["not multipart", "unknown part", "cut JSON", "no status line"],
)
def test_an_answer_it_cannot_read_is_an_error_of_its_own(content_type: str, content: bytes) -> None:
    with pytest.raises(MalformedAnswer):
        gmail_batch_http.decode(content_type, content, dict(_gets(["a"])))


def test_the_request_names_each_part_and_sends_no_outer_headers_inside_it() -> None:
    body = gmail_batch_http.encode(_gets(["a", "b"]), "edge").decode()

    assert body.count("--edge\r\n") == 2
    assert body.endswith("--edge--\r\n")
    assert "Content-ID: <0>" in body
    assert "Content-ID: <1>" in body
    assert "GET /gmail/v1/users/me/messages/b?format=raw&alt=json HTTP/1.1" in body
    assert "accept-encoding" not in body.lower()
