"""The address the rate limits count is the one our proxy saw, whatever X-Forwarded-For the client wrote."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.adapter import get_adapter
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import User
from config.middleware import ClientAddressMiddleware, client_address

NGINX_SAW = "203.0.113.7"
NGINX = "127.0.0.1"  # daphne's peer: nginx on loopback


def _counted(settings: Any, **meta: str) -> str:
    """The address allauth's rate limits use for a request that passed through the middleware."""
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(get_adapter(request).get_client_ip(request))
        return HttpResponse()

    request = RequestFactory().get("/", REMOTE_ADDR=NGINX)
    request.META.update(meta)
    ClientAddressMiddleware(view)(request)
    return seen[0]


def test_it_counts_the_address_nginx_saw_however_the_client_spoofs_the_header(settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    # nginx appends what it saw ($proxy_add_x_forwarded_for) or writes only that ($remote_addr).
    for header in (
        NGINX_SAW,
        f"10.9.8.7, {NGINX_SAW}",
        f"1.1.1.1, 2.2.2.2, {NGINX_SAW}",
        f"not-an-address, {NGINX_SAW}",
    ):
        assert _counted(settings, HTTP_X_FORWARDED_FOR=header) == NGINX_SAW, header
    assert _counted(settings, HTTP_X_FORWARDED_FOR="198.51.100.1") == "198.51.100.1"  # another client


def test_it_ignores_the_header_without_a_trusted_proxy(settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    assert _counted(settings, HTTP_X_FORWARDED_FOR="10.9.8.7") == NGINX
    assert _counted(settings) == NGINX


def test_it_takes_the_outermost_of_several_proxies() -> None:
    meta = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": f"6.6.6.6, {NGINX_SAW}, 10.0.0.2"}
    assert client_address(meta, 2) == NGINX_SAW
    # Fewer entries than proxies: it did not come through them all, so it counts as the peer.
    assert client_address({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": NGINX_SAW}, 2) == "127.0.0.1"


@pytest.mark.django_db
def test_it_limits_failed_logins_with_a_fresh_spoofed_address_each_time(alice: User, settings: Any) -> None:
    # The red-team finding: 30 failed logins, each with a new leftmost X-Forwarded-For, were never limited.
    # REMOTE_ADDR is what `daphne --proxy-headers` (the old deployment docs) made of the
    # header: its leftmost, client-written entry. The middleware must not care.
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client()
    limited = 0
    for attempt in range(30):
        spoofed = f"10.0.{attempt}.1"
        response = client.post(
            reverse("account_login"),
            {"login": f"nobody{attempt}@example.com", "password": "wrong"},
            REMOTE_ADDR=spoofed,
            HTTP_X_FORWARDED_FOR=f"{spoofed}, {NGINX_SAW}",
        )
        limited += response.status_code == 429 or b"Too many failed login attempts" in response.content
    assert limited > 0
