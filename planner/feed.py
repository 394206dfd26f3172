"""The subscribable calendar: interviews, assessment deadlines and follow-ups, per user.

Calendar apps fetch the feed without a session, so the URL itself is the secret: a
long random token, stored as a SHA-256 digest for the lookup (and Fernet-encrypted
so Settings can show it). Regenerating replaces both; the old URL answers 404.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from dashboard import export
from dashboard.models import Application
from jobmail.taxonomy import Status
from planner.models import Kind, Preferences, feed_digest
from planner.today import answered, has_upcoming_event

#: Past interviews stay in the calendar this long (a subscriber's history), no longer.
PAST_DAYS = 90


def preferences_for_token(token: str) -> Preferences | None:
    if not token or len(token) > 200:
        return None
    return Preferences.objects.filter(feed_token_digest=feed_digest(token)).exclude(feed_token_digest="").first()


def follow_up_dates(preferences: Preferences, now: datetime) -> Iterator[tuple[Application, date]]:
    """Each open application's next follow-up day, unless the user answered it already."""
    user_id = preferences.user_id
    applications = (
        Application.objects.for_user(user_id)
        .filter(
            status__in=(Status.APPLIED, Status.INTERVIEW),
            last_activity_at__gt=now - timedelta(days=preferences.quiet_after),
        )
        .exclude(answered(Kind.FOLLOW_UP, now))
        .exclude(has_upcoming_event(user_id, now))
        .order_by("last_activity_at", "pk")
    )
    for app in applications.iterator(chunk_size=500):
        assert app.last_activity_at is not None
        days = (
            preferences.follow_up_after_interview
            if app.status == Status.INTERVIEW
            else preferences.follow_up_after_applied
        )
        yield app, timezone.localdate(app.last_activity_at) + timedelta(days=days)


def _follow_up_event(app: Application, day: date, host: str, stamp: str) -> list[str]:
    summary = f"Follow up: {app.company}" + (f" — {app.job_title}" if app.job_title else "")
    return [
        "BEGIN:VEVENT",
        # The activity in the UID: new mail makes a new follow-up, not an edit of an old one.
        f"UID:jobtrail-follow-up-{app.pk}-{app.last_activity_at:%Y%m%d%H%M%S}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{export.ics_text(summary)}",
        f"DESCRIPTION:{export.ics_text('No reply since your last email from them. A short, friendly note helps.')}",
        "CATEGORIES:Follow-up",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def feed_text(preferences: Preferences) -> str:
    now = timezone.now()
    host = export.calendar_host()
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    emails = export.interview_emails(preferences.user_id).filter(event_at__gte=now - timedelta(days=PAST_DAYS))
    follow_ups = (_follow_up_event(app, day, host, stamp) for app, day in follow_up_dates(preferences, now))
    return export.interviews_ics(emails, follow_ups, name="Jobtrail")
