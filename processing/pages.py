"""What processing adds to dashboard's pages (dashboard/pages.py): the run banner, the
start dialog and the mbox upload on the dashboard; the runs and the background sync in
Settings. Registered in `ProcessingConfig.ready()`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from dashboard.answers import user_id as _user_id
from processing.models import MailSync, ProcessingRun, RunStatus

START_PRESETS = (7, 30, 90, 180, 365)


def dashboard_context(request: HttpRequest) -> dict[str, Any]:
    last_run = ProcessingRun.objects.for_user(_user_id(request)).latest_first().first()
    stopped = last_run is not None and last_run.status in (
        RunStatus.CANCELLED,
        RunStatus.INTERRUPTED,
        RunStatus.FAILED,
    )
    today = timezone.localdate()
    return {
        "last_run": last_run,
        "active_run": last_run if last_run is not None and last_run.is_active else None,
        "stopped_run": last_run if stopped else None,
        # A new user chooses a start date first; after a stop the banner offers Resume,
        # and the dialog only when asked for ("Choose other dates").
        "show_start_dialog": last_run is None,
        "start_presets": [(days, (today - timedelta(days=days)).isoformat()) for days in START_PRESETS],
        "today_date": today.isoformat(),
        "upload_limit_mb": settings.MBOX_UPLOAD_MAX_MB,
    }


def settings_context(request: HttpRequest) -> dict[str, Any]:
    user_id = _user_id(request)
    return {
        "run_total": ProcessingRun.objects.for_user(user_id).count(),
        "upload_limit_mb": settings.MBOX_UPLOAD_MAX_MB,
        "upload_suffix": "-settings",
        "mail_sync": MailSync.objects.filter(user_id=user_id).first(),
    }
