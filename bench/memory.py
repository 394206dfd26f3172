"""Section 5: does a run's memory stay flat as the mailbox grows?

`manage.py process_mail --source mbox --wait` (rules classifier, production
settings: DEBUG off) runs in its own process on a generated mbox of 1,000 and of
10,000 emails; its peak resident set size comes from the kernel's accounting of
the finished child (wait4's ru_maxrss), so nothing is sampled or missed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from bench.corpus import write_mbox
from bench.harness import Scale, make_user, say
from bench.report import Row, at_most

T = TypeVar("T")

SECTION = "5. Memory"
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Peak:
    emails: int
    mbox_bytes: int
    rss_bytes: int
    seconds: float
    output: str


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    # Production settings: with DEBUG on, Django keeps the last 9,000 queries of every
    # connection in memory, which is a development aid, not the run's footprint.
    env.update(
        DEBUG="false",
        SECRET_KEY="bench-memory-secret-key-not-used-for-anything-else",
        ALLOWED_HOSTS="127.0.0.1",
        USE_HTTPS="false",
    )
    return env


def measure(email: str, mbox: Path, emails: int) -> Peak:
    command = [
        sys.executable,
        "manage.py",
        "process_mail",
        "--user",
        email,
        "--source",
        "mbox",
        "--mbox",
        str(mbox),
        "--classifier",
        "rules",
        "--wait",
    ]
    started = time.monotonic()
    process = subprocess.Popen(
        command, cwd=ROOT, env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    output = process.stdout.read()
    # wait4 reports this child's own peak RSS (kilobytes on Linux), measured by the kernel.
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    if process.returncode != 0 or f"processed={emails} " not in output:
        raise RuntimeError(f"process_mail failed ({process.returncode}): {output.strip()[-500:]}")
    return Peak(emails, mbox.stat().st_size, usage.ru_maxrss * 1024, seconds, output.strip().splitlines()[-1])


def over_mailboxes(name: str, counts: Sequence[int], what: str, measure_one: Callable[[str, Path, int], T]) -> list[T]:
    """`measure_one(user's email, mbox, count)` over a generated mbox of each size, one user each."""
    workdir = Path(os.environ.get("BENCH_WORKDIR") or "/tmp")
    results = []
    for count in counts:
        mbox = workdir / f"{name}-{count}.mbox"
        say(f"writing {count:,} emails to {mbox.name}")
        write_mbox(mbox, count, seed=count)
        user = make_user(f"{name}-{count}@bench.example")
        say(f"{what} on {count:,} emails")
        results.append(measure_one(user.email, mbox, count))
        mbox.unlink()
    return results


def rss_ratio_row(section: str, small: int, large: int, ratio: float, note: str) -> Row:
    """The target row: peak RSS of the larger mailbox over the smaller one's, at most 1.5×."""
    return Row(
        section,
        f"peak RSS {large:,} vs {small:,} emails",
        f"{ratio:.2f}×",
        ratio,
        "≤ 1.5×",
        at_most(ratio, 1.5),
        note=note,
    )


def run(scale: Scale) -> list[Row]:
    small, large = over_mailboxes("memory", (scale.memory_small, scale.memory_large), "process_mail", measure)
    ratio = large.rss_bytes / small.rss_bytes
    mib = 1024 * 1024
    return [
        Row(
            SECTION,
            f"peak RSS of process_mail, {small.emails:,} emails",
            f"{small.rss_bytes / mib:.0f} MiB",
            small.rss_bytes / mib,
            note=f"{small.mbox_bytes / mib:.1f} MiB mbox, {small.seconds:.1f} s, rules classifier",
        ),
        Row(
            SECTION,
            f"peak RSS of process_mail, {large.emails:,} emails",
            f"{large.rss_bytes / mib:.0f} MiB",
            large.rss_bytes / mib,
            note=f"{large.mbox_bytes / mib:.1f} MiB mbox, {large.seconds:.1f} s "
            f"({large.emails / large.seconds:.0f} emails/s)",
        ),
        rss_ratio_row(SECTION, small.emails, large.emails, ratio, "DEBUG off, SQLite, Redis channel layer"),
    ]
