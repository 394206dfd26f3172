from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from accounts import actions
from accounts.forms import TimeZoneForm
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


@login_required
@require_POST
def delete_account(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.has_usable_password():
        confirmed = user.check_password(request.POST.get("password", ""))
        refusal = "Your account was not deleted: the password is not correct."
    else:
        confirmed = request.POST.get("confirm_text", "").strip().lower() == actions.DELETE_PHRASE
        refusal = f"Your account was not deleted: type “{actions.DELETE_PHRASE}” to confirm."
    if not confirmed:
        messages.error(request, refusal)
        return redirect("settings")
    try:
        revoked = actions.do_delete_account(user)
    except actions.RunInProgress:
        messages.error(request, "Processing is running. Cancel it first, then delete your account.")
        return redirect("settings")
    logout(request)
    if revoked is False:
        messages.warning(
            request,
            "Your account and all its data were deleted, but Google could not be reached to revoke "
            "Jobtrail's access to your Gmail. Remove Jobtrail at https://myaccount.google.com/permissions.",
        )
    else:
        gmail_note = " and Jobtrail's access to your Gmail was revoked at Google" if revoked else ""
        messages.success(request, f"Your account and all its data were deleted{gmail_note}.")
    return redirect("account_login")


@login_required
@require_POST
def time_zone_detect(request: HttpRequest) -> HttpResponse:
    """The browser's zone and clock on a first visit; `reload` when the page shown used another zone."""
    form = TimeZoneForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"reload": False, "error": "Unknown time zone."}, status=400)
    changed = actions.do_set_time_zone(_user(request), **form.cleaned_data, only_if_unset=True)
    return JsonResponse({"reload": changed})


@login_required
@require_POST
def time_zone_update(request: HttpRequest) -> HttpResponse:
    form = TimeZoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Nothing was changed: choose a time zone from the list.")
        return redirect("settings")
    actions.do_set_time_zone(_user(request), **form.cleaned_data)
    zone = form.cleaned_data["time_zone"]
    messages.success(request, f"Times are now shown in {zone.replace('_', ' ')}.")
    return redirect("settings")
