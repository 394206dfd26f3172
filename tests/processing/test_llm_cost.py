"""Cost control on a real run over the demo corpus with the LLM classifier.

What the LLM is sent is matched back to the demo emails, so each request is known to
be one of them: no email the rules are certain about may reach the LLM (certain noise
included), and no template (content hash) may reach it twice.
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from accounts.models import User
from jobmail.classify.cache import content_hash
from jobmail.classify.prompt import user_message
from jobmail.classify.rules import RulesClassifier
from jobmail.mbox import iter_eml_dir
from jobmail.message import parse_message
from processing import runs
from processing.models import ProcessingRun, RunStatus, Source
from processing.registry import registry
from processing.sources.demo_dates import shift_body_dates
from processing.sources.mbox import demo_shift_days
from tests.fakes.openai_server import FakeOpenAIServer, last_user_text

DEMO = Path(__file__).resolve().parents[2] / "processing" / "demo" / "mailbox"
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("process_services", "fast_runs")]


@dataclass(frozen=True)
class DemoEmail:
    name: str
    certain: bool
    job_related: bool
    digest: str


def _key(message: str) -> str:
    # The demo source moves every date next to today, so the day line (the fourth
    # line, after "<email>", subject and sender) differs from a message built from
    # the file; the rest identifies the email.
    # The thread line in front (the application the thread belongs to, known only
    # during the run) is not part of the email either.
    lines = message.split("\n")
    if lines[0].startswith("<thread>"):
        lines = lines[1:]
    return "\n".join(lines[:3] + lines[4:])


def _demo_raws() -> Iterator[tuple[str, bytes]]:
    """The demo emails as the demo source reads them: with the dates in their bodies moved."""
    shift = demo_shift_days()
    for name, raw in iter_eml_dir(DEMO):
        sent = parse_message(raw).received_at
        yield name, shift_body_dates(raw, shift, sent.year) if sent is not None else raw


def _corpus() -> dict[str, list[DemoEmail]]:
    rules = RulesClassifier()
    by_key: dict[str, list[DemoEmail]] = defaultdict(list)
    for name, raw in _demo_raws():
        parsed = parse_message(raw)
        verdict = rules.classify_sync(parsed)
        email = DemoEmail(name, verdict.certain, verdict.is_job_related, content_hash(parsed))
        by_key[_key(user_message(parsed, django_settings.LLM_TOKEN_BUDGET))].append(email)
    return by_key


def _overspending(sent: list[str], corpus: dict[str, list[DemoEmail]]) -> list[str]:
    """Each request the cost controls forbid: a rules-certain email, or a template sent again."""
    problems = []
    per_template: Counter[str] = Counter()
    for content in sent:
        emails = corpus.get(_key(content))
        # A request that matches no email would escape every check below.
        assert emails, f"a request matches no demo email: {content[:120]!r}"
        problems += [
            f"{e.name}: the rules are certain ({'job' if e.job_related else 'noise'})" for e in emails if e.certain
        ]
        per_template[emails[0].digest] += 1
    problems += [f"template {digest[:8]} sent {count} times" for digest, count in per_template.items() if count > 1]
    return problems


async def test_it_spends_no_llm_call_on_certain_noise_or_duplicate_templates(alice: User, settings: object) -> None:
    corpus = await asyncio.to_thread(_corpus)
    emails = [email for group in corpus.values() for email in group]
    uncertain_templates = Counter(email.digest for email in emails if not email.certain)
    # The corpus gives both checks something to catch.
    assert any(email.certain and not email.job_related for email in emails), "no certain noise in the demo corpus"
    assert any(count > 1 for count in uncertain_templates.values()), "no repeated template in the demo corpus"

    with FakeOpenAIServer() as server:
        settings.OPENAI_BASE_URL = server.url  # type: ignore[attr-defined]
        settings.OPENAI_API_KEY = "k"  # type: ignore[attr-defined]
        settings.RULES_SHORTCUT = True  # type: ignore[attr-defined]
        run = await runs.start_run(alice.pk, source=Source.DEMO, classifier="llm")
        handle = registry.get(run.pk)
        assert handle is not None
        await asyncio.wait_for(handle.done.wait(), 60)
        run = await ProcessingRun.objects.aget(pk=run.pk)
        sent = [last_user_text(request.body) for request in server.requests]

    assert run.status == RunStatus.FINISHED
    assert run.total_emails == len(emails)
    assert _overspending(sent, corpus) == []
    # Every template the rules are unsure of went to the LLM exactly once.
    assert len(sent) == len(uncertain_templates) < len(emails)
    assert run.llm_calls == len(sent)
    assert run.prompt_tokens > 0


def test_the_check_catches_what_cost_control_forbids() -> None:
    # Without the rules shortcut and the template cache, every email is sent once:
    # the check must then name the certain emails and the repeated templates.
    corpus = _corpus()
    everything = [user_message(parse_message(raw), django_settings.LLM_TOKEN_BUDGET) for _, raw in _demo_raws()]
    problems = _overspending(everything, corpus)
    certain = sum(email.certain for group in corpus.values() for email in group)
    assert sum("the rules are certain (noise)" in problem for problem in problems) >= 1
    assert sum("the rules are certain" in problem for problem in problems) >= certain
    assert any("sent 2 times" in problem for problem in problems)
