"""Failed-login limits that stop guessing without locking the owner out; "Remember me"."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.conftest import PASSWORD

STRANGER = "203.0.113.7"
OWNER = "198.51.100.20"


def _login(client: Client, email: str, password: str, **extra: str) -> int:
    response = client.post(reverse("account_login"), {"login": email, "password": password, **extra})
    return response.status_code


def test_it_stops_a_guesser_after_five_wrong_passwords(alice: User) -> None:
    guesser = Client(REMOTE_ADDR=STRANGER)
    for _ in range(5):
        assert _login(guesser, alice.email, "wrong") == 200
    response = guesser.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    assert b"Too many failed login attempts" in response.content
    assert guesser.get(reverse("dashboard")).status_code == 302


def test_it_lets_the_owner_in_from_elsewhere_after_a_strangers_guesses(alice: User) -> None:
    guesser = Client(REMOTE_ADDR=STRANGER)
    for _ in range(6):
        _login(guesser, alice.email, "wrong")
    owner = Client(REMOTE_ADDR=OWNER)
    assert _login(owner, alice.email, PASSWORD) == 302
    assert owner.get(reverse("dashboard")).status_code == 200


def test_it_ends_the_session_with_the_browser_unless_remember_me_is_ticked(alice: User) -> None:
    once = Client()
    _login(once, alice.email, PASSWORD)
    assert once.session.get_expire_at_browser_close()
    assert once.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""

    remembered = Client()
    _login(remembered, alice.email, PASSWORD, remember="on")
    assert not remembered.session.get_expire_at_browser_close()
    assert remembered.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
