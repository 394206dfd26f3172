"""Company and title from a student's or graduate's job mail (internships, co-ops, new-grad
programmes) that gives little structure: a body alone, or a subject and a body. Every name
here is invented for these tests."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.message import parse_message


def extracted(rules: RulesClassifier, body: str, subject: str = "") -> tuple[str, str]:
    headers = f"Subject: {subject}\nDate: Tue, 08 Sep 2020 10:00:00 +0200\n" if subject else ""
    result = rules.classify_sync(parse_message(f"{headers}Content-Type: text/plain; charset=utf-8\n\n{body}".encode()))
    assert result.is_job_related
    return result.company, result.job_title


@pytest.mark.parametrize(
    ("body", "subject", "company"),
    [
        # A campus or early-careers team signs for its employer.
        (
            "Hi Robin,\n\nThank you for applying. We received your application and will review it soon.\n\n"
            "The Tessaly Campus Team",
            "",
            "Tessaly",
        ),
        (
            "Hi Robin,\n\nThank you for applying. We received your application and will review it soon.\n\n"
            "Cheers,\nBrackenridge Early Talent",
            "",
            "Brackenridge",
        ),
        (
            "Hi Robin,\n\nWe received your application for the Summer Analyst position and are reviewing it.\n\n"
            "Warm regards,\nEarly Careers | Quillory",
            "",
            "Quillory",
        ),
        # The intake before a programme is no part of the employer's name.
        (
            "Hi Robin,\n\nThank you for applying to the Pellmarsh Summer Internship Program. Unfortunately we are "
            "unable to offer you a place this year.\n\nPellmarsh Campus Recruiting",
            "",
            "Pellmarsh",
        ),
        # A team without its employer signs for nobody: the subject names the employer.
        (
            "Hi Robin,\n\nThank you for your interest in our internship program. After reviewing your application, "
            "we have decided not to move forward.\n\nBest,\nUniversity Recruiting",
            "Ostrava Labs Internship Application",
            "Ostrava Labs",
        ),
        # A field of work is no employer, one word or two.
        (
            "Hi Robin,\n\nThank you for your interest in Engineering at Harbor. We received your application for "
            "the Junior Developer role.\n\nBest",
            "",
            "Harbor",
        ),
        (
            "Hi Robin,\n\nThank you for your interest in Product Design opportunities with us. We received your "
            "application for the Design Intern role.\n\nBest,\nLantern Recruiting",
            "",
            "Lantern",
        ),
        # A requisition id between the role and "at" the employer.
        (
            "Dear Robin,\n\nThank you for applying for the position of Machine Learning Intern (R-20418) at "
            "Fennimore. We have received your application.\n\nTalent Acquisition",
            "",
            "Fennimore",
        ),
    ],
)
def test_it_reads_the_employer_of_campus_mail(rules: RulesClassifier, body: str, subject: str, company: str) -> None:
    assert extracted(rules, body, subject)[0] == company


def test_it_takes_no_skills_after_a_role_for_the_employer(rules: RulesClassifier) -> None:
    body = (
        "Hi Robin,\n\nI have a job opening that could interest you: Senior Fullstack Engineer.\n\nIf you are a Senior "
        "Software Engineer with Golang and Svelte experience, please send me your updated resume and a good time "
        "to call."
    )
    assert extracted(rules, body)[0] == ""


@pytest.mark.parametrize(
    ("body", "subject", "title"),
    [
        # An intake is part of the posting's title, in parentheses or after a dash in a subject.
        (
            "Hi Robin,\n\nThank you for applying to the Intern - Data Science (Fall 2020) position. We received "
            "your application.\n\nMarrowby Careers",
            "",
            "Intern - Data Science (Fall 2020)",
        ),
        (
            "Hi Robin,\n\nThank you for your interest in Lantern. We have reviewed your application and "
            "unfortunately will not be moving forward.\n\nBest,\nUniversity Recruiting",
            "Software Engineering Intern - Summer 2018",
            "Software Engineering Intern - Summer 2018",
        ),
        # A lowercase co-op title keeps its work term.
        (
            "Hi Robin,\n\nThank you for applying to Harbor. Unfortunately we will not be moving forward with your "
            "application to the data analyst co-op role.\n\nBest,\nRecruiting",
            "",
            "data analyst co-op",
        ),
        # A new-grad programme named in a sentence.
        (
            "Hi Robin,\n\nUnfortunately, the Data Engineering New Grad program is now full and we cannot offer "
            "you a place.\n\nCorvane Recruiting",
            "",
            "Data Engineering New Grad",
        ),
        # The employer, then "and the" role: the role is a phrase of its own.
        (
            "Hello,\n\nThank you for your interest in Ravensmoor and the associate software engineer position. "
            "Unfortunately we have decided to move forward with other candidates.\n\nThanks",
            "",
            "associate software engineer",
        ),
        # A team named after a comma is part of the posting's title.
        (
            "Hello,\n\nThank you for applying to the Frontend Engineer, Growth Team role. We received your "
            "application.\n\nMarrowby HR",
            "",
            "Frontend Engineer, Growth Team",
        ),
        # A kind of intake names no role.
        (
            "Hi Robin,\n\nThanks for applying to Internships at Harbor! Unfortunately we will not be moving "
            "forward.\n\nBest",
            "",
            "",
        ),
        (
            "Hi Robin,\n\nThank you for your interest in our internship program. After reviewing your application, "
            "we have decided not to move forward.\n\nBest,\nUniversity Recruiting",
            "Ostrava Labs Internship Application",
            "",
        ),
    ],
)
def test_it_reads_the_title_of_campus_mail(rules: RulesClassifier, body: str, subject: str, title: str) -> None:
    assert extracted(rules, body, subject)[1] == title
