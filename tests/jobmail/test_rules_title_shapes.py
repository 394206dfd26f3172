"""The job title in shapes and sentences that a mailbox's usual templates do not use: a
trade's role as one lowercase word, after a strong anchor or in a subject's part; a
labelled field; a requirement that names a kind of role. Read through the whole rules
classifier; companies, people and roles are invented."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from tests.jobmail.messages import mail

_SENDER = "Brindle Coffee Hiring <jobs@brindle-coffee.example>"
_SIGN_OFF = "\n\nWe will be in touch within two weeks.\n\nOla Ferreira\nBrindle Coffee"


def _title(rules: RulesClassifier, subject: str, body: str) -> str:
    return rules.classify_sync(mail(subject, body, _SENDER)).job_title


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        # One lowercase trade noun after an anchor that names the application, where
        # the clause ends.
        ("Thank you for your application for barista.", "barista"),
        ("We noticed you started applying for dishwasher but did not finish.", "dishwasher"),
        ("Your application is incomplete for job: housekeeper Please finish it online.", "housekeeper"),
        ("We have received your resume for cashier, and a manager will review it.", "cashier"),
        # "for the position of barista": the title starts after "of", not at it.
        ("We are reviewing candidates for the position of barista.", "barista"),
        ("We are reviewing candidates for the position of line cook.", "line cook"),
        # A labelled field in lowercase.
        ("Job Title: barista\nLocation: Porto Alegre", "barista"),
        ("Position title: lifeguard\nStart date: June", "lifeguard"),
        # A job noun or quotes bound it.
        ("Thank you for your interest in the barista opportunity at our Elm Street shop.", "barista"),
        ('Thank you for your interest in Brindle Coffee and the "bartender" position.', "bartender"),
        # A trade's noun ends a lowercase title of several words, too.
        ("Thank you for your application for shift supervisor.", "shift supervisor"),
        # The role before "application".
        ("Thank you for submitting your barista application.", "barista"),
        ("Your line cook application has reached our kitchen manager.", "line cook"),
        # A field's label is no part of the title on a card-like line.
        ("Position: barista\nPorto Alegre, RS", "barista"),
    ],
)
def test_it_reads_a_lowercase_trade_role(rules: RulesClassifier, sentence: str, title: str) -> None:
    assert _title(rules, "Your application", f"Hi Dana,\n\n{sentence}{_SIGN_OFF}") == title


@pytest.mark.parametrize(
    "sentence",
    [
        # Who hires, or a kind of work whose posting has a fuller title.
        "Thank you for your application for engineer.",
        "Thank you for submitting your recent application.",
        "Your application was submitted for recruiter review.",
        # An article starts a noun phrase of its own: no title runs across it.
        "We will update you on the status of the barista soon.",
    ],
)
def test_it_takes_no_lone_lowercase_word_that_is_not_a_trade(rules: RulesClassifier, sentence: str) -> None:
    assert _title(rules, "Your application", f"Hi Dana,\n\n{sentence}{_SIGN_OFF}") == ""


@pytest.mark.parametrize(
    "requirement",
    [
        # A job ad's requirement names a kind of role, not the posting.
        "You bring 3+ years of experience in a POS and/or inventory lead role.",
        "Candidates need experience in a Café Shift Lead role.",
        "Ideally you have experience with an Espresso Bar Supervisor role.",
    ],
)
def test_it_reads_the_posting_not_a_requirement(rules: RulesClassifier, requirement: str) -> None:
    body = f"Hi Dana,\n\nI am writing to you regarding Coffee Quality Analyst.\n\n{requirement}"
    assert _title(rules, "Your application", body + _SIGN_OFF) == "Coffee Quality Analyst"


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        # A lowercase role as a subject's part of its own.
        ("Application received - barista", "barista"),
        ("Application received - line cook", "line cook"),
        # A separator inside parentheses leaves the bracket open: the title is before it.
        ("Thanks for applying: Data Engineer (Job ID: 88213)", "Data Engineer"),
        # A title that starts on a dot.
        ("Application received - .NET Developer", ".NET Developer"),
    ],
)
def test_it_reads_a_role_from_a_subject_part(rules: RulesClassifier, subject: str, title: str) -> None:
    body = "Hi Dana,\n\nThanks for applying. We will review your application shortly." + _SIGN_OFF
    assert _title(rules, subject, body) == title
