"""The email part of the LLM prompt against the raw message, on the demo corpus.

Only the user message counts (the fixed system prompt is the same for every call and
cached by providers), summed over the emails an LLM run sends: those the rules are not
certain about, once per template. docs/CLASSIFICATION.md records the figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jobmail.classify.llm import LLMClassifier
from jobmail.evaluation import Report
from jobmail.mbox import iter_eml_dir
from jobmail.message import parse_message

DEMO = Path(__file__).resolve().parents[2] / "processing" / "demo"


@pytest.fixture(scope="module")
def report(demo_report: Report) -> Report:
    return demo_report


def test_it_keeps_the_prompt_within_40_percent_of_the_raw_emails_sent_to_the_llm(report: Report) -> None:
    metrics = report.metrics()
    assert 0 < metrics["emails_for_llm"] < metrics["emails"]
    assert metrics["prompt_to_raw_ratio_for_llm"] <= 0.40
    assert metrics["prompt_to_raw_ratio_all"] <= 0.40


def test_it_measures_the_message_the_classifier_sends(report: Report) -> None:
    classifier = LLMClassifier(api_key="k", base_url="http://127.0.0.1:9/v1")
    sizes = {p.message_id: (p.prompt_chars, p.raw_chars) for p in report.predictions}
    for _name, raw in list(iter_eml_dir(DEMO / "mailbox"))[:40]:
        parsed = parse_message(raw)
        sent = classifier.build_messages(parsed)[1]["content"]
        assert sizes[parsed.rfc822_message_id] == (len(sent), len(raw))
