"""Channel-layer group names and the events a run sends.

Group names come from these helpers only, so the sender and the consumers can
never disagree on them.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

from channels.layers import get_channel_layer

from processing.registry import owner_token

logger = logging.getLogger("jobtrail.events")

#: Seconds a best-effort send may take before it is given up.
SEND_TIMEOUT = 1.0


def user_group(user_id: int) -> str:
    """Every browser tab of one user listens here for that user's run events."""
    return f"processing.user.{user_id}"


def owner_group(owner: str) -> str:
    """The process that owns a run listens here for cancels sent from other processes."""
    return f"processing.owner.{owner_token(owner)}"


def offers_group() -> str:
    """Every process that takes waiting runs listens here for runs offered by the others."""
    return "processing.offers"


def progress_event(run_id: int) -> dict[str, Any]:
    """The `run.progress` event, from the pipeline and from a run waiting for a slot.

    It carries no numbers: the consumers re-render the progress partial from the
    database, so a lost or late event cannot show stale ones.
    """
    return {"type": "run.progress", "run_id": run_id}


def finished_event(run_id: int) -> dict[str, Any]:
    """The `run.finished` event: the consumers re-render the final state from the database."""
    return {"type": "run.finished", "run_id": run_id}


async def send_to_group(group: str, message: dict[str, Any]) -> bool:
    """Send, logging (not raising) when the layer is down: events are best-effort.

    Durable state lives in the database; a lost progress event is repaired by the
    next one or by the page's resynchronisation, a lost cancel by the durable flag.
    """
    layer = get_channel_layer()
    if layer is None:
        return False
    # Every socket of the group receives this one event: its id lets them share one
    # render of the fragment instead of one each (processing.sockets.Shared).
    message = {**message, "event_id": message.get("event_id") or uuid.uuid4().hex}
    try:
        # Bounded: an unreachable Redis must not hold up a cancel or a run.
        async with asyncio.timeout(SEND_TIMEOUT):
            await layer.group_send(group, message)
    except Exception:  # the layer is optional infrastructure: any failure is logged
        logger.warning("could not send %s to %s", message.get("type"), group, exc_info=True)
        return False
    return True
