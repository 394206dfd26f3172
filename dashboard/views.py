"""The dashboard, an application's timeline, the review queue, exports and settings.

One template per page; htmx requests get a named partial of the same template.
Every object is fetched for the requesting user (another user's is a 404), and
every change goes through a `do_*` action.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRefresh, reswap, trigger_client_event
from django_htmx.middleware import HtmxDetails

from accounts.actions import DELETE_PHRASE
from accounts.forms import TimeZoneForm
from dashboard import actions, charts, export, filters
from dashboard.models import Application, Email
from jobmail.taxonomy import APPLICATION_STATUSES, CHOICES, DEFINITIONS, Status
from planner import live
from planner.board import annotate_next_steps
from planner.forms import settings_context as planner_settings_context
from planner.today import today_context
from processing import ratelimit
from processing.models import ProcessingRun, RunStatus

START_PRESETS = (7, 30, 90, 180, 365)
REVIEW_LIMIT = 20


class AddApplicationForm(forms.Form):
    company = forms.CharField(max_length=200)
    job_title = forms.CharField(max_length=300, required=False)
    status = forms.ChoiceField(choices=APPLICATION_STATUSES, initial=Status.APPLIED)
    applied_on = forms.DateField(required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=APPLICATION_STATUSES)


class CorrectionForm(forms.Form):
    status = forms.ChoiceField(choices=CHOICES)


def _user_id(request: HttpRequest) -> int:
    # login_required ran first: the user is authenticated and has a primary key.
    return int(request.user.pk or 0)


def _get_application_for_user(request: HttpRequest, pk: int) -> Application:
    queryset = filters.annotated(Application.objects.for_user(_user_id(request)))
    return get_object_or_404(queryset, pk=pk)


def _get_email_for_user(request: HttpRequest, pk: int) -> Email:
    return get_object_or_404(Email.objects.for_user(_user_id(request)).visible(), pk=pk)


def _htmx(request: HttpRequest) -> bool:
    """An htmx request for a fragment (a history restore wants the whole page)."""
    details: HtmxDetails | None = getattr(request, "htmx", None)
    return details is not None and bool(details) and not details.history_restore_request


def _toast(response: HttpResponse, message: str, level: str = "success", *, refresh: bool = False) -> HttpResponse:
    """A toast for htmx; `refresh` also tells the table and chart to reload themselves."""
    trigger_client_event(response, "toast", {"message": message, "level": level})
    if refresh:
        trigger_client_event(response, "applications-changed")
    return response


def _back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return redirect(target)


def _done(request: HttpRequest, message: str, fallback: str, level: int = messages.SUCCESS) -> HttpResponse:
    """Without htmx: a message and a redirect back (post/redirect/get)."""
    messages.add_message(request, level, message)
    return _back(request, fallback)


# --- the dashboard ------------------------------------------------------------------


def _run_context(user_id: int) -> dict[str, Any]:
    last_run = ProcessingRun.objects.for_user(user_id).latest_first().first()
    finished_before = ProcessingRun.objects.for_user(user_id).filter(status=RunStatus.FINISHED).exists()
    stopped = last_run is not None and last_run.status in (
        RunStatus.CANCELLED,
        RunStatus.INTERRUPTED,
        RunStatus.FAILED,
    )
    today = timezone.localdate()
    return {
        "last_run": last_run,
        "active_run": last_run if last_run is not None and last_run.is_active else None,
        "stopped_run": last_run if stopped else None,
        # A new user, or one whose first run never finished, chooses a start date first.
        "show_start_dialog": not finished_before and (last_run is None or stopped),
        "start_presets": [(days, (today - timedelta(days=days)).isoformat()) for days in START_PRESETS],
        "today": today.isoformat(),
    }


def _gmail_context(request: HttpRequest) -> dict[str, Any]:
    from accounts.models import GmailCredential, can_use_gmail

    credential = GmailCredential.objects.filter(user_id=_user_id(request)).first()
    return {
        "gmail_credential": credential,
        "gmail_connected": can_use_gmail(_user_id(request)),
        "gmail_revoked": credential is not None and credential.revoked_at is not None,
    }


def _review_context(user_id: int) -> dict[str, Any]:
    queue = Email.objects.for_user(user_id).needing_review().select_related("application")
    return {
        "review_emails": list(queue.order_by("-received_at", "-pk")[:REVIEW_LIMIT]),
        "review_total": queue.count(),
        "statuses": CHOICES,
    }


def _partial(request: HttpRequest) -> str:
    """Which region an htmx request wants; empty for a full page."""
    if not _htmx(request):
        return ""
    wanted = request.GET.get("partial", "applications")
    return wanted if wanted in ("applications", "chart", "review") else "applications"


@login_required
@require_GET
@vary_on_headers("HX-Request")
def dashboard(request: HttpRequest) -> HttpResponse:
    user_id = _user_id(request)
    partial = _partial(request)
    if partial == "chart":
        return render(request, "dashboard/dashboard.html#chart", {"chart": charts.pipeline_chart(user_id)})
    if partial == "review":
        return render(request, "dashboard/dashboard.html#review", _review_context(user_id))
    listing = filters.build_listing(user_id, request.GET)
    annotate_next_steps(user_id, list(listing.page.object_list))
    context: dict[str, Any] = {
        "listing": listing,
        "application_statuses": APPLICATION_STATUSES,
    }
    if partial:
        return render(request, "dashboard/dashboard.html#applications", {**context, "oob_export": True})
    context.update(_run_context(user_id), **_review_context(user_id), **_gmail_context(request))
    context["chart"] = charts.pipeline_chart(user_id)
    context.update(today_context(user_id), signature=live.applications_signature(user_id))
    context["show_welcome"] = (
        context["last_run"] is None and not context["listing"].page.paginator.count and not context["listing"].filtered
    )
    context["status_help"] = [(value, label, DEFINITIONS[value]) for value, label in CHOICES]
    if request.GET.get("start") == "choose" and context["active_run"] is None:
        context["show_start_dialog"] = True
    return render(request, "dashboard/dashboard.html", context)


# --- applications ------------------------------------------------------------------


@login_required
@require_GET
@vary_on_headers("HX-Request")
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get_application_for_user(request, pk)
    emails = app.emails.visible().order_by("-received_at", "-pk")
    # The newest email whose status the application has: the mail that moved it there.
    # Anyone can send mail, so the page names the address it came from.
    status_email = None if app.status_locked else next((e for e in emails if e.status == app.status), None)
    context = {
        "app": app,
        "emails": emails,
        "status_email": status_email,
        "application_statuses": APPLICATION_STATUSES,
    }
    template = "dashboard/application.html#timeline" if _htmx(request) else "dashboard/application.html"
    return render(request, template, context)


@login_required
@require_POST
def application_status(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get_application_for_user(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _invalid(request, "Choose one of the listed statuses.", reverse("dashboard"))
    actions.do_set_status(app, form.cleaned_data["status"])
    annotate_next_steps(_user_id(request), [app])
    message = f"{app.company}: status set to {app.get_status_display()}."
    if _htmx(request):
        context = {"app": app, "application_statuses": APPLICATION_STATUSES, "listing": None}
        return _toast(render(request, "dashboard/dashboard.html#app_row", context), message)
    return _done(request, message, reverse("application_detail", args=[app.pk]))


@login_required
@require_POST
def application_add(request: HttpRequest) -> HttpResponse:
    if limited := ratelimit.hit(_user_id(request), ratelimit.ADD_APPLICATION):
        response = _invalid(request, limited.message, reverse("dashboard"))
        if _htmx(request):  # a plain form post is redirected to show the message
            response.status_code = 429
        response["Retry-After"] = str(limited.retry_after)
        return response
    form = AddApplicationForm(request.POST)
    if not form.is_valid():
        return _invalid(request, "Give at least the company name (and a valid date, if any).", reverse("dashboard"))
    app = actions.do_add_application(_user_id(request), **form.cleaned_data)
    messages.success(request, f"Added {app}.")
    if _htmx(request):
        return HttpResponseClientRefresh()
    return redirect("dashboard")


@login_required
@require_POST
def application_delete(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get_application_for_user(request, pk)
    name = str(app)
    actions.do_delete_application(app)
    message = f"Deleted {name}. Its emails will not come back on the next run."
    if _htmx(request):
        # The row's tbody is the target: an empty answer removes it.
        return _toast(HttpResponse(), message, refresh=True)
    return _done(request, message, reverse("dashboard"))


def _invalid(request: HttpRequest, message: str, fallback: str) -> HttpResponse:
    if _htmx(request):
        return _toast(reswap(HttpResponse(status=400), "none"), message, level="error")
    return _done(request, message, fallback, level=messages.ERROR)


# --- emails and the review queue ---------------------------------------------------------


@login_required
@require_POST
def email_delete(request: HttpRequest, pk: int) -> HttpResponse:
    email = _get_email_for_user(request, pk)
    app = actions.do_delete_email(email)
    message = "Email deleted. It will not come back on the next run."
    fallback = reverse("application_detail", args=[app.pk]) if app else reverse("dashboard")
    if _htmx(request) and app is not None:
        app = _get_application_for_user(request, app.pk)
        emails = app.emails.visible().order_by("-received_at", "-pk")
        context = {"app": app, "emails": emails, "oob_summary": True}
        return _toast(render(request, "dashboard/application.html#timeline", context), message)
    if _htmx(request):
        return _toast(HttpResponse(), message)
    return _done(request, message, fallback)


def _review_answer(request: HttpRequest, message: str) -> HttpResponse:
    if _htmx(request):
        context = {**_review_context(_user_id(request))}
        response = render(request, "dashboard/dashboard.html#review", context)
        return _toast(response, message, refresh=True)
    return _done(request, message, reverse("dashboard") + "#review-queue")


@login_required
@require_POST
def review_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    email = _get_email_for_user(request, pk)
    actions.do_confirm_review(email)
    return _review_answer(request, f"Confirmed: {email.get_status_display()}.")


@login_required
@require_POST
def review_correct(request: HttpRequest, pk: int) -> HttpResponse:
    email = _get_email_for_user(request, pk)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return _invalid(request, "Choose one of the listed statuses.", reverse("dashboard"))
    actions.do_correct_review(email, form.cleaned_data["status"])
    return _review_answer(request, f"Corrected to {email.get_status_display()}.")


# --- exports --------------------------------------------------------------------------


@login_required
@require_GET
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    values = filters.clean_filters(request.GET)
    applications = filters.filtered_applications(_user_id(request), values).iterator(chunk_size=500)
    body = export.applications_csv(applications, timezone.get_current_timezone())
    response = StreamingHttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="jobtrail-applications-{timezone.localdate()}.csv"'
    return response


@login_required
@require_GET
def export_ics(request: HttpRequest) -> HttpResponse:
    body = export.interviews_ics(export.interview_emails(_user_id(request)))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="jobtrail-interviews.ics"'
    return response


# --- settings ---------------------------------------------------------------------------


@login_required
@require_GET
def settings_page(request: HttpRequest) -> HttpResponse:
    user_id = _user_id(request)
    context = {
        **_gmail_context(request),
        "classifier": settings.CLASSIFIER,
        "openai_model": settings.OPENAI_MODEL,
        "application_total": Application.objects.for_user(user_id).count(),
        "email_total": Email.objects.for_user(user_id).visible().count(),
        "run_total": ProcessingRun.objects.for_user(user_id).count(),
        **planner_settings_context(request),
        "delete_phrase": DELETE_PHRASE,
        "time_zone_form": TimeZoneForm(
            initial={
                "time_zone": timezone.get_current_timezone_name(),
                "hour_cycle": getattr(request.user, "hour_cycle", "h23"),
            }
        ),
    }
    return render(request, "dashboard/settings.html", context)
