"""The Today panel: what needs the user now, derived from the mail on every request.

Four lists, each a fixed number of queries whatever the mailbox size (a short list
plus a count), so the dashboard costs the same for 100 or 10,000 applications:

- upcoming: interviews and assessment deadlines in the next 14 days, soonest first;
- actions: action-required emails until the user marks them done;
- follow-ups: an application in "applied" (or "interview") with no mail for the
  user's number of days, until marked done (for this much activity) or snoozed;
- quiet: no mail for longer still, offered as "no reply" for the user to confirm.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from dashboard.models import Application, Email
from jobmail.taxonomy import TERMINAL, Status
from planner.models import ActionDone, Kind, Preferences, Suggestion

UPCOMING_DAYS = 14
UPCOMING_LIMIT = 10
LIST_LIMIT = 4
#: Days a snoozed suggestion stays away.
SNOOZE_DAYS = 3
EVENT_STATUSES = (Status.INTERVIEW, Status.ASSESSMENT)
#: Open applications that can go quiet: waiting on the employer.
WAITING_STATUSES = (Status.APPLIED, Status.ACTION_REQUIRED, Status.ASSESSMENT, Status.INTERVIEW)


@dataclass
class Event:
    email: Email
    application: Application | None
    at: datetime
    kind: str  # "Interview" / "Assessment deadline"


@dataclass
class Suggested:
    application: Application
    days: int
    #: The sentence's cause: "you applied" / "your interview".
    since: str = ""


@dataclass
class Today:
    preferences: Preferences
    upcoming: list[Event] = field(default_factory=list)
    actions: list[Email] = field(default_factory=list)
    actions_total: int = 0
    follow_ups: list[Suggested] = field(default_factory=list)
    follow_ups_total: int = 0
    quiet: list[Suggested] = field(default_factory=list)
    quiet_total: int = 0

    @property
    def empty(self) -> bool:
        return not (self.upcoming or self.actions or self.follow_ups or self.quiet)

    @property
    def total(self) -> int:
        return len(self.upcoming) + self.actions_total + self.follow_ups_total + self.quiet_total


def upcoming_events(user_id: int, now: datetime, days: int = UPCOMING_DAYS, limit: int = UPCOMING_LIMIT) -> list[Event]:
    emails = (
        Email.objects.for_user(user_id)
        .visible()
        .filter(status__in=EVENT_STATUSES, event_at__gte=now, event_at__lt=now + timedelta(days=days))
        .exclude(application__status__in=TERMINAL)
        .select_related("application")
        .order_by("event_at", "pk")[: limit * 3]
    )
    events: list[Event] = []
    seen: set[tuple[int | None, datetime]] = set()
    for email in emails:
        assert email.event_at is not None
        # An invitation and its confirmation name the same moment: one event.
        key = (email.application_id, email.event_at)
        if key in seen:
            continue
        seen.add(key)
        kind = "Interview" if email.status == Status.INTERVIEW else "Assessment deadline"
        events.append(Event(email, email.application, email.event_at, kind))
        if len(events) == limit:
            break
    return events


def open_actions(user_id: int) -> QuerySet[Email]:
    return (
        Email.objects.for_user(user_id)
        .visible()
        .filter(status=Status.ACTION_REQUIRED)
        .exclude(application__status__in=TERMINAL)
        .exclude(Exists(ActionDone.objects.filter(email=OuterRef("pk"))))
    )


def answered(kind: str, now: datetime) -> Exists:
    """The user already answered this suggestion for the application's current activity."""
    return Exists(
        Suggestion.objects.filter(application=OuterRef("pk"), kind=kind).filter(
            Q(done_at__isnull=False, activity_at=OuterRef("last_activity_at")) | Q(snoozed_until__gt=now)
        )
    )


def has_upcoming_event(user_id: int, now: datetime) -> Q:
    """Applications with an interview or deadline ahead. Not a correlated EXISTS: one pass
    over the user's few future events instead of one probe per application (the count of
    follow-ups went from 17 ms to a few at 2,000 applications)."""
    upcoming = Email.objects.filter(
        user_id=user_id, status__in=EVENT_STATUSES, event_at__gte=now, deleted_at__isnull=True
    ).filter(application__isnull=False)
    return Q(pk__in=upcoming.values("application_id"))


def _follow_up_condition(user_id: int, preferences: Preferences, now: datetime) -> Q:
    quiet_from = now - timedelta(days=preferences.quiet_after)
    after_applied = now - timedelta(days=preferences.follow_up_after_applied)
    after_interview = now - timedelta(days=preferences.follow_up_after_interview)
    return (
        (
            Q(status=Status.APPLIED, last_activity_at__lte=after_applied)
            | Q(status=Status.INTERVIEW, last_activity_at__lte=after_interview)
        )
        & Q(last_activity_at__gt=quiet_from)
        & ~Q(answered(Kind.FOLLOW_UP, now))
        & ~has_upcoming_event(user_id, now)
    )


def _quiet_condition(user_id: int, preferences: Preferences, now: datetime) -> Q:
    quiet_from = now - timedelta(days=preferences.quiet_after)
    return (
        Q(status__in=WAITING_STATUSES, last_activity_at__lte=quiet_from)
        & ~Q(answered(Kind.QUIET, now))
        & ~has_upcoming_event(user_id, now)
    )


def follow_ups_due(user_id: int, preferences: Preferences, now: datetime) -> QuerySet[Application]:
    return Application.objects.for_user(user_id).filter(_follow_up_condition(user_id, preferences, now))


def gone_quiet(user_id: int, preferences: Preferences, now: datetime) -> QuerySet[Application]:
    return Application.objects.for_user(user_id).filter(_quiet_condition(user_id, preferences, now))


def days_since(now: datetime, then: datetime | None) -> int | None:
    """Calendar days in the user's zone (yesterday evening is 1 day ago, whatever the hour)."""
    if then is None:
        return None
    return (timezone.localdate(now) - timezone.localdate(then)).days


def build_today(user_id: int, now: datetime | None = None, preferences: Preferences | None = None) -> Today:
    now = now or timezone.now()
    preferences = preferences or Preferences.for_user(user_id)
    # Always the same queries (never "count only when the list is full"): the dashboard's
    # query count must not depend on how much mail the user has.
    today = Today(preferences, upcoming=upcoming_events(user_id, now))
    actions = open_actions(user_id)
    today.actions = list(actions.select_related("application").order_by("-received_at", "-pk")[:LIST_LIMIT])
    today.actions_total = actions.count()
    follow = follow_ups_due(user_id, preferences, now)
    today.follow_ups = [
        Suggested(
            app,
            days_since(now, app.last_activity_at) or 0,
            "your interview" if app.status == Status.INTERVIEW else "you applied",
        )
        for app in follow.order_by("last_activity_at", "pk")[:LIST_LIMIT]
    ]
    quiet = gone_quiet(user_id, preferences, now)
    today.quiet = [
        Suggested(app, days_since(now, app.last_activity_at) or 0)
        for app in quiet.order_by("-last_activity_at", "-pk")[:LIST_LIMIT]
    ]
    # Both totals in one pass over the user's applications.
    totals = Application.objects.for_user(user_id).aggregate(
        follow_ups=Count("pk", filter=_follow_up_condition(user_id, preferences, now)),
        quiet=Count("pk", filter=_quiet_condition(user_id, preferences, now)),
    )
    today.follow_ups_total, today.quiet_total = totals["follow_ups"], totals["quiet"]
    return today


def today_context(user_id: int) -> dict[str, Any]:
    """What the panel's template needs, for the dashboard, the panel's own view and the push.

    `rendered_at` (taken before the panel is read) lets the page keep the later of two
    renders: a push rendered before an action's answer may arrive after it."""
    rendered_at = f"{time.time():.6f}"
    return {
        "today": build_today(user_id),
        "upcoming_days": UPCOMING_DAYS,
        "snooze_days": SNOOZE_DAYS,
        "rendered_at": rendered_at,
    }
