"""HTTP requests' synchronous code runs on kept threads that keep their database connection."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.testing import HttpCommunicator
from django.core.signals import request_finished
from django.db import connection

from config.request_threads import THREAD_NAME_PREFIX, KeptRequestThreads


class ThreadRecorder:
    """An ASGI app whose requests note the thread their synchronous calls run on."""

    def __init__(self, hold: asyncio.Event | None = None) -> None:
        self.threads: list[list[threading.Thread]] = []
        self.hold = hold

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen: list[threading.Thread] = []
        self.threads.append(seen)
        seen.append(await sync_to_async(threading.current_thread)())
        if self.hold is not None:
            await self.hold.wait()
        seen.append(await sync_to_async(threading.current_thread)())


def _http() -> dict[str, Any]:
    return {"type": "http", "method": "GET", "path": "/"}


async def test_one_kept_thread_serves_each_request_and_the_next() -> None:
    app = ThreadRecorder()
    kept = KeptRequestThreads(app, size=2)
    for _ in range(3):
        await kept(_http(), None, None)
    threads = {thread for seen in app.threads for thread in seen}
    assert len(threads) == 1
    assert next(iter(threads)).name.startswith(THREAD_NAME_PREFIX)


async def test_requests_beyond_the_kept_threads_get_their_own_instead_of_waiting() -> None:
    hold = asyncio.Event()
    app = ThreadRecorder(hold)
    kept = KeptRequestThreads(app, size=1)
    first = asyncio.create_task(kept(_http(), None, None))
    second = asyncio.create_task(kept(_http(), None, None))
    while len(app.threads) < 2 or not all(app.threads):
        await asyncio.sleep(0.01)  # both requests started while the first holds its thread
    hold.set()
    await asyncio.wait_for(asyncio.gather(first, second), 5)
    one, other = app.threads
    assert one[0] is one[1]
    assert other[0] is other[1]
    assert one[0] is not other[0]
    assert one[0].name.startswith(THREAD_NAME_PREFIX)
    assert not other[0].name.startswith(THREAD_NAME_PREFIX)
    await kept(_http(), None, None)
    assert app.threads[-1][0] is one[0]  # given back once the request ended


async def test_a_failing_request_gives_its_thread_back() -> None:
    async def failing(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await sync_to_async(threading.current_thread)()
        raise RuntimeError("the view failed")

    kept = KeptRequestThreads(failing, size=1)
    with pytest.raises(RuntimeError):
        await kept(_http(), None, None)
    assert kept._idle
    assert kept._made == 1


async def test_websockets_never_hold_a_kept_thread() -> None:
    app = ThreadRecorder()
    kept = KeptRequestThreads(app, size=1)
    await kept({"type": "websocket", "path": "/ws/"}, None, None)
    assert not app.threads[0][0].name.startswith(THREAD_NAME_PREFIX)
    assert kept._made == 0


@pytest.mark.django_db(transaction=True)
async def test_the_real_application_keeps_the_request_thread_and_its_connection() -> None:
    from config.asgi import application

    seen: list[tuple[threading.Thread, object]] = []

    def note(**kwargs: Any) -> None:  # request_finished runs on the request's thread
        connection.ensure_connection()
        seen.append((threading.current_thread(), connection.connection))

    request_finished.connect(note)
    try:
        for _ in range(2):
            communicator = HttpCommunicator(application, "GET", "/accounts/login/", headers=[(b"host", b"localhost")])
            assert (await communicator.get_response())["status"] == 200
            await communicator.wait(5)  # the request is over once its response is closed
    finally:
        request_finished.disconnect(note)
    (thread, first_connection), (same_thread, second_connection) = seen
    assert same_thread is thread
    assert thread.name.startswith(THREAD_NAME_PREFIX)
    if await sync_to_async(lambda: connection.settings_dict["CONN_MAX_AGE"])():
        # PostgreSQL keeps connections (DB_CONN_MAX_AGE): the second request used the first's.
        assert second_connection is first_connection
