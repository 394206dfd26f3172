"""Claimers racing in threads, for the tests of SKIP LOCKED claims on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db import connections

T = TypeVar("T")


def claim_concurrently(claim_pass: Callable[[int], list[T]], claimers: int = 2) -> list[list[T]]:
    """Run `claim_pass(index)` in `claimers` threads started together, each until a pass claims
    nothing; returns what each claimer took. Small passes keep them at work on the same rows."""
    claims: list[list[T]] = [[] for _ in range(claimers)]
    barrier = threading.Barrier(claimers)

    def claimer(index: int) -> None:
        try:
            barrier.wait()
            while batch := claim_pass(index):
                claims[index].extend(batch)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claimer, args=(index,)) for index in range(claimers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return claims
