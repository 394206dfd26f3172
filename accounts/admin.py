from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import GmailCredential, User


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
