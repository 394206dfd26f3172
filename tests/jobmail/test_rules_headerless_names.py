"""Employer and role in mail kept without its sender (body only, or a subject and a body),
as exported inboxes and data sets keep it: small employers sign with a first name over
their name, with an owner's role, with a last line and no closing; they quote a role after
its noun and decorate it with the hours it works. Every name here is invented."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.evaluation import _company_match_key
from jobmail.message import ParsedMessage, parse_message
from jobmail.text.names import title_key


def unsent(body: str, subject: str = "") -> ParsedMessage:
    headers = f"Subject: {subject}\nDate: Tue, 08 Sep 2026 10:00:00 +0200\n" if subject else ""
    return parse_message(f"{headers}Content-Type: text/plain; charset=utf-8\n\n{body}".encode())


def names(rules: RulesClassifier, body: str, subject: str = "") -> tuple[str, str]:
    result = rules.classify_sync(unsent(body, subject))
    assert result.is_job_related
    return _company_match_key(result.company), title_key(result.job_title)


@pytest.mark.parametrize(
    ("body", "company"),
    [
        # A first name alone over the employer's line.
        (
            "Hi Sam,\n\nThanks for applying for our open Bookkeeper position! We'll review your application and "
            "get back to you.\n\nBest,\nNadia\nMaplecrest Accounting",
            "Maplecrest Accounting",
        ),
        (
            "Hello Sam,\n\nThank you for your application to the Groundskeeper role. We would like to invite you "
            "to an interview next Tuesday.\n\nCheers,\nOwen\nFernway Estates Trust",
            "Fernway Estates Trust",
        ),
        # An owner's or an administrator's role before the employer.
        (
            "Hi Sam,\n\nThanks for applying to the Welder Fabricator position. We'd like to set up an interview."
            "\n\nBest,\nDale\nOwner, Granitepeak Fabrication",
            "Granitepeak Fabrication",
        ),
        (
            "Dear Sam,\n\nThank you for your application for Dental Nurse. Unfortunately we have appointed another "
            "candidate.\n\nKind regards,\nMorag Flett\nPractice Administrator | Skerryvale Dental Care",
            "Skerryvale Dental Care",
        ),
        # "the X team" as the subject of its own decision.
        (
            "Hi Sam,\n\nThe Northbeam team would like to invite you to a phone interview for the Product Designer "
            "role. Let us know your availability.\n\nBest,\nRiley",
            "Northbeam",
        ),
        (
            "Dear Sam,\n\nThanks for applying for the Junior Buyer role. Unfortunately, the Wrenhollow team has "
            "decided to move forward with other candidates.\n\nRegards,\nLeah",
            "Wrenhollow",
        ),
        # A Markdown heading above the salutation.
        (
            "**Hollowbrook Veterinary Clinic**\n\nDear Sam,\n\nThank you for your application for Veterinary Nurse. "
            "Unfortunately, on this occasion you have not been successful.\n\nKind regards,\nPractice Manager",
            "Hollowbrook Veterinary Clinic",
        ),
        # The last line of a letter without a closing.
        (
            "Dear Sam,\n\nThanks for applying for the role of Chef de Partie at The Olive Tree Kitchen. "
            "Unfortunately we've filled the position.\n\nThe Olive Tree Kitchen",
            "Olive Tree Kitchen",
        ),
        # A saint's name before an institution keeps its possessive.
        (
            "Hello Sam,\n\nThank you for your application for the Teaching Assistant vacancy at St Aldric's Primary "
            "School. Shortlisted candidates will be contacted by Friday.\n\nSchool Office",
            "St Aldric's Primary School",
        ),
        # Words for a trade's business end a name that signs after the closing.
        (
            "Dear Sam,\n\nThank you for your interest in the Trainee Surveyor post with Hartwell Surveying. We "
            "would like to invite you to interview on 14 October.\n\nYours sincerely,\nHartwell Surveying",
            "Hartwell Surveying",
        ),
        (
            "Dear Sam,\n\nThis email confirms receipt of your application for Job Title: Quality Inspector, "
            "Requisition #88213, Location: Monterrey, Mexico.\n\nThank you,\nAltamira Components",
            "Altamira Components",
        ),
        (
            "Dear Sam,\n\nYour application for the Accounts Assistant position has been successfully submitted to "
            "Larchmont Wholesale.\n\nKind regards",
            "Larchmont Wholesale",
        ),
        # A branch of the employer, not the employer.
        (
            "Dear Sam,\n\nThank you for your application for our Kitchen Porters vacancy at the Riverside branch "
            "of Ember & Oak. We'd like to invite you to a trial shift.\n\nEmber & Oak",
            "Ember & Oak",
        ),
    ],
)
def test_it_reads_the_employer_of_a_small_employers_letter_without_a_sender(
    rules: RulesClassifier, body: str, company: str
) -> None:
    assert names(rules, body)[0] == _company_match_key(company)


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # Quoted after its job noun.
        (
            "Dear Sam,\n\nWe have received your application for the role 'Graduate Civil Engineer'. Our team at "
            "Kestrel Infrastructure will review it and get back to you.\n\nKestrel Infrastructure Pty Ltd",
            "Graduate Civil Engineer",
        ),
        (
            'Dear Sam,\n\nThank you for your application for the position "Junior Architect" at Linden Hart. We '
            "regret that we cannot consider you further.\n\nLinden Hart",
            "Junior Architect",
        ),
        # The hours of a shift role are no part of it.
        (
            "Dear Sam,\n\nWe are writing about your application for the role of CNC Machinist - Weekends. We "
            "would like to invite you to an on-site interview.\n\nKind regards,\nTom Becker\nProduction Manager, "
            "Steelbrook Components",
            "CNC Machinist",
        ),
        (
            "Dear Sam,\n\nThank you for applying to the Care Worker (Nights) position. We have received your "
            "application.\n\nThanks,\nAshgrove Care Homes",
            "Care Worker",
        ),
        (
            "Hello Sam,\n\nThank you for applying for our Retail Sales Associate - Seasonal opening at Harrow & "
            "Finch. Unfortunately we are unable to offer you an interview.\n\nHarrow & Finch People Team",
            "Retail Sales Associate",
        ),
        # The sentence ends on the role.
        (
            "Hi Sam,\n\nThank you for your interest in joining us at Orchard Lane Bakery as a Pastry Assistant. "
            "Sadly we have filled the vacancy.\n\nAll the best,\nPriya\nOrchard Lane Bakery",
            "Pastry Assistant",
        ),
        # "our next X": the role, not the word before it.
        (
            "Hi Sam!\n\nThank you so much for applying to be our next Front Desk Coordinator. We loved your "
            "application and would like to chat.\n\nThe team at Bloom & Birch Yoga",
            "Front Desk Coordinator",
        ),
        # A signer's role over the employer's last line is theirs, not the job's.
        (
            "Dear Sam,\n\nThank you for applying to join Pebble Creek Childcare as an Early Years Educator. We'd "
            "like to invite you for an interview.\n\nManager\nPebble Creek Childcare",
            "Early Years Educator",
        ),
        # A factory's operative is a role.
        (
            "Dear Sam,\n\nThank you for attending the interview for Production Operative. We are sorry to tell "
            "you that you have been unsuccessful.\n\nKind Regards\nHR Team\nWestfield Packaging Ltd",
            "Production Operative",
        ),
    ],
)
def test_it_reads_the_role_of_a_letter_without_a_sender(rules: RulesClassifier, body: str, title: str) -> None:
    assert names(rules, body)[1] == title_key(title)


def test_it_keeps_a_role_that_starts_with_a_word_for_hours(rules: RulesClassifier) -> None:
    _company, title = names(
        rules,
        "Dear Sam,\n\nThank you for applying for the Weekend Receptionist position. We will be in touch.\n\n"
        "Kind regards,\nBrackenfield Leisure",
    )
    assert title == title_key("Weekend Receptionist")


def test_it_does_not_take_a_person_signing_without_an_employer_line_for_one(rules: RulesClassifier) -> None:
    company, _title = names(
        rules,
        "Hi Sam,\n\nThanks for applying for the Line Cook role. We'd like to meet you on Friday.\n\nBest,\nNadia",
    )
    assert company == ""


@pytest.mark.parametrize(
    ("body", "company"),
    [
        # The signer's role between their name and the employer's line.
        (
            "Dear Sam,\n\nThank you for applying for our Senior Bookkeeper vacancy. We would like to invite you to "
            "an interview.\n\nKind regards\nLouise Carter\nFinance Director\nPennyworth & Dale Chartered "
            "Accountants\nTel: 01632 960000",
            "Pennyworth & Dale Chartered Accountants",
        ),
        # The signer's role, a comma and the employer.
        (
            "Hi Sam,\n\nThank you for applying for the role of Gardener. We'd like to invite you to visit the "
            "grounds for an informal interview.\n\nBest,\nHead Gardener, Wisteria Hall",
            "Wisteria Hall",
        ),
        # Any role noun before "at": a kitchen's two roles.
        (
            "Hi Sam,\n\nThanks for your application for Line Cook and Dishwasher at Saltmarsh Bistro. Can you "
            "come in Thursday at 3pm for a quick chat?\n\nMarco",
            "Saltmarsh Bistro",
        ),
        # A tag of an HTML letter around its heading.
        (
            "<b>Copperfield Insurance Brokers</b>\n\nDear Sam,\n\nThank you for your application for Claims "
            "Handler. We will be in touch shortly.\n\nRecruitment",
            "Copperfield Insurance Brokers",
        ),
        # A team's line by another name over the employer's.
        (
            "Dear Sam,\n\nYour application for the post of Catering Assistant has been received.\n\nHR Services\n"
            "Northmoor Academy Trust",
            "Northmoor Academy Trust",
        ),
        # A last line with a legal form that keys drop.
        (
            "Hi Sam,\n\nWe got your application for the Delivery Driver job. Thanks for applying!\n\nMorsel Pizza Co.",
            "Morsel Pizza",
        ),
    ],
)
def test_it_reads_the_employer_from_a_signature_with_a_role(rules: RulesClassifier, body: str, company: str) -> None:
    assert names(rules, body)[0] == _company_match_key(company)


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # Pay and school terms decorate the role.
        (
            "Dear Sam,\n\nThank you for applying to Veldt Outdoor's Warehouse Team Member - $19/hour role. We'd "
            "like to invite you to a group interview.\n\nVeldt Outdoor",
            "Warehouse Team Member",
        ),
        (
            "Dear Sam,\n\nYour application for the post of Catering Assistant (Term Time Only) has been received."
            "\n\nHR Services\nNorthmoor Academy Trust",
            "Catering Assistant",
        ),
        (
            "Hi Sam,\n\nThanks for applying to the Kitchen Porter (£12.10 per hour) position. We'll be in touch."
            "\n\nGalleon Inn",
            "Kitchen Porter",
        ),
        # Between commas after "the position you applied for".
        (
            "Hello Sam,\n\nThe position you applied for, Junior Data Analyst, has now been filled. We wish you "
            "every success.\n\nRegards,\nLachlan Grey\nTalent Acquisition Partner\nSouthwind Analytics",
            "Junior Data Analyst",
        ),
        # A letter's "Re:" heading.
        (
            "Dear Sam,\n\nRe: Summer Camp Counselor 2027\n\nThank you for applying. We would like to invite you to "
            "an interview.\n\nBest wishes,\nCamp Director\nPine Hollow Outdoor Centre",
            "Summer Camp Counselor 2027",
        ),
    ],
)
def test_it_reads_a_decorated_or_headed_role(rules: RulesClassifier, body: str, title: str) -> None:
    assert names(rules, body)[1] == title_key(title)


@pytest.mark.parametrize(
    ("body", "company"),
    [
        # The last line of a letter that signs with no closing.
        (
            "Dear Sam,\n\nThank you for your application for Night Porter. We are unable to offer you the position "
            "at this time.\n\nReception\nThe Grange Hotel",
            "Grange Hotel",
        ),
        (
            "Hi Sam,\n\nThanks for applying for the Accounts Clerk job! Are you free on Wednesday for an interview "
            "at our office?\n\nJenny\nKettleby & Sons",
            "Kettleby & Sons",
        ),
        # ... but a department's last line under the employer's is the department's.
        (
            "Dear Sam,\n\nThank you for applying for the Lettings Negotiator role. We have received your "
            "application.\n\nBest regards,\nAshdown Property Management\nLettings Office",
            "Ashdown Property Management",
        ),
    ],
)
def test_it_reads_the_employer_on_the_last_line(rules: RulesClassifier, body: str, company: str) -> None:
    assert names(rules, body)[0] == _company_match_key(company)


def test_it_reads_a_plural_role_after_its_anchor(rules: RulesClassifier) -> None:
    _company, title = names(
        rules,
        "Dear Sam,\n\nThank you for your interest in a career with Meridian Home Care. We received your application "
        "for Home Health Aides and we will contact you to schedule an interview.\n\nMeridian Home Care",
    )
    assert title == title_key("Home Health Aides")


def test_it_reads_the_employer_under_a_team_for_one_kind_of_hire(rules: RulesClassifier) -> None:
    company, _title = names(
        rules,
        "Dear Sam,\n\nThank you for applying for our Registered Nurses position. After careful review, we have "
        "decided to proceed with other candidates.\n\nKind regards,\nNurse Recruitment Team\nSt. Brigid's Hospital",
    )
    assert company == _company_match_key("St. Brigid's Hospital")


def test_it_reads_the_employer_under_any_teams_line(rules: RulesClassifier) -> None:
    company, _title = names(
        rules,
        "Dear Sam,\n\nThank you for applying for our Forklift Drivers vacancy. We will contact you if you are "
        "shortlisted.\n\nKind regards\nOperations Team\nDunmore Distribution",
    )
    assert company == _company_match_key("Dunmore Distribution")


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # A British "post" bounds a title as "position" does.
        (
            "Hi Sam,\n\nGreat news! You've been shortlisted for the Teaching Fellow in Mathematics post at "
            "Kingsbridge College. Please find interview details below.\n\nKingsbridge College HR Team",
            "Teaching Fellow in Mathematics",
        ),
        # ... but a capitalised "Post" is part of one.
        (
            "Dear Sam,\n\nThank you for applying for the Senior Post Production Editor role. We will be in touch."
            "\n\nKind regards,\nFramewell Studios",
            "Senior Post Production Editor",
        ),
        (
            "Hello Sam,\n\nThank you for applying for the Bicycle Courier (Flexible Hours) position. We'll be in "
            "touch.\n\nZipline Couriers Ltd",
            "Bicycle Courier",
        ),
    ],
)
def test_it_reads_a_role_a_post_bounds(rules: RulesClassifier, body: str, title: str) -> None:
    assert names(rules, body)[1] == title_key(title)


def test_it_reads_the_employer_a_recruiter_introduces_themselves_with(rules: RulesClassifier) -> None:
    company, title = names(
        rules,
        "Hello,\n\nThis is Priya Nair from Tallowmere Inc. and we are hiring for the role Senior Data Engineer "
        "- Remote.\n\nRegards,\nPriya Nair\nTechnical Recruiter",
    )
    assert (company, title) == (_company_match_key("Tallowmere"), title_key("Senior Data Engineer"))
