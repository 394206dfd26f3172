from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from processing.models import CancelReason, ProcessingRun
from processing.runs import cancel_run_sync


class Command(BaseCommand):
    help = (
        "Cancel started runs wherever they run: in this machine's daphne processes or "
        "another's (through the channel layer, with the durable cancel flag as fallback). "
        "Results stored so far are kept; a later run resumes."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--user", help="Cancel this user's started run (email address).")
        target.add_argument("--run", type=int, help="Cancel the run with this id.")
        target.add_argument("--all", action="store_true", help="Cancel every started run.")
        parser.add_argument(
            "--reason",
            default=CancelReason.COMMAND,
            choices=[c.value for c in CancelReason],
            help="Recorded on the run (default: command).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["user"]:
            user = User.objects.filter(email__iexact=options["user"]).first()
            if user is None:
                raise CommandError(f"No user with email {options['user']!r}.")
            run_ids = list(ProcessingRun.objects.for_user(user).active().values_list("pk", flat=True))
        elif options["run"]:
            run_ids = [options["run"]]
        else:
            run_ids = list(ProcessingRun.objects.active().values_list("pk", flat=True))
        if not run_ids:
            self.stdout.write("No running task found.")
            return
        for run_id in run_ids:
            outcome = cancel_run_sync(run_id=run_id, reason=options["reason"])
            run = outcome.run
            if run is None:
                self.stdout.write(f"run {run_id}: {outcome.message}")
            else:
                self.stdout.write(
                    f"run {run.pk} {run.status} processed={run.processed_emails} "
                    f"total={run.total_emails or 0}: {outcome.message}"
                )
