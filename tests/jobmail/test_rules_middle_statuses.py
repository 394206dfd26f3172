"""The middle statuses: a recruiter's first approach, a request to keep an application
going, other job mail, and what decides between them: who is speaking (a person about
a role, a recruiter after a meeting, a friend who referred the user), which sentence
holds the decision (a request that waits for the user is no refusal; "no action
required" asks for nothing), and what an approach asks for (a CV and a rate are still
the approach). The emails here are invented."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.message import ParsedMessage
from jobmail.taxonomy import Status
from tests.jobmail.messages import mail, status_of

# --- a person writing about a role, in words no phrase knows ----------------------------------

PERSON_ABOUT_A_ROLE = [
    pytest.param(
        mail(
            "Nurse Practitioner opportunity - Tucson",
            "Dear Dana,\n\nA hospital client in Tucson is seeking a Nurse Practitioner for their urgent care "
            "clinic. Sign-on bonus available. Reply to this email or call me at 520-555-0199 if you'd like "
            "details.\n\nCarla Mendes\nMedStaff Partners",
            "Carla Mendes <cmendes@medstaff-partners.example>",
        ),
        Status.RECRUITER_OUTREACH,
        id="agency-client-seeking-a-title",
    ),
    pytest.param(
        mail(
            "Your experience at Corvex",
            "Hi Dana, I noticed your experience with Kubernetes at Corvex. We're a small team at Driftlane "
            "hiring our first SRE. Would love to tell you more about it.\n\n- Amir, CTO",
            "Amir Haddad <amir@driftlane.example>",
        ),
        Status.RECRUITER_OUTREACH,
        id="founder-hiring-a-first-engineer",
    ),
    pytest.param(
        mail(
            "Hello from Zephyr Recruiting",
            "Hi Dana,\n\nHope your week is going well. I'm with Zephyr Recruiting and we place analysts with "
            "insurers across the Midwest. I'd love to connect and hear what you're looking for next.\n\n"
            "Best,\nKate Olsen",
            "Kate Olsen <kate@zephyrrecruiting.example>",
        ),
        Status.RECRUITER_OUTREACH,
        id="agency-introducing-itself-without-a-role",
    ),
    pytest.param(
        mail(
            "Freelance React developer needed",
            "Hi Dana,\n\nWe're a small agency and need a freelance React developer for a 3-month project "
            "starting in June, remote. Would you be available? Happy to send over the brief.\n\nTom\nFoxglove "
            "Digital",
            "Tom Hart <tom@foxglovedigital.example>",
        ),
        Status.RECRUITER_OUTREACH,
        id="agency-needs-a-freelancer",
    ),
    pytest.param(
        mail(
            "Team Lead role",
            "Hi Dana, hope you're well. We've just opened a Team Lead position in our Dublin office and I "
            "immediately thought of you. Any chance you'd be up for a coffee to talk about it?\n\nClaire",
            "Claire Boyle <claire.boyle@fintrail.example>",
        ),
        Status.RECRUITER_OUTREACH,
        id="in-house-role-and-a-talk",
    ),
    pytest.param(
        mail(
            "Your profile has been shared",
            "Hi Dana,\n\nGood news: with your permission, we've shared your profile with Ardent Energy for the "
            "Project Engineer role. We'll let you know as soon as they respond.\n\nBest,\nFiona\nRecruitment "
            "Consultant, Crestline",
            "Fiona Walsh <fiona.walsh@crestline-rec.example>",
        ),
        Status.OTHER_JOB,
        id="recruiter-shared-the-profile",
    ),
    pytest.param(
        mail(
            "Thanks for stopping by our booth",
            "Hi Dana,\n\nIt was great meeting you at the State University career fair yesterday! As promised, "
            "here's the link to our internship postings. Feel free to reach out with any questions.\n\n"
            "Rosa\nCampus Recruiter, Telwell",
            "Rosa Diaz <rosa.diaz@telwell.example>",
        ),
        Status.OTHER_JOB,
        id="campus-recruiter-after-a-fair",
    ),
    pytest.param(
        mail(
            "done!",
            "hey Dana,\n\nI sent your referral for the Support Lead role at Tallow Systems today. Their "
            "recruiter should email you soon. I think you'd love the team!\n\nsee you Saturday,\nJon",
            "Jon Avery <jon.avery@mailbox.example>",
        ),
        Status.OTHER_JOB,
        id="friend-who-referred-the-user",
    ),
]


@pytest.mark.parametrize(("email", "expected"), PERSON_ABOUT_A_ROLE)
def test_it_reads_a_person_writing_about_a_role(rules: RulesClassifier, email: ParsedMessage, expected: str) -> None:
    result = rules.classify_sync(email)
    assert (result.status, result.certain) == (expected, False)


@pytest.mark.parametrize(
    "email",
    [
        pytest.param(
            mail(
                "Hey!",
                "Hi Dana,\n\nLong time! My company is hiring a lot at the moment, which is mad. Anyway, are you "
                "free for dinner on Friday?\n\nx Ellie",
                "Ellie Brown <ellie.brown@mailbox.example>",
            ),
            id="friend-mentions-hiring",
        ),
        pytest.param(
            mail(
                "Quick intro?",
                "Hi Dana,\n\nI'm reaching out because teams like yours use Pipewell to cut time-to-hire. Would "
                "you be open to a 15 minute call next week?\n\nMarco\nAccount Executive, Pipewell",
                "Marco Bell <marco@pipewell.example>",
            ),
            id="vendor-selling-to-recruiters",
        ),
        pytest.param(
            mail(
                "Re: Saturday",
                "Hi Dana, my client meeting moved so I can't do Saturday after all. Could we try Sunday? I'm "
                "looking for a new place to try.\n\nPriya",
                "Priya Shah <priya.shah@mailbox.example>",
            ),
            id="friend-reply-about-plans",
        ),
    ],
)
def test_it_keeps_a_person_writing_about_other_things_out(rules: RulesClassifier, email: ParsedMessage) -> None:
    assert status_of(rules, email) == Status.NOT_JOB


# --- what an approach asks for ---------------------------------------------------------------


def test_it_keeps_an_approach_that_asks_for_a_cv_and_pay_after_the_users_reply(rules: RulesClassifier) -> None:
    email = mail(
        "Re: Backend role",
        "Thanks for getting back to me, Dana! Great to hear you're open to new opportunities. Could you send "
        "over your CV and let me know your salary expectations?\n\nBest,\nTom",
        "Tom Reyes <tom.reyes@northgate-talent.example>",
    )
    assert status_of(rules, email) == Status.RECRUITER_OUTREACH


def test_it_keeps_a_recruiters_second_message_asking_for_a_cv_and_pay_outreach(rules: RulesClassifier) -> None:
    email = mail(
        "Re: Backend role at Fernhill",
        "Thanks for getting back to me, Dana! The role is fully remote and the team is 8 engineers. Could you "
        "send over your CV and let me know your salary expectations? Then I can pass it to the hiring manager."
        "\n\nBest,\nTom",
        "Tom Reyes <tom.reyes@northgate-talent.example>",
    )
    assert status_of(rules, email) == Status.RECRUITER_OUTREACH


@pytest.mark.parametrize(
    "body",
    [
        "Thanks for sending your CV, Dana. Could you let me know your salary expectations?",
        "Thanks for your application, Dana. Could you let me know your salary expectations?",
    ],
)
def test_it_keeps_the_same_asks_after_the_user_approached_a_request(rules: RulesClassifier, body: str) -> None:
    email = mail("Re: Office Manager", f"{body}\n\nBest,\nPaula", "Paula Grant <paula.grant@kestrel.example>")
    assert status_of(rules, email) == Status.ACTION_REQUIRED


# --- the sentence that decides -----------------------------------------------------------------

REQUESTS = [
    pytest.param(
        mail(
            "Your application: action required",
            "Hi Dana,\n\nWe can't progress your application for Claims Handler until you confirm your eligibility "
            "to work in the UK. Please log in and answer the eligibility questions.\n\nAshgrove Insurance Careers",
            "Ashgrove Careers <careers@ashgrove-insurance.example>",
        ),
        id="refusal-that-waits-for-the-user",
    ),
    pytest.param(
        mail(
            "Missing documents - Graduate Scheme",
            "Dear Dana,\n\nWe have not yet received your transcript. Please upload it to your application by 30 "
            "June, otherwise we will not be able to consider you for the Graduate Scheme.\n\nGraduate "
            "Recruitment, Vellum Bank",
            "Vellum Bank Graduates <graduates@vellumbank.example>",
        ),
        id="refusal-as-the-otherwise",
    ),
    pytest.param(
        mail(
            "Reference request - Dana Demo",
            "Hello Dana,\n\nAs part of the next stage for the Marketing Coordinator role, we need contact details "
            "for two professional referees. Please reply with their names, emails and phone numbers.\n\nBest,\n"
            "Recruitment, Ostara Foods",
            "Ostara Recruitment <recruitment@ostara-foods.example>",
        ),
        id="next-stage-frames-a-request",
    ),
    pytest.param(
        mail(
            "Re: Application - Teaching Assistant",
            "Dear Dana,\n\nThank you for your application. Could you please send us a copy of your DBS "
            "certificate and confirm the days you are available to work?\n\nKind regards,\nMrs Patel\nSchool "
            "Business Manager",
            "Anita Patel <a.patel@oakfieldprimary.example>",
        ),
        id="days-available-to-work",
    ),
    pytest.param(
        mail(
            "Additional questions for your application",
            "Hello Dana,\n\nThe hiring team for the Field Technician role has a few additional questions. Please "
            "answer them in the candidate portal so we can continue reviewing your application.\n\nBramble "
            "Utilities Recruiting",
            "Bramble Recruiting <recruiting@brambleutil.example>",
        ),
        id="please-answer",
    ),
]


@pytest.mark.parametrize("email", REQUESTS)
def test_it_reads_a_request_to_keep_an_application_going(rules: RulesClassifier, email: ParsedMessage) -> None:
    assert status_of(rules, email) == Status.ACTION_REQUIRED


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        pytest.param(
            mail(
                "Application update - Data Analyst",
                "Hi Dana,\n\nYour application for Data Analyst is with the hiring team. No action required - "
                "we'll be in touch once they've reviewed it.\n\nKiln Labs",
                "Kiln Labs <careers@kilnlabs.example>",
            ),
            Status.OTHER_JOB,
            id="no-action-required",
        ),
        pytest.param(
            mail(
                "Your application was forwarded",
                "Hi Dana, your application for Data Analyst was forwarded to the hiring manager for review.",
                "Kiln Labs <no-reply@greenhouse.io>",
            ),
            Status.OTHER_JOB,
            id="forwarded-to-the-hiring-manager",
        ),
        pytest.param(
            mail(
                "Your verification code",
                "Hi Dana,\n\nUse the code 482913 to verify your email and access your candidate account at Kiln "
                "Labs careers. The code expires in 10 minutes.\n\nKiln Labs",
                "Kiln Labs <no-reply@kilnlabs.example>",
            ),
            Status.OTHER_JOB,
            id="code-for-the-candidate-account",
        ),
        pytest.param(
            mail(
                "A recruiter viewed your application",
                "Hi Dana, a recruiter at Nimbus Logistics viewed your application for Dispatcher.",
                "Hirely <alerts@hirely.example>",
            ),
            Status.OTHER_JOB,
            id="board-alert-address-about-the-users-application",
        ),
    ],
)
def test_it_reads_an_update_that_asks_for_nothing(rules: RulesClassifier, email: ParsedMessage, expected: str) -> None:
    result = rules.classify_sync(email)
    assert (result.status, result.certain) == (expected, False)


def test_it_reads_a_withdrawal_that_gives_its_reason(rules: RulesClassifier) -> None:
    # ("… as I won't be able to relocate": a reason, not the option "you are able to withdraw".)
    email = mail(
        "Re: Interview - Data Analyst",
        "Hi Omar,\n\nThank you for the opportunity. Unfortunately I need to withdraw from consideration as my "
        "situation has changed and I won't be able to relocate.\n\nKind regards,\nDana",
        "Dana Demo <dana@example.com>",
    )
    assert status_of(rules, email) == Status.WITHDRAWN


def test_it_reads_a_withdrawal_with_a_separable_german_verb(rules: RulesClassifier) -> None:
    email = mail(
        "Bewerbung",
        "Sehr geehrte Frau Berger,\n\nhiermit ziehe ich meine Bewerbung als Projektleiterin zurück, da ich eine "
        "andere Stelle angenommen habe.\n\nMit freundlichen Grüßen\nDana Demo",
        "Dana Demo <dana@example.com>",
    )
    assert status_of(rules, email) == Status.WITHDRAWN
