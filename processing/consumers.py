"""Live pages, pushed as HTML fragments over one websocket per page.

The processing page (the default) gets its own `#progress` partial, whose top-level
elements carry the ids of the page's regions and `hx-swap-oob`, so the htmx ws
extension swaps them in place. The dashboard (`?view=dashboard`) gets its Today
panel and chart, the board (`?view=board`) a marker that makes it reload, and any
other page (`?view=page`) only the toast after a run found something important.
Fragments are rendered from the database, not from the event's numbers: a lost
event is repaired by the next one, and a (re)connect resynchronises the page.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import parse_qs

from channels.generic.websocket import AsyncWebsocketConsumer

from planner import live
from processing.db import run_db
from processing.events import user_group
from processing.presenters import render_progress

#: Seconds between two dashboard renders during a run: progress events come every
#: PROGRESS_INTERVAL, and a heavy user's dashboard costs tens of milliseconds.
DASHBOARD_INTERVAL = 1.0


class ProcessingConsumer(AsyncWebsocketConsumer):
    """Joins the user's group; each run event becomes a fresh fragment from the database."""

    user_id: int
    group: str
    view: str = "processing"

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.user_id = user.pk
        self.group = user_group(self.user_id)
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        view = (query.get("view") or ["processing"])[0]
        self.view = view if view in live.PAGE_VIEWS else "processing"
        self._pending: asyncio.Task[None] | None = None
        self._last_sent = 0.0
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        # Resynchronise on (re)connect: the page may have missed events.
        await self.send_fragment()

    async def disconnect(self, code: int) -> None:
        pending = getattr(self, "_pending", None)
        if pending is not None:
            pending.cancel()
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        # The page sends nothing; ignore anything that arrives rather than fail.
        return None

    async def send_fragment(self) -> None:
        if self.view == "processing":
            await self.send(text_data=await run_db(render_progress, self.user_id))
        elif self.view == "dashboard":
            await self.send(text_data=await run_db(live.render_dashboard, self.user_id))
        elif self.view == "board":
            await self.send(text_data=await run_db(live.render_board_marker, self.user_id))
        self._last_sent = asyncio.get_running_loop().time()

    async def _send_soon(self) -> None:
        """At most one render per DASHBOARD_INTERVAL; events in between are folded into it."""
        if self._pending is not None:
            return
        delay = max(0.0, self._last_sent + DASHBOARD_INTERVAL - asyncio.get_running_loop().time())
        self._pending = asyncio.create_task(self._send_after(delay))

    async def _send_after(self, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
            await self.send_fragment()
        finally:
            self._pending = None

    async def run_progress(self, event: dict[str, Any]) -> None:
        if self.view == "processing":
            await self.send_fragment()
        elif self.view != "page":
            await self._send_soon()

    async def run_finished(self, event: dict[str, Any]) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        toast = await run_db(live.render_notification, event["run_id"], self.user_id)
        await self.send_fragment()
        if toast:
            await self.send(text_data=toast)
