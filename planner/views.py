"""The Today panel's answers, the board, the calendar feed and the progress page.

Every object is fetched for the requesting user (another user's is a 404); every
change goes through a `planner.actions` function.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from dashboard.models import Application, Email
from dashboard.views import _done, _htmx, _toast, _user_id
from planner import actions
from planner.models import Kind
from planner.today import today_context

TODAY_TEMPLATE = "planner/today.html#panel"


def _get_application(request: HttpRequest, pk: int) -> Application:
    return get_object_or_404(Application.objects.for_user(_user_id(request)), pk=pk)


def _answer(request: HttpRequest, message: str, *, refresh: bool = False) -> HttpResponse:
    """htmx: the fresh panel and a toast; otherwise back to the dashboard with a message."""
    if _htmx(request):
        response = render(request, TODAY_TEMPLATE, today_context(_user_id(request)))
        return _toast(response, message, refresh=refresh)
    return _done(request, message, reverse("dashboard"))


@login_required
@require_GET
def today_panel(request: HttpRequest) -> HttpResponse:
    return render(request, TODAY_TEMPLATE, today_context(_user_id(request)))


@login_required
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    email = get_object_or_404(Email.objects.for_user(_user_id(request)).visible(), pk=pk)
    actions.do_mark_action_done(email)
    return _answer(request, "Marked as done.")


@login_required
@require_POST
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get_application(request, pk)
    actions.do_follow_up_done(app)
    return _answer(request, f"{app.company}: follow-up marked as done. Jobtrail suggests another if no reply comes.")


@login_required
@require_POST
def follow_up_snooze(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get_application(request, pk)
    actions.do_snooze(app, Kind.FOLLOW_UP)
    return _answer(request, f"{app.company}: follow-up snoozed for {actions.SNOOZE_DAYS} days.")


@login_required
@require_POST
def quiet_close(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get_application(request, pk)
    actions.do_close_no_reply(app)
    return _answer(request, f"{app.company}: closed as no reply (Withdrawn).", refresh=True)


@login_required
@require_POST
def quiet_keep(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get_application(request, pk)
    actions.do_keep_waiting(app)
    return _answer(request, f"{app.company}: still waiting. Jobtrail asks again if it stays quiet.")
