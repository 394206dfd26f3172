from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

if TYPE_CHECKING:
    from accounts.models import User


class RunStatus(models.TextChoices):
    STARTED = "started", "Started"
    FINISHED = "finished", "Finished"
    CANCELLED = "cancelled", "Cancelled"
    FAILED = "failed", "Failed"
    INTERRUPTED = "interrupted", "Interrupted"


TERMINAL_RUN_STATUSES = frozenset({RunStatus.FINISHED, RunStatus.CANCELLED, RunStatus.FAILED, RunStatus.INTERRUPTED})


class Source(models.TextChoices):
    GMAIL = "gmail", "Gmail"
    MBOX = "mbox", "Mbox file"
    DEMO = "demo", "Demo mailbox"


class Phase(models.TextChoices):
    #: Recorded, not yet admitted to a slot (the stored value is older than the name).
    STARTING = "queued", "Starting"
    #: Not working yet: in its process's line (full) or held briefly (busy); offered to any
    #: process with room (processing.admission, processing.sharing).
    WAITING = "waiting", "Waiting for a free slot"
    LISTING = "listing", "Listing messages"
    FETCHING = "fetching", "Fetching messages"
    CLASSIFYING = "classifying", "Classifying"
    DONE = "done", "Done"


class CancelReason(models.TextChoices):
    USER = "user", "Cancelled by the user"
    ADMIN = "admin", "Cancelled by an administrator"
    COMMAND = "command", "Cancelled from the command line"
    SHUTDOWN = "shutdown", "Server shut down"
    STALE = "stale", "Owning process stopped responding"


class ProcessingRunQuerySet(models.QuerySet["ProcessingRun"]):
    def for_user(self, user: User | int) -> ProcessingRunQuerySet:
        return self.filter(user=user)

    def active(self) -> ProcessingRunQuerySet:
        return self.filter(status=RunStatus.STARTED)

    def terminal(self) -> ProcessingRunQuerySet:
        return self.exclude(status=RunStatus.STARTED)

    def stale(self, lease: timedelta | None = None) -> ProcessingRunQuerySet:
        """Started runs whose owner has not refreshed the heartbeat within the lease."""
        if lease is None:
            lease = timedelta(seconds=settings.RUN_LEASE_SECONDS)
        return self.active().filter(heartbeat_at__lt=timezone.now() - lease)

    def end_if_stale(self, status: str, error_message: str, **fields: Any) -> int:
        """End these runs if they are still started and still stale; returns how many ended.

        A compare-and-set: a run whose owner refreshed its heartbeat meanwhile is left alone.
        """
        return self.stale().update(
            status=status, finished_at=timezone.now(), phase=Phase.DONE, error_message=error_message, **fields
        )

    def latest_first(self) -> ProcessingRunQuerySet:
        return self.order_by("-created_at", "-pk")


class ProcessingRun(models.Model):
    """One pass over a user's mailbox. At most one is `started` per user (see Meta)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.STARTED)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.DEMO)
    #: For mbox runs: the file or folder read.
    source_path = models.CharField(max_length=1024, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.STARTING)
    #: While the phase is `waiting`: how many runs of the same process are ahead in line.
    waiting_ahead = models.PositiveIntegerField(null=True, blank=True)
    total_emails = models.PositiveIntegerField(null=True, blank=True)
    processed_emails = models.PositiveIntegerField(default=0)
    #: Of the processed: already stored by an earlier run (resume) or tombstoned.
    skipped_emails = models.PositiveIntegerField(default=0)
    #: Of the processed: gone between listing and fetching.
    missing_emails = models.PositiveIntegerField(default=0)
    stored_emails = models.PositiveIntegerField(default=0)
    classifier = models.CharField(max_length=16, blank=True)
    llm_calls = models.PositiveIntegerField(default=0)
    prompt_tokens = models.PositiveBigIntegerField(default=0)
    completion_tokens = models.PositiveBigIntegerField(default=0)
    #: Gmail mailbox historyId recorded when the run finished (incremental reads).
    history_id = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(default=timezone.now)
    #: Which process runs it: "host:pid:token".
    owner = models.CharField(max_length=200, blank=True)
    cancel_requested_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=16, choices=CancelReason.choices, blank=True)
    cancel_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    error_message = models.TextField(blank=True)
    #: Run this one continues (resume after cancel or interruption).
    resumed_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True)

    objects = ProcessingRunQuerySet.as_manager()

    class Meta:
        constraints = [
            # The cross-process arbiter: two processes racing to start a run for
            # the same user cannot both insert a started row.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="started"),
                name="one_started_run_per_user",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "heartbeat_at"], name="run_status_heartbeat"),
            models.Index(fields=["user", "-created_at"], name="run_user_created"),
        ]

    def __str__(self) -> str:
        return f"Run {self.pk} ({self.status}) for user {self.user_id}"

    @property
    def is_active(self) -> bool:
        return self.status == RunStatus.STARTED

    @property
    def is_waiting(self) -> bool:
        return self.status == RunStatus.STARTED and self.phase == Phase.WAITING

    def phase_text(self) -> str:
        """The phase as the page shows it; a waiting run says where it is in line."""
        if not self.is_waiting or self.waiting_ahead is None:
            return self.get_phase_display()
        if self.waiting_ahead == 0:
            return f"{self.get_phase_display()} (next in line)"
        return f"{self.get_phase_display()} ({self.waiting_ahead} ahead)"

    @property
    def percent(self) -> int:
        if not self.total_emails:
            return 100 if self.status == RunStatus.FINISHED else 0
        return min(100, round(100 * self.processed_emails / self.total_emails))

    @property
    def duration(self) -> timedelta:
        end = self.finished_at or timezone.now()
        return end - self.started_at

    def status_message(self) -> str:
        return {
            RunStatus.STARTED: "Processing in progress",
            RunStatus.FINISHED: "Processing complete",
            RunStatus.CANCELLED: "Processing cancelled",
            RunStatus.FAILED: "Processing failed",
            RunStatus.INTERRUPTED: "Processing interrupted",
        }[RunStatus(self.status)]

    def eta_seconds(self) -> float | None:
        """Estimated seconds left, from the rate so far (None when unknown)."""
        if self.status != RunStatus.STARTED or not self.total_emails or not self.processed_emails:
            return None
        # Emails a resume skips (stored by an earlier run) cost nothing: counting them as
        # throughput would promise seconds where minutes remain.
        worked = self.processed_emails - self.skipped_emails
        if worked <= 0:
            return None
        elapsed = (timezone.now() - self.started_at).total_seconds()
        rate = worked / max(elapsed, 0.001)
        return max(0.0, (self.total_emails - self.processed_emails) / rate)


class ClassificationCache(models.Model):
    """Results for identical templated emails, keyed by the cleaned content's hash.

    Per user, so one user's mail never influences another's results.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_hash = models.CharField(max_length=64)
    result = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "content_hash"], name="one_cache_entry_per_hash"),
        ]

    def __str__(self) -> str:
        return f"Cache {self.content_hash[:12]} for user {self.user_id}"


class MailSyncQuerySet(models.QuerySet["MailSync"]):
    def due(self, now: datetime) -> MailSyncQuerySet:
        return self.filter(enabled=True, next_sync_at__lte=now)


class MailSync(models.Model):
    """A user's background sync: an incremental Gmail run every `every_hours` hours.

    `next_sync_at` is also the claim: a process takes a due sync by moving it forward with a
    compare-and-set (processing.sync.claim_due), so exactly one process starts each sync.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_sync")
    enabled = models.BooleanField(default=False)
    every_hours = models.PositiveSmallIntegerField(default=6)
    next_sync_at = models.DateTimeField(null=True, blank=True, db_index=True)
    #: When a process last claimed it and started its run.
    last_sync_at = models.DateTimeField(null=True, blank=True)

    objects = MailSyncQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Mail sync of {self.user_id} every {self.every_hours} h"
