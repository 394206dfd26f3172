"""`connect_gmail` and a Gmail `process_mail`, as an administrator runs them."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from accounts.models import GmailCredential, User
from dashboard.models import Email
from tests.fakes.gmail_server import FakeGmailServer
from tests.gmail.conftest import ENCRYPTION_KEY
from tests.live import ROOT, test_database_url


def _manage(gmail: FakeGmailServer, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **gmail.env(),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": test_database_url(),
        "FIELD_ENCRYPTION_KEY": ENCRYPTION_KEY,
        "DEBUG": "true",
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.django_db(transaction=True)
def test_it_connects_gmail_then_processes_it_end_to_end(alice: User, gmail: FakeGmailServer) -> None:
    ids = gmail.generate_messages(30)
    refresh = gmail.new_refresh_token()
    connected = _manage(gmail, "connect_gmail", "--user", "alice@example.com", "--refresh-token", "-", stdin=refresh)
    assert connected.returncode == 0, connected.stderr
    assert "Connected Gmail me@example.com for alice@example.com" in connected.stdout
    credential = GmailCredential.objects.get(user=alice)
    assert credential.refresh_token == refresh
    assert refresh not in credential.refresh_token_encrypted
    assert credential.email == gmail.email_address

    processed = _manage(gmail, "process_mail", "--user", "alice@example.com", "--source", "gmail", "--wait")
    assert processed.returncode == 0, processed.stderr
    assert processed.stdout.strip().endswith("finished processed=30 total=30")
    assert sorted(Email.objects.filter(user=alice).values_list("provider_message_id", flat=True)) == sorted(ids)
    assert gmail.count("batch") == 1  # sizes come from the listing (larger:), one batch fetches them
    for secret in (refresh, credential.access_token):
        assert secret not in connected.stdout + connected.stderr + processed.stdout + processed.stderr


def _connect(*args: str) -> str:
    output = io.StringIO()
    call_command("connect_gmail", *args, stdout=output)
    return output.getvalue()


def test_it_refuses_a_revoked_refresh_token(alice: User, gmail: FakeGmailServer) -> None:
    refresh = gmail.new_refresh_token()
    gmail.revoked_tokens.add(refresh)
    with pytest.raises(CommandError, match=r"rejected the refresh token \(invalid_grant\)") as caught:
        _connect("--user", "alice@example.com", "--refresh-token", refresh)
    assert refresh not in str(caught.value)
    assert not GmailCredential.objects.filter(user=alice).exists()


def test_it_refuses_a_token_without_the_gmail_permission(alice: User, gmail: FakeGmailServer) -> None:
    from tests.fakes.gmail_server import Fault, google_error

    body = google_error(403, "Request had insufficient authentication scopes.", "insufficientPermissions")
    gmail.enqueue(Fault.status(403, body=body), kind="profile")
    with pytest.raises(CommandError, match="not allowed to read this mailbox"):
        _connect("--user", "alice@example.com", "--refresh-token", gmail.new_refresh_token())
    assert not GmailCredential.objects.filter(user=alice).exists()


def test_it_names_an_unknown_user(db: None, gmail: FakeGmailServer) -> None:
    with pytest.raises(CommandError, match=re.escape("No user with email 'nobody@example.com'")):
        _connect("--user", "nobody@example.com", "--refresh-token", "x")


def test_it_needs_the_oauth_client(alice: User, gmail: FakeGmailServer, settings: object) -> None:
    settings.GOOGLE_CLIENT_SECRET = ""  # type: ignore[attr-defined]
    with pytest.raises(CommandError, match="Set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET"):
        _connect("--user", "alice@example.com", "--refresh-token", "x")
    assert gmail.requests == []


def test_it_stores_what_it_verified(alice: User, gmail: FakeGmailServer) -> None:
    refresh = gmail.new_refresh_token()
    text = _connect("--user", "ALICE@example.com", "--refresh-token", refresh)
    assert "process_mail --user alice@example.com --source gmail" in text
    credential = GmailCredential.objects.get(user=alice)
    assert gmail.access_token_valid(credential.access_token)
    assert credential.token_expiry is not None
    assert gmail.count("token") == 1
    assert gmail.count("profile") == 1
