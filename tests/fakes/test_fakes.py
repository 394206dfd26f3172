"""The loopback fakes speak the real APIs: openai, google-auth and googleapiclient run unpatched."""

from __future__ import annotations

import asyncio
import base64
import json
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import AsyncIterator, Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import google_auth_httplib2
import httplib2
import openai
import pytest
from google.auth.exceptions import RefreshError
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

from tests.fakes.common import Fault
from tests.fakes.gmail_server import FakeGmailServer, GmailQuery
from tests.fakes.openai_server import FakeOpenAIServer, classify_text, schema_answer
from tests.waiting import eventually

ROOT = Path(__file__).resolve().parents[2]

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "is_job_related": {"type": "boolean"},
        "status": {"type": "string", "enum": ["applied", "rejected", "interview", "assessment", "offer", "not_job"]},
        "company": {"type": "string"},
        "job_title": {"type": "string"},
        "confidence": {"type": "number"},
        "event_at": {"type": ["string", "null"]},
    },
    "required": ["is_job_related", "status", "company", "job_title", "confidence", "event_at"],
    "additionalProperties": False,
}
RESPONSE_FORMAT: dict[str, Any] = {
    "type": "json_schema",
    "json_schema": {"name": "email_classification", "strict": True, "schema": SCHEMA},
}


# --- OpenAI -------------------------------------------------------------------------------------


@pytest.fixture
def llm() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture
async def client(llm: FakeOpenAIServer) -> AsyncIterator[openai.AsyncOpenAI]:
    client = openai.AsyncOpenAI(base_url=llm.url, api_key="test", max_retries=0)
    yield client
    await client.close()


async def _classify(client: openai.AsyncOpenAI, text: str, **options: Any) -> Any:
    return await client.chat.completions.create(  # type: ignore[call-overload]
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": "Classify."}, {"role": "user", "content": text}],
        response_format=RESPONSE_FORMAT,  # type: ignore[arg-type]
        **options,
    )


async def test_it_answers_a_strict_json_schema_with_every_required_property(
    client: openai.AsyncOpenAI, llm: FakeOpenAIServer
) -> None:
    response = await _classify(client, "Unfortunately we will not move forward with your application.")
    choice = response.choices[0]
    assert choice.finish_reason == "stop"
    assert choice.message.refusal is None
    answer = json.loads(choice.message.content)
    assert answer == {
        "is_job_related": True,
        "status": "rejected",
        "company": "",
        "job_title": "",
        "confidence": 0.8,
        "event_at": None,
    }
    assert response.object == "chat.completion"
    assert response.model == "gpt-4o-mini"
    assert response.usage is not None
    assert response.usage.prompt_tokens > 0
    assert response.usage.total_tokens == response.usage.prompt_tokens + response.usage.completion_tokens
    [request] = llm.requests
    assert request.status_code == 200
    assert request.aborted is False
    assert request.finished_at is not None
    assert request.finished_at >= request.started_at
    assert request.body["response_format"]["json_schema"]["strict"] is True


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Leider müssen wir Ihnen absagen.", "rejected"),
        ("We decided not to move forward; thanks for the interview.", "rejected"),
        ("We'd like to schedule an interview.", "interview"),
        ("Please complete the HackerRank coding challenge.", "assessment"),
        ("We are happy to make you an offer.", "offer"),
        ("We have received your application.", "applied"),
        ("Your parcel has shipped.", "not_job"),
    ],
)
def test_it_classifies_by_keywords(text: str, label: str) -> None:
    assert classify_text(text) == label


def test_it_fills_any_schema_generically() -> None:
    schema = {
        "type": "object",
        "$defs": {"Kind": {"type": "string", "enum": ["a", "b"]}},
        "properties": {
            "status": {"anyOf": [{"type": "string", "enum": ["x", "offer"]}]},
            "kind": {"$ref": "#/$defs/Kind"},
            "maybe": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "count": {"type": "integer", "minimum": 3},
            "score": {"type": "number", "maximum": 0.5},
            "tags": {"type": "array", "items": {"type": "string"}, "minItems": 2},
            "nested": {"type": "object", "properties": {"is_job": {"type": "boolean"}, "flag": {"type": "boolean"}}},
            "fixed": {"const": 7},
        },
    }
    assert schema_answer(schema, "offer") == {
        "status": "offer",
        "kind": "a",
        "maybe": None,
        "count": 3,
        "score": 0.5,
        "tags": ["", ""],
        "nested": {"is_job": True, "flag": False},
        "fixed": 7,
    }


async def test_it_answers_plain_text_without_a_response_format(client: openai.AsyncOpenAI) -> None:
    response = await client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": [{"type": "text", "text": "An interview?"}]}]
    )
    assert response.choices[0].message.content == "interview"


async def test_it_raises_rate_limit_error_for_a_scripted_429(client: openai.AsyncOpenAI, llm: FakeOpenAIServer) -> None:
    llm.enqueue(Fault.status(429, headers={"Retry-After": "2"}))
    with pytest.raises(openai.RateLimitError) as caught:
        await _classify(client, "hello")
    assert caught.value.response.headers["retry-after"] == "2"
    assert caught.value.code == "rate_limit_exceeded"
    assert json.loads((await _classify(client, "hello")).choices[0].message.content)["status"] == "not_job"
    assert [r.status_code for r in llm.requests] == [429, 200]
    assert llm.requests[0].fault == "status_429"


async def test_it_raises_internal_server_error_for_a_scripted_500(
    client: openai.AsyncOpenAI, llm: FakeOpenAIServer
) -> None:
    llm.enqueue(Fault.status(500), Fault.status(503, body={"error": {"message": "busy", "type": "x"}}))
    with pytest.raises(openai.InternalServerError) as first:
        await _classify(client, "hello")
    with pytest.raises(openai.InternalServerError) as second:
        await _classify(client, "hello")
    assert first.value.status_code == 500
    assert second.value.status_code == 503
    assert second.value.message.endswith("busy")


async def test_it_scripts_unusable_answers_in_order(client: openai.AsyncOpenAI, llm: FakeOpenAIServer) -> None:
    llm.enqueue(Fault.refusal("I can't help"), Fault.length(), Fault.invalid_json(), Fault.off_schema())
    refused, cut, broken, off = [await _classify(client, "An offer!") for _ in range(4)]
    assert refused.choices[0].message.refusal == "I can't help"
    assert refused.choices[0].message.content is None
    assert cut.choices[0].finish_reason == "length"
    with pytest.raises(json.JSONDecodeError):
        json.loads(cut.choices[0].message.content or "")
    assert broken.choices[0].message.content == "not json{"
    off_answer = json.loads(off.choices[0].message.content or "")
    assert off_answer["status"] not in SCHEMA["properties"]["status"]["enum"]
    assert off_answer.keys() == SCHEMA["properties"].keys()
    normal = await _classify(client, "An offer!")
    assert json.loads(normal.choices[0].message.content or "")["status"] == "offer"
    assert llm.pending_faults == []


async def test_it_uses_a_custom_responder(client: openai.AsyncOpenAI, llm: FakeOpenAIServer) -> None:
    seen: list[str] = []

    def responder(body: dict[str, Any]) -> dict[str, Any] | str:
        seen.append(body["messages"][-1]["content"])
        return {"status": "offer"} if len(seen) == 1 else "raw text"

    llm.responder = responder
    assert (await _classify(client, "one")).choices[0].message.content == '{"status": "offer"}'
    assert (await _classify(client, "two")).choices[0].message.content == "raw text"
    assert seen == ["one", "two"]


async def test_it_records_a_cancelled_request_as_aborted(client: openai.AsyncOpenAI, llm: FakeOpenAIServer) -> None:
    llm.latency = 30.0
    task = asyncio.create_task(_classify(client, "hello"))
    await eventually(lambda: llm.in_flight() == 1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    # Only noticing the closed socket can finish a 30 s request this early.
    [request] = await asyncio.to_thread(llm.wait_for_requests, 1, 2.0, finished=True)
    assert request.aborted is True
    assert request.status_code is None
    assert llm.in_flight() == 0


async def test_it_records_a_request_cut_by_client_close_as_aborted(llm: FakeOpenAIServer) -> None:
    client = openai.AsyncOpenAI(base_url=llm.url, api_key="test", max_retries=0)
    llm.latency = 30.0
    task = asyncio.create_task(_classify(client, "hello"))
    await eventually(lambda: llm.in_flight() == 1)
    await client.close()
    # Closing the pool closes the in-flight connection: the request fails, it is not cancelled.
    with pytest.raises(openai.APIConnectionError):
        await task
    [request] = await asyncio.to_thread(llm.wait_for_requests, 1, 2.0, finished=True)
    assert request.aborted is True


async def test_it_lets_the_client_time_out_on_a_hang(client: openai.AsyncOpenAI, llm: FakeOpenAIServer) -> None:
    llm.enqueue(Fault.hang(30))
    with pytest.raises(openai.APITimeoutError):
        await _classify(client, "hello", timeout=0.2)
    [request] = await asyncio.to_thread(llm.wait_for_requests, 1, 2.0, finished=True)
    assert request.aborted is True
    assert request.fault == "hang"


async def test_it_drops_the_connection_for_a_disconnect_fault(
    client: openai.AsyncOpenAI, llm: FakeOpenAIServer
) -> None:
    llm.enqueue(Fault.disconnect())
    with pytest.raises(openai.APIConnectionError):
        await _classify(client, "hello")
    assert (await _classify(client, "hello")).choices[0].finish_reason == "stop"


async def test_it_serves_64_slow_requests_at_once(llm: FakeOpenAIServer) -> None:
    llm.latency, llm.jitter = 0.5, 0.05
    client = openai.AsyncOpenAI(
        base_url=llm.url, api_key="test", max_retries=0, http_client=openai.DefaultAsyncHttpxClient()
    )
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(_classify(client, f"interview {i}")) for i in range(64)]
    finally:
        await client.close()
    assert all(json.loads(t.result().choices[0].message.content)["status"] == "interview" for t in tasks)
    assert llm.max_in_flight == 64
    assert len(llm.completed()) == 64


async def test_it_lists_models(client: openai.AsyncOpenAI, llm: FakeOpenAIServer) -> None:
    models = [model.id async for model in client.models.list()]
    assert models == [llm.model]


async def test_it_rejects_a_wrong_api_key(llm: FakeOpenAIServer) -> None:
    llm.api_key = "right"
    client = openai.AsyncOpenAI(base_url=llm.url, api_key="wrong", max_retries=0)
    try:
        with pytest.raises(openai.AuthenticationError):
            await _classify(client, "hello")
    finally:
        await client.close()


async def test_it_answers_429_at_the_error_rate(client: openai.AsyncOpenAI, llm: FakeOpenAIServer) -> None:
    llm.error_rate, llm.rate_limit_retry_after = 1.0, 1.5
    with pytest.raises(openai.RateLimitError) as caught:
        await _classify(client, "hello")
    assert caught.value.response.headers["retry-after"] == "1.5"
    llm.error_rate = 0.0
    await _classify(client, "hello")
    assert [r.status_code for r in llm.requests] == [429, 200]


# --- Gmail ------------------------------------------------------------------------------------------


@pytest.fixture
def gmail() -> Iterator[FakeGmailServer]:
    with FakeGmailServer() as server:
        yield server


def _raw(index: int, *, subject: str = "Thank you for applying", body: str = "We received your application.") -> bytes:
    message = EmailMessage()
    message["From"] = "Careers <careers@northwind.example>"
    message["To"] = "me@example.com"
    message["Subject"] = f"{subject} #{index}"
    message["Message-ID"] = f"<m{index}@test.example>"
    message.set_content(body)
    message.add_alternative(f"<p>{body}</p>", subtype="html")
    return bytes(message)


def _credentials(gmail: FakeGmailServer, refresh_token: str = "r") -> Credentials:
    return Credentials(
        token=None, refresh_token=refresh_token, token_uri=gmail.token_uri, client_id="c", client_secret="s"
    )


def _service(gmail: FakeGmailServer, credentials: Credentials | None = None, http: Any = None) -> Any:
    if http is not None:
        return build(
            "gmail",
            "v1",
            http=http,
            client_options={"api_endpoint": gmail.url},
            static_discovery=True,
            cache_discovery=False,
        )
    return build(
        "gmail",
        "v1",
        credentials=credentials or _credentials(gmail),
        client_options={"api_endpoint": gmail.url},
        static_discovery=True,
        cache_discovery=False,
    )


def _batch_get(gmail: FakeGmailServer, service: Any, ids: list[str]) -> dict[str, Any]:
    results: dict[str, Any] = {}

    def callback(request_id: str, response: Any, error: HttpError | None) -> None:
        results[request_id] = error if error is not None else response

    batch = BatchHttpRequest(callback=callback, batch_uri=gmail.batch_uri)
    for ident in ids:
        batch.add(service.users().messages().get(userId="me", id=ident, format="raw"), request_id=ident)
    batch.execute()
    return results


def test_it_pages_through_1200_messages_newest_first(gmail: FakeGmailServer) -> None:
    for index in range(1200):
        raw = f"From: a@example.com\r\nSubject: Message {index}\r\n\r\nBody {index}\r\n".encode()
        gmail.add_message(raw, internal_date_ms=1_767_225_600_000 + index * 60_000)
    messages = _service(gmail).users().messages()
    request = messages.list(userId="me", maxResults=500)
    ids: list[str] = []
    sizes: list[int] = []
    while request is not None:
        page = request.execute()
        sizes.append(len(page["messages"]))
        ids += [m["id"] for m in page["messages"]]
        request = messages.list_next(request, page)
    assert sizes == [500, 500, 200]
    assert ids == gmail.message_ids()
    assert len(set(ids)) == 1200
    assert gmail.message(ids[0]).internal_date_ms > gmail.message(ids[-1]).internal_date_ms
    assert gmail.count("list") == 3
    assert gmail.count("token") == 1


def test_it_filters_the_list_by_date_and_sent_label(gmail: FakeGmailServer) -> None:
    day = 86_400
    jan_1 = 1_767_225_600  # 2026-01-01T00:00:00Z
    received = [gmail.add_message(_raw(i), internal_date_ms=(jan_1 + i * day) * 1000) for i in range(5)]
    sent = gmail.add_message(_raw(9), internal_date_ms=(jan_1 + 2 * day) * 1000, label_ids=("SENT",))
    messages = _service(gmail).users().messages()

    def listed(q: str) -> set[str]:
        return {m["id"] for m in messages.list(userId="me", q=q).execute().get("messages", [])}

    assert listed("after:2026/01/02 before:2026/01/04") == {received[1], received[2], sent}
    assert listed(f"after:{jan_1 + day - 1} before:{jan_1 + 3 * day} -in:sent") == {received[1], received[2]}
    assert listed(f"after:{jan_1 + day}") == {received[2], received[3], received[4], sent}
    assert listed('(from:greenhouse.io OR subject:"offer") -from:me') == set(received)
    assert listed("in:sent") == {sent}
    assert listed("after:2027/01/01") == set()
    assert gmail.list_queries[3] == '(from:greenhouse.io OR subject:"offer") -from:me'
    assert GmailQuery.parse('(from:a OR subject:"b c") -in:sent').ignored == ('(from:a OR subject:"b c")',)


def test_it_returns_raw_messages_that_decode_to_the_stored_bytes(gmail: FakeGmailServer) -> None:
    raw = _raw(1, body="It's a match.")
    ident = gmail.add_message(raw, internal_date_ms=1_767_225_600_123, thread_id="t1")
    message = _service(gmail).users().messages().get(userId="me", id=ident, format="raw").execute()
    assert base64.urlsafe_b64decode(message["raw"]) == raw
    assert re.fullmatch(r"[0-9a-f]{16}", message["id"])
    assert message["threadId"] == "t1"
    assert message["internalDate"] == "1767225600123"
    assert message["labelIds"] == ["INBOX"]
    assert message["snippet"] == "It&#39;s a match."
    assert int(message["historyId"]) == gmail.history_id
    assert gmail.times_served(ident) == 1


def test_it_builds_full_metadata_and_minimal_formats(gmail: FakeGmailServer) -> None:
    ident = gmail.add_message(_raw(1, body="Hello there"))
    get = _service(gmail).users().messages().get
    full = get(userId="me", id=ident, format="full").execute()
    payload = full["payload"]
    assert payload["mimeType"] == "multipart/alternative"
    assert {"name": "Subject", "value": "Thank you for applying #1"} in payload["headers"]
    plain, html_part = payload["parts"]
    assert (plain["partId"], plain["mimeType"]) == ("0", "text/plain")
    assert base64.urlsafe_b64decode(plain["body"]["data"]) == b"Hello there\n"
    assert html_part["mimeType"] == "text/html"
    metadata = get(userId="me", id=ident, format="metadata", metadataHeaders=["Subject"]).execute()
    assert metadata["payload"]["headers"] == [{"name": "Subject", "value": "Thank you for applying #1"}]
    assert "parts" not in metadata["payload"]
    minimal = get(userId="me", id=ident, format="minimal").execute()
    assert "payload" not in minimal
    assert "raw" not in minimal


def test_it_sends_attachments_in_format_full_as_references_served_by_attachments_get(gmail: FakeGmailServer) -> None:
    message = EmailMessage()
    message["Subject"] = "Offer"
    message.set_content("See attached.")
    message.add_attachment(b"%PDF-1.7 " * 1000, maintype="application", subtype="pdf", filename="offer.pdf")
    raw = bytes(message)
    ident = gmail.add_message(raw)
    messages = _service(gmail).users().messages()
    full = messages.get(userId="me", id=ident, format="full").execute()
    assert full["sizeEstimate"] == len(raw)
    text, pdf = full["payload"]["parts"]
    assert base64.urlsafe_b64decode(text["body"]["data"]) == b"See attached.\n"
    assert (pdf["partId"], pdf["filename"], pdf["body"]["size"]) == ("1", "offer.pdf", 9000)
    assert "data" not in pdf["body"]
    body = messages.attachments().get(userId="me", messageId=ident, id=pdf["body"]["attachmentId"]).execute()
    assert base64.urlsafe_b64decode(body["data"]) == b"%PDF-1.7 " * 1000
    assert body["size"] == 9000
    gmail.inline_body_limit = 5
    text = messages.get(userId="me", id=ident, format="full").execute()["payload"]["parts"][0]
    assert set(text["body"]) == {"attachmentId", "size"}
    with pytest.raises(HttpError) as caught:
        messages.attachments().get(userId="me", messageId=ident, id="ANGjdJnot-a-part").execute()
    assert caught.value.status_code == 404
    assert gmail.count("attachment") == 2
    assert [r.formats for r in gmail.requests if r.kind == "get"] == [["full"], ["full"]]


def test_it_answers_404_for_unknown_and_deleted_messages(gmail: FakeGmailServer) -> None:
    ident = gmail.add_message(_raw(1))
    gmail.delete_message(ident)
    service = _service(gmail)
    for missing in (ident, "ffffffffffffffff"):
        with pytest.raises(HttpError) as caught:
            service.users().messages().get(userId="me", id=missing, format="raw").execute()
        assert caught.value.status_code == 404
        assert caught.value.error_details[0]["reason"] == "notFound"
    assert service.users().messages().list(userId="me").execute() == {"resultSizeEstimate": 0}


def test_it_serves_a_batch_of_50_gets_in_one_request(gmail: FakeGmailServer) -> None:
    raws = {gmail.add_message(raw): raw for raw in map(_raw, range(50))}
    results = _batch_get(gmail, _service(gmail), list(raws))
    assert {ident: base64.urlsafe_b64decode(r["raw"]) for ident, r in results.items()} == raws
    assert gmail.count("batch") == 1
    assert gmail.count("batch_parts") == 50
    assert gmail.count("get") == 0
    [batch] = [r for r in gmail.requests if r.kind == "batch"]
    assert batch.is_batch
    assert batch.message_ids == list(raws)
    assert batch.part_statuses == [200] * 50


def test_it_fails_only_the_scripted_batch_part(gmail: FakeGmailServer) -> None:
    ids = [gmail.add_message(_raw(i)) for i in range(5)]
    gmail.fail_message(ids[2], [429], retry_after="2")
    service = _service(gmail)
    results = _batch_get(gmail, service, ids)
    error = results[ids[2]]
    assert isinstance(error, HttpError)
    assert error.status_code == 429
    assert error.resp["retry-after"] == "2"
    assert error.error_details[0]["reason"] == "rateLimitExceeded"
    assert all(isinstance(results[i], dict) for i in ids if i != ids[2])
    retried = _batch_get(gmail, service, [ids[2]])
    assert isinstance(retried[ids[2]], dict)
    assert gmail.count("batch_parts", status=429) == 1
    assert gmail.times_served(ids[2]) == 1


def test_it_injects_seeded_random_part_faults(gmail: FakeGmailServer) -> None:
    ids = [gmail.add_message(_raw(i)) for i in range(50)]
    gmail.part_fault_rate, gmail.part_retry_after = 0.3, "1"
    results = _batch_get(gmail, _service(gmail), ids)
    failed = {i: r for i, r in results.items() if isinstance(r, HttpError)}
    assert 0 < len(failed) < 50
    assert {e.status_code for e in failed.values()} <= {429, 500}
    assert all(e.resp.get("retry-after") == "1" for e in failed.values() if e.status_code == 429)
    assert gmail.count("batch_parts", status=200) == 50 - len(failed)


def test_it_rejects_a_batch_of_more_than_100_parts(gmail: FakeGmailServer) -> None:
    ident = gmail.add_message(_raw(1))
    service = _service(gmail)
    batch = BatchHttpRequest(callback=lambda *args: None, batch_uri=gmail.batch_uri)
    for index in range(101):
        batch.add(service.users().messages().get(userId="me", id=ident), request_id=str(index))
    with pytest.raises(HttpError) as caught:
        batch.execute()
    assert caught.value.status_code == 400


def test_it_requires_a_valid_access_token(gmail: FakeGmailServer) -> None:
    http = httplib2.Http()
    response, content = http.request(f"{gmail.url}/gmail/v1/users/me/profile")
    assert response.status == 401
    assert json.loads(content)["error"]["status"] == "UNAUTHENTICATED"
    response, _ = http.request(f"{gmail.url}/gmail/v1/users/me/profile", headers={"Authorization": "Bearer made-up"})
    assert response.status == 401
    assert "invalid_token" in response["www-authenticate"]
    token = gmail.issue_access_token()
    response, _ = http.request(f"{gmail.url}/gmail/v1/users/me/profile", headers={"Authorization": f"Bearer {token}"})
    assert response.status == 200
    gmail.accept_any_token = True
    assert _service(gmail, http=httplib2.Http()).users().getProfile(userId="me").execute()["messagesTotal"] == 0


def test_it_refreshes_after_access_tokens_expire(gmail: FakeGmailServer) -> None:
    gmail.add_message(_raw(1))
    credentials = _credentials(gmail)
    service = _service(gmail, http=google_auth_httplib2.AuthorizedHttp(credentials, http=httplib2.Http()))
    assert service.users().getProfile(userId="me").execute()["emailAddress"] == "me@example.com"
    first_token = credentials.token
    gmail.expire_all_access_tokens()
    assert len(service.users().messages().list(userId="me").execute()["messages"]) == 1
    assert credentials.token != first_token
    assert [(r.kind, r.status_code) for r in gmail.requests] == [
        ("token", 200),
        ("profile", 200),
        ("list", 401),
        ("token", 200),
        ("list", 200),
    ]
    assert gmail.requests[0].form["grant_type"] == "refresh_token"
    assert gmail.requests[0].form["refresh_token"] == "r"


def test_it_refreshes_inside_a_batch_after_expiry(gmail: FakeGmailServer) -> None:
    ids = [gmail.add_message(_raw(i)) for i in range(10)]
    service = _service(gmail)
    assert all(isinstance(r, dict) for r in _batch_get(gmail, service, ids).values())
    gmail.expire_all_access_tokens()
    gmail.reset_log()
    assert all(isinstance(r, dict) for r in _batch_get(gmail, service, ids).values())
    # The outer 401 makes google-auth refresh and resend the same body, whose parts still
    # carry the old token; googleapiclient then refreshes again and resends those parts.
    assert [(r.kind, r.status_code, set(r.part_statuses)) for r in gmail.requests] == [
        ("batch", 401, set()),
        ("token", 200, set()),
        ("batch", 200, {401}),
        ("token", 200, set()),
        ("batch", 200, {200}),
    ]


def _revoke(gmail: FakeGmailServer, token: str) -> tuple[int, dict[str, Any]]:
    body = urllib.parse.urlencode({"token": token})
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    response, content = httplib2.Http().request(gmail.revoke_uri, "POST", body=body, headers=headers)
    return response.status, json.loads(content)


def test_it_raises_invalid_grant_for_a_revoked_refresh_token(gmail: FakeGmailServer) -> None:
    service = _service(gmail)
    service.users().getProfile(userId="me").execute()
    assert _revoke(gmail, "r") == (200, {})
    # The access token of the revoked grant stops working, and refreshing fails.
    with pytest.raises(RefreshError) as caught:
        service.users().getProfile(userId="me").execute()
    assert "invalid_grant" in str(caught.value)
    assert caught.value.args[1]["error"] == "invalid_grant"
    assert _revoke(gmail, "r")[1]["error"] == "invalid_token"
    assert gmail.count("revoke") == 2
    assert gmail.count("profile", status=401) == 1


def test_it_rejects_unknown_refresh_tokens_when_strict(gmail: FakeGmailServer) -> None:
    gmail.strict_refresh_tokens = True
    with pytest.raises(RefreshError, match="invalid_grant"):
        _credentials(gmail, "unknown").refresh(google_auth_httplib2.Request(httplib2.Http()))
    credentials = _credentials(gmail, gmail.new_refresh_token())
    credentials.refresh(google_auth_httplib2.Request(httplib2.Http()))
    assert credentials.token is not None
    assert credentials.token.startswith("ya29.")
    assert gmail.access_token_valid(credentials.token)


def test_it_lists_history_and_404s_for_an_expired_start(gmail: FakeGmailServer) -> None:
    for index in range(3):
        gmail.add_message(_raw(index))
    start = gmail.history_id
    added = [gmail.add_message(_raw(index), label_ids=("INBOX", "UNREAD")) for index in range(3, 8)]
    history = _service(gmail).users().history()
    request = history.list(userId="me", startHistoryId=str(start), historyTypes="messageAdded", maxResults=2)
    seen: list[str] = []
    pages = 0
    while request is not None:
        page = request.execute()
        pages += 1
        assert page["historyId"] == str(gmail.history_id)
        for record in page.get("history", []):
            for item in record["messagesAdded"]:
                assert item["message"]["labelIds"] == ["INBOX", "UNREAD"]
                seen.append(item["message"]["id"])
        request = history.list_next(request, page)
    assert seen == added
    assert pages == 3
    assert "history" not in history.list(userId="me", startHistoryId=str(gmail.history_id)).execute()
    gmail.min_history_id = gmail.history_id
    with pytest.raises(HttpError) as caught:
        history.list(userId="me", startHistoryId=str(start)).execute()
    assert caught.value.status_code == 404


def test_it_applies_whole_request_faults_in_order(gmail: FakeGmailServer) -> None:
    ids = [gmail.add_message(_raw(i)) for i in range(3)]
    service = _service(gmail)
    service.users().getProfile(userId="me").execute()
    gmail.enqueue(Fault.status(429, headers={"Retry-After": "7"}), kind="batch")
    gmail.enqueue(Fault.status(500))
    with pytest.raises(HttpError) as listed:
        service.users().messages().list(userId="me").execute()
    assert listed.value.status_code == 500
    with pytest.raises(HttpError) as batched:
        _batch_get(gmail, service, ids)
    assert batched.value.status_code == 429
    assert batched.value.resp["retry-after"] == "7"
    assert len(_batch_get(gmail, service, ids)) == 3
    assert [r.fault for r in gmail.requests if r.fault] == ["status_500", "status_429"]


def test_it_lets_google_auth_retry_a_failing_token_endpoint(gmail: FakeGmailServer) -> None:
    gmail.enqueue(Fault.status(503), kind="token")
    credentials = _credentials(gmail)
    credentials.refresh(google_auth_httplib2.Request(httplib2.Http()))
    assert credentials.valid
    assert [r.status_code for r in gmail.requests] == [503, 200]


def test_it_notices_a_gmail_client_hanging_up(gmail: FakeGmailServer) -> None:
    token = gmail.issue_access_token()
    gmail.enqueue(Fault.hang(30))
    with pytest.raises(TimeoutError):
        httplib2.Http(timeout=0.2).request(
            f"{gmail.url}/gmail/v1/users/me/profile", headers={"Authorization": f"Bearer {token}"}
        )
    [request] = gmail.wait_for_requests(1, 2.0, finished=True)
    assert request.aborted is True


def test_it_runs_the_oauth_code_flow(gmail: FakeGmailServer) -> None:
    gmail.client_id, gmail.client_secret = "cid", "secret"
    callback = "http://127.0.0.1:9/accounts/google/login/callback/"
    query = urllib.parse.urlencode(
        {
            "client_id": "cid",
            "redirect_uri": callback,
            "response_type": "code",
            "scope": "openid email https://www.googleapis.com/auth/gmail.readonly",
            "state": "xyz",
            "access_type": "offline",
        }
    )
    http = httplib2.Http()
    http.follow_redirects = False
    response, _ = http.request(f"{gmail.authorize_url}?{query}")
    assert response.status == 302
    location = urllib.parse.urlsplit(response["location"])
    params = dict(urllib.parse.parse_qsl(location.query))
    assert location.path == "/accounts/google/login/callback/"
    assert params["state"] == "xyz"
    exchange = {"grant_type": "authorization_code", "code": params["code"], "redirect_uri": callback}
    form = urllib.parse.urlencode({**exchange, "client_id": "cid", "client_secret": "secret"})
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    response, content = http.request(gmail.token_uri, "POST", body=form, headers=headers)
    tokens = json.loads(content)
    assert response.status == 200
    assert tokens["scope"].endswith("gmail.readonly")
    assert tokens["refresh_token"] in gmail.valid_refresh_tokens
    response, content = http.request(gmail.userinfo_url, headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert json.loads(content)["email"] == gmail.email_address
    response, content = http.request(gmail.token_uri, "POST", body=form, headers=headers)
    assert json.loads(content)["error"] == "invalid_grant"  # a code works once
    wrong = urllib.parse.urlencode({**exchange, "client_id": "cid", "client_secret": "nope"})
    response, _ = http.request(gmail.token_uri, "POST", body=wrong, headers=headers)
    assert response.status == 401


def test_it_describes_itself_for_clients(gmail: FakeGmailServer) -> None:
    assert gmail.client_config() == {
        "api_endpoint": gmail.url,
        "token_uri": f"{gmail.url}/token",
        "revoke_uri": f"{gmail.url}/revoke",
    }
    assert gmail.env()["GMAIL_API_ENDPOINT"] == gmail.url


# --- standalone ------------------------------------------------------------------------------------


@pytest.mark.parametrize("module", ["tests.fakes.openai_server", "tests.fakes.gmail_server"])
def test_it_runs_standalone_and_prints_its_url(module: str) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", module, "--port", "0", "--latency", "0.01", "--jitter", "0.005"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", process.stdout.readline())
        assert match, "the first line names the URL"
        if module.endswith("openai_server"):
            with urllib.request.urlopen(f"{match[1]}/v1/models", timeout=5) as response:
                assert json.load(response)["object"] == "list"
        else:
            data = urllib.parse.urlencode({"grant_type": "refresh_token", "refresh_token": "r"}).encode()
            with urllib.request.urlopen(f"{match[1]}/token", data=data, timeout=5) as response:
                assert json.load(response)["access_token"].startswith("ya29.")
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert process.returncode == 0
