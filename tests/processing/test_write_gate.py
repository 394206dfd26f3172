"""SQLite's writers of one process queue at the gate, and urgent writes go first."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from processing.db import WriteGate

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="the gate only orders SQLite's writers")


def _writer(gate: WriteGate, name: str, order: list[str], *, urgent: bool = False) -> threading.Thread:
    def write() -> None:
        with gate.writing(urgent=urgent):
            order.append(name)

    thread = threading.Thread(target=write)
    thread.start()
    return thread


def _wait_until_waiting(gate: WriteGate, count: int) -> None:
    deadline = time.monotonic() + 5
    while len(gate._condition._waiters) < count:  # type: ignore[attr-defined]
        assert time.monotonic() < deadline, "the writers never queued"
        time.sleep(0.001)


def test_an_urgent_write_goes_before_the_batches_waiting() -> None:
    gate = WriteGate()
    order: list[str] = []
    with gate.writing():  # a batch in progress
        batches = [_writer(gate, f"batch {index}", order) for index in range(3)]
        _wait_until_waiting(gate, 3)
        final = _writer(gate, "final status", order, urgent=True)
        _wait_until_waiting(gate, 4)
        order.append("in progress")
    for thread in [*batches, final]:
        thread.join(5)
    assert order[:2] == ["in progress", "final status"]
    assert sorted(order[2:]) == ["batch 0", "batch 1", "batch 2"]


def test_a_thread_holding_the_gate_can_write_again_inside() -> None:
    gate = WriteGate()
    with gate.writing(), gate.writing(urgent=True), gate.writing():
        pass
    other: list[str] = []
    _writer(gate, "after", other).join(5)
    assert other == ["after"]
