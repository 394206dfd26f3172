"""What the apps above dashboard add to its pages.

processing and planner build on dashboard's applications and emails, so dashboard never
imports them (pyproject.toml's layers contract). Yet the dashboard page shows the run
banner and the Today panel, each row of its list the next step, and the settings page
the background sync and the planner's settings. Those apps register here from their
`AppConfig.ready()`, the way apps register with the admin site; the views only ask.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from dashboard.models import Application

#: The pages that take additions.
DASHBOARD = "dashboard"
SETTINGS = "settings"

ContextProvider = Callable[[HttpRequest], dict[str, Any]]
RowAnnotator = Callable[[int, list[Application]], object]

_providers: dict[str, list[ContextProvider]] = {DASHBOARD: [], SETTINGS: []}
_row_annotators: list[RowAnnotator] = []


def add_context(page: str, provider: ContextProvider) -> None:
    """`provider(request)`'s keys go into `page`'s context; a later registration wins a clash."""
    if provider not in _providers[page]:
        _providers[page].append(provider)


def add_row_annotator(annotate: RowAnnotator) -> None:
    """`annotate(user_id, applications)` sets attributes on the list's rows before they render."""
    if annotate not in _row_annotators:
        _row_annotators.append(annotate)


def context(page: str, request: HttpRequest) -> dict[str, Any]:
    """What the registered apps add to `page`, in registration (INSTALLED_APPS) order."""
    added: dict[str, Any] = {}
    for provider in _providers[page]:
        added.update(provider(request))
    return added


def annotate_rows(user_id: int, applications: list[Application]) -> None:
    for annotate in _row_annotators:
        annotate(user_id, applications)
