"""Per-user rate limits on starting and cancelling runs and adding applications (accounts/ratelimit.py)."""

from __future__ import annotations

import json
import logging
import os
import re
import time

import pytest
import redis
from django.test import Client
from django.urls import reverse

from accounts import ratelimit
from accounts.models import User
from dashboard.models import Application
from tests.live import free_port

JSON = {"Accept": "application/json"}
HTMX = {"HX-Request": "true"}
# A start the form refuses (400) still counts: the limit is checked before anything else,
# so these tests need no mailbox and start no run.
BAD_START = {"start_date": "not-a-date"}


@pytest.fixture
def tight_limits(settings: pytest.FixtureRequest) -> None:
    settings.RATE_LIMIT_STARTS = 2  # type: ignore[attr-defined]
    settings.RATE_LIMIT_CANCELS = 3  # type: ignore[attr-defined]
    settings.RATE_LIMIT_WINDOW = 3600  # type: ignore[attr-defined]
    # Windows are aligned on the clock: never straddle a boundary within a test.
    into_window = time.time() % 3600
    if into_window > 3600 - 5:
        time.sleep(3600 - into_window + 0.1)


def _message_pattern(verb: str, limit: int) -> re.Pattern[str]:
    return re.compile(
        rf"^Too many requests: you can {verb} {limit} times per 3600 seconds\. Try again in (\d+) seconds?\.$"
    )


@pytest.mark.usefixtures("tight_limits")
def test_it_answers_429_with_a_clear_message_and_retry_after_once_starts_exceed_the_limit(
    alice_client: Client,
) -> None:
    for _ in range(2):
        assert alice_client.post(reverse("fetch_emails"), BAD_START, headers=JSON).status_code == 400
    response = alice_client.post(reverse("fetch_emails"), BAD_START, headers=JSON)
    assert response.status_code == 429
    match = _message_pattern("start processing", 2).match(response.json()["message"])
    assert match, response.json()
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= 3600
    assert int(match.group(1)) == retry_after


@pytest.mark.usefixtures("tight_limits")
def test_it_limits_cancels_separately_from_starts(alice_client: Client) -> None:
    for _ in range(3):
        response = alice_client.post(reverse("cancel_fetch_emails"), headers=JSON)
        assert response.status_code == 404  # nothing running
    response = alice_client.post(reverse("cancel_fetch_emails"), headers=JSON)
    assert response.status_code == 429
    assert _message_pattern("cancel processing", 3).match(response.json()["message"])
    assert response["Retry-After"].isdigit()
    # Starting has its own counter.
    assert alice_client.post(reverse("fetch_emails"), BAD_START, headers=JSON).status_code == 400


@pytest.mark.usefixtures("tight_limits")
def test_it_counts_per_user(alice_client: Client, bob_client: Client) -> None:
    for _ in range(3):
        alice_client.post(reverse("fetch_emails"), BAD_START, headers=JSON)
    assert alice_client.post(reverse("fetch_emails"), BAD_START, headers=JSON).status_code == 429
    assert bob_client.post(reverse("fetch_emails"), BAD_START, headers=JSON).status_code == 400


@pytest.mark.usefixtures("tight_limits")
def test_it_shows_a_toast_to_htmx(alice_client: Client) -> None:
    for _ in range(2):
        alice_client.post(reverse("fetch_emails"), BAD_START, headers=HTMX)
    response = alice_client.post(reverse("fetch_emails"), BAD_START, headers=HTMX)
    assert response.status_code == 429
    assert response["Retry-After"].isdigit()
    toast = json.loads(response["HX-Trigger"])["toast"]
    assert toast["level"] == "error"
    assert _message_pattern("start processing", 2).match(toast["message"])


@pytest.mark.usefixtures("tight_limits")
def test_it_shows_a_message_after_a_plain_form_post(alice_client: Client) -> None:
    for _ in range(3):
        alice_client.post(reverse("cancel_fetch_emails"))
    response = alice_client.post(reverse("cancel_fetch_emails"))
    assert response.status_code == 302
    page = alice_client.get(response["Location"])
    assert b"Too many requests: you can cancel processing 3 times per 3600 seconds." in page.content


def test_it_refuses_anonymous_users_before_counting(client: Client, settings: pytest.FixtureRequest) -> None:
    settings.RATE_LIMIT_STARTS = 1  # type: ignore[attr-defined]
    for _ in range(3):
        response = client.post(reverse("fetch_emails"), headers=JSON)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.usefixtures("tight_limits")
def test_it_starts_a_fresh_count_in_the_next_window(alice: User) -> None:
    window_start = 3600.0 * 500
    assert ratelimit.hit(alice.pk, ratelimit.START, now=window_start + 1) is None
    assert ratelimit.hit(alice.pk, ratelimit.START, now=window_start + 2) is None
    limited = ratelimit.hit(alice.pk, ratelimit.START, now=window_start + 3599.5)
    assert limited is not None
    assert limited.retry_after == 1
    assert limited.message.endswith("Try again in 1 second.")
    limited = ratelimit.hit(alice.pk, ratelimit.START, now=window_start + 15)
    assert limited is not None
    assert limited.retry_after == 3585
    assert ratelimit.hit(alice.pk, ratelimit.START, now=window_start + 3600) is None


@pytest.mark.parametrize("path", ["hit", "ahit"])
def test_it_fails_open_when_the_cache_is_down(
    alice: User, settings: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    import asyncio

    settings.RATE_LIMIT_STARTS = 1  # type: ignore[attr-defined]
    settings.CACHES = {  # type: ignore[attr-defined]
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }

    async def three_from_the_loop() -> list[ratelimit.Limited | None]:
        return [await ratelimit.ahit(alice.pk, ratelimit.START) for _ in range(3)]

    with caplog.at_level(logging.WARNING, logger="jobtrail.ratelimit"):
        if path == "hit":
            answers = [ratelimit.hit(alice.pk, ratelimit.START) for _ in range(3)]
        else:
            answers = asyncio.run(three_from_the_loop())
    assert answers == [None, None, None]
    assert "rate limiter unavailable" in caplog.text


@pytest.mark.usefixtures("tight_limits")
def test_it_limits_adding_applications_by_hand(
    alice: User, alice_client: Client, settings: pytest.FixtureRequest
) -> None:
    settings.RATE_LIMIT_ADDS = 3  # type: ignore[attr-defined]
    for number in range(3):
        response = alice_client.post(
            reverse("application_add"), {"company": f"Company {number}", "status": "applied"}, headers=HTMX
        )
        assert response.status_code == 200
    response = alice_client.post(
        reverse("application_add"), {"company": "One too many", "status": "applied"}, headers=HTMX
    )
    assert response.status_code == 429
    assert response["Retry-After"].isdigit()
    toast = json.loads(response["HX-Trigger"])["toast"]
    assert _message_pattern("add applications by hand", 3).match(toast["message"])
    response = alice_client.post(reverse("application_add"), {"company": "Still too many", "status": "applied"})
    page = alice_client.get(response["Location"])
    assert b"Too many requests: you can add applications by hand 3 times per 3600 seconds." in page.content
    assert sorted(Application.objects.filter(user=alice).values_list("company", flat=True)) == [
        "Company 0",
        "Company 1",
        "Company 2",
    ]


@pytest.mark.parametrize(
    ("backend", "on_the_loop"),
    [("django.core.cache.backends.locmem.LocMemCache", True), ("django.core.cache.backends.dummy.DummyCache", False)],
)
def test_async_views_count_in_memory_on_the_loop_and_elsewhere_in_a_thread(
    alice: User, settings: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, backend: str, on_the_loop: bool
) -> None:
    import asyncio
    import threading

    settings.CACHES = {"default": {"BACKEND": backend}}  # type: ignore[attr-defined]
    counted_in: list[int] = []
    count = ratelimit.hit

    def counting(user_id: int, action: str) -> ratelimit.Limited | None:
        counted_in.append(threading.get_ident())
        return count(user_id, action)

    monkeypatch.setattr(ratelimit, "hit", counting)

    async def from_the_loop() -> int:
        await ratelimit.ahit(alice.pk, ratelimit.START)
        return threading.get_ident()

    loop_thread = asyncio.run(from_the_loop())
    assert (counted_in == [loop_thread]) is on_the_loop
    assert len(counted_in) == 1


REDIS = os.environ.get("PROD_LOCAL_REDIS", "redis://127.0.0.1:6379")


@pytest.fixture
def redis_cache(settings: pytest.FixtureRequest) -> None:
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=3).ping()
    except redis.ConnectionError as error:
        pytest.skip(f"Redis at {REDIS}: {error}")
    settings.CACHES = {  # type: ignore[attr-defined]
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"{REDIS}/3",
            "KEY_PREFIX": f"ratelimit-test-{time.monotonic_ns()}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.mark.usefixtures("tight_limits", "redis_cache")
def test_async_views_count_in_redis_on_the_loop_with_the_same_counter_as_the_cache_api(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    ratelimit.hit(alice.pk, ratelimit.CANCEL)  # the cache API: one of the three cancels
    sync_hit = ratelimit.hit

    def not_in_a_thread(user_id: int, action: str) -> ratelimit.Limited | None:
        raise AssertionError("counted through the blocking cache API")

    monkeypatch.setattr(ratelimit, "hit", not_in_a_thread)

    async def from_the_loop() -> list[ratelimit.Limited | None]:
        return [await ratelimit.ahit(alice.pk, ratelimit.CANCEL) for _ in range(3)]

    second, third, fourth = asyncio.run(from_the_loop())
    assert second is None
    assert third is None
    assert fourth is not None
    assert fourth.limit == 3
    assert sync_hit(alice.pk, ratelimit.CANCEL) is not None  # and the cache API sees the async counts
