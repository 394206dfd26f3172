"""Project-wide request handling: the client's real address, and no caching of private pages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.deprecation import MiddlewareMixin


def client_address(meta: dict[str, str], trusted_proxies: int) -> str:
    """The address of the client as the outermost of our own proxies saw it.

    Each proxy appends the address it received the request from to X-Forwarded-For;
    anything to the left of our proxies' entries was written by the client and proves
    nothing (a spoofed "1.2.3.4, ..." must not give an attacker a fresh rate-limit
    bucket per request). With N trusted proxies the client is the N-th entry from the
    right. A request with fewer entries did not come through them: it counts as the peer.
    """
    peer = meta.get("REMOTE_ADDR", "")
    if trusted_proxies <= 0:
        return peer
    hops = [hop.strip() for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < trusted_proxies:
        return peer
    return hops[-trusted_proxies]


class ClientAddressMiddleware(MiddlewareMixin):
    """Sets REMOTE_ADDR to `client_address` (TRUSTED_PROXY_COUNT), for the rate limits and the logs."""

    def process_request(self, request: HttpRequest) -> None:
        request.META["REMOTE_ADDR"] = client_address(request.META, int(settings.TRUSTED_PROXY_COUNT))


class PrivateResponsesMiddleware(MiddlewareMixin):
    """Signed-in pages, fragments and exports hold mail: never stored by a browser or a proxy cache."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private, max-age=0
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
        return response
