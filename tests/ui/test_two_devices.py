"""A cancel on one device: one toast there, one on another device that watched the run,
and none replayed in another tab of the first device's session."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.ui.browser import browser_user, chromium, live_server, log_in, new_page, orm

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every toast a tab shows, in order, across its navigations; and how many websocket
# messages the current page applied (an ordering barrier: no sleeps).
RECORDER = """
window.jobtrailTestSocket = 0;
addEventListener('htmx:wsAfterMessage', () => { window.jobtrailTestSocket += 1; });
// From the first byte: toasts in the page's HTML, from the page's script, and from pushes.
new MutationObserver(records => records.forEach(record => record.addedNodes.forEach(node => {
  if (node.classList && node.classList.contains('toast')) window.jobtrailTestToast(node.textContent.trim());
}))).observe(document, {childList: true, subtree: true});
"""


def _device(browser: Any, base: str, email: str, seen: list[tuple[Any, str]]) -> Any:
    page, _ = new_page(browser)
    page.context.expose_binding("jobtrailTestToast", lambda source, text: seen.append((source["page"], text)))
    page.context.add_init_script(RECORDER)
    log_in(page, base, email)
    return page


def _cancelled(seen: list[tuple[Any, str]], page: Any) -> int:
    return sum(1 for shown_on, text in seen if shown_on == page and "Processing cancelled" in text)


def _socket_messages(page: Any) -> int:
    return int(page.evaluate("window.jobtrailTestSocket"))


@pytest.mark.timeout(240)
def test_it_shows_one_toast_per_device_after_a_cancel() -> None:
    user = orm(lambda: browser_user("twodevices@example.com", time_zone="UTC"))
    with live_server({"DEMO_EMAILS_PER_SECOND": "8"}) as server, chromium() as browser:
        seen: list[tuple[Any, str]] = []
        laptop = _device(browser, server.url, user.email, seen)
        phone = _device(browser, server.url, user.email, seen)
        other_tab = laptop.context.new_page()  # same session as the laptop

        laptop.click("#start-dialog button.preset >> text=Last 365 days")
        laptop.wait_for_url(server.url + "/processing")
        phone.goto(server.url + "/processing")
        phone.wait_for_function("() => Number(document.getElementById('progress-bar').value) > 0")
        other_tab.goto(server.url + "/")
        other_tab.wait_for_function("() => window.jobtrailTestSocket > 0")

        laptop.click("#cancel-button")
        laptop.wait_for_url(server.url + "/")
        expect(laptop.locator("#toasts")).to_contain_text("Processing cancelled")
        # The phone watched the run end: it goes to the dashboard and says so.
        phone.wait_for_url(server.url + "/")
        expect(phone.locator("#toasts")).to_contain_text("Processing cancelled")
        # The other tab of the laptop's session opens a page: the laptop's toast stays with the laptop's tab.
        other_tab.reload()
        other_tab.wait_for_function("() => window.jobtrailTestSocket > 0")

        # A barrier: a new run's pushes reach every page after anything the cancel sent.
        phone.wait_for_function("() => window.jobtrailTestSocket > 0")
        before = {name: _socket_messages(page) for name, page in (("phone", phone), ("other", other_tab))}
        laptop.click("#resume-button")
        laptop.wait_for_url(server.url + "/processing")
        phone.wait_for_function("(before) => window.jobtrailTestSocket > before", arg=before["phone"])
        other_tab.wait_for_function("(before) => window.jobtrailTestSocket > before", arg=before["other"])

        pages = {"laptop": laptop, "phone": phone, "other": other_tab}
        shown = {name: _cancelled(seen, page) for name, page in pages.items()}
        assert shown == {"laptop": 1, "phone": 1, "other": 0}, [text for _, text in seen]
