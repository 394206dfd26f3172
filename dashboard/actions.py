"""State changes the user makes on the dashboard. Views call these; nothing else writes.

Emails the user deletes become tombstones (`deleted_at` set, detached from their
application) rather than rows removed: a later run lists the same message ids,
sees them as already known and never brings them back.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from dashboard.grouping import apply_status, assign_emails
from dashboard.models import Application, Email, Origin
from jobmail.taxonomy import TERMINAL, Status
from jobmail.text.names import normalise_key, title_key


def _stage_moment(day: date | None = None) -> str:
    if day is None:
        return timezone.now().isoformat()
    return timezone.make_aware(datetime.combine(day, time(hour=12))).isoformat()


def do_set_status(app: Application, status: str) -> Application:
    """The user's word is final: later runs never move a status set by hand."""
    with transaction.atomic():
        app.status = status
        app.status_locked = True
        if status not in app.stage_dates:
            app.stage_dates = {**app.stage_dates, status: _stage_moment()}
        app.save(update_fields=["status", "status_locked", "stage_dates", "updated_at"])
    return app


def do_add_application(
    user_id: int, *, company: str, job_title: str = "", status: str = Status.APPLIED, applied_on: date | None = None
) -> Application:
    moment = _stage_moment(applied_on)
    activity = datetime.fromisoformat(moment)
    # Not locked: emails about this job found by a later run join it (same company
    # and title keys) and move it forward like any other application.
    return Application.objects.create(
        user_id=user_id,
        company=company.strip(),
        job_title=job_title.strip(),
        company_key=normalise_key(company),
        title_key=title_key(job_title),
        status=status,
        origin=Origin.MANUAL,
        stage_dates={status: moment},
        first_activity_at=activity,
        last_activity_at=activity,
    )


def do_delete_application(app: Application) -> int:
    """Delete the application and tombstone its emails. Returns how many emails were hidden."""
    with transaction.atomic():
        hidden = Email.objects.filter(application=app, deleted_at__isnull=True).update(
            deleted_at=timezone.now(), application=None, needs_review=False
        )
        # Emails tombstoned earlier still point here; detach them before the delete.
        Email.objects.filter(application=app).update(application=None)
        app.delete()
    return hidden


def do_delete_email(email: Email) -> Application | None:
    """Tombstone one email and recount the application it belonged to."""
    with transaction.atomic():
        app = email.application
        email.deleted_at = timezone.now()
        email.application = None
        email.needs_review = False
        email.save(update_fields=["deleted_at", "application", "needs_review"])
        if app is not None:
            recompute_application(app)
    return app


def do_confirm_review(email: Email) -> Email:
    """The classifier's answer was right: apply it as if it had been confident."""
    with transaction.atomic():
        email.needs_review = False
        email.user_corrected = True
        email.review_reason = ""
        email.save(update_fields=["needs_review", "user_corrected", "review_reason"])
        _regroup(email, previous=email.application)
    return email


def do_correct_review(email: Email, status: str) -> Email:
    """The user says what the email really is; its application follows."""
    with transaction.atomic():
        previous = email.application
        email.status = status
        email.is_job_related = status != Status.NOT_JOB
        email.needs_review = False
        email.user_corrected = True
        email.review_reason = ""
        if not email.is_job_related:
            email.application = None
        email.save(
            update_fields=["status", "is_job_related", "needs_review", "user_corrected", "review_reason", "application"]
        )
        _regroup(email, previous=previous)
    return email


def _regroup(email: Email, previous: Application | None) -> None:
    if email.is_job_related and email.application_id is None:
        assign_emails(email.user_id, [email])
    if email.application_id is not None:
        recompute_application(Application.objects.get(pk=email.application_id))
    if previous is not None and previous.pk != email.application_id:
        recompute_application(previous)


def recompute_application(app: Application) -> Application:
    """Replay the application's visible emails in date order: count, activity, stages, status.

    A status the user set by hand (or a manual application's own stage) is kept;
    everything else is derived again from the emails, so deleting or correcting an
    email leaves the application as if that email had never been misread.
    """
    emails = list(app.emails.visible().filter(is_job_related=True).order_by("received_at", "pk"))
    keep_manual = app.status_locked or app.origin == Origin.MANUAL
    app.stage_dates = {app.status: app.stage_dates[app.status]} if keep_manual and app.status in app.stage_dates else {}
    app.email_count = len(emails)
    if emails:
        app.first_activity_at = None
        app.last_activity_at = None
    if not app.status_locked and app.origin == Origin.MAIL:
        first = next((e for e in emails if e.status != Status.NOT_JOB), None)
        if first is not None:
            app.status = Status.APPLIED if first.status in TERMINAL else first.status
    for email in emails:
        apply_status(app, email)
    app.save()
    return app
