"""Live progress for the processing page, pushed as HTML fragments.

Each fragment is the page's own `#progress` partial, whose top-level elements
carry the ids of the page's regions and `hx-swap-oob`, so the htmx ws extension
swaps them in place. Fragments are rendered from the database, not from the
event's numbers: a lost event is repaired by the next one, and a (re)connect
resynchronises the page.

A socket pushes only while its session is valid, and one render serves every
socket of the user (processing.sockets).
"""

from __future__ import annotations

from typing import Any

from channels.generic.websocket import AsyncWebsocketConsumer

from processing import sockets
from processing.db import run_db
from processing.events import user_group
from processing.presenters import render_progress


class ProcessingConsumer(AsyncWebsocketConsumer):
    """Joins the user's group; each run event becomes a fragment from the database."""

    user_id: int
    group: str
    session_key: str
    ended = False

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
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        # Resynchronise on (re)connect: the page may have missed events.
        await self.send(text_data=await run_db(render_progress, self.user_id))

    async def disconnect(self, code: int) -> None:
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

    async def push(self, event: dict[str, Any]) -> None:
        if self.ended or not await self._session_valid(event):
            return
        fragment = await sockets.registry.renders.get(
            self.user_id, event.get("event_id"), lambda: run_db(render_progress, self.user_id)
        )
        if not self.ended:  # the session may have ended while the fragment was rendered
            await self.send(text_data=fragment)

    async def run_progress(self, event: dict[str, Any]) -> None:
        await self.push(event)

    async def run_finished(self, event: dict[str, Any]) -> None:
        await self.push(event)

    async def session_end(self, event: dict[str, Any]) -> None:
        if self.ended:
            return
        if event.get("session_key") == self.session_key:
            await self._end()  # logout: this session is being flushed right now
        else:
            await self._session_valid(event)
