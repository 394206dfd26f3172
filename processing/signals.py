"""What the run engine tells the rest of the product, without importing it.

`run_ended` is sent once per run, by whichever writer won the compare-and-set that
recorded its final status (the run itself, a cancel of a dead run, the sweeper),
from a worker thread after that status is committed: receivers may use the ORM and
block briefly, never the event loop. Keyword arguments: run_id, user_id, status.
"""

from __future__ import annotations

import logging

from django.dispatch import Signal

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
