"""The private calendar feed: made and revoked in Settings, read without a session."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from jobmail.taxonomy import Status
from planner.models import Preferences
from tests.ui.conftest import make_application, make_mail

pytestmark = pytest.mark.django_db


def _feed_path(client: Client) -> str:
    client.post("/settings/calendar-feed")
    html = client.get("/settings").content.decode()
    match = re.search(r'id="feed-url"[^>]* value="http://testserver(/calendar/[^"]+\.ics)"', html)
    assert match, "no feed link in Settings"
    return match.group(1)


def test_it_serves_interviews_and_follow_ups_without_a_session(alice: User, alice_client: Client) -> None:
    interview = make_application(alice, "Northwind", status=Status.INTERVIEW)
    make_mail(alice, interview, status=Status.INTERVIEW, event_at=timezone.now() + timedelta(days=3))
    make_application(alice, "Contoso", last_activity_at=timezone.now() - timedelta(days=5))
    path = _feed_path(alice_client)
    response = Client().get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert "SUMMARY:Interview: Northwind" in text
    due = (timezone.localdate() + timedelta(days=9)).strftime("%Y%m%d")
    assert f"DTSTART;VALUE=DATE:{due}" in text
    assert "SUMMARY:Follow up: Contoso" in text


def test_it_answers_404_for_the_old_link_after_a_new_one(alice: User, alice_client: Client) -> None:
    old = _feed_path(alice_client)
    new = _feed_path(alice_client)
    assert old != new
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200


def test_it_answers_404_for_an_unknown_or_empty_token(alice: User) -> None:
    Preferences.objects.create(user=alice)  # no link made yet: an empty digest matches nothing
    assert Client().get("/calendar/not-a-token.ics").status_code == 404
    assert Client().get("/calendar/.ics").status_code == 404


def test_it_shows_only_the_owners_events(alice: User, bob: User, alice_client: Client) -> None:
    theirs = make_application(bob, "Bob Corp", status=Status.INTERVIEW)
    make_mail(bob, theirs, status=Status.INTERVIEW, event_at=timezone.now() + timedelta(days=3))
    text = Client().get(_feed_path(alice_client)).content.decode()
    assert "Bob Corp" not in text


def test_it_stores_only_a_digest_and_an_encrypted_copy(alice: User, alice_client: Client) -> None:
    path = _feed_path(alice_client)
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    row = Preferences.objects.get(user=alice)
    assert len(token) >= 40
    assert token not in row.feed_token_digest
    assert token not in row.feed_token_encrypted


def test_it_needs_a_login_and_post_to_make_a_link(client: Client, alice_client: Client) -> None:
    assert client.post("/settings/calendar-feed").status_code == 302
    assert alice_client.get("/settings/calendar-feed").status_code == 405


def test_it_saves_reminder_days(alice: User, alice_client: Client) -> None:
    response = alice_client.post(
        "/settings/reminders", {"follow_up_after_applied": 10, "follow_up_after_interview": 5, "quiet_after": 45}
    )
    assert response.status_code == 302
    row = Preferences.objects.get(user=alice)
    assert (row.follow_up_after_applied, row.follow_up_after_interview, row.quiet_after) == (10, 5, 45)


def test_it_refuses_reminder_days_out_of_range(alice: User, alice_client: Client) -> None:
    alice_client.post(
        "/settings/reminders", {"follow_up_after_applied": 0, "follow_up_after_interview": 5, "quiet_after": 45}
    )
    assert Preferences.for_user(alice).follow_up_after_applied == 14
