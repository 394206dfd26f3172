from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.actions import revoke_grant_of
from accounts.models import GmailCredential, User
from accounts.sessions import end_sessions


def _revoke_before_deleting(modeladmin: admin.ModelAdmin[Any], request: HttpRequest, user_ids: list[int]) -> None:
    """Revoke each user's Gmail grant at Google, and tell the admin honestly how it went.

    The rows are deleted whatever Google answers: a grant that Google could not be told
    about is listed, so that its owner can remove Jobtrail at their Google account.
    """
    unreached = [user_id for user_id in user_ids if revoke_grant_of(user_id) is False]
    if unreached:
        owners = ", ".join(User.objects.filter(pk__in=unreached).values_list("email", flat=True))
        modeladmin.message_user(
            request,
            f"Google could not be reached to revoke the Gmail access of {owners}; it was deleted here "
            "anyway. Ask them to remove Jobtrail at https://myaccount.google.com/permissions.",
            messages.WARNING,
        )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        _revoke_before_deleting(self, request, [obj.pk])
        user_id = obj.pk
        super().delete_model(request, obj)
        end_sessions(user_id)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        user_ids = list(queryset.values_list("pk", flat=True))
        _revoke_before_deleting(self, request, user_ids)
        super().delete_queryset(request, queryset)
        for user_id in user_ids:
            end_sessions(user_id)


@admin.register(GmailCredential)
class GmailCredentialAdmin(admin.ModelAdmin[GmailCredential]):
    # Token fields are deliberately absent: admins see that a grant exists, never its value.
    list_display = ("user", "email", "has_refresh_token", "revoked_at", "last_history_id", "updated_at")
    list_filter = ("revoked_at",)
    search_fields = ("user__email", "email")
    fields = ("user", "email", "scopes", "token_expiry", "revoked_at", "last_history_id")
    readonly_fields = fields

    @admin.display(boolean=True, description="refresh token")
    def has_refresh_token(self, obj: GmailCredential) -> bool:
        return bool(obj.refresh_token_encrypted)

    def has_add_permission(self, request: object) -> bool:  # type: ignore[override]
        return False

    def delete_model(self, request: HttpRequest, obj: GmailCredential) -> None:
        _revoke_before_deleting(self, request, [obj.user_id])
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[GmailCredential]) -> None:
        _revoke_before_deleting(self, request, list(queryset.values_list("user_id", flat=True)))
        super().delete_queryset(request, queryset)
