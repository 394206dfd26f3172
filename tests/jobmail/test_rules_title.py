"""The job title, where real job mail names it: agency subjects, ATS fields and templates,
job-board cards, federal notices. Every example is invented."""

from __future__ import annotations

import pytest

from jobmail.classify.rules.title import extract_title


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        ("Hiring for the role Cloud Platform Engineer || Denver, CO (Onsite)", "Cloud Platform Engineer"),
        ("Urgent need for Job Storage Administrator || Remote", "Storage Administrator"),
        ("phone screen || Database Administrator", "Database Administrator"),
        ("Position: Cloud Engineer - Remote - Long term contract", "Cloud Engineer"),
    ],
)
def test_it_reads_the_title_in_an_agency_subject(subject: str, title: str) -> None:
    assert extract_title(subject, "Please send your updated resume.") == title


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # The title on the line after the sentence that announces it.
        (
            "Thank you for applying! We received your application for:\n\nSenior Program Analyst - Req 4471\n",
            "Senior Program Analyst",
        ),
        ("Thanks, we received your application for job 4471 - Senior Buyer.", "Senior Buyer"),
        (
            "Please finish your application for the job Payroll Specialist II whenever you are ready.",
            "Payroll Specialist II",
        ),
        # A field without a colon, as agencies type it.
        ("Job Title - Cloud Security Engineer\nLocation - Remote\nDuration - 12 months", "Cloud Security Engineer"),
        ("Job title Network Operations Analyst\n\nLocation Tampa, FL", "Network Operations Analyst"),
    ],
)
def test_it_reads_the_title_an_ats_or_agency_lays_out(body: str, title: str) -> None:
    assert extract_title("Your application", body) == title


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("Thank you for applying for the Software Engineer in Test position at Acme.", "Software Engineer in Test"),
        (
            "We appreciate your application for the Director of Security for the Americas role.",
            "Director of Security for the Americas",
        ),
        (
            "Thank you for applying for the position of Research Scientist in Machine Learning (Job No. 4471) with "
            "Acme Labs.",
            "Research Scientist in Machine Learning",
        ),
        # Without a job noun or an id right after it, "in" still ends the title.
        ("Thank you for applying for the Data Analyst position in our Denver office.", "Data Analyst"),
        ("Your application for Data Analyst in Denver was received.", "Data Analyst"),
    ],
)
def test_it_keeps_the_inner_words_of_a_title_a_template_spans(body: str, title: str) -> None:
    assert extract_title("Thank you", body) == title


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # A requisition glued to a year is one token: all of it or none.
        ("Thank you for your application for Software Engineer 2021-12345.", "Software Engineer 2021-12345"),
        ("Thank you for your application for Software Engineer - 12345.", "Software Engineer"),
        # Federal notices: the announcement number and the pay grade are not the title.
        (
            "Your application for IT Specialist (INFOSEC), Announcement Number ABC-25-12345, has been reviewed.",
            "IT Specialist (INFOSEC)",
        ),
        (
            "Your application for the position of Supervisory Program Analyst, GS-0343-14, has been received.",
            "Supervisory Program Analyst",
        ),
        # A place after a dash.
        (
            "Your application for the Senior Software Engineer - Denver, CO role has been received.",
            "Senior Software Engineer",
        ),
    ],
)
def test_it_cuts_what_is_not_the_title(body: str, title: str) -> None:
    assert extract_title("Application status", body) == title


def test_it_reads_a_job_card_spread_over_lines() -> None:
    body = "Your application was sent to Acme\n\nSenior Backend Engineer\nAcme\nDenver, CO\n\nApplied on June 3\n"
    assert extract_title("Kelly, your application was sent to Acme", body, "Acme") == "Senior Backend Engineer"


@pytest.mark.parametrize(
    "signature",
    [
        "Best,\nDana Lee\nSenior Technical Recruiter\nAcme",
        "Dana Lee\nPeople Operations Coordinator\nAcme",
    ],
)
def test_it_never_takes_the_signers_title_for_the_role(signature: str) -> None:
    body = (
        f"Hi Sam,\n\nThank you for your interest in the Backend Engineer role. Could we talk on Monday?\n\n{signature}"
    )
    assert extract_title("Next steps", body, "Acme") == "Backend Engineer"


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Interview invitation",
            "Dear [Candidate Name], we invite you to interview for the [Job Title] position at [Company].",
        ),
        ("Your application for {{position}}", "Hi {{name}}, thanks for applying to {{position}}."),
        ("Offer", "We are pleased to offer you the position of [**position**] at [**company**]."),
    ],
)
def test_it_names_no_title_for_a_templates_placeholder(subject: str, body: str) -> None:
    assert extract_title(subject, body) == ""


@pytest.mark.parametrize(
    ("subject", "body", "title"),
    [
        (
            "Thank you",
            "Thank you for applying to the Vice President, Platform Security position at Acme.",
            "Vice President, Platform Security",
        ),
        ("Thank you", "Thank you for applying for Chief of Staff at Acme. We will be in touch.", "Chief of Staff"),
        (
            "Your application for Technology Development Program at Acme",
            "We will review it soon.",
            "Technology Development Program",
        ),
        ("Thank you", "We received your application for SOC Tier 2 (R-20455).", "SOC Tier 2"),
        # Bounded by the employer, a spanned title keeps its inner words.
        ("Thank you", "Thanks for applying for Head of Cyber Risk for EMEA at Acme.", "Head of Cyber Risk for EMEA"),
    ],
)
def test_it_takes_a_title_without_a_role_noun_where_the_text_bounds_it(subject: str, body: str, title: str) -> None:
    assert extract_title(subject, body, "Acme") == title


@pytest.mark.parametrize(
    "body",
    [
        "Thank you for applying for Chief of Staff. We will be in touch.",
        "We received your application for the Denver, CO position.",
        "We received your application for the Full Time position.",
        "Thank you for signing the NDA. Your onsite visit for the Payments position is confirmed.",
        "Acme is an Equal Employment Opportunity employer.",
        "Learn how to Monitor and Protect Every Service with Acme.",
    ],
)
def test_it_takes_no_title_without_a_role_noun_from_an_unbounded_phrase(body: str) -> None:
    assert extract_title("Update", body, "Acme") == ""


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # An id in parentheses ends the posting's title, whatever follows it.
        ("Your application for Network Engineer (Job ID 55120), Galway has been received.", "Network Engineer"),
        (
            "Ihre Bewerbung als Netzwerkadministrator/in (Kennziffer 2031-44) ist eingegangen.",
            "Netzwerkadministrator/in",
        ),
        # A list of skills, and a place with a work arrangement, in parentheses.
        ("We'd love to talk about the Senior Data Engineer (Scala, Spark, Kafka) role.", "Senior Data Engineer"),
        ("Gracias por tu candidatura para el puesto de Analista de Datos (Sevilla / híbrido).", "Analista de Datos"),
    ],
)
def test_it_cuts_ids_skills_and_arrangements_inside_a_title(body: str, title: str) -> None:
    assert extract_title("Hello", body) == title


def test_it_prefers_the_fuller_spelling_with_a_seniority() -> None:
    body = "Could we have a call about the Senior Pipeline Engineer contract next week?"
    assert extract_title("Quick call re: Pipeline Engineer contract", body) == "Senior Pipeline Engineer"


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        ("Phone Screen: Sam Lee / Senior Threat Intelligence Analyst", "Senior Threat Intelligence Analyst"),
        ("Regarding the Manager, Security Operations role", "Manager, Security Operations"),
        ("Important information about your Manager, Security Operations application", "Manager, Security Operations"),
        (
            "Thank you for your interest in the Vice President, Platform Security position",
            "Vice President, Platform Security",
        ),
    ],
)
def test_it_reads_a_scheduler_or_sentence_subject(subject: str, title: str) -> None:
    assert extract_title(subject, "Hello.") == title


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # A long line does not run on into the next line's field.
        (
            "Hi Sam,\n\nThank you for applying. Position: Senior Threat Intelligence Analyst\nRequisition: 4471\n",
            "Senior Threat Intelligence Analyst",
        ),
        # The employer is no part of a title spanning "for the".
        ("Thank you for applying to Acme for the Detection Engineer role!", "Detection Engineer"),
        (
            "Thank you for submitting your resume for Detection Engineer. A recruiter will reach out.",
            "Detection Engineer",
        ),
        # A field's value, a job card's line and a line of its own run to the end of the line.
        ("Role: Software Engineer in Test\nLocation: Remote", "Software Engineer in Test"),
        (
            "Your application was sent to Acme\n\nHead of Risk for EMEA\nAcme · Reston, VA (On-site)\n",
            "Head of Risk for EMEA",
        ),
        ("Your application was sent to Acme\n\nChief of Staff\nAcme · Reston, VA (On-site)\n", "Chief of Staff"),
        (
            "We have received your application for the following position:\n\nChief of Staff\n\nThanks.",
            "Chief of Staff",
        ),
        ("We received your application for Chief of Staff, Announcement Number ABC-25-123.", "Chief of Staff"),
    ],
)
def test_it_reads_a_title_to_the_end_of_its_field_line_or_card(body: str, title: str) -> None:
    assert extract_title("Your application", body, "Acme") == title


@pytest.mark.parametrize(
    "body",
    [
        "Position Title | Senior Threat Analyst\nLocation | Reston, VA",
        "Position\tSenior Threat Analyst\nLocation\tReston, VA",
    ],
)
def test_it_reads_a_title_from_a_table_row(body: str) -> None:
    assert extract_title("Application received", body, "Acme") == "Senior Threat Analyst"


@pytest.mark.parametrize(
    "body",
    [
        # Bodies stored flattened to one line: the next field or sentence ends the title.
        "Hi Sam, details below. Job Title: Senior Threat Analyst Location: Reston, VA Job ID: 4471 Duration: 12 months",
        "Hello Sam Job Title Senior Threat Analyst Location Reston, VA Duration 12 months",
        "Thank you for applying to Acme. Position: Senior Threat Analyst Requisition: 4471 Status: Received",
        "Hi Sam, Your application for Senior Threat Analyst Reston, VA has been received.",
        "Role: Senior Threat Analyst Client: Federal Agency Location: Reston",
        "We received your submission to the following position: Senior Threat Analyst If you have questions, reply.",
        "We are recruiting for Senior Threat Analyst Must have an active clearance.",
    ],
)
def test_it_ends_a_title_at_the_next_field_of_a_flattened_body(body: str) -> None:
    assert extract_title("Job details", body, "Acme") == "Senior Threat Analyst"


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("Thank you for applying for the Senior Location Manager position.", "Senior Location Manager"),
        ("Position: Supervisory IT Specialist (INFOSEC)\nStatus: Received", "Supervisory IT Specialist (INFOSEC)"),
        (
            "We have your application for the position of Data Engineer - Direct Client at Acme.",
            "Data Engineer - Direct Client",
        ),
    ],
)
def test_it_keeps_field_words_that_belong_to_the_title(body: str, title: str) -> None:
    assert extract_title("Job details", body, "Acme") == title


@pytest.mark.parametrize(
    ("body", "title"),
    [
        (
            "As part of your application to Platform Developer: 2027, please complete the quiz.",
            "Platform Developer: 2027",
        ),
        ("Thank you for applying to Data Analyst, 2027 Graduate Program.", "Data Analyst, 2027 Graduate Program"),
        ("Position: Data Analyst, 12 months\nLocation: Remote", "Data Analyst"),
    ],
)
def test_it_keeps_a_year_after_a_comma_or_colon(body: str, title: str) -> None:
    assert extract_title("Update", body) == title


@pytest.mark.parametrize(
    ("body", "title"),
    [
        (
            "Thank you for your interest in the Software Engineer, New Grad (2027) position.",
            "Software Engineer, New Grad (2027)",
        ),
        (
            "Regarding Software Developer (R-4471): we have decided to proceed with other applicants.",
            "Software Developer",
        ),
        ("You have been selected to move forward in the process for Software Developer.", "Software Developer"),
    ],
)
def test_it_reads_more_ats_sentences(body: str, title: str) -> None:
    assert extract_title("Update", body, "Acme") == title


def test_it_keeps_a_title_that_a_misread_company_repeats() -> None:
    body = "Thank you for applying to the Threat Intelligence Analyst position."
    assert extract_title("Application received", body, "Threat Intelligence Analyst") == "Threat Intelligence Analyst"


def test_it_never_takes_an_institution_for_the_title() -> None:
    body = "Thanks for applying to Harbour Engineering Institute."
    assert (
        extract_title("Your application to Harbour Engineering Institute", body, "Harbour Engineering Institute") == ""
    )


def test_it_reads_a_card_of_title_employer_and_place_lines() -> None:
    body = "Application submitted\n\nSenior Threat Analyst\nBanyan Labs\nReston, VA\n\nThe following items were sent."
    assert extract_title("Application submitted", body) == "Senior Threat Analyst"


def test_it_never_takes_a_recruiters_signature_for_a_card() -> None:
    body = "Hi Sam,\n\nThanks for your time today.\n\nBest, Dana\nTechnical Recruiter\nAcme Corp\nReston, VA"
    assert extract_title("Next steps", body, "Acme Corp") == ""
