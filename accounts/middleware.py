from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from accounts import timezones


class TimeZoneMiddleware:
    """Activates the signed-in user's zone and clock for the request (after authentication)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timezones.activate_for(getattr(request, "user", None))
        return self.get_response(request)
