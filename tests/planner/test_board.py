"""The board: columns by stage, cards with their next step, moving a card sets the status."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from jobmail.taxonomy import Status
from tests.ui.conftest import make_application, make_mail

HX = {"HX-Request": "true"}

pytestmark = pytest.mark.django_db


def _column(html: str, key: str) -> str:
    start = html.index(f'id="column-{key}"')
    end = html.find('<section class="board-column"', start + 1)
    return html[start : end if end != -1 else len(html)]


def test_it_puts_each_application_in_its_stage(alice: User, alice_client: Client) -> None:
    make_application(alice, "Applied Co")
    make_application(alice, "Asked Co", status=Status.ACTION_REQUIRED)
    make_application(alice, "Talk Co", status=Status.INTERVIEW)
    make_application(alice, "No Co", status=Status.REJECTED)
    html = alice_client.get("/board").content.decode()
    assert "Applied Co" in _column(html, "applied")
    assert "Asked Co" in _column(html, "applied")
    assert "Talk Co" in _column(html, "interview")
    assert "No Co" in _column(html, "closed")


def test_it_shows_days_since_activity_and_the_next_step(alice: User, alice_client: Client) -> None:
    app = make_application(
        alice, "Talk Co", status=Status.INTERVIEW, last_activity_at=timezone.now() - timedelta(days=2)
    )
    make_mail(alice, app, status=Status.INTERVIEW, event_at=timezone.now() + timedelta(days=3))
    make_application(alice, "Quiet Co", last_activity_at=timezone.now() - timedelta(days=16))
    html = alice_client.get("/board").content.decode()
    assert "2 days since last activity" in _column(html, "interview")
    assert "Next:</span> <bdi>Interview</bdi>" in _column(html, "interview")
    assert "Next:</span> <bdi>Follow up</bdi>" in _column(html, "applied")


def test_it_moves_a_card_and_locks_the_status(alice: User, alice_client: Client) -> None:
    app = make_application(alice, "Applied Co")
    response = alice_client.post(f"/board/{app.pk}/move", {"status": "interview"}, headers=HX)
    assert response.status_code == 200
    assert "Applied Co" in _column(response.content.decode(), "interview")
    assert "applications-changed" in response["HX-Trigger"]
    app.refresh_from_db()
    assert app.status == Status.INTERVIEW
    assert app.status_locked


def test_it_moves_without_javascript_and_redirects_back(alice: User, alice_client: Client) -> None:
    app = make_application(alice, "Applied Co")
    response = alice_client.post(f"/board/{app.pk}/move", {"status": "withdrawn"})
    assert response.status_code == 302
    assert response["Location"] == "/board"
    app.refresh_from_db()
    assert app.status == Status.WITHDRAWN


def test_it_refuses_a_status_that_is_not_a_column(alice: User, alice_client: Client) -> None:
    app = make_application(alice, "Applied Co")
    alice_client.post(f"/board/{app.pk}/move", {"status": "not_job"}, headers=HX)
    app.refresh_from_db()
    assert app.status == Status.APPLIED


def test_it_answers_404_for_another_users_card(alice: User, bob_client: Client) -> None:
    app = make_application(alice, "Applied Co")
    assert bob_client.post(f"/board/{app.pk}/move", {"status": "offer"}).status_code == 404


def test_it_refuses_anonymous_get_and_no_csrf(
    alice: User, client: Client, alice_client: Client, csrf_client: Client
) -> None:
    app = make_application(alice, "Applied Co")
    assert client.get("/board").status_code == 302
    assert alice_client.get(f"/board/{app.pk}/move").status_code == 405
    assert csrf_client.post(f"/board/{app.pk}/move", {"status": "offer"}).status_code == 403


def test_it_costs_the_same_queries_for_few_and_many_cards(alice: User, alice_client: Client) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_application(alice, "One Co")
    alice_client.get("/board")
    with CaptureQueriesContext(connection) as few:
        alice_client.get("/board")
    for number in range(40):
        app = make_application(
            alice, f"Co {number}", status=[Status.APPLIED, Status.INTERVIEW, Status.REJECTED][number % 3]
        )
        make_mail(alice, app, status=Status.INTERVIEW, event_at=timezone.now() + timedelta(days=1 + number % 5))
    with CaptureQueriesContext(connection) as many:
        html = alice_client.get("/board").content.decode()
    assert len(few.captured_queries) == len(many.captured_queries)
    assert "more in the list" in html
