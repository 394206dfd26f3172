"""EMAIL_URL and every mail allauth sends: confirmations, password reset, address change."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from accounts.models import User
from config.email import parse_email_url
from tests.conftest import PASSWORD, link_in

NEW_PASSWORD = "a-much-newer-horse-battery"


def test_it_reads_an_smtp_url_with_starttls() -> None:
    parsed = parse_email_url("smtp://jobs%40example.com:p%3Ass@mail.example.com:587")
    assert parsed == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.com",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "jobs@example.com",
        "EMAIL_HOST_PASSWORD": "p:ss",
        "EMAIL_USE_SSL": False,
        "EMAIL_USE_TLS": True,
        "EMAIL_TIMEOUT": 10.0,
    }


def test_it_reads_implicit_tls_plain_relays_and_timeouts() -> None:
    smtps = parse_email_url("smtps://u:p@mail.example.com")
    assert (smtps["EMAIL_PORT"], smtps["EMAIL_USE_SSL"], smtps["EMAIL_USE_TLS"]) == (465, True, False)
    relay = parse_email_url("smtp://127.0.0.1:25?tls=off&timeout=3")
    assert (relay["EMAIL_USE_SSL"], relay["EMAIL_USE_TLS"], relay["EMAIL_TIMEOUT"]) == (False, False, 3.0)
    assert relay["EMAIL_HOST_USER"] == ""


def test_it_reads_console_file_and_locmem() -> None:
    assert parse_email_url("console:")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    assert parse_email_url("locmem:")["EMAIL_BACKEND"].endswith("locmem.EmailBackend")
    outbox = parse_email_url("file:///var/spool/jobtrail")
    assert outbox == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/var/spool/jobtrail",
    }


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("mailto:me@example.com", "must start with"),
        ("smtp://", "must name the mail server"),
        ("smtp://host:notaport", "not a valid URL"),
        ("smtp://host?tls=maybe", "tls must be on or off"),
        ("smtp://host?timeout=soon", "timeout must be a number"),
        ("smtp://host?timeout=0", "more than 0"),
        ("smtp://host?ssl=on", "unknown options"),
        ("file://relative/folder", "absolute folder"),
    ],
)
def test_it_refuses_a_bad_email_url(url: str, says: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=says):
        parse_email_url(url)


def _reset_password(client: Client, email: str) -> str:
    response = client.post(reverse("account_reset_password"), {"email": email})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [email]
    # The mailed link stores its key in the session and redirects to a key-less URL.
    form_url = client.get(link_in(message.body))["Location"]
    return str(form_url)


def test_it_resets_a_password_through_the_mailed_link(alice: User) -> None:
    client = Client()
    form_url = _reset_password(client, alice.email)
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    old = Client().post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    assert old.status_code == 200  # refused
    browser = Client()
    new = browser.post(reverse("account_login"), {"login": alice.email, "password": NEW_PASSWORD})
    assert new["Location"] == reverse("dashboard")
    assert browser.get(reverse("dashboard")).status_code == 200


def test_it_answers_a_reset_for_an_unknown_address_like_a_known_one(db: None) -> None:
    response = Client().post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    # What arrives says that no account uses the address; it carries no reset link.
    (message,) = mail.outbox
    assert "password/reset/key" not in str(message.body)


def test_it_does_not_reveal_on_signup_that_an_address_is_registered(alice: User) -> None:
    fresh = Client().post(
        reverse("account_signup"), {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )
    taken = Client().post(
        reverse("account_signup"), {"email": alice.email, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    assert User.objects.filter(email=alice.email).count() == 1
    to_alice = [m for m in mail.outbox if m.to == [alice.email]]
    (notice,) = to_alice
    assert "already" in str(notice.body).lower()  # the owner learns someone tried


def test_it_changes_the_address_only_after_the_new_one_is_confirmed(alice: User, alice_client: Client) -> None:
    response = alice_client.post(reverse("account_email"), {"action_add": "", "email": "alice.new@example.com"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"  # not yet
    (message,) = mail.outbox
    assert message.to == ["alice.new@example.com"]
    assert alice_client.post(link_in(message.body)).status_code == 302
    alice.refresh_from_db()
    assert alice.email == "alice.new@example.com"
    assert list(EmailAddress.objects.filter(user=alice).values_list("email", "verified")) == [
        ("alice.new@example.com", True)
    ]


def test_it_keeps_one_address_per_account(alice: User, alice_client: Client, settings: Any) -> None:
    alice_client.post(reverse("account_email"), {"action_add": "", "email": "second@example.com"})
    alice_client.post(reverse("account_email"), {"action_add": "", "email": "third@example.com"})
    addresses = set(EmailAddress.objects.filter(user=alice).values_list("email", "verified"))
    # The confirmed address, and at most one pending change (the latest replaces the earlier).
    assert ("alice@example.com", True) in addresses
    assert len(addresses) <= 2
    assert all(not verified for email, verified in addresses if email != "alice@example.com")
