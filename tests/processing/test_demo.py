"""The bundled demo mailbox processed end to end, checked against its labels."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from dashboard.models import Application, Email
from jobmail.text.names import normalise_key
from processing.models import ProcessingRun, RunStatus

DEMO = Path(__file__).resolve().parents[2] / "processing" / "demo"
pytestmark = pytest.mark.django_db(transaction=True)


def test_it_ships_a_labelled_demo_mailbox_of_at_least_150_emails() -> None:
    labels = json.loads((DEMO / "labels.json").read_text())
    files = sorted((DEMO / "mailbox").glob("*.eml"))
    assert len(files) >= 150
    assert len(labels) == len(files)
    holdout = [label for label in labels if label["split"] == "holdout"]
    assert len(holdout) >= len(labels) / 3


def test_it_processes_the_demo_mailbox_and_matches_the_labels() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "demo@example.com" in out.getvalue()
    out = StringIO()
    call_command("process_mail", "--user", settings.DEMO_USER_EMAIL, "--source", "demo", "--wait", stdout=out)
    run = ProcessingRun.objects.get()
    total = len(list((DEMO / "mailbox").glob("*.eml")))
    assert out.getvalue().strip().splitlines()[-1] == f"run {run.pk} finished processed={total} total={total}"
    assert run.status == RunStatus.FINISHED

    demo = User.objects.get(email=settings.DEMO_USER_EMAIL)
    labels = {label["message_id"]: label for label in json.loads((DEMO / "labels.json").read_text())}
    emails = {e.rfc822_message_id: e for e in Email.objects.filter(user=demo)}
    assert set(emails) == set(labels)

    # Clear cases: what the rules classifier is confident about matches the labels.
    confident = [e for e in emails.values() if e.confidence >= 0.85]
    assert len(confident) >= len(emails) / 3
    agree = sum(e.status == labels[e.rfc822_message_id]["status"] for e in confident)
    assert agree / len(confident) >= 0.9

    # Every company the labels name for a job email shows up as an application.
    companies = {normalise_key(app.company) for app in Application.objects.filter(user=demo)}
    labelled = {normalise_key(label["company"]) for label in labels.values() if label["is_job_related"]}
    found = sum(1 for company in labelled if company in companies)
    assert found / len(labelled) >= 0.8

    # A thread (shared Gmail thread id) lands in a single application.
    by_thread: dict[str, set[int | None]] = {}
    for email in emails.values():
        if email.is_job_related:
            by_thread.setdefault(email.thread_id, set()).add(email.application_id)
    split_threads = [thread for thread, apps in by_thread.items() if len(apps) > 1]
    assert not split_threads


def test_it_lets_the_demo_user_log_in_through_the_form() -> None:
    # Sign-in needs a verified address; load_demo marks the demo address as verified.
    call_command("load_demo", stdout=StringIO())
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": settings.DEMO_USER_EMAIL, "password": settings.DEMO_USER_PASSWORD}
    )
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200
    call_command("load_demo", stdout=StringIO())  # again: still one verified address
    assert EmailAddress.objects.filter(email=settings.DEMO_USER_EMAIL, verified=True).count() == 1


def test_it_keeps_the_demo_password_and_sessions_when_load_demo_runs_again() -> None:
    call_command("load_demo", stdout=StringIO())
    browser = Client()
    assert browser.login(email=settings.DEMO_USER_EMAIL, password=settings.DEMO_USER_PASSWORD)
    demo = User.objects.get(email=settings.DEMO_USER_EMAIL)
    demo.set_password("a-password-the-demo-user-chose")
    demo.save()
    browser = Client()
    assert browser.login(email=settings.DEMO_USER_EMAIL, password="a-password-the-demo-user-chose")

    out = StringIO()
    call_command("load_demo", stdout=out)  # every `make run` does this
    assert "password unchanged" in out.getvalue()
    assert browser.get(reverse("dashboard")).status_code == 200  # still signed in
    assert Client().login(email=settings.DEMO_USER_EMAIL, password="a-password-the-demo-user-chose")

    call_command("load_demo", "--reset", stdout=StringIO())
    assert Client().login(email=settings.DEMO_USER_EMAIL, password=settings.DEMO_USER_PASSWORD)
