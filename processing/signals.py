"""What the run engine tells the rest of the product, without importing it.

`run_ended` is sent once per run, by whichever writer won the compare-and-set that
recorded its final status (the run itself, a cancel of a dead run, the sweeper),
from a worker thread after that status is committed: receivers may use the ORM and
block briefly, never the event loop. Keyword arguments: run_id, user_id, status.
"""

from __future__ import annotations

import asyncio
import logging

from django.dispatch import Signal

from processing.db import run_db

logger = logging.getLogger("jobtrail.runs")

run_ended = Signal()


def announce_run_ended(run_id: int, user_id: int, status: str) -> None:
    """Call every receiver; one that fails is logged and never fails the run or the others."""
    from processing.models import ProcessingRun

    for receiver, result in run_ended.send_robust(ProcessingRun, run_id=run_id, user_id=user_id, status=status):
        if isinstance(result, Exception):
            logger.error(
                "run %s of user %s: %r failed after the run ended",
                run_id,
                user_id,
                receiver,
                exc_info=(type(result), result, result.__traceback__),
            )


#: Run-end announcements in flight (strong references: a task nobody holds can vanish).
_announcing: set[asyncio.Task[None]] = set()


def announce_soon(run_id: int, user_id: int, status: str) -> None:
    """Tell the listeners (the e-mail digest) that a run ended, without making the run wait.

    The listeners run in a thread and may talk to a mail server for seconds; the run's end,
    its handle and a cancel waiting for it must not wait for that (nor for a free thread).
    """
    task = asyncio.ensure_future(run_db(announce_run_ended, run_id, user_id, status))
    _announcing.add(task)
    task.add_done_callback(_announcing.discard)


async def announcements_sent() -> None:
    """Wait for the run-end announcements started so far (tests, and a graceful shutdown)."""
    while _announcing:
        await asyncio.gather(*_announcing, return_exceptions=True)
