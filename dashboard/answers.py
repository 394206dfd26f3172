"""How dashboard and planner views answer: htmx toasts, or a message and a redirect back.

Shared by both apps' views so each answers the same way with and without htmx.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import reswap, trigger_client_event
from django_htmx.middleware import HtmxDetails


def user_id(request: HttpRequest) -> int:
    # login_required ran first: the user is authenticated and has a primary key.
    return int(request.user.pk or 0)


def is_htmx(request: HttpRequest) -> bool:
    """An htmx request for a fragment (a history restore wants the whole page)."""
    details: HtmxDetails | None = getattr(request, "htmx", None)
    return details is not None and bool(details) and not details.history_restore_request


def toast(
    response: HttpResponse, message: str, level: str = "success", *, refresh: bool = False, undo: str = ""
) -> HttpResponse:
    """A toast for htmx; `refresh` also tells the table, chart and counts to reload
    themselves; `undo` is a URL the toast's Undo button posts to."""
    event: dict[str, Any] = {"message": message, "level": level}
    if undo:
        event["undo"] = undo
    trigger_client_event(response, "toast", event)
    if refresh:
        trigger_client_event(response, "applications-changed")
    return response


def back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return redirect(target)


def done(request: HttpRequest, message: str, fallback: str, level: int = messages.SUCCESS) -> HttpResponse:
    """Without htmx: a message and a redirect back (post/redirect/get)."""
    messages.add_message(request, level, message)
    return back(request, fallback)


def invalid(request: HttpRequest, message: str, fallback: str) -> HttpResponse:
    if is_htmx(request):
        return toast(reswap(HttpResponse(status=400), "none"), message, level="error")
    return done(request, message, fallback, level=messages.ERROR)
