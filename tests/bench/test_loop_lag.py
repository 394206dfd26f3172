"""The opt-in event-loop lag monitor that bench/ reads (LOOP_LAG_MONITOR)."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import Client, RequestFactory

from accounts.models import User
from config.urls import loop_lag
from processing.lifecycle import LoopLagMonitor


def test_it_summarises_the_samples_since_a_moment() -> None:
    monitor = LoopLagMonitor()
    monitor.samples.extend([(100.0, 0.5), (200.0, 0.001), (201.0, 0.003), (202.0, 0.002)])
    assert monitor.summary(since=150.0) == {"samples": 3, "p50_ms": 2.0, "p99_ms": 3.0, "max_ms": 3.0}
    assert monitor.summary()["max_ms"] == 500.0
    assert monitor.summary(since=300.0) == {"samples": 0, "p50_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0}


async def test_it_sees_a_blocked_event_loop() -> None:
    monitor = LoopLagMonitor()
    monitor.start()
    try:
        await asyncio.sleep(0.01)  # the monitor is now in its 50 ms sleep
        time.sleep(0.12)  # blocks the loop: that sleep cannot end before this does
        while not monitor.samples:
            await asyncio.sleep(0.01)
    finally:
        assert monitor.task is not None
        monitor.task.cancel()
    assert monitor.summary()["max_ms"] >= 60.0


def test_it_answers_staff_with_the_summary(db: None) -> None:
    staff = User.objects.create_user("ops@example.com", None, is_staff=True)
    request = RequestFactory().get("/debug/loop-lag", {"since": "0"})
    request.user = staff
    response = loop_lag(request)
    assert response.status_code == 200
    assert set(json.loads(response.content)) == {"samples", "p50_ms", "p99_ms", "max_ms"}


def test_it_answers_404_to_other_users(alice: User) -> None:
    request = RequestFactory().get("/debug/loop-lag")
    request.user = alice
    with pytest.raises(Http404):
        loop_lag(request)


def test_it_redirects_anonymous_visitors_to_login() -> None:
    request = RequestFactory().get("/debug/loop-lag")
    request.user = AnonymousUser()
    response = loop_lag(request)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_refuses_a_bad_since(db: None) -> None:
    request = RequestFactory().get("/debug/loop-lag", {"since": "yesterday"})
    request.user = User.objects.create_user("ops@example.com", None, is_staff=True)
    assert loop_lag(request).status_code == 400


def test_it_has_no_route_when_the_monitor_is_off(db: None) -> None:
    client = Client()
    client.force_login(User.objects.create_user("ops@example.com", None, is_staff=True))
    assert client.get("/debug/loop-lag").status_code == 404  # even for staff: the path does not exist
