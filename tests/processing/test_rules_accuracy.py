"""Accuracy floor of the rules classifier on the labelled demo corpus.

The floors sit just under the figures recorded in docs/CLASSIFICATION.md: a change
that makes the classifier worse fails here; one that makes it better should raise
them.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from processing.evaluation import evaluate, load_labels

DEMO = Path(__file__).resolve().parents[2] / "processing" / "demo"


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    labels = load_labels(DEMO / "labels.json")
    return asyncio.run(evaluate(DEMO / "mailbox", labels, "rules"))


def test_it_keeps_overall_status_accuracy(report) -> None:  # type: ignore[no-untyped-def]
    metrics = report.metrics()
    assert metrics["emails"] >= 150
    assert metrics["status_accuracy"] >= 0.93
    assert metrics["job_precision"] >= 0.95
    assert metrics["job_recall"] >= 0.92
    assert metrics["llm_calls_per_email"] == 0


def test_it_keeps_held_out_accuracy(report) -> None:  # type: ignore[no-untyped-def]
    holdout = report.part("holdout").metrics()
    assert holdout["emails"] >= 50
    assert holdout["status_accuracy"] >= 0.85
    assert holdout["job_precision"] >= 0.9
    assert holdout["job_recall"] >= 0.9


def test_it_extracts_companies(report) -> None:  # type: ignore[no-untyped-def]
    assert report.metrics()["company_match"] >= 0.85


def test_it_keeps_the_prompt_small_against_the_raw_message(report) -> None:  # type: ignore[no-untyped-def]
    # The user message the LLM classifier would send, against the raw message.
    # Over every demo email it is under 0.40; over the emails the LLM is actually
    # sent (short hand-written mail, where the body is nearly all of the message)
    # it is 0.44: docs/CLASSIFICATION.md explains why the 0.40 goal is missed there.
    metrics = report.metrics()
    assert metrics["prompt_to_raw_ratio_all"] <= 0.40
    assert metrics["emails_for_llm"] < metrics["emails"]
    assert metrics["prompt_to_raw_ratio_for_llm"] <= 0.45
