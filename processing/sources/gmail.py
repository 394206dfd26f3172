"""Reading Gmail through its REST API: batched, throttled, cancellable and incremental.

    list_messages ─ users.getProfile (historyId now)
                  ├ since_history_id: users.history.list (messageAdded) ─┐ 404: too old
                  └ otherwise: users.messages.list(q=<filter query>) ◀──┘
                      then the same queries with larger:<bytes>, bounding every listed size
    fetch ─ sizes: bounded by the listing, or (history) batches of GMAIL_BATCH_SIZE
          │   messages.get(format=minimal) (sizeEstimate), in the background, a window or two ahead
          ├ small messages: batches of messages.get(format=raw), at most GMAIL_BATCH_SIZE messages
          │   and GMAIL_BATCH_BYTES of mail each, GMAIL_BATCHES_IN_FLIGHT at once
          └ larger than RAW_MAX_BYTES: one at a time, messages.get(format=full), whose attachments
              are references (body.attachmentId) that are never fetched; the text parts (at most
              MAX_TEXT_BYTES) are rebuilt into a small MIME message for the parser

Memory per run is therefore bounded by bytes, not by the mail's size: a 25 MB email
costs its headers and text, not its PDF. Sizing with a messages.get costs 5 quota units
per message, as much as the fetch; the larger: listings cost 5 units per 500 ids.

google-api-python-client is synchronous and httplib2.Http is not thread-safe, so every
call runs on this source's own small thread pool and each thread builds its own
authorised Http and Gmail client (thread-local). The pool has one thread per batch
in flight and one for sizing. Every request first takes its quota units from the
user's pacer (gmail_pacer), which keeps all of the user's requests in this process
under Gmail's per-user quota; the parts Gmail still rate-limits are retried.

Threads cannot be cancelled, so they check the run's cancel event before every
request and during every back-off sleep: after a cancel no new request is sent,
and the request in flight at the time is the last one.

The ORM is only used from the event loop's side (through run_db), never from the
pool's threads, so those threads hold no database connection.
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

import httplib2
from django.conf import settings
from google.auth.exceptions import RefreshError, TransportError
from google.oauth2.credentials import Credentials
from googleapiclient.errors import HttpError

from accounts import gmail as gmail_auth
from jobmail import gmail_query
from jobmail.gmail_payload import decode_b64url, mime_from_payload
from processing.db import run_db
from processing.sources import gmail_batch_http
from processing.sources.base import FetchedMessage, Listing, MessageRef, SourceContext, SourceError
from processing.sources.gmail_batches import (
    UNKNOWN_SIZE,
    Batch,
    fetched_message,
    history_page,
    messages_page,
    size_of,
)
from processing.sources.gmail_batches import is_rate_limit as is_rate_limit
from processing.sources.gmail_batches import plan_batches as plan_batches
from processing.sources.gmail_pacer import UNITS, pacer_for

logger = logging.getLogger("jobtrail.gmail")

T = TypeVar("T")

#: Deleted between listing and fetching (or never readable): skipped and counted as missing.
MISSING_STATUSES = frozenset({404, 410})
#: Incremental reads skip what a date query would not list either.
SKIPPED_LABELS = frozenset({"SENT", "DRAFT", "SPAM", "TRASH"})
_TRANSPORT_ERRORS = (httplib2.HttpLib2Error, OSError, TransportError)
#: Messages larger than this (sizeEstimate) are read as format=full, without attachments.
RAW_MAX_BYTES = 512 * 1024
#: The pacer's rate and burst, as shares of GMAIL_QUOTA_UNITS_PER_SECOND: Gmail averages
#: over a moving window, and requests reach it a little out of step with their sending.
PACE_SHARE = 0.95
BURST_SHARE = 0.8
#: Windows sized ahead of the batches being fetched (in the background, while they are fetched).
SIZING_AHEAD = 2
_MISSING = -1


class _Stopped(Exception):
    """The run was cancelled or the source closed: a thread stops before its next request."""


class _GaveUp(Exception):
    def __init__(self, status: int, attempts: int) -> None:
        super().__init__(status, attempts)
        self.status = status
        self.attempts = attempts


class GmailSource:
    provider = "gmail"

    #: Back-off: attempt n waits about base × 2ⁿ⁻¹ seconds (with jitter), at most
    #: `retry_max_seconds`, or longer when Gmail's Retry-After says so.
    max_attempts = 6
    retry_base_seconds = 1.0
    retry_max_seconds = 32.0
    #: A Retry-After longer than this fails the run instead of holding it for minutes.
    longest_wait_seconds = 120.0

    def __init__(self, context: SourceContext) -> None:
        self.context = context
        self.batch_size = max(1, settings.GMAIL_BATCH_SIZE)
        self.batches_in_flight = max(1, settings.GMAIL_BATCHES_IN_FLIGHT)
        self.batch_bytes = max(1, settings.GMAIL_BATCH_BYTES)
        self.raw_max_bytes = min(RAW_MAX_BYTES, self.batch_bytes)
        self.batch_uri = f"{settings.GMAIL_API_ENDPOINT.rstrip('/')}/batch/gmail/v1"
        quota = settings.GMAIL_QUOTA_UNITS_PER_SECOND
        self.pacer = pacer_for(context.user_id, quota * PACE_SHARE, quota * BURST_SHARE)
        # One thread more than the batches in flight: the next window is sized meanwhile.
        self._threads = ThreadPoolExecutor(
            max_workers=self.batches_in_flight + 1, thread_name_prefix=f"gmail-run-{context.run_id}"
        )
        #: Upper bounds of sizes learnt from the listing (Gmail search's larger:), by message id.
        self._size_bounds: dict[str, int] = {}
        self._local = threading.local()
        self._closed = threading.Event()
        self._credentials: Credentials | None = None
        self._saved_token: str | None = None
        # One large message is read at a time, whichever thread reads it: a text body
        # Gmail sends inline can be as large as the message.
        self._large = threading.Lock()

    # --- the MailSource interface -------------------------------------------------

    async def list_messages(self) -> Listing:
        await self._ensure_credentials()
        return await self._call(self._list)

    async def fetch(self, refs: Sequence[MessageRef]) -> AsyncIterator[FetchedMessage]:
        """Yield every ref's message, in order, batch by batch.

        Messages are sized a window at a time, then fetched in batches bounded by count
        and bytes. At most `batches_in_flight` batches are requested at once and at most
        one more is held while the pipeline consumes it, so memory stays bounded. Sizing
        runs ahead in the background (at most SIZING_AHEAD windows), so it is off the
        critical path; a window whose sizes the listing already bounded costs no request.
        """
        await self._ensure_credentials()
        loop = asyncio.get_running_loop()
        # Sized in windows of batch_size: a sizing batch costs the quota units of a fetch batch.
        windows = [refs[i : i + self.batch_size] for i in range(0, len(refs), self.batch_size)]
        sizing: deque[tuple[Sequence[MessageRef], asyncio.Future[list[int]]]] = deque()
        planned: deque[Batch] = deque()
        pending: deque[asyncio.Future[list[FetchedMessage]]] = deque()
        next_window = 0

        def size_ahead() -> None:
            # Sized only a little ahead of the batches in flight: a mailbox of 50,000
            # messages is not sized up front.
            nonlocal next_window
            while len(sizing) < SIZING_AHEAD and next_window < len(windows):
                window = windows[next_window]
                next_window += 1
                known = [self._size_bounds.get(ref.id) for ref in window]
                future: asyncio.Future[list[int]]
                if all(size is not None for size in known):
                    future = loop.create_future()
                    future.set_result([size for size in known if size is not None])
                else:
                    future = loop.run_in_executor(self._threads, self._size_window, window)
                sizing.append((window, future))

        async def plan_more() -> None:
            while len(planned) < self.batches_in_flight:
                size_ahead()
                if not sizing:
                    return
                window, future = sizing[0]
                if planned and not future.done():
                    return  # batches are ready to go; the sizing goes on meanwhile
                if self.context.cancel_event.is_set():
                    raise asyncio.CancelledError()
                sizes = await self._settle(future)
                sizing.popleft()
                planned.extend(
                    plan_batches(
                        window,
                        sizes,
                        max_count=self.batch_size,
                        max_bytes=self.batch_bytes,
                        raw_max=self.raw_max_bytes,
                    )
                )
            size_ahead()

        def launch() -> None:
            while len(pending) < self.batches_in_flight and planned:
                if self.context.cancel_event.is_set():
                    return
                pending.append(loop.run_in_executor(self._threads, self._fetch_planned, planned.popleft()))

        try:
            await plan_more()
            launch()
            while pending:
                messages = await self._settle(pending[0])
                pending.popleft()
                if self.context.cancel_event.is_set():
                    raise asyncio.CancelledError()
                await plan_more()
                launch()
                await self._save_refreshed_token()
                for message in messages:
                    yield message
        finally:
            for future in pending:
                future.cancel()
            for _window, sized in sizing:
                sized.cancel()

    async def aclose(self) -> None:
        self._closed.set()
        # Not waiting: a thread in the middle of a request finishes it on its own
        # and then stops (it checks _closed); the run's final status need not wait.
        self._threads.shutdown(wait=False, cancel_futures=True)
        await self._save_refreshed_token()

    # --- credentials ------------------------------------------------------------------

    async def _ensure_credentials(self) -> None:
        if self._credentials is not None:
            return
        try:
            self._credentials = await run_db(_load_credentials, self.context.user_id)
        except gmail_auth.GmailAccessError as error:
            raise SourceError(str(error)) from None
        self._saved_token = self._credentials.token

    async def _save_refreshed_token(self) -> None:
        credentials = self._credentials
        if credentials is None or not credentials.token or credentials.token == self._saved_token:
            return
        token, expiry = credentials.token, credentials.expiry
        self._saved_token = token
        await run_db(gmail_auth.save_refreshed_token, self.context.user_id, token, expiry)
        logger.info(
            "run %s: saved a refreshed Gmail access token for user %s", self.context.run_id, self.context.user_id
        )

    def _service(self) -> Any:
        service = getattr(self._local, "service", None)
        if service is None:
            assert self._credentials is not None
            # Per thread: httplib2.Http must never be shared between threads.
            self._local.http = gmail_auth.authorized_http(self._credentials)
            service = gmail_auth.gmail_service(self._local.http)
            self._local.service = service
        return service

    # --- running client calls in the pool, and their errors --------------------------

    async def _call(self, func: Callable[[], T]) -> T:
        future = asyncio.get_running_loop().run_in_executor(self._threads, func)
        result = await self._settle(future)
        await self._save_refreshed_token()
        return result

    async def _settle(self, future: asyncio.Future[T]) -> T:
        """Await a pool call, turning client errors into sentences for the user."""
        try:
            return await future
        except _Stopped:
            raise asyncio.CancelledError() from None
        except RefreshError as error:
            if gmail_auth.is_invalid_grant(error):
                await run_db(gmail_auth.mark_revoked, self.context.user_id)
                logger.warning("run %s: Gmail grant of user %s is revoked", self.context.run_id, self.context.user_id)
                raise SourceError(gmail_auth.REVOKED_MESSAGE) from None
            code = gmail_auth.refresh_error_code(error)
            raise SourceError(
                f"Google refused to renew Gmail access ({code}). Check GOOGLE_CLIENT_ID and "
                "GOOGLE_CLIENT_SECRET, or reconnect Gmail."
            ) from None
        except _GaveUp as error:
            if not error.status:
                raise SourceError(
                    f"Could not reach Gmail after {error.attempts} attempts. Check the server's network and try again."
                ) from None
            raise SourceError(
                f"Gmail kept answering HTTP {error.status} after {error.attempts} attempts. "
                "It is probably rate-limiting this mailbox; try again in a few minutes."
            ) from None
        except HttpError as error:
            raise SourceError(gmail_auth.describe_http_error(error)) from error
        except _TRANSPORT_ERRORS as error:
            raise SourceError(
                f"Could not reach Gmail ({type(error).__name__}). Check the server's network and try again."
            ) from error

    def _check_stop(self) -> None:
        if self.context.cancel_event.is_set() or self._closed.is_set():
            raise _Stopped()

    def _sleep(self, seconds: float) -> None:
        """Sleep, waking at once on a cancel (polling _closed, which only aclose sets)."""
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            if self.context.cancel_event.wait(min(remaining, 0.1)):
                break
            if self._closed.is_set():
                break
        self._check_stop()

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        delay = min(self.retry_max_seconds, self.retry_base_seconds * 2 ** (attempt - 1))
        delay *= random.uniform(0.5, 1.0)  # jitter: concurrent batches do not retry in step
        if retry_after is not None:
            if retry_after > self.longest_wait_seconds:
                raise _GaveUp(429, attempt)
            delay = max(delay, retry_after)
        return delay

    def _execute(self, make_request: Callable[[Any], Any], units: int) -> Any:
        """Execute one API request costing `units` quota units in this thread, paced,
        retrying rate limits and server errors."""
        for attempt in range(1, self.max_attempts + 1):
            self._check_stop()
            request = make_request(self._service())
            # Paced last, just before sending: building a client can take a while.
            self.pacer.acquire(units, self._sleep)
            try:
                answer = request.execute()
            except HttpError as error:
                if not gmail_auth.is_retryable(error):
                    raise
                if is_rate_limit(error):
                    self.pacer.throttled()
                status, retry_after = error.status_code, gmail_auth.retry_after_seconds(error)
            except _TRANSPORT_ERRORS:
                status, retry_after = 0, None
            else:
                self.pacer.succeeded()
                return answer
            if attempt == self.max_attempts:
                raise _GaveUp(status, attempt)
            logger.info("run %s: Gmail answered %s, retrying (attempt %s)", self.context.run_id, status, attempt)
            self._sleep(self._backoff(attempt, retry_after))
        raise AssertionError("unreachable")

    # --- listing ------------------------------------------------------------------------

    def _list(self) -> Listing:
        # Read before listing: mail arriving while we list is then reported again
        # by the next history read (and skipped as known), never lost.
        profile = self._execute(lambda gmail: gmail.users().getProfile(userId="me"), UNITS["getProfile"])
        history_id = str(profile.get("historyId") or "")
        if self.context.since_history_id:
            refs = self._list_history(self.context.since_history_id)
            if refs is not None:
                logger.info("run %s: %d messages added since the last run", self.context.run_id, len(refs))
                return Listing(refs=refs, history_id=history_id)
        return Listing(refs=self._list_query(), history_id=history_id)

    def _list_history(self, start_history_id: str) -> list[MessageRef] | None:
        """Messages added since `start_history_id`, or None when Gmail no longer has that history."""
        refs: list[MessageRef] = []
        seen: set[str] = set()
        page_token: str | None = None
        while True:
            request = partial(history_page, start_history_id=start_history_id, page_token=page_token)
            try:
                page = self._execute(request, UNITS["history.list"])
            except HttpError as error:
                if error.status_code == 404:
                    # Gmail keeps history for about a week: read by date instead.
                    logger.info("run %s: history %s expired, listing by date", self.context.run_id, start_history_id)
                    return None
                raise
            for record in page.get("history", []):
                for added in record.get("messagesAdded", []):
                    message = added.get("message") or {}
                    ident = message.get("id")
                    if not ident or ident in seen or SKIPPED_LABELS.intersection(message.get("labelIds") or ()):
                        continue
                    seen.add(ident)
                    refs.append(MessageRef(id=ident, thread_id=message.get("threadId") or ""))
            page_token = page.get("nextPageToken")
            if not page_token:
                return refs

    def _list_query(self) -> list[MessageRef]:
        try:
            filters = gmail_query.load_filters()
        except (OSError, ValueError) as error:
            raise SourceError(f"The Gmail filter file could not be read: {error}") from None
        refs: list[MessageRef] = []
        seen: set[str] = set()
        queries = gmail_query.build_queries(filters, self.context.start_date, self.context.end_date)
        for query in queries:
            page_token: str | None = None
            while True:
                page = self._execute(partial(messages_page, query=query, page_token=page_token), UNITS["messages.list"])
                for message in page.get("messages", []):
                    ident = message.get("id")
                    if ident and ident not in seen:
                        seen.add(ident)
                        refs.append(MessageRef(id=ident, thread_id=message.get("threadId") or ""))
                page_token = page.get("nextPageToken")
                if not page_token:
                    break
        self._bound_sizes(queries, seen)
        return refs

    def _bound_sizes(self, queries: Sequence[str], listed: set[str]) -> None:
        """Bound every listed message's size with Gmail search's larger: (5 units per 500 ids)
        instead of a format=minimal get (5 units per message): the listing's own queries
        again, once with larger:<raw max> (read as format=full) and once with
        larger:<a batch's bytes per message>; the others are at most that size.

        Run after the listing, so every listed message is in these results if it is large.
        """
        small = max(1, self.batch_bytes // self.batch_size)
        medium = self.raw_max_bytes
        bounds = dict.fromkeys(listed, small)
        for threshold, bound in ((small, medium), (medium, UNKNOWN_SIZE)):
            if threshold >= bound:
                continue
            for query in queries:
                for ident in self._list_ids(f"{query} larger:{threshold}"):
                    if ident in bounds:
                        bounds[ident] = bound
        self._size_bounds.update(bounds)

    def _list_ids(self, query: str) -> list[str]:
        ids: list[str] = []
        page_token: str | None = None
        while True:
            page = self._execute(partial(messages_page, query=query, page_token=page_token), UNITS["messages.list"])
            ids.extend(str(message.get("id")) for message in page.get("messages", []) if message.get("id"))
            page_token = page.get("nextPageToken")
            if not page_token:
                return ids

    # --- fetching -------------------------------------------------------------------------

    def _size_window(self, refs: Sequence[MessageRef]) -> list[int]:
        """Gmail's sizeEstimate of each message (_MISSING when it is gone, UNKNOWN_SIZE when not given)."""
        sizes = self._batch_get(refs, "minimal", size_of)
        return [_MISSING if size is None else size for size in sizes]

    def _fetch_planned(self, batch: Batch) -> list[FetchedMessage]:
        if batch.large:
            return [self._fetch_large(batch.refs[0])]
        wanted = [index for index, size in enumerate(batch.sizes) if size != _MISSING]
        found = self._batch_get([batch.refs[index] for index in wanted], "raw", fetched_message)
        messages = [FetchedMessage(ref=ref, raw=None) for ref in batch.refs]
        for index, message in zip(wanted, found, strict=True):
            if message is not None:
                messages[index] = message
        return messages

    def _fetch_large(self, ref: MessageRef) -> FetchedMessage:
        """One large message: its structure and text parts (format=full), never its attachments."""

        def read_body(attachment_id: str) -> bytes:
            answer = self._execute(
                lambda gmail: (
                    gmail.users().messages().attachments().get(userId="me", messageId=ref.id, id=attachment_id)
                ),
                UNITS["messages.attachments.get"],
            )
            return decode_b64url(str(answer.get("data") or ""))

        with self._large:
            try:
                response = self._execute(
                    lambda gmail: gmail.users().messages().get(userId="me", id=ref.id, format="full"),
                    UNITS["messages.get"],
                )
                raw = mime_from_payload(response.get("payload") or {}, read_body)
            except HttpError as error:
                if error.status_code in MISSING_STATUSES:
                    return FetchedMessage(ref=ref, raw=None)
                raise
        return fetched_message(ref, response, raw)

    def _batch_get(
        self, refs: Sequence[MessageRef], fmt: str, convert: Callable[[MessageRef, Any], T]
    ) -> list[T | None]:
        """messages.get(format=fmt) of every ref in one batch request, in this thread, each answer
        converted as it arrives (so the batch's JSON is not kept); None: the message is gone.
        Failed parts are retried in smaller later batches."""
        done: dict[int, T | None] = {}
        todo = list(range(len(refs)))
        for attempt in range(1, self.max_attempts + 1):
            self._check_stop()
            failures = self._request_batch(refs, todo, done, fmt, convert)
            if any(error is not None and is_rate_limit(error) for _index, error in failures):
                self.pacer.throttled()
            else:
                self.pacer.succeeded()
            retry: list[int] = []
            retry_after: float | None = None
            last_status = 0
            for index, error in failures:
                if error is not None and error.status_code in MISSING_STATUSES:
                    done[index] = None
                elif error is None or gmail_auth.is_retryable(error):
                    retry.append(index)
                    last_status = error.status_code if error is not None else 0
                    if error is not None and (seconds := gmail_auth.retry_after_seconds(error)) is not None:
                        retry_after = max(retry_after or 0.0, seconds)
                else:
                    raise error
            if not retry:
                return [done[index] for index in range(len(refs))]
            if attempt == self.max_attempts:
                raise _GaveUp(last_status, attempt)
            logger.info(
                "run %s: %d of %d messages to retry (HTTP %s, attempt %d)",
                self.context.run_id,
                len(retry),
                len(refs),
                last_status,
                attempt,
            )
            self._sleep(self._backoff(attempt, retry_after))
            todo = retry
        raise AssertionError("unreachable")

    def _request_batch(
        self,
        refs: Sequence[MessageRef],
        todo: list[int],
        done: dict[int, T | None],
        fmt: str,
        convert: Callable[[MessageRef, Any], T],
    ) -> list[tuple[int, HttpError | None]]:
        """One multipart batch request. Returns the parts that failed (error None: the whole request failed)."""
        failures: list[tuple[int, HttpError | None]] = []
        gmail = self._service()
        requests = [
            (str(index), gmail.users().messages().get(userId="me", id=refs[index].id, format=fmt)) for index in todo
        ]
        # A batch costs the sum of its parts; paced last, just before sending.
        self.pacer.acquire(UNITS["messages.get"] * len(todo), self._sleep)
        try:
            answers = gmail_batch_http.execute(self._local.http, self.batch_uri, requests)
        except HttpError as error:
            # The batch request itself failed: every part is retried or the error raised.
            if not gmail_auth.is_retryable(error):
                raise
            return [(index, error) for index in todo if index not in done]
        except (*_TRANSPORT_ERRORS, gmail_batch_http.MalformedAnswer) as error:
            logger.info("run %s: batch request failed (%s)", self.context.run_id, type(error).__name__)
            return [(index, None) for index in todo if index not in done]
        answered = set()
        for answer in answers:
            index = int(answer.request_id)
            answered.add(index)
            if answer.error is not None:
                failures.append((index, answer.error))
            else:
                done[index] = convert(refs[index], answer.response)
        # A part the answer left out is asked again, like a failed one.
        failures.extend((index, None) for index in todo if index not in answered)
        return failures


def _load_credentials(user_id: int) -> Credentials:
    from accounts.crypto import DecryptionError
    from accounts.models import GmailCredential

    credential = GmailCredential.objects.filter(user_id=user_id).first()
    if credential is None:
        raise gmail_auth.GmailAccessError("Gmail is not connected — connect Gmail in Settings.")
    try:
        return gmail_auth.credentials_for(credential)
    except DecryptionError as error:
        raise gmail_auth.GmailAccessError(str(error)) from None
