"""The e-mail digest as a user meets it: the switch in Settings, and the message on a desktop and a phone."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from accounts.models import User
from jobmail.taxonomy import Status
from planner import digest
from planner.models import Preferences
from tests.ui.browser import browser_user, chromium, live_server, log_in, new_page, orm
from tests.ui.conftest import make_application, make_mail, make_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


def _digest_html(user: User) -> str:
    run = make_run(user)
    long_name = "Very Long Company Name Incorporated International Holdings"
    for number in range(3):
        app = make_application(user, f"{long_name} {number}", job_title="Senior Staff Engineer, Developer Platform")
        make_mail(
            user,
            app,
            run=run,
            status=Status.INTERVIEW,
            subject="Interview_invitation_with_an_unbroken_subject_line_that_never_ends_anywhere_at_all",
            event_at=datetime(2026, 12, 8, 22, number * 15, tzinfo=UTC),
        )
    offer = make_application(user, "Contoso", status=Status.OFFER)
    make_mail(user, offer, run=run, status=Status.OFFER, subject="Your offer")
    todo = make_application(user, "<b>Fabrikam</b>")
    make_mail(user, todo, run=run, status=Status.ACTION_REQUIRED, subject="Please complete the assessment")
    return digest.build(user, digest.new_notable_emails(run.pk, user.pk)).html


def test_it_turns_the_digest_on_in_settings_and_the_message_fits_a_phone(tmp_path: Path) -> None:
    user = orm(lambda: browser_user("digest@example.com", time_zone="America/Los_Angeles", hour_cycle="h12"))
    html = orm(lambda: _digest_html(user))
    with live_server() as server, chromium() as browser:
        for name, (width, height) in SIZES.items():
            page, watch = new_page(browser, width, height)
            log_in(page, server.url, user.email)
            page.goto(server.url + "/settings#digest")
            section = page.locator("#digest")
            box = section.get_by_role("checkbox")
            if name == "desktop":
                assert not box.is_checked()  # off until the user turns it on
                box.check()
                section.get_by_role("button", name="Save e-mail digest").click()
                page.wait_for_selector("#toasts >> text=E-mail digest on")
            assert page.locator("#digest").get_by_role("checkbox").is_checked()
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.locator("#digest").scroll_into_view_if_needed()
            page.screenshot(path=str(tmp_path / f"settings-{name}.png"))
            assert watch.problems == []

            mail, _ = new_page(browser, width, height)
            mail.set_content(html)
            assert mail.evaluate("document.documentElement.scrollWidth") <= width
            text = mail.locator("body").inner_text()
            assert "Tue Dec 8, 2026, 2:00 PM PST" in text
            assert "<b>Fabrikam</b>" in text  # shown as text, not markup
            mail.screenshot(path=str(tmp_path / f"digest-{name}.png"), full_page=True)
    assert orm(lambda: Preferences.for_user(user).email_digest) is True
