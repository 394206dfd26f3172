"""The Today panel: upcoming events, actions until done, follow-ups, gone quiet."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from dashboard.models import Application
from jobmail.taxonomy import Status
from planner.models import Preferences
from tests.ui.conftest import make_application, make_mail

HX = {"HX-Request": "true"}

pytestmark = pytest.mark.django_db


def _days_ago(days: float) -> object:
    return timezone.now() - timedelta(days=days)


def _panel(client: Client) -> str:
    response = client.get("/today")
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_an_interview_in_the_next_14_days_soonest_first(alice: User, alice_client: Client) -> None:
    later = make_application(alice, "Later Co", status=Status.INTERVIEW)
    sooner = make_application(alice, "Sooner Co", status=Status.ASSESSMENT)
    make_mail(alice, later, status=Status.INTERVIEW, event_at=timezone.now() + timedelta(days=10))
    make_mail(alice, sooner, status=Status.ASSESSMENT, event_at=timezone.now() + timedelta(days=2))
    far = make_application(alice, "Far Co", status=Status.INTERVIEW)
    make_mail(alice, far, status=Status.INTERVIEW, event_at=timezone.now() + timedelta(days=20))
    html = _panel(alice_client)
    assert html.index("Sooner Co") < html.index("Later Co")
    assert "Assessment deadline" in html
    assert "Far Co" not in html


def test_it_shows_one_event_for_an_invitation_and_its_confirmation(alice: User, alice_client: Client) -> None:
    app = make_application(alice, "Twice Co", status=Status.INTERVIEW)
    when = timezone.now() + timedelta(days=3)
    make_mail(alice, app, status=Status.INTERVIEW, event_at=when)
    make_mail(alice, app, status=Status.INTERVIEW, event_at=when, subject="Confirmed")
    assert _panel(alice_client).count(">Twice Co") == 1


def test_it_keeps_an_action_until_marked_done(alice: User, alice_client: Client) -> None:
    app = make_application(alice, "Docs Co", status=Status.ACTION_REQUIRED, last_activity_at=timezone.now())
    email = make_mail(alice, app, status=Status.ACTION_REQUIRED, subject="Please send your references")
    assert "Please send your references" in _panel(alice_client)
    response = alice_client.post(f"/today/actions/{email.pk}/done", headers=HX)
    assert response.status_code == 200
    assert "Please send your references" not in response.content.decode()
    assert "Please send your references" not in _panel(alice_client)


def test_it_suggests_a_follow_up_14_days_after_applying(alice: User, alice_client: Client) -> None:
    make_application(alice, "Fresh Co", last_activity_at=_days_ago(5))
    make_application(alice, "Waiting Co", last_activity_at=_days_ago(15))
    html = _panel(alice_client)
    assert "Waiting Co" in html
    assert "no reply for 15 days since you applied" in html
    assert "Fresh Co" not in html


def test_it_suggests_a_follow_up_7_days_after_an_interview(alice: User, alice_client: Client) -> None:
    make_application(alice, "Talked Co", status=Status.INTERVIEW, last_activity_at=_days_ago(8))
    assert "since your interview" in _panel(alice_client)


def test_it_uses_the_users_follow_up_days(alice: User, alice_client: Client) -> None:
    Preferences.objects.create(user=alice, follow_up_after_applied=3)
    make_application(alice, "Eager Co", last_activity_at=_days_ago(4))
    assert "Eager Co" in _panel(alice_client)


def test_it_drops_a_follow_up_marked_done_until_new_mail(alice: User, alice_client: Client) -> None:
    app = make_application(alice, "Waiting Co", last_activity_at=_days_ago(15))
    response = alice_client.post(f"/today/follow-ups/{app.pk}/done", headers=HX)
    assert "Waiting Co" not in response.content.decode()
    assert "follow-up marked as done" in response["HX-Trigger"]
    # The employer writes, then goes quiet again for long enough: a new suggestion.
    Application.objects.filter(pk=app.pk).update(last_activity_at=_days_ago(14.5))
    assert "Waiting Co" in _panel(alice_client)


def test_it_snoozes_a_follow_up(alice: User, alice_client: Client) -> None:
    app = make_application(alice, "Waiting Co", last_activity_at=_days_ago(15))
    alice_client.post(f"/today/follow-ups/{app.pk}/snooze", headers=HX)
    assert "Waiting Co" not in _panel(alice_client)


def test_it_offers_no_reply_after_30_days_and_changes_nothing_by_itself(alice: User, alice_client: Client) -> None:
    app = make_application(alice, "Silent Co", last_activity_at=_days_ago(40))
    html = _panel(alice_client)
    assert 'id="quiet-' in html
    assert "Silent Co" in html
    app.refresh_from_db()
    assert app.status == Status.APPLIED


def test_it_closes_as_no_reply_when_the_user_confirms(alice: User, alice_client: Client) -> None:
    app = make_application(alice, "Silent Co", last_activity_at=_days_ago(40))
    response = alice_client.post(f"/today/quiet/{app.pk}/close", headers=HX)
    assert "applications-changed" in response["HX-Trigger"]
    app.refresh_from_db()
    assert app.status == Status.WITHDRAWN
    assert not app.status_locked
    assert "Silent Co" not in _panel(alice_client)


def test_it_keeps_waiting_when_the_user_says_so(alice: User, alice_client: Client) -> None:
    app = make_application(alice, "Silent Co", last_activity_at=_days_ago(40))
    alice_client.post(f"/today/quiet/{app.pk}/keep", headers=HX)
    app.refresh_from_db()
    assert app.status == Status.APPLIED
    assert "Silent Co" not in _panel(alice_client)


def test_it_shows_the_panel_on_the_dashboard(alice: User, alice_client: Client) -> None:
    make_application(alice, "Waiting Co", last_activity_at=_days_ago(15))
    html = alice_client.get("/").content.decode()
    assert 'id="today"' in html
    assert html.index('id="today"') < html.index('id="applications"')


def test_it_answers_404_for_another_users_application(alice: User, bob_client: Client) -> None:
    app = make_application(alice, "Waiting Co", last_activity_at=_days_ago(15))
    email = make_mail(alice, app, status=Status.ACTION_REQUIRED)
    for path in (
        f"/today/follow-ups/{app.pk}/done",
        f"/today/follow-ups/{app.pk}/snooze",
        f"/today/quiet/{app.pk}/close",
        f"/today/quiet/{app.pk}/keep",
        f"/today/actions/{email.pk}/done",
    ):
        assert bob_client.post(path).status_code == 404, path


def test_it_redirects_anonymous_users_to_log_in(client: Client) -> None:
    assert client.get("/today").status_code == 302
    assert client.post("/today/quiet/1/close").status_code == 302


def test_it_refuses_get_on_answers(alice: User, alice_client: Client) -> None:
    app = make_application(alice, "Waiting Co", last_activity_at=_days_ago(15))
    assert alice_client.get(f"/today/follow-ups/{app.pk}/done").status_code == 405


def test_it_refuses_an_answer_without_csrf(alice: User, csrf_client: Client) -> None:
    app = make_application(alice, "Waiting Co", last_activity_at=_days_ago(15))
    assert csrf_client.post(f"/today/follow-ups/{app.pk}/done").status_code == 403
