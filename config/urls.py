from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    # Resolved per request: the static manifest may not exist when the URLconf loads.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_GET
def loop_lag(request: HttpRequest) -> HttpResponse:
    """Event-loop lag of this process since ?since=<Unix time>, for bench/ (staff only)."""
    from processing.lifecycle import lag_monitor

    if not getattr(request.user, "is_staff", False):
        raise Http404
    try:
        since = float(request.GET.get("since") or 0)
    except ValueError:
        return JsonResponse({"message": "since must be a Unix time in seconds."}, status=400)
    return JsonResponse(lag_monitor.summary(since))


@require_http_methods(["GET", "POST"])
def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's own login form has no rate limit: staff sign in on the account login, which has one.

    A POST (a password sent to the old form) is not checked: it is redirected like a GET.
    """
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("admin:index")
    if request.user.is_authenticated:
        if getattr(request.user, "is_staff", False):
            return HttpResponseRedirect(target)
        messages.error(request, "The admin is only for staff accounts. You are signed in without staff access.")
        return redirect("dashboard")
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': target})}", status=303)


urlpatterns = [
    # Before admin.site.urls, which would otherwise serve its own unlimited login form.
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    # Before allauth: accounts.urls serves allauth's Google callback path itself.
    path("", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico where a page names no icon (the admin, error pages).
    path("favicon.ico", favicon),
    path("", include("processing.urls")),
    path("", include("dashboard.urls")),
    path("", include("planner.urls")),
]
if settings.LOOP_LAG_MONITOR:
    # Only routed when the monitor is on: off (the default), the path does not exist.
    urlpatterns.append(path("debug/loop-lag", loop_lag, name="loop_lag"))
