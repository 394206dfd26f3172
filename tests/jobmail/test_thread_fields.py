"""Company and title wherever an email ends up job mail: mail the rules call not job
mail keeps what it names (its thread may still make it job mail), and a reply that
names nothing shows its thread's application (the emails here are invented)."""

from __future__ import annotations

from jobmail.classify.rules import RulesClassifier
from jobmail.taxonomy import Status
from tests.jobmail.messages import message, parsed


def test_it_does_not_take_the_signers_name_over_their_role_for_the_title(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        parsed(
            "Contract Rust developer – 6 months, remote",
            "Hi Dana,\n\nI came across your profile and I'm working with a logistics client who needs a contract "
            "Rust developer for six months, fully remote. Would you be open to a quick call this week?\n\n"
            "Kind regards,\nOwen Marsh\nSenior Consultant | Kestrel & Finch Talent\nDirect: +44 20 7946 0000\n",
            sender="Owen Marsh <owen.marsh@kestrelfinch.example>",
        )
    )
    assert result.status == Status.RECRUITER_OUTREACH
    assert result.job_title == "Contract Rust developer"


def test_it_never_takes_a_pronoun_for_the_employer(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        message(
            "Hi Dana,\n\nAs promised I passed your resume on to our recruiting team. They would like to invite you "
            "to a phone interview for the Senior Data Engineer role next week.\n\nPriya\n",
            subject="Re: Coffee next week?",
            sender="",
            sender_email="",
        )
    )
    assert result.status == Status.INTERVIEW
    assert result.company == ""
