"""Live progress for the processing page, pushed as HTML fragments.

Each fragment is the page's own `#progress` partial, whose top-level elements
carry the ids of the page's regions and `hx-swap-oob`, so the htmx ws extension
swaps them in place. Fragments are rendered from the database, not from the
event's numbers: a lost event is repaired by the next one, and a (re)connect
resynchronises the page.
"""

from __future__ import annotations

from typing import Any

from channels.generic.websocket import AsyncWebsocketConsumer

from processing.db import run_db
from processing.events import user_group
from processing.presenters import render_progress


class ProcessingConsumer(AsyncWebsocketConsumer):
    """Joins the user's group; each run event becomes a fresh fragment from the database."""

    user_id: int
    group: str

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.user_id = user.pk
        self.group = user_group(self.user_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        # Resynchronise on (re)connect: the page may have missed events.
        await self.send_fragment()

    async def disconnect(self, code: int) -> None:
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        # The page sends nothing; ignore anything that arrives rather than fail.
        return None

    async def send_fragment(self) -> None:
        await self.send(text_data=await run_db(render_progress, self.user_id))

    async def run_progress(self, event: dict[str, Any]) -> None:
        await self.send_fragment()

    async def run_finished(self, event: dict[str, Any]) -> None:
        await self.send_fragment()
