from __future__ import annotations

import asyncio
import signal
import sys
from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from processing import runs
from processing.db import run_db
from processing.models import CancelReason, ProcessingRun, RunStatus, Source
from processing.registry import registry


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Dates are written YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Process one user's mailbox in this process: list messages, classify them and "
        "store applications. Messages stored by an earlier run are skipped (resume). "
        "Ctrl-C cancels the run and keeps what was already classified."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--user", required=True, help="Email address of the Jobtrail user.")
        parser.add_argument(
            "--source",
            choices=[s.value for s in Source],
            help="Where to read mail from (default: gmail if connected, else demo).",
        )
        parser.add_argument("--mbox", help="Path to an .mbox file or a folder of .eml files (with --source mbox).")
        parser.add_argument("--start-date", help="Only mail received on or after this date (YYYY-MM-DD).")
        parser.add_argument("--end-date", help="Only mail received on or before this date (YYYY-MM-DD).")
        parser.add_argument("--classifier", choices=["rules", "llm"], help=f"Default: {settings.CLASSIFIER}.")
        parser.add_argument(
            "--wait",
            action="store_true",
            help="Print nothing until the run ends, then one line: run <id> <status> processed=<n> total=<m>.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["user"]).first()
        if user is None:
            raise CommandError(
                f"No user with email {options['user']!r}. Create one with `manage.py load_demo` or sign up."
            )
        source = options["source"]
        path = ""
        if source == Source.MBOX or options["mbox"]:
            source = Source.MBOX
            if not options["mbox"]:
                raise CommandError("--source mbox needs --mbox PATH.")
            mbox = Path(options["mbox"]).expanduser().resolve()
            if not mbox.exists():
                raise CommandError(f"{mbox} does not exist.")
            path = str(mbox)
        if source is None:
            source = Source.GMAIL if user.gmail_connected else Source.DEMO
        if source == Source.GMAIL and not user.gmail_connected:
            raise CommandError("This user has not connected Gmail. Use `manage.py connect_gmail` first.")
        start = _parse_date(options["start_date"]) if options["start_date"] else None
        end = _parse_date(options["end_date"]) if options["end_date"] else None
        run = asyncio.run(self._run(user.pk, source, path, start, end, options["classifier"], options["wait"]))
        self.stdout.write(f"run {run.pk} {run.status} processed={run.processed_emails} total={run.total_emails or 0}")
        if run.error_message and run.status != RunStatus.FINISHED:
            self.stderr.write(run.error_message)
        if run.status not in (RunStatus.FINISHED, RunStatus.CANCELLED):
            sys.exit(1)

    async def _run(
        self,
        user_id: int,
        source: str,
        path: str,
        start: date | None,
        end: date | None,
        classifier: str | None,
        quiet: bool,
    ) -> ProcessingRun:
        try:
            run = await runs.start_run(
                user_id, source=source, source_path=path, start_date=start, end_date=end, classifier=classifier
            )
        except runs.AlreadyRunning:
            raise CommandError(
                "This user already has a run in progress. Cancel it with `manage.py cancel_run --user ...`."
            ) from None
        handle = registry.get(run.pk)
        assert handle is not None
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGINT, handle.cancel, CancelReason.COMMAND)
        loop.add_signal_handler(signal.SIGTERM, handle.cancel, CancelReason.SHUTDOWN)
        if not quiet:
            self.stderr.write(f"run {run.pk} started (source={source}); Ctrl-C cancels")
        try:
            while not handle.done.is_set():
                try:
                    async with asyncio.timeout(1.0):
                        await handle.done.wait()
                except TimeoutError:
                    if not quiet:
                        current = await run_db(ProcessingRun.objects.get, pk=run.pk)
                        self.stderr.write(
                            f"  {current.get_phase_display()}: {current.processed_emails}/{current.total_emails or '?'}"
                        )
        finally:
            loop.remove_signal_handler(signal.SIGINT)
            loop.remove_signal_handler(signal.SIGTERM)
            await runs.stop_process_services()
        await runs.announcements_sent()  # the e-mail digest, if the user asked for one
        return await run_db(ProcessingRun.objects.get, pk=run.pk)
