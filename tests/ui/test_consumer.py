"""The processing websocket: who may connect, what arrives, and to whom."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from accounts.models import User
from config.asgi import application
from jobmail.taxonomy import Status
from processing.consumers import ProcessingConsumer
from processing.events import user_group
from processing.models import Phase, ProcessingRun, RunStatus
from tests.ui.conftest import make_mail, make_run
from tests.ui.htmlcheck import top_level

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = (b"origin", b"http://127.0.0.1")


def _session_cookie(user: User) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def _through_the_stack(user: User | None) -> WebsocketCommunicator:
    """A socket through config.asgi: origin check, session auth, routing — like a browser's."""
    headers = [ORIGIN]
    if user is not None:
        headers.append((b"cookie", await sync_to_async(_session_cookie)(user)))
    return WebsocketCommunicator(application, "/ws/processing/", headers=headers)


def _direct(user: User | AnonymousUser) -> WebsocketCommunicator:
    """Straight to the consumer, without the middleware: a user but no session."""
    communicator = WebsocketCommunicator(ProcessingConsumer.as_asgi(), "/ws/processing/")
    communicator.scope["user"] = user
    return communicator


async def _progress(user: User, run: ProcessingRun, processed: int) -> None:
    await ProcessingRun.objects.filter(pk=run.pk).aupdate(processed_emails=processed, phase=Phase.CLASSIFYING)
    await get_channel_layer().group_send(
        user_group(user.pk),
        {"type": "run.progress", "run_id": run.pk},
    )


async def test_it_rejects_anonymous_connections() -> None:
    communicator = await _through_the_stack(None)
    try:
        connected, code = await communicator.connect()
        assert not connected
        assert code == 4401
    finally:
        await communicator.disconnect()
    direct = _direct(AnonymousUser())
    try:
        connected, code = await direct.connect()
        assert not connected
        assert code == 4401
    finally:
        await direct.disconnect()


async def test_it_rejects_a_foreign_origin(alice: User) -> None:
    cookie = await sync_to_async(_session_cookie)(alice)
    communicator = WebsocketCommunicator(
        application, "/ws/processing/", headers=[(b"origin", b"https://evil.example"), (b"cookie", cookie)]
    )
    try:
        connected, _ = await communicator.connect()
        assert not connected
    finally:
        await communicator.disconnect()


async def test_it_sends_the_current_state_on_connect_and_each_progress_event(alice: User) -> None:
    run = await sync_to_async(make_run)(alice, status=RunStatus.STARTED, processed_emails=4, total_emails=40)
    await sync_to_async(make_mail)(alice, None, run=run, subject="Interview invitation", status=Status.INTERVIEW)
    communicator = await _through_the_stack(alice)
    try:
        connected, _ = await communicator.connect()
        assert connected
        first = await communicator.receive_from(timeout=5)  # the resynchronisation
        assert 'value="4"' in first
        elements = top_level(first)
        assert [(e.tag, e.attrs["id"], e.attrs["hx-swap-oob"]) for e in elements] == [
            ("section", "progress", "innerHTML"),
            ("section", "recent-emails", "innerHTML"),
        ]
        assert "Interview invitation" in first
        for processed in (10, 20, 30):
            await _progress(alice, run, processed)
            fragment = await communicator.receive_from(timeout=5)
            assert f'<progress id="progress-bar" class="progress-bar" max="40" value="{processed}"' in fragment
            assert f"<strong>{processed}</strong> / 40" in fragment
            assert 'data-status="started"' in fragment
            assert "<html" not in fragment
    finally:
        await communicator.disconnect()


async def test_it_sends_the_end_of_a_run(alice: User) -> None:
    run = await sync_to_async(make_run)(alice, status=RunStatus.STARTED)
    communicator = await _through_the_stack(alice)
    try:
        assert (await communicator.connect())[0]
        await communicator.receive_from(timeout=5)
        await ProcessingRun.objects.filter(pk=run.pk).aupdate(status=RunStatus.FINISHED, processed_emails=40)
        await get_channel_layer().group_send(user_group(alice.pk), {"type": "run.finished", "run_id": run.pk})
        fragment = await communicator.receive_from(timeout=5)
        assert 'data-status="finished"' in fragment
        assert 'data-message="Processing complete: 40 new emails read, 0 job-related."' in fragment
    finally:
        await communicator.disconnect()


async def test_it_never_sends_one_users_events_to_another(alice: User, bob: User) -> None:
    alice_run = await sync_to_async(make_run)(alice, status=RunStatus.STARTED, processed_emails=1)
    await sync_to_async(make_mail)(alice, None, run=alice_run, subject="Alice's secret offer", status=Status.OFFER)
    alice_socket, bob_socket = await _through_the_stack(alice), await _through_the_stack(bob)
    try:
        assert (await alice_socket.connect())[0]
        assert (await bob_socket.connect())[0]
        assert "Alice" not in await bob_socket.receive_from(timeout=5)
        assert "Alice&#x27;s secret offer" in await alice_socket.receive_from(timeout=5)
        await _progress(alice, alice_run, 25)
        assert "<strong>25</strong>" in await alice_socket.receive_from(timeout=5)
        assert await bob_socket.receive_nothing(timeout=0.3)
        await get_channel_layer().group_send(user_group(bob.pk), {"type": "run.finished", "run_id": 0})
        bob_fragment = await bob_socket.receive_from(timeout=5)
        assert "Nothing is being processed" in bob_fragment
        assert "secret" not in bob_fragment
        assert await alice_socket.receive_nothing(timeout=0.3)
    finally:
        await alice_socket.disconnect()
        await bob_socket.disconnect()


async def test_it_rejects_a_user_without_a_session(alice: User) -> None:
    # Nothing to re-check before each push: refused like an anonymous socket.
    direct = _direct(alice)
    try:
        assert await direct.connect() == (False, 4401)
    finally:
        await direct.disconnect()
