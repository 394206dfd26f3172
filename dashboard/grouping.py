"""Grouping stored emails into applications, and moving an application's status.

Which application an email joins is decided by `jobmail.grouping.Grouper` on
plain data (the evaluation runs the same code); this module loads the user's
applications for it and writes the outcome. Status only moves forward (applied → action required → assessment
→ interview → offer); a low-confidence rejection or withdrawal waits in the
review queue instead; an application the user edited by hand is never changed.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from dashboard.corrections import Remembered
from dashboard.models import Application, Email, Origin
from jobmail.classify.rules.company import sender_identity
from jobmail.classify.rules.phrases import Rules, load_rules
from jobmail.grouping import Grouper, MailFacts, Opening
from jobmail.taxonomy import PROGRESS, TERMINAL, Status
from jobmail.text.names import normalise_key, title_key


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _moment(iso: str | None) -> datetime | None:
    return datetime.fromisoformat(iso) if iso else None


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


def _sender_key(address: str) -> str:
    return sender_identity(address, _rules()) if address else ""


@lru_cache(maxsize=1)
def _rules() -> Rules:
    return load_rules()


#: Every field an application's save() writes: (name, attname), in the model's order.
_APPLICATION_FIELDS = [(f.name, f.attname) for f in Application._meta.concrete_fields if not f.primary_key]


def _values(app: Application) -> list[object]:
    # Copies of containers (stage_dates): a dict changed in place still shows as changed.
    return [copy.deepcopy(getattr(app, attname)) for _, attname in _APPLICATION_FIELDS]


class _Applications:
    """The user's applications that a batch touches, read from the database on first use.

    Grouping needs only a few fields of every application (its `Opening`); the full
    rows are read only for the few applications a batch's mail joins, so a batch
    costs the same for a user with five applications and one with five thousand.
    """

    def __init__(self, user_id: int, ids: set[int]) -> None:
        self.user_id = user_id
        #: Every application grouping may choose (the pinned ones included).
        self.ids = ids
        self.loaded: dict[int, Application] = {}
        #: The loaded rows' field values as read, to write back only what changed.
        self.read: dict[int, list[object]] = {}
        self.new: list[Application] = []

    def get(self, ref: int) -> Application:
        if ref < 0:
            return self.new[-ref - 1]
        app = self.loaded.get(ref)
        if app is None:
            # all_objects: the batch saw it before, whatever happened to it since.
            app = self.loaded[ref] = Application.all_objects.get(user_id=self.user_id, pk=ref)
            self.read[ref] = _values(app)
        return app

    def add(self, app: Application) -> int:
        """A new application, inserted by `save`; its ref until then is negative."""
        self.new.append(app)
        return -len(self.new)

    def save(self, touched: set[int]) -> None:
        """Insert the new applications, then update the touched existing ones (one
        statement each way instead of one per application). The update writes only
        the fields grouping changed in some of them: bulk_update builds a CASE per
        field and row, and with every field it cost more than the rest of a batch's
        grouping."""
        if self.new:
            Application.objects.bulk_create(self.new)
        changed = [ref for ref in sorted(touched) if ref > 0]
        if changed:
            fields = {"updated_at"}  # save() would set it (auto_now); bulk_update does not
            for ref in changed:
                current = _values(self.loaded[ref])
                fields.update(
                    name
                    for (name, _), old, new in zip(_APPLICATION_FIELDS, self.read[ref], current, strict=True)
                    if old != new
                )
            stamp = timezone.now()
            for ref in changed:
                self.loaded[ref].updated_at = stamp
            names = [name for name, _ in _APPLICATION_FIELDS if name in fields]
            Application.objects.bulk_update([self.loaded[ref] for ref in changed], names)


def _grouper_for(
    user_id: int, emails: list[Email], thread_applications: Iterable[tuple[str, int]] | None
) -> tuple[Grouper, _Applications]:
    """The user's applications as grouping sees them: with the threads of this batch
    and the sender identities of this batch's senders that earlier emails showed."""
    openings = {
        pk: Opening(
            pk,
            company,
            title,
            status,
            last,
            first_activity_at=first,
            confirmed=Status.APPLIED in stages,
            confirmed_at=_moment(stages.get(Status.APPLIED)),
            aliases={name for name in aliases or () if isinstance(name, str)},
        )
        for pk, company, title, status, last, first, stages, aliases in Application.objects.filter(user_id=user_id)
        .order_by()
        .values_list(
            "pk",
            "company",
            "job_title",
            "status",
            "last_activity_at",
            "first_activity_at",
            "stage_dates",
            "company_aliases",
        )
    }
    threads = {e.thread_id for e in emails if e.thread_id}
    known = Email.objects.filter(user_id=user_id, application__isnull=False, deleted_at__isnull=True)
    if thread_applications is None:
        thread_applications = known.filter(thread_id__in=threads).values_list("thread_id", "application_id")
    for thread, app_id in thread_applications:
        if thread in threads and app_id in openings:
            openings[app_id].threads.add(thread)
    keys = {_sender_key(e.sender_email) for e in emails} - {""}
    domains = {e.sender_email.rpartition("@")[2].lower() for e in emails if e.sender_email}
    if keys and domains:
        by_domain = Q()
        for domain in domains:
            by_domain |= Q(sender_email__iendswith=f"@{domain}")
        for address, app_id in known.filter(by_domain).values_list("sender_email", "application_id").distinct():
            key = _sender_key(address)
            if key in keys and app_id in openings:
                openings[app_id].senders.add(key)
    return Grouper(openings.values()), _Applications(user_id, set(openings))


def assign_emails(
    user_id: int, emails: Iterable[Email], *, thread_applications: Iterable[tuple[str, int]] | None = None
) -> set[int]:
    """Attach job-related emails to applications (see jobmail.grouping for the rules);
    returns the applications touched. Stored emails are updated; emails not stored
    yet are only changed in memory, for the caller to insert.

    `thread_applications`: the (thread, application) pairs of the stored emails of these
    emails' threads, when the caller read them already (processing.store)."""
    wanted = [e for e in emails if e.is_job_related and e.status != Status.NOT_JOB and e.deleted_at is None]
    if not wanted:
        return set()
    grouper, apps = _grouper_for(user_id, wanted, thread_applications)
    remembered = Remembered.load(user_id)
    touched: set[int] = set()
    joined: list[tuple[Email, int]] = []
    ordered = sorted(wanted, key=lambda e: (e.received_at is None, e.received_at or datetime.min.replace(tzinfo=UTC)))
    for email in ordered:
        facts = MailFacts(
            thread_id=email.thread_id,
            sender_key=_sender_key(email.sender_email),
            # A company the user renamed or merged is known by the name they gave it.
            company=remembered.company_name_for(email.company),
            job_title=email.job_title,
            received_at=email.received_at,
            status=email.status,
        )
        # The user's corrections come first (dashboard/corrections.py): mail they put
        # somewhere by hand before (a merge, a moved email) goes there again.
        pinned = remembered.application_for(
            normalise_key(facts.company), title_key(email.job_title), email.sender_email
        )
        if pinned in apps.ids:
            assert pinned is not None
            app = apps.get(pinned)
            apply_status(app, email)
            app.email_count += 1
            touched.add(pinned)
            joined.append((email, pinned))
            continue
        # A reply or an invitation that names no company or title shows its thread's
        # (the evaluation's group_predictions does the same).
        facts = grouper.named_by_thread(facts)
        if not email.company:
            email.company = facts.company[:200]
        if not email.job_title:
            email.job_title = facts.job_title[:300]
        opening, created = grouper.place(facts, default_company=_company_for(email))
        if created:
            app = Application(
                user_id=user_id,
                company=opening.company,
                job_title=opening.job_title,
                company_key=normalise_key(opening.company),
                title_key=title_key(opening.job_title),
                status=Status.APPLIED if email.status in TERMINAL else email.status,
                origin=Origin.MAIL,
                stage_dates={},
            )
            if app.status == Status.NOT_JOB:
                app.status = Status.OTHER_JOB
            opening.ref = apps.add(app)
        ref = opening.ref
        assert isinstance(ref, int)
        app = apps.get(ref)
        if opening.aliases != set(app.company_aliases or ()):
            # Spellings it learned stay for later batches: grouping users see is what
            # the evaluation measures, over one batch or many.
            app.company_aliases = sorted(name[:200] for name in opening.aliases)
        if opening.job_title != app.job_title and not app.status_locked:
            # Grouping keeps the more specific title ("Security Engineer" ->
            # "Security Engineer, Incident Tooling").
            app.job_title = opening.job_title
            app.title_key = title_key(opening.job_title)
        apply_status(app, email)
        opening.status = app.status
        app.email_count += 1
        touched.add(ref)
        joined.append((email, ref))
    apps.save(touched)
    # Only now do the new applications have their keys.
    for email, ref in joined:
        email.application = apps.get(ref)
    # Emails not stored yet (a batch being written) get their application on insert.
    stored = [e for e in wanted if e.pk is not None]
    if stored:
        Email.objects.bulk_update(stored, ["application", "needs_review", "review_reason", "company", "job_title"])
    return {apps.get(ref).pk for ref in touched}
