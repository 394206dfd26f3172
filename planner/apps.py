from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest


class PlannerConfig(AppConfig):
    """What needs the user next: the Today panel, follow-ups, the board, the calendar feed, progress."""

    name = "planner"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from dashboard import pages
        from planner import (
            digest,  # noqa: F401  (connects the e-mail digest to the end of runs)
            live,
        )
        from planner.board import annotate_next_steps
        from planner.forms import settings_context
        from processing import consumers

        # dashboard's pages show the planner's parts without importing it (dashboard/pages.py).
        pages.add_context(pages.DASHBOARD, _dashboard_context)
        pages.add_context(pages.SETTINGS, settings_context)
        pages.add_row_annotator(annotate_next_steps)
        # What the websocket pushes to the dashboard, the board and every other page.
        consumers.add_page("dashboard", live.render_dashboard)
        consumers.add_page("board", live.render_board_marker)
        consumers.add_page("page", None)
        consumers.add_notification(live.render_notification)


def _dashboard_context(request: HttpRequest) -> dict[str, Any]:
    """The Today panel, and the marker whose change tells the page to reload its list."""
    from dashboard.answers import user_id
    from planner.live import applications_signature
    from planner.today import today_context

    return {**today_context(user_id(request)), "signature": applications_signature(user_id(request))}
