"""LLM output limits: max_completion_tokens and maxLength go with every call; long answers stay bounded."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from jobmail.classify.llm import COMPANY_CHARS, JOB_TITLE_CHARS, LLMClassifier
from jobmail.message import parse_message
from processing.classifier import llm_options
from tests.factories import make_email
from tests.fakes.openai_server import FakeOpenAIServer

MESSAGE = parse_message(
    make_email(
        subject="Interview invitation",
        body="We would like to invite you to an interview for the Data Engineer role.",
        sender="Lumen Analytics <jobs@lumen.example>",
    )
)


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


def _answer(**overrides: Any) -> dict[str, Any]:
    return {
        "is_job_related": True,
        "status": "interview",
        "company": "Lumen Analytics",
        "job_title": "Data Engineer",
        "confidence": 0.9,
        "event_at": None,
        **overrides,
    }


def _classifier(server: FakeOpenAIServer, **kwargs: Any) -> LLMClassifier:
    return LLMClassifier(api_key="k", base_url=server.url, model="test-model", timeout=5, **kwargs)


async def test_it_sends_an_output_limit_and_string_max_lengths(server: FakeOpenAIServer) -> None:
    classifier = _classifier(server, max_completion_tokens=120)
    await classifier.classify(MESSAGE)
    await classifier.aclose()
    body = server.requests[0].body
    assert body["max_completion_tokens"] == 120
    properties = body["response_format"]["json_schema"]["schema"]["properties"]
    assert properties["company"]["maxLength"] == COMPANY_CHARS
    assert properties["job_title"]["maxLength"] == JOB_TITLE_CHARS
    assert properties["event_at"]["maxLength"] == 40
    free_strings = [spec for spec in properties.values() if "string" in str(spec["type"]) and "enum" not in spec]
    assert len(free_strings) == 3
    assert all("maxLength" in spec for spec in free_strings)


def test_it_takes_the_output_limit_from_the_settings(settings: Any) -> None:
    settings.LLM_MAX_COMPLETION_TOKENS = 450
    assert llm_options()["max_completion_tokens"] == 450
    assert LLMClassifier(**llm_options()).max_completion_tokens == 450  # type: ignore[arg-type]


async def test_it_reviews_an_answer_that_runs_past_the_output_limit(server: FakeOpenAIServer) -> None:
    # An injected "repeat the company name forever": the server stops at the limit.
    server.responder = lambda body: _answer(company="Lumen " * 2_000)
    classifier = _classifier(server, max_completion_tokens=300)
    result = await classifier.classify(MESSAGE)
    await classifier.aclose()
    assert result.needs_review
    assert result.company == ""
    assert result.reasons == ("the answer was truncated",)
    assert result.llm_calls == 2  # retried once, then left for review
    assert all(r.body["max_completion_tokens"] == 300 for r in server.requests)
    assert result.completion_tokens <= 2 * 300


async def test_it_cuts_strings_longer_than_the_schema_allows(server: FakeOpenAIServer) -> None:
    # A server that does not enforce maxLength, with room for a long answer.
    server.responder = lambda body: _answer(
        company="Northwind " * 100, job_title="Engineer " * 100, event_at="2026-10-01T10:00:00+00:00" + " " * 100
    )
    classifier = _classifier(server, max_completion_tokens=5_000)
    result = await classifier.classify(MESSAGE)
    await classifier.aclose()
    assert not result.needs_review
    assert result.company == ("Northwind " * 100)[:COMPANY_CHARS].strip()
    assert len(result.job_title) <= JOB_TITLE_CHARS
    assert result.event_at is None  # longer than any date-time: ignored, not parsed
