"""Grouping stored emails into applications, and moving an application's status.

Rules, in order: an email joins the application of an earlier email in the same
thread; else the application with the same normalised company and job title;
else, when the email names no title, the company's only application; else a new
application. Status only moves forward (applied → action required → assessment
→ interview → offer); a low-confidence rejection or withdrawal waits in the
review queue instead; an application the user edited by hand is never changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings

from dashboard.models import Application, Email, Origin
from jobmail.taxonomy import PROGRESS, TERMINAL, Status
from jobmail.text.names import normalise_key, title_key


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def apply_status(app: Application, email: Email) -> None:
    """Move `app` according to one new email (in memory; the caller saves)."""
    when = email.received_at
    if when is not None:
        if app.first_activity_at is None or when < app.first_activity_at:
            app.first_activity_at = when
        if app.last_activity_at is None or when > app.last_activity_at:
            app.last_activity_at = when
    new = email.status
    if new == Status.NOT_JOB:
        return
    if new in TERMINAL and email.confidence < settings.REVIEW_CONFIDENCE and not email.user_corrected:
        email.needs_review = True
        email.review_reason = email.review_reason or f"Low-confidence {Status(new).label.lower()}"
        return
    if email.needs_review and not email.user_corrected:
        return
    stage_when = _iso(when)
    if stage_when and (new not in app.stage_dates or stage_when < app.stage_dates[new]):
        app.stage_dates = {**app.stage_dates, new: stage_when}
    if app.status_locked:
        return
    current = app.status
    if new in TERMINAL:
        app.status = new
        return
    if new not in PROGRESS:
        return
    if current in TERMINAL:
        # Reopen only for a later, more advanced step (a new interview after a
        # rejection of the same application is rare but real).
        terminal_at = app.stage_dates.get(current)
        if terminal_at and stage_when and stage_when > terminal_at and PROGRESS[new] >= PROGRESS[Status.ASSESSMENT]:
            app.status = new
        return
    if PROGRESS.get(new, 0) >= PROGRESS.get(current, 0):
        app.status = new


def _company_for(email: Email) -> str:
    if email.company:
        return email.company
    name = email.sender.split("<")[0].strip().strip('"')
    if name:
        return name[:200]
    domain = email.sender_email.rpartition("@")[2]
    return domain.split(".")[0].capitalize() if domain else "Unknown company"


def find_application(user_id: int, email: Email, thread_apps: dict[str, int]) -> Application | None:
    if email.thread_id:
        app_id = thread_apps.get(email.thread_id)
        if app_id is None:
            app_id = (
                Email.objects.filter(user_id=user_id, thread_id=email.thread_id, application__isnull=False)
                .values_list("application_id", flat=True)
                .first()
            )
        if app_id is not None:
            found = Application.objects.filter(pk=app_id, user_id=user_id).first()
            if found is not None:
                return found
    company = normalise_key(email.company)
    if not company:
        return None
    candidates = list(Application.objects.filter(user_id=user_id, company_key=company).order_by("-last_activity_at"))
    if not candidates:
        return None
    title = title_key(email.job_title)
    if title:
        for app in candidates:
            if app.title_key == title:
                return app
        # A role-less application of the company (e.g. from a recruiter's first
        # email) takes the title; a different titled role stays separate.
        for app in candidates:
            if not app.title_key:
                app.job_title = email.job_title
                app.title_key = title
                return app
        return None
    if len(candidates) == 1:
        return candidates[0]
    open_ones = [app for app in candidates if app.status not in TERMINAL]
    return open_ones[0] if len(open_ones) == 1 else candidates[0]


def assign_emails(user_id: int, emails: Iterable[Email]) -> set[int]:
    """Attach job-related emails to applications; returns the applications touched."""
    thread_apps: dict[str, int] = {}
    touched: dict[int, Application] = {}
    dirty_emails: list[Email] = []
    ordered = sorted(emails, key=lambda e: (e.received_at is None, e.received_at or datetime.min))
    for email in ordered:
        if not email.is_job_related or email.status == Status.NOT_JOB or email.deleted_at is not None:
            continue
        app = find_application(user_id, email, thread_apps)
        if app is not None and app.pk in touched:
            app = touched[app.pk]
        if app is None:
            app = Application(
                user_id=user_id,
                company=_company_for(email),
                job_title=email.job_title,
                company_key=normalise_key(email.company or _company_for(email)),
                title_key=title_key(email.job_title),
                status=Status.APPLIED if email.status in TERMINAL else email.status,
                origin=Origin.MAIL,
                stage_dates={},
            )
            if app.status == Status.NOT_JOB:
                app.status = Status.OTHER_JOB
            app.save()
        if not app.job_title and email.job_title:
            app.job_title = email.job_title
            app.title_key = title_key(email.job_title)
        apply_status(app, email)
        app.email_count += 1
        touched[app.pk] = app
        email.application = app
        dirty_emails.append(email)
        if email.thread_id:
            thread_apps[email.thread_id] = app.pk
    for app in touched.values():
        app.save()
    if dirty_emails:
        Email.objects.bulk_update(dirty_emails, ["application", "needs_review", "review_reason"])
    return set(touched)
