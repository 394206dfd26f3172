"""Each user's time zone: reported by the browser on the first visit, editable in Settings,
and used for every date-time shown (pages, CSV)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from dashboard.models import Application
from jobmail.taxonomy import Status
from tests.ui.browser import SCREENSHOTS, browser_user, chromium, live_server, log_in, new_page, orm
from tests.ui.conftest import make_application, make_mail

# 2:00 PM Pacific Standard Time on Tuesday, December 8th, 2026.
INTERVIEW_AT = datetime(2026, 12, 8, 22, 0, tzinfo=UTC)


def _interview(user: User) -> Application:
    app = make_application(user, "Contoso", status=Status.INTERVIEW)
    make_mail(user, app, subject="Interview invitation", status=Status.INTERVIEW, event_at=INTERVIEW_AT)
    return app


@pytest.mark.django_db
def test_it_asks_the_browser_only_while_the_zone_is_unknown(alice: User, alice_client: Client) -> None:
    page = alice_client.get(reverse("settings")).content.decode()
    assert f'data-time-zone-url="{reverse("time_zone_detect")}"' in page
    alice.time_zone = "Europe/Berlin"
    alice.save()
    assert "data-time-zone-url" not in alice_client.get(reverse("settings")).content.decode()


@pytest.mark.django_db
def test_it_stores_the_browser_zone_on_the_first_visit(alice: User, alice_client: Client) -> None:
    answer = alice_client.post(reverse("time_zone_detect"), {"time_zone": "America/Los_Angeles", "hour_cycle": "h12"})
    assert answer.json() == {"reload": True}
    alice.refresh_from_db()
    assert (alice.time_zone, alice.hour_cycle) == ("America/Los_Angeles", "h12")


@pytest.mark.django_db
def test_it_never_lets_the_browser_override_a_chosen_zone(alice: User, alice_client: Client) -> None:
    alice.time_zone = "Asia/Tokyo"
    alice.save()
    answer = alice_client.post(reverse("time_zone_detect"), {"time_zone": "Europe/Berlin", "hour_cycle": "h23"})
    assert answer.json() == {"reload": False}
    alice.refresh_from_db()
    assert alice.time_zone == "Asia/Tokyo"


@pytest.mark.django_db
def test_it_refuses_an_unknown_zone(alice: User, alice_client: Client) -> None:
    answer = alice_client.post(reverse("time_zone_detect"), {"time_zone": "Mars/Olympus_Mons", "hour_cycle": "h23"})
    assert answer.status_code == 400
    page = alice_client.post(reverse("time_zone_update"), {"time_zone": "Mars/Olympus_Mons", "hour_cycle": "h23"})
    assert page.status_code == 302
    alice.refresh_from_db()
    assert alice.time_zone == ""


@pytest.mark.django_db
def test_it_changes_the_zone_in_settings(alice: User, alice_client: Client) -> None:
    answer = alice_client.post(
        reverse("time_zone_update"), {"time_zone": "America/New_York", "hour_cycle": "h12"}, follow=True
    )
    assert "Times are now shown in America/New York." in answer.content.decode()
    assert "America/New_York (E" in answer.content.decode()  # EST or EDT, depending on today
    alice.refresh_from_db()
    assert (alice.time_zone, alice.hour_cycle) == ("America/New_York", "h12")


def test_it_needs_a_login_to_report_a_zone(client: Client, db: None) -> None:
    answer = client.post(reverse("time_zone_detect"), {"time_zone": "Europe/Berlin"})
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zone", "cycle", "shown"),
    [
        ("America/Los_Angeles", "h12", "Tue Dec 8, 2026, 2:00 PM PST"),
        ("Europe/Berlin", "h23", "Tue Dec 8, 2026, 23:00 CET"),
        ("Asia/Tokyo", "h23", "Wed Dec 9, 2026, 07:00 JST"),
        ("", "h23", "Tue Dec 8, 2026, 22:00 UTC"),
    ],
)
def test_it_shows_an_interview_in_the_users_zone_with_its_name(
    alice: User, alice_client: Client, zone: str, cycle: str, shown: str
) -> None:
    alice.time_zone, alice.hour_cycle = zone, cycle
    alice.save()
    app = _interview(alice)
    page = alice_client.get(reverse("application_detail", args=[app.pk])).content.decode()
    assert 'Scheduled: <time class="event-time" datetime="' in page
    assert shown in page


@pytest.mark.django_db
def test_it_writes_csv_days_in_the_users_zone(alice: User, alice_client: Client) -> None:
    # 03:00 UTC on October 1st is still September 30th in Los Angeles.
    make_application(alice, "Fabrikam", last_activity_at=datetime(2026, 10, 1, 3, tzinfo=UTC))
    alice.time_zone = "America/Los_Angeles"
    alice.save()
    body = b"".join(alice_client.get(reverse("export_csv")).streaming_content).decode()  # type: ignore[attr-defined]
    rows = list(csv.DictReader(body.splitlines()))
    assert rows[0]["Last activity"] == "2026-09-30"
    alice.time_zone = "Europe/Berlin"
    alice.save()
    body = b"".join(alice_client.get(reverse("export_csv")).streaming_content).decode()  # type: ignore[attr-defined]
    assert next(csv.DictReader(body.splitlines()))["Last activity"] == "2026-10-01"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_shows_a_pst_interview_in_each_browsers_zone() -> None:
    """A 2:00 PM PST interview: 2:00 PM in Los Angeles, 23:00 in Berlin."""
    users = {
        "America/Los_Angeles": orm(lambda: browser_user("la@example.com")),
        "Europe/Berlin": orm(lambda: browser_user("berlin@example.com")),
    }
    apps = {zone: orm(lambda user=user: _interview(user)) for zone, user in users.items()}  # type: ignore[misc]
    expected = {"America/Los_Angeles": "Tue Dec 8, 2026, 2:00 PM PST", "Europe/Berlin": "Tue Dec 8, 2026, 23:00 CET"}
    locales = {"America/Los_Angeles": "en-US", "Europe/Berlin": "de-DE"}
    with live_server() as server, chromium() as browser:
        for zone, user in users.items():
            page, watch = new_page(browser, timezone_id=zone, locale=locales[zone])
            log_in(page, server.url, user.email)
            # The first page reports the browser's zone and reloads once in it.
            page.wait_for_function("() => !document.body.hasAttribute('data-time-zone-url')")
            stored = orm(lambda user=user: User.objects.get(pk=user.pk))  # type: ignore[misc]
            assert stored.time_zone == zone
            page.goto(f"{server.url}/applications/{apps[zone].pk}")
            assert page.locator(".event-time").inner_text() == expected[zone]
            page.goto(server.url + "/settings")
            assert zone in page.locator("#current-zone").inner_text()
            if zone == "Europe/Berlin":
                page.goto(f"{server.url}/applications/{apps[zone].pk}")
                page.screenshot(path=str(SCREENSHOTS / "time-zone-berlin.png"))
            assert watch.problems == []
            page.context.close()


@pytest.mark.django_db
def test_async_views_get_the_user_the_middleware_loaded_without_another_query(
    alice: User, alice_client: Client, django_assert_num_queries: Any
) -> None:
    from asgiref.sync import async_to_sync
    from django.contrib.auth.middleware import AuthenticationMiddleware
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpRequest, HttpResponse
    from django.test import RequestFactory

    from accounts.middleware import TimeZoneMiddleware

    request = RequestFactory().get("/processing")
    request.session = SessionStore(alice_client.session.session_key)
    AuthenticationMiddleware(lambda request: HttpResponse()).process_request(request)
    seen: dict[str, Any] = {}

    def view(request: HttpRequest) -> HttpResponse:
        # Django's own request.auser() would load the user again here (one query, and a
        # round trip from the event loop to a thread in an async view).
        with django_assert_num_queries(0):
            seen["user"] = async_to_sync(request.auser)()
        return HttpResponse()

    TimeZoneMiddleware(view)(request)
    assert seen["user"].pk == alice.pk
