"""Nothing wider than a phone: at 390×844 no page scrolls sideways."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from accounts.models import User
from jobmail.taxonomy import Status
from tests.ui.browser import SCREENSHOTS, browser_user, chromium, live_server, log_in, new_page, orm
from tests.ui.conftest import make_application, make_mail, make_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIGNED_IN_PAGES = [
    ("dashboard", "/"),
    ("application", "/applications/{app}"),
    ("processing", "/processing"),
    ("settings", "/settings"),
    ("password-change", "/accounts/password/change/"),
    ("email-addresses", "/accounts/email/"),
    ("connected-accounts", "/accounts/3rdparty/"),
]
SIGNED_OUT_PAGES = [
    ("login", "/accounts/login/"),
    ("signup", "/accounts/signup/"),
    ("password-reset", "/accounts/password/reset/"),
]


def _data(user: User) -> int:
    statuses = [Status.APPLIED, Status.INTERVIEW, Status.REJECTED, Status.NOT_JOB, Status.RECRUITER_OUTREACH]
    first = 0
    for index in range(12):
        status = statuses[index % len(statuses)]
        if status == Status.NOT_JOB:
            status = Status.OTHER_JOB
        app = make_application(
            user,
            f"Very Long Company Name Incorporated International {index}",
            job_title="Senior Staff Software Engineer, Distributed Systems and Developer Productivity",
            status=status,
            last_activity_at=datetime(2026, 10, 1, tzinfo=UTC) + timedelta(days=index),
        )
        make_mail(
            user,
            app,
            subject="An extraordinarily long subject line about your application that keeps going and going",
            sender="Someone With A Long Name <someone.with.a.very.long.address@subdomain.example-company.example>",
            status=status,
            event_at=datetime(2026, 12, 8, 22, tzinfo=UTC) if status == Status.INTERVIEW else None,
        )
        first = first or app.pk
    make_run(user)
    return first


def _check(page: object, base: str, name: str, path: str) -> int:
    page.goto(base + path)  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    width = int(page.evaluate("() => document.documentElement.scrollWidth"))  # type: ignore[attr-defined]
    page.screenshot(path=str(SCREENSHOTS / f"phone-{name}.png"), full_page=True)  # type: ignore[attr-defined]
    return width


# Pairs of cells of one phone card that overlap (a card is a grid of the row's cells).
OVERLAPS = """() => [...document.querySelectorAll('#applications tbody.app > tr:first-child')].flatMap(row => {
  const cells = [...row.children].map(td => [td.className, td.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && r.height > 0);
  return cells.flatMap(([a, r], i) => cells.slice(i + 1)
    .filter(([, q]) => r.left < q.right - 1 && q.left < r.right - 1 && r.top < q.bottom - 1 && q.top < r.bottom - 1)
    .map(([b]) => `${row.parentElement.id}: ${a} over ${b}`));
})"""


def test_it_never_scrolls_sideways_on_a_phone() -> None:
    user = orm(lambda: browser_user("phone@example.com", time_zone="America/Los_Angeles", hour_cycle="h12"))
    app = orm(lambda: _data(user))
    widths: dict[str, int] = {}
    with live_server() as server, chromium() as browser:
        page, watch = new_page(browser, 390, 844, is_mobile=True, has_touch=True, device_scale_factor=2)
        for name, path in SIGNED_OUT_PAGES:
            widths[name] = _check(page, server.url, name, path)
        log_in(page, server.url, user.email)
        for name, path in SIGNED_IN_PAGES:
            widths[name] = _check(page, server.url, name, path.format(app=app))
            if name == "dashboard":
                # The list becomes cards: nothing in a card sits on top of something else.
                assert page.locator("#applications tbody.app").count() == 12
                assert page.evaluate(OVERLAPS) == []
                # The chart's words are drawn at a readable size, not scaled down with the SVG.
                heights = page.evaluate(
                    "() => [...document.querySelectorAll('#pipeline svg text')]"
                    ".map(text => text.getBoundingClientRect().height)"
                )
                assert heights
                assert min(heights) >= 11, heights
        assert watch.problems == []
    too_wide = {name: width for name, width in widths.items() if width > 390}
    assert too_wide == {}
