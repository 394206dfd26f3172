"""A loopback Gmail API (REST v1 + multipart batch) with Google's OAuth endpoints.

    with FakeGmailServer() as gmail:
        gmail.add_message(raw_bytes)
        creds = Credentials(None, refresh_token="r", token_uri=gmail.token_uri, client_id="c", client_secret="s")
        service = build("gmail", "v1", credentials=creds, client_options={"api_endpoint": gmail.url},
                        static_discovery=True, cache_discovery=False)

Served paths (all on one port):

    GET  /gmail/v1/users/me/profile | messages | messages/{id} | history
    GET  /gmail/v1/users/me/messages/{id}/attachments/{attachmentId}
    POST /batch/gmail/v1  (also /batch)       multipart/mixed, ≤ 100 parts
    POST /token                               refresh_token and authorization_code grants
    POST /revoke                              token in the form or the query
    GET  /o/oauth2/v2/auth                    consents at once: 302 to redirect_uri with a code
    GET  /oauth2/v3/userinfo                  the account behind an access token

Every Gmail call needs "Authorization: Bearer <token>" issued by /token and still valid
(`accept_any_token=True` turns that off). messages.list understands only these query
terms: after:/before: (YYYY/MM/DD in `query_timezone`, or epoch seconds), in:sent,
-in:sent and -from:me (both meaning "without the SENT label"), larger:/smaller: (bytes of
the raw message, or with a K or M suffix). Every other term, and any query with a
top-level OR, is recorded in `list_queries` but does not filter.

With `quota_units_per_second` set, the per-user quota is enforced as a token bucket
holding at most `quota_burst_units` (default: one second's worth): every call, and every
part of a batch, costs its quota units (messages.get/list 5, history.list 2, getProfile 1)
and is answered 429 rateLimitExceeded when the bucket lacks them, as Google does.

messages.get answers every format. In format=full a part with a filename (an
attachment) carries body.attachmentId and body.size instead of body.data, as Gmail's
do; set `inline_body_limit` to also send larger bodies that way. sizeEstimate is the
raw message's length.

Standalone, for a manual session against a separate daphne process:

    python -m tests.fakes.gmail_server --port 8912 --latency 0.1 --eml-dir processing/demo/mailbox
"""

from __future__ import annotations

import base64
import email.header
import email.parser
import email.utils
import html
import itertools
import re
import time
import urllib.parse
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from email.message import EmailMessage, Message
from pathlib import Path
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
    reason_phrase,
    serve_until_interrupted,
)

__all__ = ["FakeGmailServer", "Fault", "GmailQuery", "GmailRequest", "StoredMessage", "google_error"]

GMAIL_SCOPE = "https://www.googleapis.com/auth/gmail.readonly"
DEFAULT_SCOPE = " ".join(
    [
        "openid",
        "https://www.googleapis.com/auth/userinfo.email",
        "https://www.googleapis.com/auth/userinfo.profile",
        GMAIL_SCOPE,
    ]
)
MAX_BATCH_PARTS = 100
MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 100
#: Kinds of request a Fault without an explicit kind applies to (OAuth endpoints excluded).
API_KINDS = frozenset({"list", "get", "batch", "history", "profile", "attachment"})

#: Reads one query parameter of the request being served.
Param = Callable[[str], str | None]

_GMAIL_PATH = re.compile(r"^/gmail/v1/users/(?P<user>[^/]+)/(?P<rest>.*?)/?$")
_DATE_TERM = re.compile(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$")
_KINDS_BY_PATH = {
    "/batch/gmail/v1": "batch",
    "/batch": "batch",
    "/token": "token",
    "/o/oauth2/token": "token",
    "/revoke": "revoke",
    "/o/oauth2/revoke": "revoke",
    "/o/oauth2/v2/auth": "authorize",
    "/o/oauth2/auth": "authorize",
    "/oauth2/v3/userinfo": "userinfo",
    "/oauth2/v2/userinfo": "userinfo",
}

_GOOGLE_ERRORS: dict[int, tuple[str, str, str, str]] = {
    400: ("Invalid request.", "badRequest", "INVALID_ARGUMENT", "global"),
    401: (
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other "
        "valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        "authError",
        "UNAUTHENTICATED",
        "global",
    ),
    # Gmail answers its per-user rate limit with 403 as often as with 429.
    403: ("User-rate limit exceeded.", "userRateLimitExceeded", "PERMISSION_DENIED", "usageLimits"),
    404: ("Requested entity was not found.", "notFound", "NOT_FOUND", "global"),
    429: ("Too many concurrent requests for user.", "rateLimitExceeded", "RESOURCE_EXHAUSTED", "usageLimits"),
    500: ("Internal error encountered.", "backendError", "INTERNAL", "global"),
    503: ("The service is currently unavailable.", "backendError", "UNAVAILABLE", "global"),
}


def google_error(status: int, message: str | None = None, reason: str | None = None) -> dict[str, Any]:
    """An error body in Google's JSON format ({"error": {code, message, errors: [...], status}})."""
    default, default_reason, status_name, domain = _GOOGLE_ERRORS.get(
        status, ("Backend error." if status >= 500 else "Request failed.", "backendError", "UNKNOWN", "global")
    )
    text = message or default
    item: dict[str, Any] = {"message": text, "domain": domain, "reason": reason or default_reason}
    if status == 401:
        item.update(location="Authorization", locationType="header")
    return {"error": {"code": status, "message": text, "errors": [item], "status": status_name}}


def _google_reply(status: int, message: str | None = None, reason: str | None = None, **headers: str) -> Reply:
    extra = dict(headers)
    if status == 401:
        extra.setdefault("WWW-Authenticate", 'Bearer realm="https://accounts.google.com/", error="invalid_token"')
    return json_reply(status, google_error(status, message, reason), extra)


def _oauth_error(status: int, error: str, description: str) -> Reply:
    return json_reply(status, {"error": error, "error_description": description})


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


# --- the mailbox ----------------------------------------------------------------------------------


@dataclass
class StoredMessage:
    id: str
    thread_id: str
    raw: bytes
    internal_date_ms: int
    label_ids: tuple[str, ...]
    history_id: int
    seq: int
    deleted: bool = False
    cached_snippet: str | None = field(default=None, repr=False)

    @property
    def snippet(self) -> str:
        # Computed on first use: adding thousands of messages stays fast.
        if self.cached_snippet is None:
            self.cached_snippet = _snippet(self.raw)
        return self.cached_snippet

    def resource(self) -> dict[str, Any]:
        """The fields every format shares."""
        return {
            "id": self.id,
            "threadId": self.thread_id,
            "labelIds": list(self.label_ids),
            "snippet": self.snippet,
            "sizeEstimate": len(self.raw),
            "historyId": str(self.history_id),
            "internalDate": str(self.internal_date_ms),
        }


@dataclass(frozen=True)
class GmailQuery:
    """The part of a Gmail search query the fake applies; seconds are Unix seconds."""

    after: int | None = None  # keep messages whose second >= after
    before: int | None = None  # keep messages whose second < before
    sent: bool | None = None  # True: only SENT; False: no SENT; None: either
    larger: int | None = None  # keep messages of more bytes than this
    smaller: int | None = None  # keep messages of fewer bytes than this
    ignored: tuple[str, ...] = ()

    @classmethod
    def parse(cls, query: str, timezone: tzinfo = UTC) -> GmailQuery:
        terms = _top_level_terms(query)
        if any(term.upper() == "OR" for term in terms):
            return cls(ignored=tuple(terms))
        after: int | None = None
        before: int | None = None
        sent: bool | None = None
        sizes: dict[str, int] = {}
        ignored: list[str] = []
        for term in terms:
            lowered = term.lower()
            operator, _, value = lowered.partition(":")
            if operator in ("after", "before") and (moment := _query_seconds(value, operator, timezone)) is not None:
                if operator == "after":
                    after = moment if after is None else max(after, moment)
                else:
                    before = moment if before is None else min(before, moment)
            elif lowered in ("-in:sent", "-from:me"):
                sent = False
            elif lowered == "in:sent":
                sent = True
            elif operator in ("larger", "smaller") and (size := _query_bytes(value)) is not None:
                sizes[operator] = size
            else:
                ignored.append(term)
        return cls(
            after=after,
            before=before,
            sent=sent,
            larger=sizes.get("larger"),
            smaller=sizes.get("smaller"),
            ignored=tuple(ignored),
        )

    def matches(self, message: StoredMessage) -> bool:
        second = message.internal_date_ms // 1000
        if self.after is not None and second < self.after:
            return False
        if self.before is not None and second >= self.before:
            return False
        if self.larger is not None and len(message.raw) <= self.larger:
            return False
        if self.smaller is not None and len(message.raw) >= self.smaller:
            return False
        return self.sent is None or self.sent == ("SENT" in message.label_ids)


def _quota_units(rest: str) -> int:
    """Quota units of a Gmail call, by its path under users/{user}/."""
    if rest == "profile":
        return 1
    if rest == "history":
        return 2
    return 5


def _query_bytes(value: str) -> int | None:
    match = re.fullmatch(r"(\d{1,12})([km]?)", value)
    if not match:
        return None
    return int(match[1]) * {"": 1, "k": 1024, "m": 1024 * 1024}[match[2]]


def _query_seconds(value: str, operator: str, timezone: tzinfo) -> int | None:
    if value.isdigit():
        # Epoch seconds are exclusive for after: ("after:N" starts at second N + 1).
        return int(value) + 1 if operator == "after" else int(value)
    match = _DATE_TERM.match(value)
    if not match:
        return None
    year, month, day = (int(group) for group in match.groups())
    try:
        # A date means its midnight: after: includes the day, before: excludes it.
        return int(datetime(year, month, day, tzinfo=timezone).timestamp())
    except ValueError:
        return None


def _top_level_terms(query: str) -> list[str]:
    """Split on whitespace outside quotes and parentheses: `(a OR b) -in:sent` is two terms."""
    terms: list[str] = []
    current: list[str] = []
    depth = 0
    quoted = False
    for char in query:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "({":
            depth += 1
        elif not quoted and char in ")}":
            depth = max(0, depth - 1)
        if char.isspace() and not quoted and depth == 0:
            if current:
                terms.append("".join(current))
                current = []
            continue
        current.append(char)
    if current:
        terms.append("".join(current))
    return terms


def _header_value(value: str) -> str:
    unfolded = re.sub(r"\r?\n(?=[ \t])", "", str(value))
    try:
        return str(email.header.make_header(email.header.decode_header(unfolded)))
    except (ValueError, LookupError, UnicodeError):
        return unfolded


def _snippet(raw: bytes) -> str:
    # compat32 parsing: the modern email policy is ten times slower, which shows when a
    # benchmark fills the mailbox with thousands of messages.
    try:
        message = email.message_from_bytes(raw)
        parts = [part for part in message.walk() if not part.is_multipart()]
        part = next((p for p in parts if p.get_content_type() == "text/plain"), None)
        part = part or next((p for p in parts if p.get_content_type() == "text/html"), None)
        if part is None:
            return ""
        data = part.get_payload(decode=True)
        text = data.decode(part.get_content_charset() or "utf-8", "replace") if isinstance(data, bytes) else ""
    except (LookupError, ValueError):  # malformed mail still gets stored, with no snippet
        return ""
    if part.get_content_type() == "text/html":
        text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(html.unescape(text).split())[:200]
    # Gmail's snippets are HTML-escaped, with &#39; for apostrophes.
    return html.escape(text).replace("&#x27;", "&#39;")


def _attachment_id(msg_id: str, part_id: str) -> str:
    # Opaque to clients, as Gmail's are; it names the message and the part.
    return "ANGjdJ" + _b64url(f"{msg_id}/{part_id}".encode()).rstrip("=")


def _attachment_part(value: str) -> tuple[str, str] | None:
    """(message id, part id) named by an attachment id, or None."""
    if not value.startswith("ANGjdJ"):
        return None
    encoded = value[len("ANGjdJ") :]
    try:
        decoded = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    msg_id, slash, part_id = decoded.rpartition("/")
    return (msg_id, part_id) if slash else None


def _payload(
    part: Message,
    part_id: str,
    *,
    bodies: bool,
    only_headers: set[str] | None,
    msg_id: str = "",
    inline_limit: int | None = None,
) -> dict[str, Any]:
    headers = [
        {"name": name, "value": _header_value(value)}
        for name, value in part.items()
        if only_headers is None or name.lower() in only_headers
    ]
    node: dict[str, Any] = {
        "partId": part_id,
        "mimeType": part.get_content_type(),
        "filename": part.get_filename() or "",
        "headers": headers,
    }
    if part.is_multipart():
        node["body"] = {"size": 0}
        if bodies:
            children = part.get_payload()
            assert isinstance(children, list)
            node["parts"] = [
                _payload(
                    child,
                    f"{part_id}.{index}" if part_id else str(index),
                    bodies=bodies,
                    only_headers=None,
                    msg_id=msg_id,
                    inline_limit=inline_limit,
                )
                for index, child in enumerate(children)
            ]
        return node
    data = part.get_payload(decode=True)
    data = data if isinstance(data, bytes) else b""
    if not bodies or not data:
        node["body"] = {"size": len(data)}
    elif node["filename"] or (inline_limit is not None and len(data) > inline_limit):
        # Attachments (and, past inline_limit, any large body) are not sent inline:
        # body.attachmentId names them for users.messages.attachments.get.
        node["body"] = {"attachmentId": _attachment_id(msg_id, part_id), "size": len(data)}
    else:
        node["body"] = {"size": len(data), "data": _b64url(data)}
    return node


def _find_part(message: Message, part_id: str) -> Message | None:
    """The part of a message with this Gmail partId ("" the message, "1.0" the first child of the second)."""
    part = message
    for step in part_id.split(".") if part_id else []:
        children = part.get_payload() if part.is_multipart() else None
        if not isinstance(children, list) or not step.isdigit() or int(step) >= len(children):
            return None
        child = children[int(step)]
        if not isinstance(child, Message):
            return None
        part = child
    return part


def _internal_date_from_header(raw: bytes) -> int | None:
    headers = email.parser.BytesHeaderParser().parsebytes(raw)
    value = headers.get("Date")
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


# --- the request log -----------------------------------------------------------------------------


@dataclass
class GmailRequest(RequestRecord):
    #: list, get, batch, history, profile, token, revoke, authorize, userinfo or other.
    kind: str = "other"
    #: Query parameters (the last value of each).
    query: dict[str, str] = field(default_factory=dict)
    is_batch: bool = False
    batch_parts: int = 0
    #: The status of each batch part, in order.
    part_statuses: list[int] = field(default_factory=list)
    #: Messages asked for by a get or by the parts of a batch.
    message_ids: list[str] = field(default_factory=list)
    #: The format of each of those gets ("raw", "full", "metadata", "minimal").
    formats: list[str] = field(default_factory=list)
    #: The form of a token or revoke request.
    form: dict[str, str] = field(default_factory=dict)


@dataclass
class _AccessToken:
    refresh_token: str | None
    expires_at: float
    revoked: bool = False


@dataclass
class _Code:
    scope: str
    offline: bool
    redirect_uri: str


@dataclass
class _Part:
    content_id: str
    method: str
    target: str
    headers: dict[str, str]


# --- the server ------------------------------------------------------------------------------------


class FakeGmailServer(LoopbackServer[GmailRequest]):
    """Gmail REST v1, Google's batch endpoint and OAuth endpoints, over an in-memory mailbox."""

    title = "Fake Gmail API"

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        latency: float = 0.0,
        jitter: float = 0.0,
        seed: int | None = 0,
        email_address: str = "me@example.com",
        token_lifetime: float = 3600.0,
        accept_any_token: bool = False,
        strict_refresh_tokens: bool = False,
        client_id: str | None = None,
        client_secret: str | None = None,
        scope: str = DEFAULT_SCOPE,
        part_fault_rate: float = 0.0,
        part_retry_after: str | None = None,
        batch_part_latency: float = 0.0,
        quota_units_per_second: float | None = None,
        quota_burst_units: float | None = None,
        verbose: bool = False,
    ) -> None:
        super().__init__(host=host, port=port, latency=latency, jitter=jitter, seed=seed, verbose=verbose)
        self.email_address = email_address
        self.user_name = "Fake Gmail User"
        self.user_sub = "100000000000000000001"
        #: Seconds an access token lives (its expires_in; the server enforces it too).
        self.token_lifetime = token_lifetime
        #: Any bearer token, or none at all, is accepted by the Gmail endpoints.
        self.accept_any_token = accept_any_token
        #: Refresh tokens (and codes) must be known: issued here or in valid_refresh_tokens.
        self.strict_refresh_tokens = strict_refresh_tokens
        #: When set, /token and /o/oauth2/v2/auth check the OAuth client.
        self.client_id = client_id
        self.client_secret = client_secret
        #: The scope reported for grants (a code's own requested scope wins unless granted_scope is set).
        self.scope = scope
        #: Overrides what the consent screen grants (e.g. without gmail.readonly: the user unticked it).
        self.granted_scope: str | None = None
        #: Makes the consent screen redirect with ?error=<this> (e.g. "access_denied").
        self.authorize_error: str | None = None
        #: Whether a code exchange returns a refresh token (when access_type=offline was asked).
        self.issue_refresh_tokens = True
        #: Returned as id_token by /token when set (allauth verifies it; leave unset to use userinfo).
        self.id_token: str | None = None
        self.valid_refresh_tokens: set[str] = set()
        self.revoked_tokens: set[str] = set()
        #: Probability that a batch part answers with one of part_fault_statuses instead.
        self.part_fault_rate = part_fault_rate
        self.part_fault_statuses: tuple[int, ...] = (429, 500)
        #: Retry-After value sent on 429 parts (random and scripted), when set.
        self.part_retry_after = part_retry_after
        #: Extra seconds per part of a batch, on top of the request's latency.
        self.batch_part_latency = batch_part_latency
        #: In format=full, bodies larger than this (bytes) also come as attachmentId references.
        self.inline_body_limit: int | None = None
        #: How after:/before: dates are read (Gmail uses the mailbox's time zone).
        self.query_timezone: tzinfo = UTC
        #: history.list with an older startHistoryId answers 404, as Gmail does after about a week.
        self.min_history_id = 0
        #: Every q of messages.list, in order.
        self.list_queries: list[str] = []
        #: The per-user quota, enforced when set (see the module's docstring).
        self.quota_units_per_second = quota_units_per_second
        self.quota_burst_units = quota_burst_units
        self._quota_tokens: float | None = None
        self._quota_stamp = 0.0

        self._messages: dict[str, StoredMessage] = {}
        self._ordered: list[StoredMessage] | None = None
        self._history: list[tuple[int, str]] = []
        self._history_id = 1000
        self._seq = itertools.count(1)
        self._token_ids = itertools.count(1)
        self._access_tokens: dict[str, _AccessToken] = {}
        self._refresh_scopes: dict[str, str] = {}
        self._codes: dict[str, _Code] = {}
        self._used_codes: set[str] = set()
        self._faults: deque[tuple[Fault, str | None]] = deque()
        self._message_faults: dict[tuple[str, str | None], deque[tuple[int, str | None]]] = {}
        self._served: Counter[tuple[str, str]] = Counter()

    # --- addresses ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The api_endpoint for googleapiclient's client_options."""
        return self.root_url

    @property
    def token_uri(self) -> str:
        return f"{self.root_url}/token"

    @property
    def revoke_uri(self) -> str:
        return f"{self.root_url}/revoke"

    @property
    def batch_uri(self) -> str:
        return f"{self.root_url}/batch/gmail/v1"

    @property
    def authorize_url(self) -> str:
        return f"{self.root_url}/o/oauth2/v2/auth"

    @property
    def userinfo_url(self) -> str:
        return f"{self.root_url}/oauth2/v3/userinfo"

    def client_config(self) -> dict[str, str]:
        return {"api_endpoint": self.url, "token_uri": self.token_uri, "revoke_uri": self.revoke_uri}

    def env(self) -> dict[str, str]:
        """Environment variables pointing Jobtrail at this server."""
        return {
            "GMAIL_API_ENDPOINT": self.url,
            "GOOGLE_TOKEN_URI": self.token_uri,
            "GOOGLE_REVOKE_URI": self.revoke_uri,
            "GOOGLE_AUTHORIZE_URL": self.authorize_url,
            "GOOGLE_USERINFO_URL": self.userinfo_url,
            "GOOGLE_CLIENT_ID": self.client_id or "fake-client-id.apps.googleusercontent.com",
            "GOOGLE_CLIENT_SECRET": self.client_secret or "fake-client-secret",
        }

    # --- the mailbox ----------------------------------------------------------------------------

    def add_message(
        self,
        raw: bytes,
        *,
        msg_id: str | None = None,
        thread_id: str | None = None,
        internal_date_ms: int | None = None,
        label_ids: Sequence[str] = ("INBOX",),
    ) -> str:
        """Store an RFC 822 message; records a messageAdded history event. Returns its id.

        internalDate defaults to the Date header, else now.
        """
        if internal_date_ms is None:
            internal_date_ms = _internal_date_from_header(raw) or int(time.time() * 1000)
        with self._lock:
            seq = next(self._seq)
            ident = msg_id or f"{0x18F3A00000000000 + seq:016x}"
            if ident in self._messages:
                raise ValueError(f"message {ident} already exists")
            self._history_id += 1
            self._messages[ident] = StoredMessage(
                id=ident,
                thread_id=thread_id or ident,
                raw=raw,
                internal_date_ms=internal_date_ms,
                label_ids=tuple(label_ids),
                history_id=self._history_id,
                seq=seq,
            )
            self._history.append((self._history_id, ident))
            self._ordered = None
            return ident

    def delete_message(self, msg_id: str) -> None:
        """Make a message answer 404 and leave listings (no history event)."""
        with self._lock:
            self._messages[msg_id].deleted = True
            self._ordered = None

    def message(self, msg_id: str) -> StoredMessage:
        with self._lock:
            return self._messages[msg_id]

    def message_ids(self) -> list[str]:
        """Ids of the messages not deleted, newest first (the order messages.list uses)."""
        with self._lock:
            return [message.id for message in self._listing()]

    @property
    def history_id(self) -> int:
        with self._lock:
            return self._history_id

    def load_eml_dir(self, folder: str | Path, *, label_ids: Sequence[str] = ("INBOX",)) -> list[str]:
        """Add every *.eml file of `folder`, in name order."""
        return [self.add_message(path.read_bytes(), label_ids=label_ids) for path in sorted(Path(folder).glob("*.eml"))]

    def generate_messages(
        self, count: int, *, start: datetime | None = None, step: timedelta | None = None
    ) -> list[str]:
        """Add `count` small job-search emails of every kind, `step` apart (default one hour)."""
        start = start or datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
        step = step or timedelta(hours=1)
        ids = []
        for index in range(count):
            company = _COMPANIES[index % len(_COMPANIES)]
            subject, body = _TEMPLATES[index % len(_TEMPLATES)]
            message = EmailMessage()
            message["From"] = f"{company} Careers <careers@{company.lower()}.example>"
            message["To"] = self.email_address
            message["Subject"] = subject.format(company=company, index=index)
            message["Date"] = email.utils.format_datetime(start + step * index)
            message["Message-ID"] = f"<fake-{index}-{company.lower()}@gmail-fake.example>"
            message.set_content(body.format(company=company, index=index))
            ids.append(self.add_message(bytes(message)))
        return ids

    def _listing(self) -> list[StoredMessage]:
        if self._ordered is None:
            live = [message for message in self._messages.values() if not message.deleted]
            self._ordered = sorted(live, key=lambda m: (m.internal_date_ms, m.seq), reverse=True)
        return self._ordered

    # --- tokens --------------------------------------------------------------------------------------

    def new_refresh_token(self, scope: str | None = None) -> str:
        """Mint a refresh token this server accepts (also under strict_refresh_tokens)."""
        with self._lock:
            token = f"1//fake-refresh-{next(self._token_ids)}"
            self.valid_refresh_tokens.add(token)
            self._refresh_scopes[token] = scope or self.scope
            return token

    def issue_access_token(self, refresh_token: str | None = None, lifetime: float | None = None) -> str:
        """Mint an access token directly (what /token does), e.g. to skip a refresh in a test."""
        with self._lock:
            token = f"ya29.fake-{next(self._token_ids)}"
            expires = time.monotonic() + (self.token_lifetime if lifetime is None else lifetime)
            self._access_tokens[token] = _AccessToken(refresh_token=refresh_token, expires_at=expires)
            return token

    def expire_all_access_tokens(self) -> None:
        """Access tokens issued so far answer 401 from now on, so clients must refresh."""
        with self._lock:
            for token in self._access_tokens.values():
                token.expires_at = 0.0

    def access_token_valid(self, token: str | None) -> bool:
        with self._lock:
            info = self._access_tokens.get(token or "")
            return (
                info is not None
                and not info.revoked
                and info.expires_at > time.monotonic()
                and (info.refresh_token is None or info.refresh_token not in self.revoked_tokens)
            )

    # --- faults ---------------------------------------------------------------------------------------

    def enqueue(self, *faults: Fault, kind: str | None = None) -> None:
        """Queue whole-request faults, first in first out.

        Without `kind`, the next Gmail API request (list, get, batch, history, profile) takes
        one; with a kind ("token", "batch", ...), the next request of that kind does.
        """
        for fault in faults:
            if fault.kind not in ("status", "hang", "disconnect"):
                raise ValueError(f"Gmail takes status, hang and disconnect faults, not {fault.kind}")
        with self._lock:
            self._faults.extend((fault, kind) for fault in faults)

    def fail_message(
        self,
        msg_id: str,
        statuses: Iterable[int] = (429,),
        *,
        retry_after: str | None = None,
        fmt: str | None = None,
    ) -> None:
        """The next gets of `msg_id` (batch part or not; in format `fmt` only, when given)
        answer these statuses, one per attempt."""
        with self._lock:
            queue = self._message_faults.setdefault((msg_id, fmt), deque())
            queue.extend((status, retry_after) for status in statuses)

    def times_served(self, msg_id: str, fmt: str | None = None) -> int:
        """How often the message was returned successfully (direct gets and batch parts), in `fmt` or any format."""
        with self._lock:
            return sum(
                count for (ident, served), count in self._served.items() if ident == msg_id and fmt in (None, served)
            )

    # --- the log ----------------------------------------------------------------------------------------

    def count(self, kind: str, *, status: int | None = None) -> int:
        """Requests of one kind ("batch_parts": parts of all batches), optionally with one status."""
        with self._lock:
            if kind == "batch_parts":
                return sum(
                    sum(1 for s in r.part_statuses if status is None or s == status)
                    for r in self._records
                    if r.kind == "batch"
                )
            return sum(1 for r in self._records if r.kind == kind and (status is None or r.status_code == status))

    def reset_log(self) -> None:
        with self._lock:
            super().reset_log()
            self.list_queries.clear()
            self._served.clear()

    # --- handling ------------------------------------------------------------------------------------------

    def new_record(self, incoming: Incoming, started_at: float) -> GmailRequest:
        kind = _KINDS_BY_PATH.get(incoming.path.rstrip("/") or "/", "other")
        if kind == "other" and (match := _GMAIL_PATH.match(incoming.path)):
            rest = match["rest"]
            if rest in ("profile", "messages", "history"):
                kind = "list" if rest == "messages" else rest
            elif rest.startswith("messages/") and "/" not in rest[len("messages/") :]:
                kind = "get"
            elif re.fullmatch(r"messages/[^/]+/attachments/[^/]+", rest):
                kind = "attachment"
        return GmailRequest(
            method=incoming.method,
            path=incoming.path,
            started_at=started_at,
            kind=kind,
            query={key: values[-1] for key, values in incoming.query.items()},
            is_batch=kind == "batch",
        )

    def handle(self, incoming: Incoming, exchange: Exchange, record: GmailRequest) -> Reply | None:
        fault = self._take_fault(record.kind)
        if fault is not None:
            self.update(record, fault=fault.name)
        parts: list[_Part] | Reply = []
        if record.kind == "batch" and incoming.method == "POST":
            parts = _parse_batch(incoming)
        extra = self.batch_part_latency * len(parts) if isinstance(parts, list) else 0.0
        seconds = fault.seconds if fault is not None and fault.kind == "hang" else self.delay(extra)
        if not exchange.wait(seconds):
            return None
        if fault is not None and fault.kind == "disconnect":
            return None
        if fault is not None and fault.kind == "status":
            return self._fault_reply(fault, record.kind)
        if record.kind == "batch" and incoming.method == "POST":
            return self._batch(incoming, record, parts)
        if record.kind == "token" and incoming.method == "POST":
            return self._token(incoming, record)
        if record.kind == "revoke" and incoming.method == "POST":
            return self._revoke(incoming, record)
        if record.kind == "authorize" and incoming.method == "GET":
            return self._authorize(incoming)
        if record.kind == "userinfo":
            return self._userinfo(incoming)
        if record.kind not in API_KINDS:
            return _google_reply(404, f"Not found: {incoming.method} {incoming.path}")
        return self._api(incoming.method, incoming.path, incoming.query, incoming.bearer_token(), record, False)

    def _take_fault(self, kind: str) -> Fault | None:
        with self._lock:
            for index, (fault, target) in enumerate(self._faults):
                if target == kind or (target is None and kind in API_KINDS):
                    del self._faults[index]
                    return fault
        return None

    def _fault_reply(self, fault: Fault, kind: str) -> Reply:
        headers = dict(fault.headers)
        if fault.body is not None:
            if isinstance(fault.body, bytes | str):
                data = fault.body.encode() if isinstance(fault.body, str) else fault.body
                return Reply(fault.status_code, data, headers=list(headers.items()))
            return json_reply(fault.status_code, fault.body, headers)
        if kind in ("token", "revoke"):
            error = "server_error" if fault.status_code >= 500 else "invalid_request"
            return json_reply(fault.status_code, {"error": error, "error_description": "Scripted fault."}, headers)
        return json_reply(fault.status_code, google_error(fault.status_code), headers)

    # --- the Gmail API ---------------------------------------------------------------------------------------

    def _auth_failure(self, token: str | None) -> Reply | None:
        if self.accept_any_token:
            return None
        if not token:
            return _google_reply(401, "Request is missing required authentication credential.", "required")
        if not self.access_token_valid(token):
            return _google_reply(401, reason="authError")
        return None

    def _api(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        token: str | None,
        record: GmailRequest,
        in_batch: bool,
    ) -> Reply:
        failure = self._auth_failure(token)
        if failure is not None:
            return failure
        match = _GMAIL_PATH.match(path)
        if match is None or method != "GET":
            return _google_reply(404, f"Method not found: {method} {path}")
        user = urllib.parse.unquote(match["user"])
        if user not in ("me", self.email_address):
            return _google_reply(403, "Delegation denied for " + self.email_address, "forbidden")
        rest = match["rest"]

        def param(name: str) -> str | None:
            values = query.get(name)
            return values[-1] if values else None

        if not self._charge(_quota_units(rest)):
            return _google_reply(429, "User-rate limit exceeded.")
        if rest == "profile":
            return self._profile()
        if rest == "messages":
            return self._list(param, query.get("labelIds", []))
        if rest == "history":
            return self._history_list(param, query.get("historyTypes", []))
        if rest.startswith("messages/") and "/" not in rest[len("messages/") :]:
            msg_id = urllib.parse.unquote(rest[len("messages/") :])
            return self._get(msg_id, param, query.get("metadataHeaders", []), record, in_batch)
        if attachment := re.fullmatch(r"messages/([^/]+)/attachments/([^/]+)", rest):
            msg_id, attachment_id = (urllib.parse.unquote(value) for value in attachment.groups())
            return self._attachment(msg_id, attachment_id, record)
        return _google_reply(404, f"Method not found: {method} {path}")

    def _charge(self, units: int) -> bool:
        """Take `units` from the quota bucket; False (429) when it lacks them."""
        rate = self.quota_units_per_second
        if not rate:
            return True
        burst = self.quota_burst_units or rate
        with self._lock:
            now = time.monotonic()
            if self._quota_tokens is None:
                self._quota_tokens = burst
            self._quota_tokens = min(burst, self._quota_tokens + (now - self._quota_stamp) * rate)
            self._quota_stamp = now
            if self._quota_tokens < units:
                return False
            self._quota_tokens -= units
            return True

    def _profile(self) -> Reply:
        with self._lock:
            live = self._listing()
            return json_reply(
                200,
                {
                    "emailAddress": self.email_address,
                    "messagesTotal": len(live),
                    "threadsTotal": len({m.thread_id for m in live}),
                    "historyId": str(self._history_id),
                },
            )

    def _list(self, param: Param, label_ids: list[str]) -> Reply:
        q = param("q") or ""
        with self._lock:
            self.list_queries.append(q)
        try:
            size = min(MAX_PAGE_SIZE, max(1, int(param("maxResults") or DEFAULT_PAGE_SIZE)))
            offset = int(param("pageToken") or 0)
        except ValueError:
            return _google_reply(400, "Invalid maxResults or pageToken.", "invalidArgument")
        gmail_query = GmailQuery.parse(q, self.query_timezone)
        spam_and_trash = (param("includeSpamTrash") or "").lower() == "true"
        with self._lock:
            found = [
                m
                for m in self._listing()
                if gmail_query.matches(m)
                and all(label in m.label_ids for label in label_ids)
                and (spam_and_trash or not {"SPAM", "TRASH"} & set(m.label_ids))
            ]
        page = found[offset : offset + size]
        answer: dict[str, Any] = {}
        if page:
            answer["messages"] = [{"id": m.id, "threadId": m.thread_id} for m in page]
        if offset + size < len(found):
            # Gmail's tokens are opaque digit strings too.
            answer["nextPageToken"] = f"{offset + size:020d}"
        answer["resultSizeEstimate"] = len(found)
        return json_reply(200, answer)

    def _get(
        self, msg_id: str, param: Param, metadata_headers: list[str], record: GmailRequest, in_batch: bool
    ) -> Reply:
        fmt = (param("format") or "full").lower()
        with self._lock:
            record.message_ids.append(msg_id)
            record.formats.append(fmt)
        if fmt not in ("raw", "full", "metadata", "minimal"):
            return _google_reply(400, f"Invalid value at 'format' ({fmt})", "invalidArgument")
        with self._lock:
            message = self._messages.get(msg_id)
            if message is None or message.deleted:
                return _google_reply(404)
            scripted = self._message_faults.get((msg_id, fmt)) or self._message_faults.get((msg_id, None))
            injected = scripted.popleft() if scripted else None
        if injected is None and in_batch and self.part_fault_rate and self.rng.random() < self.part_fault_rate:
            injected = (self.rng.choice(self.part_fault_statuses), None)
        if injected is not None:
            status, retry_after = injected
            retry_after = retry_after or self.part_retry_after
            headers = {"Retry-After": retry_after} if status == 429 and retry_after else {}
            return _google_reply(status, **headers)
        answer = message.resource()
        if fmt == "raw":
            answer["raw"] = _b64url(message.raw)
        elif fmt in ("full", "metadata"):
            parsed = email.message_from_bytes(message.raw)
            only = {name.lower() for name in metadata_headers} if fmt == "metadata" and metadata_headers else None
            answer["payload"] = _payload(
                parsed,
                "",
                bodies=fmt == "full",
                only_headers=only,
                msg_id=message.id,
                inline_limit=self.inline_body_limit,
            )
        with self._lock:
            self._served[msg_id, fmt] += 1
        return json_reply(200, answer)

    def _attachment(self, msg_id: str, attachment_id: str, record: GmailRequest) -> Reply:
        """users.messages.attachments.get: the MessagePartBody {size, data} of one part."""
        with self._lock:
            record.message_ids.append(msg_id)
            message = self._messages.get(msg_id)
        named = _attachment_part(attachment_id)
        if message is None or message.deleted or named is None or named[0] != msg_id:
            return _google_reply(404)
        part = _find_part(email.message_from_bytes(message.raw), named[1])
        if part is None or part.is_multipart():
            return _google_reply(400, "Invalid attachment token", "invalidArgument")
        data = part.get_payload(decode=True)
        data = data if isinstance(data, bytes) else b""
        return json_reply(200, {"size": len(data), "data": _b64url(data)})

    def _history_list(self, param: Param, history_types: list[str]) -> Reply:
        try:
            start = int(param("startHistoryId") or "")
            size = min(MAX_PAGE_SIZE, max(1, int(param("maxResults") or DEFAULT_PAGE_SIZE)))
            offset = int(param("pageToken") or 0)
        except ValueError:
            return _google_reply(400, "Invalid startHistoryId, maxResults or pageToken.", "invalidArgument")
        if start < self.min_history_id:
            return _google_reply(404)
        with self._lock:
            current = self._history_id
            events = [] if history_types and "messageAdded" not in history_types else self._history
            found = [(hid, self._messages[mid]) for hid, mid in events if hid > start]
        page = found[offset : offset + size]
        answer: dict[str, Any] = {}
        if page:
            answer["history"] = [
                {
                    "id": str(hid),
                    "messages": [{"id": m.id, "threadId": m.thread_id}],
                    "messagesAdded": [
                        {"message": {"id": m.id, "threadId": m.thread_id, "labelIds": list(m.label_ids)}}
                    ],
                }
                for hid, m in page
            ]
        if offset + size < len(found):
            answer["nextPageToken"] = f"{offset + size:020d}"
        answer["historyId"] = str(current)
        return json_reply(200, answer)

    # --- batch -----------------------------------------------------------------------------------------------

    def _batch(self, incoming: Incoming, record: GmailRequest, parts: list[_Part] | Reply) -> Reply:
        if isinstance(parts, Reply):
            return parts
        outer_token = incoming.bearer_token()
        failure = self._auth_failure(outer_token)
        if failure is not None:
            return failure
        if len(parts) > MAX_BATCH_PARTS:
            return _google_reply(400, f"A batch request cannot contain more than {MAX_BATCH_PARTS} requests.")
        boundary = f"batch_{self.rng.getrandbits(64):016x}"
        chunks: list[str] = []
        statuses: list[int] = []
        for index, part in enumerate(parts):
            target = urllib.parse.urlsplit(part.target)
            # A part without its own Authorization uses the outer request's, as at Google.
            scheme, _, inner = part.headers.get("authorization", "").partition(" ")
            token = inner.strip() if scheme.lower() == "bearer" and inner.strip() else outer_token
            query = urllib.parse.parse_qs(target.query, keep_blank_values=True)
            reply = self._api(part.method, target.path, query, token, record, True)
            statuses.append(reply.status)
            content_id = part.content_id.strip().removeprefix("<").removesuffix(">") or f"item{index}"
            head = [
                f"HTTP/1.1 {reply.status} {reason_phrase(reply.status)}",
                f"Content-Type: {reply.content_type}",
                "Vary: Origin",
                "Vary: X-Origin",
                "Vary: Referer",
                *(f"{name}: {value}" for name, value in reply.headers),
            ]
            chunks.append(
                f"--{boundary}\r\nContent-Type: application/http\r\nContent-ID: <response-{content_id}>\r\n\r\n"
                + "\r\n".join(head)
                + "\r\n\r\n"
                + reply.body.decode("utf-8")
                + "\r\n"
            )
        self.update(record, batch_parts=len(parts), part_statuses=statuses)
        body = "".join(chunks) + f"--{boundary}--\r\n"
        return Reply(200, body.encode("utf-8"), content_type=f"multipart/mixed; boundary={boundary}")

    # --- OAuth -----------------------------------------------------------------------------------------------

    def _client_ok(self, client_id: str | None, client_secret: str | None, *, check_secret: bool = True) -> bool:
        if self.client_id is not None and client_id != self.client_id:
            return False
        return not check_secret or self.client_secret is None or client_secret == self.client_secret

    def _token(self, incoming: Incoming, record: GmailRequest) -> Reply:
        form = incoming.form()
        self.update(record, form=dict(form))
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        basic = incoming.headers.get("Authorization") or ""
        if basic.lower().startswith("basic "):
            decoded = base64.b64decode(basic[6:]).decode("utf-8", "replace")
            client_id, _, client_secret = decoded.partition(":")
        if not self._client_ok(client_id, client_secret):
            return _oauth_error(401, "invalid_client", "The OAuth client was not found.")
        grant_type = form.get("grant_type", "")
        if grant_type == "refresh_token":
            refresh_token = form.get("refresh_token", "")
            if not refresh_token:
                return _oauth_error(400, "invalid_request", "Missing required parameter: refresh_token")
            with self._lock:
                unknown = refresh_token not in self.valid_refresh_tokens
                if refresh_token in self.revoked_tokens or (unknown and self.strict_refresh_tokens):
                    return _oauth_error(400, "invalid_grant", "Token has been expired or revoked.")
                scope = self._refresh_scopes.get(refresh_token, self.scope)
            return self._token_answer(self.issue_access_token(refresh_token), scope, None)
        if grant_type == "authorization_code":
            code = form.get("code", "")
            if not code:
                return _oauth_error(400, "invalid_request", "Missing required parameter: code")
            with self._lock:
                issued = self._codes.pop(code, None)
                reused = code in self._used_codes
                self._used_codes.add(code)
            if reused or (issued is None and self.strict_refresh_tokens):
                return _oauth_error(400, "invalid_grant", "Bad Request")
            if issued is not None and form.get("redirect_uri") != issued.redirect_uri:
                return _oauth_error(400, "redirect_uri_mismatch", "Bad Request")
            scope = issued.scope if issued is not None else self.scope
            refresh = None
            if self.issue_refresh_tokens and (issued is None or issued.offline):
                refresh = self.new_refresh_token(scope)
            return self._token_answer(self.issue_access_token(refresh), scope, refresh)
        return _oauth_error(400, "unsupported_grant_type", f"Invalid grant_type: {grant_type}")

    def _token_answer(self, access_token: str, scope: str, refresh_token: str | None) -> Reply:
        answer: dict[str, Any] = {
            "access_token": access_token,
            "expires_in": int(self.token_lifetime),
            "scope": scope,
            "token_type": "Bearer",
        }
        if refresh_token is not None:
            answer["refresh_token"] = refresh_token
        if self.id_token is not None:
            answer["id_token"] = self.id_token
        return json_reply(200, answer, {"Cache-Control": "no-cache, no-store, max-age=0, must-revalidate"})

    def _revoke(self, incoming: Incoming, record: GmailRequest) -> Reply:
        form = incoming.form()
        self.update(record, form=dict(form))
        token = form.get("token") or incoming.param("token") or ""
        if not token:
            return _oauth_error(400, "invalid_request", "Missing required parameter: token")
        with self._lock:
            access = self._access_tokens.get(token)
            known = token in self.valid_refresh_tokens or access is not None
            if token in self.revoked_tokens or (access is not None and access.revoked):
                return _oauth_error(400, "invalid_token", "Token expired or revoked")
            if not known and self.strict_refresh_tokens:
                return _oauth_error(400, "invalid_token", "Token expired or revoked")
            # Revoking either token of a grant ends the whole grant.
            self.revoked_tokens.add(token)
            self.valid_refresh_tokens.discard(token)
            if access is not None:
                access.revoked = True
                if access.refresh_token:
                    self.revoked_tokens.add(access.refresh_token)
                    self.valid_refresh_tokens.discard(access.refresh_token)
        return json_reply(200, {})

    def _authorize(self, incoming: Incoming) -> Reply:
        redirect_uri = incoming.param("redirect_uri") or ""
        if not redirect_uri.startswith(("http://", "https://")):
            return Reply(400, b"Error 400: invalid_request (redirect_uri)", "text/plain; charset=UTF-8")
        if not self._client_ok(incoming.param("client_id"), None, check_secret=False):
            return Reply(401, b"Error 401: invalid_client", "text/plain; charset=UTF-8")
        params: dict[str, str] = {}
        if state := incoming.param("state"):
            params["state"] = state
        if self.authorize_error:
            params["error"] = self.authorize_error
        elif incoming.param("response_type") != "code":
            params["error"] = "unsupported_response_type"
        else:
            scope = self.granted_scope or incoming.param("scope") or self.scope
            with self._lock:
                code = f"4/fake-code-{next(self._token_ids)}"
                self._codes[code] = _Code(
                    scope=scope, offline=incoming.param("access_type") == "offline", redirect_uri=redirect_uri
                )
            params.update(code=code, scope=scope, authuser="0", prompt="consent")
        separator = "&" if "?" in redirect_uri else "?"
        location = redirect_uri + separator + urllib.parse.urlencode(params)
        return Reply(302, b"", "text/html; charset=UTF-8", headers=[("Location", location)])

    def _userinfo(self, incoming: Incoming) -> Reply:
        failure = self._auth_failure(incoming.bearer_token())
        if failure is not None:
            return failure
        given, _, family = self.user_name.partition(" ")
        return json_reply(
            200,
            {
                "sub": self.user_sub,
                "id": self.user_sub,
                "email": self.email_address,
                "email_verified": True,
                "verified_email": True,
                "name": self.user_name,
                "given_name": given,
                "family_name": family,
                "picture": "",
                "locale": "en",
            },
        )


def _parse_batch(incoming: Incoming) -> list[_Part] | Reply:
    """The parts of a multipart/mixed batch body, or the 400 to answer."""
    content_type = incoming.headers.get("Content-Type") or ""
    if not content_type.lower().startswith("multipart/mixed"):
        return _google_reply(400, "A batch request must be multipart/mixed.")
    envelope = b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + incoming.body
    message = email.parser.BytesParser().parsebytes(envelope)
    payload = message.get_payload() if message.is_multipart() else None
    if not isinstance(payload, list) or not payload:
        return _google_reply(400, "The batch request has no parts.")
    parts = []
    for item in payload:
        if not isinstance(item, Message):
            return _google_reply(400, "A batch part must be application/http.")
        text = item.get_payload()
        if not isinstance(text, str):
            return _google_reply(400, "A batch part must be application/http.")
        head = re.split(r"\r?\n\r?\n", text.lstrip("\r\n"), maxsplit=1)[0]
        lines = head.splitlines()
        request_line = lines[0].split(" ") if lines else []
        if len(request_line) < 2:
            return _google_reply(400, "A batch part has no request line.")
        headers: dict[str, str] = {}
        last = ""
        for line in lines[1:]:
            if line[:1] in (" ", "\t") and last:
                headers[last] += " " + line.strip()
                continue
            name, _, value = line.partition(":")
            last = name.strip().lower()
            headers[last] = value.strip()
        parts.append(_Part(str(item.get("Content-ID") or ""), request_line[0].upper(), request_line[1], headers))
    return parts


_COMPANIES = ("Northwind", "Lumen", "Quokka", "Brightline", "Ferrovia", "Halcyon", "Ironbark", "Gizmo")
_TEMPLATES = (
    (
        "Thank you for applying to {company}",
        "Hi,\n\nThank you for applying to {company}. We received your application.",
    ),
    ("Your application to {company}", "Unfortunately we have decided not to move forward with your application."),
    ("Interview invitation from {company}", "We would like to invite you to an interview next week."),
    ("{company} coding challenge", "Please complete the HackerRank coding challenge within five days."),
    ("Offer from {company}", "We are delighted to send you an offer for the role."),
    ("{company} newsletter #{index}", "Our monthly news and product updates."),
)


def main(argv: Sequence[str] | None = None) -> None:
    parser = cli_parser("Run the fake Gmail API with Google's OAuth endpoints.", default_port=8912)
    parser.add_argument("--email", default="me@example.com", help="the mailbox's address")
    parser.add_argument("--eml-dir", action="append", default=[], help="add the *.eml files of this folder")
    parser.add_argument("--messages", type=int, default=0, help="add this many generated messages")
    parser.add_argument("--part-fault-rate", type=float, default=0.0, help="probability of 429/500 per batch part")
    parser.add_argument("--quota", type=float, default=None, help="enforce this many quota units/s (429 above)")
    parser.add_argument("--batch-part-latency", type=float, default=0.0, help="extra seconds per batch part")
    parser.add_argument("--token-lifetime", type=float, default=3600.0)
    parser.add_argument("--accept-any-token", action="store_true")
    parser.add_argument("--strict", action="store_true", help="only refresh tokens issued by this server")
    parser.add_argument("--client-id", default=None)
    parser.add_argument("--client-secret", default=None)
    args = parser.parse_args(argv)
    server = FakeGmailServer(
        host=args.host,
        port=args.port,
        latency=args.latency,
        jitter=args.jitter,
        seed=args.seed,
        email_address=args.email,
        token_lifetime=args.token_lifetime,
        accept_any_token=args.accept_any_token,
        strict_refresh_tokens=args.strict,
        client_id=args.client_id,
        client_secret=args.client_secret,
        part_fault_rate=args.part_fault_rate,
        batch_part_latency=args.batch_part_latency,
        quota_units_per_second=args.quota,
        verbose=args.verbose,
    )
    for folder in args.eml_dir:
        server.load_eml_dir(folder)
    if args.messages:
        server.generate_messages(args.messages)
    notes = [f"{len(server.message_ids())} messages in the mailbox; any refresh token works unless --strict"]
    serve_until_interrupted(server, server.env, notes)


if __name__ == "__main__":
    main()
