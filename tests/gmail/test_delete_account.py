"""Deleting an account, by its owner from Settings or by an admin: Google is told first."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from accounts.models import GmailCredential, User
from processing.models import ProcessingRun, RunStatus
from tests.conftest import PASSWORD
from tests.fakes.gmail_server import FakeGmailServer
from tests.gmail.conftest import Grant, connect, google_sign_in
from tests.gmail.test_views import _data_counts, _give_data

pytestmark = pytest.mark.django_db

UNREACHABLE = "http://127.0.0.1:9/revoke"


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _revoked_tokens(gmail: FakeGmailServer) -> list[str]:
    return [r.form["token"] for r in gmail.requests if r.kind == "revoke" and r.status_code == 200]


def test_it_deletes_the_account_and_everything_of_it(
    alice: User, alice_client: Client, bob: User, gmail: FakeGmailServer
) -> None:
    grant = connect(alice, gmail)
    connect(bob, gmail)
    _give_data(alice)
    _give_data(bob)
    SocialAccount.objects.create(user=alice, provider="google", uid="alice-google")
    elsewhere = Client()
    elsewhere.force_login(alice)

    response = alice_client.post(reverse("delete_account"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert not User.objects.filter(pk=alice.pk).exists()
    assert _data_counts(alice) == (0, 0, 0, 0, 0)
    assert not SocialAccount.objects.filter(uid="alice-google").exists()
    assert not EmailAddress.objects.filter(email=alice.email).exists()
    assert _revoked_tokens(gmail) == [grant.refresh_token]
    assert not gmail.access_token_valid(grant.access_token)
    assert elsewhere.get(reverse("dashboard")).status_code == 302  # every session ended
    assert alice_client.get(reverse("dashboard")).status_code == 302
    assert _messages(response) == [
        "Your account and all its data were deleted and Jobtrail's access to your Gmail was revoked at Google."
    ]
    assert _data_counts(bob) == (1, 1, 1, 1, 1)  # nobody else's


def test_it_deletes_the_account_and_says_so_when_google_cannot_be_reached(
    alice: User, alice_client: Client, alice_grant: Grant, settings: Any
) -> None:
    settings.GOOGLE_REVOKE_URI = UNREACHABLE
    response = alice_client.post(reverse("delete_account"), {"password": PASSWORD})
    assert not User.objects.filter(pk=alice.pk).exists()
    (message,) = _messages(response)
    assert "Google could not be reached" in message
    assert "myaccount.google.com/permissions" in message


def test_it_deletes_an_account_without_gmail(alice: User, alice_client: Client) -> None:
    response = alice_client.post(reverse("delete_account"), {"password": PASSWORD})
    assert not User.objects.filter(pk=alice.pk).exists()
    assert _messages(response) == ["Your account and all its data were deleted."]


def test_it_keeps_the_account_when_the_password_is_wrong(
    alice: User, alice_client: Client, alice_grant: Grant, gmail: FakeGmailServer
) -> None:
    response = alice_client.post(reverse("delete_account"), {"password": "not-it"})
    assert response["Location"] == reverse("settings")
    assert _messages(response) == ["Your account was not deleted: the password is not correct."]
    assert User.objects.filter(pk=alice.pk).exists()
    assert GmailCredential.objects.filter(user=alice).exists()
    assert gmail.count("revoke") == 0


def test_it_asks_a_google_only_user_to_type_the_phrase(gmail: FakeGmailServer) -> None:
    client = Client()
    google_sign_in(client, gmail, email="gina@example.com", sub="400000000000000000004")
    gina = User.objects.get(email="gina@example.com")
    assert not gina.has_usable_password()
    assert "delete my account" in client.get(reverse("settings")).content.decode()
    refused = client.post(reverse("delete_account"), {"confirm_text": "delete"})
    assert "type “delete my account”" in _messages(refused)[0]
    assert User.objects.filter(pk=gina.pk).exists()
    client.post(reverse("delete_account"), {"confirm_text": "Delete my account"})
    assert not User.objects.filter(pk=gina.pk).exists()
    assert len(_revoked_tokens(gmail)) == 1


def test_it_refuses_while_a_run_is_started(alice: User, alice_client: Client) -> None:
    ProcessingRun.objects.create(user=alice, status=RunStatus.STARTED, source="demo")
    response = alice_client.post(reverse("delete_account"), {"password": PASSWORD})
    assert _messages(response) == ["Processing is running. Cancel it first, then delete your account."]
    assert User.objects.filter(pk=alice.pk).exists()


def test_it_only_deletes_the_signed_in_users_account(alice: User, bob: User, bob_client: Client) -> None:
    # Bob knows alice's password: the view still acts only on bob, who is refused.
    response = bob_client.post(reverse("delete_account"), {"password": "wrong-for-bob"})
    assert _messages(response) == ["Your account was not deleted: the password is not correct."]
    assert User.objects.filter(pk__in=[alice.pk, bob.pk]).count() == 2


def test_it_redirects_anonymous_users_to_login(db: None) -> None:
    response = Client().post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_refuses_get(alice: User, alice_client: Client) -> None:
    assert alice_client.get(reverse("delete_account")).status_code == 405
    assert User.objects.filter(pk=alice.pk).exists()


def test_it_refuses_a_post_without_csrf_token(alice: User, csrf_client: Client) -> None:
    assert csrf_client.post(reverse("delete_account"), {"password": PASSWORD}).status_code == 403
    assert User.objects.filter(pk=alice.pk).exists()


# --- admin ---------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(db: None) -> Client:
    staff = User.objects.create_superuser("root@example.com", PASSWORD)
    client = Client()
    client.force_login(staff)
    return client


def test_it_revokes_when_an_admin_deletes_a_user(
    admin_client: Client, alice: User, alice_grant: Grant, gmail: FakeGmailServer
) -> None:
    elsewhere = Client()
    elsewhere.force_login(alice)
    url = reverse("admin:accounts_user_delete", args=[alice.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=alice.pk).exists()
    assert _revoked_tokens(gmail) == [alice_grant.refresh_token]
    assert elsewhere.get(reverse("dashboard")).status_code == 302


def test_it_revokes_when_an_admin_deletes_users_in_bulk(
    admin_client: Client, alice: User, bob: User, gmail: FakeGmailServer
) -> None:
    grants = [connect(alice, gmail).refresh_token, connect(bob, gmail).refresh_token]
    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [alice.pk, bob.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert sorted(_revoked_tokens(gmail)) == sorted(grants)
    assert not User.objects.filter(pk__in=[alice.pk, bob.pk]).exists()


def test_it_revokes_when_an_admin_deletes_a_gmail_credential(
    admin_client: Client, alice: User, alice_grant: Grant, gmail: FakeGmailServer
) -> None:
    credential = GmailCredential.objects.get(user=alice)
    response = admin_client.post(
        reverse("admin:accounts_gmailcredential_delete", args=[credential.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not GmailCredential.objects.filter(pk=credential.pk).exists()
    assert _revoked_tokens(gmail) == [alice_grant.refresh_token]
    assert User.objects.filter(pk=alice.pk).exists()


def test_it_tells_the_admin_when_google_cannot_be_reached(
    admin_client: Client, alice: User, alice_grant: Grant, settings: Any
) -> None:
    settings.GOOGLE_REVOKE_URI = UNREACHABLE
    credential = GmailCredential.objects.get(user=alice)
    response = admin_client.post(
        reverse("admin:accounts_gmailcredential_delete", args=[credential.pk]), {"post": "yes"}, follow=True
    )
    assert not GmailCredential.objects.filter(pk=credential.pk).exists()
    assert any("could not be reached to revoke the Gmail access of alice@example.com" in m for m in _messages(response))
