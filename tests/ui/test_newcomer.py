"""A newcomer's first hour, as the README tells it: `make run`'s configuration (the offline
rules classifier, the bundled demo mailbox read at a pace people can follow), the demo
login, "Last 365 days", a cancel and a resume by hand, then the pages.

The README's screenshots are taken here, so they show what a newcomer gets.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from dashboard.models import Application
from processing.models import ProcessingRun, RunStatus
from tests.ui.browser import SCREENSHOTS, chromium, live_server, new_page, orm, set_server_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Faster than make run's 4 a second (the test need not last a minute), slow enough to cancel by hand.
PACE = "12"


def _demo() -> User:
    call_command("load_demo")
    demo = User.objects.get(email=settings.DEMO_USER_EMAIL)
    set_server_password(demo, settings.DEMO_USER_PASSWORD)
    return demo


# Counts the messages the page's websocket applied: its first one re-renders the live
# regions (Today, the list), so a screenshot waits for it rather than racing it.
COUNT_SOCKET_MESSAGES = (
    "addEventListener('htmx:wsAfterMessage',"
    " () => { window.jobtrailTestSocket = (window.jobtrailTestSocket || 0) + 1; });"
)


def _settled(page: Any) -> None:
    page.wait_for_function("() => (window.jobtrailTestSocket || 0) > 0")
    _without_toasts(page)


def _without_toasts(page: Any) -> None:
    page.mouse.move(0, 0)
    page.evaluate("document.querySelectorAll('#toasts .toast').forEach(toast => toast.remove())")


@pytest.mark.timeout(300)
def test_it_gives_a_newcomer_the_demo_the_readme_shows() -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    demo = orm(_demo)
    env = {"CLASSIFIER": "rules", "OPENAI_API_KEY": "", "DEMO_EMAILS_PER_SECOND": PACE}
    with live_server(env) as server, chromium() as browser:
        page, watch = new_page(browser, 1280, 860, timezone_id="America/Los_Angeles", locale="en-US")
        page.context.add_init_script(COUNT_SOCKET_MESSAGES)
        page.goto(server.url + "/")
        page.fill("#id_login", settings.DEMO_USER_EMAIL)
        page.fill("#id_password", settings.DEMO_USER_PASSWORD)
        page.click("form.form button[type=submit]")
        page.wait_for_url(server.url + "/")
        # The browser reports its zone on the first visit and the page reloads once in it.
        page.wait_for_function("() => !document.body.hasAttribute('data-time-zone-url')")

        # "Pick how far back to read (Last 365 days, say)".
        expect(page.locator("#start-dialog")).to_have_attribute("open", "")
        page.click("#start-dialog button.preset >> text=Last 365 days")
        page.wait_for_url(server.url + "/processing")
        page.wait_for_function(
            "() => { const bar = document.getElementById('progress-bar');"
            " return bar && bar.max > 1 && bar.value >= bar.max / 4; }"
        )
        expect(page.locator("#recent-emails li").first).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / "processing.png"))

        # The demo reads like a mailbox, so a person can cancel it half-way, then resume.
        page.click("#cancel-button")
        page.wait_for_url(server.url + "/")
        expect(page.locator("#run-banner")).to_contain_text("Processing was cancelled")
        cancelled = orm(lambda: ProcessingRun.objects.get(user=demo))
        assert cancelled.status == RunStatus.CANCELLED
        assert 0 < cancelled.processed_emails < (cancelled.total_emails or 0)
        page.click("#resume-button")
        page.wait_for_url(server.url + "/processing")
        page.wait_for_url(server.url + "/", timeout=120_000)
        expect(page.locator("#toasts")).to_contain_text("Processing complete")
        resumed = orm(lambda: ProcessingRun.objects.for_user(demo).latest_first().first())
        assert resumed is not None
        assert resumed.status == RunStatus.FINISHED
        assert resumed.processed_emails == resumed.total_emails == cancelled.total_emails

        # The dashboard a newcomer sees at the end: Today, the chart, the list.
        page.set_viewport_size({"width": 1280, "height": 1400})
        page.goto(server.url + "/")
        expect(page.locator("#applications tbody.app").first).to_be_visible()
        assert page.locator("#run-banner").count() == 0
        _settled(page)
        page.screenshot(path=str(SCREENSHOTS / "dashboard.png"))
        page.locator("#today").screenshot(path=str(SCREENSHOTS / "today.png"))

        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(server.url + "/board")
        expect(page.locator("#board")).to_be_visible()
        _settled(page)
        page.screenshot(path=str(SCREENSHOTS / "board.png"))

        page.goto(server.url + "/progress")
        page.locator("svg.flow path.flow-link").first.wait_for()
        page.locator("svg.flow").locator("xpath=..").screenshot(path=str(SCREENSHOTS / "flow.png"))

        # An application of the demo, opened from the list.
        busiest = orm(lambda: Application.objects.filter(user=demo).order_by("-email_count", "pk").first())
        assert busiest is not None
        page.goto(f"{server.url}/applications/{busiest.pk}")
        expect(page.locator("h1")).to_have_text(busiest.company)
        _without_toasts(page)
        page.screenshot(path=str(SCREENSHOTS / "application.png"), full_page=True)

        phone, phone_watch = new_page(
            browser, 390, 844, timezone_id="America/Los_Angeles", locale="en-US", is_mobile=True, has_touch=True
        )
        phone.context.add_cookies(page.context.cookies())
        phone.context.add_init_script(COUNT_SOCKET_MESSAGES)
        phone.goto(server.url + "/")
        _settled(phone)
        phone.locator("#applications").scroll_into_view_if_needed()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        phone.screenshot(path=str(SCREENSHOTS / "phone-cards.png"))

        assert watch.problems == [], watch.problems
        assert phone_watch.problems == [], phone_watch.problems
        assert watch.dialogs == []
