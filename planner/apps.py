from __future__ import annotations

from django.apps import AppConfig


class PlannerConfig(AppConfig):
    """What needs the user next: the Today panel, follow-ups, the board, the calendar feed, progress."""

    name = "planner"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from planner import digest  # noqa: F401  (connects the e-mail digest to the end of runs)
