"""Correcting data in Debian's Chromium: every field edited inline without a reload, a merge
that later mail follows, an email moved, and deletes undone from the toast."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from accounts.models import User
from dashboard.models import Application, Email
from jobmail.taxonomy import Status
from tests.ui.browser import browser_user, chromium, live_server, log_in, manage, new_page, orm
from tests.ui.conftest import make_application, make_mail
from tests.ui.mailboxes import applied, interview, write_mbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _user(email: str) -> User:
    # A known zone: the first page does not reload to report the browser's.
    return orm(lambda: browser_user(email, time_zone="UTC"))


def _process(user: User, path: Path) -> None:
    manage("process_mail", "--user", user.email, "--mbox", str(path), "--classifier", "rules")


def _loads(watch: Any) -> int:
    return len(watch.navigations)


def test_it_edits_every_field_inline_without_a_reload() -> None:
    user = _user("editor@example.com")
    app = orm(lambda: make_application(user, "Northwind", job_title="Backend Engineer"))
    orm(
        lambda: make_mail(
            user, app, sender="Jane Roe, Recruiter <jane@northwind.example>", sender_email="jane@northwind.example"
        )
    )
    values = [
        ("company", ["Northwind Traders"], "Northwind Traders"),
        ("job_title", ["Staff Engineer"], "Staff Engineer"),
        ("status", ["offer"], "Offer"),
        ("applied_on", ["2026-09-30"], "Sep 30, 2026"),
        ("source", ["referral"], "Referral"),
        ("location", ["Lisbon", "hybrid"], "Lisbon · Hybrid"),
        ("salary_range", ["€60–70k"], "€60–70k"),
        ("posting_url", ["https://jobs.example/123"], "https://jobs.example/123"),
        ("next_step", ["Send references", "2026-12-10"], "Send references · due Dec 10, 2026"),
        ("notes", ["Met Ana at the meetup."], "Met Ana at the meetup."),
    ]
    with live_server() as server, chromium() as browser:
        page, watch = new_page(browser)
        log_in(page, server.url, user.email)
        page.goto(f"{server.url}/applications/{app.pk}")
        loads = _loads(watch)
        for index, (name, inputs, shown) in enumerate(values):
            row = page.locator(f"#field-{name}")
            edit = row.locator("a.edit-link")
            if index % 2:
                edit.click()  # mouse
            else:
                edit.focus()  # keyboard
                page.keyboard.press("Enter")
            form = page.locator(f"#field-{name} form.inline-edit")
            form.wait_for()
            fields = form.locator("input:not([type=hidden]):not([type=checkbox]), select, textarea")
            # The first input has the focus: typing goes straight in.
            page.wait_for_function(
                "() => document.activeElement === document.querySelector('.inline-edit [autofocus]')"
            )
            for position, value in enumerate(inputs):
                field = fields.nth(position)
                if field.evaluate("e => e.tagName") == "SELECT":
                    field.select_option(value)
                else:
                    field.fill(value)
            if fields.first.evaluate("e => e.tagName") in ("SELECT", "TEXTAREA"):
                form.locator("button[type=submit]").click()
            else:
                fields.first.focus()
                page.keyboard.press("Enter")
            page.wait_for_selector(f"#field-{name}:not(.editing)")
            assert shown in page.locator(f"#field-{name} .field-value").inner_text()
        # Escape leaves a field unchanged.
        page.locator("#field-salary_range a.edit-link").click()
        page.locator("#id_edit-salary_range-salary_range").fill("nothing")
        # Escape only once htmx has settled the swapped-in form: pressed mid-swap, the
        # cancel's answer could be replaced by the edit form's own late settle.
        page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")
        page.keyboard.press("Escape")
        page.wait_for_selector("#field-salary_range:not(.editing) .field-value")
        expect(page.locator("#field-salary_range .field-value")).to_contain_text("€60–70k")
        assert _loads(watch) == loads, watch.navigations
        assert page.locator("h1").inner_text() == "Northwind Traders"
        saved = orm(lambda: Application.objects.get(pk=app.pk))
        assert (saved.company, saved.status, saved.status_locked, saved.work_mode) == (
            "Northwind Traders",
            Status.OFFER,
            True,
            "hybrid",
        )
        # A date applied in the future is refused, and the field says why.
        page.locator("#field-applied_on a.edit-link").click()
        page.locator("#id_edit-applied_on-applied_on").fill("2099-01-01")
        page.keyboard.press("Enter")
        page.wait_for_selector("#field-applied_on [aria-invalid=true]")
        assert "cannot be in the future" in page.locator("#field-applied_on").inner_text()
        page.keyboard.press("Escape")
        # Chromium logs every 4xx answer to the console; this one was expected.
        watch.problems = [p for p in watch.problems if "status of 422" not in p]
        assert watch.problems == [], watch.problems
        assert watch.dialogs == []


def test_it_merges_two_applications_and_later_mail_joins_the_survivor(tmp_path: Path) -> None:
    user = _user("merger@example.com")
    first = [
        applied(
            "Globex", "Backend Engineer", "Globex Careers <careers@globex.example>", datetime(2026, 11, 2, tzinfo=UTC)
        ),
        applied(
            "Initrode",
            "Backend Engineer",
            "Initrode Careers <jobs@initrode.example>",
            datetime(2026, 11, 3, tzinfo=UTC),
        ),
    ]
    _process(user, write_mbox(tmp_path / "first.mbox", first))
    survivor = orm(lambda: Application.objects.get(user=user, company="Globex"))
    merged = orm(lambda: Application.objects.get(user=user, company="Initrode"))
    with live_server() as server, chromium() as browser:
        page, watch = new_page(browser)
        log_in(page, server.url, user.email)
        page.goto(f"{server.url}/applications/{survivor.pk}")
        page.select_option("#merge-with", str(merged.pk))
        page.click("text=Merge into this one")
        page.wait_for_selector("#toasts .toast >> text=Merged 1 application into Globex")
        assert page.locator("#app-head").inner_text().count("2 emails") == 1
        # A later run reads an interview invitation that still says "Initrode".
        later = [
            interview(
                "Initrode",
                "Backend Engineer",
                "Jane Roe <jane@initrode.example>",
                datetime(2026, 11, 20, tzinfo=UTC),
            )
        ]
        _process(user, write_mbox(tmp_path / "later.mbox", later))
        page.reload()
        assert "Interview invitation: Backend Engineer at Initrode" in page.locator(".timeline").inner_text()
        assert page.locator("#app-head .badge").inner_text() == "Interview"
        assert orm(lambda: Application.objects.for_user(user).count()) == 1
        assert watch.problems == [], watch.problems


def test_it_moves_an_email_to_another_application_and_undoes_deletes() -> None:
    user = _user("mover@example.com")
    wrong = orm(lambda: make_application(user, "Staffing Partners", job_title=""))
    right = orm(lambda: make_application(user, "Hooli", job_title="Backend Engineer"))
    keep = orm(lambda: make_mail(user, wrong, subject="Your profile", sender_email="team@staffing.example"))
    moved = orm(lambda: make_mail(user, wrong, subject="Hooli: interview slots", sender_email="sam@staffing.example"))
    with live_server() as server, chromium() as browser:
        page, watch = new_page(browser)
        log_in(page, server.url, user.email)
        page.goto(f"{server.url}/applications/{wrong.pk}")
        loads = _loads(watch)
        item = page.locator(f"#email-{moved.pk}")
        item.locator("summary >> text=Move…").click()
        item.locator("select").select_option(str(right.pk))
        item.locator("button >> text=Move").click()
        page.wait_for_selector(f"#email-{moved.pk}", state="detached")
        assert "Moved to Hooli" in page.locator("#toasts").inner_text()
        assert page.locator(f"#app-{wrong.pk}-count").inner_text() == "1"
        assert _loads(watch) == loads, watch.navigations
        assert orm(lambda: Email.objects.get(pk=moved.pk).application_id) == right.pk

        # Deleting an email asks nothing; the toast offers Undo.
        page.locator(f"#email-{keep.pk} button >> text=Delete email").click()
        page.wait_for_selector(f"#email-{keep.pk}", state="detached")
        page.locator("#toasts .toast >> text=Email deleted.").locator("xpath=..").locator("text=Undo").click()
        page.wait_for_selector(f"#email-{keep.pk}")
        assert page.locator(f"#app-{wrong.pk}-count").inner_text() == "1"

        # Deleting an application from the dashboard: the row goes, Undo brings it back.
        page.goto(server.url + "/")
        page.locator(f"#app-{right.pk} button >> text=Delete").click()
        page.wait_for_selector(f"#app-{right.pk}", state="detached")
        # The header's count follows without a reload.
        page.wait_for_function(
            "() => /^1 application(?!s)/.test(document.getElementById('header-counts').textContent.trim())"
        )
        page.locator("#toasts .toast-undo").last.click()
        page.wait_for_selector(f"#app-{right.pk}")
        page.wait_for_function(
            "() => document.getElementById('header-counts').textContent.startsWith('2 applications')"
        )
        assert orm(lambda: Application.objects.filter(pk=right.pk).exists())
        assert watch.dialogs == []
        assert watch.problems == [], watch.problems
