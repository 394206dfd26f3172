"""The per-user Gmail quota: the pacer keeps a run under it, and slows down on rate limits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from accounts.models import User
from processing.sources.base import SourceContext, SourceError
from processing.sources.gmail import GmailSource
from processing.sources.gmail_pacer import QuotaPacer, pacer_for
from tests.fakes.gmail_server import FakeGmailServer
from tests.gmail.conftest import Grant

pytestmark = [pytest.mark.django_db(transaction=True)]

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
QUOTA = 250


@pytest.fixture
async def source(alice: User, alice_grant: Grant) -> AsyncIterator[GmailSource]:
    gmail_source = GmailSource(SourceContext(user_id=alice.pk, run_id=1))
    yield gmail_source
    await gmail_source.aclose()


def _answered_429(gmail: FakeGmailServer) -> int:
    single = sum(1 for r in gmail.requests if r.kind != "batch" and r.status_code == 429)
    return single + gmail.count("batch_parts", status=429)


def _sent(gmail: FakeGmailServer) -> int:
    return sum(1 for r in gmail.requests if r.kind != "batch") + gmail.count("batch_parts")


async def _read_mailbox(settings: Any, gmail: FakeGmailServer, alice: User, *, paced_at: int) -> int:
    """Read 200 messages from a mailbox whose quota is enforced; the 429s Gmail answered."""
    settings.GMAIL_QUOTA_UNITS_PER_SECOND = paced_at
    gmail.quota_units_per_second = QUOTA
    ids = gmail.generate_messages(200, start=START)
    source = GmailSource(SourceContext(user_id=alice.pk, run_id=1))
    try:
        listing = await source.list_messages()
        fetched = [message async for message in source.fetch(listing.refs)]
    finally:
        await source.aclose()
    assert sorted(m.ref.id for m in fetched) == sorted(ids)
    assert all(m.raw == gmail.message(m.ref.id).raw for m in fetched)
    return _answered_429(gmail)


async def test_it_keeps_a_run_under_the_quota(
    settings: Any, gmail: FakeGmailServer, alice: User, alice_grant: Grant
) -> None:
    limited = await _read_mailbox(settings, gmail, alice, paced_at=QUOTA)
    # 200 messages: 1,000 units of gets and a few lists, four seconds at the quota.
    assert _sent(gmail) >= 200
    assert limited <= _sent(gmail) // 100  # at most 1%, in practice none
    assert gmail.count("batch_parts", status=200) == 200


async def test_it_meets_rate_limits_when_not_paced_to_the_quota(
    settings: Any, gmail: FakeGmailServer, alice: User, alice_grant: Grant
) -> None:
    # The same mailbox with the pacer set far above Gmail's quota: Gmail refuses parts,
    # which are retried (the run still completes).
    failure = ""
    try:
        await _read_mailbox(settings, gmail, alice, paced_at=100 * QUOTA)
    except SourceError as error:
        failure = str(error)
    assert failure == "" or "kept answering HTTP 429" in failure  # or retries ran out
    assert _answered_429(gmail) > _sent(gmail) // 100


def test_it_spends_the_burst_then_paces() -> None:
    now = [0.0]
    pacer = QuotaPacer(rate=100, burst=100, clock=lambda: now[0])
    assert pacer.reserve(100) == 0  # the burst
    assert pacer.reserve(50) == pytest.approx(0.5)
    now[0] = 2.0  # 200 units refilled, but the bucket holds at most 100
    assert pacer.reserve(150) == pytest.approx(0.5)


def test_it_slows_down_on_a_rate_limit_then_recovers() -> None:
    now = [0.0]
    pacer = QuotaPacer(rate=90, burst=90, clock=lambda: now[0])
    pacer.throttled()
    assert pacer.rate == pytest.approx(60)
    assert pacer.reserve(30) == pytest.approx(0.5)  # the bucket was emptied too
    for _ in range(200):
        pacer.succeeded()
    assert pacer.rate == 90  # never above the configured rate


def test_it_shares_one_pacer_between_a_users_runs() -> None:
    assert pacer_for(7, 237.5, 200) is pacer_for(7, 237.5, 200)
    assert pacer_for(7, 237.5, 200) is not pacer_for(8, 237.5, 200)
