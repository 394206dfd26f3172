"""Two users: alice owns, bob tries. Every route from the URLconf, the websocket, the admin.

Another user's object is a 404 (never a 403 that confirms it exists); anonymous
visitors are sent to the login page; the websocket refuses anonymous and
cross-site connections and carries a user's events to that user only.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import User
from config.asgi import application
from dashboard.models import Application, Email
from processing import events
from processing.models import ProcessingRun, RunStatus
from tests.security.conftest import World, route_values
from tests.security.routes import Route, all_routes

ROUTES = all_routes()
APP_ROUTES = [r for r in ROUTES if not r.is_admin]
#: Routes of allauth, the health check, the icon and the calendar feed (its token is the
#: permission, tests/planner/test_feed.py) serve anonymous visitors on purpose.
PUBLIC_PREFIXES = ("accounts/", "healthz", "favicon.ico", "calendar/")
PRIVATE_ROUTES = [r for r in APP_ROUTES if not r.pattern.startswith(PUBLIC_PREFIXES)]
OWNED_ROUTES = [r for r in APP_ROUTES if "pk" in r.params]
#: The admin's login (config.urls.admin_login, which sends everyone to the account login) and
#: logout pages are reachable by anyone.
ADMIN_ROUTES = [r for r in ROUTES if r.is_admin and r.name not in ("admin:login", "admin:logout", "admin_login")]


def _snapshot(world: World) -> tuple[Any, ...]:
    application = Application.objects.get(pk=world.application.pk)
    email = Email.objects.get(pk=world.email.pk)
    run = ProcessingRun.objects.get(pk=world.run.pk)
    return (
        application.status,
        application.company,
        application.notes,
        email.status,
        email.needs_review,
        email.deleted_at,
        run.status,
        run.cancel_requested_at,
    )


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else bytes(response.content)


# --- HTTP -------------------------------------------------------------------------------


def test_it_covers_the_owned_routes_it_should() -> None:
    # The URLconf enumeration found the pk routes (a guard against an empty loop).
    names = {r.name for r in OWNED_ROUTES}
    assert {"application_detail", "application_status", "email_delete", "review_correct"} <= names


@pytest.mark.parametrize("route", OWNED_ROUTES, ids=[r.id for r in OWNED_ROUTES])
def test_it_answers_404_to_another_user_for_every_owned_object(
    route: Route, alice_world: World, bob_client: Client, alice_client: Client
) -> None:
    before = _snapshot(alice_world)
    data = {"status": "offer", "company": "Hijacked", "notes": "bob was here"}
    answered = []
    for pk in alice_world.owned_pks():
        url = route.url(route_values(route, alice_world, pk=pk))
        for method in (bob_client.get, bob_client.post):
            for headers in ({}, {"HX-Request": "true"}):
                response = method(url, data, headers=headers)
                if response.status_code == 405:
                    continue
                assert response.status_code == 404, f"{method.__name__.upper()} {url}: {response.status_code}"
                answered.append(url)
    assert answered, f"{route.id} answered 405 to both GET and POST"
    assert _snapshot(alice_world) == before
    # The owner does reach her object through the same route (so the 404 above means something).
    reached = False
    for pk in alice_world.owned_pks():
        url = route.url(route_values(route, alice_world, pk=pk))
        for method in (alice_client.get, alice_client.post):
            if method(url, data).status_code not in (404, 405):
                reached = True
    assert reached, f"alice could not reach her own object through {route.id}"


@pytest.mark.parametrize("route", PRIVATE_ROUTES, ids=[r.id for r in PRIVATE_ROUTES])
def test_it_redirects_anonymous_visitors_to_login(route: Route, alice_world: World, client: Client) -> None:
    url = route.url(route_values(route, alice_world))
    before = _snapshot(alice_world)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, f"{method.__name__.upper()} {url}: {response.status_code}"
        assert response["Location"].startswith(reverse("account_login"))
    assert _snapshot(alice_world) == before


def test_it_never_shows_alices_data_on_bobs_pages(alice_world: World, bob_client: Client) -> None:
    leaks = []
    for route in PRIVATE_ROUTES:
        if route.params:
            continue
        for headers in ({}, {"HX-Request": "true"}, {"Accept": "application/json"}):
            response = bob_client.get(route.url(), headers=headers)
            body = _body(response)
            for marker in (b"alice@example.com", b"Thank you for applying to Northwind", b"Northwind"):
                if marker in body:
                    leaks.append(f"GET {route.url()} {headers}: {marker!r}")
    assert not leaks, "\n".join(leaks)
    # Sanity: the same pages do show it to alice.
    page = Client()
    page.force_login(alice_world.user)
    assert b"Northwind" in page.get(reverse("dashboard")).content


def test_it_does_not_let_bob_cancel_alices_run(alice_world: World, bob_client: Client) -> None:
    ProcessingRun.objects.filter(pk=alice_world.run.pk).update(status=RunStatus.STARTED, owner="elsewhere:1:abc")
    response = bob_client.post(reverse("cancel_fetch_emails"), headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json() == {"message": "No running task found"}
    run = ProcessingRun.objects.get(pk=alice_world.run.pk)
    assert (run.status, run.cancel_requested_at) == (RunStatus.STARTED, None)
    status = bob_client.get(reverse("processing"), headers={"Accept": "application/json"})
    assert status.status_code == 404  # bob has no run; alice's is not shown to him


# --- admin --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["anonymous", "bob"])
def test_it_keeps_every_admin_page_staff_only(persona: str, alice_world: World, client: Client, bob: User) -> None:
    if persona == "bob":
        client.force_login(bob)
    login = reverse("admin:login")
    failures = []
    for route in ADMIN_ROUTES:
        url = route.url(route_values(route, alice_world))
        for method in (client.get, client.post):
            response = method(url)
            if response.status_code != 302 or not response["Location"].startswith(login):
                failures.append(f"{method.__name__.upper()} {url}: {response.status_code}")
    assert not failures, "\n".join(failures)
    assert User.objects.get(pk=bob.pk).is_staff is False


def test_it_serves_the_admin_to_staff(alice_world: World, staff_client: Client) -> None:
    response = staff_client.get(reverse("admin:dashboard_application_change", args=[alice_world.application.pk]))
    assert response.status_code == 200


# --- websocket ------------------------------------------------------------------------------


def _session_cookie(user: User) -> str:
    http = Client()
    http.force_login(user)
    return http.cookies["sessionid"].value


def _allowed_host() -> str:
    # config.asgi's origin validator captured ALLOWED_HOSTS when it was imported, before
    # the test environment appended "testserver": use a host from the configured list.
    for host in settings.ALLOWED_HOSTS:
        if host not in ("testserver", "*"):
            return host.lstrip(".")
    return "127.0.0.1"


def _socket(cookie: str | None = None, origin: str | None = None) -> WebsocketCommunicator:
    host = _allowed_host()
    origin = f"http://{host}" if origin is None else origin
    headers = [(b"host", host.encode())]
    if origin:
        headers.append((b"origin", origin.encode()))
    if cookie:
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    return WebsocketCommunicator(application, "/ws/processing/", headers=headers)


@pytest.mark.django_db(transaction=True)
async def test_it_refuses_an_anonymous_websocket() -> None:
    socket = _socket()
    connected, code = await socket.connect()
    assert not connected
    assert code == 4401
    await socket.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("origin", ["http://evil.example", ""])
async def test_it_refuses_a_cross_site_websocket_even_with_a_session(origin: str, alice: User) -> None:
    from asgiref.sync import sync_to_async

    cookie = await sync_to_async(_session_cookie)(alice)
    socket = _socket(cookie, origin=origin)
    connected, _ = await socket.connect()
    assert not connected
    await socket.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_it_never_delivers_alices_events_to_bob(alice: User, bob: User) -> None:
    from asgiref.sync import sync_to_async

    world = await sync_to_async(build_world_started)(alice)
    alice_socket = _socket(await sync_to_async(_session_cookie)(alice))
    bob_socket = _socket(await sync_to_async(_session_cookie)(bob))
    try:
        assert (await alice_socket.connect())[0]
        assert (await bob_socket.connect())[0]
        # The resynchronising fragment each receives on connect is their own.
        alice_first = await alice_socket.receive_from(timeout=5)
        bob_first = await bob_socket.receive_from(timeout=5)
        assert 'data-status="started"' in alice_first
        assert "Thank you for applying to Northwind" in alice_first
        assert 'data-status="none"' in bob_first
        assert "Northwind" not in bob_first

        # Bob cannot subscribe himself to alice's group by sending anything.
        await bob_socket.send_to(text_data=f'{{"group": "{events.user_group(alice.pk)}"}}')
        for kind in ("run.progress", "run.finished"):
            await events.send_to_group(events.user_group(alice.pk), {"type": kind, "run_id": world.run.pk})
            fragment = await alice_socket.receive_from(timeout=5)
            assert "run-state" in fragment
        assert await bob_socket.receive_nothing(timeout=0.3)

        # Bob's own events still reach bob, so the silence above is isolation, not a dead socket.
        await events.send_to_group(events.user_group(bob.pk), {"type": "run.progress", "run_id": 0})
        assert "run-state" in await bob_socket.receive_from(timeout=5)
        assert await alice_socket.receive_nothing(timeout=0.3)
    finally:
        await alice_socket.disconnect()
        await bob_socket.disconnect()
        await asyncio.sleep(0)


def build_world_started(user: User) -> World:
    from tests.security.conftest import build_world

    world = build_world(user)
    ProcessingRun.objects.filter(pk=world.run.pk).update(status=RunStatus.STARTED, processed_emails=0)
    world.run.refresh_from_db()
    return world


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("process_services")
async def test_it_delivers_events_while_the_cancel_listener_is_receiving(alice: User) -> None:
    # Every process runs a cancel listener on the channel layer. With Redis, process-local
    # channels share one receive lock: a listener on its own queue once starved every
    # websocket of the process (events arrived only when its blocking read timed out).
    from asgiref.sync import sync_to_async

    from processing import runs

    await runs.ensure_process_services()
    socket = _socket(await sync_to_async(_session_cookie)(alice))
    try:
        assert (await socket.connect())[0]
        await socket.receive_from(timeout=5)
        await asyncio.sleep(0.5)  # the listener is now blocked in its receive
        for _ in range(3):
            await events.send_to_group(events.user_group(alice.pk), {"type": "run.progress", "run_id": 0})
            assert "run-state" in await socket.receive_from(timeout=3)
    finally:
        await socket.disconnect()
