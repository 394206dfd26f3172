"""Google sign-in and "Connect Gmail" through allauth, against the fake's OAuth endpoints."""

from __future__ import annotations

import io
from typing import Any

import pytest
from allauth.socialaccount.models import SocialAccount, SocialToken
from cryptography.fernet import Fernet, InvalidToken
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import GmailCredential, User
from tests.fakes.gmail_server import GMAIL_SCOPE, FakeGmailServer
from tests.gmail.conftest import CLIENT_ID, ENCRYPTION_KEY, Grant, authorize, connect, consent_and_return

pytestmark = pytest.mark.django_db


def _raw_columns(user: User) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT refresh_token_encrypted, access_token_encrypted FROM accounts_gmailcredential WHERE user_id = %s",
            [user.pk],
        )
        row = cursor.fetchone()
    assert row is not None
    return str(row[0]), str(row[1])


def test_it_asks_google_for_read_only_offline_access_with_consent(alice_client: Client, gmail: FakeGmailServer) -> None:
    params = authorize(alice_client, process="connect")
    assert params["_url"][0].startswith(gmail.authorize_url + "?")
    assert params["client_id"] == [CLIENT_ID]
    assert set(params["scope"][0].split()) == {"openid", "email", "profile", GMAIL_SCOPE}
    assert params["access_type"] == ["offline"]
    assert params["prompt"] == ["consent"]  # no refresh token held yet
    assert params["redirect_uri"] == ["http://testserver/accounts/google/login/callback/"]
    assert params["code_challenge_method"] == ["S256"]


def test_it_skips_the_consent_screen_when_a_refresh_token_is_held(
    alice_client: Client, alice_grant: Grant, gmail: FakeGmailServer
) -> None:
    params = authorize(alice_client, process="connect")
    assert "prompt" not in params


def test_it_stores_an_encrypted_refresh_token_when_gmail_is_connected(
    alice_client: Client, alice: User, gmail: FakeGmailServer
) -> None:
    params = authorize(alice_client, process="connect")
    response = consent_and_return(alice_client, params["_url"][0])
    assert response.status_code == 302
    assert response["Location"] == reverse("settings")
    exchange = next(r for r in gmail.requests if r.kind == "token")
    assert exchange.form["grant_type"] == "authorization_code"
    assert exchange.form["code_verifier"]  # PKCE
    (issued,) = gmail.valid_refresh_tokens
    credential = GmailCredential.objects.get(user=alice)
    assert credential.usable
    assert credential.email == gmail.email_address
    assert GMAIL_SCOPE in credential.scopes.split()
    assert credential.refresh_token == issued
    assert gmail.access_token_valid(credential.access_token)
    refresh_column, access_column = _raw_columns(alice)
    assert issued not in refresh_column
    assert credential.access_token not in access_column
    # allauth keeps no (unencrypted) copy; the Google account is linked to alice.
    assert SocialToken.objects.count() == 0
    assert SocialAccount.objects.get(provider="google").user == alice


def test_it_signs_up_with_google_and_stores_the_grant(db: None, gmail: FakeGmailServer) -> None:
    client = Client()
    params = authorize(client)
    assert params["prompt"] == ["consent"]
    response = consent_and_return(client, params["_url"][0])
    assert response.status_code == 302
    user = User.objects.get(email=gmail.email_address)
    (issued,) = gmail.valid_refresh_tokens
    assert GmailCredential.objects.get(user=user).refresh_token == issued
    assert client.get(reverse("dashboard")).status_code == 200  # signed in


def test_it_keeps_the_refresh_token_when_google_sends_none(
    alice_client: Client, alice: User, gmail: FakeGmailServer
) -> None:
    consent_and_return(alice_client, authorize(alice_client, process="connect")["_url"][0])
    first = GmailCredential.objects.get(user=alice)
    gmail.issue_refresh_tokens = False  # a later sign-in without the consent screen
    consent_and_return(alice_client, authorize(alice_client, process="connect")["_url"][0])
    again = GmailCredential.objects.get(user=alice)
    assert again.refresh_token == first.refresh_token
    assert again.access_token != first.access_token


def test_it_does_not_connect_when_the_gmail_permission_was_unticked(
    alice_client: Client, alice: User, gmail: FakeGmailServer
) -> None:
    gmail.granted_scope = "openid https://www.googleapis.com/auth/userinfo.email"
    response = consent_and_return(alice_client, authorize(alice_client, process="connect")["_url"][0])
    assert not GmailCredential.objects.filter(user=alice).exists()
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("did not grant permission to read email" in text for text in texts)


def test_it_keeps_tokens_unreadable_without_the_key(alice: User, gmail: FakeGmailServer) -> None:
    grant = connect(alice, gmail)
    refresh_column, access_column = _raw_columns(alice)
    assert grant.refresh_token not in refresh_column
    assert grant.access_token not in access_column
    with pytest.raises(InvalidToken):
        Fernet(Fernet.generate_key()).decrypt(refresh_column.encode())
    assert Fernet(ENCRYPTION_KEY.encode()).decrypt(refresh_column.encode()).decode() == grant.refresh_token


def test_it_reencrypts_tokens_with_a_new_key(alice: User, gmail: FakeGmailServer, settings: Any) -> None:
    grant = connect(alice, gmail)
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, ENCRYPTION_KEY]
    output = io.StringIO()
    call_command("rotate_encryption_key", stdout=output)
    assert "1 Gmail connection" in output.getvalue()
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    credential = GmailCredential.objects.get(user=alice)
    assert credential.refresh_token == grant.refresh_token
    assert credential.access_token == grant.access_token
