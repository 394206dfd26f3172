"""Status, company and title from mail that gives little: no sender, often no subject, as
in exports, forwarded text and templates. Every name here is invented for these tests."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.evaluation import _company_match_key
from jobmail.message import ParsedMessage, parse_message
from jobmail.text.clean import unescape_entities


def body_only(body: str, subject: str = "") -> ParsedMessage:
    headers = f"Subject: {subject}\n" if subject else ""
    return parse_message(f"{headers}Content-Type: text/plain; charset=utf-8\n\n{body}".encode())


def extracted(rules: RulesClassifier, body: str, subject: str = "") -> tuple[str, str]:
    result = rules.classify_sync(body_only(body, subject))
    assert result.is_job_related
    return result.company, result.job_title


@pytest.mark.parametrize(
    ("body", "title"),
    [
        (
            "Hello Pat,\n\nThank you for your interest in Manager, Detection Engineering .\n\nAnother candidate "
            "has been selected for this opportunity.\n\nBest regards,\nQuillfeather Talent Acquisition Team",
            "Manager, Detection Engineering",
        ),
        (
            "Dear Pat,\n\nThank you for your interest in Threat Hunter II. Your application has been received and "
            "is under review.\n\nBrambleworth Talent Acquisition",
            "Threat Hunter II",
        ),
        (
            "Dear Pat,\n\nWe regret to inform you that the Software Engineer Intern position you applied for has "
            "been filled.\n\nSincerely,\nGreystone University Human Resources",
            "Software Engineer Intern",
        ),
        (
            "Dear Pat,\n\nThank you for your interest in working at Glenmoor Health. Unfortunately we have filled "
            "the Claims Adjuster position.\n\nGlenmoor Health HR",
            "Claims Adjuster",
        ),
        (
            "Dear Pat,\n\nThank you for your recent application to our Senior Threat Analyst, XK2041B position in "
            "United States.\n\nYour application has been received.\n\nWillowmere Recruiting",
            "Senior Threat Analyst",
        ),
    ],
)
def test_it_reads_the_title_from_the_sentences_of_a_body_without_headers(
    rules: RulesClassifier, body: str, title: str
) -> None:
    assert extracted(rules, body)[1] == title


def test_it_reads_html_entities_left_in_a_text_part(rules: RulesClassifier) -> None:
    company, title = extracted(
        rules,
        "Dear Pat,\n\nThank you for applying.&nbsp;After careful consideration we have decided to pursue other "
        "candidates for this particular role:&nbsp;Senior Manager, Cyber Research.\n\nSincerely,\n"
        "The Gladstone Networks Recruiting Team",
    )
    assert (company, title) == ("Gladstone Networks", "Senior Manager, Cyber Research")
    assert unescape_entities("&#169; 2026 Acme &amp; Sons") == "© 2026 Acme & Sons"
    assert unescape_entities("R&D at Acme") == "R&D at Acme"


def test_it_does_not_take_a_sentence_before_a_capitalised_word_for_a_title(rules: RulesClassifier) -> None:
    _company, title = extracted(
        rules,
        "Hello Pat,\n\nThank you for your interest in Quillfeather careers.\n\nWe have decided to move forward "
        "with other candidates.\n\nQuillfeather Recruiting",
    )
    assert "interest" not in title.lower()


@pytest.mark.parametrize(
    ("body", "company"),
    [
        # An institution's name goes on after "for".
        (
            "Hi Pat,\n\nThank you for applying to the Frontend Engineer position at the Meadowlark Institute for "
            "Learning. We will review your application.\n\nBest,\nRecruiting",
            "Meadowlark Institute for Learning",
        ),
        # A name may start with a lowercase letter before a capital.
        (
            "Dear Pat,\n\nThank you for your interest in a career with vTrellis Systems. We have received your "
            "application and will be in touch.",
            "vTrellis Systems",
        ),
        # "team at": the speaker's department, then the employer.
        (
            "Dear Pat,\n\nI'm part of the Human Resources team at Northvale Observatory, and I'm recruiting for "
            "research analyst roles. Your background looks like a great fit.\n\nSincerely,\nDana",
            "Northvale Observatory",
        ),
        # An organisation signs the letter after its closing line.
        (
            "Hi Pat,\n\nThank you for applying! We have received your application and will be in touch.\n\n"
            "Sincerely,\nRowanfield Foundation",
            "Rowanfield Foundation",
        ),
        ("Hi Pat,\n\nThanks for your application! We received it.\n\nBest wishes,\n\nTeam Bluefin", "Bluefin"),
        # Footers: copyright (cleaning drops it, the raw text keeps it), equal opportunity, unsubscribe.
        (
            "Dear Pat,\n\nYour application has been received.\n\n© 2026 Silverbirch Technologies, Inc. All rights "
            "reserved.",
            "Silverbirch Technologies",
        ),
        (
            "Dear Pat,\n\nThank you for applying. Your application has been received.\n\nBrightwater Energy is an "
            "equal opportunity employer.",
            "Brightwater Energy",
        ),
        (
            "Dear Pat,\n\nYour application has been received.\n\nIf you no longer wish to receive e-mail from "
            "Cobbleton Solutions, click here.",
            "Cobbleton Solutions",
        ),
        # A platform company is the employer when the text applies to it, even with no sender to confirm it.
        ("Hi Pat,\n\nThanks for applying to Google! We have received your application.\n\nGoogle Recruiting", "Google"),
    ],
)
def test_it_finds_the_employer_of_a_body_without_headers(rules: RulesClassifier, body: str, company: str) -> None:
    assert extracted(rules, body)[0] == company


def test_it_keeps_the_brand_over_the_legal_name_of_a_footer(rules: RulesClassifier) -> None:
    company, _title = extracted(
        rules,
        "Hi Pat,\n\nWe noticed you started applying but did not finish your application.\n\nBest wishes,\n\n"
        "Team Kestrel\n\n© 2026 Kestrel Services, Inc.",
    )
    assert company == "Kestrel"


@pytest.mark.parametrize(
    "body",
    [
        # A slogan with a possessive, an ATS's footer, a role after "the", a schedule's row.
        "Hi Pat,\n\nWe would like to schedule your interview.\n\nJoin Our Talent Network!",
        "Dear Pat,\n\nYour application has been received.\n\n© 2026 Workday, Inc. All rights reserved.",
        "Thank you for applying to the AI Compliance position. Unfortunately we will not move forward.",
        "Hi Pat,\n\nYour interviews are confirmed:\n\nScreening call with Sam | 4:00 – 4:30 pm ET\n"
        "Break | 4:30 – 4:45 pm ET\nPanel | 4:45 – 5:30 pm ET",
    ],
)
def test_it_takes_no_slogan_vendor_role_or_schedule_row_for_the_employer(rules: RulesClassifier, body: str) -> None:
    assert extracted(rules, body)[0] == ""


def test_it_scores_a_company_regardless_of_a_leading_article() -> None:
    assert _company_match_key("The Meadowlark Institute, Inc.") == _company_match_key("meadowlark institute")
    assert _company_match_key("Theodor Labs") != _company_match_key("Labs")


def test_it_reads_a_title_after_the_employers_possessive(rules: RulesClassifier) -> None:
    company, title = extracted(
        rules,
        "Dear Pat,\n\nThank you for your interest in Copperline's Senior Threat Analyst opening. We have received "
        "your application.\n\nThe Copperline Recruiting Team",
    )
    assert (company, title) == ("Copperline", "Senior Threat Analyst")


def test_it_takes_no_title_case_phrase_of_a_subject_for_the_employer(rules: RulesClassifier) -> None:
    company, _title = extracted(
        rules,
        "Dear Pat,\n\nThank you for applying to Kestrel Payments. You can return to the form you saved and "
        "finish your application by following the link below.\n\nThis is an automated alert.",
        subject="Steps for Resuming Your Saved Form Soon",
    )
    assert company == "Kestrel Payments"


def test_it_does_not_take_a_recruiters_name_on_an_ats_mailbox_for_the_employer(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        parse_message(
            b"From: Jordan Reyes <recruiting+x7k2@mail.paylocity.com>\nSubject: Thank you from Ferrovia\n"
            b"Content-Type: text/plain; charset=utf-8\n\nHi Pat,\n\nThank you for your application to the Data "
            b"Analyst position at Ferrovia. We have decided not to move forward at this time.\n\nSincerely,\n\n"
            b"Ferrovia Talent Acquisition Team"
        )
    )
    assert result.company == "Ferrovia"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        # A recruiter's approach that names the role as "an opportunity", a client and the pay.
        (
            "Hi Dana,\n\nI came across your profile and think you'd be a great fit for a Senior Backend Engineer "
            "opportunity with a client of mine, a fintech in Austin. Compensation is $160-180k plus equity, fully "
            "remote. Are you open to a quick chat this week?\n\nCheers,\nLeo",
            "recruiter_outreach",
        ),
        (
            "Hello Chris, I am working with a fast-growing healthcare startup that is building out its data team. "
            "Given your experience with Python and Spark, I thought you might be interested. Would you be open to "
            "hearing more?\nBest, Nina",
            "recruiter_outreach",
        ),
        (
            "Hi there! We have an exciting opportunity for a Product Designer at Larkspur Analytics. The salary "
            "range is 95-110k. Let me know if you are interested and when is a good time to talk.",
            "recruiter_outreach",
        ),
        # The candidate asking after their own application.
        (
            "Hi Taylor, just checking in to see where things stand with my candidacy. I remain very interested in "
            "the position. Best, Riley",
            "other_job",
        ),
        (
            "Hi Morgan, I never heard back after our call. Is there any news on my application to Quillfeather "
            "Labs? Thanks, Jamie",
            "other_job",
        ),
        (
            "Hi Jordan,\n\nThanks for speaking with me last week. The hiring manager would like to schedule a 30 "
            "minute video interview with you. Are you available Tuesday or Wednesday afternoon?\n\nBest,\nMaya",
            "interview",
        ),
        (
            "Hi [**name**],\n\nThank you for applying to the [**position**] role at [**company**]. As the next "
            "step, we'd like you to complete a short take-home task. Please submit your solution within 3 days "
            "using the link below.\n\n[**link**]\n\nGood luck!",
            "assessment",
        ),
        (
            "Dear [**name**], as part of our selection process we would like to invite you to complete an online "
            "test. The test takes about 60 minutes. Please complete it by [**deadline**]. Regards, [**company**] team",
            "assessment",
        ),
        (
            "Dear Avery,\n\nWe are delighted to offer you the position of Marketing Manager at Quillfeather Labs, "
            "with a starting salary of $85,000. Please find the offer letter attached.\n\nWarm regards",
            "offer",
        ),
    ],
)
def test_it_reads_job_mail_from_the_body_alone(rules: RulesClassifier, body: str, status: str) -> None:
    result = rules.classify_sync(body_only(body))
    assert (result.status, result.is_job_related) == (status, True)


@pytest.mark.parametrize(
    "body",
    [
        "Hi everyone, the weekly newsletter is here: five tips for better sleep and an interview with a local chef. "
        "Unsubscribe here.",
        "Thanks for your order! Your receipt for $24.99 is below. Order #55421. Estimated delivery: Tuesday.",
        "Hey, are you free for dinner on Thursday? Mom wants to come too. Let me know!",
        "Dear all, please remember that open enrollment for benefits ends Friday. Contact HR with questions.",
        "Hi Sam, are you available for a quick call on Tuesday to discuss the Q3 roadmap? Thanks, Ben",
        "Hi, would you be open to a 15 minute call? Our platform helps sales teams close deals faster. Book a demo.",
        "Dear team, my client is a bakery and their launch party is on Friday. The pay range for the caterers is "
        "fine. Unsubscribe from this list here.",
        "I sent my application for the apartment on Elm Street to the landlord; any news on my application "
        "and the deposit?",
    ],
)
def test_it_keeps_other_mail_without_headers_not_job(rules: RulesClassifier, body: str) -> None:
    result = rules.classify_sync(body_only(body))
    assert (result.status, result.certain) == ("not_job", False)
