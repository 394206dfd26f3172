"""The job title by the kind of place job mail puts it, each kind in several wordings that
applicant-tracking systems and job boards commonly send (Workday, Greenhouse, Lever, iCIMS,
SmartRecruiters, Taleo, Ashby, LinkedIn, Indeed, USAJOBS, agencies), read through the whole
rules classifier as the product reads mail. Companies, people and roles are invented."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.classify.rules.title import extract_title
from tests.jobmail.messages import mail

_ACK = "We have received your application and our team will review it shortly.\n\nThe Recruiting Team"
_EMPLOYER = "Larkspur Analytics Recruiting <careers@larkspur-analytics.example>"
_AGENCY = "Pat Kim <pat.kim@fernway-staffing.example>"


def _title(rules: RulesClassifier, subject: str | None, body: str, sender: str | None) -> str:
    return rules.classify_sync(mail(subject, body, sender)).job_title


# --- subject templates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        ("Application received: Senior Data Engineer", "Senior Data Engineer"),
        ("Application Received - Geospatial Analyst II", "Geospatial Analyst II"),
        ("Application received for Clinical Research Coordinator", "Clinical Research Coordinator"),
        ("Application Confirmation: Payroll Specialist (R-20931)", "Payroll Specialist"),
        ("Application submitted - Staff Platform Engineer - Remote", "Staff Platform Engineer"),
        ("Application for Warehouse Supervisor - Submitted", "Warehouse Supervisor"),
        ("Application for Warehouse Supervisor (Req. 4471)", "Warehouse Supervisor"),
        ("We received your application for Warehouse Operations Supervisor", "Warehouse Operations Supervisor"),
        ("Your application for Senior Data Engineer at Larkspur Analytics", "Senior Data Engineer"),
        ("Your application for the Senior Data Engineer role at Larkspur Analytics", "Senior Data Engineer"),
        ("Your application to Larkspur Analytics for Product Designer", "Product Designer"),
        ("Your Larkspur Analytics application: Product Designer", "Product Designer"),
        ("Larkspur Analytics - Product Designer - Application Received", "Product Designer"),
        ("Larkspur Analytics | Backend Engineer (Hybrid) | Application received", "Backend Engineer"),
        ("Larkspur Analytics: Actuarial Analyst application received", "Actuarial Analyst"),
        ("Thank you for applying to Backend Engineer at Larkspur Analytics", "Backend Engineer"),
        ("Thank you for applying for the Backend Engineer position!", "Backend Engineer"),
        ("Thanks for applying: Solutions Architect, Public Sector", "Solutions Architect, Public Sector"),
        ("Thank you for your interest in Quality Assurance Tester - Austin, TX", "Quality Assurance Tester"),
        ("Indeed Application: Forklift Operator", "Forklift Operator"),
        ("Indeed Application: Medical Billing Specialist - Remote", "Medical Billing Specialist"),
        ("Senior Data Engineer - Application Update", "Senior Data Engineer"),
        ("Update on your Senior Data Engineer application", "Senior Data Engineer"),
        ("Your Senior Data Engineer Application Update", "Senior Data Engineer"),
        ("Senior Data Engineer Application Status", "Senior Data Engineer"),
        ("Status update: Actuarial Analyst", "Actuarial Analyst"),
        ("Regarding your application for Network Technician (Job ID 58812)", "Network Technician"),
        ("Your application status: Mobile Developer (iOS)", "Mobile Developer (iOS)"),
        ("Application Received: Data Steward at Larkspur Analytics (Remote)", "Data Steward"),
        ("Interview for Senior Data Engineer", "Senior Data Engineer"),
        ("Interview Invitation: Site Reliability Engineer - Quillfeather Labs", "Site Reliability Engineer"),
        ("Interview Request - Financial Analyst - Larkspur Analytics", "Financial Analyst"),
        ("Invitation to interview: Registered Nurse (Night Shift)", "Registered Nurse"),
        ("Let's schedule your interview for Product Marketing Manager", "Product Marketing Manager"),
        ("Tax Associate Interview Invitation", "Tax Associate"),
        ("Confirmed: Phone Screen - Risk Analyst - Larkspur Analytics", "Risk Analyst"),
        ("Your interview with Larkspur Analytics for Risk Analyst", "Risk Analyst"),
        ("Larkspur Analytics | Risk Analyst | Next Steps", "Risk Analyst"),
        ("Next steps for Data Engineer, Analytics Platform", "Data Engineer, Analytics Platform"),
        ("Assessment for Junior Java Developer (REQ-4471)", "Junior Java Developer"),
        ("Action required: complete your application for Retail Store Manager", "Retail Store Manager"),
        ("Store Supervisor Offer Letter", "Store Supervisor"),
        ("RE: [EXTERNAL] Re: Larkspur Analytics - Inventory Planner", "Inventory Planner"),
    ],
)
def test_it_reads_the_title_from_a_subject_template(rules: RulesClassifier, subject: str, title: str) -> None:
    assert _title(rules, subject, f"Hi Dana,\n\n{_ACK}", _EMPLOYER) == title


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        ("Data Engineer opportunity at Larkspur Analytics", "Data Engineer"),
        ("Exciting opportunity: Cloud Engineer (Contract, Remote)", "Cloud Engineer"),
        ("Opening for Salesforce Developer in Austin, TX", "Salesforce Developer"),
        ("Immediate need: Network Engineer - Austin, TX - 12 months", "Network Engineer"),
        ("ETL Developer role - Larkspur Analytics - 6 month contract", "ETL Developer"),
        ("Hiring: Data Modeler | Remote | 12+ Months", "Data Modeler"),
        ("Urgent Requirement: Data Modeler - Remote", "Data Modeler"),
        ("Immediate Interview: Data Modeler (W2 only)", "Data Modeler"),
        ("Data Modeler [Remote] - Larkspur Analytics", "Data Modeler"),
        ("Data Modeler – US Remote", "Data Modeler"),
        ("Data Modeler (Remote, US)", "Data Modeler"),
    ],
)
def test_it_reads_the_title_from_an_agency_subject(rules: RulesClassifier, subject: str, title: str) -> None:
    body = "Hi Dana,\n\nI came across your profile. Are you open to a new role? Please send your resume.\n\nPat"
    assert _title(rules, subject, body, _AGENCY) == title


@pytest.mark.parametrize(
    "subject",
    [
        # An ATS adds the candidate's name to the title, before or after it.
        "Thank you for applying to Larkspur Analytics - Data Engineer - Dana Demo",
        "Follow-up for Data Engineer | Dana Demo",
        "Dana Demo - R0012345 Data Engineer (C0001234)",
        # Only the greeted first name is known; the surname differs from the address book's.
        "Thank you for applying to Larkspur Analytics - Data Engineer - Dana Reyes",
    ],
)
def test_it_leaves_the_candidates_name_out_of_a_subject(rules: RulesClassifier, subject: str) -> None:
    assert _title(rules, subject, f"Hi Dana,\n\n{_ACK}", _EMPLOYER) == "Data Engineer"


# --- body sentences ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # "for the X position / role / opening / opportunity"
        ("Thank you for applying for the Inventory Control Specialist opening.", "Inventory Control Specialist"),
        ("Thanks so much for applying to the Senior Copywriter role here at Quillfeather Labs!", "Senior Copywriter"),
        (
            "We appreciate your interest in the Principal Product Manager - Payments opportunity.",
            "Principal Product Manager - Payments",
        ),
        ("Thank you for considering the Solutions Engineer (Remote) position with us.", "Solutions Engineer"),
        ("Thank you for applying to our Field Service Technician position in Tulsa, OK.", "Field Service Technician"),
        (
            "Thank you for applying to the Platform Engineer – Developer Tools position.",
            "Platform Engineer – Developer Tools",
        ),
        (
            "We received your application for the Program Lead – Clinical Data Systems role[careers.example.com] and "
            "will review it.",
            "Program Lead – Clinical Data Systems",
        ),
        ("Thank you for your recent application for the role of Claims Adjuster.", "Claims Adjuster"),
        ("Thank you for your application for the post of Claims Adjuster.", "Claims Adjuster"),
        ("We have reviewed your resume for the Claims Adjuster vacancy.", "Claims Adjuster"),
        ("Hi Dana, I have an exciting Java Developer opportunity with a client in Dallas, TX.", "Java Developer"),
        ("My client is looking for a Sr. .NET Developer for a 6 month contract in Chicago.", "Sr. .NET Developer"),
        # A requisition number before the title.
        ("Req ID 31877 – Mechanical Design Engineer", "Mechanical Design Engineer"),
        ("Thank you for applying to Requisition 20931 - Compliance Officer.", "Compliance Officer"),
        ("We received your application for job 2025-1187 Senior Estimator.", "Senior Estimator"),
        ("Thank you for applying for the R0041812 Cloud Security Architect position.", "Cloud Security Architect"),
        ("Thank you for applying for the 2025-12345 - Pharmacy Technician position.", "Pharmacy Technician"),
        (
            "We have successfully received your submission to the following job: JR-0044127 Benefits Analyst (Open)",
            "Benefits Analyst",
        ),
        # Candidacy, opportunity, "apply for", an invitation, a step.
        (
            "We have decided not to move forward with your candidacy for Content Strategist at this time.",
            "Content Strategist",
        ),
        ("Thank you for your candidacy for the Data Governance Lead role.", "Data Governance Lead"),
        (
            "We are excited to move you forward in the Associate Product Manager opportunity.",
            "Associate Product Manager",
        ),
        (
            "I'm reaching out about the Embedded Firmware Engineer opportunity at Quillfeather Labs.",
            "Embedded Firmware Engineer",
        ),
        ("Thank you for taking the time to apply for Loan Processor with us.", "Loan Processor"),
        ("We would like to invite you to a phone screen for Payments Engineer next week.", "Payments Engineer"),
        (
            "You have been invited to meet the hiring manager for Operations Research Analyst.",
            "Operations Research Analyst",
        ),
        ("We regret that the requisition for Logistics Planner has been closed.", "Logistics Planner"),
        ("We are pleased to offer you the position of Store Supervisor at Quillfeather Labs.", "Store Supervisor"),
        # Quotes, trailing punctuation, a job id after the title.
        ('Thank you for applying to "Technical Writer II". We will be in touch.', "Technical Writer II"),
        ("Thank you for applying to ‘Growth Marketing Manager’!", "Growth Marketing Manager"),
        ("Your application for Visual Designer (Job ID: JR-22817) was received.", "Visual Designer"),
        ("Your application for Visual Designer, Job ID 22817, was received.", "Visual Designer"),
        ("Your application for the position Visual Designer (ID: 4471) has been reviewed.", "Visual Designer"),
        ("Thank you for applying for Barista - Store #4471!", "Barista"),
        ("Thanks for applying to [Data Steward](https://jobs.example.com/123) at Quillfeather Labs.", "Data Steward"),
        # The employer after the title.
        ("Thank you for applying for Security Analyst at Brindlewood Health.", "Security Analyst"),
        ("Thanks for your application for Security Analyst with Brindlewood Health!", "Security Analyst"),
        (
            "Thanks for applying for the position of Data Engineer with Brindlewood Health through Dice.",
            "Data Engineer",
        ),
    ],
)
def test_it_reads_the_title_from_a_body_sentence(rules: RulesClassifier, body: str, title: str) -> None:
    sender = "Brindlewood Health <no-reply@brindlewood-health.example>"
    assert _title(rules, "Your application", f"Hi Dana,\n\n{body}\n\n{_ACK}", sender) == title


@pytest.mark.parametrize(
    ("body", "title"),
    [
        (
            "We appreciate you taking the time to apply for the Associate Consultant role. Unfortunately, we have "
            "decided to move forward with other candidates.",
            "Associate Consultant",
        ),
        (
            "Thank you for applying to Fernway's Software Engineer - Early Career opening. Unfortunately we will "
            "not be moving forward.",
            "Software Engineer - Early Career",
        ),
        (
            "After careful consideration of your application for Associate Product Manager, Rotational Program, we "
            "will not move forward.",
            "Associate Product Manager, Rotational Program",
        ),
        # Bodies kept without their start.
        (
            "ank you for applying to the Technology Analyst – Class of 2021 position at Fernway. Unfortunately we "
            "will not move forward.",
            "Technology Analyst – Class of 2021",
        ),
        (
            "or the Web Developer position at Fernway. Unfortunately we decided to move forward with other candidates.",
            "Web Developer",
        ),
        (
            "Dear Dana, Thank you for applying to the Data Analyst position. We regret to inform you that this "
            "position has been filled. Other open positions: Senior Data Scientist, Machine Learning Engineer.",
            "Data Analyst",
        ),
    ],
)
def test_it_reads_the_title_from_a_body_without_headers(rules: RulesClassifier, body: str, title: str) -> None:
    assert _title(rules, None, body, None) == title


# --- labelled fields ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "title"),
    [
        ("Position: Senior Data Engineer - Austin, TX (Hybrid)\nStatus: Under review", "Senior Data Engineer"),
        ("Job Title: Logistics Coordinator (m/w/d)\nLocation: Bremen", "Logistics Coordinator"),
        ("Position Applied For: Staff Accountant\nDate Applied: 03/14", "Staff Accountant"),
        ("Requisition Title: Lab Technician II\nRequisition ID: 77120", "Lab Technician II"),
        ("Job Posting Title: Help Desk Analyst - Remote\nPosting ID: 4471", "Help Desk Analyst"),
        ("Job: 4471 - Senior Buyer\nLocation: Omaha, NE", "Senior Buyer"),
        ("Job: Senior Buyer (4471)\nLocation: Omaha, NE", "Senior Buyer"),
        ("Req #4471: Senior Buyer\nLocation: Omaha, NE", "Senior Buyer"),
        ("• Position: Senior Buyer\n• Location: Remote", "Senior Buyer"),
        ("Position Name: Senior Buyer\nLocation: Remote", "Senior Buyer"),
        ("Job Opening: Senior Buyer\nLocation: Remote", "Senior Buyer"),
        ("Vacancy: Senior Buyer\nLocation: Remote", "Senior Buyer"),
        ("Applied position: Senior Buyer\nDate: March 3", "Senior Buyer"),
        ("Position:\nSenior Buyer\nLocation:\nRemote", "Senior Buyer"),
        ("Job Title\nSenior Buyer\n\nLocation\nRemote", "Senior Buyer"),
        ("JOB TITLE: SENIOR BUYER\nLOCATION: REMOTE", "SENIOR BUYER"),
        ("Job: Senior Buyer, Location: Omaha, NE, Job ID: 4471", "Senior Buyer"),
    ],
)
def test_it_reads_the_title_from_a_labelled_field(rules: RulesClassifier, fields: str, title: str) -> None:
    body = f"Hi Dana,\n\nThank you for applying. Details of your application:\n\n{fields}\n\n{_ACK}"
    assert _title(rules, "Application details", body, _EMPLOYER) == title


# --- job boards and ATS notifications ----------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "body", "sender", "title"),
    [
        # LinkedIn: the title on its own line above the employer and the place.
        (
            "Dana, your application was sent to Quillfeather Labs",
            "Your application was sent to Quillfeather Labs\n\nMachine Learning Engineer\nQuillfeather Labs · "
            "Seattle, WA (Hybrid)\n\nApplied on March 3, 2026\n\nView job",
            "LinkedIn <jobs-noreply@linkedin.com>",
            "Machine Learning Engineer",
        ),
        (
            "Dana, your application was sent to Larkspur Analytics",
            "Your application was sent to Larkspur Analytics\n\nData Analyst, Customer Insights\nLarkspur "
            "Analytics · United States (Remote)\n\nApplied on May 12, 2026",
            "LinkedIn <jobs-noreply@linkedin.com>",
            "Data Analyst, Customer Insights",
        ),
        (
            "Your application was viewed by Quillfeather Labs",
            "Your application was viewed\n\nQuillfeather Labs viewed your application for Senior UX Researcher.\n\n"
            "Senior UX Researcher\nQuillfeather Labs · Boston, MA\n",
            "LinkedIn <jobs-noreply@linkedin.com>",
            "Senior UX Researcher",
        ),
        # Indeed: the title, then the employer and the place after a dash.
        (
            "Indeed Application: Accounts Payable Clerk",
            "Application submitted\n\nAccounts Payable Clerk\nBrindlewood Health - Tulsa, OK\n\nThe following "
            "items were sent to Brindlewood Health.",
            "Indeed <indeedapply@indeed.com>",
            "Accounts Payable Clerk",
        ),
        # USAJOBS: the series and grade and the announcement are not the title.
        (
            "Application Received for Management Analyst",
            "Thank you for applying to the Management Analyst position, announcement number NW-26-1187, with "
            "the Bureau of Example Affairs.",
            "USAJOBS <no-reply@usajobs.gov>",
            "Management Analyst",
        ),
        (
            "Your application status has changed",
            "Your application for IT Specialist (SYSADMIN), GS-2210-12, Announcement Number ST-26-4471 has been "
            "reviewed.",
            "USAJOBS <no-reply@usajobs.gov>",
            "IT Specialist (SYSADMIN)",
        ),
        (
            "Application Status",
            "Your application for Program Analyst, Job Announcement Number: NW-26-1187, was received.",
            "USAJOBS <no-reply@usajobs.gov>",
            "Program Analyst",
        ),
        (
            "Application Status",
            "Thank you for applying for the position of PROGRAM ANALYST under announcement NW-26-1187.",
            "USAJOBS <no-reply@usajobs.gov>",
            "PROGRAM ANALYST",
        ),
        # Workday: a requisition in the sentence.
        (
            "Thank you for applying to Brindlewood Health!",
            "Dear Dana,\n\nThank you for your interest in the Nurse Practitioner - Cardiology (R0012345) "
            "position. Our team will review your qualifications.",
            "Brindlewood Health <brindlewood@myworkday.com>",
            "Nurse Practitioner - Cardiology",
        ),
        # iCIMS: the job id after the place.
        (
            "Thank you for your application",
            "Thank you for your interest in the Maintenance Planner - Denver, CO (Job ID 2026-8812) position at "
            "Larkspur Analytics.",
            "Larkspur Analytics <noreply@larkspur-analytics.icims.com>",
            "Maintenance Planner",
        ),
        # Taleo: a table of fields.
        (
            "Job Submission - Acknowledgment",
            "Thank you for applying.\n\nJob Title: Territory Sales Representative\nJob Number: 260117\n"
            "Location: Raleigh, NC",
            "Larkspur Analytics <larkspur@taleo.net>",
            "Territory Sales Representative",
        ),
        # SmartRecruiters: the city and country after a dash.
        (
            "Thank you for your application",
            "Dear Dana, thank you for applying for Office Manager - Lisbon, Portugal at Quillfeather Labs.",
            "Quillfeather Labs <noreply@smartrecruiters.com>",
            "Office Manager",
        ),
        # Ashby and Lever: the role and the employer in one sentence.
        (
            "Thanks for applying to Quillfeather Labs",
            "Hi Dana,\n\nThanks for applying to the Founding Engineer role at Quillfeather Labs. We'll be in "
            "touch soon.",
            "Quillfeather Labs Hiring Team <no-reply@ashbyhq.com>",
            "Founding Engineer",
        ),
        (
            "Quillfeather Labs - Developer Advocate",
            "Hi Dana,\n\nThank you for your application to the Developer Advocate - EMEA position at "
            "Quillfeather Labs.",
            "Quillfeather Labs <no-reply@hire.lever.co>",
            "Developer Advocate - EMEA",
        ),
        # Greenhouse: the title in a rejection with the employer after "at".
        (
            "Update on your application",
            "Hi Dana,\n\nThank you for your interest in the Senior Site Reliability Engineer, Storage role at "
            "Larkspur Analytics. Unfortunately, we have decided to move forward with other candidates.",
            "Larkspur Analytics <no-reply@us.greenhouse-mail.io>",
            "Senior Site Reliability Engineer, Storage",
        ),
    ],
)
def test_it_reads_the_title_from_a_job_board_or_ats_notification(
    rules: RulesClassifier, subject: str, body: str, sender: str, title: str
) -> None:
    assert _title(rules, subject, body, sender) == title


@pytest.mark.parametrize(
    "suggestions",
    [
        "Jobs similar to yours\n\n",
        "You might also like\n\n",
        # No heading: the first card is the one applied to.
        "",
    ],
)
def test_it_never_takes_a_suggested_job_for_the_one_applied_to(rules: RulesClassifier, suggestions: str) -> None:
    body = (
        "Your application was sent to Quillfeather Labs\n\nData Engineer\nQuillfeather Labs · Seattle, WA (Hybrid)"
        f"\n\nApplied on March 3, 2026\n\n{suggestions}Senior Analytics Engineer, Marketplace\nLarkspur Analytics · "
        "Remote (Remote)\n\nStaff Data Platform Engineer\nBrindlewood Health · Boston, MA (On-site)\n"
    )
    subject = "Dana, your application was sent to Quillfeather Labs"
    assert _title(rules, subject, body, "LinkedIn <jobs-noreply@linkedin.com>") == "Data Engineer"


# --- what is not a title ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Thank you for applying to Larkspur Analytics", "Hi Dana, we will review your application soon."),
        ("Your application", "Thank you for your interest in a career at Larkspur Analytics."),
        ("Your application", "Thank you for your interest in Career Opportunities at Larkspur Analytics."),
        ("Your application", "Thank you for applying for the position we discussed on the phone last week."),
        ("Application update", "Thank you for applying for this role. Our team is reviewing every application."),
        (
            "Application update",
            "We regret to inform you that we have decided to pursue other candidates whose experience more "
            "closely matches the needs of the team at this time.",
        ),
        ("Application update", "We decided not to move forward with this particular internship at this time."),
        ("Application update", "We encourage you to apply for other open positions on our careers site."),
        ("Next steps", "Our Hiring Manager will contact you soon to arrange a call."),
        ("Application update", "Your application is being reviewed by the Hiring Manager."),
        ("Thank you", "Thank you for applying! Your Talent Acquisition Partner will reach out."),
        ("Interview Confirmation for Dana Demo", "Your interview is confirmed for Tuesday."),
        ("Invitation: Interview with Sam Lee (Engineering Manager)", "Join with the video link in the invitation."),
    ],
)
def test_it_names_no_title_when_the_mail_names_none(rules: RulesClassifier, subject: str, body: str) -> None:
    assert _title(rules, subject, body, _EMPLOYER) == ""


# --- cleanup -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Position: Senior Data Engineer (Remote)", "Senior Data Engineer"),
        ("Position: Senior Data Engineer - Hybrid", "Senior Data Engineer"),
        ("Position: Senior Data Engineer (Hybrid - Austin, TX)", "Senior Data Engineer"),
        ("Position: Senior Data Engineer, Remote - US", "Senior Data Engineer"),
        ("Position: Senior Data Engineer - Remote (US)", "Senior Data Engineer"),
        ("Position: Senior Data Engineer - Austin, Texas", "Senior Data Engineer"),
        ("Position: Senior Data Engineer | London, UK", "Senior Data Engineer"),
        ("Position: Senior Data Engineer (Austin, TX)", "Senior Data Engineer"),
        ("Position: Senior Data Engineer – Köln, hybrid", "Senior Data Engineer"),
        ("Position: Registered Nurse - ICU (Remote)", "Registered Nurse - ICU"),
        ("Position: Senior Data Engineer (JR-22817)", "Senior Data Engineer"),
        ("Position: Senior Data Engineer [R-20931]", "Senior Data Engineer"),
        ("Position: Senior Data Engineer - Req #4471", "Senior Data Engineer"),
        ("Position: Senior Data Engineer - IT 00004417", "Senior Data Engineer"),
        ("Position: Senior Data Engineer (w/m/d)", "Senior Data Engineer"),
        ("Position: Senior Data Engineer (all genders)", "Senior Data Engineer"),
        ('Position: "Senior Data Engineer"', "Senior Data Engineer"),
        ("Position: Senior Data Engineer.", "Senior Data Engineer"),
        ("Position: **Senior Data Engineer**", "Senior Data Engineer"),
        ("Position: Sr. Data Engineer II", "Sr. Data Engineer II"),
        ("Position: Data Engineer (Contract to Hire)", "Data Engineer"),
        ("Position: Data Engineer - Full Time", "Data Engineer"),
        # Kept: seniority, a specialty, a year, a team after a dash.
        ("Position: Data Engineer (Entry Level)", "Data Engineer (Entry Level)"),
        ("Position: Data Engineer, New Grad 2027", "Data Engineer, New Grad 2027"),
        ("Position: Data Engineer - Payments Platform", "Data Engineer - Payments Platform"),
    ],
)
def test_it_cuts_places_arrangements_ids_tags_and_punctuation(line: str, title: str) -> None:
    assert extract_title("Application update", f"Hi Dana,\n\n{line}\n\nThanks.") == title
