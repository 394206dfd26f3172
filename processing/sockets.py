"""The processing page's websockets: who may keep one open, and what each event costs.

Three rules, all per daphne process (each process knows only its own sockets):

- **A socket lives only as long as its session.** `close_user_sockets` tells a user's
  sockets to end (logout, password change, account deletion, sessions ended elsewhere);
  before every push a socket re-reads its session from the session store and closes,
  sending nothing, if the session is gone, belongs to someone else or was signed with an
  old password.
- **At most `WEBSOCKETS_PER_USER` sockets per user**; one more is accepted and closed at
  once with `CLOSE_TOO_MANY` and a reason, so the browser learns why.
- **One render per event, not one per socket.** Every socket of a user receives the same
  event; the first one to handle it renders the fragment and checks its session, the others
  await that same result (`Shared`). 300 tabs cost one render per event, not 300.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from importlib import import_module
from typing import Any, Generic, TypeVar

from asgiref.sync import async_to_sync
from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.db import transaction
from django.utils.crypto import constant_time_compare

from processing import events

logger = logging.getLogger("jobtrail.sockets")

#: Close code for a socket whose session ended (logout, password change, deleted account).
CLOSE_SESSION_ENDED = 4401
#: Close code for a socket beyond the per-user limit (mirrors HTTP 429).
CLOSE_TOO_MANY = 4429
TOO_MANY_REASON = "Too many open Jobtrail pages: close some tabs and reload this one."

#: The channel-layer message that ends sockets (see ProcessingConsumer.session_end).
SESSION_END = "session.end"

T = TypeVar("T")


class Shared(Generic[T]):
    """The latest result per key, computed once for all sockets that handle the same event.

    Events reach a user's sockets one after another; each asks for (key, event id). The
    first starts the work, the others await the same task. Only the latest event per key
    is kept: a socket lagging behind on an older event computes its own result, which is
    correct, only not shared.
    """

    def __init__(self) -> None:
        self._latest: dict[Any, tuple[str, asyncio.Task[T]]] = {}
        self.computed = 0  # how many times the work ran (read by tests and bench)

    def get(self, key: Any, event: str | None, work: Callable[[], Awaitable[T]]) -> Awaitable[T]:
        if event is None:  # an event sent without an id (not through send_to_group)
            self.computed += 1
            return work()
        latest = self._latest.get(key)
        if latest is not None and latest[0] == event:
            return asyncio.shield(latest[1])
        self.computed += 1
        task: asyncio.Task[T] = asyncio.ensure_future(work())
        self._latest[key] = (event, task)
        # Awaiters share it: a socket that disconnects mid-render must not cancel the others' render.
        return asyncio.shield(task)

    def forget(self, key: Any) -> None:
        self._latest.pop(key, None)

    def forget_user(self, user_id: int) -> None:
        """Every result keyed by (user id, view) for this user."""
        for key in [key for key in self._latest if isinstance(key, tuple) and key[0] == user_id]:
            self.forget(key)


class SocketRegistry:
    """This process's open processing sockets, per user: the cap, and when to forget shared results."""

    def __init__(self) -> None:
        self._by_user: dict[int, dict[str, str]] = {}  # user id -> {channel name: session key}
        self.renders: Shared[str] = Shared()
        self.sessions: Shared[bool] = Shared()

    def add(self, user_id: int, channel: str, session_key: str) -> bool:
        """Register a socket; False when the user already has the most allowed."""
        sockets = self._by_user.setdefault(user_id, {})
        if len(sockets) >= int(settings.WEBSOCKETS_PER_USER):
            return False
        sockets[channel] = session_key
        return True

    def discard(self, user_id: int, channel: str) -> None:
        sockets = self._by_user.get(user_id, {})
        session_key = sockets.pop(channel, None)
        if session_key is not None and session_key not in sockets.values():
            self.sessions.forget(session_key)
        if not sockets:
            self._by_user.pop(user_id, None)
            self.renders.forget_user(user_id)

    def count(self, user_id: int) -> int:
        return len(self._by_user.get(user_id, {}))


registry = SocketRegistry()


def session_is_valid(session_key: str, user_id: int) -> bool:
    """Does this session still sign in this user, as Django's own get_user would decide?

    Read fresh from the session store: the copy the socket loaded at its handshake does not
    see a logout (flush), a password change (the stored hash no longer matches) or a
    deleted or deactivated user.
    """
    from accounts.models import User

    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    data = store.load()  # {} when the session is gone or expired
    if str(data.get(SESSION_KEY, "")) != str(user_id):
        return False
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    stored = data.get(HASH_SESSION_KEY)
    return bool(stored) and constant_time_compare(str(stored), user.get_session_auth_hash())


async def aclose_user_sockets(user_id: int, *, session_key: str | None = None) -> None:
    """End a user's websockets: those of `session_key`, and every one whose session is no longer valid.

    Sockets whose session is still valid stay open (a password change keeps the session
    that changed it). Call it after the change is saved (sessions flushed or deleted).
    """
    message: dict[str, Any] = {"type": SESSION_END, "session_key": session_key}
    await events.send_to_group(events.user_group(user_id), message)


def close_user_sockets(user_id: int, *, session_key: str | None = None) -> None:
    """`aclose_user_sockets` for synchronous code, sent once the current transaction commits."""

    def send() -> None:
        async_to_sync(aclose_user_sockets)(user_id, session_key=session_key)

    transaction.on_commit(send)
