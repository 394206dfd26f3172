from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from accounts import actions
from accounts.models import User


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # login_required ran first
    return request.user


@login_required
@require_POST
def gmail_disconnect(request: HttpRequest) -> HttpResponse:
    revoked = actions.do_disconnect_gmail(_user(request))
    if revoked is None:
        messages.info(request, "Gmail was not connected.")
    elif revoked:
        messages.success(request, "Gmail is disconnected and Jobtrail's access was revoked at Google.")
    else:
        messages.warning(
            request,
            "Gmail is disconnected here, but Google could not be reached to revoke the access. "
            "Remove Jobtrail at https://myaccount.google.com/permissions.",
        )
    return redirect("settings")


@login_required
@require_POST
def delete_my_data(request: HttpRequest) -> HttpResponse:
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Nothing was deleted: tick the box to confirm.")
        return redirect("settings")
    try:
        deleted = actions.do_delete_user_data(_user(request))
    except actions.RunInProgress:
        messages.error(request, "Processing is running. Cancel it first, then delete your data.")
        return redirect("settings")
    messages.success(
        request,
        f"Deleted {deleted.emails} emails, {deleted.applications} applications and {deleted.runs} runs, "
        "and disconnected Gmail. Your account itself remains.",
    )
    return redirect("settings")
