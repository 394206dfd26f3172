"""Helpers for browser tests: Debian's Chromium through Playwright, a live daphne on the
test database, users who can log in through the real form, and ORM calls off the
Playwright thread."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connections

from accounts.models import User
from tests import live
from tests.live import ROOT, DaphneServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "docs" / "screenshots"
# Reports Content-Security-Policy violations to the console, where the test collects them.
CSP_REPORTER = (
    "document.addEventListener('securitypolicyviolation', e => "
    "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.sourceFile + ':' + e.lineNumber));"
)
BROWSER_PASSWORD = "a-browser-test-password"
T = TypeVar("T")


def orm(func: Callable[[], T]) -> T:
    """Run ORM code off this thread: Playwright's sync API keeps an event loop running here,
    where Django refuses synchronous queries. The test database is committed (transaction=True),
    so another connection sees the same rows."""

    def call() -> T:
        try:
            return func()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def set_server_password(user: User, password: str) -> None:
    """The suite hashes with MD5 for speed; the server keeps Django's default hashers, so
    store a password in a format it accepts (few iterations: a test, not a vault)."""
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(password, hasher.salt(), iterations=1000)
    user.save(update_fields=["password"])


def browser_user(email: str, **fields: Any) -> User:
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(email, **fields)
    set_server_password(user, BROWSER_PASSWORD)
    # The login form signs in only a confirmed address (ACCOUNT_EMAIL_VERIFICATION).
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@contextmanager
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        # Never a silent skip: the browser tests are part of the suite (make browser-deps).
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium, or make browser-deps)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def live_server(env: dict[str, str] | None = None) -> Iterator[DaphneServer]:
    """A daphne on the test database (rules classifier unless `env` says otherwise)."""
    with DaphneServer({"DATABASE_URL": live.test_database_url(), **(env or {})}) as server:
        try:
            yield server
        except BaseException:
            print(server.output()[-5000:])
            raise


class Watch:
    """What the page did that a user would not see: errors, CSP violations, dialogs, reloads."""

    def __init__(self, page: Any) -> None:
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.navigations: list[str] = []
        page.on("console", lambda m: self.problems.append(m.text + " @ " + page.url) if m.type == "error" else None)
        page.on("pageerror", lambda error: self.problems.append(str(error)))
        page.on("dialog", self._dialog)
        page.on(
            "framenavigated", lambda frame: self.navigations.append(frame.url) if frame == page.main_frame else None
        )

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def new_page(browser: Any, width: int = 1280, height: int = 860, **context: Any) -> tuple[Any, Watch]:
    context.setdefault("color_scheme", "light")
    browser_context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True, **context)
    browser_context.add_init_script(CSP_REPORTER)
    page = browser_context.new_page()
    page.set_default_timeout(20_000)
    return page, Watch(page)


def log_in(page: Any, base: str, email: str, password: str = BROWSER_PASSWORD) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    page.click("form.form button[type=submit]")
    page.wait_for_url(base + "/")


def manage(*args: str) -> str:
    """Run a management command as its own process on the test database, like a user would."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": live.test_database_url()}
    env.pop("PYTEST_CURRENT_TEST", None)
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout
