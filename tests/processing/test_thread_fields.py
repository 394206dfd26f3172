"""Storing: an email that becomes job mail through its thread shows a company and a title,
its own or its thread's application's (the emails here are invented)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from accounts.models import User
from dashboard.models import Application, Email
from jobmail.classify import ClassificationStrategy
from jobmail.classify.llm import LLMClassifier
from jobmail.classify.rules import RulesClassifier
from jobmail.message import parse_message
from jobmail.taxonomy import Status
from tests.fakes.openai_server import FakeOpenAIServer
from tests.processing.test_threads import JOIN_BLOCK, _acknowledgement, _raw, _store

PRIYA = "Priya Nandakumar <priya@quillfeather.example>"
COFFEE = (
    "Hi Alice,\n\nGreat to meet you at the data meetup on Thursday. Let me know when you are free for a "
    "coffee next week, I would love to hear more about your pipeline work.\n\nBest,\nPriya Nandakumar\n"
    "Head of Data | Quillfeather Labs\n"
)


def test_it_shows_the_threads_company_and_title_on_an_invitation_that_names_none(alice: User) -> None:
    ack = _acknowledgement(alice)
    # From a personal address: the invitation names no employer at all.
    invite = _store(alice, _raw("Priya Nandakumar <priya.nandakumar@gmail.com>", "Catch-up", JOIN_BLOCK, 5, "invite-2"))
    assert invite.status == Status.INTERVIEW
    assert invite.application_id == ack.application_id
    assert (invite.company, invite.job_title) == (ack.company, ack.job_title)
    assert (invite.company, invite.job_title) == ("Saltmarsh Analytics", "Data Engineer")


def test_it_keeps_the_time_of_an_invitation_its_thread_makes_an_interview(alice: User) -> None:
    _acknowledgement(alice)
    invite = _store(
        alice,
        _raw(
            "Priya Nandakumar <priya.nandakumar@gmail.com>",
            "Catch-up",
            f"Tuesday, 10 March 2026, 15:00 UTC\n\n{JOIN_BLOCK}",
            5,
            "invite-3",
        ),
    )
    assert invite.status == Status.INTERVIEW
    assert invite.event_at == datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def test_it_gives_an_earlier_email_its_own_company_when_its_thread_becomes_job_mail(alice: User) -> None:
    first = _store(
        alice,
        _raw(
            PRIYA,
            "Coffee next week?",
            COFFEE,
            2,
            "app-ack-1",  # the thread's first email
        ),
    )
    assert not first.is_job_related
    reply = _store(
        alice,
        _raw(
            PRIYA,
            "Re: Coffee next week?",
            "Hi Alice,\n\nAs promised I passed your resume on to our recruiting team for the Senior Data Engineer "
            "role. They would like to invite you to a phone interview next week.\n\nPriya\n",
            4,
            "reply-2",
        ),
    )
    first.refresh_from_db()
    assert first.is_job_related
    assert first.application_id == reply.application_id
    assert first.company == "Quillfeather Labs"
    assert Application.objects.get(emails=first).company == "Quillfeather Labs"
    assert Email.objects.filter(user=alice, company="").count() == 0


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


async def test_it_keeps_the_rules_company_when_the_llm_calls_it_not_job_mail(server: FakeOpenAIServer) -> None:
    # Its thread may still make it job mail; the LLM names no employer for such mail.
    server.responder = lambda body: {
        "is_job_related": False,
        "status": "not_job",
        "company": "",
        "job_title": "",
        "confidence": 0.8,
        "event_at": None,
    }
    llm = LLMClassifier(api_key="k", base_url=server.url, model="test-model", timeout=5)
    strategy = ClassificationStrategy(kind="llm", rules=RulesClassifier(), llm=llm, shortcut=True)
    result, _, _ = await strategy.classify(parse_message(_raw(PRIYA, "Coffee next week?", COFFEE, 2, "app-ack-1")))
    await strategy.aclose()
    assert result.classifier == "llm"
    assert (result.status, result.company) == (Status.NOT_JOB, "Quillfeather Labs")
