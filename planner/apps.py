from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest


class PlannerConfig(AppConfig):
    """What needs the user next: the Today panel, follow-ups, the board, the calendar feed, progress."""

    name = "planner"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from planner import digest  # noqa: F401  (connects the e-mail digest to the end of runs)

        # dashboard's pages show the planner's parts without importing it (dashboard/pages.py).
        from dashboard import pages
        from planner.board import annotate_next_steps
        from planner.forms import settings_context

        pages.add_context(pages.DASHBOARD, _dashboard_context)
        pages.add_context(pages.SETTINGS, settings_context)
        pages.add_row_annotator(annotate_next_steps)


def _dashboard_context(request: HttpRequest) -> dict[str, Any]:
    """The Today panel, and the marker whose change tells the page to reload its list."""
    from dashboard.answers import user_id
    from planner.live import applications_signature
    from planner.today import today_context

    return {**today_context(user_id(request)), "signature": applications_signature(user_id(request))}
