"""Job boards', applicant-tracking systems' and scheduling tools' notifications about the
user's own application are job mail; the same senders' alerts, digests and marketing are not.

A board's no-reply address sends both "Applied: Data Analyst at Acme" and "12 new jobs for
you"; a scheduling tool confirms an interview with a recruiter and a dental check-up alike.
What decides is what the email says first: a record of the user's application or a meeting
with the hiring side, or a list of jobs, tips and profile news. A rejection that thanks the
user for interviewing is still a rejection. Every email here is invented.
"""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.message import ParsedMessage
from jobmail.taxonomy import Status
from tests.jobmail.messages import mail, status_of

# --- a rejection after an interview ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(None, "Thank you for interviewing with the Larkspur team. Unfortunately we will not move forward."),
        mail(
            "Your interview with Quillfeather Labs",
            "Hi Dana,\n\nThank you for interviewing with the Quillfeather Labs team. Unfortunately we will not "
            "move forward at this stage.\n\nBest,\nPieter",
            "Pieter Voss <pieter@quillfeather.example>",
        ),
        mail(
            "Update",
            "Dana, thanks for interviewing with us last week. Unfortunately, we have decided not to move "
            "forward. We wish you the best in your search.",
            "Marrowbank Careers <careers@marrowbank.example>",
        ),
        mail(
            "Following up",
            "Hi Dana,\nThank you for taking the time to interview with our team. Unfortunately, we won't be "
            "moving forward at this time.\nRuth",
            "Ruth Adeyemi <ruth@larkspur.example>",
        ),
    ],
)
def test_it_reads_a_rejection_after_an_interview(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert status_of(rules, message) == Status.REJECTED


# --- a job board's record of the user's application ------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Your application was delivered to Marrowbank",
            "Dana,\n\nYour application for Claims Analyst was delivered to Marrowbank.\n\nGood luck!\n\n"
            "Similar jobs\nClaims Specialist - Fernhollow Insurance\nApply\n\nUnsubscribe",
            "ZipRecruiter <phil@ziprecruiter.com>",
        ),
        mail(
            "Application delivered: Underwriting Assistant",
            "Your application was delivered to Fernhollow Insurance.",
            "ZipRecruiter <noreply@ziprecruiter.com>",
        ),
        mail(
            "Application sent: Backend Engineer",
            "Quillfeather Labs\nBackend Engineer\nYou applied on Glassdoor\n\nJobs you may like\nPlatform Engineer\n",
            "Glassdoor <noreply@glassdoor.com>",
        ),
        mail(
            "Application sent: Backend Engineer",
            "Quillfeather Labs\nBackend Engineer\nYou applied on Glassdoor\n\nJobs you may like\nPlatform Engineer\n",
            "Glassdoor <applications@glassdoor.com>",
        ),
        mail(
            "Application sent: Backend Engineer",
            "Quillfeather Labs\nBackend Engineer\nYou applied on Glassdoor\n\nJobs you may like\nPlatform Engineer\n",
            "Glassdoor <apply@glassdoor.com>",
        ),
        mail(
            "Dana, you applied for Data Analyst at Larkspur Analytics",
            "You applied for Data Analyst at Larkspur Analytics\nLarkspur Analytics - Austin, TX\nView job",
            "LinkedIn <jobs-noreply@linkedin.com>",
        ),
        mail(
            "Applied: Data Analyst at Larkspur Analytics",
            "Your application was sent\nData Analyst\nLarkspur Analytics",
            "LinkedIn <jobs-noreply@linkedin.com>",
        ),
        mail(
            "Indeed Application: Warehouse Supervisor",
            "Application submitted\nWarehouse Supervisor\nFernhollow Logistics - Reno, NV\n\nThe following items "
            "were sent to Fernhollow Logistics.\n\nJobs you might like\nShift Lead - Brackenridge Foods\nEasy apply\n"
            "Forklift Operator - Tallgrass Depot\nEasy apply\n\nUnsubscribe",
            "Indeed <indeedapply@indeed.com>",
        ),
        mail(
            "Application submitted: Shift Lead at Brackenridge Foods",
            "Good luck, Dana! Your application to Brackenridge Foods was submitted.\n\nJobs you may be interested "
            "in\nCook - Tallgrass\nEasily apply\n\nUnsubscribe",
            "Indeed <indeedapply@indeed.com>",
        ),
    ],
)
def test_it_reads_a_boards_record_of_an_application(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert status_of(rules, message) == Status.APPLIED


# --- a scheduling tool's confirmation of a meeting with the hiring side ----------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "You booked a meeting with Ruth Adeyemi",
            "You booked a meeting with Ruth Adeyemi (Recruiter, Larkspur Analytics) on Thursday, October 9 at 2:00 PM.",
            "Calendly <no-reply@calendly.com>",
        ),
        mail(
            "You're booked with Harriet Lowe",
            "Your meeting with Harriet Lowe, Talent Acquisition at Marrowbank, is confirmed for Tuesday 14 "
            "October at 11:00.",
            "Marrowbank <scheduling@modernloop.io>",
        ),
        mail(
            "New Event: Dana Demo - 30 Minute Recruiter Screen",
            "Dana Demo scheduled a 30 Minute Recruiter Screen with Ruth Adeyemi.\nThursday October 9 2:00pm",
            "Calendly <notifications@calendly.com>",
        ),
        mail(
            "Confirmed: call with the Quillfeather hiring team",
            "Hi Dana,\nYour event has been scheduled.\nWith: Pieter Voss, Hiring Manager\nMonday October 13, 10:00 AM",
            "Calendly <notifications@calendly.com>",
        ),
        mail(
            "Your interview is confirmed",
            "Hi Dana,\n\nYour interview with Quillfeather Labs is confirmed for Thursday, October 9 at 2:00 PM.",
            "Quillfeather Labs <noreply@goodtime.io>",
        ),
        mail(
            "Interview scheduled: Marrowbank",
            "Hi Dana,\n\nInterview scheduled for Tuesday, October 14 at 10:00 AM.\nYou will meet with Harriet "
            "Lowe (Hiring Manager).",
            "Marrowbank via ModernLoop <scheduling@modernloop.io>",
        ),
        mail(
            None,
            "Hi Dana,\nYou are confirmed for your phone screen with Ruth Adeyemi on Thursday, October 9 at 2:00 PM."
            "\nTo reschedule use the link below.",
        ),
        mail(
            "Meeting confirmed: Dana Demo <> Ruth Adeyemi",
            "Thursday October 9, 2:00 PM - 2:30 PM\nRuth Adeyemi, Technical Recruiter\nJoin Zoom Meeting",
            "Ruth Adeyemi via Calendly <notifications@calendly.com>",
        ),
        mail(
            "Invitation: Larkspur Analytics - Dana Demo (Final Round) @ Fri Oct 17 9am",
            "You have been invited to the following event.\nJoin with Google Meet\nGuests: Ruth Adeyemi",
            "Ruth Adeyemi <ruth@larkspur.example>",
        ),
    ],
)
def test_it_reads_a_scheduling_tools_confirmation_as_an_interview(
    rules: RulesClassifier, message: ParsedMessage
) -> None:
    assert status_of(rules, message) == Status.INTERVIEW


# --- the same senders' mail that is not about the user's applications -------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Data Analyst: 12 new jobs in Austin",
            "Jobs you might like\nData Analyst - Larkspur\nEasy apply\n\nManage job alerts",
            "LinkedIn <jobalerts-noreply@linkedin.com>",
        ),
        mail(
            "New jobs for you",
            "Claims Analyst - Marrowbank\nApply\nUnderwriting Assistant - Fernhollow\nApply",
            "ZipRecruiter <phil@ziprecruiter.com>",
        ),
        mail(
            "Jobs you may like at Quillfeather Labs",
            "Based on your profile\nBackend Engineer - Quillfeather Labs\nPlatform Engineer - Quillfeather Labs\n"
            "See all jobs\n\nUnsubscribe",
            "Glassdoor <apply@glassdoor.com>",
        ),
        mail(
            "Your weekly salary insights",
            "See what Data Analysts earn in Austin.\n\nUnsubscribe",
            "Glassdoor <community@glassdoor.com>",
        ),
        mail(
            "Dana, your profile was viewed 14 times this week",
            "Recruiters from Larkspur Analytics viewed your profile.\nSee who viewed",
            "LinkedIn <notifications-noreply@linkedin.com>",
        ),
        mail(
            "5 tips to get your application noticed",
            "Stand out to recruiters: tailor your resume, follow up after applying.\n\nRead more\n\nUnsubscribe",
            "Indeed <newsletter@indeed.com>",
        ),
        mail(
            "Confirmed: Cleaning with Dr. Holm on Thursday",
            "Your event has been scheduled.\nEvent date/time: 02:00pm - Thursday, October 9",
            "Calendly <notifications@calendly.com>",
        ),
        mail(
            "You booked a meeting with Marco Ruiz",
            "You booked a meeting with Marco Ruiz (Account Executive, PipeFast) on Thursday at 2:00 PM to see a "
            "product demo.",
            "Calendly <no-reply@calendly.com>",
        ),
        mail(
            "Appointment confirmed",
            "Hi Dana,\nYou're confirmed for your dental cleaning on Thursday, October 9 at 2:00 PM.",
            "Brightsmile Dental <appointments@brightsmile.example>",
        ),
        mail(
            "You're booked: Hiring in 2027 webinar",
            "You're booked for our webinar on hiring trends, Thursday at 2:00 PM.\nJoin Zoom Meeting\n\nUnsubscribe",
            "Pipewell Events <events@pipewell.example>",
        ),
    ],
)
def test_it_keeps_board_and_scheduling_look_alikes_out(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert status_of(rules, message) == Status.NOT_JOB
