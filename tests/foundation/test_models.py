from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from accounts.models import User
from dashboard.models import Application, Email
from jobmail.taxonomy import DEFINITIONS, VALUES
from processing.models import ProcessingRun, RunStatus


def test_it_allows_one_started_run_per_user(alice: User) -> None:
    ProcessingRun.objects.create(user=alice, status=RunStatus.STARTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcessingRun.objects.create(user=alice, status=RunStatus.STARTED)
    assert connection.vendor in {"sqlite", "postgresql"}


def test_it_allows_many_ended_runs_and_one_started(alice: User, bob: User) -> None:
    for status in (RunStatus.FINISHED, RunStatus.CANCELLED, RunStatus.FAILED, RunStatus.INTERRUPTED):
        ProcessingRun.objects.create(user=alice, status=status)
    ProcessingRun.objects.create(user=alice, status=RunStatus.FINISHED)
    ProcessingRun.objects.create(user=alice, status=RunStatus.STARTED)
    ProcessingRun.objects.create(user=bob, status=RunStatus.STARTED)
    assert ProcessingRun.objects.active().count() == 2


def test_it_enforces_one_email_per_provider_message(alice: User, bob: User) -> None:
    Email.objects.create(user=alice, provider_message_id="abc")
    Email.objects.create(user=bob, provider_message_id="abc")
    with pytest.raises(IntegrityError), transaction.atomic():
        Email.objects.create(user=alice, provider_message_id="abc")


def test_it_uses_one_status_vocabulary_everywhere() -> None:
    expected = [
        "applied",
        "rejected",
        "interview",
        "assessment",
        "offer",
        "recruiter_outreach",
        "action_required",
        "withdrawn",
        "other_job",
        "not_job",
    ]
    assert list(VALUES) == expected
    assert set(DEFINITIONS) == set(expected)
    email_choices = [value for value, _ in Email._meta.get_field("status").choices or []]
    assert email_choices == expected
    app_choices = [value for value, _ in Application._meta.get_field("status").choices or []]
    assert app_choices == [s for s in expected if s != "not_job"]
    from jobmail.classify.llm import SCHEMA

    assert SCHEMA["properties"]["status"]["enum"] == expected


def test_it_hides_tombstoned_emails(alice: User) -> None:
    from django.utils import timezone

    Email.objects.create(user=alice, provider_message_id="kept")
    Email.objects.create(user=alice, provider_message_id="gone", deleted_at=timezone.now())
    assert [e.provider_message_id for e in Email.objects.for_user(alice).visible()] == ["kept"]
