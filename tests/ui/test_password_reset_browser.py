"""Password reset in development, in Debian's Chromium: the mail lands in a file outbox
(EMAIL_URL=file://…), its link works once, and the new password signs in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.ui.browser import browser_user, chromium, live_server, log_in, new_page, orm
from tests.waiting import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "a-freshly-reset-password-42"


def _link(outbox: Path) -> str:
    found: list[str] = []

    def arrived() -> bool:
        for path in outbox.glob("*"):
            found.extend(re.findall(r"http://\S+/accounts/password/reset/key/\S+", path.read_text()))
        return bool(found)

    wait_until(arrived, 30, "the reset mail in the file outbox")
    return found[0]


def test_it_resets_a_password_through_a_link_from_the_file_outbox(tmp_path: Path) -> None:
    user = orm(lambda: browser_user("forgetful@example.com", time_zone="UTC"))
    outbox = tmp_path / "outbox"
    with live_server({"EMAIL_URL": f"file://{outbox}"}) as server, chromium() as browser:
        page, watch = new_page(browser)
        page.goto(server.url + "/accounts/login/")
        page.get_by_role("link", name=re.compile("forgot", re.IGNORECASE)).click()
        page.fill("#id_email", user.email)
        page.get_by_role("button", name=re.compile("reset", re.IGNORECASE)).click()
        expect(page.locator("main")).to_contain_text(re.compile("sent", re.IGNORECASE))

        page.goto(_link(outbox))
        page.fill("#id_password1", NEW_PASSWORD)
        page.fill("#id_password2", NEW_PASSWORD)
        page.get_by_role("button", name=re.compile("change password", re.IGNORECASE)).click()
        expect(page.locator("main")).to_contain_text(re.compile("password is now changed", re.IGNORECASE))

        fresh, fresh_watch = new_page(browser)
        log_in(fresh, server.url, user.email, NEW_PASSWORD)
        expect(fresh.locator("h1")).to_have_text("Your applications")
        assert watch.problems == []
        assert fresh_watch.problems == []
