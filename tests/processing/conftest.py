"""The run fixtures (fake_openai, fast_runs, process_services) live in tests/conftest.py."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from django.conf import settings

from jobmail.classify import make_strategy
from jobmail.evaluation import Report, evaluate, load_labels

DEMO = Path(__file__).resolve().parents[2] / "processing" / "demo"


@pytest.fixture(scope="session")
def demo_report() -> Report:
    """The rules classifier measured on the labelled demo corpus, once per session."""
    labels = load_labels(DEMO / "labels.json")
    strategy = make_strategy("rules")
    return asyncio.run(evaluate(DEMO / "mailbox", labels, strategy, budget_tokens=settings.LLM_TOKEN_BUDGET))
