"""Interview meetings as calendars and schedulers send them: invitations, updates, replies,
reminders and confirmations.

A calendar names the event, not the employer: "Accepted:", "Updated invitation:",
"Phone Screen", "Final Round", "Reminder: Upcoming interview" are words of a meeting or a
step, never a company by themselves. The employer is the organiser's (the sender's domain,
the event's name, the body); a calendar's own notification mailbox speaks for the
organiser it names, and its footer ("you are receiving this email because you are an
attendee") is no newsletter's. Every email here is invented.
"""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.message import ParsedMessage, parse_message
from jobmail.taxonomy import Status
from tests.jobmail.messages import mail, status_of

_CALENDAR_FOOTER = (
    "\nReply for dana@example.com\nYes\nNo\nMaybe\nMore options\n\nInvitation from Google Calendar\n\n"
    "You are receiving this email because you are an attendee on the event. To stop receiving future "
    "updates for this event, decline this event.\n"
)
_MEET = "Join with Google Meet\nmeet.google.com/qwe-rtyu-iop\n\nJoin by phone\n(US) +1 318-555-0142 PIN: 553112\n"
_ZOOM = "Join Zoom Meeting\nhttps://us02web.zoom.us/j/81234567890\n\nMeeting ID: 812 3456 7890\nPasscode: 551122\n"
_TEAMS = (
    "Microsoft Teams meeting\nJoin on your computer, mobile app or room device\nClick here to join the meeting\n"
    "Meeting ID: 245 118 330 912\nPasscode: Xy7bQ2\n"
)


def invitation(subject: str, body: str, sender: str) -> ParsedMessage:
    """An invitation as calendars send it: the text, then a text/calendar part."""
    raw = (
        f"From: {sender}\nTo: Dana Demo <dana@example.com>\nSubject: {subject}\n"
        "Date: Tue, 08 Sep 2026 10:00:00 +0200\nMessage-ID: <inv@example>\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Type: text/plain; charset=utf-8\n\n'
        f"{body}\n--B\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\n\n"
        "BEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\nSUMMARY:Interview\nEND:VEVENT\nEND:VCALENDAR\n--B--\n"
    )
    return parse_message(raw.encode())


# --- the words of an event or a subject are no employer ---------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "company"),
    [
        (
            mail(
                "Accepted: Interview - Dana Demo @ Mon Oct 12, 2026 9am - 10am (PDT) (dana@example.com)",
                "Kim Okafor has accepted this invitation.\n\nInterview - Dana Demo\nMonday Oct 12, 2026 9am - 10am\n\n"
                f"{_MEET}\nOrganizer\ndana@example.com\n\nInvitation from Google Calendar",
                "Kim Okafor <kim@fernway.example>",
            ),
            "Fernway",
        ),
        (
            mail(
                "Reminder: Upcoming interview tomorrow",
                "Hi Dana,\n\nA friendly reminder of your interview with our team tomorrow, Thursday October 15 at "
                f"11:00 AM Pacific.\n\n{_ZOOM}\nBest,\nKim",
                "Kim Okafor <kim@fernway.example>",
            ),
            "Fernway",
        ),
        (
            invitation(
                "Invitation: Phone Screen - Dana Demo @ Wed Oct 14, 2026 2pm - 2:30pm (EDT) (dana@example.com)",
                f"Phone Screen - Dana Demo\nWednesday Oct 14, 2026 2pm - 2:30pm\n\n{_ZOOM}\nOrganizer\n"
                f"priya.raman@kestrel-bio.example\n{_CALENDAR_FOOTER}",
                "Priya Raman <priya.raman@kestrel-bio.example>",
            ),
            "Kestrel Bio",
        ),
        (
            invitation(
                "Updated: Interview - Dana Demo (Payroll Specialist)",
                f"The meeting time has changed. Moving us 30 minutes later, see you then!\n\n{_TEAMS}",
                "Grace Adeyemi <gadeyemi@bellhaven-county.example>",
            ),
            "Bellhaven County",
        ),
        (
            mail(
                "Upcoming Interview",
                "Hello Dana,\n\nJust a reminder that your interview is scheduled for Tuesday, October 13 at 9:30 AM "
                "with our branch manager.\n\nTalent Acquisition",
                "Maria Lopez <mlopez@oakhurst-bank.example>",
            ),
            "Oakhurst Bank",
        ),
        (
            invitation(
                "Einladung: Vorstellungsgespräch Dana Demo - Werkstudent Marketing @ Mi 14. Okt. 2026 10:00",
                f"Vorstellungsgespräch Dana Demo - Werkstudent Marketing\nMittwoch, 14. Oktober 2026 10:00 - 11:00\n\n"
                f"{_MEET}\nOrganisator\njana.koch@lindenhof-verlag.example\n{_CALENDAR_FOOTER}",
                "Jana Koch <jana.koch@lindenhof-verlag.example>",
            ),
            "Lindenhof Verlag",
        ),
    ],
)
def test_it_names_the_employer_not_a_word_of_the_event(
    rules: RulesClassifier, message: ParsedMessage, company: str
) -> None:
    result = rules.classify_sync(message)
    assert result.status == Status.INTERVIEW
    assert result.company == company


# --- a calendar's notification speaks for its organiser ----------------------------------------------------------


@pytest.mark.parametrize(
    ("sender", "company"),
    [
        ("Google Calendar <calendar-notification@google.com>", "Moss & Rowan"),
        # The organiser's own name on the calendar's mailbox is a person, not the employer.
        ("Helen Moss <calendar-notification@google.com>", "Moss & Rowan"),
    ],
)
def test_it_reads_a_calendar_notification_for_its_organiser(rules: RulesClassifier, sender: str, company: str) -> None:
    message = invitation(
        "Updated invitation: Dana Demo <> Moss & Rowan | Technical Interview @ Mon Oct 19, 2026 4pm - 5pm (GMT)",
        f"This event has been changed.\n\nDana Demo <> Moss & Rowan | Technical Interview\nMonday Oct 19, 2026 "
        f"4pm - 5pm\n\n{_MEET}\nOrganizer\nhelen.moss@mossrowan.example\n\nGuests\nhelen.moss@mossrowan.example - "
        f"organizer\ndana@example.com\n{_CALENDAR_FOOTER}",
        sender,
    )
    result = rules.classify_sync(message)
    assert result.status == Status.INTERVIEW
    assert result.company == company


def test_it_names_the_organisers_domain_when_the_event_names_no_employer(rules: RulesClassifier) -> None:
    message = invitation(
        "Invitation: Final Round - Dana Demo @ Fri Oct 23, 2026 1pm - 4pm (PDT)",
        f"Final Round - Dana Demo\nFriday Oct 23, 2026 1pm - 4pm\n\n{_MEET}\nOrganizer\n"
        f"recruiting@ferncastle.example\n{_CALENDAR_FOOTER}",
        "Google Calendar <calendar-notification@google.com>",
    )
    result = rules.classify_sync(message)
    assert result.status == Status.INTERVIEW
    assert result.company == "Ferncastle"


def test_it_still_names_a_platform_that_invites_from_its_own_people(rules: RulesClassifier) -> None:
    message = invitation(
        "Invitation: Dana Demo - Technical Interview @ Tue Oct 20, 2026 10am",
        f"Hi Dana, looking forward to your technical interview.\n\n{_MEET}\nOrganizer\nsamito@google.com\n",
        "Sam Ito <samito@google.com>",
    )
    assert rules.classify_sync(message).company == "Google"


def test_it_still_names_a_platform_from_its_own_no_reply_address(rules: RulesClassifier) -> None:
    message = mail(
        "Your application",
        "Hi Dana, we received your application for the Data Engineer role. We will review it.",
        "Google Careers <noreply@google.com>",
    )
    assert rules.classify_sync(message).company == "Google"


# --- a calendar's footer is no newsletter's ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        invitation(
            "Invitation: Dana Demo - Frontend Engineer Interview @ Thu Oct 15, 2026 11am - 12pm (CEST)",
            f"Dana Demo - Frontend Engineer Interview\nThursday Oct 15, 2026 11am - 12pm\n\n{_MEET}\nOrganizer\n"
            f"lukas.weber@tannhaus.example\n{_CALENDAR_FOOTER}",
            "Lukas Weber <lukas.weber@tannhaus.example>",
        ),
        # A short invitation, where the footer falls within the body's first lines.
        invitation(
            "Invitation: Ironbark Onsite: Dana Demo @ Tue Oct 27, 2026 9am - 2pm (EDT)",
            f"Ironbark Onsite: Dana Demo\nTuesday Oct 27, 2026 9am - 2pm\n{_CALENDAR_FOOTER}",
            "Ironbark Recruiting <coordinator@ironbark.example>",
        ),
    ],
)
def test_it_keeps_a_calendar_invitation_out_of_bulk_mail(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert status_of(rules, message) == Status.INTERVIEW


def test_it_still_calls_a_newsletter_footer_bulk(rules: RulesClassifier) -> None:
    message = mail(
        "Interview tips for the week",
        "Five ways to prepare for your next interview.\n\nYou are receiving this email because you subscribed "
        "to the Careerwise newsletter.",
        "Careerwise <news@careerwise.example>",
    )
    assert status_of(rules, message) == Status.NOT_JOB


# --- schedulers' confirmations ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        # "This is a Zoom web conference": a video call, not a conference one applies to.
        mail(
            "Confirmed: Phone Screen with Priya Raman on Wednesday, October 14, 2026",
            "Hi Dana Demo,\n\nYour Phone Screen with Priya Raman at 2:00pm - 2:30pm on Wednesday, October 14, "
            "2026 is scheduled.\n\nEvent Name: Phone Screen - Lab Operations Manager\nLocation: This is a Zoom web "
            "conference.\n\nNeed to make changes to this event?\nCancel\nReschedule",
            "Calendly <notifications@calendly.com>",
        ),
        mail(
            "Booking confirmed: Interview with Greystone Academy",
            "Dear Dana,\n\nThank you for booking. Your interview for the Year 5 Teacher post at Greystone Academy "
            "is confirmed.\n\nDate: Friday 16 October 2026\nTime: 14:00 - 14:45\n\nMrs J. Whitfield\nHR Officer",
            "Greystone Academy <bookings@youcanbook.example>",
        ),
    ],
)
def test_it_reads_a_schedulers_confirmation_as_an_interview(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert status_of(rules, message) == Status.INTERVIEW


# --- a date, a tool or a possessive in the subject ----------------------------------------------------------------

_CONFIRMING = (
    "Hi Dana,\n\nConfirming your interview for the Data Analyst role on Thursday at 2pm.\n\nJoin Zoom Meeting\n"
    "zoom.us/j/123\n\nThanks,\nKim"
)


@pytest.mark.parametrize(
    "subject",
    ["Tomorrow's Interview", "Interview Reminder - Wed Oct 14", "Zoom Interview Details", "Round 2 Interview"],
)
def test_it_takes_no_date_tool_or_round_of_the_subject_for_the_employer(rules: RulesClassifier, subject: str) -> None:
    result = rules.classify_sync(mail(subject, _CONFIRMING, "Kim Okafor <kim@fernway-labs.example>"))
    assert result.status == Status.INTERVIEW
    assert result.company == "Fernway Labs"


# --- the role in an event's name --------------------------------------------------------------------------------

_INVITE = "Hi Dana,\n\nHere is the invite for your interview on Thursday at 2pm.\n\nJoin Zoom Meeting\nzoom.us/j/123\n"


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        # A round named after who holds it names no role.
        ("Dana Demo <> Moss & Rowan | Hiring Manager Interview", ""),
        ("Recruiter Screen: Dana Demo", ""),
        ("Hiring Manager Chat - Dana Demo", ""),
        # ... but a role before "Interview" is one.
        ("Engineering Manager Interview - Dana Demo", "Engineering Manager"),
        # The candidate's name with the role in brackets.
        ("Updated: Interview - Dana Demo (Payroll Specialist)", "Payroll Specialist"),
        ("Invitation: Dana Demo (Data Analyst) - Final Round @ Thu Oct 15", "Data Analyst"),
    ],
)
def test_it_reads_the_role_of_an_events_name(rules: RulesClassifier, subject: str, title: str) -> None:
    result = rules.classify_sync(mail(subject, _INVITE, "Kim Okafor <kim@fernway-labs.example>"))
    assert result.status == Status.INTERVIEW
    assert result.job_title == title


# --- a video call's own notification --------------------------------------------------------------------------------


def test_it_names_the_organisation_that_hosts_the_call_not_its_host(rules: RulesClassifier) -> None:
    message = mail(
        "Webex meeting invitation: Interview - Dana Demo - Network Engineer",
        "Hello Dana,\n\nAnil Rao invites you to join this Webex meeting.\n\nInterview - Dana Demo - Network Engineer\n"
        "Monday, October 26, 2026 10:00 AM | 1 hour | (UTC-05:00) Eastern Time\n\nJoin meeting\nMore ways to join:\n"
        "Join from the meeting link\nhttps://stellarcom.webex.com/stellarcom/j.php?MTID=abc\n\n"
        "Meeting number: 2551 123 4567\n",
        "Anil Rao <messenger@webex.com>",
    )
    result = rules.classify_sync(message)
    assert result.status == Status.INTERVIEW
    assert result.company == "Stellarcom"
    # The event's name over its time is no job card.
    assert result.job_title == "Network Engineer"


# --- an event's name that pairs the candidate with the employer -----------------------------------------------------


@pytest.mark.parametrize(
    "subject",
    [
        "Invitation: Dana Demo <> Harlow Freight @ Thu Oct 15, 2026 3pm - 3:30pm (CDT) (dana@example.com)",
        "Invitation: Dana / Harlow Freight - Technical Interview @ Thu Oct 15, 2026 3pm",
        "Accepted: Harlow Freight / Dana Demo - Final Round @ Thu Oct 15, 2026 3pm",
        "Invitation: Harlow Freight <> Dana - Phone Screen @ Thu Oct 15, 2026 3pm",
    ],
)
def test_it_names_the_party_an_event_pairs_with_the_candidate(rules: RulesClassifier, subject: str) -> None:
    message = invitation(
        subject,
        "Hi Dana, looking forward to our interview.\n\nJoin with Google Meet\nmeet.google.com/abc-defg-hij\n",
        "Jonas Brandt <jonas@hfreight.example>",
    )
    assert rules.classify_sync(message).company == "Harlow Freight"
