"""Background sync: due users claimed exactly once, each sync an incremental Gmail run."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from accounts.models import User
from dashboard.models import Email
from processing.models import MailSync, ProcessingRun, RunStatus, Source
from processing.sync import claim_due, do_set_sync
from tests.concurrency import claim_concurrently
from tests.fakes.gmail_server import FakeGmailServer
from tests.gmail.conftest import Grant, connect

pytestmark = [pytest.mark.django_db(transaction=True)]


def _due_users(count: int) -> list[User]:
    users = [User.objects.create_user(f"sync{index}@example.com", "pw-unused-123") for index in range(count)]
    for user in users:
        do_set_sync(user.pk, enabled=True, every_hours=6)
    MailSync.objects.update(next_sync_at=timezone.now() - timedelta(minutes=1))
    return users


def test_it_schedules_the_first_sync_every_hours_from_now_and_stops_when_turned_off(alice: User) -> None:
    before = timezone.now()
    sync = do_set_sync(alice.pk, enabled=True, every_hours=6)
    assert sync.next_sync_at is not None
    assert sync.next_sync_at >= before + timedelta(hours=6)
    assert claim_due() == []  # not due yet
    sync = do_set_sync(alice.pk, enabled=False, every_hours=6)
    assert sync.next_sync_at is None
    MailSync.objects.filter(pk=sync.pk).update(next_sync_at=timezone.now() - timedelta(minutes=1))
    assert claim_due() == []  # off: never claimed


def test_it_claims_a_due_sync_once_and_moves_it_every_hours_on() -> None:
    users = _due_users(3)
    now = timezone.now()
    assert sorted(claim_due(now)) == sorted(user.pk for user in users)
    assert claim_due(now) == []
    for sync in MailSync.objects.all():
        assert sync.last_sync_at == now
        assert sync.next_sync_at == now + timedelta(hours=6)
    assert sorted(claim_due(now + timedelta(hours=6))) == sorted(user.pk for user in users)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent row locks need PostgreSQL")
def test_it_gives_each_due_user_to_exactly_one_of_two_concurrent_claimers() -> None:
    users = _due_users(10)
    now = timezone.now()
    claims = claim_concurrently(lambda index: claim_due(now, limit=2))
    counts = Counter(claims[0] + claims[1])
    assert counts == Counter({user.pk: 1 for user in users})


def test_it_runs_due_syncs_as_incremental_gmail_runs(
    alice: User, gmail: FakeGmailServer, alice_grant: Grant, settings: Any
) -> None:
    bob = User.objects.create_user("bob@example.com", "pw-unused-123")
    connect(bob, gmail)
    gmail.generate_messages(12)
    call_command("process_mail", "--user", alice.email, "--source", "gmail")
    new = gmail.generate_messages(3)
    for user in (alice, bob):
        do_set_sync(user.pk, enabled=True, every_hours=6)
    MailSync.objects.update(next_sync_at=timezone.now() - timedelta(minutes=1))
    gmail.reset_log()

    call_command("sync_mail", "--due")

    alice_sync = ProcessingRun.objects.filter(user=alice).latest("pk")
    assert alice_sync.source == Source.GMAIL
    assert alice_sync.status == RunStatus.FINISHED, alice_sync.error_message
    # Alice's sync read only the mail added since her last run (History API, no listing).
    assert (alice_sync.total_emails, alice_sync.stored_emails) == (3, 3)
    assert set(Email.objects.filter(user=alice).values_list("provider_message_id", flat=True)) >= set(new)
    assert gmail.count("history") == 1
    # Bob had never read his mail: his first sync reads it all.
    bob_runs = ProcessingRun.objects.filter(user=bob)
    assert [(run.status, run.total_emails) for run in bob_runs] == [(RunStatus.FINISHED, 15)]
    # Claimed: nothing is due any more.
    assert MailSync.objects.due(timezone.now()).count() == 0


def test_it_turns_background_sync_on_in_settings_and_shows_the_next_sync(
    client: Any, alice: User, alice_grant: Grant
) -> None:
    client.force_login(alice)
    page = client.get("/settings").content.decode()
    assert "Background sync" in page
    assert "Off: new mail is read when you press" in page
    response = client.post("/settings/sync", {"enabled": "on", "every_hours": "12"}, follow=True)
    page = response.content.decode()
    assert "New mail will be read every 12 hours in the background." in page
    assert "Next sync:" in page
    sync = MailSync.objects.get(user=alice)
    assert sync.enabled
    assert sync.every_hours == 12
    response = client.post("/settings/sync", {"every_hours": "12"}, follow=True)
    assert "Background sync is off" in response.content.decode()
    assert MailSync.objects.get(user=alice).next_sync_at is None


def test_it_refuses_a_sync_interval_out_of_range(client: Any, alice: User, alice_grant: Grant) -> None:
    client.force_login(alice)
    response = client.post("/settings/sync", {"enabled": "on", "every_hours": "0"}, follow=True)
    assert "Nothing was changed: choose every 1 to 168 hours." in response.content.decode()
    assert not MailSync.objects.filter(user=alice).exists()
