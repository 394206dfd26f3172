from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from processing.models import CancelReason, ClassificationCache, ProcessingRun, RunStatus
from processing.runs import cancel_run_sync


@admin.register(ProcessingRun)
class ProcessingRunAdmin(admin.ModelAdmin[ProcessingRun]):
    list_display = (
        "id",
        "user",
        "status",
        "source",
        "phase",
        "progress",
        "duration_display",
        "cancel_reason",
        "owner",
        "heartbeat_age_display",
        "llm_calls",
        "prompt_tokens",
        "created_at",
    )
    list_filter = ("status", "source", "cancel_reason", "classifier")
    search_fields = ("user__email", "owner", "error_message")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
    readonly_fields = [f.name for f in ProcessingRun._meta.fields]
    actions = ["cancel_selected_runs"]

    @admin.display(description="progress")
    def progress(self, run: ProcessingRun) -> str:
        return f"{run.processed_emails} / {run.total_emails if run.total_emails is not None else '?'}"

    @admin.display(description="duration")
    def duration_display(self, run: ProcessingRun) -> str:
        return str(run.duration).split(".")[0]

    @admin.display(description="heartbeat age")
    def heartbeat_age_display(self, run: ProcessingRun) -> str:
        if not run.is_active:
            return "—"
        return f"{(timezone.now() - run.heartbeat_at).total_seconds():.0f} s"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Cancel selected runs")
    def cancel_selected_runs(self, request: HttpRequest, queryset: QuerySet[ProcessingRun]) -> None:
        cancelled = 0
        for run in queryset.filter(status=RunStatus.STARTED):
            # Delivered through the channel layer to whichever process owns the
            # run; the durable flag covers a lost message.
            outcome = cancel_run_sync(
                run_id=run.pk, reason=CancelReason.ADMIN, requested_by_id=request.user.pk, wait=2.0
            )
            if outcome.http_status in (200, 202):
                cancelled += 1
        self.message_user(request, f"Cancel sent to {cancelled} run(s).", messages.SUCCESS)


@admin.register(ClassificationCache)
class ClassificationCacheAdmin(admin.ModelAdmin[ClassificationCache]):
    list_display = ("user", "content_hash", "created_at")
    search_fields = ("user__email", "content_hash")
    readonly_fields = ("user", "content_hash", "result", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # entries come from runs; every field is read-only, so an add could only fail
