"""How the start and cancel views answer htmx: a toast with the real status code, nothing swapped."""

from __future__ import annotations

import json

from django.test import Client
from django.urls import reverse

HTMX = {"HX-Request": "true"}


def _toast(response: object) -> dict[str, str]:
    return dict(json.loads(response["HX-Trigger"])["toast"])  # type: ignore[index]


def test_it_refuses_a_bad_start_with_400_and_a_toast(alice_client: Client) -> None:
    response = alice_client.post(reverse("fetch_emails"), {"start_date": "not-a-date"}, headers=HTMX)
    assert response.status_code == 400
    assert response["HX-Reswap"] == "none"
    assert _toast(response)["level"] == "error"


def test_it_answers_a_cancel_with_nothing_running_with_404_and_a_toast(alice_client: Client) -> None:
    response = alice_client.post(reverse("cancel_fetch_emails"), headers=HTMX)
    assert response.status_code == 404
    assert response["HX-Reswap"] == "none"
    assert _toast(response)["level"] == "error"
