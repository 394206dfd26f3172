"""The demo's interviews and deadlines move with its emails, by whole weeks, so that a
newcomer's demo has some ahead; and the demo reads a few emails a second unless told otherwise."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from dashboard.models import Email
from jobmail.taxonomy import Status
from planner.today import UPCOMING_DAYS, build_today
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


@pytest.mark.django_db(transaction=True)
def test_it_gives_a_processed_demo_interviews_and_deadlines_ahead() -> None:
    # The newest demo email lands 1 to 8 days before now; the last emails name an onsite
    # and a deadline about two weeks after it, so both lie ahead whatever today is.
    call_command("load_demo", stdout=StringIO())
    call_command("process_mail", "--user", settings.DEMO_USER_EMAIL, "--source", "demo", "--wait", stdout=StringIO())
    demo = User.objects.get(email=settings.DEMO_USER_EMAIL)
    now = timezone.now()
    newest = Email.objects.filter(user=demo).latest("received_at").received_at
    assert newest is not None
    assert now - timedelta(days=8) < newest <= now

    ahead = Email.objects.filter(user=demo, event_at__gt=now, event_at__lt=now + timedelta(days=UPCOMING_DAYS))
    assert ahead.filter(status=Status.INTERVIEW, application__company="Quoddy Marine").exists()
    assert ahead.filter(status=Status.ASSESSMENT, application__company="Ferrowave").exists()
    upcoming = build_today(demo.pk, now).upcoming
    assert {(event.kind, event.application.company) for event in upcoming if event.application} >= {
        ("Interview", "Quoddy Marine"),
        ("Assessment deadline", "Ferrowave"),
    }

    client = Client()
    client.force_login(demo)
    page = client.get(reverse("dashboard")).content.decode()
    coming_up = page[page.index('id="today-upcoming"') :]
    coming_up = coming_up[: coming_up.index("</ul>")]
    assert "Quoddy Marine" in coming_up
    assert "Ferrowave" in coming_up
    calendar = client.get(reverse("export_ics")).content.decode()
    starts = [
        datetime.strptime(found, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        for found in re.findall(r"DTSTART:(\d{8}T\d{6}Z)", calendar)
    ]
    assert any(start > now for start in starts)


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
