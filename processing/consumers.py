"""Live pages, pushed as HTML fragments over one websocket per page.

The processing page (the default) gets its own `#progress` partial, whose top-level
elements carry the ids of the page's regions and `hx-swap-oob`, so the htmx ws
extension swaps them in place. The dashboard (`?view=dashboard`) gets its Today
panel and chart, the board (`?view=board`) a marker that makes it reload, and any
other page (`?view=page`) only the toast after a run found something important.
Those pages and the toast are planner's (planner/live.py), registered here from its
`ready()`: planner is above processing (pyproject.toml's layers). Fragments are
rendered from the database, not from the event's numbers: a lost event is repaired by
the next one, and a (re)connect resynchronises the page.

A socket pushes only while its session is valid, and one render serves every
socket of the user showing the same view (processing.sockets).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

from channels.generic.websocket import AsyncWebsocketConsumer

from processing import sockets
from processing.db import run_db
from processing.events import user_group
from processing.presenters import render_progress

#: Seconds between two dashboard renders during a run: progress events come every
#: PROGRESS_INTERVAL, and a heavy user's dashboard costs tens of milliseconds.
DASHBOARD_INTERVAL = 1.0

#: The pages other than the processing page (`?view=`), each with the fragment a run
#: event makes it push; None for a page that only shows the toast.
_pages: dict[str, Callable[[int], str] | None] = {}
#: What every page shows first after a run: `render(run_id, user_id)`, "" for nothing.
_notifications: list[Callable[[int, int], str]] = []


def add_page(view: str, render: Callable[[int], str] | None) -> None:
    _pages[view] = render


def add_notification(render: Callable[[int, int], str]) -> None:
    if render not in _notifications:
        _notifications.append(render)


def _notification(run_id: int, user_id: int) -> str:
    return "".join(render(run_id, user_id) for render in _notifications)


class ProcessingConsumer(AsyncWebsocketConsumer):
    """Joins the user's group; each run event becomes a fragment from the database."""

    user_id: int
    group: str
    session_key: str
    ended = False
    view = "processing"
    _pending: asyncio.Task[None] | None = None
    _last_sent = 0.0

    async def connect(self) -> None:
        user = self.scope.get("user")
        session = self.scope.get("session")
        session_key = getattr(session, "session_key", None)
        # No session, no way to re-check it later: refused like an anonymous socket.
        if user is None or not user.is_authenticated or not session_key:
            await self.close(code=sockets.CLOSE_SESSION_ENDED)
            return
        if not sockets.registry.add(user.pk, self.channel_name, session_key):
            # Accepted, then closed: a refused handshake would reach the browser without the reason.
            self.ended = True
            await self.accept()
            await self.close(code=sockets.CLOSE_TOO_MANY, reason=sockets.TOO_MANY_REASON)
            return
        self.user_id, self.session_key = user.pk, session_key
        self.group = user_group(self.user_id)
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        view = (query.get("view") or ["processing"])[0]
        self.view = view if view in _pages else "processing"
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        # Resynchronise on (re)connect: the page may have missed events.
        await self._send_render(None)

    async def disconnect(self, code: int) -> None:
        if self._pending is not None:
            self._pending.cancel()
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)
            sockets.registry.discard(self.user_id, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        # The page sends nothing; ignore anything that arrives rather than fail.
        return None

    async def _end(self) -> None:
        if not self.ended:
            self.ended = True
            await self.close(code=sockets.CLOSE_SESSION_ENDED)

    async def _session_valid(self, event: dict[str, Any]) -> bool:
        valid = await sockets.registry.sessions.get(
            self.session_key,
            event.get("event_id"),
            lambda: run_db(sockets.session_is_valid, self.session_key, self.user_id),
        )
        if not valid:
            await self._end()
        return valid

    async def _send_render(self, event_id: str | None, before: str = "") -> None:
        """This view's fragment, rendered once per event for all the user's sockets showing it.

        `before` goes first in the same message (the toast after a run): the processing page
        leaves for the dashboard on the fragment, and its readers expect one per message.
        """
        render = render_progress if self.view == "processing" else _pages.get(self.view)
        fragment = ""
        if render is not None:  # "page" has nothing to resynchronise
            fragment = await sockets.registry.renders.get(
                (self.user_id, self.view), event_id, lambda: run_db(render, self.user_id)
            )
        if (before or fragment) and not self.ended:  # the session may have ended meanwhile
            await self.send(text_data=before + fragment)
            self._last_sent = asyncio.get_running_loop().time()

    async def push(self, event: dict[str, Any]) -> None:
        if self.ended or not await self._session_valid(event):
            return
        if self.view == "processing":
            await self._send_render(event.get("event_id"))
        elif self.view != "page" and self._pending is None:
            # At most one render per DASHBOARD_INTERVAL; the events in between fold into it.
            delay = max(0.0, self._last_sent + DASHBOARD_INTERVAL - asyncio.get_running_loop().time())
            self._pending = asyncio.create_task(self._send_after(delay, event.get("event_id")))

    async def _send_after(self, delay: float, event_id: str | None) -> None:
        try:
            await asyncio.sleep(delay)
            await self._send_render(event_id)
        finally:
            self._pending = None

    async def run_progress(self, event: dict[str, Any]) -> None:
        await self.push(event)

    async def run_finished(self, event: dict[str, Any]) -> None:
        if self.ended or not await self._session_valid(event):
            return
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        toast = await sockets.registry.renders.get(
            (self.user_id, "toast"),
            event.get("event_id"),
            lambda: run_db(_notification, event["run_id"], self.user_id),
        )
        await self._send_render(event.get("event_id"), before=toast)

    async def session_end(self, event: dict[str, Any]) -> None:
        if self.ended:
            return
        if event.get("session_key") == self.session_key:
            await self._end()  # logout: this session is being flushed right now
        else:
            await self._session_valid(event)
