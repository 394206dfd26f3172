"""The employer as the rules read it when the name has an unusual shape or the email
arrives without the headers that usually carry it (every name here is invented)."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from tests.jobmail.messages import body_only, mail


@pytest.fixture(scope="module")
def rules() -> RulesClassifier:
    return RulesClassifier()


@pytest.mark.parametrize(
    ("body", "company"),
    [
        (
            # A possessive name that signs with its legal form.
            "Hi Dana,\n\nThank you for applying to the Junior Accountant position and for your interest in "
            "Pellington's. We have decided to continue with other applicants.\n\nKind regards,\n\nPeople Team\n"
            "Pellington's LLC\n",
            "Pellington's",
        ),
        (
            "Hello Dana,\n\nWe received your application for the Store Supervisor role with Harrowgate's and "
            "will review it within two weeks.\n\nBest,\nRecruitment\nHarrowgate's Inc.\n",
            "Harrowgate's",
        ),
    ],
)
def test_it_keeps_a_possessive_name_before_its_legal_form(rules: RulesClassifier, body: str, company: str) -> None:
    assert rules.classify_sync(body_only(body)).company == company


@pytest.mark.parametrize(
    ("body", "company"),
    [
        (
            # A recruiter introduces themself and the employer in the opening line.
            "Hello,\n\nThis is Ravi Menon from Tessly. We are staffing a twelve-month Senior Data Engineer "
            "contract, hybrid, and your profile looks like a fit. Could you share a current CV?\n",
            "Tessly",
        ),
        (
            "Hi Dana,\n\nMy name is Ilse Brandt and I'm with Marrow Dynamics. We are hiring a Controls "
            "Engineer for our plant and I would love to tell you more about the role.\n",
            "Marrow Dynamics",
        ),
        (
            "Good afternoon,\n\nI'm Tomasz Wilk from Bank of Elsmere. Your background in credit risk caught "
            "my eye for a Risk Analyst opening on our team; are you free for a short call this week?\n",
            "Bank of Elsmere",
        ),
    ],
)
def test_it_reads_the_employer_a_recruiter_introduces(rules: RulesClassifier, body: str, company: str) -> None:
    assert rules.classify_sync(body_only(body)).company == company


# A recruiter's reply kept without its headers: only the signature's address and the
# quoted message's header lines say whose mail it is.
_REPLY_WITHOUT_HEADERS = (
    "Hi Dana,\n\nThe hiring manager confirmed that Thursday at 2 pm works for the second round. "
    "I will send the video link tomorrow.\n\nThanks,\nMarek\n\n"
    "From: Dana Demo <dana.demo@gmail.com>\nSent: Monday, March 2, 2026 9:12 AM\n"
    "To: Marek Olsen <marek.olsen@fenwickhale.example>\n"
    "Subject: Re: [External] Re: Fenwick & Hale - Platform Engineer interview\n\n"
    "Hi Marek,\n\nThursday afternoon suits me well.\n\nDana\n"
)


def test_it_reads_a_quoted_subject_and_address_when_the_headers_are_gone(rules: RulesClassifier) -> None:
    assert rules.classify_sync(body_only(_REPLY_WITHOUT_HEADERS)).company == "Fenwick & Hale"


@pytest.mark.parametrize(
    "body",
    [
        # The signature's address is the only place the employer is written.
        "Hi Dana,\n\nThanks for the chat earlier. The team would like to invite you to a technical interview "
        "next week; please send me two or three times that suit you.\n\nPriya Raman\nSenior Recruiter\n"
        "Email: priya.raman@quillon.example\nPhone: 555-0142\n",
        # An inline image's content id looks like an address but names no mailbox.
        "Hi Dana,\n\nThanks for the chat earlier. The team would like to invite you to a technical interview "
        "next week; please send me two or three times that suit you.\n\n[cid:image001.png@01AB23CD.45EF6789]\n"
        "Priya Raman\nSenior Recruiter\npriya.raman@quillon.example\n",
    ],
)
def test_it_reads_the_signature_address_of_mail_without_a_sender(rules: RulesClassifier, body: str) -> None:
    assert rules.classify_sync(body_only(body)).company == "Quillon"


def test_it_never_takes_the_recipient_address_in_a_footer_for_the_employer(rules: RulesClassifier) -> None:
    body = (
        "Hi Dana,\n\nThank you for applying to the Lab Technician position at Summit. We will review your "
        "application and be in touch.\n\nThis message was sent to dana.demo@northfield-college.example.\n"
    )
    assert rules.classify_sync(body_only(body)).company == "Summit"


def test_it_keeps_the_sender_over_the_addresses_a_body_quotes(rules: RulesClassifier) -> None:
    email = mail(
        "Your application to Corvane",
        "Hi Dana,\n\nThank you for applying to Corvane. Questions about benefits go to our partner at "
        "help@benefitsdesk.example.\n\nThe Corvane Team\n",
        sender="Corvane Careers <careers@corvane.example>",
    )
    assert rules.classify_sync(email).company == "Corvane"


@pytest.mark.parametrize(
    "sender",
    [
        "Wrenfield's Careers <careers-968@mail.pageuppeople.com>",
        "Wrenfield's Careers <wrenfields@myworkday.com>",
    ],
)
def test_it_keeps_a_name_that_ends_in_a_possessive_when_the_text_writes_it_whole(
    rules: RulesClassifier, sender: str
) -> None:
    # The display name alone reads like "Wrenfield's careers"; the text writes the name whole.
    email = mail(
        "Wrenfield's application status",
        "Dear Dana,\n\nThanks for your interest in the Visual Merchandiser opening at Wrenfield's.\n\n"
        "We have chosen to continue with other applicants for now.\n\nPeople Services Team\n",
        sender=sender,
    )
    assert rules.classify_sync(email).company == "Wrenfield's"


def test_it_keeps_a_greeting_run_into_a_possessive_name_out_of_it(rules: RulesClassifier) -> None:
    body = (
        "Hireloop message on behalf of Pemberton's Hi Dana, thanks for applying to our Office Manager "
        "opening. Expect a reply about next steps soon.\n"
    )
    assert rules.classify_sync(body_only(body)).company == "Pemberton's"


def test_it_reads_a_possessive_before_a_role_as_the_employers(rules: RulesClassifier) -> None:
    email = mail(
        "Application received",
        "Hi Dana,\n\nThank you for applying to Lindqvist's Data Analyst opening. Lindqvist's hiring team will "
        "review your application this week.\n\nLindqvist Careers\n",
        sender="Lindqvist Careers <careers@lindqvist.example>",
    )
    assert rules.classify_sync(email).company == "Lindqvist"


@pytest.mark.parametrize(
    ("signature", "company"),
    [
        ("Noor Haddad | Ostrander-Kell\nLead Talent Aquisition Partner\n", "Ostrander-Kell"),
        ("Felix Morrow – Verity Health Partners\nSenior Technical Recruiter\n", "Verity Health Partners"),
        ("Ana Ruiz | TRX\nRecruiting Coordinator, EMEA\n", "TRX"),
    ],
)
def test_it_reads_the_employer_beside_the_signers_name_above_their_role(
    rules: RulesClassifier, signature: str, company: str
) -> None:
    body = (
        "Hello Dana,\n\nThanks for your application for the Program Manager opening. Our hiring manager "
        "enjoyed your portfolio and we would like to book a first call; please let me know when you are free.\n\n"
        + signature
    )
    assert rules.classify_sync(body_only(body)).company == company


def test_it_reads_the_employer_of_a_referral(rules: RulesClassifier) -> None:
    body = (
        "Dear Dana,\n\nGood news!\nPriya Nand from the Quarry Institute has referred you to our recruiters, "
        "who will call you about the Lab Coordinator opening.\n"
    )
    assert rules.classify_sync(body_only(body)).company == "Quarry Institute"
