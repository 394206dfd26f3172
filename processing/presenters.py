"""What the processing page and its live fragments show. One function serves the
first render, the polling fallback and the websocket push, so they cannot drift."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from dashboard.models import Email
from processing.models import ProcessingRun, RunStatus

RECENT_LIMIT = 8
PROGRESS_TEMPLATE = "processing/processing.html#progress"


def format_duration(seconds: float | None) -> str:
    """ "45 s", "3 min 07 s", "1 h 02 min"; empty when unknown."""
    if seconds is None:
        return ""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _outcome_message(run: ProcessingRun) -> tuple[str, str]:
    """The sentence (and toast level) the page shows when the run ends."""
    total = run.total_emails or 0
    if run.status == RunStatus.FINISHED:
        job = Email.objects.filter(run=run, is_job_related=True).count()
        read = max(0, run.processed_emails - run.skipped_emails)
        if read == 0:
            return "Processing complete: no new email since the last run.", "success"
        earlier = f" ({_count(run.skipped_emails, 'email')} read before)" if run.skipped_emails else ""
        return (
            f"Processing complete: {_count(read, 'new email')} read{earlier}, {job} job-related.",
            "success",
        )
    if run.status == RunStatus.CANCELLED:
        return f"Processing cancelled after {run.processed_emails} of {_count(total, 'email')}.", "info"
    if run.status == RunStatus.INTERRUPTED:
        return (
            f"Processing was interrupted after {run.processed_emails} of {total} emails. Resume it from the dashboard.",
            "warning",
        )
    if run.status == RunStatus.FAILED:
        return f"Processing failed: {run.error_message or 'see the server log.'}", "error"
    return "", "info"


def processing_context(user_id: int, run: ProcessingRun | None) -> dict[str, Any]:
    recent: list[Email] = []
    context: dict[str, Any] = {"run": run, "recent_emails": recent}
    if run is None:
        return context
    latest = Email.objects.for_user(user_id).visible().filter(run=run).order_by("-created_at", "-pk")
    recent.extend(latest[:RECENT_LIMIT])
    message, level = _outcome_message(run)
    context.update(
        elapsed=format_duration(run.duration.total_seconds()),
        eta=format_duration(run.eta_seconds()),
        outcome_message=message,
        outcome_level=level,
    )
    return context


def render_progress(user_id: int) -> str:
    """The fragment the websocket pushes: the same partial the page and the poll render."""
    run = ProcessingRun.objects.for_user(user_id).latest_first().first()
    return render_to_string(PROGRESS_TEMPLATE, processing_context(user_id, run))
