"""The sender's role from the signature block: a closing, their name, their title."""

from __future__ import annotations

import time

import pytest

from jobmail.signature import LINE_CHARS, ROLE_CHARS, TAIL_LINES, signature_role

BODY = "Hi Dana,\n\nThanks for your time today. Could you send two slots for next week?\n\n"


@pytest.mark.parametrize(
    ("signature", "role"),
    [
        ("Best regards,\nJane Roe\nSenior Technical Recruiter", "Senior Technical Recruiter"),
        ("Thanks,\nJane Roe\nTalent Acquisition Partner\nNorthwind", "Talent Acquisition Partner"),
        ("Sincerely,\nJane Roe\nEngineering Manager, Platform", "Engineering Manager, Platform"),
        ("Cheers,\n\nJane Roe\n\nHead of People | Northwind | +1 555 0100", "Head of People"),
        ("Kind regards,\nJane Roe\nSenior Recruiter at Northwind", "Senior Recruiter"),
        ("Best,\nJane Roe | Talent Partner", "Talent Partner"),
        ("Mit freundlichen Grüßen\nJane Roe\nPersonalberaterin", "Personalberaterin"),
        ("-- \nJane Roe\nRecruiting Coordinator\njane@northwind.example", "Recruiting Coordinator"),
        # A reply: the quoted history below the signature is not read.
        (
            "Best regards,\nJane Roe\nTechnical Recruiter\n\nOn Mon, Oct 5, 2026 at 9:00 AM Dana <dana@mail.example> "
            "wrote:\n> Best regards,\n> Dana\n> Head of Engineering",
            "Technical Recruiter",
        ),
        # A phone footer and an unsubscribe line after the signature are not in the way.
        (
            "Thanks,\nJane Roe\nSourcer\n\nSent from my iPhone\n\nUnsubscribe from these emails: https://x.example",
            "Sourcer",
        ),
    ],
)
def test_it_reads_the_title_under_the_senders_name(signature: str, role: str) -> None:
    assert signature_role(BODY + signature, "Jane Roe", "jane@northwind.example") == role


@pytest.mark.parametrize(
    ("signature", "sender_name", "sender_email"),
    [
        # No closing line: a title alone at the end is not a signature we can trust.
        ("Jane Roe\nSenior Technical Recruiter", "Jane Roe", "jane@northwind.example"),
        # Someone else signs (a forwarded note, an assistant): not the sender's role.
        ("Best regards,\nJohn Smith\nSenior Technical Recruiter", "Jane Roe", "jane@northwind.example"),
        # A team, not a person.
        ("Best regards,\nThe Northwind Talent Team\nTalent Acquisition", "Northwind", "jobs@northwind.example"),
        # A job title that may be the role applied for, not the signer's function.
        ("Best regards,\nJane Roe\nSenior Data Engineer", "Jane Roe", "jane@northwind.example"),
        # A company line under the name, no title.
        ("Best regards,\nJane Roe\nNorthwind Traders Ltd.", "Jane Roe", "jane@northwind.example"),
        # A sentence is not a title.
        ("Thanks,\nJane Roe\nI am the recruiter for this role and will call you.", "Jane Roe", "j@n.example"),
        # The signature is more than TAIL_LINES lines above the end.
        ("Best regards,\nJane Roe\nRecruiter\n" + "\n".join(f"Line {n}." for n in range(TAIL_LINES)), "Jane Roe", ""),
    ],
)
def test_it_gives_no_role_rather_than_a_guess(signature: str, sender_name: str, sender_email: str) -> None:
    assert signature_role(BODY + signature, sender_name, sender_email) == ""


def test_it_checks_the_name_against_the_address_without_a_display_name() -> None:
    signature = "Best regards,\nJürgen Köhler\nHead of Talent"
    assert signature_role(BODY + signature, "", "juergen.koehler@northwind.example") == "Head of Talent"
    assert signature_role(BODY + signature, "", "careers@northwind.example") == ""


def test_it_takes_the_last_closing() -> None:
    # An earlier "Thanks," in the text is not the signature.
    body = "Thanks,\nfor your patience.\n\nBest regards,\nJane Roe\nRecruiting Lead"
    assert signature_role(body, "Jane Roe", "") == "Recruiting Lead"


@pytest.mark.parametrize(
    "title",
    [
        "Recruiter" + " Recruiter" * 20,  # longer than a title
        "R" * (LINE_CHARS + 1),
        "Talent\u202e Partner",  # a bidi override cannot hide in it
    ],
)
def test_it_bounds_and_cleans_what_it_returns(title: str) -> None:
    role = signature_role(BODY + f"Thanks,\nJane Roe\n{title}", "Jane Roe", "")
    assert len(role) <= ROLE_CHARS
    assert "\u202e" not in role
    assert role in ("", "Talent Partner")


@pytest.mark.parametrize(
    "body",
    [
        "",
        "\n" * 100_000,
        "Thanks,\n" * 50_000,
        "Best regards,\n" + "Jane " * 200_000,
        ("Thanks,\nJane Roe\n" + "a" * 10_000 + "\n") * 30,
        "-- \n" * 40_000 + "Jane Roe\nRecruiter",
        "> Thanks,\n> Jane Roe\n> Recruiter\n" * 20_000,
    ],
)
def test_it_reads_hostile_bodies_quickly_and_safely(body: str) -> None:
    started = time.process_time()
    role = signature_role(body, "Jane Roe", "jane@northwind.example")
    assert time.process_time() - started < 2.0
    assert len(role) <= ROLE_CHARS
