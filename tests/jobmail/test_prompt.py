"""The LLM prompt: the header lines and the cleaned body, without what carries no meaning."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from jobmail.classify.prompt import estimate_tokens, prompt_text
from tests.jobmail.messages import message


def test_it_builds_a_prompt_with_headers_and_a_bounded_body() -> None:
    body = " ".join(f"word{i}" for i in range(2000))
    prompt = prompt_text(message(body), budget_tokens=100)
    lines = prompt.split("\n")
    assert lines[:3] == ["Interview", "Acme Hiring (acme.example)", "2026-09-08 UTC"]
    rest = "\n".join(lines[3:])
    assert estimate_tokens(prompt) <= 100
    assert rest.endswith(" […]")
    assert rest.removesuffix(" […]").split()[-1].startswith("word")  # cut between words


def test_it_dates_the_prompt_in_the_senders_time_zone() -> None:
    # 23:30 UTC on 8 September is already the 9th for a sender in Berlin.
    late = datetime(2026, 9, 8, 23, 30, tzinfo=UTC)
    berlin = message("x", received_at=late, sender_utc_offset=120)
    new_york = message("x", received_at=late, sender_utc_offset=-240)
    mumbai = message("x", received_at=late, sender_utc_offset=330)
    assert [prompt_text(m).split("\n")[2] for m in (berlin, new_york, mumbai)] == [
        "2026-09-09 UTC+2",
        "2026-09-08 UTC-4",
        "2026-09-09 UTC+5:30",
    ]
    assert prompt_text(message("x", received_at=None)).split("\n")[2] == ""


def test_it_leaves_greetings_closings_and_the_repeated_name_out_of_the_prompt() -> None:
    body = (
        "Hi Dana,\n\nThank you for applying for the Data Analyst role.\n\n"
        "Thanks again for your time.\n\nKind regards,\nJane Doe\nTalent team, Acme\n"
    )
    parsed = message(body, sender="Jane Doe <hr@acme.example>", sender_name="Jane Doe", sender_email="hr@acme.example")
    assert prompt_text(parsed).split("\n")[1:] == [
        "Jane Doe (acme.example)",
        "2026-09-08 UTC",
        "Thank you for applying for the Data Analyst role.",
        "Thanks again for your time.",  # a sentence, not a closing line: kept
        "Acme",  # the signer's job title goes, the company stays
    ]


def test_it_drops_a_signature_line_that_repeats_a_name_already_given() -> None:
    body = "Thank you for applying to Acme Robotics.\n\nBest,\nTalent Partner, Acme Robotics\nLeeds office"
    assert prompt_text(message(body)).split("\n")[3:] == ["Thank you for applying to Acme Robotics.", "Leeds office"]


@pytest.mark.parametrize(
    ("name", "address", "sent"),
    [
        ("Jana Köhler", "jana.koehler@northwind.example", "northwind.example"),
        ("Lucas Ferreira", "lucas@anvilworks.example", "anvilworks.example"),
        ("Thomas Guerrier", "t.guerrier@talents.example", "talents.example"),
        ("Renee Castillo", "rcastillo@tidewater.example", "tidewater.example"),
        ("Acme Robotics", "acme@acme.example", "Acme Robotics (acme.example)"),
        (
            "Northwind Robotics GmbH",
            "northwind-robotics@jobs.personio.de",
            "Northwind Robotics GmbH (jobs.personio.de)",
        ),
        ("StepStone Job-Agent", "jobagent@stepstone.de", "StepStone Job-Agent (stepstone.de)"),
        ("Patricia Holloway", "careers@ostrander.example", "Patricia Holloway (ostrander.example)"),
        ("Mira Castellanos via LinkedIn", "inmail@linkedin.com", "Mira Castellanos via LinkedIn (linkedin.com)"),
    ],
)
def test_it_sends_only_the_domain_of_a_person_writing_from_their_own_address(
    name: str, address: str, sent: str
) -> None:
    parsed = message("x", sender=f"{name} <{address}>", sender_name=name, sender_email=address)
    assert prompt_text(parsed).split("\n")[1] == sent


def test_it_leaves_courtesies_and_signature_noise_out_of_the_prompt() -> None:
    body = (
        "Hello Dana,\n\n"
        "I hope you're doing well. Thanks for your application for the Data Engineer (m/w/d) role (JR-118263).\n\n"
        "We'd like to invite you to an interview on Tuesday at 10:00. Let me know if you have any questions.\n\n"
        "Our process:\n- a technical interview\n- a call with the team\n\n"
        "Ihre Daten verarbeiten wir gemäß DSGVO und löschen sie nach sechs Monaten.\n\n"
        "Looking forward to hearing from you!\n\n"
        "Best regards,\nJane Doe\nSenior Talent Acquisition Partner\n"
        "Recruiting Coordinator, Acme Robotics GmbH\n12 Harbour Street, Suite 4, Leeds\n+44 113 496 0000\n"
    )
    parsed = message(
        body, sender="Jane Doe <jane.doe@acme.example>", sender_name="Jane Doe", sender_email="jane.doe@acme.example"
    )
    assert prompt_text(parsed).split("\n")[1:] == [
        "acme.example",
        "2026-09-08 UTC",
        "Thanks for your application for the Data Engineer role.",
        "We'd like to invite you to an interview on Tuesday at 10:00.",
        "Our process:",
        "a technical interview",
        "a call with the team",
        "Acme Robotics",
    ]


def test_it_keeps_sentences_that_say_more_than_a_courtesy() -> None:
    body = (
        "Let me know if Tuesday at 10:00 works for you.\n\n"
        "If you have any questions about the offer, I'm happy to walk you through it.\n\n"
        "Best of luck with your search,\nAcme Talent Team"
    )
    assert prompt_text(message(body)).split("\n")[3:] == [
        "Let me know if Tuesday at 10:00 works for you.",
        "If you have any questions about the offer, I'm happy to walk you through it.",
        "Best of luck with your search,",  # a wish that reads as a verdict stays
        "Acme Talent Team",
    ]


def test_it_keeps_dates_and_requests_that_look_like_noise() -> None:
    body = (
        "Your interview is confirmed:\n06.10.2026\n\n"
        "Please confirm our privacy notice in the portal to complete your application.\n\n"
        "Acme Talent Team"
    )
    assert prompt_text(message(body)).split("\n")[3:] == [
        "Your interview is confirmed:",
        "06.10.2026",  # a date alone on its line is not a phone number
        "Please confirm our privacy notice in the portal to complete your application.",
        "Acme Talent Team",
    ]


def test_it_keeps_the_header_lines_even_over_budget() -> None:
    prompt = prompt_text(message("body text", subject="S" * 280), budget_tokens=10)
    assert prompt.startswith("S" * 280 + "\nAcme Hiring (acme.example)\n")
    assert "body text" not in prompt


def test_it_estimates_tokens_as_four_characters() -> None:
    assert [estimate_tokens(t) for t in ("", "abc", "abcd", "abcde")] == [0, 1, 1, 2]
