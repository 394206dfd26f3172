"""Start the background syncs that are due, from cron or a systemd timer.

    python manage.py sync_mail --due

Each due sync is claimed by exactly one process (this one or a web process's scheduler;
set SYNC_SCHEDULER=false on the web processes to leave it to this command), started as an
ordinary incremental Gmail run, and waited for. Ctrl-C or SIGTERM cancels them.
"""

from __future__ import annotations

import asyncio
import signal
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from processing import runs
from processing.db import run_db
from processing.models import CancelReason, ProcessingRun
from processing.registry import registry
from processing.sync import start_due_syncs


class Command(BaseCommand):
    help = "Start the background Gmail syncs that are due, and wait for them."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--due", action="store_true", help="start every sync that is due now")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["due"]:
            raise CommandError("Say which syncs to start: `manage.py sync_mail --due`.")
        finished = asyncio.run(self._sync())
        if not finished:
            self.stdout.write("no sync was due")
        for run in finished:
            self.stdout.write(
                f"user {run.user_id}: run {run.pk} {run.status} processed={run.processed_emails} "
                f"total={run.total_emails}"
            )

    async def _sync(self) -> list[ProcessingRun]:
        loop = asyncio.get_running_loop()
        try:
            started = await start_due_syncs(runs.start_run)
            handles = [handle for run in started if (handle := registry.get(run.pk)) is not None]

            def cancel_all(reason: str) -> None:
                for handle in handles:
                    handle.cancel(reason)

            loop.add_signal_handler(signal.SIGINT, cancel_all, CancelReason.COMMAND)
            loop.add_signal_handler(signal.SIGTERM, cancel_all, CancelReason.SHUTDOWN)
            for handle in handles:
                await handle.done.wait()
        finally:
            loop.remove_signal_handler(signal.SIGINT)
            loop.remove_signal_handler(signal.SIGTERM)
            await runs.stop_process_services()
        return [await run_db(ProcessingRun.objects.get, pk=run.pk) for run in started]
