"""Gmail credentials and the Gmail client: from the encrypted database row to google-auth
and back, and what Gmail's errors mean.

Everything that touches token material lives here, so the rules are in one place:
tokens are encrypted before they reach the database (accounts.crypto), and no
function here puts a token into an exception message or a log line.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import UTC, datetime
from typing import Any

import google_auth_httplib2
import httplib2
import httpx
from django.conf import settings
from django.utils import timezone
from google.auth.exceptions import RefreshError
from google.oauth2.credentials import Credentials
from google_auth_httplib2 import AuthorizedHttp
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import build_http

from accounts.models import GmailCredential
from jobmail.message import parse_date

logger = logging.getLogger("jobtrail.gmail")

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Gmail answers its per-user rate limit with 403 and one of these reasons as often as with 429.
RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})

#: Shown on the run and in the UI when Google answers invalid_grant.
REVOKED_MESSAGE = "Gmail access was revoked or expired — reconnect Gmail"


class GmailAccessError(Exception):
    """Gmail cannot be used for this user; the message says what to do."""


class SharedCredentials(Credentials):
    """Credentials shared by several threads, refreshed at most once for all of them.

    Without this, one expired token costs several refreshes: each thread's request
    answers 401 and refreshes, and a batch whose outer request was just refreshed
    refreshes again for its parts (they were serialised with the old token). A token
    issued seconds ago is as good as a new one; if Google refuses it, refreshing
    again will not help either.
    """

    reuse_seconds = 30.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._jobtrail_lock = threading.Lock()
        self._jobtrail_refreshed_at: float | None = None

    def refresh(self, request: Any) -> None:
        with self._jobtrail_lock:
            last = self._jobtrail_refreshed_at
            if last is not None and self.token and time.monotonic() - last < self.reuse_seconds:
                return
            super().refresh(request)
            self._jobtrail_refreshed_at = time.monotonic()


def client_configured() -> bool:
    return bool(settings.GOOGLE_CLIENT_ID and settings.GOOGLE_CLIENT_SECRET)


def credentials_for(credential: GmailCredential) -> SharedCredentials:
    """google-auth credentials for a stored grant; refreshes go to GOOGLE_TOKEN_URI."""
    if not credential.usable:
        raise GmailAccessError(REVOKED_MESSAGE if credential.revoked_at else "Gmail is not connected — connect Gmail.")
    if not client_configured():
        raise GmailAccessError(
            "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set for Jobtrail to refresh Gmail access."
        )
    expiry = None
    if credential.token_expiry is not None:
        # google-auth compares expiry with a naive UTC "now".
        expiry = credential.token_expiry.astimezone(UTC).replace(tzinfo=None)
    return SharedCredentials(
        token=credential.access_token or None,
        refresh_token=credential.refresh_token,
        token_uri=settings.GOOGLE_TOKEN_URI,
        client_id=settings.GOOGLE_CLIENT_ID,
        client_secret=settings.GOOGLE_CLIENT_SECRET,
        # No scopes: a refresh then returns whatever the user granted, and
        # google-auth does not fail a refresh over scope bookkeeping.
        scopes=None,
        expiry=expiry,
    )


def authorized_http(credentials: Credentials) -> AuthorizedHttp:
    """A new authorised httplib2 client. httplib2.Http is not thread-safe: one per thread."""
    # One refresh per request on 401, not google-auth's default two: a token that
    # is refused right after a refresh will not become valid by refreshing again.
    return AuthorizedHttp(credentials, http=build_http(), max_refresh_attempts=1)


def gmail_service(http: httplib2.Http | AuthorizedHttp) -> Any:
    """The Gmail API client, with all traffic going to GMAIL_API_ENDPOINT."""
    return build(
        "gmail",
        "v1",
        http=http,
        client_options={"api_endpoint": settings.GMAIL_API_ENDPOINT},
        static_discovery=True,
        cache_discovery=False,
    )


def is_invalid_grant(error: RefreshError) -> bool:
    """Google's answer when the refresh token was revoked, expired or belongs to another client."""
    details = error.args[1] if len(error.args) > 1 else None
    if isinstance(details, dict) and details.get("error") == "invalid_grant":
        return True
    return bool(error.args) and str(error.args[0]).startswith("invalid_grant")


def refresh_error_code(error: RefreshError) -> str:
    """The OAuth error code of a failed refresh (never the request or token)."""
    details = error.args[1] if len(error.args) > 1 else None
    if isinstance(details, dict) and isinstance(details.get("error"), str):
        return str(details["error"])[:60]
    return "unknown_error"


def aware_expiry(expiry: datetime | None) -> datetime | None:
    if expiry is None:
        return None
    return expiry.replace(tzinfo=UTC) if expiry.tzinfo is None else expiry


def save_refreshed_token(user_id: int, access_token: str, expiry: datetime | None) -> None:
    """Store a refreshed access token (encrypted) so the next run need not refresh again."""
    from accounts import crypto

    GmailCredential.objects.filter(user_id=user_id, revoked_at__isnull=True).update(
        access_token_encrypted=crypto.encrypt(access_token),
        token_expiry=aware_expiry(expiry),
        updated_at=timezone.now(),
    )


def remember_history_id(user_id: int, history_id: str) -> None:
    """After a finished Gmail run: the next run reads only what was added after `history_id`."""
    GmailCredential.objects.filter(user_id=user_id).update(last_history_id=history_id[:40])


def mark_revoked(user_id: int) -> None:
    GmailCredential.objects.filter(user_id=user_id, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), access_token_encrypted="", token_expiry=None
    )


def revoke_at_google(token: str) -> bool:
    """Ask Google to revoke a grant (a refresh token revokes all its access tokens).

    Returns True when the grant no longer works: revoked now, or already invalid.
    """
    if not token:
        return True
    try:
        response = httpx.post(
            settings.GOOGLE_REVOKE_URI,
            data={"token": token},
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            timeout=10,
        )
    except httpx.HTTPError as exc:
        logger.warning("could not reach Google's revocation endpoint (%s)", type(exc).__name__)
        return False
    if response.status_code == 200:
        return True
    # 400 invalid_token: Google no longer knows the token, which is what we wanted.
    if response.status_code == 400 and "invalid_token" in response.text:
        return True
    logger.warning("Google's revocation endpoint answered %s", response.status_code)
    return False


def refresh(credentials: Credentials) -> None:
    """Exchange the refresh token for a new access token at GOOGLE_TOKEN_URI."""
    credentials.refresh(google_auth_httplib2.Request(build_http()))


def fetch_profile(credentials: Credentials) -> dict[str, Any]:
    """The mailbox profile (emailAddress, historyId, messagesTotal)."""
    profile: dict[str, Any] = gmail_service(authorized_http(credentials)).users().getProfile(userId="me").execute()
    return profile


# --- what Gmail's errors mean ----------------------------------------------------------


def error_reasons(error: HttpError) -> set[str]:
    """The machine-readable reasons of a Google API error body ("rateLimitExceeded", ...)."""
    try:
        body = json.loads(error.content)
    except (TypeError, ValueError):
        return set()
    details = body.get("error") if isinstance(body, dict) else None
    if not isinstance(details, dict):
        return set()
    reasons = {str(item.get("reason")) for item in details.get("errors") or [] if isinstance(item, dict)}
    for item in details.get("details") or []:
        if isinstance(item, dict) and item.get("reason"):
            reasons.add(str(item["reason"]))
    if isinstance(details.get("status"), str):
        reasons.add(details["status"])
    return reasons


def is_retryable(error: HttpError) -> bool:
    status = error.status_code
    return status in RETRYABLE_STATUSES or (status == 403 and bool(RATE_LIMIT_REASONS & error_reasons(error)))


def retry_after_seconds(error: HttpError) -> float | None:
    value = error.resp.get("retry-after") if error.resp is not None else None
    if not value:
        return None
    value = str(value).strip()
    if value.isdigit():
        return float(value)
    moment = parse_date(value)
    return None if moment is None else max(0.0, (moment - datetime.now(UTC)).total_seconds())


def describe_http_error(error: HttpError) -> str:
    """A sentence for the run's error message (Google's own reason, never a token)."""
    status = error.status_code
    reasons = error_reasons(error)
    reason = (error.reason or "").strip()[:300]
    if status == 401:
        return "Gmail refused Jobtrail's access even after renewing it — reconnect Gmail."
    if status == 403 and reasons & {"insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "PERMISSION_DENIED"}:
        return "Jobtrail is not allowed to read this mailbox — reconnect Gmail and allow reading email."
    if status == 403:
        return f"Gmail refused the request (HTTP 403: {reason or 'forbidden'})."
    if status == 400:
        return f"Gmail rejected the request (HTTP 400: {reason or 'bad request'})."
    return f"Gmail answered HTTP {status} ({reason or 'no details'}); try again later."
