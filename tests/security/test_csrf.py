"""CSRF on every POST: refused without a token, accepted with the header htmx sends.

The routes come from the URLconf, so a POST view added later is covered. A POST
to a GET-only view is refused by the CSRF middleware too (it runs before the
view), which is why every route is expected to answer 403 without a token.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from dashboard.models import Application
from processing.models import ProcessingRun
from tests.security.conftest import World, route_values
from tests.security.routes import Route, all_routes

ROUTES = all_routes()

#: csrf_exempt views, each with the reason it is safe. A new exempt view fails the
#: test below until it is listed here with its own protection.
#: (allauth's Google One Tap view was the only one; accounts.urls now answers 404 at its
#: path first, tested below.)
EXEMPT: dict[str, str] = {}

#: POST views that must exist: the enumeration below is checked against them.
REQUIRED_POST_VIEWS = {
    "fetch_emails",
    "cancel_fetch_emails",
    "account_logout",
    "application_add",
    "application_status",
    "application_delete",
    "email_delete",
    "review_confirm",
    "review_correct",
    "gmail_disconnect",
    "delete_my_data",
    "delete_account",
}

# Destructive routes last, so the objects the other routes point at still exist.
_LAST = ("delete_my_data", "delete_account", "account_logout", "admin:logout")


def _ordered(routes: list[Route]) -> list[Route]:
    return sorted(routes, key=lambda r: r.name in _LAST)


def _client_for(user: User) -> Client:
    # Server errors are collected as failures rather than raised mid-loop.
    http = Client(enforce_csrf_checks=True, raise_request_exception=False)
    http.force_login(user)
    return http


def _persona(route: Route, alice: User, staff: User) -> User:
    return staff if route.is_admin else alice


def test_it_refuses_a_post_without_a_token_on_every_route(alice_world: World, staff: User) -> None:
    failures = []
    # One client per persona: every request is refused, so nothing changes between them.
    clients = {user.pk: _client_for(user) for user in (alice_world.user, staff)}
    for route in ROUTES:
        if route.id in EXEMPT:
            continue
        http = clients[_persona(route, alice_world.user, staff).pk]
        url = route.url(route_values(route, alice_world))
        response = http.post(url, {"status": "interview", "company": "Evil", "confirm": "yes"})
        if response.status_code != 403:
            failures.append(f"POST {url} without a token answered {response.status_code}")
    assert not failures, "\n".join(failures)
    # Nothing changed.
    assert Application.objects.filter(pk=alice_world.application.pk, status="applied").exists()
    assert not Application.objects.filter(company="Evil").exists()
    assert not ProcessingRun.objects.filter(status="started").exists()


def test_it_accepts_the_token_in_the_x_csrftoken_header_on_every_route(alice_world: World, staff: User) -> None:
    failures = []
    accepting_post = set()
    clients = {user.pk: _client_for(user) for user in (alice_world.user, staff)}
    for http in clients.values():
        http.get(reverse("settings"))  # a page that sets the csrftoken cookie, as the browser has it
    for route in _ordered(ROUTES):
        if route.id in EXEMPT:
            continue
        http = clients[_persona(route, alice_world.user, staff).pk]
        token = http.cookies["csrftoken"].value
        url = route.url(route_values(route, alice_world))
        # Start and cancel with an invalid date / nothing running: answered without starting a run.
        data = {"start_date": "not-a-date"} if route.name == "fetch_emails" else {}
        response = http.post(url, data, headers={"X-CSRFToken": token, "HX-Request": "true"})
        if response.status_code == 403 and b"CSRF" in response.content:
            failures.append(f"POST {url} with the header token was refused as CSRF")
        elif response.status_code >= 500:
            failures.append(f"POST {url} with the header token failed with {response.status_code}")
        if response.status_code != 405:
            accepting_post.add(route.name)
    assert not failures, "\n".join(failures)
    missing = REQUIRED_POST_VIEWS - accepting_post
    assert not missing, f"these POST views did not accept a POST: {missing}"


def test_it_lists_every_csrf_exempt_view_with_a_reason() -> None:
    exempt = {route.id for route in ROUTES if route.csrf_exempt}
    assert exempt == set(EXEMPT)


@pytest.mark.usefixtures("alice_world")
def test_it_does_not_serve_google_one_tap(client: Client) -> None:
    client.cookies["g_csrf_token"] = "same"
    response = client.post(reverse("google_login_by_token"), {"credential": "forged.jwt.token", "g_csrf_token": "same"})
    assert response.status_code == 404
    assert client.get(reverse("google_login_by_token")).status_code == 404
    assert "_auth_user_id" not in client.session


def test_it_refuses_a_cancel_without_a_token_and_leaves_the_run_alone(alice_world: World) -> None:
    ProcessingRun.objects.filter(pk=alice_world.run.pk).update(status="started")
    http = _client_for(alice_world.user)
    assert http.post(reverse("cancel_fetch_emails"), headers={"HX-Request": "true"}).status_code == 403
    run = ProcessingRun.objects.get(pk=alice_world.run.pk)
    assert (run.status, run.cancel_requested_at) == ("started", None)


def test_it_refuses_a_post_whose_token_is_from_another_session(alice_world: World, bob: User) -> None:
    other = _client_for(bob)
    other.get(reverse("settings"))
    bobs_token = other.cookies["csrftoken"].value
    http = _client_for(alice_world.user)
    http.get(reverse("settings"))
    response = http.post(
        reverse("application_status", args=[alice_world.application.pk]),
        {"status": "offer"},
        headers={"X-CSRFToken": bobs_token[::-1]},
    )
    assert response.status_code == 403
    assert Application.objects.get(pk=alice_world.application.pk).status == "applied"
