"""CSV export of applications and the .ics calendar of interviews and assessments."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from dashboard.export import fold, ics_text
from jobmail.taxonomy import Status
from tests.ui.conftest import make_application, make_mail


def _csv(client: Client, query: str = "") -> list[list[str]]:
    response = client.get(reverse("export_csv") + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="jobtrail-applications-')
    text = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    return list(csv.reader(io.StringIO(text)))


def test_it_exports_applications_with_the_date_each_stage_was_reached(alice_client: Client, alice: User) -> None:
    make_application(
        alice,
        "Lumen",
        job_title="Data Engineer",
        status=Status.OFFER,
        stage_dates={
            "applied": "2026-09-01T09:00:00+00:00",
            "interview": "2026-09-10T15:30:00+00:00",
            "offer": "2026-09-20T08:00:00+00:00",
        },
        email_count=4,
    )
    header, row = _csv(alice_client)
    record = dict(zip(header, row, strict=True))
    assert record["Company"] == "Lumen"
    assert record["Status"] == "Offer"
    assert record["Emails"] == "4"
    assert (record["Applied on"], record["Interview on"], record["Offer on"]) == (
        "2026-09-01",
        "2026-09-10",
        "2026-09-20",
    )
    assert record["Rejected on"] == ""
    assert header.index("Applied on") < header.index("Interview on") < header.index("Offer on")


def test_it_exports_only_the_filtered_applications_of_the_user(alice_client: Client, alice: User, bob: User) -> None:
    make_application(alice, "Lumen", status=Status.REJECTED)
    make_application(alice, "Quokka")
    make_application(bob, "Bobcorp")
    assert sorted(row[0] for row in _csv(alice_client)[1:]) == ["Lumen", "Quokka"]
    assert [row[0] for row in _csv(alice_client, "?hide_rejected=on")[1:]] == ["Quokka"]


def test_it_defuses_spreadsheet_formulas(alice_client: Client, alice: User) -> None:
    make_application(alice, '=HYPERLINK("http://evil.example","x")', job_title="+1-2")
    row = _csv(alice_client)[1]
    assert row[0] == '\'=HYPERLINK("http://evil.example","x")'
    assert row[1] == "'+1-2"


def _ics(client: Client) -> str:
    response = client.get(reverse("export_ics"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content.decode()


def test_it_exports_interviews_and_assessments_with_a_date(alice_client: Client, alice: User, bob: User) -> None:
    app = make_application(alice, "Lumen", job_title="Data Engineer")
    make_mail(alice, app, status=Status.INTERVIEW, event_at=datetime(2026, 10, 14, 13, 30, tzinfo=UTC))
    make_mail(alice, app, status=Status.ASSESSMENT, event_at=datetime(2026, 10, 10, 23, 59, tzinfo=UTC))
    make_mail(alice, app, status=Status.INTERVIEW)  # no date: not in the calendar
    make_mail(alice, app, status=Status.REJECTED, event_at=datetime(2026, 10, 20, tzinfo=UTC))
    make_mail(
        alice, app, status=Status.INTERVIEW, event_at=datetime(2026, 11, 1, tzinfo=UTC), deleted_at=timezone.now()
    )
    make_mail(bob, None, status=Status.INTERVIEW, event_at=datetime(2026, 10, 15, tzinfo=UTC), provider_message_id="b1")
    text = _ics(alice_client)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert text.count("BEGIN:VEVENT") == 2
    first, second = text.split("BEGIN:VEVENT")[1:]
    assert "DTSTART:20261010T235900Z" in first
    assert "SUMMARY:Assessment deadline: Lumen — Data Engineer" in first
    assert "DTSTART:20261014T133000Z" in second
    assert "SUMMARY:Interview: Lumen — Data Engineer" in second
    assert "DURATION:PT1H" in second


def test_it_escapes_and_folds_calendar_text(alice_client: Client, alice: User) -> None:
    app = make_application(alice, "Acme, Inc; \\ the best", job_title="Ops\nLead")
    make_mail(alice, app, status=Status.INTERVIEW, event_at=datetime(2026, 10, 14, tzinfo=UTC), subject="Ünïcødé " * 20)
    text = _ics(alice_client)
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Interview: Acme\\, Inc\\; \\\\ the best — Ops\\nLead" in unfolded
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75
    assert "DESCRIPTION:" + ("Ünïcødé " * 20) in unfolded


def test_it_folds_without_splitting_characters() -> None:
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert "".join(parts) == line
    assert all(len(part.encode()) <= 75 for part in parts)
    assert ics_text("a\r\nb\x00c") == "a\\nbc"
