"""An LLM for the browser tests that answers with the demo mailbox's own labels.

The loopback OpenAI server speaks the real API; this responder decides what it says.
Answering from `processing/demo/labels.json` makes the live runs produce the dashboard a
real model would (companies, titles, interview dates). The README's screenshots do not
come from these runs but from the newcomer's demo with the rules classifier
(tests/ui/test_newcomer.py). An email it cannot place gets the fake's default keyword answer.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from email import policy
from email.parser import BytesParser
from email.utils import parseaddr
from functools import cache
from typing import Any

from jobmail.classify.prompt import prompt_subject
from processing.sources.mbox import DEMO_MAILBOX, demo_shift_days
from tests.fakes.openai_server import default_responder, last_user_text

LABELS = DEMO_MAILBOX.parent / "labels.json"
#: Every fourth rejection is answered unsure, so the review queue has something in it.
UNSURE_EVERY = 4


def _key(subject: str, domain: str) -> tuple[str, str]:
    return prompt_subject(subject).lower(), domain.lower()


@cache
def _answers() -> dict[tuple[str, str], dict[str, Any]]:
    # The demo source moves every date by whole weeks to the past week; event dates follow.
    shift = timedelta(days=demo_shift_days())
    answers: dict[tuple[str, str], dict[str, Any]] = {}
    rejections = 0
    for label in json.loads(LABELS.read_text()):
        with (DEMO_MAILBOX / label["file"]).open("rb") as handle:
            message = BytesParser(policy=policy.default).parse(handle, headersonly=True)
        confidence = 0.95
        if label["status"] == "rejected":
            rejections += 1
            confidence = 0.5 if rejections % UNSURE_EVERY == 0 else confidence
        event_at = label["event_at"]
        if event_at:
            event_at = (datetime.fromisoformat(event_at) + shift).isoformat()
        answers.setdefault(
            _key(str(message["subject"] or ""), parseaddr(str(message["from"] or ""))[1].rpartition("@")[2]),
            {
                "is_job_related": label["is_job_related"],
                "status": label["status"],
                "company": label["company"],
                "job_title": label["job_title"],
                "confidence": confidence,
                "event_at": event_at,
            },
        )
    return answers


def _email_headers(text: str) -> tuple[str, str]:
    # The user message is the email between <email> tags: its subject, its sender
    # ("Name (domain)", or the domain alone for a person) and its day, one line each,
    # then the body.
    lines = [*text.removeprefix("<email>\n").splitlines(), "", ""]
    subject, sender = lines[0], lines[1]
    domain = sender[sender.rfind("(") + 1 : -1] if sender.endswith(")") else sender
    return subject, domain


def labelled_responder(body: dict[str, Any]) -> dict[str, Any] | str:
    answer = _answers().get(_key(*_email_headers(last_user_text(body))))
    return dict(answer) if answer is not None else default_responder(body)
