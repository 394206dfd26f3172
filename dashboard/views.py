"""The dashboard, an application's timeline, the review queue, exports and settings.

One template per page; htmx requests get a named partial of the same template.
Every object is fetched for the requesting user (another user's is a 404), and
every change goes through a `do_*` action.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh, reswap, trigger_client_event

from accounts import ratelimit
from accounts.actions import DELETE_PHRASE
from accounts.forms import TimeZoneForm
from dashboard import actions, charts, contacts, export, filters, pages
from dashboard.answers import back as _back
from dashboard.answers import done as _done
from dashboard.answers import invalid as _invalid
from dashboard.answers import is_htmx as _htmx
from dashboard.answers import toast as _toast
from dashboard.answers import user_id as _user_id
from dashboard.editing import FIELDS, EditableField, field_form, mark_errors
from dashboard.models import Application, Email
from jobmail.taxonomy import APPLICATION_STATUSES, CHOICES, DEFINITIONS, Status

REVIEW_LIMIT = 20
#: Applications offered in an email's "Move to" menu (the most recently active).
MOVE_TARGETS = 300


class AddApplicationForm(forms.Form):
    company = forms.CharField(max_length=200)
    job_title = forms.CharField(max_length=300, required=False)
    status = forms.ChoiceField(choices=APPLICATION_STATUSES, initial=Status.APPLIED)
    applied_on = forms.DateField(required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=APPLICATION_STATUSES)


class CorrectionForm(forms.Form):
    status = forms.ChoiceField(choices=CHOICES)


def _get_application_for_user(request: HttpRequest, pk: int) -> Application:
    queryset = filters.annotated(Application.objects.for_user(_user_id(request)))
    return get_object_or_404(queryset, pk=pk)


def _get_email_for_user(request: HttpRequest, pk: int) -> Email:
    return get_object_or_404(Email.objects.for_user(_user_id(request)).visible(), pk=pk)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{pluralize(number)}"


# --- the dashboard ------------------------------------------------------------------


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
    pages.annotate_rows(user_id, list(listing.page.object_list))
    context: dict[str, Any] = {
        "listing": listing,
        "application_statuses": APPLICATION_STATUSES,
    }
    if partial:
        # The header's counts travel with the table (out of band): every action that
        # changes applications refreshes the table, so the counts never go stale.
        context["review_total"] = Email.objects.for_user(user_id).needing_review().count()
        return render(request, "dashboard/dashboard.html#applications", {**context, "oob_export": True})
    context.update(_review_context(user_id), **_gmail_context(request))
    context["chart"] = charts.pipeline_chart(user_id)
    # processing's run banner (last_run, active_run, ...), planner's Today panel (dashboard/pages.py).
    context.update(pages.context(pages.DASHBOARD, request))
    context["show_welcome"] = (
        context["last_run"] is None and not context["listing"].page.paginator.count and not context["listing"].filtered
    )
    context["status_help"] = [(value, label, DEFINITIONS[value]) for value, label in CHOICES]
    if request.GET.get("start") == "choose" and context["active_run"] is None:
        context["show_start_dialog"] = True
    return render(request, "dashboard/dashboard.html", context)


# --- applications ------------------------------------------------------------------


def _timeline_context(request: HttpRequest, app: Application) -> dict[str, Any]:
    """What the timeline partial shows: the emails, and where each could be moved."""
    others = Application.objects.for_user(_user_id(request)).exclude(pk=app.pk)
    recent = sorted(
        others.order_by("-last_activity_at", "-pk").only("pk", "company", "job_title")[:MOVE_TARGETS],
        key=lambda other: (other.company.lower(), other.pk),
    )
    return {
        "app": app,
        "emails": app.emails.visible().order_by("-received_at", "-pk"),
        "other_applications": recent,
    }


def _application_context(request: HttpRequest, app: Application, editing: str = "") -> dict[str, Any]:
    timeline = _timeline_context(request, app)
    # The newest email whose status the application has: the mail that moved it there.
    # Anyone can send mail, so the page names the address it came from.
    status_email = None if app.status_locked else next((e for e in timeline["emails"] if e.status == app.status), None)
    return {
        **timeline,
        "status_email": status_email,
        "application_statuses": APPLICATION_STATUSES,
        "fields": [_field_context(app, field, editing=field.name == editing) for field in FIELDS.values()],
        "contacts": contacts.for_application(app),
        "today_date": timezone.localdate().isoformat(),
    }


def _field_context(
    app: Application, field: EditableField, *, editing: bool = False, form: Any = None, focus: bool = False
) -> dict[str, Any]:
    context: dict[str, Any] = {"field": field, "editing": editing or form is not None, "focus": focus}
    if context["editing"]:
        context["form"] = form or field_form(app, field)
        if field.name == "company":
            context["same_company"] = (
                Application.objects.for_user(app.user_id).filter(company_key=app.company_key).exclude(pk=app.pk).count()
            )
    return context


@login_required
@require_GET
@vary_on_headers("HX-Request")
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get_application_for_user(request, pk)
    if _htmx(request):
        return _timeline(request, app.pk)
    context = _application_context(request, app, editing=request.GET.get("edit", ""))
    return render(request, "dashboard/application.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_field(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """One field of an application: shown, as a form (`?edit=1`), or saved (POST)."""
    app = _get_application_for_user(request, pk)
    field = FIELDS.get(name)
    if field is None:
        raise Http404("No such field.")
    page = reverse("application_detail", args=[app.pk])
    if request.method == "GET":
        if not _htmx(request):
            return redirect(f"{page}?edit={name}#field-{name}" if request.GET.get("edit") else page)
        context = {"app": app, **_field_context(app, field, editing=bool(request.GET.get("edit")), focus=True)}
        return render(request, "dashboard/application.html#field", context)
    form = field_form(Application.objects.get(pk=app.pk), field, request.POST)
    if not form.is_valid():
        if _htmx(request):
            mark_errors(form)
            context = {"app": app, **_field_context(app, field, form=form, focus=True)}
            response = render(request, "dashboard/application.html#field", context, status=422)
            return reswap(response, "outerHTML")
        context = _application_context(request, app)
        context["fields"] = [_field_context(app, f, form=form if f is field else None) for f in FIELDS.values()]
        return render(request, "dashboard/application.html", context, status=422)
    changes = {key: value for key, value in form.cleaned_data.items() if key != "rename_all"}
    if field.name == "company" and form.cleaned_data.get("rename_all"):
        count = actions.do_rename_company(app.user_id, app.company_key, changes["company"])
        message = (
            f"Renamed {count} application{pluralize(count)} to {changes['company']}; later mail about them follows."
        )
    else:
        actions.do_edit_application(app, changes)
        message = f"{field.label} saved."
    if not _htmx(request):
        return _done(request, message, page)
    app = _get_application_for_user(request, pk)
    context = {"app": app, **_field_context(app, field, focus=True), "oob_head": True}
    return _toast(render(request, "dashboard/application.html#field", context), message, refresh=True)


@login_required
@require_POST
def application_status(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get_application_for_user(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _invalid(request, "Choose one of the listed statuses.", reverse("dashboard"))
    actions.do_set_status(app, form.cleaned_data["status"])
    pages.annotate_rows(_user_id(request), [app])
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
    message = f"Deleted {name}."
    undo = reverse("application_restore", args=[app.pk])
    if _htmx(request) and request.POST.get("from") != "page":
        # The row's tbody is the target: an empty answer removes it.
        return _toast(HttpResponse(), message, refresh=True, undo=undo)
    messages.success(request, message, extra_tags=undo)
    if _htmx(request):
        return HttpResponseClientRedirect(reverse("dashboard"))
    return redirect("dashboard")


@login_required
@require_POST
def application_restore(request: HttpRequest, pk: int) -> HttpResponse:
    app = get_object_or_404(Application.all_objects.for_user(_user_id(request)), pk=pk)
    if not actions.do_restore_application(app):
        return _invalid(request, "It is too late to undo: the application is gone for good.", reverse("dashboard"))
    message = f"Restored {app}."
    if _htmx(request):
        return _toast(HttpResponse(), message, refresh=True)
    return _done(request, message, reverse("application_detail", args=[app.pk]))


class MergeForm(forms.Form):
    applications = forms.ModelMultipleChoiceField(queryset=Application.objects.none())
    survivor = forms.ModelChoiceField(queryset=Application.objects.none(), required=False)

    def __init__(self, user_id: int, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mine = Application.objects.for_user(user_id)
        self.fields["applications"].queryset = mine  # type: ignore[attr-defined]
        self.fields["survivor"].queryset = mine  # type: ignore[attr-defined]


class BulkForm(MergeForm):
    action = forms.ChoiceField(choices=[("status", "Set status"), ("merge", "Merge"), ("delete", "Delete")])
    status = forms.ChoiceField(choices=APPLICATION_STATUSES, required=False)


@login_required
@require_POST
def applications_bulk(request: HttpRequest) -> HttpResponse:
    """Selected rows of the table: set their status, merge them, or delete them (with undo)."""
    user_id = _user_id(request)
    form = BulkForm(user_id, request.POST)
    if not form.is_valid():
        return _invalid(request, "Select at least one application, then choose what to do.", reverse("dashboard"))
    selected = list(form.cleaned_data["applications"])
    action = form.cleaned_data["action"]
    undo = ""
    if action == "status":
        status = form.cleaned_data["status"] or ""
        if not status:
            return _invalid(request, "Choose the status to set.", reverse("dashboard"))
        for app in selected:
            actions.do_set_status(app, status)
        message = f"Status set to {Status(status).label} on {_count(len(selected), 'application')}."
    elif action == "merge":
        survivor = form.cleaned_data["survivor"] or selected[0]
        if len(selected) < 2:
            return _invalid(request, "Select two or more applications to merge.", reverse("dashboard"))
        actions.do_merge_applications(survivor, [app for app in selected if app.pk != survivor.pk])
        message = f"Merged {_count(len(selected), 'application')} into {survivor}."
    else:
        for app in selected:
            actions.do_delete_application(app)
        message = f"Deleted {_count(len(selected), 'application')}."
        undo = reverse("applications_restore") + "?" + "&".join(f"id={app.pk}" for app in selected)
    if _htmx(request):
        return _toast(HttpResponse(), message, refresh=True, undo=undo)
    messages.success(request, message, extra_tags=undo)
    return redirect("dashboard")


@login_required
@require_POST
def applications_restore(request: HttpRequest) -> HttpResponse:
    ids = [int(value) for value in request.GET.getlist("id") if value.isdigit()]
    deleted = Application.all_objects.for_user(_user_id(request)).filter(pk__in=ids)
    restored = sum(1 for app in deleted if actions.do_restore_application(app))
    if not restored:
        return _invalid(request, "It is too late to undo: those applications are gone for good.", reverse("dashboard"))
    message = f"Restored {_count(restored, 'application')}."
    if _htmx(request):
        return _toast(HttpResponse(), message, refresh=True)
    return _done(request, message, reverse("dashboard"))


@login_required
@require_POST
def application_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """From an application's page: fold the chosen applications into this one."""
    survivor = _get_application_for_user(request, pk)
    form = MergeForm(_user_id(request), request.POST)
    page = reverse("application_detail", args=[survivor.pk])
    if not form.is_valid():
        return _invalid(request, "Choose the applications to merge into this one.", page)
    others = [app for app in form.cleaned_data["applications"] if app.pk != survivor.pk]
    actions.do_merge_applications(survivor, others)
    message = f"Merged {_count(len(others), 'application')} into {survivor}. Later mail about them comes here."
    if _htmx(request):
        messages.success(request, message)
        return HttpResponseClientRedirect(page)
    return _done(request, message, page)


# --- emails and the review queue ---------------------------------------------------------


@login_required
@require_POST
def email_delete(request: HttpRequest, pk: int) -> HttpResponse:
    email = _get_email_for_user(request, pk)
    app = actions.do_delete_email(email)
    message = "Email deleted."
    undo = reverse("email_restore", args=[email.pk])
    fallback = reverse("application_detail", args=[app.pk]) if app else reverse("dashboard")
    if _htmx(request) and app is not None:
        return _toast(_timeline(request, app.pk), message, refresh=True, undo=undo)
    if _htmx(request):
        return _toast(HttpResponse(), message, refresh=True, undo=undo)
    messages.success(request, message, extra_tags=undo)
    return _back(request, fallback)


def _timeline(request: HttpRequest, app_pk: int) -> HttpResponse:
    """The timeline of an application, with its count and badge out of band."""
    app = _get_application_for_user(request, app_pk)
    context = {**_timeline_context(request, app), "oob_summary": True}
    return render(request, "dashboard/application.html#timeline", context)


@login_required
@require_POST
def email_restore(request: HttpRequest, pk: int) -> HttpResponse:
    email = get_object_or_404(Email.objects.for_user(_user_id(request)), pk=pk)
    app = actions.do_restore_email(email)
    if app is None and email.deleted_at is not None:
        return _invalid(request, "It is too late to undo: the email stays deleted.", reverse("dashboard"))
    message = "Email restored."
    if _htmx(request):
        response = HttpResponse()
        if app is not None:
            trigger_client_event(response, "timeline-changed", {"application": app.pk})
        return _toast(response, message, refresh=True)
    return _done(request, message, reverse("application_detail", args=[app.pk]) if app else reverse("dashboard"))


class MoveForm(forms.Form):
    target = forms.CharField(max_length=20)


@login_required
@require_POST
def email_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Put an email in another application, or in a new one (`target=new`)."""
    email = _get_email_for_user(request, pk)
    form = MoveForm(request.POST)
    source = email.application_id
    fallback = reverse("application_detail", args=[source]) if source else reverse("dashboard")
    target: Application | None = None
    if not form.is_valid() or (form.cleaned_data["target"] != "new" and not form.cleaned_data["target"].isdigit()):
        return _invalid(request, "Choose where the email belongs.", fallback)
    if form.cleaned_data["target"] != "new":
        target = _get_application_for_user(request, int(form.cleaned_data["target"]))
    target = actions.do_move_email(email, target)
    message = f"Moved to {target}. Later mail from this sender goes there too."
    if _htmx(request) and source and Application.objects.filter(pk=source).exists():
        return _toast(_timeline(request, source), message, refresh=True)
    messages.success(request, message)
    if _htmx(request):
        return HttpResponseClientRedirect(reverse("application_detail", args=[target.pk]))
    return redirect("application_detail", target.pk)


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
def review_retry(request: HttpRequest, pk: int) -> HttpResponse:
    email = _get_email_for_user(request, pk)
    actions.do_classify_again(email)
    return _review_answer(request, "The next run reads this email again and classifies it afresh.")


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
        # processing's runs and background sync, planner's reminders and feed (dashboard/pages.py).
        **pages.context(pages.SETTINGS, request),
        "delete_phrase": DELETE_PHRASE,
        "time_zone_form": TimeZoneForm(
            initial={
                "time_zone": timezone.get_current_timezone_name(),
                "hour_cycle": getattr(request.user, "hour_cycle", "h23"),
            }
        ),
    }
    return render(request, "dashboard/settings.html", context)
