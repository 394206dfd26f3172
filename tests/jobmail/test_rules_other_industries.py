"""Job mail from hiring outside tech: hospitals and clinics, shops, kitchens and hotels,
schools, warehouses, nonprofits and the trades. Their steps have names of their own (walk-in
hiring events, open interviews, onboarding paperwork and the I-9) and their employers
sign as clinics, hospitals and districts (the emails here are invented)."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.taxonomy import Status
from tests.jobmail.messages import mail


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Walk-in hiring event - Line Cook",
            "Hi Dana!\n\nThanks for your interest in our Line Cook position. We're hosting a walk-in hiring event "
            "on Tuesday from 2-5pm at our Harbor Rd kitchen. Bring your ID and food handler card.\n\nSee you there,"
            "\nCopper Pot Kitchen",
        ),
        (
            "Hiring event invitation",
            "Dear Dana,\n\nThank you for your interest in joining Seabreeze Resort! You're invited to our on-site "
            "hiring event for Guest Services Agent roles on Thursday, May 7 from 9am-3pm in the Coral Ballroom.\n\n"
            "Seabreeze Resort Recruiting",
        ),
        (
            "Line Cook - this Saturday",
            "Hi Dana,\n\nThanks for applying to Copper Pot Kitchen. We are hiring line cooks this weekend and "
            "interviews are on the spot: come by the back door on Saturday between 10 and 2.\n\nChef Luis",
        ),
        (
            "Barista application",
            "Hi Dana,\n\nThanks for applying to Bean & Leaf. We hold walk-in interviews every Monday from 1 to 4pm "
            "at our Main Street cafe. Ask for Marisol at the counter.\n\nBean & Leaf",
        ),
    ],
)
def test_it_reads_a_hiring_event_as_an_interview(rules: RulesClassifier, subject: str, body: str) -> None:
    email = mail(subject, body, "Hiring <jobs@copperpot.example>")
    assert rules.classify_sync(email).status == Status.INTERVIEW


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Action Required: Complete your pre-employment tasks",
            "Hello Dana,\n\nWelcome to Lakeshore Clinics! Before your first day as a Medical Assistant, please "
            "complete the following onboarding tasks:\n\n- Upload your immunization records\n- Sign the "
            "background check authorization\n\nThank you,\nLakeshore Clinics Onboarding Team",
        ),
        (
            "Welcome to the team! First day info",
            "Hi Dana,\n\nWelcome aboard as a Store Associate! Your first day is Monday at 8am. Please bring two "
            "forms of ID for your I-9 and your bank details for direct deposit. Complete your new hire paperwork "
            "in the onboarding portal before then.\n\nTidewater Market HR",
        ),
        (
            "Your first day at Stackwell",
            "Hi Dana,\n\nWelcome aboard! Your first day is Tuesday at 7am at the Sparks warehouse. Bring your "
            "original documents for the I-9 and wear steel-toe boots.\n\nStackwell Logistics People Team",
        ),
    ],
)
def test_it_reads_a_new_hires_paperwork_as_a_request(rules: RulesClassifier, subject: str, body: str) -> None:
    email = mail(subject, body, "Onboarding <onboarding@lakeshoreclinics.example>")
    assert rules.classify_sync(email).status == Status.ACTION_REQUIRED


@pytest.mark.parametrize(
    "sentence",
    [
        "We'll review it and reach out to schedule a tour and interview if it's a good fit.",
        "Our director will read it and get in touch to set up an interview if there is a match.",
    ],
)
def test_it_reads_an_interview_promised_for_later_as_an_application(rules: RulesClassifier, sentence: str) -> None:
    body = (
        "Hi Dana,\n\nWe received your application for the Assistant Teacher (Toddler Room) position. Thank you! "
        f"{sentence}\n\nWarmly,\nBeth\nCenter Director"
    )
    email = mail("Your application to Sunny Days Childcare", body, "Sunny Days <director@sunnydays.example>")
    assert rules.classify_sync(email).status == Status.APPLIED


@pytest.mark.parametrize(
    ("sender", "body", "company"),
    [
        (
            "St. Aurelia Medical Center HR <hr-noreply@staurelia.example>",
            "Dear Dana Demo,\n\nWe are pleased to extend to you a contingent offer of employment for the position "
            "of Patient Care Technician at St. Aurelia Medical Center. This offer is contingent upon a background "
            "check and drug screen.\n\nSt. Aurelia Medical Center Human Resources",
            "St. Aurelia Medical Center",
        ),
        (
            "Mercy Valley Health Careers <no-reply@mercyvalley.example>",
            "Dear Dana,\n\nThank you for your interest in employment with Mercy Valley Health. We have received "
            "your application for the Registered Nurse, Med/Surg position (Requisition #RN-48213).\n\n"
            "Mercy Valley Health Talent Acquisition",
            "Mercy Valley Health",
        ),
        (
            "Bright Path Family Services <hr@brightpath.example>",
            "Hi Dana,\n\nThank you for applying to Bright Path Family Services. We received your application for "
            "the Case Manager position and will review it this week.\n\nBright Path Family Services",
            "Bright Path Family Services",
        ),
        (
            "Riverbend Family Clinic <jobs@riverbendclinic.example>",
            "Hi Dana,\n\nThank you for applying for the Medical Receptionist position. We have received your "
            "application and will review it shortly.\n\nRiverbend Family Clinic",
            "Riverbend Family Clinic",
        ),
    ],
)
def test_it_names_the_employer_as_the_email_spells_it(
    rules: RulesClassifier, sender: str, body: str, company: str
) -> None:
    result = rules.classify_sync(mail("Thank you for applying", body, sender))
    assert result.company == company


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Thank you for applying to the Server position at La Casita Cantina.", "Server"),
        ("Thank you for applying to the Dishwasher position at Copper Pot Kitchen.", "Dishwasher"),
        ("Thank you for applying for the Lifeguard position at Seabreeze Resort.", "Lifeguard"),
        ("Thank you for applying for the Phlebotomist position at Mercy Valley Health.", "Phlebotomist"),
    ],
)
def test_it_reads_the_titles_of_shop_floor_and_clinic_jobs(rules: RulesClassifier, sentence: str, title: str) -> None:
    body = f"Hola Dana,\n\n{sentence} We have received your application and will review it soon.\n\nSaludos,\nLucia"
    result = rules.classify_sync(mail("Your application", body, "Lucia Ortega <lucia@lacasita.example>"))
    assert result.status == Status.APPLIED
    assert result.job_title == title


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("You're invited to our hiring event for Guest Services Agent roles on Thursday.", "Guest Services Agent"),
        ("We are holding open interviews for Seasonal Associate positions this Saturday.", "Seasonal Associate"),
    ],
)
def test_it_reads_the_role_a_hiring_event_is_for(rules: RulesClassifier, sentence: str, title: str) -> None:
    body = f"Dear Dana,\n\nThanks for applying. {sentence}\n\nSeabreeze Resort Recruiting"
    result = rules.classify_sync(mail("Hiring event", body, "Recruiting <jobs@seabreeze.example>"))
    assert result.status == Status.INTERVIEW
    assert result.job_title == title


@pytest.mark.parametrize(
    ("place", "title"),
    [
        ("in the Emergency Department", "Patient Care Technician"),
        ("in the Surgical Services Department", "Patient Care Technician"),
    ],
)
def test_it_leaves_the_ward_out_of_the_title(rules: RulesClassifier, place: str, title: str) -> None:
    body = (
        "Dear Dana Demo,\n\nWe are pleased to extend to you a contingent offer of employment for the position of "
        f"Patient Care Technician {place} at St. Aurelia Medical Center, contingent upon a background check and "
        "drug screen.\n\nSt. Aurelia Medical Center Human Resources"
    )
    result = rules.classify_sync(mail("Contingent Offer of Employment", body, "HR <hr-noreply@staurelia.example>"))
    assert result.status == Status.OFFER
    assert result.job_title == title


@pytest.mark.parametrize(
    ("subject", "body", "status"),
    [
        # A hiring event's appointment to check documents is paperwork, not an interview.
        (
            "Next step: schedule your hiring event appointment",
            "Hi Dana,\n\nYou're almost there! Schedule your in-person hiring event appointment for the Warehouse "
            "Associate role. At the appointment we'll verify your identity documents for I-9 and collect a drug "
            "test sample.\n\nStackwell Logistics Hiring Team",
            Status.ACTION_REQUIRED,
        ),
        # A test is still a test when it is a pre-employment one.
        (
            "Pre-employment assessment - Licensed Practical Nurse",
            "Dear Dana,\n\nThank you for your interest in the Licensed Practical Nurse position with Harborview "
            "Health. As the next step in our hiring process, please complete the online pre-employment "
            "assessment using the link below.\n\nHarborview Health Talent Acquisition",
            Status.ASSESSMENT,
        ),
        # An employee's schedule and a patient's reminder are no job mail.
        (
            "Your shift schedule has been posted",
            "Hi Dana,\n\nYour schedule for the week of Oct 12 has been published at Mercy Valley Health - 4 West."
            "\n\nMon 7a-7p\nWed 7a-7p\n\nOpen shifts are available. Tap to pick up a shift.\n\nShiftLine",
            Status.NOT_JOB,
        ),
        (
            "Appointment reminder",
            "Hi Dana,\n\nThis is a reminder of your upcoming appointment with Dr. Anika Patel at Riverbend Family "
            "Clinic on Monday at 9:30 AM. Please bring your insurance card.\n\nRiverbend Family Clinic",
            Status.NOT_JOB,
        ),
    ],
)
def test_it_keeps_look_alikes_apart(rules: RulesClassifier, subject: str, body: str, status: str) -> None:
    email = mail(subject, body, "Notices <no-reply@notices.example>")
    assert rules.classify_sync(email).status == status
