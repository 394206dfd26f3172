"""Every page, partial and action: owner ok, other user 404, anonymous redirected,
wrong method 405, missing CSRF token 403."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from dashboard.models import Application, Email
from jobmail.taxonomy import Status

# name -> (url builder, requested by htmx). Builders take the application and the email.
Url = Callable[[Application, Email], str]
PAGES: dict[str, tuple[Url, bool]] = {
    "dashboard": (lambda a, e: reverse("dashboard"), False),
    "dashboard#applications": (lambda a, e: reverse("dashboard") + "?q=north", True),
    "dashboard#chart": (lambda a, e: reverse("dashboard") + "?partial=chart", True),
    "dashboard#review": (lambda a, e: reverse("dashboard") + "?partial=review", True),
    "application": (lambda a, e: reverse("application_detail", args=[a.pk]), False),
    "application#timeline": (lambda a, e: reverse("application_detail", args=[a.pk]), True),
    "export_csv": (lambda a, e: reverse("export_csv"), False),
    "export_ics": (lambda a, e: reverse("export_ics"), False),
    "settings": (lambda a, e: reverse("settings"), False),
    "processing": (lambda a, e: reverse("processing"), False),
    "processing#progress": (lambda a, e: reverse("processing") + "?partial=progress", True),
}
OWNED_PAGES = ["application", "application#timeline"]
# The processing view is async and reads in worker threads, which only see committed rows.
_COMMITTED = pytest.mark.django_db(transaction=True)
PAGE_PARAMS = [pytest.param(name, marks=_COMMITTED) if name.startswith("processing") else name for name in PAGES]


def _headers(htmx: bool) -> dict[str, str]:
    return {"HX-Request": "true"} if htmx else {}


# name -> (url builder, form data)
ACTIONS: dict[str, tuple[Url, dict[str, str]]] = {
    "status": (lambda a, e: reverse("application_status", args=[a.pk]), {"status": Status.INTERVIEW}),
    "add": (lambda a, e: reverse("application_add"), {"company": "Lumen", "status": Status.APPLIED}),
    "delete_application": (lambda a, e: reverse("application_delete", args=[a.pk]), {}),
    "delete_email": (lambda a, e: reverse("email_delete", args=[e.pk]), {}),
    "confirm": (lambda a, e: reverse("review_confirm", args=[e.pk]), {}),
    "correct": (lambda a, e: reverse("review_correct", args=[e.pk]), {"status": Status.OTHER_JOB}),
}
OWNED_ACTIONS = [name for name in ACTIONS if name != "add"]


@pytest.mark.parametrize("name", PAGE_PARAMS)
def test_it_serves_each_page_and_partial_to_its_owner(
    name: str, alice_client: Client, alice_app: Application, alice_review_email: Email
) -> None:
    url, headers = PAGES[name]
    response = alice_client.get(url(alice_app, alice_review_email), headers=_headers(headers))
    assert response.status_code == 200
    is_partial = headers
    body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    if name.startswith("export"):
        assert b"Northwind" in body or b"VCALENDAR" in body
        return
    assert (b"<html" in body) is not is_partial
    if not is_partial:
        assert b"alice@example.com" in body


@pytest.mark.parametrize("name", OWNED_PAGES)
def test_it_answers_404_for_another_users_application(
    name: str, bob_client: Client, alice_app: Application, alice_review_email: Email
) -> None:
    url, headers = PAGES[name]
    response = bob_client.get(url(alice_app, alice_review_email), headers=_headers(headers))
    assert response.status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_it_redirects_anonymous_visitors_of_pages_to_login(
    name: str, client: Client, alice_app: Application, alice_review_email: Email
) -> None:
    url, _ = PAGES[name]
    response = client.get(url(alice_app, alice_review_email))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", [n for n in PAGES if "#" not in n])
def test_it_refuses_post_on_pages(
    name: str, alice_client: Client, alice_app: Application, alice_review_email: Email
) -> None:
    url, _ = PAGES[name]
    assert alice_client.post(url(alice_app, alice_review_email)).status_code == 405


@pytest.mark.parametrize("name", ACTIONS)
def test_it_lets_the_owner_act(
    name: str, alice_client: Client, alice_app: Application, alice_review_email: Email
) -> None:
    url, data = ACTIONS[name]
    response = alice_client.post(url(alice_app, alice_review_email), data)
    assert response.status_code == 302
    response = alice_client.post(url(alice_app, alice_review_email), data, headers={"HX-Request": "true"})
    # A second time, over htmx: what was deleted is gone; everything else answers a fragment.
    assert response.status_code == (404 if name.startswith("delete") else 200)


@pytest.mark.parametrize("name", OWNED_ACTIONS)
def test_it_answers_404_when_acting_on_another_users_objects(
    name: str, bob_client: Client, alice_app: Application, alice_review_email: Email
) -> None:
    url, data = ACTIONS[name]
    before = (Application.objects.get(pk=alice_app.pk).status, Email.objects.get(pk=alice_review_email.pk).status)
    response = bob_client.post(url(alice_app, alice_review_email), data)
    assert response.status_code == 404
    after_email = Email.objects.get(pk=alice_review_email.pk)
    assert (Application.objects.get(pk=alice_app.pk).status, after_email.status) == before
    assert after_email.deleted_at is None
    assert after_email.needs_review


@pytest.mark.parametrize("name", ACTIONS)
def test_it_redirects_anonymous_actions_to_login(
    name: str, client: Client, alice_app: Application, alice_review_email: Email
) -> None:
    url, data = ACTIONS[name]
    response = client.post(url(alice_app, alice_review_email), data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ACTIONS)
def test_it_refuses_get_on_actions(
    name: str, alice_client: Client, alice_app: Application, alice_review_email: Email
) -> None:
    url, _ = ACTIONS[name]
    assert alice_client.get(url(alice_app, alice_review_email)).status_code == 405


@pytest.mark.parametrize("name", ACTIONS)
def test_it_refuses_actions_without_a_csrf_token(
    name: str, csrf_client: Client, alice_app: Application, alice_review_email: Email
) -> None:
    url, data = ACTIONS[name]
    response = csrf_client.post(url(alice_app, alice_review_email), data)
    assert response.status_code == 403
    assert Application.objects.filter(pk=alice_app.pk, status=alice_app.status).exists()
    assert not Application.objects.filter(company="Lumen").exists()


def test_it_accepts_the_csrf_header_htmx_sends(csrf_client: Client, alice: User, alice_app: Application) -> None:
    page = csrf_client.get(reverse("dashboard"))
    token = page.cookies["csrftoken"].value
    response = csrf_client.post(
        reverse("application_status", args=[alice_app.pk]),
        {"status": Status.OFFER},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assert response.status_code == 200
    assert Application.objects.get(pk=alice_app.pk).status == Status.OFFER
