from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from accounts.models import User
from dashboard.models import Application, Email
from jobmail.taxonomy import Status
from processing.models import ProcessingRun, RunStatus

HTMX = {"HTTP_HX_REQUEST": "true"}


def make_application(user: User, company: str = "Northwind", **fields: Any) -> Application:
    fields.setdefault("job_title", "Backend Engineer")
    fields.setdefault("status", Status.APPLIED)
    fields.setdefault("last_activity_at", datetime(2026, 10, 1, 9, tzinfo=UTC))
    fields.setdefault("stage_dates", {fields["status"]: "2026-10-01T09:00:00+00:00"})
    return Application.objects.create(user=user, company=company, **fields)


def make_mail(user: User, application: Application | None = None, **fields: Any) -> Email:
    fields.setdefault("provider_message_id", f"msg-{Email.objects.count() + 1}")
    fields.setdefault("subject", "Thank you for applying")
    fields.setdefault("sender", "Northwind Careers <careers@northwind.example>")
    fields.setdefault("status", Status.APPLIED)
    fields.setdefault("is_job_related", fields["status"] != Status.NOT_JOB)
    fields.setdefault("received_at", datetime(2026, 10, 1, 9, tzinfo=UTC))
    fields.setdefault("confidence", 0.9)
    email = Email.objects.create(user=user, application=application, **fields)
    if application is not None:
        application.email_count = application.emails.visible().count()
        application.save(update_fields=["email_count"])
    return email


@pytest.fixture
def alice_app(alice: User) -> Application:
    app = make_application(alice, "Northwind")
    make_mail(alice, app, subject="Thank you for applying to Northwind")
    return app


@pytest.fixture
def alice_review_email(alice: User, alice_app: Application) -> Email:
    return make_mail(
        alice,
        alice_app,
        subject="An update on your application",
        status=Status.REJECTED,
        confidence=0.4,
        needs_review=True,
        review_reason="Low-confidence rejected",
        received_at=datetime(2026, 10, 5, 9, tzinfo=UTC),
    )


def make_run(user: User, **fields: Any) -> ProcessingRun:
    fields.setdefault("status", RunStatus.FINISHED)
    fields.setdefault("total_emails", 40)
    fields.setdefault("processed_emails", 40 if fields["status"] == RunStatus.FINISHED else 12)
    return ProcessingRun.objects.create(user=user, **fields)
