"""What every section's worker process shares: sizes, Django set-up, users, logging."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class Scale:
    name: str
    #: Throughput at LLM_CONCURRENCY=16: emails fetched from the fake Gmail, classified by the fake LLM.
    emails: int
    #: The same at the default concurrency (8).
    default_emails: int
    #: The sequential configuration's rate is constant, so a smaller mailbox suffices.
    sequential_emails: int
    cancels: int
    concurrent_runs: int
    #: The event-loop section measures while the runs last, at most this long.
    loop_seconds: float
    applications: int
    emails_per_application: int
    small_applications: int
    page_requests: int
    memory_small: int
    memory_large: int
    #: The rules-only mbox run (section 9): emails in the small and the large mbox.
    rate_small: int
    rate_large: int
    #: Tokens: how many demo emails (None: all).
    demo_emails: int | None


SCALES = {
    "full": Scale("full", 1000, 1000, 60, 50, 20, 40.0, 10_000, 5, 100, 60, 1_000, 10_000, 200, 2_000, None),
    "quick": Scale("quick", 400, 200, 16, 12, 20, 10.0, 2_000, 5, 100, 20, 200, 2_000, 200, 2_000, None),
    # For the harness's own smoke test: seconds, not minutes.
    "tiny": Scale("tiny", 16, 16, 4, 3, 2, 5.0, 100, 2, 20, 3, 50, 200, 50, 200, 12),
}

#: The latencies the issue prescribes for the fakes.
GMAIL_LATENCY = 0.05
LLM_LATENCY = 0.4
LLM_JITTER = 0.05


def say(message: str) -> None:
    """Progress on stderr (stdout of a worker is not parsed, but keep it quiet)."""
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def setup_django(*, migrate: bool = True) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False, skip_checks=True)


def make_user(email: str, *, staff: bool = False) -> User:
    from accounts.models import User

    # No password: hashing one costs ~0.3 s and the bench logs in with sessions.
    return User.objects.create_user(email, None, is_staff=staff)


def session_for(user: User) -> str:
    """A session cookie for `user`, stored in the database the servers share."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return str(client.cookies["sessionid"].value)
