from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "Applications and emails"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.signals import deleting_user_data

        deleting_user_data.connect(_delete_user_data, dispatch_uid="dashboard.delete_user_data")


def _delete_user_data(sender: Any, user: Any, **kwargs: Any) -> dict[str, int]:
    """The user's emails, applications and company aliases (accounts' "delete my data")."""
    from dashboard.models import Application, CompanyAlias, Email

    emails, _ = Email.objects.filter(user=user).delete()
    # all_objects: applications deleted within the undo window go too.
    applications, _ = Application.all_objects.filter(user=user).delete()
    CompanyAlias.objects.filter(user=user).delete()
    return {"emails": emails, "applications": applications}
