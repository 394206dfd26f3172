"""What the progress card says: time left from real throughput after a resume, and an
outcome sentence that counts what this run read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from processing.models import ProcessingRun, RunStatus
from processing.presenters import processing_context

pytestmark = pytest.mark.django_db


def test_it_estimates_time_left_from_emails_actually_worked_on(alice: User) -> None:
    # A resume skipped 150 stored emails at once, then classified 10 in 20 s: 40 remain.
    run = ProcessingRun.objects.create(
        user=alice,
        status=RunStatus.STARTED,
        total_emails=200,
        processed_emails=160,
        skipped_emails=150,
        started_at=timezone.now() - timedelta(seconds=20),
    )
    eta = run.eta_seconds()
    assert eta is not None
    assert 75 <= eta <= 85  # 40 emails at 0.5 per second, not the 5 s 160 "done" would suggest


def test_it_does_not_guess_before_any_email_was_worked_on(alice: User) -> None:
    run = ProcessingRun.objects.create(
        user=alice, status=RunStatus.STARTED, total_emails=200, processed_emails=150, skipped_emails=150
    )
    assert run.eta_seconds() is None


@pytest.mark.parametrize(
    ("processed", "skipped", "sentence"),
    [
        (186, 186, "Processing complete: no new email since the last run."),
        (186, 180, "Processing complete: 6 new emails read (180 emails read before), 0 job-related."),
        (1, 0, "Processing complete: 1 new email read, 0 job-related."),
    ],
)
def test_it_counts_what_this_run_read(alice: User, processed: int, skipped: int, sentence: str) -> None:
    run = ProcessingRun.objects.create(
        user=alice,
        status=RunStatus.FINISHED,
        total_emails=processed,
        processed_emails=processed,
        skipped_emails=skipped,
        finished_at=timezone.now(),
    )
    assert processing_context(alice.pk, run)["outcome_message"] == sentence
