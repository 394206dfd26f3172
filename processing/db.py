"""Running ORM work from the event loop without blocking it."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from asgiref.sync import sync_to_async
from django.db import close_old_connections

P = ParamSpec("P")
R = TypeVar("R")


def _with_fresh_connection(func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    # Worker threads outlive requests, so Django's request signals never recycle
    # their connections: drop broken or expired ones before each unit of work.
    close_old_connections()
    return func(*args, **kwargs)


async def run_db(func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run `func` in a worker thread (not the single thread-sensitive one).

    Runs of different users write concurrently; funnelling all of them through
    asgiref's one thread-sensitive executor would serialise every run and every
    page load behind each other.
    """
    return await sync_to_async(_with_fresh_connection, thread_sensitive=False)(func, *args, **kwargs)
