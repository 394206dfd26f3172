"""Section 8: a 1,000-message Gmail mailbox read with the per-user quota enforced.

The fake Gmail answers 429 rateLimitExceeded above 250 quota units/s (a token bucket
holding one second's worth), as Google does. The run (rules classifier, so Gmail is the
bottleneck) is timed from its start call to its stored final status; the quota floor is
1,000 messages.get × 5 units ÷ 250 units/s = 20 s.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from bench.corpus import Mailbox
from bench.harness import GMAIL_LATENCY, Scale, make_user, say
from bench.report import Row, at_most

if TYPE_CHECKING:
    from tests.fakes.gmail_server import FakeGmailServer

SECTION = "8. Gmail quota"
MESSAGES = 1000
QUOTA = 250
FLOOR_SECONDS = MESSAGES * 5 / QUOTA


async def _read(user_id: int, gmail: FakeGmailServer) -> float:
    from django.test import override_settings

    from processing import runs
    from processing.models import ProcessingRun, RunStatus, Source
    from processing.registry import registry

    overrides = {name: value for name, value in gmail.env().items() if name.startswith(("GMAIL_", "GOOGLE_"))}
    try:
        with override_settings(GMAIL_QUOTA_UNITS_PER_SECOND=QUOTA, **overrides):
            started = time.monotonic()
            run = await runs.start_run(user_id, source=Source.GMAIL, classifier="rules")
            handle = registry.get(run.pk)
            assert handle is not None
            await handle.done.wait()
            seconds = time.monotonic() - started
    finally:
        await runs.stop_process_services()
    run = await ProcessingRun.objects.aget(pk=run.pk)
    if run.status != RunStatus.FINISHED or run.processed_emails != MESSAGES:
        raise RuntimeError(f"run ended {run.status} with {run.processed_emails}/{MESSAGES} ({run.error_message})")
    return seconds


async def _read_source_only(user_id: int, gmail: FakeGmailServer) -> float:
    """The Gmail side alone (listing and fetching through GmailSource, no pipeline)."""
    from django.test import override_settings

    from processing.sources.base import SourceContext
    from processing.sources.gmail import GmailSource

    overrides = {name: value for name, value in gmail.env().items() if name.startswith(("GMAIL_", "GOOGLE_"))}
    with override_settings(GMAIL_QUOTA_UNITS_PER_SECOND=QUOTA, **overrides):
        source = GmailSource(SourceContext(user_id=user_id, run_id=0))
        started = time.monotonic()
        try:
            listing = await source.list_messages()
            fetched = len([message async for message in source.fetch(listing.refs) if message.raw])
        finally:
            await source.aclose()
        seconds = time.monotonic() - started
    if fetched != MESSAGES:
        raise RuntimeError(f"GmailSource fetched {fetched}/{MESSAGES}")
    return seconds


def run(scale: Scale) -> list[Row]:
    from accounts.actions import do_store_gmail_tokens
    from tests.fakes.gmail_server import FakeGmailServer

    say(f"generating a mailbox of {MESSAGES} emails, quota {QUOTA} units/s enforced")
    with FakeGmailServer(latency=GMAIL_LATENCY, quota_units_per_second=QUOTA) as gmail:
        for raw in Mailbox(seed=17).messages(MESSAGES):
            gmail.add_message(raw)
        user = make_user("quota@bench.example")
        do_store_gmail_tokens(user, refresh_token=gmail.new_refresh_token(), email=gmail.email_address)
        gmail.reset_log()
        seconds = asyncio.run(_read(user.pk, gmail))
        records = [r for r in gmail.requests if r.kind in ("batch", "get", "list", "history", "profile", "attachment")]
        span = max(r.finished_at or r.started_at for r in records) - min(r.started_at for r in records)
        calls = sum(r.batch_parts if r.kind == "batch" else 1 for r in records)
        limited = gmail.count("batch_parts", status=429) + sum(
            1 for r in records if r.kind != "batch" and r.status_code == 429
        )
        time.sleep(1.0)  # the quota bucket refills
        source_seconds = asyncio.run(_read_source_only(user.pk, gmail))
        say(f"  Gmail alone: {source_seconds:.1f} s")
    say(f"  {seconds:.1f} s ({span:.1f} s first to last Gmail call), {limited} of {calls} calls answered 429")
    ratio = seconds / FLOOR_SECONDS
    share = limited / calls if calls else 0.0
    return [
        Row(
            SECTION,
            "the Gmail side alone (GmailSource list + fetch, no pipeline), vs the floor",
            f"{source_seconds / FLOOR_SECONDS:.2f}× ({source_seconds:.1f} s)",
            source_seconds / FLOOR_SECONDS,
            note="what the pacer itself costs; the run below adds parsing, classifying and storing",
        ),
        Row(
            SECTION,
            f"{MESSAGES} messages at {QUOTA} units/s, time vs the quota floor ({FLOOR_SECONDS:.0f} s)",
            f"{ratio:.2f}× ({seconds:.1f} s)",
            ratio,
            "≤ 1.2×",
            at_most(ratio, 1.2),
            note=f"rules classifier; {span:.1f} s from the first Gmail call to the last; "
            "sizes bounded by the listing (larger:), no sizing gets",
        ),
        Row(
            SECTION,
            "calls answered 429 rateLimitExceeded",
            f"{share * 100:.2f}% ({limited} of {calls})",
            share,
            "≤ 1%",
            at_most(share, 0.01),
            note="calls: API requests and batch parts, retries included",
        ),
    ]
