"""What a worker process does with one message: parse, clean, classify by rules, build the prompt.

Runs in the worker pool's processes (processing.pool), never on the event loop. It reads
no Django settings (the pipeline passes them in a `Plan`) and returns a small picklable
`Reading`: the fields the pipeline stores and, when the LLM is to decide, its prompt;
never the message's body.
"""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.connection import Connection
from typing import Any

from jobmail.classify import Prepared, prepare
from jobmail.classify.rules import RulesClassifier
from jobmail.message import parse_message
from jobmail.signature import signature_role


@dataclass(frozen=True, slots=True)
class Plan:
    """How messages are classified, from the run's classifier and the settings."""

    llm: bool
    shortcut: bool
    budget_tokens: int


@dataclass(frozen=True, slots=True)
class Reading:
    """One message after its CPU work."""

    thread_id: str
    rfc822_message_id: str
    subject: str
    sender: str
    sender_email: str
    received_at: datetime | None
    snippet: str
    prepared: Prepared
    sender_role: str = ""


_rules: RulesClassifier | None = None


def _rules_classifier() -> RulesClassifier:
    global _rules
    if _rules is None:
        _rules = RulesClassifier()
    return _rules


def read_message(
    raw: bytes, provider_id: str, thread_id: str | None, internal_date: datetime | None, plan: Plan
) -> Reading:
    parsed = parse_message(raw, provider_id=provider_id, thread_id=thread_id, internal_date=internal_date)
    prepared = prepare(
        parsed, _rules_classifier(), llm=plan.llm, shortcut=plan.shortcut, budget_tokens=plan.budget_tokens
    )
    return Reading(
        thread_id=parsed.thread_id,
        rfc822_message_id=parsed.rfc822_message_id,
        subject=parsed.subject,
        sender=parsed.sender,
        sender_email=parsed.sender_email,
        received_at=parsed.received_at,
        snippet=parsed.snippet,
        prepared=prepared,
        sender_role=signature_role(parsed.body_text, parsed.sender_name, parsed.sender_email),
    )


_WARM_UP = (
    b"From: Acme Careers <careers@acme.example>\r\nSubject: Your application for Data Analyst\r\n"
    b"Date: Thu, 1 Oct 2026 09:00:00 +0200\r\nMessage-ID: <warm@acme.example>\r\n"
    b"Content-Type: text/html; charset=utf-8\r\n\r\n"
    b"<p>Hi Dana,</p><p>Thank you for applying to Acme. We will review your application.</p>"
)


def warm_up() -> None:
    """Fill the classifier's lazy caches (filter file, compiled patterns) outside any CPU limit."""
    read_message(_WARM_UP, "warm-up", None, None, Plan(llm=True, shortcut=False, budget_tokens=1500))


#: Workers run at a lower priority than the web process: on a machine whose cores they
#: keep busy, the kernel still runs the event loop, a request's thread and the heartbeat
#: as soon as they wake (a cancel or a page waited up to 200 ms for a core otherwise).
#: An idle machine gives them every free cycle all the same: niceness only orders
#: who runs first when both want a core, and the CPU limit counts CPU time, not wall time.
WORKER_NICENESS = 10


def serve(conn: Connection) -> None:
    """A worker's life: answer jobs until the pipe closes. See processing.pool."""
    os.nice(WORKER_NICENESS)
    # Ctrl-C in a terminal reaches the whole process group: the parent decides when
    # workers stop (it closes the pipe), not the signal.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGPROF, signal.SIG_DFL)  # over the CPU limit: the kernel ends the process
    warm_up()
    while True:
        try:
            func, calls, cpu_seconds = conn.recv()
        except (EOFError, OSError):
            return
        # One answer per call, sent as soon as it is ready: if a later call kills this
        # process, the parent already has the answers before it.
        for args in calls:
            signal.setitimer(signal.ITIMER_PROF, cpu_seconds)
            try:
                answer: tuple[str, Any] = ("ok", func(*args))
            except Exception as exc:  # the parent marks the message unreadable; this worker goes on
                answer = ("error", f"{type(exc).__name__}: {str(exc)[:200]}")
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
            conn.send(answer)
