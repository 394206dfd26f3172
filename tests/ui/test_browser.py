"""The whole loop in Debian's Chromium against a live daphne: start, watch progress arrive over
the websocket, cancel, resume, see the results, filter, export — and the same run completing
by polling when websockets are blocked.

The LLM is the loopback fake with a small latency and one request at a time, so a run of the
demo mailbox lasts long enough to watch and to cancel.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.models import User
from dashboard.models import Application
from processing.models import ProcessingRun, RunStatus
from tests import live
from tests.live import DaphneServer
from tests.ui.browser import Watch, chromium, new_page, orm, set_server_password
from tests.ui.conftest import make_application, make_mail
from tests.waiting import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROGRESS_VALUE = re.compile(r'<progress id="progress-bar"[^>]* value="(\d+)"')
_orm = orm
_browser = chromium


def _server_env(llm_url: str) -> dict[str, str]:
    env = {
        # Imported through the module: a bare `test_*` name would be collected as a test.
        "DATABASE_URL": live.test_database_url(),
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


@contextmanager
def _live(latency: float) -> Iterator[tuple[DaphneServer, Any, User]]:
    from tests.fakes.openai_server import FakeOpenAIServer
    from tests.ui.demo_responder import labelled_responder

    call_command("load_demo")
    demo = User.objects.get(email=settings.DEMO_USER_EMAIL)
    # The suite hashes with MD5 for speed; the server keeps Django's default hashers, so
    # store the demo password in a format it accepts (few iterations: a test, not a vault)
    # and log in through the real form.
    set_server_password(demo, settings.DEMO_USER_PASSWORD)
    # A known zone: the first visit does not reload the page to report the browser's.
    demo.time_zone = "UTC"
    demo.save(update_fields=["time_zone"])
    with (
        FakeOpenAIServer(latency=latency, responder=labelled_responder) as llm,
        DaphneServer(_server_env(llm.url)) as server,
        _browser() as browser,
    ):
        try:
            yield server, browser, demo
        except BaseException:
            print(server.output()[-5000:])
            raise


class SocketProxy:
    """Routes the page's progress websocket through Playwright: records what the server
    pushes on each connection, and can drop a connection or refuse them all."""

    def __init__(self, page: Any, *, refuse: bool = False, restart_first: bool = False) -> None:
        self.connections: list[list[str]] = []
        self.routes: list[Any] = []
        self.refuse = refuse
        self.restart_first = restart_first
        page.route_web_socket(re.compile(r".*/ws/processing/$"), self._route)

    def _route(self, route: Any) -> None:
        frames: list[str] = []
        self.connections.append(frames)
        self.routes.append(route)
        if self.refuse:
            route.close()
            return
        if self.restart_first and len(self.routes) == 1:
            # As a server restarting under the page: the page polls, then reconnects.
            route.close(code=1012, reason="Service Restart")
            return
        server = route.connect_to_server()

        def forward(message: str | bytes) -> None:
            frames.append(str(message))
            route.send(message)

        server.on_message(forward)
        route.on_message(server.send)

    def values(self, connection: int) -> list[int]:
        return [int(value) for frame in self.connections[connection] for value in PROGRESS_VALUE.findall(frame)]


def _new_page(browser: Any) -> tuple[Any, Watch]:
    return new_page(browser, 1280, 860)


def _log_in(page: Any, base: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_login", settings.DEMO_USER_EMAIL)
    page.fill("#id_password", settings.DEMO_USER_PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(base + "/")


def _progress_values(page: Any, count: int, timeout: float = 20) -> list[int]:
    """Distinct values the progress bar shows, read from the live DOM, until `count` are seen."""
    seen: list[int] = []

    def more() -> bool:
        value = page.locator("#progress-bar").get_attribute("value")
        if value is not None and (not seen or int(value) != seen[-1]):
            seen.append(int(value))
        return len(seen) >= count

    wait_until(more, timeout, f"{count} progress values (saw {seen})")
    return seen


def test_it_processes_cancels_resumes_and_exports_in_a_real_browser() -> None:
    with _live(latency=0.06) as (server, browser, demo):
        page, watch = _new_page(browser)
        proxy = SocketProxy(page)
        _log_in(page, server.url)

        # A new user chooses how far back to read.
        assert page.locator("#start-dialog").get_attribute("open") is not None
        page.click("#start-dialog button.preset >> text=Last 365 days")
        page.wait_for_url(server.url + "/processing")
        loads = len(watch.navigations)
        page.wait_for_selector('html.js #run-state[data-status="started"]', state="attached")

        # Progress arrives over the websocket: several values, no reload.
        values = _progress_values(page, 4)
        assert values == sorted(values)
        assert len(watch.navigations) == loads
        pushed = set(proxy.values(0))
        assert len(pushed) >= 3, proxy.connections[0][:3]
        assert set(values[1:]) <= pushed
        assert "polling" not in (page.locator("html").get_attribute("class") or "")

        # The socket drops as in a server restart: the page reconnects and the server's
        # first message on the new socket resynchronises it from the database.
        proxy.routes[0].close(code=1012, reason="Service Restart")

        def reconnected() -> bool:
            page.wait_for_timeout(50)  # lets Playwright deliver the routed socket's events
            return len(proxy.connections) > 1 and bool(proxy.values(1))

        wait_until(reconnected, 15, "a reconnect")
        assert proxy.values(1)[0] >= values[-1]
        resumed_values = _progress_values(page, 2)
        assert resumed_values[-1] > values[-1]
        assert len(watch.navigations) == loads
        assert page.locator("#recent-emails li").count() > 0

        # Cancel: the button disables itself, then the dashboard shows a toast and the banner.
        disabled: list[bool] = []
        page.expose_function("jobtrailTestCancelDisabled", lambda: disabled.append(True))
        page.evaluate(
            """() => { const b = document.getElementById('cancel-button');
                new MutationObserver(() => { if (b.disabled) window.jobtrailTestCancelDisabled(); })
                  .observe(b, {attributes: true}); }"""
        )
        page.click("#cancel-button")
        page.wait_for_url(server.url + "/")
        assert disabled
        assert "Processing cancelled" in page.locator("#toasts").inner_text()
        cancelled = _orm(lambda: ProcessingRun.objects.get(user=demo))
        assert cancelled.status == RunStatus.CANCELLED
        assert 0 < cancelled.processed_emails < (cancelled.total_emails or 0)
        banner = page.locator("#run-banner").inner_text()
        assert "Processing was cancelled" in banner
        assert f"after {cancelled.processed_emails} of {cancelled.total_emails} emails" in banner
        # One clear choice: Resume, or other dates (the dialog opens only when asked).
        assert page.locator("#start-dialog").get_attribute("open") is None
        assert page.locator("#run-banner a >> text=Choose other dates").count() == 1

        # Resume: the same start date, the rest of the mailbox, then the dashboard.
        page.click("#resume-button")
        page.wait_for_url(server.url + "/processing")
        page.wait_for_url(server.url + "/", timeout=60_000)
        assert "Processing complete" in page.locator("#toasts").inner_text()
        resumed = _orm(lambda: ProcessingRun.objects.for_user(demo).latest_first().first())
        assert resumed is not None
        assert resumed.status == RunStatus.FINISHED
        assert resumed.start_date == cancelled.start_date
        assert resumed.processed_emails == resumed.total_emails == cancelled.total_emails
        page.wait_for_selector("#applications tbody.app")
        assert page.locator("#run-banner").count() == 0
        all_rows = page.locator("#applications tbody.app").count()
        assert all_rows == min(25, _orm(Application.objects.filter(user=demo).count))
        # The README's screenshots come from the newcomer's demo (tests/ui/test_newcomer.py),
        # not from this LLM-labelled run.

        # Filter the table (htmx, URL kept in history), then export what is shown.
        page.select_option("#filter-status", "interview")
        page.wait_for_url(re.compile(r".*status=interview.*"))
        page.wait_for_function(
            "() => [...document.querySelectorAll('#applications tbody.app .badge')]"
            ".every(badge => badge.textContent.trim() === 'Interview')"
        )
        badges = page.locator("#applications tbody.app .badge").all_inner_texts()
        interviews = _orm(Application.objects.filter(user=demo, status="interview").count)
        assert len(badges) == min(25, interviews)
        assert 0 < len(badges) < all_rows
        with page.expect_download() as download_info:
            page.click("text=Export CSV")
        download = download_info.value
        assert download.suggested_filename.startswith("jobtrail-applications-")
        rows = list(csv.DictReader(Path(download.path()).read_text().splitlines()))
        assert len(rows) == interviews
        assert {row["Status"] for row in rows} == {"Interview"}
        assert all(row["Interview on"] for row in rows)

        # Expand an application into its timeline, then collapse it, by keyboard.
        first = page.locator("#applications a.expand").first
        first.focus()
        page.keyboard.press("Enter")
        page.wait_for_selector(".timeline-row:not([hidden]) .timeline-item")
        assert first.get_attribute("aria-expanded") == "true"
        page.keyboard.press("Enter")
        page.wait_for_function(
            "() => document.querySelector('#applications a.expand').getAttribute('aria-expanded') === 'false'"
        )

        assert watch.problems == [], (watch.problems, watch.navigations)
        assert watch.dialogs == []


def _hostile_application(user: User) -> None:
    app = make_application(user, "<img src=x onerror=alert('company')>", job_title="<script>alert(1)</script>")
    make_mail(user, app, subject="<svg onload=alert('subject')>", sender="<b onmouseover=alert(2)>x</b>")


def test_it_drops_a_poll_still_in_flight_when_the_socket_comes_back() -> None:
    with _live(latency=0.05) as (server, browser, _demo):
        page, watch = _new_page(browser)
        held: list[Any] = []
        proxy = SocketProxy(page, restart_first=True)
        _log_in(page, server.url)
        # The first socket closes as in a restart, so the page starts polling; its first
        # poll is held until the socket is back and the poller is gone.
        page.route(re.compile(r".*/processing\?partial=progress$"), lambda route: held.append(route))
        page.goto(server.url + "/processing")

        def reconnected() -> bool:
            page.wait_for_timeout(50)  # lets Playwright run the route handlers
            return bool(held) and len(proxy.connections) > 1 and bool(proxy.connections[1])

        wait_until(reconnected, 15, "a reconnect while a poll is held")
        page.wait_for_selector("html:not(.polling)", state="attached")
        assert page.locator("#progress-poller").count() == 1  # still waiting for its answer
        for route in held:
            route.continue_()
        # The late answer is dropped without a word in the console, and the poller leaves.
        page.wait_for_selector("#progress-poller", state="detached")
        page.wait_for_timeout(300)
        assert page.locator("#progress h2").inner_text() == "Nothing is being processed"
        assert watch.problems == [], watch.problems


def test_it_completes_by_polling_when_websockets_are_blocked() -> None:
    with _live(latency=0.05) as (server, browser, demo):
        # Hostile content already stored for this user must stay inert in the browser.
        _orm(lambda: _hostile_application(demo))
        page, watch = _new_page(browser)
        proxy = SocketProxy(page, refuse=True)
        polls: list[str] = []
        page.on("request", lambda r: polls.append(r.url) if "partial=progress" in r.url else None)
        _log_in(page, server.url)
        assert "<img src=x onerror=alert('company')>" in page.locator("#applications").inner_text()

        page.click("#start-dialog button.preset >> text=Last 90 days")
        page.wait_for_url(server.url + "/processing")
        page.wait_for_selector("html.polling")
        page.wait_for_url(server.url + "/", timeout=60_000)
        assert "Processing complete" in page.locator("#toasts").inner_text()
        assert len(polls) >= 2
        assert all(url.endswith("/processing?partial=progress") for url in polls)
        assert proxy.connections  # the page did try the websocket first
        assert not any(proxy.connections)  # and nothing ever came through it
        run = _orm(lambda: ProcessingRun.objects.for_user(demo).latest_first().first())
        assert run is not None
        assert run.status == RunStatus.FINISHED
        assert watch.dialogs == []
        assert watch.problems == [], watch.problems
