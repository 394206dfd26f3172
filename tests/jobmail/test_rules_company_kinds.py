"""Every kind of place an employer's name turns up in job mail, in wordings of many
employers: the sender's display name, the sender's domain and an ATS tenant, subject
templates, body templates and sign-offs, mail with a subject only and mail with a body
only; and the names that are never the employer (people, job boards, ATS vendors,
mailing services' footers, addresses, dates, words for a team).

All companies, people and roles are invented. Names come in every shape: several
words, "&", digits, "AI", ".io", all-caps acronyms."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.message import ParsedMessage
from tests.jobmail.messages import body_only, message, parsed

# A confirmation that names no employer: whatever names it is the place under test.
_NEUTRAL_BODY = (
    "Dear Dana,\n\nThank you for applying for the Data Analyst role. We have received your application and our "
    "team will review it carefully.\n\nBest regards\n"
)
_NEUTRAL_REJECTION = (
    "Hi Dana,\n\nThank you for your application. After careful review we have decided not to move forward with "
    "your candidacy at this time.\n\nKind regards\n"
)


def _company(rules: RulesClassifier, email: ParsedMessage) -> str:
    result = rules.classify_sync(email)
    assert result.is_job_related
    return result.company


def _subject_only(subject: str, body: str = _NEUTRAL_REJECTION) -> ParsedMessage:
    """A subject and a body, no sender: how some exported inboxes keep mail."""
    return message(body, subject=subject, sender="", sender_email="")


# --- the sender's display name -----------------------------------------------------------


@pytest.mark.parametrize(
    ("sender", "company"),
    [
        ("Larkspur Analytics Careers <careers@larkspur-analytics.example>", "Larkspur Analytics"),
        ("Quillfeather Labs Talent Acquisition <talent@quillfeather.example>", "Quillfeather Labs"),
        ("Maya from Tessellate AI <maya@tessellate.example>", "Tessellate AI"),
        ("Brightwater & Finch via Workday <brightwaterfinch@myworkday.com>", "Brightwater & Finch"),
        ("Mossgrove.io Recruiting Team <hiring@mossgrove.example>", "Mossgrove.io"),
        ("KVX Hiring <no-reply@kvx.example>", "KVX"),
        ("Orbital9 Careers <no-reply@us.greenhouse-mail.io>", "Orbital9"),
        ("Pinecrest Health | Recruiting <no-reply@hire.lever.co>", "Pinecrest Health"),
        ("Juniper & Vale Talent Team <no-reply@ashbyhq.com>", "Juniper & Vale"),
        ('"Halcyon Freight, Inc." <jobs@halcyonfreight.example>', "Halcyon Freight"),
        ("Saltmarsh Robotics Recruitment <noreply@smartrecruiters.com>", "Saltmarsh Robotics"),
        ("Cinder & Oak People Team <donotreply@cinderoak.example>", "Cinder & Oak"),
        ("Priya at Vantablue <priya@vantablue.example>", "Vantablue"),
        ("Tomas Ruiz (Fernhill Studios) <tomas@hire.lever.co>", "Fernhill Studios"),
    ],
)
def test_it_reads_the_employer_from_the_display_name(rules: RulesClassifier, sender: str, company: str) -> None:
    assert _company(rules, parsed("Thank you for applying", _NEUTRAL_BODY, sender=sender)) == company


# --- the sender's domain and an ATS tenant -------------------------------------------------


@pytest.mark.parametrize(
    ("sender", "company"),
    [
        ("no-reply@larkspuranalytics.example", "Larkspur Analytics"),
        ("Careers <careers@quillfeatherlabs.example>", "Quillfeather Labs"),
        ("Hiring Team <tessellate@myworkday.com>", "Tessellate"),
        ("Talent Acquisition <donotreply@kvx.example>", "Kvx"),
        ("Recruiting <no-reply@mossgrove.io>", "Mossgrove"),
        ("Notifications <pinecrest@smartrecruiters.com>", "Pinecrest"),
        ("Do Not Reply <orbital9@taleo.net>", "Orbital9"),
    ],
)
def test_it_reads_the_employer_from_the_sender_address(rules: RulesClassifier, sender: str, company: str) -> None:
    assert _company(rules, parsed("Thank you for applying", _NEUTRAL_BODY, sender=sender)).lower() == company.lower()


@pytest.mark.parametrize(
    ("link", "company"),
    [
        ("https://tessellate.wd3.myworkdayjobs.com/en-US/External/job/Remote/Data-Analyst_R1234", "Tessellate"),
        ("https://boards.greenhouse.io/quillfeatherlabs/jobs/4412", "Quillfeather Labs"),
        ("https://jobs.lever.co/orbital9/0a1b2c3d", "Orbital9"),
        ("https://jobs.ashbyhq.com/mossgrove/application", "Mossgrove"),
        ("https://jobs.smartrecruiters.com/PinecrestHealth/7431", "Pinecrest Health"),
        ("https://careers-saltmarsh.icims.com/jobs/2231/login", "Saltmarsh"),
        ("https://kvx.taleo.net/careersection/2/jobdetail.ftl?job=1182", "Kvx"),
        ("https://jobs.jobvite.com/vantablue/job/oQ1x", "Vantablue"),
    ],
)
def test_it_reads_the_employer_from_an_ats_tenant_in_a_link(rules: RulesClassifier, link: str, company: str) -> None:
    body = (
        "Dear Dana,\n\nThank you for applying for the Data Analyst role. We have received your application.\n\n"
        f"You can check the status of your application at any time: {link}\n"
    )
    # An ATS's own shared address names no tenant: the link does.
    email = parsed("Application received", body, sender="No Reply <noreply@myworkday.com>")
    assert _company(rules, email).lower() == company.lower()


@pytest.mark.parametrize(
    ("link", "company"),
    [
        ("https://tessellate.wd3.myworkdayjobs.com/en-US/External/job/Remote/Data-Analyst_R1234", "Tessellate"),
        ("https://jobs.lever.co/orbital9/0a1b2c3d", "Orbital9"),
        ("https://careers-saltmarsh.icims.com/jobs/2231/login", "Saltmarsh"),
    ],
)
def test_it_reads_the_tenant_of_a_body_without_headers(rules: RulesClassifier, link: str, company: str) -> None:
    body = (
        "Dear Dana,\n\nThank you for applying for the Data Analyst role. We have received your application.\n\n"
        f"You can check the status of your application at any time: {link}\n"
    )
    assert _company(rules, body_only(body)).lower() == company.lower()


# --- subject templates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "company"),
    [
        ("Thank you for applying to Larkspur Analytics", "Larkspur Analytics"),
        ("Thanks for applying to Quillfeather Labs!", "Quillfeather Labs"),
        ("Your application to Tessellate AI", "Tessellate AI"),
        ("Your application at Brightwater & Finch", "Brightwater & Finch"),
        ("Tessellate AI | Software Engineer", "Tessellate AI"),
        ("Data Analyst | Mossgrove.io", "Mossgrove.io"),
        ("Update from Brightwater & Finch", "Brightwater & Finch"),
        ("An update from Orbital9 Recruiting", "Orbital9"),
        ("Mossgrove.io: interview invitation", "Mossgrove.io"),
        ("KVX: Your application status", "KVX"),
        ("Data Analyst role at KVX", "KVX"),
        ("Thanks for your interest in Orbital9", "Orbital9"),
        ("Your application with Pinecrest Health", "Pinecrest Health"),
        ("Pinecrest Health - Application Received", "Pinecrest Health"),
        ("Application received - Juniper & Vale", "Juniper & Vale"),
        ("Juniper & Vale: Next steps", "Juniper & Vale"),
        ("Important information about your application to Halcyon Freight", "Halcyon Freight"),
        ("Regarding your candidacy at Tessellate AI", "Tessellate AI"),
        ("Your Halcyon Freight candidacy", "Halcyon Freight"),
        ("Halcyon Freight Application Confirmation", "Halcyon Freight"),
        ("Interview with Saltmarsh Robotics", "Saltmarsh Robotics"),
        ("Next steps with Cinder & Oak", "Cinder & Oak"),
        ("Your candidacy for Data Analyst at Vantablue", "Vantablue"),
        ("We received your application - Route 9 Logistics", "Route 9 Logistics"),
        ("Greetings from Fernhill Studios", "Fernhill Studios"),
        ("Following up on your Larkspur Analytics application", "Larkspur Analytics"),
    ],
)
def test_it_reads_the_employer_from_a_subject(rules: RulesClassifier, subject: str, company: str) -> None:
    assert _company(rules, _subject_only(subject)) == company


# --- body templates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "company"),
    [
        (
            "Dear Dana,\n\nThank you for your interest in Larkspur Analytics. We have received your application "
            "for the Data Analyst role.\n",
            "Larkspur Analytics",
        ),
        (
            "Hi Dana,\n\nWe appreciate your interest in a career at Quillfeather Labs. Unfortunately we will not "
            "move forward with your application.\n",
            "Quillfeather Labs",
        ),
        (
            "Hello Dana,\n\nEveryone here at Tessellate AI thanks you for applying. We have received your "
            "application.\n",
            "Tessellate AI",
        ),
        (
            "Hi Dana,\n\nThank you for applying. We have decided to move forward with other candidates.\n\nBest,\n"
            "The Brightwater & Finch team\n",
            "Brightwater & Finch",
        ),
        (
            "Dear Dana,\n\nOn behalf of Mossgrove.io, thank you for applying for the Data Analyst position. We "
            "have received your application.\n",
            "Mossgrove.io",
        ),
        (
            "Dear Dana,\n\nThank you for applying. Unfortunately we have decided to pursue other candidates.\n\n"
            "Regards,\nKVX Talent Acquisition\n",
            "KVX",
        ),
        (
            "Hi Dana,\n\nWe are excited about the possibility of you joining Orbital9! Your application has been "
            "received.\n",
            "Orbital9",
        ),
        (
            "Dear Dana,\n\nThank you for taking the time to apply to Pinecrest Health. We have received your "
            "application.\n",
            "Pinecrest Health",
        ),
        (
            "Dear Dana,\n\nThank you for considering a career with Juniper & Vale. We have received your "
            "application.\n",
            "Juniper & Vale",
        ),
        (
            "Dear Dana,\n\nYour application for the Analyst position with Halcyon Freight has been received and "
            "is under review.\n",
            "Halcyon Freight",
        ),
        (
            "Hi Dana,\n\nThank you for applying for the Data Analyst position at Route 9 Logistics. We will be in "
            "touch.\n",
            "Route 9 Logistics",
        ),
        (
            "Hi Dana,\n\nThe recruiting team at Saltmarsh Robotics has reviewed your application. Unfortunately "
            "we will not be moving forward.\n",
            "Saltmarsh Robotics",
        ),
        (
            "Dear Dana,\n\nThank you for applying. We have decided to move forward with other candidates.\n\n"
            "Sincerely,\nHuman Resources\nCinder & Oak\n",
            "Cinder & Oak",
        ),
        (
            "Dear Dana,\n\nThank you for applying. We have received your application.\n\nWarm regards,\n"
            "Recruiting Team | Vantablue\n",
            "Vantablue",
        ),
        (
            "Dear Dana,\n\nThank you for your application to work at Fernhill Studios. We have received it and "
            "will be in touch.\n",
            "Fernhill Studios",
        ),
        (
            "Dear Dana,\n\nThank you for your recent application for employment with Larkspur Analytics. We "
            "have decided to pursue other candidates.\n",
            "Larkspur Analytics",
        ),
        (
            "Hi Dana,\n\nThanks so much for wanting to be part of Quillfeather Labs! We have received your "
            "application for the Data Analyst role.\n",
            "Quillfeather Labs",
        ),
        (
            "Dear Dana,\n\nThank you for applying for the Data Analyst role. We will review your application "
            "shortly.\n\nThanks,\nTessellate AI Recruiting\n",
            "Tessellate AI",
        ),
        (
            "Hi Dana,\n\nWe have received your application for the Analyst opening at KVX Systems, Inc. and will "
            "be in touch.\n",
            "KVX Systems",
        ),
    ],
)
def test_it_reads_the_employer_from_a_body(rules: RulesClassifier, body: str, company: str) -> None:
    assert _company(rules, body_only(body)) == company


# --- names that are never the employer -----------------------------------------------------


@pytest.mark.parametrize(
    ("sender", "subject", "body", "company"),
    [
        pytest.param(
            "LinkedIn <jobs-noreply@linkedin.com>",
            "Your application was sent to Larkspur Analytics",
            "Your application was sent to Larkspur Analytics\n\nData Analyst\nLarkspur Analytics · Denver, CO\n",
            "Larkspur Analytics",
            id="linkedin-relays",
        ),
        pytest.param(
            "Indeed Apply <indeedapply@indeed.com>",
            "Indeed Application: Data Analyst",
            "Application submitted\n\nData Analyst\nQuillfeather Labs - Austin, TX\n\nYour application was sent "
            "to Quillfeather Labs.\n",
            "Quillfeather Labs",
            id="indeed-relays",
        ),
        pytest.param(
            "Glassdoor <applications@glassdoor.com>",
            "Your application to Tessellate AI",
            "Hi Dana,\n\nYour application for Data Analyst at Tessellate AI has been submitted.\n",
            "Tessellate AI",
            id="glassdoor-relays",
        ),
        pytest.param(
            "ZipRecruiter <phil@ziprecruiter.com>",
            "Your application to Orbital9",
            "Hi Dana,\n\nYour application for Data Analyst at Orbital9 has been submitted. The employer will review "
            "it.\n",
            "Orbital9",
            id="ziprecruiter-relays",
        ),
        pytest.param(
            "Workday <no-reply@myworkday.com>",
            "Thank you for applying",
            "Dear Dana,\n\nThank you for applying to Pinecrest Health. We have received your application.\n",
            "Pinecrest Health",
            id="ats-vendor-as-display-name",
        ),
        pytest.param(
            "Greenhouse <no-reply@greenhouse.io>",
            "Application received",
            "Dear Dana,\n\nThanks for your interest in Juniper & Vale. We have received your application.\n\n"
            "Powered by Greenhouse\n",
            "Juniper & Vale",
            id="greenhouse-as-display-name",
        ),
        pytest.param(
            "Careers <careers@halcyon-freight.example>",
            "Thank you for applying",
            "Dear Dana,\n\nThank you for applying for the Data Analyst role. We have received your application.\n\n"
            "Sent by Mailstream Inc., 1200 Harbor Drive, Suite 300, Oakland, CA\n",
            "Halcyon Freight",
            id="mailing-service-footer",
        ),
        pytest.param(
            "Jordan Reyes <jordan.reyes4@gmail.com>",
            "Data Analyst opportunity",
            "Hi Dana,\n\nI am a recruiter at Saltmarsh Robotics and came across your profile. Would you be open to a "
            "call about our Data Analyst role?\n\nBest,\nJordan Reyes\n",
            "Saltmarsh Robotics",
            id="recruiter-from-free-mail",
        ),
    ],
)
def test_it_names_the_employer_not_the_board_vendor_or_service(
    rules: RulesClassifier, sender: str, subject: str, body: str, company: str
) -> None:
    assert _company(rules, parsed(subject, body, sender=sender)) == company


@pytest.mark.parametrize(
    "subject",
    [
        "Hiring Team Update",
        "Careers: application received",
        "Team update on your application",
        "Monday interview confirmation",
        "September application update",
        "Talent Acquisition - Application Received",
        "Recruiting: next steps",
    ],
)
def test_it_does_not_take_a_generic_word_or_date_in_a_subject_for_the_employer(
    rules: RulesClassifier, subject: str
) -> None:
    assert _company(rules, _subject_only(subject)) == ""


@pytest.mark.parametrize(
    "body",
    [
        "Dear Dana,\n\nThank you for applying. We have received your application.\n\nBest,\nPriya Natarajan\n"
        "Senior Recruiter\n",
        "Dear Dana,\n\nThank you for applying. We have received your application.\n\nRegards,\nThe Hiring Team\n",
        "Dear Dana,\n\nThank you for applying. We have received your application.\n\n"
        "1200 Harbor Drive, Suite 300\nOakland, CA 94607\n",
        "Dear Dana,\n\nThank you for applying. We will be in touch by Monday, September 14.\n\nCareers\n",
        "Dear Dana,\n\nThank you for applying to our Data Analyst role. We have received your application.\n\n"
        "Powered by Workday\n",
    ],
)
def test_it_does_not_take_a_person_address_date_or_team_in_a_body_for_the_employer(
    rules: RulesClassifier, body: str
) -> None:
    assert _company(rules, body_only(body)) == ""


# --- the name comes out normalised ---------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "company"),
    [
        ("Thank you for applying to Larkspur Analytics, Inc.", "Larkspur Analytics"),
        ("Your application to Quillfeather Labs LLC", "Quillfeather Labs"),
        ("Update from Brightwater & Finch Ltd.", "Brightwater & Finch"),
    ],
)
def test_it_strips_the_legal_form_from_the_employer(rules: RulesClassifier, subject: str, company: str) -> None:
    assert _company(rules, _subject_only(subject)) == company


# --- more wordings of the body ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "company"),
    [
        (
            "Hi Dana,\n\nThank you for applying. Unfortunately we will not move forward.\n\nTessellate AI Human "
            "Resource\n",
            "Tessellate AI",
        ),
        (
            "Hi Dana,\n\nThank you for applying. Unfortunately we will not move forward with your application.\n\n"
            "Your friends at Brightwater & Finch\n",
            "Brightwater & Finch",
        ),
        (
            "Hi Dana,\n\nWe have received your application for the position you applied for with Route 9 "
            "Logistics and will review it.\n",
            "Route 9 Logistics",
        ),
        (
            "Hi Dana,\n\nUnfortunately we will not move forward with your application. We will keep your resume "
            "on file for other opportunities within NXT Dynamics.\n",
            "NXT Dynamics",
        ),
        (
            "Hi Dana,\n\nKVX appreciates your interest in the Data Analyst role. Unfortunately we will not move "
            "forward with your application.\n",
            "KVX",
        ),
        (
            "Hi Dana,\n\nOrbital9 thanks you for applying. Unfortunately we will not move forward with your "
            "application.\n",
            "Orbital9",
        ),
        (
            "Hi Dana,\n\nYour application is now with Mossgrove.io's hiring team. We will be in touch.\n",
            "Mossgrove.io",
        ),
        (
            "Hi Dana,\n\nThank you for applying. Unfortunately we will not move forward with your application.\n\n"
            "The Talent Acquisition Team\nLarkspur Analytics\n",
            "Larkspur Analytics",
        ),
        (
            "Hi Dana,\n\nThis is an automated confirmation from Vantablue. We have received your application.\n",
            "Vantablue",
        ),
        (
            "Hi Dana,\n\nThank you for submitting your resume to Pinecrest Health. We have received your "
            "application.\n",
            "Pinecrest Health",
        ),
    ],
)
def test_it_reads_the_employer_from_more_body_wordings(rules: RulesClassifier, body: str, company: str) -> None:
    assert _company(rules, body_only(body)) == company


# --- platforms that hire, and platforms as tools ---------------------------------------------


@pytest.mark.parametrize(
    ("subject", "body", "company"),
    [
        ("Your LinkedIn Application", _NEUTRAL_REJECTION, "LinkedIn"),
        ("", "Hi Dana,\n\nThank you for applying to Indeed. We have received your application.\n", "Indeed"),
        ("Thank you for your interest in Glassdoor", _NEUTRAL_REJECTION, "Glassdoor"),
        (
            "",
            "Hi Dana,\n\nAt Zoom, we read every application. Unfortunately we have decided not to move forward "
            "with your application.\n",
            "Zoom",
        ),
        ("Your Microsoft job application", _NEUTRAL_REJECTION, "Microsoft"),
        (
            "",
            "Hi Dana,\n\nThank you for applying. Unfortunately we will not move forward.\n\nThe LinkedIn University "
            "Recruiting Team\n",
            "LinkedIn",
        ),
    ],
)
def test_it_names_a_platform_that_hires_where_the_text_applies_to_it(
    rules: RulesClassifier, subject: str, body: str, company: str
) -> None:
    assert _company(rules, _subject_only(subject, body)) == company


@pytest.mark.parametrize(
    "tool_line",
    [
        "Please join the interview on Zoom using the link below.",
        "Join Zoom Meeting [zoom.us]",
        "Your interview will take place via Microsoft Teams.",
        "Join with Google Meet: [meet.google.com]",
        "Apply with LinkedIn to more of our roles.",
        "Connect with us on LinkedIn | Glassdoor",
        "Thanks,\nJordan Reyes\nLinkedIn",
        "Powered by Greenhouse",
        "Sent by Mailstream, Inc., 500 Harbor Drive, Oakland, CA",
        "This email was sent via Postwing Inc. on behalf of our recruiting team.",
    ],
)
def test_it_does_not_take_a_platform_used_as_a_tool_for_the_employer(rules: RulesClassifier, tool_line: str) -> None:
    body = (
        "Dear Dana,\n\nThank you for applying to Larkspur Analytics. We would like to invite you to an interview "
        f"for the Data Analyst role.\n\n{tool_line}\n"
    )
    assert _company(rules, body_only(body)) == "Larkspur Analytics"


# --- display names that are no name -------------------------------------------------------------


@pytest.mark.parametrize(
    "display", ["No Reply", "Do Not Reply", "Automated Message", "Job Alerts", "Applicant Tracking", "Auto Reply"]
)
def test_it_does_not_take_a_mailbox_display_name_for_the_employer(rules: RulesClassifier, display: str) -> None:
    email = parsed("Thank you for applying", _NEUTRAL_BODY, sender=f"{display} <no-reply@us.greenhouse-mail.io>")
    assert _company(rules, email) == ""


@pytest.mark.parametrize(
    ("sender", "company"),
    [
        ("Jordan Reyes, Tessellate AI <jordan@hire.lever.co>", "Tessellate AI"),
        ("Reyes, Jordan <jreyes@larkspur.example>", "Larkspur"),
        ("Orbital9 Talent <no-reply@us.greenhouse-mail.io>", "Orbital9"),
        ("Brightline Talent <jobs@brightlinetalent.example>", "Brightline Talent"),
        ("no-reply Juniper & Vale <no-reply@ashbyhq.com>", "Juniper & Vale"),
        ("Halcyon Freight, LLC Talent Acquisition <do-not-reply@candidatecare.com>", "Halcyon Freight"),
    ],
)
def test_it_reads_the_employer_from_a_display_name_with_a_person_or_a_team(
    rules: RulesClassifier, sender: str, company: str
) -> None:
    assert _company(rules, parsed("Thank you for applying", _NEUTRAL_BODY, sender=sender)) == company


# --- a body without headers: the sites it links to ------------------------------------------------


@pytest.mark.parametrize(
    ("footer", "company"),
    [
        (
            "For questions, call kVista Cloud Services at 555-0100 or visit https://www.kvistacs.com/careers.",
            "kVista Cloud Services",
        ),
        (
            "Questions? Contact Harbor Lane Partners at 555-0100 or visit www.harborlanepartners.com.",
            "Harbor Lane Partners",
        ),
    ],
)
def test_it_reads_the_employer_a_linked_site_spells(rules: RulesClassifier, footer: str, company: str) -> None:
    body = (
        "Thank you for your interest in careers with us. Your resume was received and is being reviewed by our "
        f"staff.\n\n{footer}\n"
    )
    assert _company(rules, body_only(body)) == company


@pytest.mark.parametrize(
    ("display", "company"),
    [
        ("Talent Acquisition | Larkspur Analytics", "Larkspur Analytics"),
        ("Workday @ Orbital9", "Orbital9"),
        ("Jordan Reyes - Tessellate AI", "Tessellate AI"),
        ("Jordan Reyes | Route 9 Logistics", "Route 9 Logistics"),
        ("Reyes, Jordan [Brightwater & Finch]", "Brightwater & Finch"),
        ("Reyes, Jordan [US-US]", ""),
        ("NXT Dynamics Corporate Recruiting", "NXT Dynamics"),
        ("Pinecrest Health HR Shared Services", "Pinecrest Health"),
        ("Vantablue Hiring Manager", "Vantablue"),
    ],
)
def test_it_reads_a_display_name_of_a_team_a_tool_or_a_person_and_the_employer(
    rules: RulesClassifier, display: str, company: str
) -> None:
    email = parsed("Thank you for applying", _NEUTRAL_BODY, sender=f'"{display}" <no-reply@hire.lever.co>')
    assert _company(rules, email) == company


def test_it_prefers_a_subject_segment_beside_a_step_to_a_vendors_copyright(rules: RulesClassifier) -> None:
    body = (
        "Dear Dana,\n\nWe have received your application. Your reference number is 4411.\n\nKind regards,\n"
        "Recruitment Team\n\nCopyright 2026 Talentwire Systems Ltd. All rights reserved.\n"
    )
    assert _company(rules, _subject_only("Application received - Larkspur Analytics", body)) == "Larkspur Analytics"
