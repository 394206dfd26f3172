"""The write gate: SQLite's writers of one process queue and urgent writes go first;
PostgreSQL's run side by side, and batches wait for the urgent writes in progress."""

from __future__ import annotations

import threading
import time

from processing.db import WriteGate


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
    gate = WriteGate(vendor="sqlite")
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
    gate = WriteGate(vendor="sqlite")
    with gate.writing(), gate.writing(urgent=True), gate.writing():
        pass
    other: list[str] = []
    _writer(gate, "after", other).join(5)
    assert other == ["after"]


# PostgreSQL: writers run side by side, but batches wait for the urgent writes in progress.


def test_on_postgresql_a_batch_waits_for_the_urgent_write_in_progress() -> None:
    gate = WriteGate(vendor="postgresql")
    order: list[str] = []
    with gate.writing(urgent=True):  # a cancelled run's final write
        batch = _writer(gate, "batch", order)
        _wait_until_waiting(gate, 1)
        other_final = _writer(gate, "another final status", order, urgent=True)
        other_final.join(5)  # urgent writes do not wait for each other
        order.append("final status")
    batch.join(5)
    assert order == ["another final status", "final status", "batch"]


def test_on_postgresql_batches_run_side_by_side_and_never_hold_an_urgent_write() -> None:
    gate = WriteGate(vendor="postgresql")
    order: list[str] = []
    with gate.writing(), gate.writing():  # batches in progress
        _writer(gate, "batch", order).join(5)
        _writer(gate, "final status", order, urgent=True).join(5)
    assert order == ["batch", "final status"]


def test_on_postgresql_a_batch_waits_for_an_urgent_write_only_so_long() -> None:
    gate = WriteGate(vendor="postgresql")
    gate.URGENT_HOLD_SECONDS = 0.05
    order: list[str] = []
    with gate.writing(urgent=True):
        started = time.monotonic()
        _writer(gate, "batch", order).join(5)
        waited = time.monotonic() - started
    assert order == ["batch"]
    assert 0.04 < waited < 4


def test_on_postgresql_a_write_inside_an_urgent_one_of_the_same_thread_never_waits() -> None:
    gate = WriteGate(vendor="postgresql")
    gate.URGENT_HOLD_SECONDS = 30
    started = time.monotonic()
    with gate.writing(urgent=True), gate.writing():  # a cancelled run's last batch, inside its final write
        pass
    assert time.monotonic() - started < 5
    other: list[str] = []
    _writer(gate, "after", other).join(5)  # the urgent write is over: nothing waits
    assert other == ["after"]
