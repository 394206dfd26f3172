"""Disconnect Gmail and delete my data: the views and their actions."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from accounts.models import GmailCredential, User
from dashboard.models import Application, Email
from processing.models import ClassificationCache, ProcessingRun, RunStatus
from tests.fakes.gmail_server import FakeGmailServer
from tests.gmail.conftest import Grant, connect

pytestmark = pytest.mark.django_db

URLS = ["gmail_disconnect", "delete_my_data"]


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _give_data(user: User) -> None:
    run = ProcessingRun.objects.create(user=user, status=RunStatus.FINISHED, source="gmail")
    application = Application.objects.create(user=user, company="Northwind")
    Email.objects.create(user=user, provider_message_id=f"m-{user.pk}", run=run, application=application)
    ClassificationCache.objects.create(user=user, content_hash=f"h-{user.pk}", result={})


def _data_counts(user: User) -> tuple[int, int, int, int, int]:
    return (
        Email.objects.filter(user=user).count(),
        Application.objects.filter(user=user).count(),
        ProcessingRun.objects.filter(user=user).count(),
        ClassificationCache.objects.filter(user=user).count(),
        GmailCredential.objects.filter(user=user).count(),
    )


# --- disconnect --------------------------------------------------------------------------------


def test_it_revokes_the_grant_at_google_and_deletes_it(
    alice_client: Client, alice: User, alice_grant: Grant, gmail: FakeGmailServer
) -> None:
    response = alice_client.post(reverse("gmail_disconnect"))
    assert response.status_code == 302
    assert response["Location"] == reverse("settings")
    (revoke,) = [r for r in gmail.requests if r.kind == "revoke"]
    assert revoke.status_code == 200
    assert revoke.form["token"] == alice_grant.refresh_token
    assert not gmail.access_token_valid(alice_grant.access_token)  # the whole grant ended
    assert not GmailCredential.objects.filter(user=alice).exists()
    assert _messages(response) == ["Gmail is disconnected and Jobtrail's access was revoked at Google."]


def test_it_deletes_the_grant_even_when_google_cannot_be_reached(
    alice_client: Client, alice: User, alice_grant: Grant, settings: object
) -> None:
    settings.GOOGLE_REVOKE_URI = "http://127.0.0.1:9/revoke"  # type: ignore[attr-defined]
    response = alice_client.post(reverse("gmail_disconnect"))
    assert not GmailCredential.objects.filter(user=alice).exists()
    assert "myaccount.google.com/permissions" in _messages(response)[0]


def test_it_only_disconnects_the_users_own_gmail(
    bob_client: Client, alice: User, alice_grant: Grant, gmail: FakeGmailServer
) -> None:
    response = bob_client.post(reverse("gmail_disconnect"))
    assert _messages(response) == ["Gmail was not connected."]
    assert GmailCredential.objects.filter(user=alice).exists()
    assert gmail.count("revoke") == 0


# --- delete my data -----------------------------------------------------------------------------


def test_it_deletes_all_of_the_users_data_and_nobody_elses(
    alice_client: Client, alice: User, bob: User, gmail: FakeGmailServer
) -> None:
    grant = connect(alice, gmail)
    connect(bob, gmail)
    _give_data(alice)
    _give_data(bob)
    response = alice_client.post(reverse("delete_my_data"), {"confirm": "yes"})
    assert response.status_code == 302
    assert response["Location"] == reverse("settings")
    assert _data_counts(alice) == (0, 0, 0, 0, 0)
    assert _data_counts(bob) == (1, 1, 1, 1, 1)
    assert User.objects.filter(pk=alice.pk).exists()  # the account itself remains
    assert [r.form["token"] for r in gmail.requests if r.kind == "revoke"] == [grant.refresh_token]
    assert "Deleted 1 emails, 1 applications and 1 runs" in _messages(response)[0]


def test_it_refuses_to_delete_while_a_run_is_started(alice_client: Client, alice: User) -> None:
    _give_data(alice)
    ProcessingRun.objects.create(user=alice, status=RunStatus.STARTED, source="demo")
    response = alice_client.post(reverse("delete_my_data"), {"confirm": "yes"})
    assert _messages(response) == ["Processing is running. Cancel it first, then delete your data."]
    assert Email.objects.filter(user=alice).count() == 1


def test_it_deletes_nothing_without_confirmation(alice_client: Client, alice: User) -> None:
    _give_data(alice)
    response = alice_client.post(reverse("delete_my_data"))
    assert _messages(response) == ["Nothing was deleted: tick the box to confirm."]
    assert Email.objects.filter(user=alice).count() == 1


# --- permissions --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", URLS)
def test_it_redirects_anonymous_users_to_login(db: None, name: str) -> None:
    response = Client().post(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", URLS)
def test_it_refuses_get(alice_client: Client, alice: User, name: str) -> None:
    _give_data(alice)
    assert alice_client.get(reverse(name)).status_code == 405
    assert Email.objects.filter(user=alice).count() == 1


@pytest.mark.parametrize("name", URLS)
def test_it_refuses_a_post_without_csrf_token(csrf_client: Client, alice: User, name: str) -> None:
    _give_data(alice)
    assert csrf_client.post(reverse(name), {"confirm": "yes"}).status_code == 403
    assert Email.objects.filter(user=alice).count() == 1
