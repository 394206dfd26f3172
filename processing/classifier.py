"""The classification strategy a run uses, configured from the settings."""

from __future__ import annotations

import asyncio
import threading
import weakref
from typing import TYPE_CHECKING

from django.conf import settings

from jobmail.classify import ClassificationStrategy, make_strategy
from jobmail.classify.result import Classification

if TYPE_CHECKING:
    from jobmail.classify.llm import LLMClassifier


def llm_options() -> dict[str, object]:
    """LLMClassifier's keyword arguments from the settings (OPENAI_*, LLM_TOKEN_BUDGET, LLM_MAX_COMPLETION_TOKENS)."""
    return {
        "api_key": settings.OPENAI_API_KEY,
        "base_url": settings.OPENAI_BASE_URL,
        "model": settings.OPENAI_MODEL,
        "timeout": settings.OPENAI_TIMEOUT,
        "budget_tokens": settings.LLM_TOKEN_BUDGET,
        "max_completion_tokens": settings.LLM_MAX_COMPLETION_TOKENS,
    }


#: One LLM client per event loop and configuration, shared by every run of the process:
#: building one costs 30-80 ms of CPU (the CA bundle) under the interpreter lock, twenty
#: runs starting at once paid it twenty times, and one connection pool serves the
#: process's LLM_CONCURRENCY requests (processing.admission.llm_turns) as well as twenty.
_shared: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[tuple[tuple[str, object], ...], LLMClassifier]] = (
    weakref.WeakKeyDictionary()
)
_shared_lock = threading.Lock()


def shared_llm(loop: asyncio.AbstractEventLoop) -> LLMClassifier:
    """The LLM classifier of the runs on `loop` (built on first use; may be called from a thread)."""
    from jobmail.classify.llm import LLMClassifier

    options = llm_options()
    key = tuple(sorted(options.items()))
    with _shared_lock:
        per_loop = _shared.setdefault(loop, {})
        llm = per_loop.get(key)
        if llm is None:
            llm = per_loop[key] = LLMClassifier(**options)  # type: ignore[arg-type]
        return llm


def strategy_for(
    kind: str,
    cached: dict[str, Classification] | None = None,
    threads: dict[str, str] | None = None,
    loop: asyncio.AbstractEventLoop | None = None,
) -> ClassificationStrategy:
    """`loop`: share that loop's LLM client (a run); without it the strategy has its own."""
    llm = shared_llm(loop) if kind == "llm" and loop is not None else None
    return make_strategy(
        kind, cached, shortcut=settings.RULES_SHORTCUT, llm_options=llm_options(), threads=threads, llm=llm
    )
