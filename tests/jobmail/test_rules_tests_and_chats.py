"""Tests handed to the candidate, interviews booked or asked to be confirmed, and a job
board's recruiter chat, in words the phrase lists did not know. Every name here is invented."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.message import ParsedMessage
from jobmail.taxonomy import Status
from tests.jobmail.messages import body_only, mail, status_of


@pytest.mark.parametrize(
    ("email", "status"),
    [
        # A test handed over, its result asked back: an assessment, not a request for documents.
        (
            mail(
                "Test task - [**position**]",
                "Hi [**name**],\n\nThank you for your time yesterday. Attached is a small assignment for the "
                "[**position**] role. Please send us your solution by [**date**].\n\nBest,\n[**sender**]",
            ),
            Status.ASSESSMENT,
        ),
        (
            body_only(
                "Hello!\nHere is the task for the next stage of the Junior Developer vacancy: build a REST API "
                "with two endpoints. Please send me the link to your repository when it is ready. You have 5 days."
            ),
            Status.ASSESSMENT,
        ),
        (
            mail(
                "Assignment for the Frontend Developer position",
                "Hi Dana,\n\nPlease find the assignment attached. Once you are done, send your results to us. "
                "We expect it to take about 4 hours.\n\nBest,\nVelora Team",
            ),
            Status.ASSESSMENT,
        ),
        (
            body_only(
                "Dear candidate,\nPlease fill in the DISC questionnaire at the link below and send it back to us "
                "before your interview on Monday.\nHR"
            ),
            Status.ASSESSMENT,
        ),
        (
            body_only(
                "Hi Dana, thanks for your interest in the Analyst role. Before we schedule an interview we ask "
                "candidates to solve a short business case. Please send your solution back within 3 days."
            ),
            Status.ASSESSMENT,
        ),
        # Interviews booked by a scheduling tool, or asked to be confirmed.
        (
            mail(
                "Confirmed: Interview with Harbor Labs",
                "Your booking is confirmed.\n\nEvent: 30 Minute Interview - Harbor Labs\nDate: Thursday, October 8, "
                "2026 11:00\nInvitee: Dana Demo\n\nNeed to make changes? Cancel or reschedule.",
                "Calendly <notifications@calendly.com>",
            ),
            Status.INTERVIEW,
        ),
        (
            body_only(
                "Hi Dana, we were impressed with your application and would love to have a chat. Please confirm "
                "if Thursday at 3pm works for you. Regards, Ivy"
            ),
            Status.INTERVIEW,
        ),
        # A recruiter's chat message on a job board.
        (
            body_only(
                "Hello Dana! Is the job search still relevant for you? We have an interesting vacancy for a QA "
                "Automation engineer in a product company."
            ),
            Status.RECRUITER_OUTREACH,
        ),
        (
            body_only(
                "Hi Dana, as a next step we'd like you to record short answers to three questions on our video "
                "platform. Please do so by Thursday.\nThanks, Tilde Talent"
            ),
            Status.ASSESSMENT,
        ),
        (
            body_only(
                "Hi! We are searching for a Middle PHP developer, salary 2500-3500$, remote. Tell me please, would "
                "you consider this vacancy?"
            ),
            Status.RECRUITER_OUTREACH,
        ),
        # "I'd like to offer you a position" from a stranger asking whether you are interested.
        (
            body_only(
                "Hi, Dana! I'd like to offer you a position of Data Engineer in our team. Let me know if you're "
                "interested!"
            ),
            Status.RECRUITER_OUTREACH,
        ),
        # Offers from templates, in other words than "offer".
        (
            body_only(
                "Dear [Candidate Name],\nOn behalf of [Company], I am pleased to confirm your appointment as [Job "
                "Title], starting on [Start Date], at an annual salary of [Salary].\nPlease sign the enclosed "
                "contract.\n[Name]"
            ),
            Status.OFFER,
        ),
        (
            body_only(
                "Hello [name], great news - the team has agreed to move forward with you for the [role] role! Your "
                "salary will be [X] and you would start on [date]. Let us know if you accept."
            ),
            Status.OFFER,
        ),
        (
            body_only(
                "Dana - thanks for applying for the internship. We've reviewed all applications and it's a no from "
                "us this time. Good luck!"
            ),
            Status.REJECTED,
        ),
        # The signed offer is behind; the documents are what is asked.
        (
            body_only(
                "Dear Dana,\nWe're almost done! Please upload your signed offer letter and a scan of your ID to the "
                "onboarding portal before your start date.\nPeople Team"
            ),
            Status.ACTION_REQUIRED,
        ),
    ],
)
def test_it_reads_tests_interviews_and_chats(rules: RulesClassifier, email: ParsedMessage, status: str) -> None:
    assert status_of(rules, email) == status


@pytest.mark.parametrize(
    ("email", "status"),
    [
        # Forms and documents without a test stay requests.
        (
            body_only(
                "Hi Kim,\nThank you for applying to Lumen Logistics. To continue with your application, please fill "
                "out the attached form and upload a copy of your diploma.\nBest regards,\nHR Team"
            ),
            Status.ACTION_REQUIRED,
        ),
        (
            body_only(
                "Dear Dana, please complete the eligibility questionnaire for the Clerk position and send it back "
                "to us by Friday."
            ),
            Status.ACTION_REQUIRED,
        ),
        # A returned result outside hiring, and a coding contest, are no job mail.
        (
            body_only("Hi Dana, here is the homework for the next lesson. Please send me your solution by Monday."),
            Status.NOT_JOB,
        ),
        (
            mail(
                "Free coding challenge this weekend!",
                "Join 10,000 developers in our weekend coding challenge. Prizes for the top 3!\n\nUnsubscribe",
                "CodeFest <hello@codefest.example>",
            ),
            Status.NOT_JOB,
        ),
        (
            body_only("Hi Dana, please confirm if Thursday at 7pm works for the book club."),
            Status.NOT_JOB,
        ),
        (
            mail(
                "Take our free aptitude test and find your career!",
                "Discover your strengths with our free career aptitude test. Start now!\n\nUnsubscribe",
                "CareerQuiz <hello@careerquiz.example>",
            ),
            Status.NOT_JOB,
        ),
        # An offer that names its terms stays an offer even when it asks whether you accept.
        (
            body_only(
                "Hi Dana, we'd like to offer you a position as Junior Designer starting on 1 March at a salary of "
                "$52,000. Let me know if you're interested in accepting."
            ),
            Status.OFFER,
        ),
    ],
)
def test_it_keeps_requests_and_look_alikes(rules: RulesClassifier, email: ParsedMessage, status: str) -> None:
    assert status_of(rules, email) == status


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("Dana, your application to Birchwood Bank is in! Keep an eye on your inbox for next steps.", Status.APPLIED),
        (
            "Dear Applicant,\nThis message confirms that you applied for Position #4471 Lab Technician. "
            "Applications are reviewed in the order received.",
            Status.APPLIED,
        ),
        (
            "Hello Dana, we appreciate you applying to the Teller role at Fernhill Credit Union. We'll contact you "
            "if your background matches our needs.",
            Status.APPLIED,
        ),
        (
            "Hi Dana, we've decided to pause hiring for the Junior Analyst role, so we won't be proceeding with "
            "any candidates. Thank you for your interest.",
            Status.REJECTED,
        ),
        (
            "Good day, Dana! We are a product company looking for a Java developer to join our payments team. "
            "Would you like to know more?",
            Status.RECRUITER_OUTREACH,
        ),
        (
            "Dear [First Name],\nCongratulations! We are delighted to welcome you to [Company] as our new [Role]. "
            "Your start date will be [Date] and your salary [Amount].\nSincerely,\n[Hiring Manager]",
            Status.OFFER,
        ),
    ],
)
def test_it_reads_short_body_only_job_mail(rules: RulesClassifier, body: str, status: str) -> None:
    assert status_of(rules, body_only(body)) == status


@pytest.mark.parametrize(
    ("email", "status"),
    [
        (
            mail(
                "Action required: next step in your application",
                "Hi Dana,\n\nThanks for applying for the Backend Engineer role. Please complete the coding challenge "
                "on HackerRank within 5 days.\n\nQuince Recruiting",
                "Quince <careers@quince.example>",
            ),
            Status.ASSESSMENT,
        ),
        (
            mail(
                "Please confirm your availability",
                "Hi Dana,\n\nThe hiring manager for the Product Designer role would like to meet you. Please confirm "
                "your availability for next Tuesday or Wednesday afternoon.\n\nThanks,\nIris",
                "Iris Kemp <iris@bluefin.example>",
            ),
            Status.INTERVIEW,
        ),
        # A request in the subject with a request of its own in the body stays one.
        (
            mail(
                "Action required: complete your profile",
                "Hi Dana, please complete your candidate profile and upload your resume so we can consider you for "
                "the Barista role.",
                "Mocha Careers <careers@mocha.example>",
            ),
            Status.ACTION_REQUIRED,
        ),
    ],
)
def test_it_reads_the_event_under_a_bare_request_subject(
    rules: RulesClassifier, email: ParsedMessage, status: str
) -> None:
    assert status_of(rules, email) == status


@pytest.mark.parametrize(
    ("body", "status"),
    [
        # An agency reporting its client's step about the user is a hiring context.
        (
            "Hello Ruben,\n\nGreat news! After the final interview the client decided to make you an offer. I'll "
            "send the details and the contract tomorrow.\n\nBest regards,",
            Status.OFFER,
        ),
        # The user answered the approach: the call proposed now is the interview.
        (
            "Hello Ruben,\n\nThank you for your interest. The client would like to have a 30-minute introductory "
            "call with you. Please choose a convenient time here: [link]\n\nLooking forward to your confirmation.",
            Status.INTERVIEW,
        ),
        (
            "Hi Ruben, just following up on my previous message. Are you still open to discussing the Go developer "
            "opportunity?",
            Status.RECRUITER_OUTREACH,
        ),
    ],
)
def test_it_reads_an_agency_chat(rules: RulesClassifier, body: str, status: str) -> None:
    assert status_of(rules, body_only(body)) == status


@pytest.mark.parametrize(
    ("body", "status"),
    [
        # An interview offered is an interview; the job offered is the offer.
        (
            "Dear Sam,\n\nThank you for applying for the Junior Accountant post. We are delighted to offer you an "
            "interview on Tuesday 12 May at 10am at our Bristol office.\n\nKind regards,\nHR Team\nMossgate Partners",
            Status.INTERVIEW,
        ),
        (
            "Hi Sam, we are pleased to offer you a phone interview for the Sales Associate role. Please reply with "
            "your availability.\nThanks, Juniper Home",
            Status.INTERVIEW,
        ),
        (
            "Dear Sam,\n\nFollowing your application we would like to offer you an interview for the Warehouse "
            "Operative position.\n\nDate: 3 June\nTime: 9:00\n\nRegards\nStockfield Logistics",
            Status.INTERVIEW,
        ),
        (
            "Good news! You've moved forward to the interview stage for the Product Analyst position at Tarnwell. "
            "Our recruiter will reach out to find a time.\n\nTarnwell Talent",
            Status.INTERVIEW,
        ),
        (
            "Dear Sam,\n\nWe are delighted to offer you the position of Junior Accountant at Mossgate Partners, "
            "starting 1 June, at a salary of £28,000.\n\nHR Team",
            Status.OFFER,
        ),
        (
            "Dear Sam,\n\nThank you for applying for the Junior Accountant post. Unfortunately we are unable to offer "
            "you an interview on this occasion.\n\nHR Team\nMossgate Partners",
            Status.REJECTED,
        ),
        # A time word that opens the writer's own clause still moves the event ahead.
        (
            "Hi Sam,\n\nBefore we can schedule a first interview for the Analyst role, please upload your right to "
            "work documents on your candidate page.\n\nThanks,\nMossgate Partners",
            Status.ACTION_REQUIRED,
        ),
    ],
)
def test_it_tells_an_interview_offered_from_a_job_offered(rules: RulesClassifier, body: str, status: str) -> None:
    assert status_of(rules, body_only(body)) == status
