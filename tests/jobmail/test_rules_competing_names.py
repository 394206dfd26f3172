"""Mail that names two candidates for the employer or the role (an agency and its client, a
signature's team and the employer, a role's field and the employer, a title spelled short and
long), and subject-only mail whose subject is the one place that names them (the emails here
are invented)."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from tests.jobmail.messages import mail, parsed

AGENCY = "Maya Brooks <maya@brightpath-staffing.example>"
SIGNED = "\n\nThanks,\nMaya Brooks\nTechnical Recruiter | BrightPath Staffing\n"
DECLINED = (
    "Dear Dana,\n\nThank you for your interest. After careful consideration, we have decided to move forward "
    "with other candidates.\n"
)


@pytest.mark.parametrize(
    "opening",
    [
        "I am reaching out on behalf of Coldwater Insurance, who are looking for a Senior Data Analyst in Hartford.",
        "I'm recruiting on behalf of my client, Coldwater Insurance, for a Senior Data Analyst role.",
        "Coldwater Insurance is hiring a Senior Data Analyst and I think your background is a great fit.",
        "Coldwater Insurance are looking for a Senior Data Analyst to join their team in Hartford.",
    ],
)
def test_it_takes_the_client_an_agency_recruits_for(rules: RulesClassifier, opening: str) -> None:
    result = rules.classify_sync(
        parsed("Senior Data Analyst opportunity", f"Hi Dana,\n\n{opening}{SIGNED}", sender=AGENCY)
    )
    assert (result.company, result.job_title) == ("Coldwater Insurance", "Senior Data Analyst")


def test_it_keeps_the_employer_when_a_pasted_description_names_a_department_deep_down(
    rules: RulesClassifier,
) -> None:
    description = "Responsibilities\n" + "Maintain dashboards and reports for the business.\n" * 15
    result = rules.classify_sync(
        parsed(
            "Senior Data Analyst - Contract",
            f"Hi Dana,\n\nPlease see the role below.\n\n{description}\nThe Claims Office is seeking an analyst "
            f"with five years of experience.{SIGNED}",
            sender=AGENCY,
        )
    )
    assert result.company == "BrightPath Staffing"


def test_it_takes_the_employer_over_its_talent_team_in_the_signature(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        parsed(
            "Update on your application",
            "Hi Dana,\n\nThank you for applying for the Machine Learning Engineer role on our Platform "
            "Infrastructure team. After careful review we have decided not to move forward.\n\n"
            "Larkspur Analytics Talent",
            sender="Larkspur Analytics <jobs@larkspur.example>",
        )
    )
    assert (result.company, result.job_title) == ("Larkspur Analytics", "Machine Learning Engineer")


def test_it_takes_the_subjects_fuller_title_over_the_bodys_short_one(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        parsed(
            "Your application: Software Engineer II",
            "Hi Dana,\n\nThanks for applying. Our team will review your application for the Engineer II opening "
            "soon.\n\nAcme Robotics",
            sender="Acme Robotics <jobs@acmerobotics.example>",
        )
    )
    assert result.job_title == "Software Engineer II"


@pytest.mark.parametrize(
    "subject",
    ["Re: Oportunidad Data Engineer – Valencia", "New Opportunity Data Engineer", "Urgent Data Engineer"],
)
def test_a_subjects_job_word_before_the_title_is_no_part_of_it(rules: RulesClassifier, subject: str) -> None:
    result = rules.classify_sync(
        parsed(
            subject,
            "Hi Dana,\n\nI have sent your CV to my client for the Data Engineer position and will call you as soon "
            "as I hear back.\n\nBest,\nRuth Albero\nBrightPath Staffing",
            sender=AGENCY,
        )
    )
    assert result.job_title == "Data Engineer"


def test_a_quoted_sentence_about_a_recruiter_names_no_title(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        parsed(
            "Five ways to answer the salary question",
            'Reader question of the week: "A recruiter asked what I earn now. Must I say?" Short answer: no.\n\n'
            "Until next week,\nThe Ladderwise newsletter\nYou are receiving this because you subscribed. "
            "Unsubscribe anytime.",
            sender="Ladderwise <hello@ladderwise.example>",
        )
    )
    assert result.job_title == ""


def test_it_ends_a_title_before_the_writer(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        parsed(
            "Opportunity",
            "Hi Dana,\n\nColdwater Insurance is hiring a Senior Data Analyst and I think you would fit." + SIGNED,
            sender=AGENCY,
        )
    )
    assert result.job_title == "Senior Data Analyst"


@pytest.mark.parametrize(
    ("subject", "company", "title"),
    [
        # A role's field of work is no part of the employer's name.
        ("Quillfeather Labs: Data Science Intern", "Quillfeather Labs", "Data Science Intern"),
        ("Quillfeather Labs Data Science Intern Application", "Quillfeather Labs", "Data Science Intern"),
        ("Your Quillfeather Labs Machine Learning Intern application", "Quillfeather Labs", "Machine Learning Intern"),
        ("RE: Data Science Intern Position", "", "Data Science Intern"),
        # The employer after the role, and the role in parentheses after the employer.
        ("Application for Data Science Intern - Quillfeather Labs", "Quillfeather Labs", "Data Science Intern"),
        ("Your application to Quillfeather Labs (Data Science Intern)", "Quillfeather Labs", "Data Science Intern"),
        # Subject templates that name the employer alone, or the role at the employer.
        ("Thank you for your interest in Quillfeather Labs", "Quillfeather Labs", ""),
        ("Quillfeather Labs Application Update", "Quillfeather Labs", ""),
        ("Update from Quillfeather Labs", "Quillfeather Labs", ""),
        ("Regarding your Quillfeather Labs application", "Quillfeather Labs", ""),
        ("An update on your application to Quillfeather Labs", "Quillfeather Labs", ""),
        ("Your application for Data Science Intern at Quillfeather Labs", "Quillfeather Labs", "Data Science Intern"),
        ("Data Science Intern Position at Quillfeather Labs", "Quillfeather Labs", "Data Science Intern"),
        ("Quillfeather Labs application: Data Science Intern", "Quillfeather Labs", "Data Science Intern"),
    ],
)
def test_it_reads_the_employer_and_role_from_a_subject_with_no_sender(
    rules: RulesClassifier, subject: str, company: str, title: str
) -> None:
    result = rules.classify_sync(mail(subject, DECLINED))
    assert (result.company, result.job_title) == (company, title)
