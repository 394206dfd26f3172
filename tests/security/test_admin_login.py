"""/admin/login/ has no form of its own: staff sign in through the rate-limited account login."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db: None) -> User:
    return User.objects.create_user("admin@example.com", PASSWORD, is_staff=True, is_superuser=True)


def test_it_sends_the_admin_login_to_the_account_login(client: Client) -> None:
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 303
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"


def test_it_never_checks_a_password_posted_to_the_admin_login(client: Client, staff: User) -> None:
    response = client.post("/admin/login/?next=/admin/", {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 303
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_it_refuses_the_right_staff_password_after_60_wrong_ones(client: Client, staff: User) -> None:
    for attempt in range(60):
        client.post("/admin/login/", {"username": staff.email, "password": f"wrong-{attempt}"})
        client.post(reverse("account_login"), {"login": staff.email, "password": f"wrong-{attempt}"})
    response = client.post(reverse("account_login") + "?next=/admin/", {"login": staff.email, "password": PASSWORD})
    # allauth's limits answer 429, or the form says so (the per-address limit on failures).
    assert response.status_code == 429 or b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_it_takes_signed_in_staff_to_the_admin(client: Client, staff: User) -> None:
    client.force_login(staff)
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    assert response["Location"] == "/admin/accounts/user/"
    assert client.get("/admin/").status_code == 200


def test_it_tells_a_signed_in_user_without_staff_access_and_does_not_loop(alice_client: Client, settings: Any) -> None:
    response = alice_client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert b"The admin is only for staff accounts" in response.content


def test_it_ignores_an_offsite_next(client: Client) -> None:
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"
