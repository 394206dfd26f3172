"""What the user answers to the Today panel and the board. Views call these; nothing else writes."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from dashboard.actions import do_set_status
from dashboard.models import Application, Email
from jobmail.taxonomy import Status
from planner.models import ActionDone, Kind, Suggestion
from planner.today import SNOOZE_DAYS


def do_mark_action_done(email: Email) -> None:
    ActionDone.objects.get_or_create(email=email, defaults={"user_id": email.user_id})


def _answer(app: Application, kind: str, **fields: object) -> Suggestion:
    suggestion, _ = Suggestion.objects.update_or_create(
        application=app,
        kind=kind,
        defaults={"user_id": app.user_id, "activity_at": app.last_activity_at, **fields},
    )
    return suggestion


def do_follow_up_done(app: Application) -> Suggestion:
    """The user followed up: no new suggestion until new mail goes unanswered again."""
    return _answer(app, Kind.FOLLOW_UP, done_at=timezone.now(), snoozed_until=None)


def do_snooze(app: Application, kind: str, days: int = SNOOZE_DAYS) -> Suggestion:
    return _answer(app, kind, done_at=None, snoozed_until=timezone.now() + timedelta(days=days))


def do_keep_waiting(app: Application) -> Suggestion:
    """Not closed: the "no reply" suggestion stays away until new mail goes quiet again."""
    return _answer(app, Kind.QUIET, done_at=timezone.now(), snoozed_until=None)


def do_close_no_reply(app: Application) -> Application:
    """The user confirms the employer went silent: the application is closed as withdrawn.

    Not locked like a status set by hand: if the employer writes after all, the
    new mail moves the application as usual.
    """
    with transaction.atomic():
        app.status = Status.WITHDRAWN
        if Status.WITHDRAWN not in app.stage_dates:
            app.stage_dates = {**app.stage_dates, Status.WITHDRAWN: timezone.now().isoformat()}
        app.save(update_fields=["status", "stage_dates", "updated_at"])
        _answer(app, Kind.QUIET, done_at=timezone.now(), snoozed_until=None)
    return app


def do_move(app: Application, status: str) -> Application:
    """A card moved on the board: the same as setting the status by hand."""
    return do_set_status(app, status)
