"""The heartbeat: proof that the process owning a run is alive (see Heartbeat)."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from processing.models import ProcessingRun, RunStatus
from processing.registry import OWNER_ID, registry

logger = logging.getLogger("jobtrail.runs")


class Heartbeat:
    """Refreshes `heartbeat_at` of every run of this process, from a thread.

    Liveness is "the process is alive", not "its event loop is responsive": the
    sweeper (of any process) interrupts a run whose heartbeat is older than the
    lease, and a loop held up for a while (a blocking call, a long garbage
    collection, a debugger) must not get a live run interrupted. A thread keeps
    beating as long as the process lives, whatever the loop does; the beat is one
    UPDATE for all of the process's runs. A run keeps beating while it cleans up
    after a cancel, so the sweeper never interrupts its last batch write.
    """

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self.beats = 0

    def ensure_running(self) -> None:
        """Called for each new run: it gets a beat now, and the interval is read afresh."""
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="jobtrail-heartbeat", daemon=True)
                self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        failing = False
        while True:
            self._wake.wait(settings.HEARTBEAT_SECONDS)
            self._wake.clear()
            run_ids = registry.run_ids()
            if not run_ids:
                continue
            try:
                close_old_connections()
                beat(run_ids)
                self.beats += 1
                failing = False
            except DatabaseError:
                if not failing:  # once per outage, not every beat
                    logger.warning("heartbeat: database unavailable", exc_info=True)
                failing = True
            except Exception:
                logger.exception("heartbeat failed")


def beat(run_ids: list[int]) -> int:
    return ProcessingRun.objects.filter(pk__in=run_ids, owner=OWNER_ID, status=RunStatus.STARTED).update(
        heartbeat_at=timezone.now()
    )


heartbeat = Heartbeat()
