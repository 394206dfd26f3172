from __future__ import annotations

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "Applications and emails"
    default_auto_field = "django.db.models.BigAutoField"
