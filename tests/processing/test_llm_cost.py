"""Cost control on a real run over the demo corpus with the LLM classifier."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import pytest

from accounts.models import User
from processing import runs
from processing.classifiers.rules import RulesClassifier
from processing.mail import iter_eml_dir, parse_message
from processing.models import ProcessingRun, RunStatus, Source
from processing.registry import registry
from tests.fakes.openai_server import FakeOpenAIServer

DEMO = Path(__file__).resolve().parents[2] / "processing" / "demo" / "mailbox"
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("process_services", "fast_runs")]


async def test_it_spends_no_llm_call_on_certain_noise_or_duplicate_templates(alice: User, settings: object) -> None:
    with FakeOpenAIServer() as server:
        settings.OPENAI_BASE_URL = server.url  # type: ignore[attr-defined]
        settings.OPENAI_API_KEY = "k"  # type: ignore[attr-defined]
        settings.RULES_SHORTCUT = True  # type: ignore[attr-defined]
        rules = RulesClassifier()
        certain_noise = set()
        for _name, raw in iter_eml_dir(DEMO):
            parsed = parse_message(raw)
            verdict = rules.classify_sync(parsed)
            if verdict.certain and not verdict.is_job_related:
                certain_noise.add(parsed.subject)
        run = await runs.start_run(alice.pk, source=Source.DEMO, classifier="llm")
        handle = registry.get(run.pk)
        assert handle is not None
        await asyncio.wait_for(handle.done.wait(), 60)
        run = await ProcessingRun.objects.aget(pk=run.pk)
        assert run.status == RunStatus.FINISHED
        assert certain_noise, "the demo corpus has job alerts and receipts the rules are sure about"
        sent = [r.body["messages"][-1]["content"] for r in server.requests]
        for subject in certain_noise:
            assert not any(f"Subject: {subject}" in content for content in sent), subject
        # Each distinct template reached the LLM at most once.
        duplicates = [content for content, count in Counter(sent).items() if count > 1]
        assert not duplicates
        assert run.llm_calls == len(sent) < (run.total_emails or 0)
        assert run.prompt_tokens > 0
