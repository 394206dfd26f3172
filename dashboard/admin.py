from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from dashboard.models import Application, ApplicationAlias, CompanyAlias, Email, SenderLink


class EmailInline(admin.TabularInline[Email, Application]):
    model = Email
    fields = ("received_at", "subject", "sender", "status", "confidence", "needs_review")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Application | None = None) -> bool:
        # Emails come from the mailbox; an "Add another Email" row would invent one.
        return False


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
    # Derived by grouping: editing them by hand would only be overwritten or break grouping.
    readonly_fields = ("company_key", "title_key", "stage_dates", "email_count", "deleted_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Application]:
        return Application.all_objects.all()


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


@admin.register(CompanyAlias)
class CompanyAliasAdmin(admin.ModelAdmin[CompanyAlias]):
    list_display = ("alias_key", "company", "user", "created_at")
    search_fields = ("alias_key", "company", "user__email")
    raw_id_fields = ("user",)


@admin.register(ApplicationAlias)
class ApplicationAliasAdmin(admin.ModelAdmin[ApplicationAlias]):
    list_display = ("company_key", "title_key", "application", "user", "created_at")
    raw_id_fields = ("user", "application")


@admin.register(SenderLink)
class SenderLinkAdmin(admin.ModelAdmin[SenderLink]):
    list_display = ("sender_email", "application", "user", "created_at")
    search_fields = ("sender_email", "user__email")
    raw_id_fields = ("user", "application")
