"""The Today panel's answers, the board, the calendar feed and the progress page.

Every object is fetched for the requesting user (another user's is a 404); every
change goes through a `planner.actions` function.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from dashboard.answers import done as _done
from dashboard.answers import invalid as _invalid
from dashboard.answers import is_htmx as _htmx
from dashboard.answers import toast as _toast
from dashboard.answers import user_id as _user_id
from dashboard.models import Application, Email
from planner import actions, board, feed, live, progress
from planner.forms import DigestForm, MoveForm, ReminderForm
from planner.models import Kind, Preferences
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


# --- settings: reminders, the e-mail digest and the calendar feed --------------------------------------------


@login_required
@require_POST
def reminders_save(request: HttpRequest) -> HttpResponse:
    form = ReminderForm(request.POST, instance=Preferences.for_user(_user_id(request)))
    if not form.is_valid():
        return _done(
            request, "Reminders not saved: choose numbers of days from 1 to 365.", reverse("settings"), messages.ERROR
        )
    form.save()
    return _done(
        request, "Reminders saved. The Today panel and the calendar use them from now on.", reverse("settings")
    )


@login_required
@require_POST
def digest_save(request: HttpRequest) -> HttpResponse:
    # An unchecked box sends nothing: a valid POST without the field turns the digest off.
    form = DigestForm(request.POST, instance=Preferences.for_user(_user_id(request)))
    if not form.is_valid():
        return _done(request, "E-mail digest not saved: try again.", reverse("settings") + "#digest", messages.ERROR)
    form.save()
    address = getattr(request.user, "email", "")
    message = (
        f"E-mail digest on: after a run finds something important, Jobtrail writes to {address}."
        if form.instance.email_digest
        else "E-mail digest off: Jobtrail sends you no more e-mail about your runs."
    )
    return _done(request, message, reverse("settings") + "#digest")


@login_required
@require_POST
def calendar_feed_new(request: HttpRequest) -> HttpResponse:
    preferences = Preferences.for_user(_user_id(request))
    replacing = bool(preferences.feed_token_digest)
    preferences.new_feed_token()
    message = (
        "New calendar link made. The old link no longer works: subscribe again with the new one."
        if replacing
        else "Calendar link made. Add it to your calendar app as a subscription (“From URL”)."
    )
    return _done(request, message, reverse("settings") + "#calendar")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No session: calendar apps fetch it on their own. The token is the permission."""
    preferences = feed.preferences_for_token(token)
    if preferences is None:
        raise Http404("No calendar at this address. Copy the current link from Settings.")
    response = HttpResponse(feed.feed_text(preferences), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response


# --- the board --------------------------------------------------------------------------


def _board_context(user_id: int) -> dict[str, Any]:
    return {
        "columns": board.build_board(user_id),
        "move_choices": board.MOVE_CHOICES,
        "signature": live.applications_signature(user_id),
    }


@login_required
@require_GET
@vary_on_headers("HX-Request")
def board_page(request: HttpRequest) -> HttpResponse:
    template = "planner/board.html#board" if _htmx(request) else "planner/board.html"
    return render(request, template, _board_context(_user_id(request)))


@login_required
@require_POST
def board_move(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get_application(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _invalid(request, "Choose one of the board's columns.", reverse("board"))
    actions.do_move(app, form.cleaned_data["status"])
    message = f"{app.company}: moved to {app.get_status_display()}. New mail will not change it."
    if _htmx(request):
        response = render(request, "planner/board.html#board", _board_context(_user_id(request)))
        return _toast(response, message, refresh=True)
    return _done(request, message, reverse("board"))


# --- progress over time -------------------------------------------------------------------


@login_required
@require_GET
def progress_page(request: HttpRequest) -> HttpResponse:
    result = progress.build_progress(_user_id(request))
    context = {"progress": result, "weeks": progress.WEEKS, "recent_total": sum(week.count for week in result.weeks)}
    return render(request, "planner/progress.html", context)
