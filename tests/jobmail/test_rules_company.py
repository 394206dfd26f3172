"""Where real job mail names the employer, pinned on invented mail: relays of job boards,
the employer as the subject of its decision, subjects that open on the employer,
signatures, agencies and their clients, acronyms; and names that are never the employer."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.message import ParsedMessage
from tests.jobmail.messages import body_only, message, parsed


def _subject_and_body(subject: str, body: str) -> ParsedMessage:
    return message(body, subject=subject, sender="", sender_email="")


@pytest.mark.parametrize(
    ("email", "company"),
    [
        pytest.param(
            parsed(
                "Indeed Application: Inventory Analyst",
                "Application submitted\n\nInventory Analyst\nCorliss Outfitters\nDenver, CO\n\n"
                "Good luck! Your application was sent to Corliss Outfitters.\n",
                sender="Indeed Apply <indeedapply@indeed.com>",
            ),
            "Corliss Outfitters",
            id="board-relay-sent-to",
        ),
        pytest.param(
            body_only("Dear Dana,\n\nYour application has been received by Oakvale Partners and is under review.\n"),
            "Oakvale Partners",
            id="received-by",
        ),
        pytest.param(
            body_only(
                "Dear Dana,\n\nThank you for your recent application. At this time, Halberd Group has decided "
                "to pursue other candidates.\n"
            ),
            "Halberd Group",
            id="employer-decides",
        ),
        pytest.param(
            body_only(
                "Dana,\n\nWe regret to inform you that Tamsin Systems will not be moving forward with your "
                "candidacy for the Support Analyst role.\n"
            ),
            "Tamsin Systems",
            id="employer-will-not-move-forward",
        ),
        pytest.param(
            body_only(
                "Great news! We have received your application for the Support Analyst position, and we are "
                "glad you are considering Tamsin Technologies as your next employer.\n"
            ),
            "Tamsin Technologies",
            id="you-are-considering",
        ),
        pytest.param(
            body_only(
                "Hi Dana,\n\nThank you for taking the time to interview with us at Wrenfield Bank for the Teller "
                "position. Unfortunately, we have decided to move forward with other candidates.\n"
            ),
            "Wrenfield Bank",
            id="interview-with-us-at",
        ),
        pytest.param(
            body_only("Hi Dana,\n\nCongratulations! Wrenfield Bank is pleased to offer you the Teller position.\n"),
            "Wrenfield Bank",
            id="employer-is-pleased-to-offer",
        ),
        pytest.param(
            body_only(
                "Hello Dana,\n\nThis is Jordan, a recruiter from Wrenfield Bank. I came across your profile and "
                "would like to talk about an open Data Analyst role.\n"
            ),
            "Wrenfield Bank",
            id="recruiter-from",
        ),
        pytest.param(
            _subject_and_body(
                "Update on your Quillon application",
                "Hi Dana,\n\nAfter careful review we have decided to move forward with other candidates.\n",
            ),
            "Quillon",
            id="subject-your-employer-application",
        ),
        pytest.param(
            _subject_and_body(
                "Quillon Interview Request",
                "Hi Dana,\n\nWe would like to invite you to an interview for the Analyst role.\n",
            ),
            "Quillon",
            id="subject-opens-on-employer",
        ),
        pytest.param(
            _subject_and_body(
                "Quillon Internship Application",
                "Hi Dana,\n\nUnfortunately we will not be moving forward with your application.\n",
            ),
            "Quillon",
            id="subject-employer-then-internship",
        ),
        pytest.param(
            _subject_and_body(
                "Quillon University Recruiting",
                "Hi Dana,\n\nUnfortunately we will not be moving forward with your application.\n",
            ),
            "Quillon",
            id="subject-employer-campus-team",
        ),
        pytest.param(
            body_only(
                "Dear Dana,\n\nThank you for applying. We received your application.\n\nBest,\nJordan\n"
                "Quillon | Talent\n"
            ),
            "Quillon",
            id="signature-employer-bar-talent",
        ),
        pytest.param(
            body_only(
                "Dana,\n\nThank you for applying. We received your application.\n\nSincerely,\n\n"
                "Gadwall US Recruiting Team.\n"
            ),
            "Gadwall",
            id="signature-region-before-team",
        ),
        pytest.param(
            body_only(
                "Hi Dana,\n\nI'd like to set up a call to discuss the Analyst role.\n\nThanks,\nJordan Reyes\n"
                "Senior Recruiter\nPinehollow Labs\n"
            ),
            "Pinehollow Labs",
            id="signature-line-under-recruiter-role",
        ),
        pytest.param(
            body_only(
                "Hi Dana,\n\nThank you for your interest in the Analyst role. Unfortunately we will not move "
                "forward.\n\nBest,\nJordan Reyes | Recruiter | Wrenfield Bank\n"
            ),
            "Wrenfield Bank",
            id="signature-name-bar-role-bar-employer",
        ),
    ],
)
def test_it_names_the_employer(rules: RulesClassifier, email: ParsedMessage, company: str) -> None:
    result = rules.classify_sync(email)
    assert result.is_job_related
    assert result.company == company


def test_it_names_an_agencys_client_when_the_mail_names_one(rules: RulesClassifier) -> None:
    def outreach(client_line: str) -> ParsedMessage:
        return parsed(
            "Data Engineer opportunity",
            f"Hi Dana,\n\nI'm a recruiter with Bluecairn Staffing. {client_line} Are you open to a quick call "
            "this week?\n\nBest,\nJordan Reyes\nBluecairn Staffing\n",
            sender="Jordan Reyes <jreyes@bluecairnstaffing.example>",
        )

    named = rules.classify_sync(outreach("My client Wrenfield Bank is hiring a Data Engineer."))
    unnamed = rules.classify_sync(outreach("My client, a fintech in Boston, is hiring a Data Engineer."))
    assert (named.company, unnamed.company) == ("Wrenfield Bank", "Bluecairn Staffing")


def test_it_prefers_the_spelled_out_name_to_an_acronym(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        parsed(
            "HVL Application Update",
            "Dear Dana,\n\nThank you for your application to the Harrow Valley Laboratory. After careful "
            "review, we have decided to move forward with other candidates.\n",
            sender="HVL Careers <careers@hvl.example>",
        )
    )
    assert result.company == "Harrow Valley Laboratory"


def test_it_prefers_the_legal_name_that_extends_the_short_one(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        parsed(
            "Your application to Brisket",
            "Hi Dana,\n\nThank you for applying to Brisket. We have decided to move forward with other "
            "candidates.\n\nBest,\nJordan Reyes\nBrisket Global LLC | 200 Dock Street, Tampa, FL\n",
            sender="Jordan Reyes <recruiting+x7@mail.paylocity.com>",
        )
    )
    assert result.company == "Brisket Global"


@pytest.mark.parametrize(
    "subject",
    ["Dana Demo Application Update", "Message from Jordan Reyes", "Software Engineer Interview Request"],
)
def test_it_does_not_take_a_person_or_a_role_in_the_subject_for_the_employer(
    rules: RulesClassifier, subject: str
) -> None:
    result = rules.classify_sync(
        message(
            "Hi Dana,\n\nUnfortunately we will not be moving forward with your application.\n",
            subject=subject,
            sender="",
            sender_email="",
            to="Dana Demo <dana@example.com>",
        )
    )
    assert result.is_job_related
    assert result.company == ""


@pytest.mark.parametrize(
    ("email", "company"),
    [
        pytest.param(
            parsed(
                "Thank you for applying!",
                "Dear Dana,\n\nThank you for your interest in the Cyber Analyst position (R-10234). We have "
                "received your application.\n\nSincerely,\nTalent Acquisition\n",
                sender="Workday <tarnwell@myworkday.com>",
            ),
            "Tarnwell",
            id="closing-line-above-a-team-is-no-name",
        ),
        pytest.param(
            parsed(
                "Application status update",
                "Dear Dana,\n\nYour application for IT Specialist (INFOSEC), announcement number ABC-25-1234, "
                "with the Department of Widgets has been reviewed. You were not referred to the hiring manager.\n",
                sender="USAJOBS [DO NOT REPLY] <notifications@usajobs.gov>",
            ),
            "Department of Widgets",
            id="public-employer-with-its-article",
        ),
        pytest.param(
            parsed(
                "Invitation: Dana Demo and Jordan Reyes - Interview @ Tue Sep 8, 2026 10am - 11am (EDT)",
                "Join with Google Meet\nmeet.google.com/abc-defg-hij\n\nInvitation from Google Calendar\n",
                sender="Jordan Reyes <jordan.reyes@tarnwelldynamics.example>",
            ),
            "Tarnwell Dynamics",
            id="domain-run-together-ends-in-an-organisation-word",
        ),
        pytest.param(
            parsed(
                "Jordan Reyes from Tarnwell Dynamics sent you a message",
                "Hi Dana,\n\nWe'd love to talk with you about our open Threat Analyst role.\n",
                sender="ClearanceJobs <noreply@clearancejobs.com>",
            ),
            "Tarnwell Dynamics",
            id="board-relays-a-recruiters-message",
        ),
    ],
)
def test_it_names_the_employer_in_full_mail(rules: RulesClassifier, email: ParsedMessage, company: str) -> None:
    result = rules.classify_sync(email)
    assert result.is_job_related
    assert result.company == company


@pytest.mark.parametrize("name", ["K&R", "Tarn & Oakley", "Bank of Larkspur", "eVellum", "7Q"])
def test_it_keeps_names_of_every_shape(rules: RulesClassifier, name: str) -> None:
    """Ampersands before a full stop, connectors, a lowercase first letter, digits."""
    sentence = rules.classify_sync(
        body_only(
            f"Dear Dana,\n\nThank you for your interest in {name}. Unfortunately, we have decided to move "
            "forward with other candidates.\n"
        )
    )
    subject = rules.classify_sync(
        _subject_and_body(
            f"{name} - Software Engineer Intern",
            "Hi Dana,\n\nThanks for applying. We will not be moving forward with your application.\n",
        )
    )
    assert (sentence.company, subject.company) == (name, name)


def test_it_names_the_employer_a_writer_works_for(rules: RulesClassifier) -> None:
    works_with = rules.classify_sync(
        parsed(
            "Cloud Engineer - Remote",
            "Hello Dana,\n\nMy name is Rahul Verma and I work with Quantaris Tech Solutions. I came across your "
            "resume and have a Cloud Engineer role you may like. Are you open to a call?\n\nRegards,\nRahul\n",
            sender="Rahul Verma <rahul.verma@quantaris.example>",
        )
    )
    we_at = rules.classify_sync(
        body_only(
            "Hi Dana,\n\nWe at Fernhollow appreciate your interest in the Support Engineer role. Unfortunately, we "
            "will not be moving forward with your application.\n"
        )
    )
    assert (works_with.company, we_at.company) == ("Quantaris Tech Solutions", "Fernhollow")


def test_it_does_not_take_a_time_for_the_employer(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        body_only(
            "Hi Dana,\n\nThanks for applying to the Support Engineer role. We would like to invite you to a phone "
            "interview. We are free at 10 AM on Thursday; does that work?\n"
        )
    )
    assert result.company == ""


@pytest.mark.parametrize(
    ("body", "company"),
    [
        pytest.param(
            "Hi Dana,\n\nThe Fernhollow Talent Acquisition team will review your application for the Support "
            "Engineer role and be in touch.\n",
            "Fernhollow",
            id="the-employers-recruiting-team",
        ),
        pytest.param(
            "Hi Dana,\n\nThank you for applying for the Support Engineer role. Unfortunately, we will not be moving "
            "forward. Please keep an eye on the Fernhollow careers page for future openings.\n",
            "Fernhollow",
            id="the-employers-careers-page",
        ),
        pytest.param(
            "Hi Dana,\n\nThank you for your interest in the Support Engineer role. We have decided not to move "
            "forward with your application.\n\nAll the best,\nJordan Reyes\nFernhollow\n",
            "Fernhollow",
            id="line-under-the-signers-name",
        ),
        pytest.param(
            "Hi Dana,\n\nThank you for your interest in the Support Engineer role. Everyone on the Platform team "
            "enjoyed meeting you, but we have decided not to move forward with your application.\n",
            "",
            id="a-team-alone-may-be-a-department",
        ),
    ],
)
def test_it_reads_the_employers_teams_and_signatures(rules: RulesClassifier, body: str, company: str) -> None:
    result = rules.classify_sync(body_only(body))
    assert result.is_job_related
    assert result.company == company


def test_it_names_the_employer_that_has_the_application(rules: RulesClassifier) -> None:
    received = rules.classify_sync(
        body_only("Hi Dana,\n\nTarnwell Dynamics has received your application for Analyst and will review it.\n")
    )
    reviewing = rules.classify_sync(
        body_only("Hi Dana,\n\nThank you for applying. Tarnwell Dynamics is reviewing your application for Analyst.\n")
    )
    assert (received.company, reviewing.company) == ("Tarnwell Dynamics", "Tarnwell Dynamics")


def test_it_names_the_employer_a_subject_is_from_when_the_body_repeats_it(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        _subject_and_body(
            "Thank you from Quillon",
            "Hi Dana,\n\nThanks for applying to the Analyst internship. We have decided to move forward with "
            "other candidates. Quillon values your interest.\n",
        )
    )
    assert result.company == "Quillon"


def test_it_never_names_the_assessment_or_ats_vendor(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        parsed(
            "Complete your video interview",
            "Hi Dana,\n\nTarnwell Dynamics has invited you to complete a video interview for the Analyst role.\n\n"
            "HireVue\n",
            sender="HireVue <noreply@hirevue.com>",
        )
    )
    assert result.company == "Tarnwell Dynamics"


def test_it_reads_the_employer_from_a_field_line(rules: RulesClassifier) -> None:
    agency = rules.classify_sync(
        body_only(
            "Dear Dana,\n\nThank you for applying. Your application has been received and is under review.\n\n"
            "Position: IT Specialist (INFOSEC)\nHiring Agency: Bureau of Widget Standards\nLocation: Denver, CO\n"
        )
    )
    client = rules.classify_sync(
        parsed(
            "Cloud Engineer opportunity",
            "Hi Dana,\n\nI have a Cloud Engineer role that fits your background. Are you open to a call?\n\n"
            "Job Title: Cloud Engineer\nClient: Tarnwell Dynamics\nDepartment: Engineering\nLocation: Reston, VA\n\n"
            "Jordan Reyes\nBrightline Talent Partners\n",
            sender="Jordan Reyes <jreyes@brightlinetp.example>",
        )
    )
    assert (agency.company, client.company) == ("Bureau of Widget Standards", "Tarnwell Dynamics")


def test_it_names_the_public_employer_that_updated_the_application(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        parsed(
            "Application status update",
            "Dear Dana,\n\nThe Department of Widgets has updated the status of your application for IT "
            "Specialist. You were not selected for this position.\n",
            sender="USAJOBS <notifications@usajobs.gov>",
        )
    )
    assert result.company == "Department of Widgets"


def test_it_keeps_a_display_name_whose_small_word_is_no_person_from(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        parsed(
            "Suite à votre candidature",
            "Madame,\n\nNous vous remercions de votre candidature pour le poste d'Analyste. Après examen de votre "
            "dossier, nous ne sommes malheureusement pas en mesure de donner une suite favorable.\n",
            sender="Verrerie de Montclair – RH <rh@verrerie-montclair.example>",
        )
    )
    assert result.company == "Verrerie de Montclair"


def test_it_names_the_client_an_agency_reveals(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        parsed(
            "Re: Senior Developer – fintech client in Leeds",
            "Hi Dana,\n\nGreat news - the client is Larchmont Bank, and they would like to interview you on "
            "Thursday at 11:00. Could you confirm the slot works?\n\nBest,\nSam\n",
            sender="Sam Okafor <sam.okafor@brightline-recruitment.example>",
        )
    )
    assert result.company == "Larchmont Bank"


def test_it_names_the_employer_under_a_department_not_the_speaker(rules: RulesClassifier) -> None:
    department = rules.classify_sync(
        body_only(
            "Dear Dana,\n\nThank you for your interest in the Support Engineer role. We have decided to move "
            "forward with other candidates.\n\nSincerely,\nHuman Resources\nFernhollow\n"
        )
    )
    speaker = rules.classify_sync(
        body_only(
            "Dear Dana,\n\nThank you for your interest in the Support Engineer role. I have decided to move "
            "forward with other candidates.\n\nBest,\nJordan\n"
        )
    )
    assert (department.company, speaker.company) == ("Fernhollow", "")


@pytest.mark.parametrize(
    "link",
    [
        "https://jobs.jobvite.com/tarnwell/job/o1AbC",
        "https://wd1.myworkdaysite.com/en-US/recruiting/tarnwell/External/job/Reston/Analyst_R-1",
        "https://ats.rippling.com/tarnwell/jobs/12ab",
        "https://tarnwell.csod.com/ux/ats/careersite/1/home",
        "https://tarnwell.eightfold.ai/careers?pid=1",
    ],
)
def test_it_reads_more_ats_tenants(link: str) -> None:
    from jobmail.classify.rules.company import ats_tenants

    assert ats_tenants(f"Track your application: {link}") == ["tarnwell"]


def test_it_reads_the_tenant_of_a_body_without_headers(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        body_only(
            "Hi Dana,\n\nThank you for applying to the Support Engineer role. Unfortunately, we have decided to "
            "move forward with other candidates. See our other openings at "
            "https://jobs.lever.co/tarnwell-dynamics anytime.\n"
        )
    )
    assert result.company == "Tarnwell Dynamics"


def test_it_does_not_take_the_candidates_own_reply_for_the_employer(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        message(
            "Hi Jordan,\n\nThank you for the update on the Analyst role. I remain very interested and look "
            "forward to hearing about next steps.\n\nBest,\nDana\n",
            subject="Re: Position you applied for - Tarnwell - Analyst",
            sender="Dana Demo <dana.demo7@gmail.com>",
            sender_email="dana.demo7@gmail.com",
            sender_name="Dana Demo",
            to="Jordan Reyes <jordan.reyes@tarnwell.example>",
        )
    )
    assert result.company == "Tarnwell"


@pytest.mark.parametrize(
    "body",
    [
        "Dear Dana,\n\nGreat news! We've received your application for the Analyst role and will review it shortly.\n",
        "Dear Dana,\n\nThank you for applying for the Analyst role. Unfortunately, we will not move forward.\n\n"
        "Sincerely,\nThe Office of Human Resources\n",
    ],
)
def test_it_does_not_take_a_pronoun_or_a_department_for_the_employer(rules: RulesClassifier, body: str) -> None:
    result = rules.classify_sync(body_only(body))
    assert result.is_job_related
    assert result.company == ""


@pytest.mark.parametrize(
    "subject",
    ["Cloud Engineer - Hybrid - Contract to Hire", "Cloud Engineer | Immediate Interview | Dallas TX"],
)
def test_it_does_not_take_terms_of_employment_for_the_employer(rules: RulesClassifier, subject: str) -> None:
    result = rules.classify_sync(
        _subject_and_body(
            subject,
            "Hi Dana,\n\nI have a Cloud Engineer contract role that matches your resume. Are you interested in "
            "a quick call?\n",
        )
    )
    assert result.is_job_related
    assert result.company == ""


@pytest.mark.parametrize(
    "display",
    [
        "Tarnwell Recruiting Operations",
        "Tarnwell HR Services",
        "Tarnwell Human Capital",
        "Tarnwell Candidate Care",
        "Tarnwell University Relations",
        "Tarnwell Global Talent Acquisition",
        "Tarnwell Early Careers",
        "Tarnwell Careers Site",
        "Tarnwell TA",
        "Team Tarnwell",
        "Tarnwell People & Culture",
        "Tarnwell US Careers",
        "Tarnwell North America Recruiting",
    ],
)
def test_it_takes_the_team_off_an_ats_display_name(rules: RulesClassifier, display: str) -> None:
    result = rules.classify_sync(
        parsed(
            "Thank you for applying",
            "Dear Dana,\n\nThank you for applying for the Analyst role. We have received your application and "
            "will review it.\n",
            sender=f"{display} <no-reply@us.greenhouse-mail.io>",
        )
    )
    assert result.company == "Tarnwell"


@pytest.mark.parametrize("name", ["Kohr", "Gohiring", "Brightline Talent Partners", "Jordan Ta"])
def test_it_keeps_names_that_end_like_a_team(name: str) -> None:
    from jobmail.classify.rules.company import tidy_company

    assert tidy_company(name) == name


def test_it_names_the_employer_a_recruiter_reaches_out_from(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        body_only(
            "Hi Dana,\n\nI am reaching out from Tarnwell Dynamics about our open Analyst role. Would you be open "
            "to a short call this week?\n"
        )
    )
    assert result.company == "Tarnwell Dynamics"


@pytest.mark.parametrize(
    ("subject", "company"),
    [
        ("Complete your Quillon assessment", "Quillon"),
        ("Quillon Online Assessment", "Quillon"),
        ("Your Phone interview", ""),
    ],
)
def test_it_reads_the_employer_before_a_kind_of_step(rules: RulesClassifier, subject: str, company: str) -> None:
    result = rules.classify_sync(
        _subject_and_body(subject, "Hi Dana,\n\nPlease complete the next step of your application by Friday.\n")
    )
    assert result.is_job_related
    assert result.company == company


def test_it_does_not_take_the_candidates_current_employer_for_the_employer(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        message(
            "Hello Jordan,\n\nI wanted to follow up on my application for the Analyst position. I remain very "
            "interested in the role.\n\nBest regards,\nDana Demo\nOldfield Analytics\n",
            subject="Re: Analyst - Tarnwell Dynamics",
            sender="Dana Demo <dana.demo7@gmail.com>",
            sender_email="dana.demo7@gmail.com",
            sender_name="Dana Demo",
            to="Jordan Reyes <jordan.reyes@tarnwell.example>",
        )
    )
    assert result.company == "Tarnwell Dynamics"


@pytest.mark.parametrize(
    ("to", "greeting"),
    [("Tarnwell Careers <careers@tarnwell.example>", "Hello,"), ("", "Dear Tarnwell Team,")],
)
def test_it_does_not_take_the_employer_the_candidate_writes_to_for_the_candidate(
    rules: RulesClassifier, to: str, greeting: str
) -> None:
    result = rules.classify_sync(
        message(
            f"{greeting}\n\nI applied for the Analyst position at Tarnwell last month and wanted to follow up on "
            "the status of my application.\n\nThank you,\nDana\n",
            subject="Following up on my application",
            sender="Dana Demo <dana.demo7@gmail.com>",
            sender_email="dana.demo7@gmail.com",
            sender_name="Dana Demo",
            to=to,
        )
    )
    assert result.company == "Tarnwell"


@pytest.mark.parametrize(
    "sender",
    ['"Jordan Reyes (Tarnwell)" <jordan@hire.lever.co>', '"MyWorkday@Tarnwell" <donotreply@tarnwell.example>'],
)
def test_it_reads_the_employer_a_display_name_carries(rules: RulesClassifier, sender: str) -> None:
    result = rules.classify_sync(
        parsed(
            "Thank you for applying",
            "Dear Dana,\n\nThank you for applying for the Analyst role. We have received your application and "
            "will review it.\n",
            sender=sender,
        )
    )
    assert result.company == "Tarnwell"


@pytest.mark.parametrize(
    ("heading", "company"),
    [("Tarnwell Dynamics", "Tarnwell Dynamics"), ("Quillon logo", "Quillon"), ("Application Update", "")],
)
def test_it_reads_the_heading_above_the_salutation(rules: RulesClassifier, heading: str, company: str) -> None:
    result = rules.classify_sync(
        body_only(
            f"{heading}\n\nDear Dana,\n\nThank you for applying for the Analyst role. We have received your "
            "application and will review it.\n"
        )
    )
    assert result.is_job_related
    assert result.company == company
