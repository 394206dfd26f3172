"""Pre-account takeover through Google's e-mail sign-in (issue 12, critical finding 1).

The attack: Mallory signs up with Bea's address, links her own Google account through
"Connect Gmail", waits for Bea to "Continue with Google" (which used to land Bea in
Mallory's account and store Bea's Gmail grant there), then signs in again with her own
Google account and reads Bea's mail. Every step speaks OAuth to the fake Google.
"""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from accounts.models import GmailCredential, User
from processing import sockets
from tests.conftest import PASSWORD
from tests.fakes.gmail_server import FakeGmailServer
from tests.gmail.conftest import google_sign_in
from tests.security.test_socket_sessions import _open
from tests.sockets import signed_in_socket

pytestmark = pytest.mark.django_db

BEA = "bea@example.com"
BEA_SUB = "200000000000000000002"
MALLORY_GOOGLE = "mallory@example.org"
MALLORY_SUB = "300000000000000000003"


def _signed_in_user(client: Client) -> User | None:
    response = client.get(reverse("dashboard"))
    if response.status_code != 200:
        return None
    user = response.wsgi_request.user
    assert isinstance(user, User)
    return user


def _grant_refresh_tokens() -> dict[str, str]:
    """Refresh token held, by owner's address."""
    return {c.user.email: c.refresh_token for c in GmailCredential.objects.select_related("user")}


def _bea_signs_in_with_google(gmail: FakeGmailServer) -> tuple[Client, Any, str | None]:
    bea = Client()
    issued_before = set(gmail.valid_refresh_tokens)
    response = google_sign_in(bea, gmail, email=BEA, sub=BEA_SUB)
    new_tokens = set(gmail.valid_refresh_tokens) - issued_before
    assert len(new_tokens) <= 1
    return bea, response, next(iter(new_tokens), None)


def _assert_mallory_has_nothing_of_bea(mallory: User, gmail: FakeGmailServer, bea_token: str | None) -> None:
    # Mallory signs in again with her own Google account, as in the attack.
    again = Client()
    google_sign_in(again, gmail, email=MALLORY_GOOGLE, sub=MALLORY_SUB)
    assert _signed_in_user(again) == mallory
    credential = GmailCredential.objects.filter(user=mallory).first()
    if credential is not None:
        assert credential.email == MALLORY_GOOGLE
        assert credential.refresh_token != bea_token
    assert not SocialAccount.objects.filter(user=mallory, uid=BEA_SUB).exists()
    # Nor can her password open an account that holds Bea's grant.
    by_password = Client()
    by_password.post(reverse("account_login"), {"login": BEA, "password": PASSWORD})
    entered = _signed_in_user(by_password)
    assert entered is None or not GmailCredential.objects.filter(user=entered, email=BEA).exists()


def test_it_does_not_sign_in_a_signup_before_its_address_is_confirmed(db: None) -> None:
    mallory = Client()
    mallory.post(reverse("account_signup"), {"email": BEA, "password1": PASSWORD, "password2": PASSWORD})
    assert _signed_in_user(mallory) is None
    response = mallory.post(reverse("account_login"), {"login": BEA, "password": PASSWORD})
    assert _signed_in_user(mallory) is None
    assert response.status_code == 302  # to "confirm your address", which mails Bea
    assert not EmailAddress.objects.filter(email=BEA, verified=True).exists()


@pytest.mark.parametrize("verification", ["none", "optional"])
def test_it_keeps_bea_out_of_an_account_made_with_her_address(
    settings: Any, gmail: FakeGmailServer, verification: str
) -> None:
    # Even an operator who turns verification off gets no takeover: e-mail sign-in
    # needs a verified address, which this signup never had.
    settings.ACCOUNT_EMAIL_VERIFICATION = verification
    mallory_client = Client()
    mallory_client.post(reverse("account_signup"), {"email": BEA, "password1": PASSWORD, "password2": PASSWORD})
    mallory = _signed_in_user(mallory_client)
    assert mallory is not None
    assert mallory.email == BEA
    google_sign_in(mallory_client, gmail, email=MALLORY_GOOGLE, sub=MALLORY_SUB, process="connect")
    assert SocialAccount.objects.get(uid=MALLORY_SUB).user == mallory

    bea, _response, bea_token = _bea_signs_in_with_google(gmail)

    assert _signed_in_user(bea) != mallory
    assert not SocialAccount.objects.filter(user=mallory, uid=BEA_SUB).exists()
    assert bea_token not in _grant_refresh_tokens().values()
    _assert_mallory_has_nothing_of_bea(mallory, gmail, bea_token)


def test_it_keeps_bea_out_of_an_account_that_added_her_address(
    settings: Any, gmail: FakeGmailServer, alice: User
) -> None:
    settings.ACCOUNT_ALLOW_REGISTRATION = False
    mallory = alice  # an existing, verified user
    mallory_client = Client()
    mallory_client.post(reverse("account_login"), {"login": mallory.email, "password": PASSWORD})
    assert _signed_in_user(mallory_client) == mallory
    google_sign_in(mallory_client, gmail, email=MALLORY_GOOGLE, sub=MALLORY_SUB, process="connect")
    mallory_client.post(reverse("account_email"), {"action_add": "", "email": BEA})
    # The address is at most a pending change: unverified, and not her login address.
    assert not EmailAddress.objects.filter(email=BEA, verified=True).exists()
    mallory.refresh_from_db()
    assert mallory.email == "alice@example.com"

    bea, _response, bea_token = _bea_signs_in_with_google(gmail)

    assert _signed_in_user(bea) is None  # signup is closed and no account is Bea's
    assert bea_token not in _grant_refresh_tokens().values()
    _assert_mallory_has_nothing_of_bea(mallory, gmail, bea_token)


def test_it_signs_a_verified_owner_in_by_address_and_ends_their_other_sessions(
    gmail: FakeGmailServer, alice: User, alice_client: Client
) -> None:
    assert _signed_in_user(alice_client) == alice
    browser = Client()
    issued_before = set(gmail.valid_refresh_tokens)
    google_sign_in(browser, gmail, email=alice.email, sub=BEA_SUB)
    (alice_token,) = set(gmail.valid_refresh_tokens) - issued_before

    assert _signed_in_user(browser) == alice
    assert _signed_in_user(alice_client) is None  # the earlier session ended
    assert SocialAccount.objects.get(uid=BEA_SUB).user == alice
    assert GmailCredential.objects.get(user=alice).refresh_token == alice_token
    # The Google identity is now linked: the next sign-in finds it without the address.
    again = Client()
    google_sign_in(again, gmail, email=alice.email, sub=BEA_SUB)
    assert _signed_in_user(again) == alice


@pytest.mark.django_db(transaction=True)
async def test_it_closes_the_accounts_sockets_when_google_signs_in_by_address(
    gmail: FakeGmailServer, alice: User
) -> None:
    socket = await signed_in_socket(alice)
    try:
        await _open(socket)
        await sync_to_async(google_sign_in)(Client(), gmail, email=alice.email, sub=BEA_SUB)
        output = await socket.receive_output(timeout=5)
        assert output == {"type": "websocket.close", "code": sockets.CLOSE_SESSION_ENDED}
    finally:
        await socket.disconnect()


def test_it_refuses_address_sign_in_to_an_account_with_another_google_identity(
    gmail: FakeGmailServer, alice: User, alice_client: Client
) -> None:
    google_sign_in(alice_client, gmail, email=MALLORY_GOOGLE, sub=MALLORY_SUB, process="connect")
    stranger = Client()
    issued_before = set(gmail.valid_refresh_tokens)
    google_sign_in(stranger, gmail, email=alice.email, sub=BEA_SUB)
    (stranger_token,) = set(gmail.valid_refresh_tokens) - issued_before

    assert _signed_in_user(stranger) != alice
    assert _signed_in_user(alice_client) == alice  # nothing of alice's was touched
    assert GmailCredential.objects.get(user=alice).email == MALLORY_GOOGLE
    assert stranger_token not in _grant_refresh_tokens().values()


def test_it_does_not_store_a_grant_on_another_account_when_connecting(
    gmail: FakeGmailServer, alice: User, bob: User, bob_client: Client
) -> None:
    # Google account "alice" is linked to alice; bob connecting it gets nothing of it.
    alice_browser = Client()
    google_sign_in(alice_browser, gmail, email=alice.email, sub=BEA_SUB)
    assert SocialAccount.objects.get(uid=BEA_SUB).user == alice
    issued_before = set(gmail.valid_refresh_tokens)
    google_sign_in(bob_client, gmail, email=alice.email, sub=BEA_SUB, process="connect")
    (token,) = set(gmail.valid_refresh_tokens) - issued_before
    assert not GmailCredential.objects.filter(user=bob).exists()
    assert GmailCredential.objects.get(user=alice).refresh_token != token
    assert _signed_in_user(bob_client) == bob
