"""The kinds of job mail a real inbox holds, each in several wordings, with and without
headers: scheduling an interview, recruiters and agencies, rejections, confirmations from
applicant-tracking systems, assessments, offers, requests to act, withdrawals and updates,
and the look-alikes that are not about the user's own applications.

The rules must read the kind, not one employer's wording: every email here is invented
(companies, roles and people are fictional), and each kind is written in several shapes —
a full email, a subject and a body, a body alone as exports and forwarded text give it.
"""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.message import ParsedMessage
from jobmail.taxonomy import Status
from tests.jobmail.messages import mail


def _status(rules: RulesClassifier, message: ParsedMessage) -> str:
    result = rules.classify_sync(message)
    assert result.is_job_related == (result.status != Status.NOT_JOB)
    return result.status


# --- scheduling an interview ----------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Larkspur Analytics - next steps",
            "Hi Dana,\n\nThanks for applying for the Data Visualisation Engineer role. The team would like to "
            "get to know you better. Could we find a time this week for a 30-minute chat with the hiring "
            "manager?\n\nBest,\nRuth",
            "Ruth Adeyemi <ruth.adeyemi@larkspur.example>",
        ),
        mail(
            "Quillfeather Labs: phone screen",
            "Hello Dana,\n\nI'd like to set up a phone screen with you for the Backend Engineer (Go) opening. "
            "Please share your availability for Thursday or Friday.\n\nRegards,\nPieter\nTalent Partner, "
            "Quillfeather Labs",
            "Pieter Voss <pieter@quillfeather.example>",
        ),
        mail(
            "Book your interview with Marrowbank",
            "Hi Dana,\n\nGreat news! The Marrowbank team would like to interview you for the Claims Analyst "
            "position. Please book a slot via this link: [app.goodtime.io]\n\nMarrowbank Recruiting",
            "Marrowbank Recruiting <no-reply@goodtime.io>",
        ),
        mail(
            "Your application to Tidewater Robotics",
            "Hi Dana,\n\nThe hiring team reviewed your application for Controls Engineer and would love to "
            "speak with you. Use my Calendly to grab 30 minutes: [calendly.com]\n\nCheers,\nMeg",
            "Meg Lindqvist <meg@tidewater-robotics.example>",
        ),
        mail(
            "Onsite interview - Fernhill Bio",
            "Hi Dana,\n\nCongratulations on making it through the technical round! We'd like to invite you to "
            "an onsite at our Cambridge office. The day includes a panel with four members of the assay team "
            "and lunch with the group.\n\nFernhill Bio Talent",
            "Fernhill Bio Talent <talent@fernhill.example>",
        ),
        mail(
            "Next round: Brackenridge Systems",
            "Hi Dana,\n\nThank you for speaking with Lena last week. We'd like to move you to the next round, "
            "a 60-minute virtual panel with the platform team. I'll send over a few options for times shortly."
            "\n\nBest regards,\nOmar",
            "Omar Haddad <omar.haddad@brackenridge.example>",
        ),
        mail(
            None,
            "Hi Dana, thanks for your interest in the Store Manager position. We'd like to have a quick call "
            "with you to learn more about your experience. What does your schedule look like on Monday or "
            "Tuesday afternoon?",
        ),
        mail(
            None,
            "Dear Dana,\n\nWe have reviewed your application for the Junior Accountant role and would like to "
            "meet you in person. Please let us know which of the following dates you can make: 4, 5 or 6 "
            "November.\n\nKind regards,\nHuman Resources",
        ),
        mail(
            "Interview availability - Staff Nurse",
            "Dear Dana,\n\nFollowing your application, you have been shortlisted for interview. Interviews will "
            "be held on 12 and 13 November. Please reply with your preferred time.\n\nSt Brennan's Hospital "
            "Recruitment",
            "Recruitment <recruitment@stbrennans.example>",
        ),
        mail(
            "Confirmed: Video interview with Halloway & Finch",
            "Hi Dana,\n\nYour video interview with Halloway & Finch for the Trainee Solicitor role is confirmed "
            "for Wednesday 14 October at 15:00 BST. You'll meet two partners from the commercial team.\n\n"
            "Halloway & Finch Graduate Recruitment",
            "Graduate Recruitment <graduates@hallowayfinch.example>",
        ),
        mail(
            "Chat about the Product Designer role?",
            "Hi Dana,\n\nI'm the hiring manager for the Product Designer role you applied for at Saffron & Slate. "
            "I loved your portfolio. Do you have 20 minutes this week to talk through it?\n\nJules",
            "Jules Martin <jules@saffronslate.example>",
        ),
        mail(
            "Invitation: Dana / Orchard Vale - Technical Interview",
            "You have been invited to the following event.\n\nTechnical Interview - Site Reliability Engineer\n"
            "When: Thu 22 Oct 2026 10:00 - 11:00\nJoining info: [meet.google.com]",
            "Kim Tran <kim.tran@orchardvale.example>",
        ),
    ],
)
def test_it_reads_interview_scheduling_in_many_wordings(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert _status(rules, message) == Status.INTERVIEW


# --- recruiters and agencies ------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Senior Data Engineer - remote - 6 month contract",
            "Hi Dana,\n\nI'm working with a fintech client who needs a Senior Data Engineer for a 6 month "
            "contract, fully remote, outside IR35. Your Spark and Airflow experience looks spot on. Are you "
            "available for a quick call tomorrow?\n\nThanks,\nCallum\nBrightstone Recruitment",
            "Callum Reid <callum.reid@brightstone-rec.example>",
        ),
        mail(
            "Opportunity at Velvetleaf",
            "Hi Dana,\n\nI lead talent at Velvetleaf, a Series B climate startup. We're looking for a founding "
            "Android engineer and your background at a mobile-first company stood out. Would you be up for a "
            "conversation?\n\nPriya",
            "Priya Raman via LinkedIn <inmail-hit-reply@linkedin.com>",
        ),
        mail(
            None,
            "Hello Dana, I hope you're well. I'm a consultant at Harrowgate Search and I'm currently partnered "
            "with a leading insurer on a Head of Pricing search. Given your background I thought it might be of "
            "interest. Happy to share details in confidence.",
        ),
        mail(
            "Quick question",
            "Hi Dana - I came across your GitHub while looking for Rust engineers. We're hiring at Cobaltline "
            "for our storage team. Worth a chat?\n\nBest,\nTheo, Engineering Manager",
            "Theo Park <theo@cobaltline.example>",
        ),
        mail(
            "Your next role in cyber security",
            "Hi Dana,\n\nMy name is Rosa and I recruit for security roles at Ironbridge Talent. I have a SOC "
            "Analyst II position with a government contractor in Reston, hybrid, $115k. Let me know if you'd "
            "like the full job description.\n\nRosa",
            "Rosa Jimenez <rjimenez@ironbridgetalent.example>",
        ),
    ],
)
def test_it_reads_recruiter_and_agency_outreach(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert _status(rules, message) == Status.RECRUITER_OUTREACH


# --- rejections ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Your application to Larkspur Analytics",
            "Dear Dana,\n\nThank you for applying for the Analytics Engineer role. We have decided to move "
            "forward with other candidates for this position.\n\nLarkspur Analytics Recruiting",
            "Larkspur Analytics <no-reply@larkspur.example>",
        ),
        mail(
            "Update regarding your application",
            "Hi Dana,\n\nThank you for your interest in Quillfeather Labs. After reviewing your profile, we have "
            "decided that you will not be progressing to the next stage for the QA Engineer role.\n\nKind "
            "regards,\nQuillfeather Labs",
            "Quillfeather Labs <careers@quillfeather.example>",
        ),
        mail(
            None,
            "Dear Dana,\n\nThank you for your interest in the Office Coordinator role. Please be advised that "
            "the position has been filled. We appreciate the time you took to apply.\n\nHuman Resources",
        ),
        mail(
            None,
            "Dear Applicant,\n\nThank you for applying to Marrowbank. After careful review we have decided to "
            "pursue other applicants whose experience more closely matches the requirements of the role.\n\n"
            "Sincerely,\nMarrowbank Talent Acquisition",
        ),
        mail(
            "Tidewater Robotics - Controls Engineer",
            "Hi Dana,\n\nThanks for taking the time to meet the team. It was a close call, but we've decided to "
            "offer the role to someone whose experience is a closer match to what we need right now.\n\nMeg",
            "Meg Lindqvist <meg@tidewater-robotics.example>",
        ),
        mail(
            "Application status",
            "Dear Dana,\n\nWe have completed our review of applications for the Research Assistant post. We "
            "regret that your application has not been successful on this occasion.\n\nFernhill Bio HR",
            "Fernhill Bio HR <hr@fernhill.example>",
        ),
        mail(
            None,
            "Hi Dana,\n\nThank you for your application for the Junior Copywriter role. We received a large "
            "number of applications and, after reviewing yours, we will not be taking it any further at this "
            "stage.\n\nBest wishes,\nSaffron & Slate",
        ),
        mail(
            "Your Brackenridge application",
            "Hi Dana,\n\nThank you for your interest in Brackenridge Systems. Unfortunately the Security Analyst "
            "requisition you applied to has been cancelled, and we will not be filling it this year.\n\n"
            "Brackenridge Talent",
            "Brackenridge Talent <talent@brackenridge.example>",
        ),
        mail(
            None,
            "Hello Dana, thank you for applying to the Warehouse Associate opening. At this time we have "
            "selected candidates who more closely meet the needs of the role. We wish you luck with your job "
            "search.",
        ),
    ],
)
def test_it_reads_rejections_in_many_wordings(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert _status(rules, message) == Status.REJECTED


# --- confirmations from applicant-tracking systems --------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Thank you for applying to Larkspur Analytics",
            "Hi Dana,\n\nThanks for applying to Larkspur Analytics! Your application for the Analytics Engineer "
            "role has been received and our team will be in touch if your skills match.\n\nLarkspur Analytics",
            "Larkspur Analytics <no-reply@us.greenhouse-mail.io>",
        ),
        mail(
            "Quillfeather Labs | QA Engineer",
            "Dana,\n\nWe've got your application for QA Engineer. We review every application by hand and will "
            "get back to you within two weeks.\n\nQuillfeather Labs",
            "Quillfeather Labs <no-reply@hire.lever.co>",
        ),
        mail(
            "We've received your application",
            "Dear Dana,\n\nThank you for your interest in Marrowbank. This email confirms that we have received "
            "your application for Claims Analyst (R-20311).\n\nYou can track its progress in your candidate "
            "home.\n\nMarrowbank Talent Acquisition",
            "Marrowbank <marrowbank@myworkday.com>",
        ),
        mail(
            None,
            "Dear Dana,\n\nThank you for submitting your resume for the Night Auditor position at Harbourview "
            "Hotel. We will carefully review your qualifications and contact you if you are selected for an "
            "interview.\n\nHarbourview Hotel Human Resources",
        ),
        mail(
            "Application submitted: Lab Technician",
            "Your application to Fernhill Bio for Lab Technician was submitted successfully. What happens next? "
            "The hiring team will review your application and reach out about next steps.",
            "Fernhill Bio <notifications@smartrecruiters.com>",
        ),
    ],
)
def test_it_reads_application_confirmations(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert _status(rules, message) == Status.APPLIED


# --- assessments -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Larkspur Analytics has invited you to a HackerRank test",
            "Hi Dana,\n\nLarkspur Analytics has invited you to take a test as part of their hiring process for "
            "Analytics Engineer. The test is 90 minutes long and must be completed within 7 days.\n\nStart test",
            "HackerRank <support@hackerrankforwork.com>",
        ),
        mail(
            "Quillfeather Labs - technical exercise",
            "Hi Dana,\n\nThanks for the great call. The next step is a short take-home: build a small API that "
            "ingests CSV files. Please send it back within five days.\n\nPieter",
            "Pieter Voss <pieter@quillfeather.example>",
        ),
        mail(
            None,
            "Dear Dana, as the next step in your application for Graduate Analyst, please complete the online "
            "numerical reasoning assessment by Friday. The link is valid for 72 hours once opened.",
        ),
        mail(
            "Your Codility task from Cobaltline",
            "Hello Dana,\n\nCobaltline invites you to solve a programming task on Codility. You'll have 120 "
            "minutes once you begin.\n\nGood luck!",
            "Codility <no-reply@codility.com>",
        ),
    ],
)
def test_it_reads_assessment_invitations(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert _status(rules, message) == Status.ASSESSMENT


# --- offers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Offer - Controls Engineer",
            "Hi Dana,\n\nOn behalf of Tidewater Robotics I'm delighted to offer you the position of Controls "
            "Engineer, with a base salary of $128,000 and a start date of 2 November. The full offer is "
            "attached.\n\nMeg",
            "Meg Lindqvist <meg@tidewater-robotics.example>",
        ),
        mail(
            None,
            "Dear Dana,\n\nFollowing your recent interviews, we are pleased to make you an offer to join Fernhill "
            "Bio as a Research Associate. Please find your offer letter attached and let us know if you have any "
            "questions.\n\nFernhill Bio HR",
        ),
    ],
)
def test_it_reads_offers(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert _status(rules, message) == Status.OFFER


# --- requests to act -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Action needed: your Marrowbank application",
            "Hi Dana,\n\nBefore we can review your application for Claims Analyst, we need a few more details. "
            "Please log in and complete your candidate profile.\n\nMarrowbank Talent Acquisition",
            "Marrowbank <marrowbank@myworkday.com>",
        ),
        mail(
            "Please sign: Employment documents",
            "Hi Dana,\n\nYour onboarding documents from Tidewater Robotics are ready for your signature. Please "
            "review and sign the document by Friday.\n\nTidewater People Team",
            "Tidewater People Team <people@tidewater-robotics.example>",
        ),
        mail(
            None,
            "Dear Dana,\n\nAs part of your conditional offer for the Teaching Assistant role, we need to complete "
            "a background check. Please fill in the consent form linked below within three working days.\n\n"
            "Human Resources",
        ),
    ],
)
def test_it_reads_requests_to_act(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert _status(rules, message) == Status.ACTION_REQUIRED


# --- withdrawals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Your application has been withdrawn",
            "Dear Dana,\n\nAs you requested, your application for the Claims Analyst role at Marrowbank has been "
            "withdrawn. We wish you well.\n\nMarrowbank Talent Acquisition",
            "Marrowbank <marrowbank@myworkday.com>",
        ),
        mail(
            None,
            "Hi Meg,\n\nThank you so much for the time you and the team spent with me. I've accepted a role "
            "elsewhere, so I'd like to withdraw from the Controls Engineer process.\n\nBest,\nDana",
        ),
    ],
)
def test_it_reads_withdrawals(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert _status(rules, message) == Status.WITHDRAWN


# --- updates without a decision ----------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Quick update on your application",
            "Hi Dana,\n\nJust a note to say we haven't forgotten about you. The hiring team is still working "
            "through applications for the UX Researcher role and we hope to have news by the end of next week."
            "\n\nSaffron & Slate Talent",
            "Saffron & Slate Talent <talent@saffronslate.example>",
        ),
        mail(
            None,
            "Hi Dana, thanks for your time on the phone today, it was great to hear about your work on the "
            "billing migration. I'll share my notes with the hiring manager and get back to you soon.",
        ),
    ],
)
def test_it_reads_updates_without_a_decision_as_other_job(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert _status(rules, message) == Status.OTHER_JOB


# --- look-alikes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "12 new Data Engineer jobs in Leeds",
            "Data Engineer - Larkspur Analytics - Leeds\nAnalytics Engineer - Quillfeather Labs - Remote\n"
            "Senior Data Engineer - Marrowbank - Leeds\n\nSee all jobs\n\nManage your job alerts | Unsubscribe",
            "Jobfinder <alerts@jobfinder.example>",
        ),
        mail(
            "Your receipt from Inkwell Press",
            "Thanks for your order! Receipt #88213\nResume Writing Guide (ebook) $12.00\nTotal $12.00",
            "Inkwell Press <receipts@inkwell.example>",
        ),
        mail(
            "Episode 42: how recruiters read your CV",
            "This week on the Career Compass podcast we interview a former recruiter about what happens to your "
            "application after you click submit. Listen now.\n\nUnsubscribe",
            "Career Compass <hello@careercompass.example>",
        ),
        mail(
            "Reminder: open enrollment closes Friday",
            "Hi team,\n\nA reminder that benefits open enrollment closes this Friday. Please review your health "
            "coverage choices in the HR portal.\n\nPeople Team",
            "People Team <people@tidewater-robotics.example>",
        ),
        mail(
            "Free webinar: nail your next interview",
            "Join our career coaches live on Thursday to learn how to answer behavioural interview questions. "
            "Reserve your seat today.\n\nYou're receiving this because you subscribed. Unsubscribe",
            "Interview Academy <events@interviewacademy.example>",
        ),
    ],
)
def test_it_keeps_look_alikes_out_of_job_mail(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert _status(rules, message) == Status.NOT_JOB
