from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from accounts import timezones


class TimeZoneMiddleware:
    """Activates the signed-in user's zone and clock for the request (after authentication).

    It loads the user (in the thread the middleware chain runs in), so it also hands that
    user to async views: Django's `request.auser()` would fetch the same user again, a
    round trip from the event loop to a thread and back on every async request, each of
    which waits for the interpreter lock and a CPU when the process is busy
    (docs/PERFORMANCE.md, section 7).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        timezones.activate_for(user)  # evaluates the lazy user
        if user is not None:

            async def auser() -> Any:
                # request.user, not `user`: a login or logout in the view replaces it.
                return request.user

            request.auser = auser  # type: ignore[attr-defined]
        return self.get_response(request)
