from __future__ import annotations

from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project package as an app: it registers the system checks (config/checks.py).

    The checks cover settings of every app, so they are the project's, not an app's; an
    app that imported them would import the layer above it (pyproject.toml's layers).
    """

    name = "config"
    verbose_name = "Jobtrail"
    # Two AppConfig classes live in this module: INSTALLED_APPS' "config" means this one.
    default = True

    def ready(self) -> None:
        from config import checks  # noqa: F401


class DaphneConfig(AppConfig):
    """daphne as an app, for its `runserver` command, without importing its server.

    daphne's own AppConfig module imports `daphne.server`, which imports twisted and
    installs its asyncio reactor: ~40% of `django.setup()` in every management command
    and every worker process, none of which serves. What serves imports the server
    itself before anything else: `config.serve` and daphne's command line import
    `daphne.server` at their top, and so does daphne's `runserver` command module,
    which Django loads only when that command runs. Nothing in Jobtrail imports
    `twisted.internet.reactor` before them, the case daphne's early import guards against.
    """

    name = "daphne"
    verbose_name = "Daphne"
