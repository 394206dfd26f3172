"""Section 1: emails per second from the fake Gmail through the fake LLM, in-process.

Every email goes to the LLM (RULES_SHORTCUT off, distinct texts so the cache never
hits). Runs are started with processing.runs.start_run on this process's event
loop, exactly as daphne would, and timed from the start call to the stored final
status. Three configurations, each on a fresh user and a fresh fake mailbox:

* LLM_CONCURRENCY=16 (Gmail defaults: batches of 50, two in flight);
* LLM_CONCURRENCY=8, the default;
* sequential: one message per Gmail request, one batch in flight, one LLM call at a
  time — how tools that read one email at a time work. Its rate does not depend on
  the mailbox size, so a smaller mailbox is enough.
"""

from __future__ import annotations

import asyncio
import math
import statistics
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bench.corpus import Mailbox
from bench.harness import GMAIL_LATENCY, LLM_JITTER, LLM_LATENCY, Scale, make_user, say
from bench.report import Row, at_least, at_most

if TYPE_CHECKING:
    from tests.fakes.gmail_server import FakeGmailServer, GmailRequest
    from tests.fakes.openai_server import FakeOpenAIServer

SECTION = "1. Throughput"
QUOTA_LIMIT = 250.0
#: Gmail API quota units per call (developers.google.com/gmail/api/reference/quota);
#: a batch costs the sum of its parts.
UNITS = {"get": 5, "list": 5, "profile": 1, "history": 2}


@dataclass
class Config:
    label: str
    emails: int
    llm_concurrency: int
    batch_size: int
    batches_in_flight: int


@dataclass
class Figures:
    config: Config
    seconds: float
    processed: int
    llm_calls: int
    mean_llm_latency: float
    quota_units: int
    peak_units_per_second: float
    max_llm_in_flight: int

    @property
    def rate(self) -> float:
        return self.processed / self.seconds

    @property
    def limit(self) -> float:
        """The floor set by LLM concurrency: ceil(N / concurrency) rounds of one LLM latency."""
        return math.ceil(self.config.emails / self.config.llm_concurrency) * self.mean_llm_latency

    @property
    def units_per_second(self) -> float:
        return self.quota_units / self.seconds


def _units(record: GmailRequest) -> int:
    if record.kind == "batch":
        return UNITS["get"] * record.batch_parts
    return UNITS.get(record.kind, 0)


def _peak_units(records: list[GmailRequest], window: float = 1.0) -> float:
    """The most quota units started within any `window` seconds (Gmail averages over a moving window)."""
    events = sorted((r.started_at, _units(r)) for r in records if _units(r))
    best = 0
    total = 0
    first = 0
    for at, units in events:
        total += units
        while events[first][0] < at - window:
            total -= events[first][1]
            first += 1
        best = max(best, total)
    return best / window


def _mailbox(count: int) -> FakeGmailServer:
    from tests.fakes.gmail_server import FakeGmailServer

    server = FakeGmailServer(latency=GMAIL_LATENCY).start()
    for raw in Mailbox(seed=11).messages(count):
        server.add_message(raw)
    return server


def _connect(user: Any, gmail: FakeGmailServer) -> None:
    from accounts.actions import do_store_gmail_tokens

    do_store_gmail_tokens(user, refresh_token=gmail.new_refresh_token(), email=gmail.email_address)


async def _measure(config: Config, user_id: int, gmail: FakeGmailServer, llm: FakeOpenAIServer) -> Figures:
    from django.test import override_settings

    from processing import runs
    from processing.models import ProcessingRun, RunStatus, Source
    from processing.registry import registry

    llm.reset()
    gmail.reset_log()
    overrides = {
        "LLM_CONCURRENCY": config.llm_concurrency,
        "GMAIL_BATCH_SIZE": config.batch_size,
        "GMAIL_BATCHES_IN_FLIGHT": config.batches_in_flight,
        **{name: value for name, value in gmail.env().items() if name.startswith(("GMAIL_", "GOOGLE_"))},
    }
    with override_settings(**overrides):
        started = time.monotonic()
        run = await runs.start_run(user_id, source=Source.GMAIL, classifier="llm")
        handle = registry.get(run.pk)
        assert handle is not None
        await handle.done.wait()
        seconds = time.monotonic() - started
    run = await ProcessingRun.objects.aget(pk=run.pk)
    if run.status != RunStatus.FINISHED or run.processed_emails != config.emails:
        raise RuntimeError(
            f"{config.label}: run ended {run.status} with {run.processed_emails}/{config.emails} emails "
            f"({run.error_message})"
        )
    answered = [r for r in llm.completed() if r.finished_at is not None]
    latencies = [r.finished_at - r.started_at for r in answered if r.finished_at is not None]
    records = gmail.requests
    return Figures(
        config=config,
        seconds=seconds,
        processed=run.processed_emails,
        llm_calls=run.llm_calls,
        mean_llm_latency=statistics.fmean(latencies) if latencies else math.nan,
        quota_units=sum(_units(r) for r in records),
        peak_units_per_second=_peak_units(records),
        max_llm_in_flight=llm.max_in_flight,
    )


def run(scale: Scale) -> list[Row]:
    from django.conf import settings

    from tests.fakes.openai_server import FakeOpenAIServer

    configs = [
        Config("warm-up", 16, 16, 50, 2),
        Config("LLM_CONCURRENCY=16", scale.emails, 16, settings.GMAIL_BATCH_SIZE, settings.GMAIL_BATCHES_IN_FLIGHT),
        Config(
            "LLM_CONCURRENCY=8", scale.default_emails, 8, settings.GMAIL_BATCH_SIZE, settings.GMAIL_BATCHES_IN_FLIGHT
        ),
        Config("sequential", scale.sequential_emails, 1, 1, 1),
    ]
    say(f"generating mailboxes ({scale.emails} emails)")
    mailboxes = [_mailbox(config.emails) for config in configs]
    users = [make_user(f"throughput-{index}@bench.example") for index in range(len(configs))]
    for user, gmail in zip(users, mailboxes, strict=True):
        _connect(user, gmail)

    async def measure_all(llm: FakeOpenAIServer) -> list[Figures]:
        from processing import runs

        figures = []
        try:
            for config, user, gmail in zip(configs, users, mailboxes, strict=True):
                say(f"run: {config.label}, {config.emails} emails")
                figures.append(await _measure(config, user.pk, gmail, llm))
                say(f"  {figures[-1].rate:.1f} emails/s in {figures[-1].seconds:.1f} s")
        finally:
            await runs.stop_process_services()
        return figures

    llm_settings = {"CLASSIFIER": "llm", "RULES_SHORTCUT": False, "OPENAI_API_KEY": "bench-key"}
    try:
        with FakeOpenAIServer(latency=LLM_LATENCY, jitter=LLM_JITTER) as llm:
            from django.test import override_settings

            with override_settings(OPENAI_BASE_URL=llm.url, **llm_settings):
                _, fast, default, sequential = asyncio.run(measure_all(llm))
    finally:
        for gmail in mailboxes:
            gmail.stop()
    return rows(fast, default, sequential)


def rows(fast: Figures, default: Figures, sequential: Figures) -> list[Row]:
    speedup = fast.rate / sequential.rate
    to_limit = fast.seconds / fast.limit
    default_to_limit = default.seconds / default.limit
    out = [
        Row(
            SECTION,
            f"LLM_CONCURRENCY=16, {fast.processed} emails",
            f"{fast.rate:.1f} emails/s ({fast.seconds:.1f} s)",
            fast.rate,
            note=f"mean LLM latency {fast.mean_llm_latency * 1000:.0f} ms; "
            f"{fast.llm_calls} LLM calls; ≤ {fast.max_llm_in_flight} in flight",
        ),
        Row(
            SECTION,
            f"LLM_CONCURRENCY=8 (default), {default.processed} emails",
            f"{default.rate:.1f} emails/s ({default.seconds:.1f} s)",
            default.rate,
            note=f"{default.seconds / default.limit:.2f}× its limit ceil(N/8) × latency = {default.limit:.1f} s",
        ),
        Row(
            SECTION,
            f"sequential (1 message per Gmail request, 1 LLM call at a time), {sequential.processed} emails",
            f"{sequential.rate:.2f} emails/s ({sequential.seconds:.1f} s)",
            sequential.rate,
            note="smaller mailbox: a sequential rate does not depend on N",
        ),
        Row(
            SECTION,
            "speed-up, 16 vs sequential",
            f"{speedup:.1f}×",
            speedup,
            "≥ 13×",
            at_least(speedup, 13.0),
        ),
        Row(
            SECTION,
            "time at 16 vs the limit ceil(N/16) × mean LLM latency",
            f"{to_limit:.2f}× ({fast.seconds:.1f} s vs {fast.limit:.1f} s)",
            to_limit,
            "≤ 1.3×",
            at_most(to_limit, 1.3),
            note=f"default 8: {default_to_limit:.2f}×",
        ),
        Row(
            SECTION,
            "Gmail quota at 16, mean over the run",
            f"{fast.units_per_second:.0f} units/s",
            fast.units_per_second,
            f"< {QUOTA_LIMIT:.0f} units/s",
            fast.units_per_second < QUOTA_LIMIT,
            note=f"{fast.quota_units} units; busiest second {fast.peak_units_per_second:.0f} units "
            "(Gmail averages over a moving window, bursts allowed)",
        ),
    ]
    return out
