"""Today, follow-ups, the board, the live dashboard, phone cards and the calendar feed, in
Debian's Chromium against a live daphne."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from datetime import time as clock
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from dashboard.models import Application
from jobmail.taxonomy import Status
from tests.ui.browser import (
    browser_user,
    chromium,
    live_server,
    log_in,
    new_page,
    orm,
    set_server_password,
)
from tests.ui.conftest import make_application, make_mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def _wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _search(user: User) -> dict[str, Any]:
    """An interview in three days at 2:00 PM Los Angeles time, an application without a reply
    for 15 days, two to move on the board, and a history for the progress chart."""
    now = timezone.now()
    in_three_days = datetime.combine(now.astimezone(LOS_ANGELES).date() + timedelta(days=3), clock(14), LOS_ANGELES)
    talk = make_application(
        user, "Northwind", job_title="Platform Engineer", status=Status.INTERVIEW, last_activity_at=now
    )
    make_mail(user, talk, subject="Interview invitation", status=Status.INTERVIEW, event_at=in_three_days)
    quiet = make_application(user, "Quiet Co", job_title="Data Engineer", last_activity_at=now - timedelta(days=15))
    drag = make_application(user, "Drag Co", job_title="Backend Developer", last_activity_at=now - timedelta(days=2))
    key = make_application(user, "Key Co", job_title="SRE", last_activity_at=now - timedelta(days=1))
    for number, (status, stages) in enumerate(
        [
            (Status.OFFER, {"applied": 40, "interview": 30, "offer": 12}),
            (Status.REJECTED, {"applied": 35, "rejected": 31}),
            (Status.REJECTED, {"applied": 28, "assessment": 24, "rejected": 20}),
            (Status.WITHDRAWN, {"applied": 50}),
            (Status.APPLIED, {"applied": 9}),
        ]
    ):
        make_application(
            user,
            f"History {number + 1}",
            status=status,
            stage_dates={stage: (now - timedelta(days=days)).isoformat() for stage, days in stages.items()},
            last_activity_at=now - timedelta(days=min(stages.values())),
        )
    return {"at": in_three_days, "quiet": quiet.pk, "drag": drag.pk, "key": key.pk}


def _status(pk: int) -> str:
    return orm(lambda: Application.objects.get(pk=pk).status)


def test_it_keeps_an_actions_answer_when_an_older_push_arrives_after_it() -> None:
    user = orm(lambda: browser_user("overtaken@example.com", time_zone="UTC"))
    data = orm(lambda: _search(user))
    with live_server() as server, chromium() as browser:
        page, watch = new_page(browser, 1280, 900)
        held: list[str | bytes] = []
        routes: list[Any] = []

        def hold_first_push(route: Any) -> None:
            # The dashboard socket's messages (the first: the panel rendered on connect) are held
            # until after the user's action was answered, as on a slow connection.
            routes.append(route)
            upstream = route.connect_to_server()
            upstream.on_message(lambda message: held.append(message))

        page.route_web_socket(re.compile(r".*/ws/processing/\?view=dashboard$"), hold_first_push)
        log_in(page, server.url, "overtaken@example.com")

        def pushed() -> bool:
            page.wait_for_timeout(50)  # lets Playwright run the socket's handlers
            return bool(held)

        _wait_for(pushed, 15, "the socket's first message")
        page.locator(f"#follow-up-{data['quiet']}").get_by_role("button", name=re.compile("I followed up")).click()
        page.wait_for_selector(f"#follow-up-{data['quiet']}", state="detached")
        page.evaluate(
            """() => { window.jobtrailTestPushes = 0;
                document.addEventListener('htmx:wsAfterMessage', () => { window.jobtrailTestPushes += 1; }); }"""
        )
        for message in held:
            routes[0].send(message)
        page.wait_for_function("n => window.jobtrailTestPushes >= n", arg=len(held))
        # The older render, pushed last, did not bring the done follow-up back.
        assert page.locator(f"#follow-up-{data['quiet']}").count() == 0
        assert page.locator("#today-upcoming").count() == 1  # the rest of the panel is there
        assert watch.problems == [], watch.problems


def test_it_shows_today_moves_cards_and_serves_the_calendar_in_a_browser() -> None:
    # The README's screenshots of these pages come from the newcomer's demo (tests/ui/test_newcomer.py).
    user = orm(lambda: browser_user("today@example.com"))
    data = orm(lambda: _search(user))
    with live_server() as server, chromium() as browser:
        page, watch = new_page(browser, 1280, 900, timezone_id="America/Los_Angeles", locale="en-US")
        log_in(page, server.url, "today@example.com")

        # The interview in three days, at the time the browser's zone says.
        upcoming = page.locator("#today-upcoming")
        upcoming.wait_for()
        # The browser reports its zone on the first visit (en-US: a 12-hour clock), then the page reloads.
        expected = f"{data['at']:%a %b} {data['at'].day}, {data['at'].year}, 2:00 PM PST"
        page.wait_for_function(
            "([text]) => document.querySelector('#today-upcoming').textContent.includes(text)", arg=[expected]
        )
        assert "Northwind" in upcoming.inner_text()

        # No reply for 15 days: a follow-up, gone once marked done (no reload).
        loads = len(watch.navigations)
        item = page.locator(f"#follow-up-{data['quiet']}")
        assert "no reply for 15 days since you applied" in item.inner_text()
        item.get_by_role("button", name=re.compile("I followed up")).click()
        page.wait_for_selector(f"#follow-up-{data['quiet']}", state="detached")
        assert "Quiet Co" not in page.locator("#today").inner_text()
        assert len(watch.navigations) == loads

        # The board: a drag with the mouse, then the "Move to" menu with the keyboard only.
        page.click(".view-switch >> text=Board")
        page.wait_for_selector(f"#column-applied #card-{data['drag']}")
        page.drag_and_drop(f"#card-{data['drag']}", "#column-interview")
        page.wait_for_selector(f"#column-interview #card-{data['drag']}")
        assert _status(data["drag"]) == Status.INTERVIEW
        page.locator(f"#card-{data['key']} .move-menu summary").focus()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")  # the first choice: Assessment (the card is in Applied)
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")  # Offer
        assert page.evaluate("document.activeElement.textContent.trim()") == "Offer"
        page.keyboard.press("Enter")
        page.wait_for_selector(f"#column-offer #card-{data['key']}")
        assert _status(data["key"]) == Status.OFFER

        # Progress: the flow chart, drawn by the server.
        page.goto(server.url + "/progress")
        page.locator("svg.flow path.flow-link").first.wait_for()

        # The calendar link: iCalendar without a session, 404 once replaced.
        page.goto(server.url + "/settings")
        page.click("#feed-new")
        old = page.locator("#feed-url").input_value()
        answer = httpx.get(old)
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
        assert "SUMMARY:Interview: Northwind — Platform Engineer" in answer.text
        page.click("#feed-new")
        new = page.locator("#feed-url").input_value()
        assert new != old
        assert httpx.get(old).status_code == 404
        assert httpx.get(new).status_code == 200

        # A phone: cards instead of a table, nothing wider than the screen, a status on each card.
        phone, phone_watch = new_page(browser, 390, 844, timezone_id="America/Los_Angeles", locale="en-US")
        log_in(phone, server.url, "today@example.com")
        phone.wait_for_selector("#applications tbody.app")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        cards = phone.locator("#applications tbody.app")
        assert cards.count() == orm(lambda: Application.objects.filter(user=user).count())
        for index in range(cards.count()):
            badge = cards.nth(index).locator(".badge").first
            box = badge.bounding_box()
            assert box is not None
            assert badge.is_visible()
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= 390
        for path in ("/board", "/progress", "/settings"):
            phone.goto(server.url + path)
            assert phone.evaluate("document.documentElement.scrollWidth") <= 390, path

        assert watch.problems == []
        assert phone_watch.problems == []
        assert watch.dialogs == []


def _server_env(llm_url: str) -> dict[str, str]:
    env = {
        "CLASSIFIER": "llm",
        "OPENAI_BASE_URL": llm_url,
        "OPENAI_API_KEY": "test-key",
        "RULES_SHORTCUT": "false",
        "LLM_CONCURRENCY": "1",
        "STORE_BATCH_SIZE": "2",
        "PROGRESS_INTERVAL": "0.1",
    }
    if settings.REDIS_URL:
        env["REDIS_URL"] = settings.REDIS_URL
    return env


def _counts(page: Any) -> str:
    return str(page.locator("#pipeline .chart-subtitle").text_content())


def test_it_updates_the_dashboard_during_a_run_started_in_another_tab() -> None:
    from tests.fakes.openai_server import FakeOpenAIServer
    from tests.ui.demo_responder import labelled_responder

    def demo_user() -> User:
        call_command("load_demo")
        demo = User.objects.get(email=settings.DEMO_USER_EMAIL)
        set_server_password(demo, settings.DEMO_USER_PASSWORD)
        # A known zone: no first-visit report and reload to tell apart from a live update.
        User.objects.filter(pk=demo.pk).update(time_zone="Europe/Berlin")
        make_application(demo, "Added By Hand", last_activity_at=timezone.now())
        return demo

    orm(demo_user)
    with (
        FakeOpenAIServer(latency=0.05, responder=labelled_responder) as llm,
        live_server(_server_env(llm.url)) as server,
        chromium() as browser,
    ):
        watching, watch = new_page(browser)
        log_in(watching, server.url, settings.DEMO_USER_EMAIL, settings.DEMO_USER_PASSWORD)
        watching.wait_for_selector("#pipeline .chart-subtitle")
        before = _counts(watching)
        assert "the 1 application " in before
        loads = len(watch.navigations)

        # Another tab of the same session starts the run.
        starter = watching.context.new_page()
        starter.goto(server.url + "/")
        starter.click("#start-dialog button.preset >> text=Last 365 days")
        starter.wait_for_url(server.url + "/processing")

        # The first tab's counts, Today and list change over the websocket, with no reload.
        _wait_for(lambda: _counts(watching) != before, 30, "the dashboard's counts to change")
        watching.wait_for_function("() => document.querySelectorAll('#applications tbody.app').length > 1")
        assert len(watch.navigations) == loads
        starter.wait_for_url(server.url + "/", timeout=60_000)
        _wait_for(lambda: "Where the 1 application" not in _counts(watching), 5, "the final counts")
        assert watch.problems == []
