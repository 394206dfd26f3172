"""The job title as casual and template mail words it: a trade's role in lowercase, the
role the candidate applies "to be", a letter's "Re:" line, a shift after the title, read
through the whole rules classifier. Companies, people and roles are invented."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from tests.jobmail.messages import mail

_SENDER = "Tamsin Orchards Hiring <jobs@tamsin-orchards.example>"
_ACK = "We have received your application and our team will review it shortly.\n\nThe Recruiting Team"


def _title(rules: RulesClassifier, subject: str, body: str) -> str:
    return rules.classify_sync(mail(subject, body, _SENDER)).job_title


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # A trade's role in lowercase, between an article and a job noun.
        ("Thanks for applying to the cashier job at Tamsin Orchards! We'll be in touch.", "cashier"),
        ("We got your application for the barista position and would love to chat.", "barista"),
        ("Thanks for your interest in the line cook position. Can you come in Friday?", "line cook"),
        ("Thank you for applying for the delivery driver opening with us.", "delivery driver"),
        ("Thank you for your application for the part-time cashier position.", "cashier"),
        ("Your application for our seasonal dishwasher job has been received.", "dishwasher"),
        ("We'd like to meet you about the pizza delivery driver vacancy this week.", "pizza delivery driver"),
        ("Thanks for applying to the pool lifeguard posting.", "pool lifeguard"),
        ("We reviewed your application for the head chef role and would like to talk.", "head chef"),
        ("Your application for the overnight stocker position was received.", "overnight stocker"),
        # An internship's season and year in a lowercase title.
        ("Thanks for applying to the summer 2027 marketing intern position.", "summer 2027 marketing intern"),
        # The role the candidate applies to be.
        ("thanks for applying to be a server at Tamsin Orchards! we'll call you soon.", "server"),
        ("Thanks for your interest in becoming a Line Cook with us.", "Line Cook"),
        ("Thank you for applying to be a dental hygienist here.", "dental hygienist"),
        ("We loved your interest in working as a bike courier for Tamsin Orchards.", "bike courier"),
        ("Thanks for applying to become a Pharmacy Technician at Tamsin Orchards!", "Pharmacy Technician"),
    ],
)
def test_it_reads_a_role_that_casual_mail_writes(rules: RulesClassifier, body: str, title: str) -> None:
    assert _title(rules, "Your application", f"Hi Dana,\n\n{body}\n\nMaya") == title


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # A letter's "Re:" line names the posting.
        (
            "Dear Candidate,\n\nRe: Medical Receptionist vacancy\n\nUnfortunately you were not selected.",
            "Medical Receptionist",
        ),
        ("Dear Applicant,\n\nRE: Sr. Loan Officer position\n\nWe have filled this position.", "Sr. Loan Officer"),
        ("Dear Dana,\n\nSubject: Payroll Clerk opening\n\nWe would like to invite you to interview.", "Payroll Clerk"),
        ("Dear Dana,\n\nRegarding: Library Assistant vacancy\n\nThank you for applying.", "Library Assistant"),
        # "req" is a posting's noun, as "requisition" is.
        ("Hi Dana,\n\nThe Lab Assistant req you applied to has been filled.", "Lab Assistant"),
        ("Hi Dana,\n\nWe closed the Junior Buyer req this morning.", "Junior Buyer"),
    ],
)
def test_it_reads_the_role_a_letter_heads_or_a_req_names(rules: RulesClassifier, body: str, title: str) -> None:
    assert _title(rules, "Update", f"{body}\n\nHR") == title


@pytest.mark.parametrize(
    ("subject", "body", "title"),
    [
        (
            "Update",
            "Dear Applicant,\n\nThank you for your interest in the Warehouse Associate - 2nd Shift opening. "
            "The position has been filled.\n\nHR",
            "Warehouse Associate",
        ),
        ("Application received", f"Position: Packaging Operator - Night Shift\n\n{_ACK}", "Packaging Operator"),
        ("Application received", f"Job Title: Front Desk Agent, Weekend Shift\n\n{_ACK}", "Front Desk Agent"),
        (
            "Your application",
            "Hi Dana,\n\nThank you for applying for Machine Operator - 3rd Shift at Tamsin Orchards.\n\nMaya",
            "Machine Operator",
        ),
    ],
)
def test_it_leaves_the_shift_out_of_a_title(rules: RulesClassifier, subject: str, body: str, title: str) -> None:
    assert _title(rules, subject, body) == title


@pytest.mark.parametrize(
    "body",
    [
        # Who hires, not the role.
        "Thanks for applying to the hiring manager role we posted.",
        # A generic word alone: the posting has a fuller title than "engineer".
        "Thanks for applying to the engineer role at Tamsin Orchards.",
        # Not a role noun: an empty title beats a guessed one.
        "We'd like to interview you for the data entry role. Are you free Tuesday?",
        "Thanks for applying to be a part of our team!",
        # A job noun that is a machine's task, or someone else's news, in lowercase.
        "The nightly backup server job failed at 03:00. See the logs.",
        "My cousin got the delivery driver job, so we're celebrating on Saturday!",
        # Plurals in outreach name a kind of role, not the one applied to.
        "We're hiring line cooks and dishwashers for the summer. Stop by to apply!",
    ],
)
def test_it_leaves_the_title_empty_where_the_wording_names_no_role(rules: RulesClassifier, body: str) -> None:
    assert _title(rules, "Hello", f"Hi Dana,\n\n{body}\n\nMaya") == ""


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # Two roles offered as alternatives: which one is not said, so neither is the title.
        ("Your application", "Hi Dana,\n\nThank you for applying to the Line Cook or Dishwasher position."),
        ("Your application", "Hi Dana,\n\nWe received your application for the Bank Teller or Loan Officer opening."),
        ("Application received: Line Cook or Prep Cook", "Hi Dana,\n\nWe will review your application."),
        ("Interview", "Hi Dana,\n\nWe'd like to interview you for the Cashier and/or Stocker role."),
    ],
)
def test_it_leaves_the_title_empty_for_two_roles_offered_as_alternatives(
    rules: RulesClassifier, subject: str, body: str
) -> None:
    assert _title(rules, subject, f"{body}\n\nMaya") == ""


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        ("Candidatura: Técnica de Laboratório", "Técnica de Laboratório"),
        ("Candidatura recebida - Técnica de Enfermagem", "Técnica de Enfermagem"),
    ],
)
def test_it_reads_a_feminine_role_noun(rules: RulesClassifier, subject: str, title: str) -> None:
    assert _title(rules, subject, "Olá Dana,\n\nRecebemos a sua candidatura.\n\nRH") == title


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        ("Application received: Sr Mgr, Finance", "Sr Mgr, Finance"),
        ("Application received: Asst. Store Mgr", "Asst. Store Mgr"),
        ("Interview invitation - Sr. Mgr, Regional Operations", "Sr. Mgr, Regional Operations"),
    ],
)
def test_it_reads_a_title_that_abbreviates_manager(rules: RulesClassifier, subject: str, title: str) -> None:
    assert _title(rules, subject, f"Hi Dana,\n\n{_ACK}") == title
