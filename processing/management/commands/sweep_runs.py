from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from processing.runs import sweep_stale_runs


class Command(BaseCommand):
    help = (
        "Mark runs as interrupted when the process running them stopped refreshing their "
        f"heartbeat for longer than the lease (RUN_LEASE_SECONDS, now {settings.RUN_LEASE_SECONDS} s), "
        "e.g. after a crash. Every server process also does this on its own periodically. "
        "An interrupted run can be resumed by starting processing again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        swept = sweep_stale_runs()
        if swept:
            self.stdout.write(f"Interrupted {len(swept)} stale run(s): {', '.join(map(str, swept))}")
        else:
            self.stdout.write("No stale runs.")
