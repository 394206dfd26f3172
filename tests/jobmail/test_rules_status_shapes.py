"""The status stays the same when an email is reshaped: fewer headers, the decisive
sentence in other common words, a sentence order the phrase tables never saw. Every
email, name and domain here is invented for these tests."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.message import ParsedMessage
from jobmail.taxonomy import Status

from .messages import body_only, mail, status_of

SENDER = "Corvane Careers <careers@corvane.example>"


def shapes(subject: str, body: str) -> list[ParsedMessage]:
    """The email with its headers, without a sender, and as a bare body."""
    return [mail(subject, body, SENDER), mail(subject, body), body_only(body)]


# --- an acknowledgement in other words -------------------------------------------------

_LOOK_OVER = [
    "Hi Dana,\n\nYour application for the Field Analyst role at Corvane is with us. Our recruiting team will "
    "look over your application in the coming days and reply to you either way.\n\nCorvane Talent",
    "Hi Dana,\n\nWe will go through your application for the Field Analyst role this week and get back to "
    "you.\n\nCorvane Talent",
    "Hi Dana,\n\nThe hiring manager will assess your application for the Field Analyst role shortly.\n\nCorvane Talent",
    "Hi Dana,\n\nYour application for the Field Analyst role has reached us safely.\n\nCorvane Talent",
]


@pytest.mark.parametrize("body", _LOOK_OVER)
def test_it_reads_other_words_for_reviewing_an_application_as_applied(rules: RulesClassifier, body: str) -> None:
    for email in shapes("Field Analyst at Corvane", body):
        assert status_of(rules, email) == Status.APPLIED


# --- an update in other words ----------------------------------------------------------

_UPDATES = [
    "Hi Dana,\n\nA quick note about the Field Analyst role: our process is taking longer than anticipated. We "
    "appreciate your patience.\n\nCorvane Talent",
    "Hi Dana,\n\nA quick note that your application for the Field Analyst role is still being considered by the "
    "team.\n\nCorvane Talent",
    "Hi Dana,\n\nThe Field Analyst search has taken longer than we had hoped, and we hope to decide by the end of "
    "the month.\n\nCorvane Talent",
]


@pytest.mark.parametrize("body", _UPDATES)
def test_it_reads_other_words_for_a_delay_as_other_job(rules: RulesClassifier, body: str) -> None:
    for email in shapes("Field Analyst at Corvane", body):
        assert status_of(rules, email) == Status.OTHER_JOB


# --- a test already invited, its answers now received ----------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Dana,\n\nWe recently invited you to complete our logic assessment for the Field Analyst role. Your "
        "answers have been received and the team is reviewing them with the rest of your application.\n\n"
        "Corvane Assessment Team",
        "Dana,\n\nLast week we asked you to complete the online numeracy test for your application. Your "
        "responses have been recorded, and we will let you know what happens next.\n\nCorvane Talent",
    ],
)
def test_it_reads_a_past_test_invitation_with_answers_received_as_other_job(rules: RulesClassifier, body: str) -> None:
    for email in shapes("Your Corvane application", body):
        assert status_of(rules, email) == Status.OTHER_JOB


def test_it_still_reads_a_fresh_test_invitation_as_assessment(rules: RulesClassifier) -> None:
    body = (
        "Dana,\n\nThank you for applying for the Field Analyst role. As the next step, please complete our logic "
        "assessment within five days using the link below.\n\nCorvane Talent"
    )
    for email in shapes("Your Corvane application", body):
        assert status_of(rules, email) == Status.ASSESSMENT


# --- "the next stage" as a later step, not an invitation -------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Hi Dana,\n\nThank you for applying for the Field Analyst role. Our hiring team will review your "
        "application, and shortlisted applicants will receive an email with the next stage in the process.\n\n"
        "Corvane Talent",
        "Hi Dana,\n\nThank you for applying for the Field Analyst role. Your answers will be reviewed to "
        "determine the next stage for your application.\n\nCorvane Talent",
    ],
)
def test_it_does_not_read_a_later_stage_as_an_interview(rules: RulesClassifier, body: str) -> None:
    for email in shapes("Field Analyst at Corvane", body):
        assert status_of(rules, email) == Status.APPLIED


def test_it_reads_being_chosen_for_the_next_round_of_interviews_as_interview(rules: RulesClassifier) -> None:
    body = (
        "Hi Dana,\n\nGood news: you have been selected for the next round of interviews for the Field Analyst "
        "role. Our coordinator will share times with you tomorrow.\n\nCorvane Talent"
    )
    for email in shapes("Field Analyst at Corvane", body):
        assert status_of(rules, email) == Status.INTERVIEW


# --- an applicant-tracking link in the body speaks for a missing sender ----------------


def test_it_keeps_an_ats_reminder_with_a_list_footer_as_job_mail_without_its_sender(rules: RulesClassifier) -> None:
    body = (
        "Dear Dana,\n\nYou can return to the form you saved earlier through the link below:\n\n"
        "https://careers-corvane.icims.com/jobs/candidate/form?resume=1\n\nThis is an automated message.\n\n"
        "Rather not get these emails from Corvane? Unsubscribe here."
    )
    for email in [mail("Finishing your form later", body), body_only(body)]:
        assert status_of(rules, email) == Status.ACTION_REQUIRED


def test_it_keeps_a_newsletter_linking_a_job_board_as_not_job(rules: RulesClassifier) -> None:
    body = (
        "Hello neighbours,\n\nThe spring fair is on Saturday at the community hall. Our bakery stall needs "
        "volunteers, and the Corvane shop is hiring a weekend cashier: see "
        "https://boards.greenhouse.io/corvane for details.\n\nUnsubscribe | View in browser"
    )
    assert status_of(rules, body_only(body)) == Status.NOT_JOB


# --- a job title that holds an HR word ------------------------------------------------


def test_it_reads_a_title_with_an_hr_word_as_the_role_not_staff_admin(rules: RulesClassifier) -> None:
    body = (
        "Hi Dana,\n\nFollowing your interviews, we would like you to join Tarnwick as Payroll Coordinator. Your "
        "salary will be 52,000 per year, starting on 3 November.\n\nIlse Varga"
    )
    for email in [mail("Your offer", body, "Ilse Varga <ilse@tarnwick.example>"), body_only(body)]:
        assert status_of(rules, email) == Status.OFFER


def test_it_still_reads_payroll_news_to_staff_as_not_job(rules: RulesClassifier) -> None:
    body = (
        "Hi all,\n\nPayroll runs a day early this month because of the holiday. Please submit your timesheets "
        "by Wednesday.\n\nTarnwick People Team"
    )
    assert status_of(rules, mail("Payroll this month", body, "People Team <people@tarnwick.example>")) == Status.NOT_JOB


# --- other common words for a step ----------------------------------------------------


def test_it_reads_grabbing_a_slot_as_an_interview(rules: RulesClassifier) -> None:
    body = (
        "Hi Dana,\n\nThanks for applying to the Field Analyst role! We'd like to get to know you on a short video "
        "call. Please grab a slot with the link below.\n\nCorvane Talent"
    )
    for email in shapes("Field Analyst at Corvane", body):
        assert status_of(rules, email) == Status.INTERVIEW


def test_it_reads_an_application_logged_as_applied(rules: RulesClassifier) -> None:
    body = (
        "Dear Dana,\n\nYour application for the Field Analyst role has been logged in our system, and a recruiter "
        "will read it shortly.\n\nCorvane Talent"
    )
    for email in shapes("Field Analyst at Corvane", body):
        assert status_of(rules, email) == Status.APPLIED


def test_it_reads_an_invitation_to_join_with_pay_and_start_as_an_offer(rules: RulesClassifier) -> None:
    body = (
        "Dear Dana,\n\nFollowing your interviews, we would like you to join Corvane as Field Analyst. The "
        "salary is 48,000 per year and your start date is 2 February.\n\nCorvane Talent"
    )
    for email in shapes("Welcome news", body):
        assert status_of(rules, email) == Status.OFFER


def test_it_reads_an_interview_for_a_column_as_not_job(rules: RulesClassifier) -> None:
    body = (
        "Hi Dana,\n\nThanks for agreeing to be interviewed for our members' column. Before the call, please send "
        "a headshot and a short bio.\n\nOren, The Quarry Review"
    )
    email = mail("Your interview with The Quarry Review", body, "Oren Paley <oren@quarryreview.example>")
    assert status_of(rules, email) == Status.NOT_JOB


# --- a confirmation that says the application is being read ----------------------------


def test_it_reads_an_application_currently_under_review_as_applied(rules: RulesClassifier) -> None:
    body = (
        "Thanks for your interest in joining Corvane. Your application is currently under review; we will be "
        "in touch if you are chosen for the next step.\n\nCorvane Talent"
    )
    for email in shapes("", body):
        assert status_of(rules, email) == Status.APPLIED


def test_it_reads_an_application_still_under_review_as_other_job(rules: RulesClassifier) -> None:
    body = (
        "Hi Dana,\n\nA short note on the Field Analyst role: we are still reviewing applications and expect to "
        "decide on interviews by the end of next week.\n\nCorvane Talent"
    )
    for email in shapes("Your Corvane application", body):
        assert status_of(rules, email) == Status.OTHER_JOB


# --- a rejection that names the application once, then says "it" ---------------------


@pytest.mark.parametrize(
    "body",
    [
        "Dear Dana,\n\nThank you for the care you put into your application for Field Analyst. We have read it "
        "closely and, on this occasion, we won't be taking it forward.\n\nCorvane Talent",
        "Dear Dana,\n\nThanks for your application for the Field Analyst role. After a careful look, we will not "
        "be progressing it any further.\n\nCorvane Talent",
    ],
)
def test_it_reads_a_refusal_of_the_application_by_pronoun_as_rejected(rules: RulesClassifier, body: str) -> None:
    for email in shapes("Update on your Corvane application", body):
        assert status_of(rules, email) == Status.REJECTED


def test_it_does_not_read_a_step_waiting_for_the_user_as_a_refusal(rules: RulesClassifier) -> None:
    body = (
        "Hi Dana,\n\nThanks for sending your application for the Field Analyst role. We cannot take it forward "
        "until you upload your work permit, so please add it in the portal.\n\nCorvane Talent"
    )
    assert status_of(rules, mail("Your Corvane application", body, SENDER)) != Status.REJECTED


# --- a mailer footer that names the reader as a candidate -----------------------------

_CANDIDATE_FOOTER = (
    "\n\nYou are receiving this email because you applied for a job at Corvane.\nUnsubscribe | Privacy policy"
)


@pytest.mark.parametrize(
    ("subject", "body", "status"),
    [
        (
            "Let's talk: Yard Planner",
            "Hi Dana,\n\nWe'd love to speak with you about Yard Planner. Please choose a time for a 20-minute phone "
            "call using the link below.",
            Status.INTERVIEW,
        ),
        (
            "Next step for Yard Planner",
            "Hi Dana,\n\nThe next step is a 30-minute online aptitude test. Please complete it within 3 days.",
            Status.ASSESSMENT,
        ),
        (
            "Your offer from Corvane",
            "Hi Dana,\n\nCongratulations! We're happy to offer you the Yard Planner position. Please review and sign "
            "your offer letter in the portal by Friday.",
            Status.OFFER,
        ),
    ],
)
def test_it_reads_a_candidate_footer_as_no_list(rules: RulesClassifier, subject: str, body: str, status: str) -> None:
    for email in shapes(subject, body + _CANDIDATE_FOOTER):
        assert status_of(rules, email) == status


def test_it_still_reads_a_subscriber_footer_as_a_list(rules: RulesClassifier) -> None:
    body = (
        "Hi Dana,\n\nThis week: five ways to prepare for your next interview, and a checklist for salary talks."
        "\n\nYou are receiving this email because you subscribed to Career Compass.\nUnsubscribe"
    )
    email = mail("Career Compass weekly", body, "Career Compass <hello@careercompass.example>")
    assert status_of(rules, email) == Status.NOT_JOB


def test_it_reads_a_submission_for_a_vacancy_as_applied(rules: RulesClassifier) -> None:
    body = (
        "Dear Dana,\n\nThis message confirms that we have received your submission for the Yard Planner vacancy "
        "(reference 40213).\n\nCorvane HR"
    )
    for email in shapes("Application confirmation", body):
        assert status_of(rules, email) == Status.APPLIED


# --- a finalist chosen, an application transmitted -------------------------------------


def test_it_reads_another_finalist_chosen_as_rejected(rules: RulesClassifier) -> None:
    body = (
        "Hi Dana,\n\nI wanted to let you know that the team went with another finalist for the Field Analyst role. "
        "It was a close call.\n\nMarit"
    )
    for email in [mail("Field Analyst", body, "Marit Sollie <marit@corvane.example>"), body_only(body)]:
        assert status_of(rules, email) == Status.REJECTED


def test_it_reads_an_application_confirmed_as_transmitted_as_applied(rules: RulesClassifier) -> None:
    body = (
        "Dear Dana,\n\nThis confirms your application for Field Analyst was successfully transmitted to Corvane. "
        "You may track its status in your account.\n\nCorvane Human Resources"
    )
    for email in shapes("Field Analyst", body):
        assert status_of(rules, email) == Status.APPLIED
