"""The optional e-mail digest: after a run ends, one message about what it found that needs the user.

Sent when the user turned it on in Settings and the run stored new interview
invitations, offers or requests to act. Each email is recorded as notified in the
transaction that selects it, and the message leaves only after that commits, so no
email is named twice, even when two run ends race: a failed send loses one digest
rather than repeating it. The mail server is reached from the worker thread that
announced the run's end (processing.signals), never from the event loop.

Everything taken from mail (companies, titles, subjects) is hostile: it is cut to one
line without control or bidi characters, and the HTML part is escaped by the template.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse

from accounts import timezones
from accounts.models import User
from dashboard.models import Email
from jobmail.message import one_line
from jobmail.taxonomy import Status
from planner.models import NotifiedEmail, Preferences
from processing.signals import run_ended

logger = logging.getLogger("jobtrail.digest")

#: The digest's sections, in order: (status, one, many, heading).
SECTIONS = (
    (Status.INTERVIEW, "interview", "interviews", "Interviews"),
    (Status.OFFER, "offer", "offers", "Offers"),
    (Status.ACTION_REQUIRED, "request to act", "requests to act", "Action required"),
)
#: Emails listed per section; the rest are counted ("and 4 more") and wait on the dashboard.
LISTED = 10
TEXT_TEMPLATE = "planner/digest_email.txt"
HTML_TEMPLATE = "planner/digest_email.html"


@dataclass
class Item:
    company: str
    title: str
    subject: str
    url: str
    #: The interview's date and time in the user's zone, or when the email came.
    when: str


@dataclass
class Section:
    heading: str
    count: int
    items: list[Item] = field(default_factory=list)

    @property
    def more(self) -> int:
        return self.count - len(self.items)


@dataclass
class Digest:
    subject: str
    text: str
    html: str
    to: str


def absolute(path: str) -> str:
    """A link for outside the browser: SITE_URL is the address users reach Jobtrail at."""
    return settings.SITE_URL + path


def subject_for(counts: list[tuple[int, str, str]]) -> str:
    """ "Jobtrail: 1 new interview, 2 offers" from (count, one, many) per section."""
    parts: list[str] = []
    for count, one, many in counts:
        if count:
            parts.append(f"{count} {'' if parts else 'new '}{one if count == 1 else many}")
    return "Jobtrail: " + ", ".join(parts)


def new_notable_emails(run_id: int, user_id: int) -> list[Email]:
    """What the run stored that needs the user and no digest named yet (a run stores each message once)."""
    return list(
        Email.objects.for_user(user_id)
        .visible()
        .filter(run_id=run_id, run__user_id=user_id, notified__isnull=True)
        .filter(status__in=[status for status, *_ in SECTIONS])
        .exclude(action_done__isnull=False)
        .select_related("application")
        .order_by("-received_at", "-pk")
    )


def _item(email: Email) -> Item:
    app = email.application
    company = one_line((app.company if app else "") or email.company)
    title = one_line((app.job_title if app else "") or email.job_title)
    moment = email.event_at if email.status == Status.INTERVIEW and email.event_at else None
    if moment is not None:
        when = timezones.moment_text(moment, weekday=True, with_zone=True)
    elif email.received_at is not None:
        when = "received " + timezones.moment_text(email.received_at)
    else:
        when = ""
    path = reverse("application_detail", args=[app.pk]) if app else reverse("dashboard")
    return Item(company=company, title=title, subject=one_line(email.subject), url=absolute(path), when=when)


def build(user: User, emails: list[Email]) -> Digest:
    """The message, rendered in the user's zone and clock like the pages."""
    with timezones.override_for(user):
        sections = []
        counts = []
        for status, one, many, heading in SECTIONS:
            mine = [email for email in emails if email.status == status]
            counts.append((len(mine), one, many))
            if mine:
                # Interviews soonest first (undated last); the rest newest first.
                if status == Status.INTERVIEW:
                    mine.sort(key=lambda e: (e.event_at is None, e.event_at or e.received_at or e.created_at))
                items = [_item(email) for email in mine[:LISTED]]
                sections.append(Section(heading=heading, count=len(mine), items=items))
        context: dict[str, Any] = {
            "sections": sections,
            "dashboard_url": absolute(reverse("dashboard")),
            "settings_url": absolute(reverse("settings") + "#digest"),
        }
        return Digest(
            subject=subject_for(counts),
            text=render_to_string(TEXT_TEMPLATE, context),
            html=render_to_string(HTML_TEMPLATE, context),
            to=user.email,
        )


def send(digest: Digest, run_id: int, user_id: int) -> bool:
    """Hand the message to EMAIL_URL's server; a failure is logged, never raised (the run is over)."""
    message = EmailMultiAlternatives(
        digest.subject, digest.text, to=[digest.to], headers={"Auto-Submitted": "auto-generated"}
    )
    message.attach_alternative(digest.html, "text/html")
    try:
        message.send()
    except Exception:  # any mail server or backend failure: logged with who and which run
        logger.exception("run %s of user %s: the e-mail digest could not be sent", run_id, user_id)
        return False
    logger.info("run %s of user %s: e-mail digest sent", run_id, user_id)
    return True


def send_after_run(run_id: int, user_id: int) -> int:
    """Record and send the run's digest; returns how many emails it names (0: nothing sent)."""
    with transaction.atomic():
        # Locks the user's preferences row: two run ends of one user take turns, and the
        # second sees the first one's records.
        preferences = Preferences.objects.select_for_update().filter(user_id=user_id, email_digest=True).first()
        if preferences is None:
            return 0
        emails = new_notable_emails(run_id, user_id)
        if not emails:
            return 0
        user = User.objects.get(pk=user_id)
        if not user.email:
            return 0
        NotifiedEmail.objects.bulk_create(
            [NotifiedEmail(user_id=user_id, email=email, run_id=run_id) for email in emails]
        )
        digest = build(user, emails)
        transaction.on_commit(lambda: send(digest, run_id, user_id))
    return len(emails)


@receiver(run_ended, dispatch_uid="planner.digest")
def _on_run_ended(sender: Any, *, run_id: int, user_id: int, **kwargs: Any) -> None:
    send_after_run(run_id, user_id)
