"""Background sync: reading each user's new Gmail mail every few hours.

    in-process scheduler (SYNC_SCHEDULER, every SYNC_POLL_SECONDS)  ┐
    manage.py sync_mail --due (cron, systemd timer)                 ┴▶ claim_due ─▶ start_run(gmail)

A sync is an ordinary Gmail run: incremental (History API, from the historyId the last
finished run recorded), cancellable, shown on the processing page. Exactly one process
starts each due sync: claim_due moves the sync's next_sync_at forward with a
compare-and-set on the value it read, so of two processes reading the same due row only
one changes it. On PostgreSQL the rows are also read with FOR UPDATE SKIP LOCKED, so
concurrent claimers take different rows instead of queueing on the same ones.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from processing.db import run_db
from processing.models import MailSync, ProcessingRun, Source
from processing.registry import AlreadyRunning

logger = logging.getLogger("jobtrail.sync")

#: Due syncs claimed by one pass of one process.
CLAIM_LIMIT = 20


def claim_due(now: datetime | None = None, limit: int = CLAIM_LIMIT) -> list[int]:
    """Claim due syncs for this process; returns their users' ids (each claimed once, anywhere)."""
    now = now or timezone.now()
    claimed: list[int] = []
    with transaction.atomic():
        due = MailSync.objects.due(now).order_by("next_sync_at")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        for pk, user_id, next_sync_at, every_hours in due.values_list("pk", "user_id", "next_sync_at", "every_hours")[
            :limit
        ]:
            # Wins the race against every other claimer that read the same next_sync_at.
            moved = MailSync.objects.filter(pk=pk, enabled=True, next_sync_at=next_sync_at).update(
                next_sync_at=now + timedelta(hours=every_hours), last_sync_at=now
            )
            if moved == 1:
                claimed.append(user_id)
    return claimed


#: `processing.runs.start_run`, passed in by the callers: runs starts the scheduler, so this
#: module stays below it and imports nothing of it.
StartRun = Callable[..., Awaitable[ProcessingRun]]


async def start_due_syncs(start_run: StartRun) -> list[ProcessingRun]:
    """Claim the due syncs and start their runs on this event loop."""
    started: list[ProcessingRun] = []
    for user_id in await run_db(claim_due):
        try:
            started.append(await start_run(user_id, source=Source.GMAIL))
        except AlreadyRunning:
            # The user is processing already; that run reads the new mail too.
            logger.info("sync of user %s skipped: a run is in progress", user_id)
    return started


async def sync_periodically(start_run: StartRun) -> None:
    while True:
        try:
            await start_due_syncs(start_run)
        except OperationalError:
            logger.warning("sync scheduler: database unavailable")
        await asyncio.sleep(settings.SYNC_POLL_SECONDS)


def do_set_sync(user_id: int, *, enabled: bool, every_hours: int) -> MailSync:
    """Turn a user's background sync on (the first one `every_hours` from now) or off."""
    sync, _ = MailSync.objects.get_or_create(user_id=user_id)
    now = timezone.now()
    if enabled and (not sync.enabled or sync.every_hours != every_hours or sync.next_sync_at is None):
        sync.next_sync_at = now + timedelta(hours=every_hours)
    if not enabled:
        sync.next_sync_at = None
    sync.enabled = enabled
    sync.every_hours = every_hours
    sync.save()
    return sync
