from __future__ import annotations

from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project package as an app: it registers the system checks (config/checks.py).

    The checks cover settings of every app, so they are the project's, not an app's; an
    app that imported them would import the layer above it (pyproject.toml's layers).
    """

    name = "config"
    verbose_name = "Jobtrail"

    def ready(self) -> None:
        from config import checks  # noqa: F401
