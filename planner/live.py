"""What the websocket pushes to pages other than the processing page.

The dashboard gets its Today panel and pipeline chart, rendered from the same
partials as the page, plus a marker whose change tells the page to reload its list
(or board) with its own filters. Every page of the user gets a toast after a run
that found an interview, an offer or a request to act.
"""

from __future__ import annotations

from django.db.models import Count, Max
from django.template.loader import render_to_string

from accounts import timezones
from accounts.models import User
from dashboard import charts
from dashboard.models import Application, Email
from jobmail.taxonomy import Status
from planner.today import today_context

DASHBOARD_TEMPLATE = "planner/live.html"
NOTABLE: dict[str, tuple[str, str]] = {
    Status.INTERVIEW: ("interview invitation", "interview invitations"),
    Status.OFFER: ("offer", "offers"),
    Status.ACTION_REQUIRED: ("request to act", "requests to act"),
}
#: Companies named in a toast, at most.
NAMED = 3


def applications_signature(user_id: int) -> str:
    """Changes whenever an application is added, removed or changed."""
    summary = Application.objects.for_user(user_id).aggregate(n=Count("pk"), changed=Max("updated_at"))
    changed = summary["changed"].isoformat() if summary["changed"] else ""
    return f"{summary['n']}:{changed}"


def render_dashboard(user_id: int) -> str:
    """Rendered in the user's time zone and clock, as the page itself was."""
    user = User.objects.get(pk=user_id)
    with timezones.override_for(user):
        context = {
            **today_context(user_id),
            "chart": charts.pipeline_chart(user_id),
            "signature": applications_signature(user_id),
        }
        return render_to_string(DASHBOARD_TEMPLATE, context)


def render_board_marker(user_id: int) -> str:
    return render_to_string(DASHBOARD_TEMPLATE + "#marker", {"signature": applications_signature(user_id)})


def notification(run_id: int, user_id: int) -> str:
    """The sentence for a run's notable new mail; empty when there is none."""
    rows = (
        Email.objects.for_user(user_id)
        .visible()
        .filter(run_id=run_id, status__in=list(NOTABLE))
        .select_related("application")
        .order_by("received_at", "pk")
    )
    found: dict[str, list[str]] = {}
    for email in rows[:200]:
        company = (email.application.company if email.application else "") or email.company
        names = found.setdefault(email.status, [])
        if company and company not in names:
            names.append(company)
        elif not company:
            names.append("")
    if not found:
        return ""
    parts = []
    for status, (one, many) in NOTABLE.items():
        if not found.get(status):
            continue
        names = found[status]
        count = len(names)
        named = [name for name in names if name][:NAMED]
        text = f"{count} {one if count == 1 else many}"
        if named:
            text += " (" + ", ".join(named) + (", …" if count > len(named) else "") + ")"
        parts.append(text)
    return "New in your mail: " + "; ".join(parts) + ". See Today on the dashboard."


def render_notification(run_id: int, user_id: int) -> str:
    message = notification(run_id, user_id)
    if not message:
        return ""
    return render_to_string(DASHBOARD_TEMPLATE + "#toast", {"message": message})
