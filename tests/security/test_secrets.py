"""OAuth tokens: encrypted at rest, never in logs or admin pages, rotatable keys."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import crypto
from accounts.models import GmailCredential, User
from processing import runs
from processing.models import ProcessingRun, RunStatus, Source
from processing.registry import registry
from tests.live import ROOT
from tests.live import test_database_url as live_database_url
from tests.security.conftest import ACCESS_TOKEN, REFRESH_TOKEN, World, build_world

CLIENT_SECRET = "client-SECRET-7c1b0e"
REFRESHED_TOKEN = "ya29.refreshed-SECRET-51f3a0"
SECRETS = (REFRESH_TOKEN, ACCESS_TOKEN, CLIENT_SECRET, REFRESHED_TOKEN)


class CapturingHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def text(self) -> str:
        formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
        return "\n".join(formatter.format(record) for record in self.records)  # includes tracebacks


@pytest.fixture
def all_logs() -> Iterator[CapturingHandler]:
    """Every log record at DEBUG, from every logger, including those that do not propagate."""
    handler = CapturingHandler()
    loggers = [logging.getLogger()] + [
        logger for logger in logging.root.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    saved = [(logger, logger.level) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        if logger is logging.getLogger() or not logger.propagate:
            logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger, level in saved:
            logger.setLevel(level)
            logger.removeHandler(handler)


class GoogleStandIn(BaseHTTPRequestHandler):
    """OAuth token endpoint and Gmail API on loopback, answering what the test needs."""

    server: Any

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def _json(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode())
        self.server.token_requests.append(form)
        if self.server.mode == "revoked":
            self._json(400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."})
        else:
            self._json(200, {"access_token": REFRESHED_TOKEN, "expires_in": 3599, "token_type": "Bearer"})

    def do_GET(self) -> None:
        self.server.api_requests.append((self.path, self.headers.get("Authorization", "")))
        error = {"code": 403, "message": "Request had insufficient authentication scopes."}
        self._json(403, {"error": {**error, "errors": [{"reason": "insufficientPermissions"}]}})


@pytest.fixture
def google(settings: Any) -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), GoogleStandIn)
    server.mode = "revoked"  # type: ignore[attr-defined]
    server.token_requests = []  # type: ignore[attr-defined]
    server.api_requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    settings.GOOGLE_TOKEN_URI = f"{url}/token"
    settings.GMAIL_API_ENDPOINT = url
    settings.GOOGLE_CLIENT_ID = "test-client.apps.googleusercontent.com"
    settings.GOOGLE_CLIENT_SECRET = CLIENT_SECRET
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _assert_no_secrets(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret[:12]}… appears in {where}"


def _ciphertexts(user: User) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT refresh_token_encrypted, access_token_encrypted FROM accounts_gmailcredential WHERE user_id = %s",
            [user.pk],
        )
        row = cursor.fetchone()
    assert row is not None
    return str(row[0]), str(row[1])


# --- at rest ---------------------------------------------------------------------------


def test_it_stores_tokens_encrypted(alice_world: World, settings: Any) -> None:
    refresh, access = _ciphertexts(alice_world.user)
    assert REFRESH_TOKEN not in refresh
    assert ACCESS_TOKEN not in access
    fernet = Fernet(settings.FIELD_ENCRYPTION_KEYS[0].encode())
    assert fernet.decrypt(refresh.encode()).decode() == REFRESH_TOKEN
    assert fernet.decrypt(access.encode()).decode() == ACCESS_TOKEN
    credential = GmailCredential.objects.get(user=alice_world.user)
    assert credential.refresh_token == REFRESH_TOKEN
    _assert_no_secrets(repr(credential) + str(credential), "the credential's repr")
    assert refresh not in repr(credential)


# --- in logs ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("process_services")
@pytest.mark.parametrize(
    ("mode", "error"),
    [
        ("revoked", "Gmail access was revoked or expired — reconnect Gmail"),
        ("refreshed", "Jobtrail is not allowed to read this mailbox — reconnect Gmail and allow reading email."),
    ],
)
async def test_it_keeps_tokens_out_of_the_logs_of_a_failing_gmail_run(
    mode: str, error: str, alice: User, google: ThreadingHTTPServer, all_logs: CapturingHandler
) -> None:
    from asgiref.sync import sync_to_async

    def plant() -> None:
        world = build_world(alice)
        # Expired: the run must refresh, sending the refresh token and client secret.
        GmailCredential.objects.filter(pk=world.credential.pk).update(token_expiry=timezone.now() - timedelta(hours=1))

    await sync_to_async(plant)()
    google.mode = mode  # type: ignore[attr-defined]
    run = await runs.start_run(alice.pk, source=Source.GMAIL, classifier="rules")
    handle = registry.get(run.pk)
    assert handle is not None
    await asyncio.wait_for(handle.done.wait(), 30)
    run = await ProcessingRun.objects.aget(pk=run.pk)
    assert run.status == RunStatus.FAILED
    assert run.error_message == error
    # The secrets really went over the wire, so code that could have logged them ran.
    sent = google.token_requests[0]  # type: ignore[attr-defined]
    assert sent["refresh_token"] == [REFRESH_TOKEN]
    assert sent["client_secret"] == [CLIENT_SECRET]
    if mode == "refreshed":
        assert google.api_requests[0][1] == f"Bearer {REFRESHED_TOKEN}"  # type: ignore[attr-defined]
        credential = await GmailCredential.objects.aget(user=alice)
        assert REFRESHED_TOKEN not in credential.access_token_encrypted  # saved, encrypted
        assert await sync_to_async(lambda: credential.access_token)() == REFRESHED_TOKEN
    assert all_logs.records, "nothing was logged: the capture is broken"
    assert any(str(run.pk) in record.getMessage() for record in all_logs.records)
    _assert_no_secrets(all_logs.text(), "the logs")
    _assert_no_secrets(run.error_message, "the run's error message")


def test_it_keeps_tokens_out_of_admin_pages(
    alice_world: World, staff_client: Client, all_logs: CapturingHandler
) -> None:
    refresh, access = _ciphertexts(alice_world.user)
    pages = [
        reverse("admin:accounts_gmailcredential_changelist"),
        reverse("admin:accounts_gmailcredential_change", args=[alice_world.credential.pk]),
        reverse("admin:accounts_gmailcredential_history", args=[alice_world.credential.pk]),
        reverse("admin:accounts_user_change", args=[alice_world.user.pk]),
        reverse("admin:accounts_gmailcredential_changelist") + "?q=alice",
    ]
    for url in pages:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        _assert_no_secrets(html, url)
        assert refresh not in html, f"ciphertext shown on {url}"
        assert access not in html, f"ciphertext shown on {url}"
    assert b"alice@example.com" in staff_client.get(pages[0]).content  # the page did list the grant
    _assert_no_secrets(all_logs.text(), "the logs")


def test_it_keeps_tokens_out_of_the_users_settings_page(alice_world: World, alice_client: Client) -> None:
    html = alice_client.get(reverse("settings")).content.decode()
    _assert_no_secrets(html, "the settings page")


# --- key rotation -------------------------------------------------------------------------


def test_it_decrypts_old_tokens_and_rotates_them_to_the_new_key(alice: User, settings: Any) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old]
    credential = GmailCredential(user=alice)
    credential.refresh_token = REFRESH_TOKEN
    credential.access_token = ACCESS_TOKEN
    credential.save()
    old_refresh, _ = _ciphertexts(alice)

    settings.FIELD_ENCRYPTION_KEYS = [new, old]  # FIELD_ENCRYPTION_KEY="new,old"
    credential.refresh_from_db()
    assert credential.refresh_token == REFRESH_TOKEN  # old ciphertext, still readable
    rotated = crypto.rotate(old_refresh)
    assert rotated != old_refresh
    assert Fernet(new.encode()).decrypt(rotated.encode()).decode() == REFRESH_TOKEN

    call_command("rotate_encryption_key", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.FIELD_ENCRYPTION_KEYS = [new]  # the old key is gone
    credential.refresh_from_db()
    assert (credential.refresh_token, credential.access_token) == (REFRESH_TOKEN, ACCESS_TOKEN)
    settings.FIELD_ENCRYPTION_KEYS = [old]
    with pytest.raises(crypto.DecryptionError):
        _ = credential.refresh_token


def test_it_refuses_to_rotate_when_a_token_cannot_be_decrypted(alice: User, bob: User, settings: Any) -> None:
    lost, current = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [lost]
    orphan = GmailCredential(user=alice)
    orphan.refresh_token = REFRESH_TOKEN
    orphan.save()
    settings.FIELD_ENCRYPTION_KEYS = [current]
    fine = GmailCredential(user=bob)
    fine.refresh_token = "bobs-token"
    fine.save()
    before = list(GmailCredential.objects.order_by("pk").values_list("refresh_token_encrypted", flat=True))
    with pytest.raises(CommandError, match="cannot be decrypted with any configured key; nothing was changed"):
        call_command("rotate_encryption_key")
    after = list(GmailCredential.objects.order_by("pk").values_list("refresh_token_encrypted", flat=True))
    assert after == before


@pytest.mark.django_db(transaction=True)
def test_it_rotates_with_the_keys_given_in_the_environment(alice: User, settings: Any) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old]
    credential = GmailCredential(user=alice)
    credential.refresh_token = REFRESH_TOKEN
    credential.save()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL=live_database_url(), FIELD_ENCRYPTION_KEY=f"{new},{old}"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "rotate_encryption_key"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Re-encrypted the tokens of 1 Gmail connection(s)" in result.stdout
    _assert_no_secrets(result.stdout + result.stderr, "the command's output")
    refresh, _ = _ciphertexts(alice)
    assert Fernet(new.encode()).decrypt(refresh.encode()).decode() == REFRESH_TOKEN
