"""The demo's interviews and deadlines move with its emails, by whole weeks, and the demo
reads a few emails a second unless told otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from processing.sources.base import SourceContext
from processing.sources.demo_dates import shift_body_dates, whole_weeks
from processing.sources.mbox import DemoSource, demo_date_shift, demo_shift_days
from tests.live import ROOT

RAW = (
    b"Subject: Interview on June 29\r\nDate: Mon, 22 Jun 2026 09:00:00 +0000\r\n\r\n"
    b"When: Monday, 29 June 2026 at 15:00 CEST\r\n"
    b"Please complete it by Thursday, June 18, 2026 at 11:59 pm ET, or by Jun 25.\r\n"
    b"DTSTART:20260702T170000Z\r\nSee 2026-07-02.\r\n"
)


def test_it_moves_body_dates_by_whole_weeks_and_leaves_headers() -> None:
    moved = shift_body_dates(RAW, 21, 2026)
    head, body = moved.split(b"\r\n\r\n", 1)
    assert head == RAW.split(b"\r\n\r\n", 1)[0]  # the subject still says June 29
    assert b"When: Monday, 20 July 2026 at 15:00 CEST" in body
    assert b"Thursday, July 9, 2026 at 11:59 pm ET, or by Jul 16." in body
    assert b"DTSTART:20260723T170000Z" in body
    assert b"See 2026-07-23." in body


def test_it_moves_across_a_year_end() -> None:
    assert b"January 5, 2027" in shift_body_dates(b"X: y\n\nOn December 15, 2026.", 21, 2026)


def test_it_keeps_weekdays_true() -> None:
    assert whole_weeks(20) == 14
    newest = demo_date_shift()
    assert newest is not None
    shift = demo_shift_days()
    assert shift % 7 == 0
    assert 1 <= (datetime.now(UTC) - newest).days - shift <= 8


def test_it_paces_the_demo_for_people_and_not_for_tests(settings: pytest.FixtureRequest) -> None:
    settings.DEMO_EMAILS_PER_SECOND = 4.0  # type: ignore[attr-defined]
    assert DemoSource(SourceContext(user_id=1, run_id=1)).pace == 4.0
    # The server's own default, outside the test suite: a few emails a second.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "DEMO_"))}
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.DEMO_EMAILS_PER_SECOND)",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip().splitlines()[-1] == "4.0", done.stderr
