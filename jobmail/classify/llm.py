"""The LLM classifier: OpenAI Chat Completions with a strict JSON schema.

Works with any OpenAI-compatible server (OPENAI_BASE_URL): OpenAI, Ollama, vLLM,
llama.cpp. The user message is the email alone, as untrusted data between
`<email>` tags that the email's own text cannot contain (they are removed from
it), and the answer is validated against the project's status enum and bounded
(max_completion_tokens, maxLength), so an injected instruction cannot produce anything
else. It can still produce a wrong status, company or interview time: that is why the
pages show which address a status came from (docs/SECURITY.md).
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import random
import ssl
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import openai

from jobmail.classify.prompt import system_prompt, user_message
from jobmail.classify.result import Classification
from jobmail.taxonomy import VALUES, Status

if TYPE_CHECKING:
    from jobmail.message import ParsedMessage

logger = logging.getLogger("jobtrail.llm")

#: Longest strings kept from an answer (also the schema's maxLength, which servers that
#: enforce the schema apply while generating; the rest are cut here).
COMPANY_CHARS = 200
JOB_TITLE_CHARS = 300
EVENT_AT_CHARS = 40
#: Default output limit per call: a full answer is under 100 tokens; a model that runs
#: on (an injected "repeat this 10,000 times") is cut here and the email reviewed.
MAX_COMPLETION_TOKENS = 300

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "is_job_related": {"type": "boolean"},
        "status": {"type": "string", "enum": list(VALUES)},
        "company": {
            "type": "string",
            "maxLength": COMPANY_CHARS,
            "description": "Hiring company, without legal suffix; empty if none.",
        },
        "job_title": {
            "type": "string",
            "maxLength": JOB_TITLE_CHARS,
            "description": "Role as named in the email; empty if none.",
        },
        "confidence": {"type": "number", "description": "0 to 1."},
        "event_at": {
            "type": ["string", "null"],
            "maxLength": EVENT_AT_CHARS,
            "description": "ISO 8601 date-time of an interview or assessment deadline named in the email, else null.",
        },
    },
    "required": ["is_job_related", "status", "company", "job_title", "confidence", "event_at"],
    "additionalProperties": False,
}

RESPONSE_FORMAT: dict[str, Any] = {
    "type": "json_schema",
    "json_schema": {"name": "email_classification", "strict": True, "schema": SCHEMA},
}


class MalformedAnswer(Exception):
    """The model's answer is not a valid classification."""


def parse_answer(content: str | None) -> dict[str, Any]:
    if not content:
        raise MalformedAnswer("empty answer")
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise MalformedAnswer(f"invalid JSON: {exc.msg}") from None
    if not isinstance(data, dict):
        raise MalformedAnswer("answer is not an object")
    status = data.get("status")
    if status not in VALUES:
        raise MalformedAnswer(f"status {status!r} is outside the vocabulary")
    confidence = data.get("confidence", 0.0)
    if not isinstance(confidence, int | float) or isinstance(confidence, bool):
        raise MalformedAnswer("confidence is not a number")
    for key in ("company", "job_title"):
        if not isinstance(data.get(key, ""), str):
            raise MalformedAnswer(f"{key} is not a string")
    return data


def _event_at(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value or len(value) > EVENT_AT_CHARS:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _retry_after(exc: openai.APIStatusError) -> float | None:
    value = exc.response.headers.get("retry-after") if exc.response is not None else None
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


@functools.cache
def shared_tls_context() -> ssl.SSLContext:
    """The TLS context of every LLM client of the process, built once.

    The HTTP client's default builds a new one per client, loading the CA bundle each
    time: about 140 ms of CPU for every run's client, which on a small server competes
    with the event loop and the worker processes. A context is meant to be shared
    (connections only read it). The same defaults as the client's own (CA bundle,
    SSL_CERT_FILE / SSL_CERT_DIR honoured).
    """
    import httpx2  # openai's HTTP client

    return httpx2.create_ssl_context()


class LLMClassifier:
    """Classifies one email with one Chat Completions call (two for a malformed answer).

    The caller passes the endpoint, model and limits (the app reads them from its
    settings); an empty api_key or base_url means a local server that needs none, or
    OpenAI's default URL.
    """

    def __init__(
        self,
        *,
        api_key: str = "",
        base_url: str = "",
        model: str = "gpt-4o-mini",
        timeout: float = 60.0,
        max_attempts: int = 5,
        max_backoff: float = 60.0,
        base_backoff: float = 1.0,
        budget_tokens: int = 1500,
        max_completion_tokens: int = MAX_COMPLETION_TOKENS,
    ) -> None:
        self.model = model
        self.max_attempts = max_attempts
        self.max_backoff = max_backoff
        self.base_backoff = base_backoff
        self.budget_tokens = budget_tokens
        self.max_completion_tokens = max_completion_tokens
        # max_retries=0: retries are ours, so that each attempt passes a cancel
        # checkpoint and back-off sleeps are cancellable asyncio sleeps.
        self.client = openai.AsyncOpenAI(
            api_key=api_key or "not-needed",
            base_url=base_url or None,
            timeout=timeout,
            max_retries=0,
            http_client=openai.DefaultAsyncHttpxClient(verify=shared_tls_context()),
        )
        self._system = system_prompt()

    def build_messages(self, message: ParsedMessage, thread: str = "") -> list[dict[str, str]]:
        return self._messages(user_message(message, self.budget_tokens, thread))

    def _messages(self, prompt: str) -> list[dict[str, str]]:
        return [{"role": "system", "content": self._system}, {"role": "user", "content": prompt}]

    async def _create(self, messages: list[dict[str, str]], checkpoint: Callable[[], None]) -> Any:
        delay = self.base_backoff
        for attempt in range(1, self.max_attempts + 1):
            checkpoint()
            try:
                return await self.client.chat.completions.create(  # type: ignore[call-overload]
                    model=self.model,
                    messages=messages,  # type: ignore[arg-type]
                    response_format=RESPONSE_FORMAT,  # type: ignore[arg-type]
                    max_completion_tokens=self.max_completion_tokens,
                    temperature=0,
                )
            except (openai.RateLimitError, openai.InternalServerError) as exc:
                if attempt == self.max_attempts:
                    raise
                wait = _retry_after(exc)
                if wait is not None and wait > self.max_backoff:
                    # The server asks for longer than a run may stall (a spent quota): give
                    # up on this email now (it is kept for review) rather than hold the run.
                    raise
                wait = min(self.max_backoff, wait if wait is not None else delay * (1 + random.random()))
                logger.info("LLM answered %s; retrying in %.1fs", exc.status_code, wait)
            except (openai.APITimeoutError, openai.APIConnectionError):
                if attempt == self.max_attempts:
                    raise
                wait = min(self.max_backoff, delay * (1 + random.random()))
            await asyncio.sleep(wait)  # a cancel checkpoint: task.cancel() lands here
            delay *= 2
        raise AssertionError("unreachable")

    async def classify(
        self, message: ParsedMessage, checkpoint: Callable[[], None] = lambda: None, thread: str = ""
    ) -> Classification:
        """thread: the application of the email's thread so far (see `thread_note`)."""
        return await self.classify_prompt(user_message(message, self.budget_tokens, thread), checkpoint)

    async def classify_prompt(self, prompt: str, checkpoint: Callable[[], None] = lambda: None) -> Classification:
        """Classify from the user message `user_message()` built (in a worker process, for runs)."""
        messages = self._messages(prompt)
        prompt_tokens = completion_tokens = calls = 0
        problem = ""
        for _ in range(2):  # a malformed answer is retried once
            response = await self._create(messages, checkpoint)
            calls += 1
            if response.usage is not None:
                prompt_tokens += response.usage.prompt_tokens or 0
                completion_tokens += response.usage.completion_tokens or 0
            choice = response.choices[0] if response.choices else None
            try:
                if choice is None:
                    raise MalformedAnswer("no choices")
                if getattr(choice.message, "refusal", None):
                    raise MalformedAnswer("the model refused")
                if choice.finish_reason == "length":
                    raise MalformedAnswer("the answer was truncated")
                data = parse_answer(choice.message.content)
            except MalformedAnswer as exc:
                problem = str(exc)
                continue
            status = data["status"]
            return Classification(
                status=status,
                is_job_related=status != Status.NOT_JOB,
                company=data.get("company", "")[:COMPANY_CHARS].strip(),
                job_title=data.get("job_title", "")[:JOB_TITLE_CHARS].strip(),
                confidence=max(0.0, min(1.0, float(data["confidence"]))),
                event_at=_event_at(data.get("event_at")),
                classifier="llm",
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                llm_calls=calls,
            )
        logger.warning("LLM answer unusable after a retry: %s", problem)
        return Classification(
            status=Status.OTHER_JOB,
            is_job_related=True,
            needs_review=True,
            classifier="llm",
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            llm_calls=calls,
            reasons=(problem,),
        )

    async def aclose(self) -> None:
        await self.client.close()
