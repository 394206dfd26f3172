"""A loopback OpenAI Chat Completions API for tests and benchmarks.

    with FakeOpenAIServer(latency=0.4, jitter=0.05) as llm:
        client = openai.AsyncOpenAI(base_url=llm.url, api_key="test", max_retries=0)

The default answer comes from a keyword classifier over the last user message and
fits whatever `response_format` JSON schema the request carries, so the caller's own
schema and parser are exercised. An answer longer than the request's
`max_completion_tokens` (or legacy `max_tokens`), at four characters a token, is cut
there with finish_reason "length", as OpenAI does. Faults (`Fault.status(429)`, `Fault.refusal()`, ...)
are queued with `enqueue` and consumed one per request, in arrival order.

Standalone, for a manual session against a separate daphne process:

    python -m tests.fakes.openai_server --port 8911 --latency 0.4 --jitter 0.05
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tests.fakes.common import (
    Exchange,
    Fault,
    Incoming,
    LoopbackServer,
    Reply,
    RequestRecord,
    cli_parser,
    json_reply,
    serve_until_interrupted,
)

__all__ = ["ChatRequest", "FakeOpenAIServer", "Fault", "classify_text", "default_responder", "schema_answer"]

#: A responder gets the request body; a dict is sent as JSON content, a str as is.
Responder = Callable[[dict[str, Any]], "dict[str, Any] | str"]

#: First match wins, so a rejection that mentions the interview stays a rejection.
KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rejected", ("unfortunately", "leider", "not to move forward", "regret to inform", "other candidates")),
    ("interview", ("interview",)),
    ("assessment", ("assessment", "coding challenge", "hackerrank")),
    ("offer", ("offer",)),
    ("applied", ("received your application", "thank you for applying", "thanks for applying")),
)
NOT_JOB = "not_job"
OFF_SCHEMA_STATUS = "definitely_not_a_status"
DEFAULT_NUMBER = 0.8

_CHAT_PATH = re.compile(r"^(?:/v1)?/chat/completions/?$")
_MODELS_PATH = re.compile(r"^(?:/v1)?/models(?:/(?P<model>[^/]+))?/?$")

_ERRORS: dict[int, tuple[str, str | None, str]] = {
    400: ("invalid_request_error", None, "Invalid request."),
    401: ("invalid_request_error", "invalid_api_key", "Incorrect API key provided."),
    403: ("invalid_request_error", "unsupported_country_region_territory", "Request not allowed."),
    404: ("invalid_request_error", "unknown_url", "Unknown request URL."),
    429: ("requests", "rate_limit_exceeded", "Rate limit reached for requests. Please try again later."),
    500: ("server_error", None, "The server had an error while processing your request. Sorry about that!"),
    503: ("server_error", None, "The engine is currently overloaded, please try again later."),
}


def openai_error(status: int, message: str | None = None) -> dict[str, Any]:
    """An error body in OpenAI's format: {"error": {message, type, param, code}}."""
    kind, code, default = _ERRORS.get(status, ("server_error" if status >= 500 else "invalid_request_error", None, ""))
    return {"error": {"message": message or default or f"HTTP {status}", "type": kind, "param": None, "code": code}}


# --- the toy classifier ------------------------------------------------------------------


def message_text(content: Any) -> str:
    """The text of a message's content: a string, or a list of parts with "text"."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return ""


def last_user_text(body: Mapping[str, Any]) -> str:
    for message in reversed(body.get("messages") or []):
        if isinstance(message, dict) and message.get("role") == "user":
            return message_text(message.get("content"))
    return ""


def classify_text(text: str) -> str:
    lowered = text.lower()
    for label, keywords in KEYWORDS:
        if any(keyword in lowered for keyword in keywords):
            return label
    return NOT_JOB


def schema_answer(
    schema: Mapping[str, Any], label: str, *, root: Mapping[str, Any] | None = None, name: str = ""
) -> Any:
    """A value valid for `schema`, whatever its properties: enums get `label` when it is allowed.

    Strings are "", numbers 0.8, integers 1, nullable values null, booleans say whether
    `label` is job-related when the property's name mentions "job" (else false).
    """
    root = root if root is not None else schema
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        return schema_answer(target, label, root=root, name=name)
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list):
        values = schema["enum"]
        return label if label in values else next((value for value in values if value is not None), None)
    for key in ("anyOf", "oneOf", "allOf"):
        options = schema.get(key)
        if isinstance(options, list) and options:
            if key != "allOf" and any(_is_null_schema(option) for option in options):
                return None
            return schema_answer(options[0], label, root=root, name=name)
    kind = schema.get("type")
    if isinstance(kind, list):
        if "null" in kind:
            return None
        kind = kind[0] if kind else None
    if kind == "object" or (kind is None and "properties" in schema):
        properties = schema.get("properties") or {}
        return {key: schema_answer(sub, label, root=root, name=key) for key, sub in properties.items()}
    if kind == "array":
        items = schema.get("items") or {}
        return [schema_answer(items, label, root=root, name=name) for _ in range(int(schema.get("minItems") or 0))]
    if kind == "string":
        return "x" * int(schema.get("minLength") or 0)
    if kind in ("number", "integer"):
        value: float = DEFAULT_NUMBER if kind == "number" else 1
        if "minimum" in schema:
            value = max(value, schema["minimum"])
        if "maximum" in schema:
            value = min(value, schema["maximum"])
        return value
    if kind == "boolean":
        return "job" in name.lower() and label != NOT_JOB
    return None


def _is_null_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and (schema.get("type") == "null" or schema.get("const", 0) is None)


def response_schema(body: Mapping[str, Any]) -> Mapping[str, Any] | None:
    response_format = body.get("response_format")
    if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
        schema = (response_format.get("json_schema") or {}).get("schema")
        return schema if isinstance(schema, dict) else {"type": "object"}
    return None


def default_responder(body: dict[str, Any]) -> dict[str, Any] | str:
    """Keyword-classify the last user message; shape the answer like the requested format."""
    label = classify_text(last_user_text(body))
    schema = response_schema(body)
    if schema is not None:
        answer = schema_answer(schema, label)
        return answer if isinstance(answer, dict) else json.dumps(answer)
    response_format = body.get("response_format")
    if isinstance(response_format, dict) and response_format.get("type") == "json_object":
        return {"status": label, "is_job_related": label != NOT_JOB, "confidence": DEFAULT_NUMBER}
    return label


# --- the server -------------------------------------------------------------------------------


@dataclass
class ChatRequest(RequestRecord):
    #: The parsed JSON body (None when it was not JSON).
    body: Any = None


class FakeOpenAIServer(LoopbackServer[ChatRequest]):
    """OpenAI's Chat Completions API (plus GET /v1/models) on 127.0.0.1."""

    title = "Fake OpenAI API"

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        latency: float = 0.0,
        jitter: float = 0.0,
        responder: Responder | None = None,
        error_rate: float = 0.0,
        rate_limit_retry_after: float | None = None,
        model: str = "gpt-4o-mini",
        api_key: str | None = None,
        seed: int | None = 0,
        verbose: bool = False,
    ) -> None:
        super().__init__(host=host, port=port, latency=latency, jitter=jitter, seed=seed, verbose=verbose)
        self.responder: Responder = responder or default_responder
        #: Probability that a request without a scripted fault gets a 429.
        self.error_rate = error_rate
        #: Sent as Retry-After with the random 429s, when set.
        self.rate_limit_retry_after = rate_limit_retry_after
        self.model = model
        #: When set, requests must carry "Authorization: Bearer <api_key>" (else 401).
        self.api_key = api_key
        self._faults: deque[Fault] = deque()
        self._ids = itertools.count(1)

    @property
    def url(self) -> str:
        """The base_url for openai clients (ends in /v1)."""
        return f"{self.root_url}/v1"

    def env(self) -> dict[str, str]:
        """Environment variables pointing Jobtrail at this server."""
        return {"OPENAI_BASE_URL": self.url, "OPENAI_API_KEY": self.api_key or "test-key", "CLASSIFIER": "llm"}

    # --- faults and the log ---------------------------------------------------------------

    def enqueue(self, *faults: Fault) -> None:
        """Queue faults; each following request consumes one, first in first out."""
        with self._lock:
            self._faults.extend(faults)

    @property
    def pending_faults(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    def reset(self) -> None:
        """Forget the request log and any queued faults (settings such as latency stay)."""
        with self._lock:
            self._faults.clear()
            self.reset_log()

    def completed(self) -> list[ChatRequest]:
        """Chat requests answered with 200."""
        return [r for r in self.requests if r.status_code == 200 and _CHAT_PATH.match(r.path)]

    # --- handling --------------------------------------------------------------------------

    def new_record(self, incoming: Incoming, started_at: float) -> ChatRequest:
        try:
            body = json.loads(incoming.body) if incoming.body else None
        except ValueError:
            body = None
        return ChatRequest(method=incoming.method, path=incoming.path, started_at=started_at, body=body)

    def handle(self, incoming: Incoming, exchange: Exchange, record: ChatRequest) -> Reply | None:
        is_chat = incoming.method == "POST" and bool(_CHAT_PATH.match(incoming.path))
        fault: Fault | None = None
        if is_chat:
            # Taken on arrival, so faults go to requests in the order they came in.
            with self._lock:
                fault = self._faults.popleft() if self._faults else None
            if fault is None and self.error_rate and self.rng.random() < self.error_rate:
                retry = self.rate_limit_retry_after
                fault = Fault.status(429, headers={"Retry-After": f"{retry:g}"} if retry is not None else None)
            if fault is not None:
                self.update(record, fault=fault.name)
        seconds = fault.seconds if fault is not None and fault.kind == "hang" else self.delay()
        if not exchange.wait(seconds):
            return None
        if fault is not None and fault.kind == "disconnect":
            return None
        if self.api_key is not None and incoming.bearer_token() != self.api_key:
            return json_reply(401, openai_error(401))
        if is_chat:
            return self._chat(incoming, record, fault, seconds)
        models = _MODELS_PATH.match(incoming.path)
        if incoming.method == "GET" and models:
            if models["model"]:
                return json_reply(200, self._model(models["model"]))
            return json_reply(200, {"object": "list", "data": [self._model(self.model)]})
        return json_reply(404, openai_error(404, f"Unknown request URL: {incoming.method} {incoming.path}."))

    def _model(self, name: str) -> dict[str, Any]:
        return {"id": name, "object": "model", "created": 1_700_000_000, "owned_by": "jobtrail-fake"}

    def _chat(self, incoming: Incoming, record: ChatRequest, fault: Fault | None, seconds: float) -> Reply:
        body = record.body
        if not isinstance(body, dict):
            return json_reply(400, openai_error(400, "We could not parse the JSON body of your request."))
        if not isinstance(body.get("messages"), list) or not body.get("model"):
            return json_reply(400, openai_error(400, "'model' and 'messages' are required properties."))
        if body.get("stream"):
            return json_reply(400, openai_error(400, "The fake OpenAI server does not stream; send stream=false."))
        if fault is not None and fault.kind == "status":
            return _fault_reply(fault)
        try:
            answer = self.responder(body)
        except Exception as exc:  # a broken test responder: say so in the answer, not just in a thread
            return json_reply(500, openai_error(500, f"responder failed: {exc!r}"))
        content: str | None = answer if isinstance(answer, str) else json.dumps(answer)
        refusal: str | None = None
        finish_reason = "stop"
        if fault is not None:
            if fault.kind == "refusal":
                content, refusal = None, fault.text
            elif fault.kind == "length":
                content, finish_reason = (content or "")[: max(1, len(content or "") // 2)], "length"
            elif fault.kind == "invalid_json":
                content = "not json{"
            elif fault.kind == "off_schema":
                data = answer if isinstance(answer, dict) else {}
                content = json.dumps({**data, "status": OFF_SCHEMA_STATUS})
        limit = body.get("max_completion_tokens", body.get("max_tokens"))
        if isinstance(limit, int) and not isinstance(limit, bool) and content is not None:
            if limit < 1:
                return json_reply(400, openai_error(400, "max_completion_tokens must be at least 1."))
            if len(content) > limit * 4:
                content, finish_reason = content[: limit * 4], "length"
        completion = {
            "id": f"chatcmpl-fake{next(self._ids):010d}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": str(body["model"]),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": refusal, "annotations": []},
                    "logprobs": None,
                    "finish_reason": finish_reason,
                }
            ],
            "usage": _usage(body["messages"], content or refusal or ""),
            "service_tier": "default",
            "system_fingerprint": "fp_jobtrail_fake",
        }
        headers = {"x-request-id": f"req_{completion['id']}", "openai-processing-ms": str(int(seconds * 1000))}
        return json_reply(200, completion, headers)


def _usage(messages: Sequence[Any], answer: str) -> dict[str, Any]:
    # About four characters per token, like OpenAI's rule of thumb.
    text = sum(len(message_text(m.get("content"))) for m in messages if isinstance(m, dict))
    prompt, completion = max(1, text // 4), max(1, len(answer) // 4)
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0},
    }


def _fault_reply(fault: Fault) -> Reply:
    headers = dict(fault.headers)
    if fault.body is None:
        return json_reply(fault.status_code, openai_error(fault.status_code), headers)
    if isinstance(fault.body, bytes | str):
        data = fault.body.encode() if isinstance(fault.body, str) else fault.body
        return Reply(fault.status_code, data, headers=list(headers.items()))
    return json_reply(fault.status_code, fault.body, headers)


def main(argv: Sequence[str] | None = None) -> None:
    parser = cli_parser("Run the fake OpenAI Chat Completions API.", default_port=8911)
    parser.add_argument("--error-rate", type=float, default=0.0, help="probability of a 429 per request")
    parser.add_argument("--model", default="gpt-4o-mini")
    parser.add_argument("--api-key", default=None, help="require this key (default: accept any)")
    args = parser.parse_args(argv)
    server = FakeOpenAIServer(
        host=args.host,
        port=args.port,
        latency=args.latency,
        jitter=args.jitter,
        error_rate=args.error_rate,
        model=args.model,
        api_key=args.api_key,
        seed=args.seed,
        verbose=args.verbose,
    )
    serve_until_interrupted(server, lambda: server.env())


if __name__ == "__main__":
    main()
