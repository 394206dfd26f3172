"""Starting, cancelling and watching a run. Async: runs live on this event loop."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap, trigger_client_event

from accounts import ratelimit
from processing import runs, uploads
from processing.db import run_db
from processing.forms import MailSyncForm, StartRunForm
from processing.models import CancelReason, ProcessingRun, Source
from processing.sync import do_set_sync

#: A view that is handed the signed-in user's id.
UserView = Callable[[HttpRequest, int], Coroutine[Any, Any, HttpResponse]]


def _user_id(user: Any) -> int:
    # login_required ran first, so the user is authenticated and has a primary key.
    return int(user.pk)


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "") and not getattr(request, "htmx", False)


def _toast(response: HttpResponse, message: str, level: str = "info") -> HttpResponse:
    return trigger_client_event(response, "toast", {"message": message, "level": level})


def _answer(
    request: HttpRequest, status: int, data: dict[str, Any], *, level: str, redirect_to: str | None = None
) -> HttpResponse:
    """JSON for API clients, a toast (or a client redirect) for htmx, a message + redirect otherwise."""
    if wants_json(request):
        return JsonResponse(data, status=status)
    if getattr(request, "htmx", False):
        if redirect_to:
            # The toast rides with this tab to the next page (sessionStorage), not in the
            # session: another tab of the same session must not show it a second time.
            response = HttpResponseClientRedirect(redirect_to)
            trigger_client_event(response, "toast-next-page", {"message": data["message"], "level": level})
            return response
        # The answer is the toast alone, with the real status: the form that posted
        # must stay as it is (htmx swaps no error answer, and none is asked for here).
        return _toast(reswap(HttpResponse(status=status), "none"), data["message"], level)
    messages.add_message(request, messages.SUCCESS if level == "success" else messages.ERROR, data["message"])
    return redirect(redirect_to or reverse("dashboard"))


def _too_many_requests(request: HttpRequest, limited: ratelimit.Limited) -> HttpResponse:
    """429 with Retry-After: JSON for API clients, a toast for htmx, a message + redirect otherwise."""
    if wants_json(request):
        response: HttpResponse = JsonResponse({"message": limited.message}, status=429)
    elif getattr(request, "htmx", False):
        # htmx shows the toast event of a 429 and swaps nothing.
        response = _toast(HttpResponse(status=429), limited.message, "error")
    else:
        response = _answer(request, 429, {"message": limited.message}, level="error")
    response["Retry-After"] = str(limited.retry_after)
    return response


def _default_source(user_id: int) -> str:
    from accounts.models import can_use_gmail

    return Source.GMAIL if can_use_gmail(user_id) else Source.DEMO


def _latest_start_date(user_id: int) -> Any:
    return ProcessingRun.objects.for_user(user_id).latest_first().values_list("start_date", flat=True).first()


def _within_limit(action: str) -> Callable[[UserView], Callable[[HttpRequest], Coroutine[Any, Any, HttpResponse]]]:
    """Call the view with the user's id, or answer 429 once the user spent their `action` budget."""

    def decorate(view: UserView) -> Callable[[HttpRequest], Coroutine[Any, Any, HttpResponse]]:
        @functools.wraps(view)
        async def limited_view(request: HttpRequest) -> HttpResponse:
            user_id = _user_id(await request.auser())
            if limited := await ratelimit.ahit(user_id, action):
                return _too_many_requests(request, limited)
            return await view(request, user_id)

        return limited_view

    return decorate


@login_required
@require_POST
@_within_limit(ratelimit.START)
async def fetch_emails(request: HttpRequest, user_id: int) -> HttpResponse:
    form = StartRunForm(request.POST)
    if not form.is_valid():
        return _answer(request, 400, {"message": form.error_text()}, level="error")
    source = form.cleaned_data["source"] or await run_db(_default_source, user_id)
    if source == Source.GMAIL and await run_db(_default_source, user_id) != Source.GMAIL:
        return _answer(request, 400, {"message": "Connect Gmail on the settings page first."}, level="error")
    source_path = ""
    if source == Source.MBOX:
        # Resuming an uploaded mailbox: the file kept from the upload.
        kept = uploads.user_mbox_path(user_id)
        if not await run_db(kept.exists):
            return _answer(request, 400, {"message": "The uploaded file is gone: upload it again."}, level="error")
        source_path = str(kept)
    start_date = form.cleaned_data["start_date"]
    if start_date is None and "start_date" not in request.POST:
        start_date = await run_db(_latest_start_date, user_id)
    try:
        run = await runs.start_run(
            user_id,
            source=source,
            start_date=start_date,
            end_date=form.cleaned_data["end_date"],
            source_path=source_path,
        )
    except runs.AlreadyRunning:
        # The JSON messages are the API's (scripts compare them); people read the UI's words.
        message = "Email fetching already in progress" if wants_json(request) else "Processing is already running."
        return _answer(request, 409, {"message": message}, level="error")
    message = "Email fetching started" if wants_json(request) else "Processing started."
    return _answer(
        request,
        200,
        {"message": message, "run_id": run.pk},
        level="success",
        redirect_to=reverse("processing"),
    )


def _take_upload(request: HttpRequest, user_id: int) -> tuple[str, str]:
    """(path, "") with the upload kept on disk, or ("", why it was refused). Blocking: run in a thread."""
    upload = request.FILES.get("mbox")  # reads (and streams to disk) the body
    if uploads.too_large(request):
        return "", f"The file is larger than {settings.MBOX_UPLOAD_MAX_MB} MB, the limit on this server."
    if upload is None:
        return "", "Choose the .mbox file from your Google Takeout export."
    if not uploads.looks_like_mbox(upload):
        return "", "That file is not an mbox mailbox. Choose the .mbox file from your Google Takeout export."
    if ProcessingRun.objects.for_user(user_id).active().exists():
        return "", "Processing is already running. Cancel it first, then upload the file."
    return str(uploads.keep_upload(user_id, upload)), ""


@login_required
@require_POST
async def upload_mbox(request: HttpRequest) -> HttpResponse:
    """A Google Takeout .mbox, streamed to disk, then processed as a normal (cancellable) run."""
    user_id = _user_id(await request.auser())
    if limited := await ratelimit.ahit(user_id, ratelimit.START):
        return _too_many_requests(request, limited)
    path, refusal = await run_db(_take_upload, request, user_id)
    if refusal:
        return _answer(request, 400, {"message": refusal}, level="error")
    try:
        run = await runs.start_run(user_id, source=Source.MBOX, source_path=path)
    except runs.AlreadyRunning:
        return _answer(request, 409, {"message": "Processing is already running."}, level="error")
    return _answer(
        request,
        200,
        {"message": "Processing started: reading your uploaded mailbox.", "run_id": run.pk},
        level="success",
        redirect_to=reverse("processing"),
    )


@login_required
@require_POST
@_within_limit(ratelimit.CANCEL)
async def cancel_fetch_emails(request: HttpRequest, user_id: int) -> HttpResponse:
    outcome = await runs.cancel_run(user_id=user_id, reason=CancelReason.USER, requested_by_id=user_id)
    if outcome.http_status == 200:
        message = (
            {**outcome.as_json(), "message": "Processing cancelled"} if not wants_json(request) else outcome.as_json()
        )
        return _answer(request, 200, message, level="success", redirect_to=reverse("dashboard"))
    return _answer(request, outcome.http_status, outcome.as_json(), level="error")


def _latest_run_for(user_id: int) -> ProcessingRun | None:
    return ProcessingRun.objects.for_user(user_id).latest_first().first()


@login_required
@require_GET
async def processing(request: HttpRequest) -> HttpResponse:
    user_id = _user_id(await request.auser())
    run = await run_db(_latest_run_for, user_id)
    if wants_json(request):
        if run is None:
            return JsonResponse({"message": "Processing has not started."}, status=404)
        return JsonResponse(
            {
                "message": run.status_message(),
                "status": run.status,
                "run_id": run.pk,
                "processed_emails": run.processed_emails,
                "total_emails": run.total_emails,
                "phase": run.phase,
                "waiting_ahead": run.waiting_ahead if run.is_waiting else None,
            }
        )
    from processing.presenters import processing_context

    context = await run_db(processing_context, user_id, run)
    template = "processing/processing.html"
    if getattr(request, "htmx", False) and request.GET.get("partial") == "progress":
        template += "#progress"
    response = TemplateResponse(request, template, context)
    await run_db(response.render)
    return response


@login_required
@require_POST
def mail_sync_update(request: HttpRequest) -> HttpResponse:
    form = MailSyncForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Nothing was changed: choose every 1 to 168 hours.")
        return redirect("settings")
    sync = do_set_sync(_user_id(request.user), **form.cleaned_data)
    if sync.enabled:
        messages.success(request, f"New mail will be read every {sync.every_hours} hours in the background.")
    else:
        messages.success(request, "Background sync is off: new mail is read when you press Process new mail.")
    return redirect("settings")
