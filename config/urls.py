from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from django.views.decorators.http import require_GET


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


urlpatterns = [
    path("admin/", admin.site.urls),
    # Before allauth: accounts.urls serves allauth's Google callback path itself.
    path("", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("healthz", healthz, name="healthz"),
    path("", include("processing.urls")),
    path("", include("dashboard.urls")),
    path("", include("planner.urls")),
]
if settings.LOOP_LAG_MONITOR:
    # Only routed when the monitor is on: off (the default), the path does not exist.
    urlpatterns.append(path("debug/loop-lag", loop_lag, name="loop_lag"))
