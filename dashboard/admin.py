from __future__ import annotations

from django.contrib import admin

from dashboard.models import Application, Email


class EmailInline(admin.TabularInline[Email, Application]):
    model = Email
    fields = ("received_at", "subject", "sender", "status", "confidence", "needs_review")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin[Application]):
    list_display = (
        "company",
        "job_title",
        "user",
        "status",
        "email_count",
        "last_activity_at",
        "origin",
        "status_locked",
    )
    list_filter = ("status", "origin", "status_locked")
    search_fields = ("company", "job_title", "user__email")
    date_hierarchy = "last_activity_at"
    inlines = [EmailInline]
    raw_id_fields = ("user",)


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin[Email]):
    list_display = (
        "subject",
        "sender",
        "user",
        "status",
        "confidence",
        "is_job_related",
        "needs_review",
        "received_at",
        "deleted_at",
    )
    list_filter = ("status", "is_job_related", "needs_review", "provider", "classifier")
    search_fields = ("subject", "sender", "company", "job_title", "user__email", "provider_message_id")
    date_hierarchy = "received_at"
    raw_id_fields = ("user", "application", "run")
