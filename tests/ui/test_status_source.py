"""The application page names the address whose email set its status: anyone can send mail."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from jobmail.taxonomy import Status
from tests.ui.conftest import make_application, make_mail

pytestmark = pytest.mark.django_db

FORGED = "recruiting@northwind-careers.example"


def _page(client: Client, pk: int) -> str:
    response = client.get(reverse("application_detail", args=[pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_names_the_address_of_the_email_that_moved_the_status(alice: User, alice_client: Client) -> None:
    app = make_application(alice, "Northwind", status=Status.OFFER)
    make_mail(alice, app, sender_email="careers@northwind.example", status=Status.APPLIED)
    make_mail(
        alice,
        app,
        sender=f"Northwind Careers <{FORGED}>",
        sender_email=FORGED,
        status=Status.OFFER,
        received_at=datetime(2026, 10, 9, 9, tzinfo=UTC),
    )
    html = _page(alice_client, app.pk)
    source = html.split('<p class="status-source small">', 1)[1].split("</p>", 1)[0]
    assert source.startswith("Offer because of an email from ")
    assert f"&lt;<bdi>{FORGED}</bdi>&gt;" in source
    assert "Oct 9, 2026" in source
    assert "set the status yourself" in source
    # Every email in the timeline with a status names its address too.
    assert f'from <bdi class="sender-address">{FORGED}</bdi>' in html
    assert 'from <bdi class="sender-address">careers@northwind.example</bdi>' in html


def test_it_names_no_email_when_you_set_the_status(alice: User, alice_client: Client) -> None:
    app = make_application(alice, "Northwind", status=Status.OFFER, status_locked=True)
    make_mail(alice, app, sender_email=FORGED, status=Status.OFFER)
    assert "status-source" not in _page(alice_client, app.pk)


def test_it_names_no_email_when_none_has_the_status(alice: User, alice_client: Client) -> None:
    app = make_application(alice, "Northwind", status=Status.INTERVIEW)
    make_mail(alice, app, sender_email=FORGED, status=Status.APPLIED)
    assert "status-source" not in _page(alice_client, app.pk)
