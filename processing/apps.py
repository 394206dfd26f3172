from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class ProcessingConfig(AppConfig):
    name = "processing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_out
        from django.db.models.signals import post_delete, post_save

        from accounts.signals import deleting_user_data, deletion_requested, sessions_ended

        user_model = get_user_model()
        user_logged_out.connect(_end_sockets_on_logout, dispatch_uid="processing.sockets.logout")
        post_save.connect(_end_sockets_on_password_change, sender=user_model, dispatch_uid="processing.sockets.pw")
        post_delete.connect(_end_sockets_on_user_delete, sender=user_model, dispatch_uid="processing.sockets.delete")
        sessions_ended.connect(_end_sockets_on_sessions_ended, dispatch_uid="processing.sockets.sessions_ended")
        deletion_requested.connect(_refuse_deletion_while_running, dispatch_uid="processing.refuse_deletion")
        deleting_user_data.connect(_delete_user_data, dispatch_uid="processing.delete_user_data")

        from dashboard import pages
        from processing import pages as processing_pages

        pages.add_context(pages.DASHBOARD, processing_pages.dashboard_context)
        pages.add_context(pages.SETTINGS, processing_pages.settings_context)


# Websockets must not outlive the session that opened them (processing.sockets).


def _end_sockets_on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None and getattr(user, "pk", None) is not None:
        from processing.sockets import close_user_sockets

        session = getattr(request, "session", None)
        close_user_sockets(user.pk, session_key=getattr(session, "session_key", None))


def _end_sockets_on_password_change(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    # AbstractBaseUser keeps the new raw password in `_password` from set_password() until
    # save() has finished (post_save runs inside it): every path that changes a password
    # (allauth change and reset, the admin, changepassword) passes here.
    if not created and getattr(instance, "_password", None) is not None:
        from processing.sockets import close_user_sockets

        close_user_sockets(instance.pk)


def _end_sockets_on_user_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    from processing.sockets import close_user_sockets

    close_user_sockets(instance.pk)


def _end_sockets_on_sessions_ended(sender: Any, user_id: int, **kwargs: Any) -> None:
    from processing.sockets import close_user_sockets

    close_user_sockets(user_id)


# Deleting a user's data or account (accounts.actions, through accounts.signals).


def _refuse_deletion_while_running(sender: Any, user: Any, **kwargs: Any) -> None:
    # A started run would go on writing rows of a user whose data was just deleted.
    from accounts.actions import RunInProgress
    from processing.models import ProcessingRun

    if ProcessingRun.objects.for_user(user).active().exists():
        raise RunInProgress()


def _delete_user_data(sender: Any, user: Any, **kwargs: Any) -> dict[str, int]:
    from processing.models import ClassificationCache, ProcessingRun

    cache, _ = ClassificationCache.objects.filter(user=user).delete()
    runs, _ = ProcessingRun.objects.filter(user=user).delete()
    return {"cache": cache, "runs": runs}
