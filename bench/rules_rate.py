"""Section 9: how fast does a rules-only run read an mbox, and does its memory stay flat?

`manage.py process_mail --source mbox --classifier rules --wait` (production settings,
as in section 5) runs in its own process on a generated mbox of 200 and of 2,000
emails. Measured for each:

* emails/s over the whole command (interpreter and Django start included, as a user
  waits for it), and over the run itself (its started_at to finished_at);
* CPU time (user + system) of the whole process tree: the command, the forkserver and
  the worker processes. This bench process makes itself the tree's reaper
  (PR_SET_CHILD_SUBREAPER), so the workers, whose parent is the forkserver, are
  reaped here and their CPU time is counted; it depends much less than wall time on
  other work on the machine;
* peak RSS of the command's own process (wait4's ru_maxrss, as in section 5).
"""

from __future__ import annotations

import ctypes
import os
import resource
import time
from dataclasses import dataclass
from pathlib import Path

from bench.harness import Scale
from bench.memory import measure, over_mailboxes, rss_ratio_row
from bench.report import Row, at_least

SECTION = "9. Rules-only mbox run"
PR_SET_CHILD_SUBREAPER = 36
#: The issue's target for 2,000 emails on the 2-core machine.
TARGET_RATE = 250.0


@dataclass
class Figures:
    emails: int
    seconds: float
    run_seconds: float
    cpu_seconds: float
    rss_bytes: int

    @property
    def rate(self) -> float:
        return self.emails / self.seconds

    @property
    def run_rate(self) -> float:
        return self.emails / self.run_seconds if self.run_seconds > 0 else float("nan")

    @property
    def cpu_ms_per_email(self) -> float:
        return self.cpu_seconds / self.emails * 1000


def _reap_orphans(deadline: float) -> None:
    """Wait for the tree's orphans (the workers end when their pipe closes)."""
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.02)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_seconds(email: str) -> float:
    from processing.models import ProcessingRun

    run = ProcessingRun.objects.filter(user__email=email).latest("pk")
    assert run.finished_at is not None
    return (run.finished_at - run.started_at).total_seconds()


def measure_tree(email: str, mbox: Path, emails: int) -> Figures:
    cpu_before = _children_cpu()
    peak = measure(email, mbox, emails)
    _reap_orphans(time.monotonic() + 15)
    return Figures(emails, peak.seconds, _run_seconds(email), _children_cpu() - cpu_before, peak.rss_bytes)


def run(scale: Scale) -> list[Row]:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")
    figures = over_mailboxes(
        "rules", (scale.rate_small, scale.rate_large), "process_mail --classifier rules", measure_tree
    )
    small, large = figures
    ratio = large.rss_bytes / small.rss_bytes
    mib = 1024 * 1024
    rows = [
        Row(
            SECTION,
            f"{f.emails:,} emails, process_mail start to end",
            f"{f.rate:.0f} emails/s ({f.seconds:.1f} s)",
            f.rate,
            f"≥ {TARGET_RATE:.0f} emails/s" if f is large else "",
            at_least(f.rate, TARGET_RATE) if f is large else None,
            note=f"the run alone: {f.run_rate:.0f} emails/s ({f.run_seconds:.1f} s); "
            f"CPU of the process tree {f.cpu_seconds:.1f} s = {f.cpu_ms_per_email:.2f} ms per email",
        )
        for f in figures
    ]
    rows.append(
        rss_ratio_row(
            SECTION,
            small.emails,
            large.emails,
            ratio,
            f"{small.rss_bytes / mib:.0f} vs {large.rss_bytes / mib:.0f} MiB; rules classifier, DEBUG off, "
            f"SQLite, Redis channel layer, {os.cpu_count()} CPUs",
        )
    )
    return rows
