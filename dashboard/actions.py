"""State changes the user makes on the dashboard. Views call these; nothing else writes.

Emails the user deletes become tombstones (`deleted_at` set) rather than rows
removed: a later run lists the same message ids, sees them as already known and
never brings them back. A deleted application is hidden at once and removed after
UNDO_SECONDS; until then "Undo" restores it with its emails.

Corrections (an edit, a rename, a merge, a moved email) also leave a note for later
runs in `CompanyAlias`, `ApplicationAlias` or `SenderLink`, which grouping reads
through `dashboard/corrections.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from dashboard.corrections import is_personal_sender
from dashboard.grouping import apply_status, assign_emails
from dashboard.models import Application, ApplicationAlias, CompanyAlias, Email, Origin, SenderLink
from jobmail.grouping import MAX_ALIASES
from jobmail.taxonomy import TERMINAL, Status
from jobmail.text.names import normalise_key, title_key

#: How long a deleted application or email can be brought back with "Undo".
UNDO_SECONDS = 300
#: Fields a merge copies from a merged-away application when the survivor has none.
MERGED_FIELDS = (
    "job_title",
    "posting_url",
    "location",
    "work_mode",
    "salary_range",
    "source",
    "applied_on",
    "next_step",
    "next_step_due",
)


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


def purge_deleted(user_id: int) -> int:
    """Remove applications deleted more than UNDO_SECONDS ago (their emails stay tombstones)."""
    cutoff = timezone.now() - timedelta(seconds=UNDO_SECONDS)
    deleted, _ = Application.all_objects.filter(user_id=user_id, deleted_at__lt=cutoff).delete()
    return deleted


def do_delete_application(app: Application) -> int:
    """Hide the application and tombstone its emails, restorable for UNDO_SECONDS.

    Returns how many emails were hidden. The emails keep their link until the
    application is purged, so an undo puts back exactly these.
    """
    with transaction.atomic():
        purge_deleted(app.user_id)
        now = timezone.now()
        hidden = Email.objects.filter(application=app, deleted_at__isnull=True).update(
            deleted_at=now, needs_review=False
        )
        app.deleted_at = now
        app.save(update_fields=["deleted_at", "updated_at"])
    return hidden


def do_restore_application(app: Application) -> bool:
    """Undo a delete within UNDO_SECONDS; False when it is too late (or was never deleted)."""
    if app.deleted_at is None or app.deleted_at < timezone.now() - timedelta(seconds=UNDO_SECONDS):
        return False
    with transaction.atomic():
        # Compare-and-set on deleted_at: an undo racing a purge restores nothing twice.
        if Application.all_objects.filter(pk=app.pk, deleted_at=app.deleted_at).update(deleted_at=None) != 1:
            return False
        Email.objects.filter(application=app, deleted_at=app.deleted_at).update(deleted_at=None)
        app.deleted_at = None
        recompute_application(app)
    return True


def do_delete_email(email: Email) -> Application | None:
    """Tombstone one email and recount the application it belonged to.

    The tombstone keeps its application link so an undo can put it back; every list
    reads `visible()` emails only.
    """
    with transaction.atomic():
        app = Application.objects.filter(pk=email.application_id).first() if email.application_id else None
        email.deleted_at = timezone.now()
        email.needs_review = False
        email.save(update_fields=["deleted_at", "needs_review"])
        if app is not None:
            recompute_application(app)
    return app


def do_restore_email(email: Email) -> Application | None:
    """Undo an email's delete within UNDO_SECONDS; returns its application (None if too late)."""
    if email.deleted_at is None or email.deleted_at < timezone.now() - timedelta(seconds=UNDO_SECONDS):
        return None
    with transaction.atomic():
        if Email.objects.filter(pk=email.pk, deleted_at=email.deleted_at).update(deleted_at=None) != 1:
            return None
        email.deleted_at = None
        app = Application.objects.filter(pk=email.application_id).first() if email.application_id else None
        if app is None and email.is_job_related:
            # Its application was deleted meanwhile: grouping finds it a home again.
            Email.objects.filter(pk=email.pk).update(application=None)
            email.application = None
            assign_emails(email.user_id, [email])
            app = Application.objects.filter(pk=email.application_id).first() if email.application_id else None
        if app is not None:
            recompute_application(app)
    return app


# --- corrections ------------------------------------------------------------------------


def do_edit_application(app: Application, changes: dict[str, Any]) -> Application:
    """Save fields the user edited. A status set here is locked against mail; a new
    company or title renames this application only (see do_rename_company for all)."""
    with transaction.atomic():
        if "status" in changes:
            do_set_status(app, changes.pop("status"))
        if "company" in changes:
            changes["company"] = changes["company"].strip()
            changes["company_key"] = normalise_key(changes["company"])
        if "job_title" in changes:
            changes["job_title"] = changes["job_title"].strip()
            changes["title_key"] = title_key(changes["job_title"])
        if changes.get("applied_on"):
            day: date = changes["applied_on"]
            app.stage_dates = {**app.stage_dates, Status.APPLIED: _stage_moment(day)}
            changes["stage_dates"] = app.stage_dates
        for name, value in changes.items():
            setattr(app, name, value)
        if changes:
            app.save(update_fields=[*changes, "updated_at"])
    return app


def _remember_company(user_id: int, alias_key: str, company_key: str, company: str) -> None:
    if not alias_key or alias_key == company_key:
        CompanyAlias.objects.filter(user_id=user_id, alias_key=company_key).delete()
        return
    CompanyAlias.objects.update_or_create(
        user_id=user_id, alias_key=alias_key, defaults={"company_key": company_key, "company": company}
    )
    # Aliases that led to the old name now lead to the new one; the new name is nobody's alias.
    CompanyAlias.objects.filter(user_id=user_id, company_key=alias_key).update(company_key=company_key, company=company)
    CompanyAlias.objects.filter(user_id=user_id, alias_key=company_key).delete()
    ApplicationAlias.objects.filter(user_id=user_id, company_key=alias_key).update(company_key=company_key)


def do_rename_company(user_id: int, old_key: str, new_name: str) -> int:
    """Rename every application of a company; later mail naming the old one follows. Returns how many."""
    new_name = new_name.strip()
    new_key = normalise_key(new_name)
    with transaction.atomic():
        renamed = (
            Application.objects.for_user(user_id)
            .filter(company_key=old_key)
            .update(company=new_name, company_key=new_key, updated_at=timezone.now())
        )
        _remember_company(user_id, old_key, new_key, new_name)
    return renamed


def do_merge_applications(survivor: Application, others: Iterable[Application]) -> Application:
    """Fold `others` into `survivor`: their emails, stage dates and notes, and any field the
    survivor lacks. Mail that would have gone to a merged-away application goes to the survivor."""
    combined = dict(survivor.stage_dates)
    with transaction.atomic():
        for other in others:
            if other.pk == survivor.pk:
                continue
            Email.objects.filter(application=other).update(application=survivor)
            for stage, moment in other.stage_dates.items():
                if stage not in combined or moment < combined[stage]:
                    combined[stage] = moment
            if other.notes.strip():
                survivor.notes = f"{survivor.notes.rstrip()}\n\n{other.notes.strip()}".strip()
            for name in MERGED_FIELDS:
                if not getattr(survivor, name) and getattr(other, name):
                    setattr(survivor, name, getattr(other, name))
            survivor.company_aliases = sorted(
                {*(survivor.company_aliases or ()), *(other.company_aliases or ()), other.company} - {survivor.company}
            )[:MAX_ALIASES]
            if other.status_locked and not survivor.status_locked:
                survivor.status, survivor.status_locked = other.status, True
            ApplicationAlias.objects.filter(application=other).update(application=survivor)
            SenderLink.objects.filter(application=other).update(application=survivor)
            if other.company_key:
                ApplicationAlias.objects.update_or_create(
                    user_id=survivor.user_id,
                    company_key=other.company_key,
                    title_key=other.title_key,
                    defaults={"application": survivor},
                )
            other.delete()
        survivor.title_key = title_key(survivor.job_title)
        survivor.save()
        recompute_application(survivor)
        # Stages only a hand-added application knew (no email says them) are kept too.
        missing = {stage: moment for stage, moment in combined.items() if stage not in survivor.stage_dates}
        if missing:
            survivor.stage_dates = {**survivor.stage_dates, **missing}
            survivor.save(update_fields=["stage_dates", "updated_at"])
    return survivor


def do_move_email(email: Email, target: Application | None) -> Application:
    """Put one email in another application (`None`: a new one, named after the email).

    Mail from the same person follows it later (a sender link); an application left
    without emails that mail created is removed.
    """
    with transaction.atomic():
        previous = Application.objects.filter(pk=email.application_id).first() if email.application_id else None
        if target is None:
            target = Application.objects.create(
                user_id=email.user_id,
                company=email.company or (previous.company if previous else "") or "Unknown company",
                job_title=email.job_title,
                company_key=normalise_key(email.company or (previous.company if previous else "")),
                title_key=title_key(email.job_title),
                status=Status.APPLIED if email.status in TERMINAL or email.status == Status.NOT_JOB else email.status,
                origin=Origin.MAIL,
            )
        email.application = target
        email.user_corrected = True
        if not email.is_job_related:
            email.is_job_related = True
            email.status = Status.OTHER_JOB
        email.save(update_fields=["application", "user_corrected", "is_job_related", "status"])
        if is_personal_sender(email.sender_email):
            SenderLink.objects.update_or_create(
                user_id=email.user_id, sender_email=email.sender_email.lower(), defaults={"application": target}
            )
        recompute_application(target)
        if previous is not None and previous.pk != target.pk:
            if previous.origin == Origin.MAIL and not previous.emails.exists():
                previous.delete()
            else:
                recompute_application(previous)
    return target


def do_classify_again(email: Email) -> None:
    """Forget the email entirely (no tombstone): the next run reads and classifies it again,
    as when the LLM was unreachable the first time."""
    with transaction.atomic():
        app = Application.objects.filter(pk=email.application_id).first() if email.application_id else None
        email.delete()
        if app is not None:
            if app.origin == Origin.MAIL and not app.emails.exists():
                app.delete()
            else:
                recompute_application(app)


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
    # Only spellings its mail still uses: a moved or deleted email's employer name no
    # longer pulls later mail in.
    used = {email.company for email in emails}
    app.company_aliases = [name for name in app.company_aliases or () if name in used]
    app.save()
    return app
