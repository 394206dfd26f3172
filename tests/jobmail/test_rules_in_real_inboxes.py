"""General patterns of real inboxes, pinned on mail written for these tests: conditionals,
questions, who is speaking, ATS tenants, and names that are not employers."""

from __future__ import annotations

from functools import partial

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.classify.rules.company import ats_tenants, sender_identity
from jobmail.message import parse_message
from jobmail.taxonomy import Status
from tests.jobmail.messages import parsed

#: A dated plain-text email from Jane Roe unless a test names another sender.
email = partial(parsed, sender="Jane Roe <jane.roe@acme-robotics.example>", message_id="<s@example>")


def test_it_does_not_read_a_conditional_if_you_are_not_selected_as_a_rejection(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Thank you for applying to Kestrel Payments",
            "Hi Dana,\n\nThank you for applying for the Platform Engineer role at Kestrel Payments. We have "
            "received your application and our team reviews every one. If you are not selected for an "
            "interview this time, we will keep your resume on file for future openings.\n\nKestrel Payments Talent",
            sender="Kestrel Payments <no-reply@kestrelpayments.example>",
        )
    )
    assert result.status == Status.APPLIED


def test_it_does_not_read_a_question_about_a_decision_as_the_decision(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Re: Platform Engineer application",
            "Hi Sam,\n\nI have not heard back since my interview. Did you decide to move forward with other "
            "candidates? Either way, thanks for your time.\n\nDana",
            sender="Dana Demo <dana.demo@gmail.com>",
        )
    )
    assert result.status != Status.REJECTED


def test_it_names_the_company_from_an_ats_tenant(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Thank you for your application",
            "Hi Dana,\n\nThanks for applying! We have received your application for the Tools Programmer "
            "role. You can follow its status at https://jobs.lever.co/brackenridge-games/4f1c2a9e anytime.\n",
            sender="no-reply@hire.lever.co",
        )
    )
    assert result.status == Status.APPLIED
    assert result.company == "Brackenridge Games"
    assert ats_tenants("see https://tarnvalley.wd5.myworkdayjobs.com/en-US/careers/job/123") == ["tarnvalley"]


def test_it_tells_an_employer_sender_from_a_shared_one() -> None:
    from jobmail.classify.rules.phrases import load_rules

    loaded = load_rules()
    assert sender_identity("tarnvalley@myworkday.com", loaded) == "myworkday.com/tarnvalley"
    assert sender_identity("no-reply@us.greenhouse-mail.io", loaded) == ""
    assert sender_identity("someone@gmail.com", loaded) == ""
    assert sender_identity("priya@mail.saltmarsh-analytics.example", loaded) == "saltmarsh-analytics.example"


def test_it_keeps_a_recruiters_own_message_with_a_mailer_footer_as_outreach(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Contract role: Senior Go Developer | Remote",
            "Hello Dana,\n\nI am reaching out regarding a contract opportunity with one of our clients, a "
            "logistics firm. Please reply with your updated resume and your expected rate if you are "
            "interested.\n\nOliver Brandt\nTechnical Recruiter, Fieldstone Staffing\n\n"
            "To unsubscribe from these emails, click here.",
            sender="Oliver Brandt <oliver.brandt@fieldstone-staffing.example>",
        )
    )
    assert result.status == Status.RECRUITER_OUTREACH


def test_it_reads_an_offer_letter_from_an_offers_address_as_an_offer(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Offer Letter - Platform Engineer",
            "Hi Dana,\n\nWe are delighted to extend you an offer for the Platform Engineer position. The offer "
            "letter is attached; please sign and return it within five days.\n\nKestrel Payments",
            sender="offers@kestrelpayments.example",
        )
    )
    assert result.status == Status.OFFER


@pytest.mark.parametrize(
    "signature",
    ["Vireo Labs, 1200 W Alder Ave, Sunnyvale, CA 94089", "Senior Software Engineer"],
)
def test_it_never_names_a_street_address_or_a_job_title_as_the_employer(rules: RulesClassifier, signature: str) -> None:
    result = rules.classify_sync(
        email(
            "Your application was received",
            "Hi Dana,\n\nThank you for applying. We have received your application for the Data Analyst "
            f"position.\n\n{signature}\n",
            sender="no-reply@vireolabs.example",
        )
    )
    assert result.status == Status.APPLIED
    assert "Ave" not in result.company
    assert "Engineer" not in result.company


def test_it_reads_a_boards_application_confirmation_despite_its_no_reply_sender(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Dana, your application was sent to Brackenridge Games",
            "Your application was sent to Brackenridge Games\n\nTools Programmer\nBrackenridge Games · Leeds "
            "(Hybrid)\nApplied on 8 September\n\nView application\n\nUnsubscribe · Help",
            sender="LinkedIn <jobs-noreply@linkedin.com>",
        )
    )
    assert result.status == Status.APPLIED
    assert not result.certain
    assert result.company == "Brackenridge Games"


def test_it_reads_the_role_after_the_employer_and_a_requisition_number(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Fenwick Health, LLC -2210-Security Analyst has been filled",
            "Dear Dana,\n\nThank you for your interest in Fenwick Health. The position has been filled.\n",
            sender="Fenwick Health <do-not-reply@fenwickhealth.example>",
        )
    )
    assert result.status == Status.REJECTED
    assert result.company == "Fenwick Health"
    assert result.job_title == "Security Analyst"


def test_it_reads_a_quoted_and_an_abbreviated_title(rules: RulesClassifier) -> None:
    quoted = rules.classify_sync(
        email(
            "Your application",
            'Thank you for your interest in Tarn Valley and the "Data Analyst I" position. We have received your '
            "application.",
            sender="Tarn Valley Careers <careers@tarnvalley.example>",
        )
    )
    assert quoted.job_title == "Data Analyst I"
    wrapped = rules.classify_sync(
        email(
            "Follow-up on your application",
            "Thank you for your interest in the Sr. Manager, Field Operations role at Tarn Valley. We have decided\n"
            "not to move forward with your application.\n",
            sender="Tarn Valley Careers <careers@tarnvalley.example>",
        )
    )
    assert wrapped.job_title == "Sr. Manager, Field Operations"


def test_it_names_a_platform_company_only_from_its_own_domain(rules: RulesClassifier) -> None:
    own = rules.classify_sync(
        email(
            "Thanks for applying to Google",
            "Hi Dana,\n\nThanks for applying to Google. We have received your application for the Data Engineer "
            "role and will review it.\n",
            sender="Google <noreply@google.com>",
        )
    )
    assert own.company == "Google"
    meeting = rules.classify_sync(
        email(
            "Interview confirmed",
            "Hi Dana,\n\nYour interview for the Data Engineer role is confirmed for Tuesday at 10:00 on Google Meet."
            "\n\nTarn Valley Recruiting",
            sender="Tarn Valley Careers <careers@tarnvalley.example>",
        )
    )
    assert meeting.company != "Google"


@pytest.mark.parametrize(
    "body",
    [
        "Thank you for your interest in employment with Marrowfield Systems. Unfortunately we have decided to "
        "pursue other candidates.",
        "Everyone here at Marrowfield Systems appreciates your interest. We regret to inform you that the "
        "position has been filled.",
        "Thank you for considering Marrowfield Systems as your next employer. We regret to inform you that we "
        "will not be moving forward.",
        "Thanks for your interest in Marrowfield Systems's Data Analyst position. We regret to inform you that "
        "we will not be moving forward.",
        "At Marrowfield Systems, we read every application. Unfortunately, you were not selected for the Data "
        "Analyst role.",
    ],
)
def test_it_finds_the_employer_in_the_sentences_of_a_body_without_headers(rules: RulesClassifier, body: str) -> None:
    result = rules.classify_sync(email("", body, sender=""))
    assert result.status == Status.REJECTED
    assert result.company == "Marrowfield Systems"


@pytest.mark.parametrize(
    "subject",
    [
        "Marrowfield Systems - Junior Data Analyst - Application Received",
        "Junior Data Analyst - Marrowfield Systems",
        "Your Marrowfield Systems application",
    ],
)
def test_it_reads_the_employer_from_the_structure_of_the_subject(rules: RulesClassifier, subject: str) -> None:
    result = rules.classify_sync(
        email(
            subject,
            "Thank you for applying to the Junior Data Analyst role. We have received your application.",
            sender="",
        )
    )
    assert result.status == Status.APPLIED
    assert result.company == "Marrowfield Systems"


def test_it_does_not_take_a_step_of_the_process_in_the_subject_for_the_employer(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Application Received - Junior Data Analyst",
            "Thank you for applying to the Junior Data Analyst role. We have received your application.",
            sender="",
        )
    )
    assert result.company == ""


@pytest.mark.parametrize(
    "body",
    [
        "Thank you for applying. Unfortunately, we have decided that your qualifications do not meet our needs.",
        "Thanks for your application. Sadly we won't be able to take things further.",
        "Dear Sam, thank you for taking the time to apply. We have decided to proceed with applicants whose "
        "qualifications more closely meet our needs.",
        "Dear Candidate, We appreciate your application. Unfortunately, the team has decided to move on with another "
        "applicant.",
        "Thanks for applying to the internship. We are going to pass on your application at this time.",
        "Hi Sam, We want to thank you for your interest. We regret that we have no position for you right now.",
        "Thank you for applying to Larkspur Mobility. After reviewing your application, we feel other applicants "
        "better suit our needs. Best wishes in your search.",
    ],
)
def test_it_reads_rejections_in_words_beyond_the_canonical_phrases(rules: RulesClassifier, body: str) -> None:
    assert rules.classify_sync(email("", body, sender="")).status == Status.REJECTED


def test_it_takes_a_hiring_mailbox_for_a_job_context(rules: RulesClassifier) -> None:
    body = "Hi Sam, please complete the background check form linked below so we can proceed."
    from_careers = rules.classify_sync(email("Next steps", body, sender="Larkspur Careers <careers@larkspur.example>"))
    assert from_careers.status == Status.ACTION_REQUIRED
    from_shop = rules.classify_sync(email("Next steps", body, sender="Larkspur <orders@larkspur.example>"))
    assert from_shop.status == Status.NOT_JOB


def test_it_reads_the_employer_after_a_role_noun(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Job offer",
            "We are delighted to offer you the position of Junior Data Analyst at Larkspur Mobility.",
            sender="",
        )
    )
    assert result.status == Status.OFFER
    assert result.company == "Larkspur Mobility"


def test_it_takes_the_users_own_application_with_a_status_phrase_for_a_job_unless_it_names_what_else(
    rules: RulesClassifier,
) -> None:
    job = rules.classify_sync(
        email(
            "Thank you for applying to Larkspur",
            "We have received your application and will review it soon.",
            sender="",
        )
    )
    assert job.status == Status.APPLIED
    card = rules.classify_sync(
        email(
            "Thank you for applying",
            "We have received your application for the Larkspur Rewards credit card and will review it soon.",
            sender="",
        )
    )
    assert card.status == Status.NOT_JOB


def test_it_never_names_a_job_board_for_the_employer(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Your application for Senior Security Analyst has been submitted",
            "Application submitted. The employer will review your application.",
            sender="Dice <noreply@dice.com>",
        )
    )
    assert result.company == ""
    assert result.job_title == "Senior Security Analyst"


@pytest.mark.parametrize(
    "body",
    [
        "Thank you for your interest in the 2025-1234 Senior Security Analyst position. We have received your "
        "application.",
        "We received your application for Senior Security Analyst, Requisition 2025-1234. Our team will review it.",
        "Thank you for your interest in the position 12345 - Senior Security Analyst. We have received your "
        "application.",
    ],
)
def test_it_reads_a_title_around_requisition_numbers(rules: RulesClassifier, body: str) -> None:
    result = rules.classify_sync(email("Thank you for applying", body, sender="Larkspur <larkspur@icims.com>"))
    assert result.job_title == "Senior Security Analyst"


def test_it_reads_a_job_boards_card(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Application submitted",
            "Application submitted\n\nSenior Threat Analyst\n\nLarkspur Mobility - Denver, CO\n\nThe following items "
            "were sent to the employer.",
            sender="Indeed Apply <indeedapply@indeed.com>",
        )
    )
    assert (result.company, result.job_title) == ("Larkspur Mobility", "Senior Threat Analyst")


def test_it_takes_the_next_title_when_the_best_one_is_the_employer(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Application received",
            "Thank you for your interest in the Senior Test Engineer role at the Harbour Engineering Institute. Your "
            "application has been received.",
            sender="Harbour Engineering Institute <harbour@myworkday.com>",
        )
    )
    assert result.company == "Harbour Engineering Institute"
    assert result.job_title == "Senior Test Engineer"


def test_it_does_not_read_a_purpose_clause_with_better_match_as_a_rejection(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Next round",
            "Hi Sam,\n\nSo that we can better match candidates with teams, please complete a short coding exercise "
            "and submit it by Friday.\n\nLarkspur Mobility",
            sender="",
        )
    )
    assert result.status == Status.ASSESSMENT


def test_it_takes_scheduling_the_test_itself_for_an_assessment(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "",
            "Send us your availability for the online test next week, and pick a slot in the calendar; the link "
            "follows once it is booked.",
            sender="",
        )
    )
    assert result.status == Status.ASSESSMENT


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (
            "Please take me off the list for the Data Analyst role: I would like to withdraw my candidacy, as I have "
            "taken another job.",
            Status.WITHDRAWN,
        ),
        (
            "Thanks for meeting us about the Data Analyst role. We are sorry to inform you that the role is not the "
            "best match for you right now.",
            Status.REJECTED,
        ),
    ],
)
def test_it_reads_withdrawals_and_soft_rejections(rules: RulesClassifier, body: str, status: str) -> None:
    assert rules.classify_sync(email("Data Analyst", body, sender="")).status == status


def test_it_does_not_take_a_thank_you_for_the_users_interest_for_cold_outreach(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "",
            "Hi Sam, thanks for your interest in the role. Our client has chosen to go another way. I'll keep you in "
            "mind for new roles that come in.",
            sender="",
        )
    )
    assert result.status == Status.REJECTED


@pytest.mark.parametrize(
    "subject",
    [
        "Larkspur Mobility: Interview invitation for Senior Data Analyst",
        "Larkspur Mobility Follow-Up for Senior Data Analyst",
    ],
)
def test_it_reads_the_title_after_a_step_named_in_the_subject(rules: RulesClassifier, subject: str) -> None:
    result = rules.classify_sync(
        email(
            subject, "Dear Sam, we would like to invite you to an interview. Please share your availability.", sender=""
        )
    )
    assert result.job_title == "Senior Data Analyst"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (
            "Good news: a member of our staff referred you for the Data Analyst opening. Expect a message from our "
            "recruiting team this week.",
            Status.OTHER_JOB,
        ),
        (
            "A profile was set up for you on the Larkspur careers portal. Sign in with your email address.",
            Status.OTHER_JOB,
        ),
        (
            "Thanks for your interest in careers at Larkspur Mobility; we will look at your résumé shortly.",
            Status.APPLIED,
        ),
    ],
)
def test_it_reads_referrals_portal_accounts_and_interest_in_careers(
    rules: RulesClassifier, body: str, status: str
) -> None:
    result = rules.classify_sync(
        email("Larkspur Mobility", body, sender="Larkspur Talent <recruiting@larkspur.example>")
    )
    assert result.status == status


@pytest.mark.parametrize(
    "body",
    [
        "Hi Sam, I'd love to set up a time for you to meet with our hiring manager. Does Tuesday afternoon work?",
        "Hi Sam, we reviewed your resume and would like to have a conversation with you about the Data Analyst "
        "position. Please reply with a few times that work.",
        "Hi Sam, we would like to bring you in to meet the team for the Data Analyst role. Which day works for you?",
    ],
)
def test_it_reads_invitations_to_meet_in_words_beyond_interview(rules: RulesClassifier, body: str) -> None:
    result = rules.classify_sync(email("Data Analyst", body, sender="Dana Moss <dana.moss@larkspur.example>"))
    assert result.status == Status.INTERVIEW


@pytest.mark.parametrize(
    "body",
    [
        "The status of your application for IT Specialist has changed. Status: Not Referred. You were found "
        "eligible but not among the best qualified candidates.",
        "Status: Ineligible. Based on your answers you do not meet the minimum qualifications for this position.",
        "The job announcement you applied to, IT Specialist, has been cancelled.",
    ],
)
def test_it_reads_status_fields_ineligibility_and_cancelled_announcements_as_rejections(
    rules: RulesClassifier, body: str
) -> None:
    result = rules.classify_sync(
        email("Your application status has been updated", body, sender="Jobs Portal <notices@jobsportal.example>")
    )
    assert result.status == Status.REJECTED


def test_it_keeps_neither_a_bare_lowercase_noun_nor_a_tax_form_as_a_title(rules: RulesClassifier) -> None:
    rejection = rules.classify_sync(
        email("Update", "Status: Not Selected. The hiring manager has selected another applicant.", sender="")
    )
    assert rejection.job_title == ""
    outreach = rules.classify_sync(
        email(
            "Contract role: Security Engineer - W2",
            "Hi Sam, we have an immediate need for a Security Engineer. Please reply with your updated resume, rate "
            "and availability.",
            sender="Mia Lund <mia.lund@staffingco.example>",
        )
    )
    assert outreach.job_title == "Security Engineer"


def test_it_takes_no_employer_from_a_job_boards_own_domain(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Application received",
            "Thank you for applying to IT Specialist. Your application has been received by the agency.",
            sender="USAJOBS <notifications@usajobs.gov>",
        )
    )
    assert result.status == Status.APPLIED
    assert result.company == ""


def test_it_reads_an_agency_recruiters_opening_through_a_mailer_as_outreach(rules: RulesClassifier) -> None:
    raw = (
        "From: Raj Patel <raj.patel@staffers.example>\nTo: Sam <sam@example.com>\nSubject: Threat Analyst opening\n"
        "Date: Tue, 08 Sep 2026 10:00:00 +0200\nMessage-ID: <o@example>\n"
        "List-Unsubscribe: <mailto:u@staffers.example>\n"
        "Content-Type: text/plain; charset=utf-8\n\nHello Sam,\nThis is Raj from Staffers. We have a Cyber Threat "
        "Analyst opening in Denver (hybrid). Please review the details below and let me know a good time to talk.\n"
        "Unsubscribe\n"
    )
    assert rules.classify_sync(parse_message(raw.encode())).status == Status.RECRUITER_OUTREACH


def test_it_names_the_employer_a_person_writes_for_through_an_ats(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Regarding your application",
            "Dear Dana,\n\nThank you for your interest in the Logistics Analyst opportunity. After careful review, "
            "we will not be moving forward with your application.\n\nMarisol Okafor\nTalent Partner",
            sender="Marisol Okafor from Vantage Freight <notifications@smartrecruiters.com>",
        )
    )
    assert result.company == "Vantage Freight"
    assert result.job_title == "Logistics Analyst"


def test_it_never_takes_a_role_or_a_step_of_the_process_for_the_employer() -> None:
    from jobmail.classify.rules.company import tidy_company

    assert tidy_company("Senior Corporate Recruiter") == ""
    assert tidy_company("Head of Threat Intelligence") == ""
    assert tidy_company("Threat Hunter II") == ""
    assert tidy_company("Ferrovia Application Status") == "Ferrovia"
    assert tidy_company("Ferrovia Hiring Assessment FAQ") == "Ferrovia"
    assert tidy_company("Ferrovia Hi Dana") == "Ferrovia"
    assert tidy_company("Coast Guard") == "Coast Guard"


def test_it_reads_the_employers_full_name_that_its_domain_abbreviates(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Thank you for applying",
            "Dear Dana,\n\nThank you for applying! We have received your application for the Robotics "
            "Technician role.\n\nHarlow Wexford Robotics | 12 Mill Lane, Dunmore\n",
            sender="no-reply@hwr.example",
        )
    )
    assert result.company == "Harlow Wexford Robotics"


def test_it_reads_titles_that_end_in_any_role_noun(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Application received - Threat Hunter (REQ-2291)",
            "Dear Dana,\n\nThank you for your interest in the Threat Hunter II opening at Corvid Analytics. We "
            "have received your application.\n\nCorvid Analytics Recruiting",
            sender="Corvid Analytics <noreply@corvid-analytics.example>",
        )
    )
    assert result.company == "Corvid Analytics"
    assert result.job_title == "Threat Hunter II"


def test_it_drops_a_job_id_in_front_of_a_title(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        email(
            "Application received",
            "Dana,\n\nThank you for applying to Job ID 88213, Claims Data Analyst, at Marlowe Insurance. We will "
            "contact you if selected.\n\nMarlowe Insurance Talent Team",
            sender="Marlowe Insurance <noreply@marlowe-ins.example>",
        )
    )
    assert result.job_title == "Claims Data Analyst"


def test_it_gives_no_sender_identity_to_mailboxes_shared_by_every_employer() -> None:
    from jobmail.classify.rules.phrases import load_rules

    loaded = load_rules()
    # A board's and an ATS's shared mailboxes would tie different employers' mail together.
    assert sender_identity("glassdoor-apply@indeed.com", loaded) == ""
    assert sender_identity("scheduler@comeet-notifications.com", loaded) == ""
    assert sender_identity("user-5f2c9e0a1b7d@mail.icims.com", loaded) == ""
    assert sender_identity("kestrelpay@myworkday.com", loaded) == "myworkday.com/kestrelpay"
