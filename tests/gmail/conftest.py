from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from cryptography.fernet import Fernet
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.actions import do_store_gmail_tokens
from accounts.models import GmailCredential, User
from processing.sources.gmail import GmailSource
from tests.fakes.gmail_server import FakeGmailServer

CLIENT_ID = "jobtrail-test.apps.googleusercontent.com"
CLIENT_SECRET = "jobtrail-test-secret"
ENCRYPTION_KEY = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def _encryption_key(settings: Any) -> None:
    settings.FIELD_ENCRYPTION_KEYS = [ENCRYPTION_KEY]


@pytest.fixture
def gmail(settings: Any) -> Iterator[FakeGmailServer]:
    """The fake Gmail and Google OAuth endpoints, with Jobtrail's settings pointing at them."""
    with FakeGmailServer(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, strict_refresh_tokens=True) as server:
        for name, value in server.env().items():
            setattr(settings, name, value)
        settings.GOOGLE_LOGIN_ENABLED = True
        # The fake enforces no quota unless a test asks it to, nor does the pacer.
        settings.GMAIL_QUOTA_UNITS_PER_SECOND = 1_000_000
        settings.SOCIALACCOUNT_PROVIDERS = {
            "google": {
                **settings.SOCIALACCOUNT_PROVIDERS["google"],
                "APPS": [{"client_id": CLIENT_ID, "secret": CLIENT_SECRET, "key": ""}],
            }
        }
        yield server


@pytest.fixture(autouse=True)
def _quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    # Our own back-off base, not a client library: retries stay real, just short.
    monkeypatch.setattr(GmailSource, "retry_base_seconds", 0.01)
    monkeypatch.setattr(GmailSource, "retry_max_seconds", 0.05)


@dataclass
class Grant:
    refresh_token: str
    access_token: str


def connect(user: User, gmail: FakeGmailServer) -> Grant:
    """Give `user` a working grant on the fake, stored as an OAuth login would store it."""
    refresh = gmail.new_refresh_token()
    access = gmail.issue_access_token(refresh)
    do_store_gmail_tokens(
        user,
        refresh_token=refresh,
        access_token=access,
        expires_at=timezone.now() + timedelta(hours=1),
        scopes=gmail.scope,
        email=gmail.email_address,
    )
    return Grant(refresh, access)


@pytest.fixture
def alice_grant(alice: User, gmail: FakeGmailServer) -> Grant:
    return connect(alice, gmail)


def credential_of(user: User) -> GmailCredential:
    return GmailCredential.objects.get(user=user)


def authorize(client: Client, **data: str) -> dict[str, list[str]]:
    """Start the Google login; returns the parameters of the redirect to Google."""
    response = client.post(reverse("google_login"), data)
    assert response.status_code == 302
    location = response["Location"]
    return parse_qs(urlsplit(location).query) | {"_url": [location]}


def consent_and_return(client: Client, authorize_url: str) -> Any:
    # The fake consent screen answers at once with a redirect to our callback.
    consent = httpx.get(authorize_url, follow_redirects=False)
    assert consent.status_code == 302
    callback = consent.headers["location"]
    assert callback.startswith("http://testserver/accounts/google/login/callback/?")
    return client.get(callback.removeprefix("http://testserver"))


def google_sign_in(client: Client, gmail: FakeGmailServer, *, email: str, sub: str, process: str = "login") -> Any:
    """The whole "Continue with Google" (or "Connect Gmail") round trip as the Google account `email`/`sub`."""
    gmail.email_address, gmail.user_sub = email, sub
    return consent_and_return(client, authorize(client, process=process)["_url"][0])
