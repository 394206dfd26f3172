"""Processing websockets end with their session, are capped per user, and share one render per event."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts.models import User
from processing import consumers, events, sockets
from processing.models import ProcessingRun, RunStatus
from tests.conftest import PASSWORD
from tests.sockets import session_cookie, signed_in_socket, socket_with_session
from tests.ui.conftest import make_run

pytestmark = pytest.mark.django_db(transaction=True)
NEW_PASSWORD = "a-brand-new-staple-horse-battery"


def _browser(user: User) -> Client:
    """A browser signed in with the password form (a real session, a real password hash)."""
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


async def _open(socket: WebsocketCommunicator) -> None:
    connected, _ = await socket.connect()
    assert connected
    assert "run-state" in await socket.receive_from(timeout=5)  # the resynchronisation


async def _progress(user: User) -> None:
    await events.send_to_group(events.user_group(user.pk), {"type": "run.progress", "run_id": 0})


async def _assert_closed(socket: WebsocketCommunicator, code: int = sockets.CLOSE_SESSION_ENDED) -> None:
    """The next thing the socket sends is a close: no fragment before it, nothing after it."""
    output = await socket.receive_output(timeout=5)
    assert output == {"type": "websocket.close", "code": code}
    assert await socket.receive_nothing(timeout=0.2)


async def test_it_closes_a_logged_out_sessions_socket_and_sends_it_nothing_more(alice: User) -> None:
    await sync_to_async(make_run)(alice, status=RunStatus.STARTED)
    browser = await sync_to_async(_browser)(alice)
    socket = socket_with_session(browser.cookies["sessionid"].value)
    try:
        await _open(socket)
        response = await sync_to_async(browser.post)(reverse("account_logout"))
        assert response.status_code == 302
        await _progress(alice)
        await _assert_closed(socket)
    finally:
        await socket.disconnect()


async def test_it_closes_the_sockets_of_other_sessions_on_a_password_change(alice: User) -> None:
    elsewhere, here = await sync_to_async(_browser)(alice), await sync_to_async(_browser)(alice)
    other_socket = socket_with_session(elsewhere.cookies["sessionid"].value)
    refused = socket_with_session(elsewhere.cookies["sessionid"].value)
    reopened: WebsocketCommunicator | None = None
    try:
        await _open(other_socket)
        response = await sync_to_async(here.post)(
            reverse("account_change_password"),
            {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
        assert response.status_code == 302, response.content
        await _progress(alice)
        await _assert_closed(other_socket)
        # The other browser cannot reconnect; the one that changed the password still can
        # (every socket of the user closes on the change, the page's extension reconnects).
        assert (await refused.connect()) == (False, sockets.CLOSE_SESSION_ENDED)
        reopened = socket_with_session(here.cookies["sessionid"].value)  # the change cycled its key
        await _open(reopened)
    finally:
        for socket in (other_socket, refused, reopened):
            if socket is not None:
                await socket.disconnect()


async def test_it_sends_nothing_to_a_socket_whose_session_was_deleted_without_a_signal(alice: User) -> None:
    # Expiry or an operator clearing sessions sends no signal: the check before each push catches it.
    key = await sync_to_async(session_cookie)(alice)
    socket = socket_with_session(key)
    try:
        await _open(socket)
        await Session.objects.filter(session_key=key).adelete()
        await _progress(alice)
        await _assert_closed(socket)
    finally:
        await socket.disconnect()


async def test_it_closes_the_sockets_of_a_deleted_account(alice: User) -> None:
    socket = await signed_in_socket(alice)
    try:
        await _open(socket)
        await sync_to_async(alice.delete)()
        await _assert_closed(socket)
    finally:
        await socket.disconnect()


async def test_it_refuses_a_socket_without_a_session(alice: User) -> None:
    direct = WebsocketCommunicator(consumers.ProcessingConsumer.as_asgi(), "/ws/processing/")
    direct.scope["user"] = alice  # authenticated, but nothing to re-check later
    try:
        connected, code = await direct.connect()
        assert not connected
        assert code == sockets.CLOSE_SESSION_ENDED
    finally:
        await direct.disconnect()


async def test_it_refuses_a_socket_beyond_the_per_user_limit_with_a_reason(
    alice: User, bob: User, settings: Any
) -> None:
    settings.WEBSOCKETS_PER_USER = 3
    key = await sync_to_async(session_cookie)(alice)
    allowed = [socket_with_session(key) for _ in range(3)]
    extra, later = socket_with_session(key), socket_with_session(key)
    bobs = await signed_in_socket(bob)
    try:
        for socket in allowed:
            await _open(socket)
        connected, _ = await extra.connect()
        assert connected  # accepted only to say why it is closed
        output = await extra.receive_output(timeout=5)
        assert output == {"type": "websocket.close", "code": sockets.CLOSE_TOO_MANY, "reason": sockets.TOO_MANY_REASON}
        await _open(bobs)  # the limit is per user
        await _progress(alice)
        for socket in allowed:
            assert "run-state" in await socket.receive_from(timeout=5)
        await allowed[0].disconnect()
        await _open(later)  # a closed socket frees its place
    finally:
        for socket in (*allowed, extra, later, bobs):
            await socket.disconnect()


async def test_it_renders_each_event_once_for_all_of_a_users_sockets(
    alice: User, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.WEBSOCKETS_PER_USER = 40
    renders: list[int] = []
    render = consumers.render_progress

    def counting(user_id: int) -> str:
        renders.append(user_id)
        return render(user_id)

    monkeypatch.setattr(consumers, "render_progress", counting)
    checks = sockets.registry.sessions.computed
    run = await sync_to_async(make_run)(alice, status=RunStatus.STARTED, processed_emails=3)
    key = await sync_to_async(session_cookie)(alice)
    tabs = [socket_with_session(key) for _ in range(30)]
    try:
        for socket in tabs:
            await _open(socket)
        assert len(renders) == 30  # one resynchronisation per connect
        for processed in (5, 9):
            await ProcessingRun.objects.filter(pk=run.pk).aupdate(processed_emails=processed)
            await _progress(alice)
            fragments = await asyncio.gather(*(socket.receive_from(timeout=5) for socket in tabs))
            assert all(f"<strong>{processed}</strong>" in fragment for fragment in fragments)
        assert len(renders) == 30 + 2
        assert sockets.registry.sessions.computed - checks == 2  # one session check per event too
    finally:
        for socket in tabs:
            await socket.disconnect()
