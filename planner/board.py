"""The board: applications by stage, each card with its next step.

Five columns; each shows its most recently active cards (a fixed limit) and how
many it holds in all, so the board costs the same queries for 100 or 10,000
applications: one count by status, one query per column, two for next steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count
from django.utils import timezone

from dashboard.models import Application, Email
from jobmail.taxonomy import Status
from planner.models import Preferences
from planner.today import EVENT_STATUSES, days_since, open_actions

#: Cards per column: the most recently active; the rest are a link to the filtered list.
CARD_LIMIT = 12


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    statuses: tuple[str, ...]
    #: The status a card dropped here gets.
    drop_status: str


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "applied",
        "Applied",
        (Status.RECRUITER_OUTREACH, Status.APPLIED, Status.ACTION_REQUIRED, Status.OTHER_JOB),
        Status.APPLIED,
    ),
    ColumnSpec("assessment", "Assessment", (Status.ASSESSMENT,), Status.ASSESSMENT),
    ColumnSpec("interview", "Interview", (Status.INTERVIEW,), Status.INTERVIEW),
    ColumnSpec("offer", "Offer", (Status.OFFER,), Status.OFFER),
    ColumnSpec("closed", "Closed", (Status.REJECTED, Status.WITHDRAWN), Status.REJECTED),
)
#: The "Move to" menu: every column's status, and Withdrawn (a closed card that is not a rejection).
MOVE_CHOICES: list[tuple[str, str]] = [
    (Status.APPLIED, "Applied"),
    (Status.ASSESSMENT, "Assessment"),
    (Status.INTERVIEW, "Interview"),
    (Status.OFFER, "Offer"),
    (Status.REJECTED, "Closed: rejected"),
    (Status.WITHDRAWN, "Closed: withdrawn"),
]


@dataclass
class Card:
    app: Application
    days: int | None
    next_step: str
    next_at: datetime | None = None


@dataclass
class Column:
    spec: ColumnSpec
    cards: list[Card] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.cards)


def next_steps(user_id: int, apps: list[Application], now: datetime) -> dict[int, tuple[str, datetime | None]]:
    """What each application waits for, derived from its mail (two queries for any number)."""
    ids = [app.pk for app in apps]
    events: dict[int, Email] = {}
    for email in (
        Email.objects.for_user(user_id)
        .visible()
        .filter(application_id__in=ids, status__in=EVENT_STATUSES, event_at__gte=now)
        .order_by("-event_at")
    ):
        assert email.application_id is not None
        events[email.application_id] = email  # ordered latest first: the soonest wins
    actions: dict[int, Email] = {}
    for email in open_actions(user_id).filter(application_id__in=ids).order_by("received_at"):
        assert email.application_id is not None
        actions[email.application_id] = email
    preferences = Preferences.for_user(user_id)
    steps: dict[int, tuple[str, datetime | None]] = {}
    for app in apps:
        event = events.get(app.pk)
        action = actions.get(app.pk)
        days = days_since(now, app.last_activity_at)
        if event is not None:
            what = "Interview" if event.status == Status.INTERVIEW else "Assessment due"
            steps[app.pk] = (what, event.event_at)
        elif action is not None:
            steps[app.pk] = (f"Reply: {action.subject or 'the request'}", None)
        elif app.status == Status.OFFER:
            steps[app.pk] = ("Decide on the offer", None)
        elif app.status in (Status.REJECTED, Status.WITHDRAWN):
            steps[app.pk] = ("", None)
        elif days is not None and days >= preferences.quiet_after:
            steps[app.pk] = ("No reply? Close it or keep waiting", None)
        elif app.status == Status.APPLIED and days is not None and days >= preferences.follow_up_after_applied:
            steps[app.pk] = ("Follow up", None)
        elif app.status == Status.INTERVIEW and days is not None and days >= preferences.follow_up_after_interview:
            steps[app.pk] = ("Follow up after the interview", None)
        else:
            steps[app.pk] = ("Wait for a reply", None)
    return steps


def annotate_next_steps(user_id: int, apps: list[Application], now: datetime | None = None) -> list[Application]:
    """Sets `next_step` and `next_at` on each application (for the list's rows and phone cards)."""
    steps = next_steps(user_id, apps, now or timezone.now())
    for app in apps:
        app.next_step, app.next_at = steps[app.pk]  # type: ignore[attr-defined]
    return apps


def build_board(user_id: int, now: datetime | None = None) -> list[Column]:
    now = now or timezone.now()
    mine = Application.objects.for_user(user_id)
    counts = dict(mine.order_by().values_list("status").annotate(n=Count("pk")))
    columns = []
    for spec in COLUMNS:
        apps = list(mine.filter(status__in=spec.statuses).order_by("-last_activity_at", "-pk")[:CARD_LIMIT])
        column = Column(spec, total=sum(counts.get(status, 0) for status in spec.statuses))
        column.cards = [Card(app, days_since(now, app.last_activity_at), "") for app in apps]
        columns.append(column)
    every = [card.app for column in columns for card in column.cards]
    steps = next_steps(user_id, every, now)
    for column in columns:
        for card in column.cards:
            card.next_step, card.next_at = steps[card.app.pk]
    return columns
