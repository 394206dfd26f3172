"""CSV of applications and an iCalendar feed of interviews and assessment deadlines.

Both are written by hand from the standard library: the CSV with `csv` (plus a
guard against spreadsheet formula injection, since company names and titles come
from other people's emails), the calendar per RFC 5545 (TEXT escaping, CRLF line
ends, lines folded at 75 octets).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, tzinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from dashboard.models import Application, Email
from jobmail.taxonomy import PIPELINE_ORDER, Status

#: One "reached on" column per application status, in pipeline order.
STAGE_COLUMNS: list[tuple[str, str]] = [(status, Status(status).label) for status in PIPELINE_ORDER]
CSV_HEADER = [
    "Company",
    "Job title",
    "Status",
    "Emails",
    "First activity",
    "Last activity",
    "Added",
    *[f"{label} on" for _, label in STAGE_COLUMNS],
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Keep a cell from being evaluated as a formula by spreadsheet software."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _day(moment: datetime | str | None, zone: tzinfo | None = None) -> str:
    if not moment:
        return ""
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment, zone)
    return moment.date().isoformat()


def application_row(app: Application, zone: tzinfo | None = None) -> list[str]:
    """One CSV row; dates are days in `zone` (the user's), by default the active one."""
    dates = app.stage_dates if isinstance(app.stage_dates, dict) else {}
    return [
        safe_cell(app.company),
        safe_cell(app.job_title),
        app.get_status_display(),
        str(app.email_count),
        _day(app.first_activity_at, zone),
        _day(app.last_activity_at, zone),
        "manually" if app.origin == "manual" else "from mail",
        *[_day(dates.get(status), zone) for status, _ in STAGE_COLUMNS],
    ]


def applications_csv(applications: Iterable[Application], zone: tzinfo | None = None) -> Iterator[str]:
    """Yields the CSV text a chunk at a time (for a streaming response).

    `zone` is captured by the view: the body is produced after the request's
    middleware (and its active time zone) has finished.
    """
    zone = zone or timezone.get_current_timezone()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for index, app in enumerate(applications, start=1):
        writer.writerow(application_row(app, zone))
        if index % 200 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


# --- iCalendar -------------------------------------------------------------------

CALENDAR_STATUSES = (Status.INTERVIEW, Status.ASSESSMENT)


def ics_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11); drop other control characters."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(ch for ch in value if ch == "\n" or (ch >= " " and ch != "\x7f"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (§3.1)."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = ch, width, 74  # continuation lines start with a space
        else:
            current += ch
            size += width
    out.append(current)
    return "\r\n ".join(out)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(email: Email, host: str, stamp: str) -> list[str]:
    app = email.application
    company = (app.company if app else "") or email.company or "Unknown company"
    title = (app.job_title if app else "") or email.job_title
    what = "Interview" if email.status == Status.INTERVIEW else "Assessment deadline"
    summary = f"{what}: {company}" + (f" — {title}" if title else "")
    description = "\n".join(part for part in (email.subject, f"From: {email.sender}" if email.sender else "") if part)
    assert email.event_at is not None
    lines = [
        "BEGIN:VEVENT",
        f"UID:jobtrail-email-{email.pk}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_utc(email.event_at)}",
        f"DURATION:{'PT1H' if email.status == Status.INTERVIEW else 'PT30M'}",
        f"SUMMARY:{ics_text(summary)}",
        f"DESCRIPTION:{ics_text(description)}",
        f"CATEGORIES:{ics_text(what)}",
    ]
    if email.gmail_url:
        lines.append(f"URL:{email.gmail_url}")
    lines.append("END:VEVENT")
    return lines


def interview_emails(user_id: int) -> QuerySet[Email]:
    return (
        Email.objects.for_user(user_id)
        .visible()
        .filter(status__in=CALENDAR_STATUSES, event_at__isnull=False)
        .select_related("application")
        .order_by("event_at", "pk")
    )


def interviews_ics(
    emails: Iterable[Email], extra_events: Iterable[list[str]] = (), name: str = "Jobtrail interviews"
) -> str:
    """The calendar; `extra_events` are further VEVENTs (the subscribable feed adds follow-ups)."""
    host = calendar_host()
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Jobtrail//Interviews and assessments//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_text(name)}",
    ]
    for email in emails:
        lines.extend(_event(email, host, stamp))
    for event in extra_events:
        lines.extend(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def calendar_host() -> str:
    """The domain part of every event's UID."""
    return urlsplit(settings.SITE_URL).hostname or "jobtrail"
