"""The classification strategy a run uses, configured from the settings."""

from __future__ import annotations

from django.conf import settings

from jobmail.classify import ClassificationStrategy, make_strategy
from jobmail.classify.result import Classification


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


def strategy_for(
    kind: str, cached: dict[str, Classification] | None = None, threads: dict[str, str] | None = None
) -> ClassificationStrategy:
    return make_strategy(kind, cached, shortcut=settings.RULES_SHORTCUT, llm_options=llm_options(), threads=threads)
