"""Signed-in responses are never cached, and no script can read the CSRF cookie."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

# Transactional: the processing page renders in a worker thread with its own connection.
pytestmark = pytest.mark.django_db(transaction=True)

PRIVATE = {"no-store", "private", "no-cache", "must-revalidate", "max-age=0"}


def _directives(response: object) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}  # type: ignore[index]


@pytest.mark.parametrize(
    ("name", "headers"),
    [
        ("dashboard", {}),
        ("dashboard", {"HX-Request": "true"}),  # a fragment
        ("processing", {}),
        ("settings", {}),
        ("export_csv", {}),
        ("export_ics", {}),
    ],
)
def test_it_forbids_caching_signed_in_pages_fragments_and_exports(
    alice_client: Client, name: str, headers: dict[str, str]
) -> None:
    response = alice_client.get(reverse(name), headers=headers)
    assert response.status_code == 200
    assert _directives(response) >= PRIVATE
    assert "Cookie" in response["Vary"]


def test_it_forbids_caching_a_signed_in_post_answer(alice_client: Client) -> None:
    response = alice_client.post(reverse("application_add"), {"company": "Northwind", "status": "applied"})
    assert _directives(response) >= PRIVATE


def test_it_leaves_anonymous_pages_alone(client: Client) -> None:
    response = client.get(reverse("healthz"))
    assert "no-store" not in response.get("Cache-Control", "")


def test_it_marks_the_csrf_cookie_httponly_and_still_accepts_the_header_from_the_page(alice: object) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)  # type: ignore[arg-type]
    page = browser.get(reverse("dashboard"))
    assert browser.cookies["csrftoken"]["httponly"]
    # htmx sends the token from <body hx-headers>, rendered by the template, not read from the cookie.
    token = page.content.decode().split('"X-CSRFToken": "', 1)[1].split('"', 1)[0]
    headers = {"X-CSRFToken": token, "HX-Request": "true"}
    response = browser.post(reverse("application_add"), {"company": "Northwind", "status": "applied"}, headers=headers)
    assert response.status_code == 200
    assert (
        browser.post(reverse("application_add"), {"company": "Contoso"}, headers={"HX-Request": "true"}).status_code
        == 403
    )
