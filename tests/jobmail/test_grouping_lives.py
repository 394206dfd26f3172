"""An application's whole life grouped as one: a job board's notice, the employer's ATS
confirmation, a recruiter's own mail that abbreviates or leaves out the role, a calendar
invitation and a rejection that names no role, some with thread headers and some
without; two roles at one employer and one role at two employers stay apart. The
emails are invented; graded pairwise as `jobmail/evaluation.py` grades real mail."""

from __future__ import annotations

from itertools import combinations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.classify.rules.company import sender_identity
from jobmail.evaluation import Prediction, Report, group_predictions
from jobmail.grouping import Grouper, MailFacts, compatible_titles, same_company
from jobmail.message import parse_message
from tests.jobmail.messages import parsed

_BATTERY: list[tuple[str | None, str]] = []


def add(
    application: str | None,
    sender: str,
    subject: str,
    date: str,
    body: str,
    *,
    mid: str = "",
    irt: str = "",
    cal: bool = False,
    headers: bool = True,
) -> None:
    """One raw email of `application` (None: mail about no application). Without
    `headers` it is kept as exported databases keep mail: sender, subject, date, body."""
    mid = mid or f"<m{len(_BATTERY)}@battery.example>"
    text = f"From: {sender}\nSubject: {subject}\nDate: {date}\nMessage-ID: {mid}\n"
    if headers:
        text += "To: Dana Demo <dana@example.com>\n"
        text += f"In-Reply-To: {irt}\nReferences: {irt}\n" if irt else ""
    if cal:
        text += (
            'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n\n--b1\n'
            f"Content-Type: text/plain; charset=utf-8\n\n{body}\n--b1\nContent-Type: text/calendar; method=REQUEST\n\n"
            f"BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:{subject}\nEND:VEVENT\nEND:VCALENDAR\n--b1--\n"
        )
    else:
        text += f"Content-Type: text/plain; charset=utf-8\n\n{body}"
    _BATTERY.append((application, text))


# A1 Bramblecote Analytics, Data Analyst: LinkedIn, Workday, recruiter, calendar, rejection
add(
    "a1",
    "LinkedIn <jobs-noreply@linkedin.com>",
    "Dana, your application was sent to Bramblecote Analytics",
    "Mon, 02 Mar 2026 09:12:00 +0000",
    "Your application was sent to Bramblecote Analytics\n\nData Analyst\n"
    "Bramblecote Analytics · Leeds, England (Hybrid)\nApplied on March 2, 2026\n\nView job",
)
add(
    "a1",
    "Bramblecote Analytics <bramblecote@myworkday.com>",
    "Thank you for applying: Data Analyst (R-20417)",
    "Mon, 02 Mar 2026 09:20:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for your interest in Bramblecote Analytics. We have received your application for the Data Analyst "
    "position (R-20417).\nOur talent team will review your experience and be in touch if there is a match.\n\n"
    "Kind regards,\nBramblecote Analytics Talent Acquisition",
)
add(
    "a1",
    "Priya Nandakumar <priya.nandakumar@bramblecote.com>",
    "Quick chat?",
    "Thu, 05 Mar 2026 14:03:00 +0000",
    "Hi Dana,\n\n"
    "Thanks for applying to the analyst role with us. I'd love to set up a 30 minute call to talk through your "
    "background and the team. Are you free on Tuesday or Wednesday afternoon?\n\nBest,\nPriya Nandakumar\n"
    "Talent Partner | Bramblecote Analytics",
)
add(
    "a1",
    "Bramblecote Analytics <bramblecote@myworkday.com>",
    "Update on your application",
    "Mon, 23 Mar 2026 11:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for taking the time to speak with us. After careful consideration, we have decided to move forward "
    "with other candidates whose experience more closely matches our needs at this time.\n\n"
    "We wish you every success in your search.\n\nBramblecote Analytics Talent Acquisition",
)

# A2 Ferncastle Logistics, Operations Manager: iCIMS, recruiter with abbreviation, interview, offer
add(
    "a2",
    "Ferncastle Logistics Careers <careers-ferncastle@icims.com>",
    "Ferncastle Logistics - Application Received - Operations Manager",
    "Wed, 04 Mar 2026 08:00:00 +0000",
    "Hello Dana,\n\n"
    "Thank you for applying for the Operations Manager position at Ferncastle Logistics. Your application has been "
    "received and is being reviewed by our recruitment team.\n\nRegards,\nFerncastle Logistics Recruitment",
)
add(
    "a2",
    "Owen Strand <owen.strand@ferncastle.co.uk>",
    "Ops Manager interview - Ferncastle",
    "Tue, 10 Mar 2026 12:30:00 +0000",
    "Hi Dana,\n\n"
    "I'm pleased to invite you to interview for the Ops Manager role at our Daventry site. Could you do Monday 16th "
    "at 10am? The interview will last about an hour with myself and the site director.\n\nThanks,\nOwen Strand\n"
    "Recruitment Lead, Ferncastle Logistics Ltd",
    mid="<os1@ferncastle.co.uk>",
)
add(
    "a2",
    "Owen Strand <owen.strand@ferncastle.co.uk>",
    "Re: Ops Manager interview - Ferncastle",
    "Tue, 10 Mar 2026 16:45:00 +0000",
    "Great, Monday at 10 is confirmed. Please bring photo ID and ask for me at reception.\n\nOwen",
    irt="<os1@ferncastle.co.uk>",
)
add(
    "a2",
    "Owen Strand <owen.strand@ferncastle.co.uk>",
    "Offer of employment",
    "Fri, 27 Mar 2026 09:00:00 +0000",
    "Dear Dana,\n\n"
    "Following your interview, I am delighted to offer you the position of Operations Manager at Ferncastle "
    "Logistics Ltd. Your offer letter is attached with details of salary and benefits. Please confirm your "
    "acceptance by 3 April.\n\nKind regards,\nOwen Strand",
)

# A3 Halloway Biosciences: two roles via Greenhouse, must stay apart
add(
    "a3a",
    "Halloway Biosciences <no-reply@us.greenhouse-mail.io>",
    "Thank you for applying to Halloway Biosciences",
    "Mon, 09 Mar 2026 10:00:00 +0000",
    "Hi Dana,\n\n"
    "Thanks for your interest in Halloway Biosciences! We received your application for the Research Associate II "
    "role and our team will review it shortly.\n\nBest,\nHalloway Biosciences Recruiting",
)
add(
    "a3b",
    "Halloway Biosciences <no-reply@us.greenhouse-mail.io>",
    "Thank you for applying to Halloway Biosciences",
    "Mon, 09 Mar 2026 10:05:00 +0000",
    "Hi Dana,\n\n"
    "Thanks for your interest in Halloway Biosciences! We received your application for the Senior Scientist, Assay "
    "Development role and our team will review it shortly.\n\nBest,\nHalloway Biosciences Recruiting",
)
add(
    "a3a",
    "Halloway Biosciences <no-reply@us.greenhouse-mail.io>",
    "Your application to Halloway Biosciences",
    "Thu, 19 Mar 2026 15:00:00 +0000",
    "Hi Dana,\n\n"
    "Thank you for applying for the Research Associate II position. Unfortunately we will not be moving forward with "
    "your application at this time.\n\nBest,\nHalloway Biosciences Recruiting",
)
add(
    "a3b",
    "Maya Ortiz <mortiz@hallowaybio.com>",
    "Senior Scientist, Assay Development - phone screen",
    "Fri, 20 Mar 2026 09:30:00 +0000",
    "Hi Dana,\n\n"
    "I'm the recruiter for our Senior Scientist, Assay Development opening. I'd like to schedule a 30 minute phone "
    "screen next week. What times work for you?\n\nMaya Ortiz\nHalloway Biosciences",
)

# A4 Quillmark Software, Backend Engineer: Lever, recruiter abbreviation, assessment, rejection
add(
    "a4",
    "Quillmark <no-reply@hire.lever.co>",
    "Thank you for your application to Quillmark",
    "Tue, 10 Mar 2026 18:00:00 +0000",
    "Hi Dana,\n\n"
    "Thank you for applying for the Backend Engineer position at Quillmark. We are reviewing your application and "
    "will get back to you soon.\n\nThe Quillmark Team",
)
add(
    "a4",
    "Rhys Talbot <rhys@quillmark.io>",
    "Quillmark - Backend Eng - next steps",
    "Mon, 16 Mar 2026 10:10:00 +0000",
    "Hey Dana,\n\n"
    "Thanks for applying to Quillmark! The team liked your profile for the Backend Eng opening. The next step is a "
    "take-home exercise; you'll get a link from our assessment platform shortly.\n\nCheers,\nRhys\n"
    "Technical Recruiter, Quillmark Software",
)
add(
    "a4",
    "Quillmark Software <notifications@codesignal.com>",
    "Quillmark Software has invited you to take an assessment",
    "Mon, 16 Mar 2026 10:30:00 +0000",
    "Hi Dana,\n\n"
    "Quillmark Software has invited you to complete a coding assessment. You have 7 days to complete it.\n\n"
    "Start assessment\n\nGood luck!",
)
add(
    "a4",
    "Quillmark <no-reply@hire.lever.co>",
    "Your application to Quillmark",
    "Fri, 03 Apr 2026 13:00:00 +0000",
    "Hi Dana,\n\n"
    "Thank you for the time you've invested in our process. After reviewing your assessment we've decided not to "
    "move forward with your candidacy.\n\nBest of luck,\nThe Quillmark Team",
)

# A5 Tessaly Bank, Credit Risk Analyst: Taleo, recruiter, rejection without title
add(
    "a5",
    "Tessaly Bank <tessalybank@taleo.net>",
    "Job Submission: Credit Risk Analyst - 2600123",
    "Wed, 11 Mar 2026 07:45:00 +0000",
    "Dear Dana Demo,\n\n"
    "Thank you for submitting your application for the position of Credit Risk Analyst (2600123) at Tessaly Bank. We "
    "will review your qualifications.\n\nSincerely,\nTessaly Bank Human Resources",
)
add(
    "a5",
    "Laura Benn <laura.benn@tessalybank.com>",
    "Interview request - Credit Risk",
    "Wed, 18 Mar 2026 11:00:00 +0000",
    "Dear Dana,\n\n"
    "Following your application for the Credit Risk Analyst vacancy, the hiring manager would like to interview you. "
    "Please let me know your availability for a video interview next week.\n\nKind regards,\nLaura Benn\n"
    "Talent Acquisition, Tessaly Bank plc",
)
add(
    "a5",
    "Tessaly Bank <tessalybank@taleo.net>",
    "Your application status",
    "Thu, 09 Apr 2026 07:45:00 +0000",
    "Dear Dana Demo,\n\n"
    "Thank you for your interest in Tessaly Bank. We regret to inform you that you have not been selected to proceed "
    "further.\n\nSincerely,\nTessaly Bank Human Resources",
)

# A6 Agency: Kirkstone Search for client Orrin Pay, Senior Product Manager
add(
    "a6",
    "Tom Hargreaves <tom@kirkstonesearch.co.uk>",
    "Senior Product Manager opportunity - fintech",
    "Thu, 12 Mar 2026 09:00:00 +0000",
    "Hi Dana,\n\n"
    "I'm working with a fast-growing payments client, Orrin Pay, who are hiring a Senior Product Manager to lead "
    "their merchant onboarding. Your background looks like a great fit. Would you be open to a quick call?\n\n"
    "Tom Hargreaves\nSenior Consultant, Kirkstone Search",
    mid="<th1@kirkstonesearch.co.uk>",
)
add(
    "a6",
    "Tom Hargreaves <tom@kirkstonesearch.co.uk>",
    "Re: Senior Product Manager opportunity - fintech",
    "Mon, 16 Mar 2026 17:00:00 +0000",
    "Hi Dana,\n\n"
    "Great news - Orrin Pay would like to interview you for the Senior PM role on Thursday at 2pm with their Head of "
    "Product. I'll send the video link once confirmed.\n\nTom",
    irt="<th1@kirkstonesearch.co.uk>",
)
add(
    "a6",
    "Tom Hargreaves <tom@kirkstonesearch.co.uk>",
    "Orrin Pay feedback",
    "Mon, 30 Mar 2026 10:00:00 +0000",
    "Hi Dana,\n\n"
    "I've had feedback from Orrin Pay and unfortunately they have decided not to progress your application for the "
    "Senior Product Manager position. They were impressed, but went with someone with more lending experience.\n\nTom",
)

# A7 single: Mallowby Foods, confirmation only
add(
    "a7",
    "Mallowby Foods <noreply@mallowbyfoods.com>",
    "We've received your application",
    "Fri, 13 Mar 2026 12:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for applying for the role of Quality Technician at Mallowby Foods. We will review your application "
    "and contact you if you are shortlisted.\n\nMallowby Foods Recruitment Team",
)

# A8 single: Pendlecroft Council rejection
add(
    "a8",
    "Pendlecroft Borough Council <recruitment@pendlecroft.gov.uk>",
    "Application outcome: Housing Officer (PBC0412)",
    "Mon, 16 Mar 2026 08:00:00 +0000",
    "Dear Dana Demo,\n\n"
    "Thank you for applying for the post of Housing Officer. Unfortunately on this occasion you have not been "
    "shortlisted for interview.\n\nRecruitment Team\nPendlecroft Borough Council",
)

# A9 Corriston Health, Clinical Data Coordinator, exported without thread headers
add(
    "a9",
    "Corriston Health <careers@corristonhealth.org>",
    "Thank you for your interest in Corriston Health",
    "Tue, 17 Mar 2026 10:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for applying for Clinical Data Coordinator at Corriston Health. Your application is under review.\n\n"
    "Corriston Health Talent Acquisition",
    headers=False,
)
add(
    "a9",
    "Corriston Health Talent Acquisition <talent@corristonhealth.org>",
    "Interview scheduling",
    "Wed, 25 Mar 2026 10:00:00 +0000",
    "Dear Dana,\n\n"
    "We would like to invite you to a virtual interview with our Clinical Research team. Please use the link below "
    "to choose a time that suits you.\n\nCorriston Health Talent Acquisition",
    headers=False,
)
add(
    "a9",
    "Corriston Health <careers@corristonhealth.org>",
    "Your application with Corriston Health",
    "Tue, 14 Apr 2026 10:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for interviewing with us. We have decided to pursue other candidates for this position.\n\n"
    "Corriston Health Talent Acquisition",
    headers=False,
)

# A10 Northgale Games, Gameplay Programmer: SmartRecruiters, recruiter, calendar, offer
add(
    "a10",
    "Northgale Games <noreply@smartrecruiters.com>",
    "Thank you for your application - Gameplay Programmer",
    "Wed, 18 Mar 2026 09:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for your application for the position of Gameplay Programmer at Northgale Games. We will carefully "
    "review your profile.\n\nBest regards,\nNorthgale Games Recruiting Team",
)
add(
    "a10",
    "Ines Carvalho <ines@northgalegames.com>",
    "Gameplay Programmer - next steps",
    "Tue, 24 Mar 2026 09:00:00 +0000",
    "Hi Dana,\n\n"
    "Thanks for applying to Northgale! We'd like to invite you to a technical interview with two of our engineers. "
    "I'll send a calendar invite for Friday.\n\nInes\nTalent Acquisition Partner",
)
add(
    "a10",
    "Google Calendar <calendar-notification@google.com>",
    "Invitation: Northgale technical interview - Dana Demo @ Fri 27 Mar 2026 11:00 - 12:00 (WET) (dana@example.com)",
    "Tue, 24 Mar 2026 09:30:00 +0000",
    "Ines Carvalho has invited you to this event.\n\nNorthgale technical interview - Dana Demo\n"
    "Friday 27 Mar 2026 11:00 - 12:00\nOrganizer: ines@northgalegames.com",
    cal=True,
)
add(
    "a10",
    "Ines Carvalho <ines@northgalegames.com>",
    "Offer - Northgale Games",
    "Wed, 08 Apr 2026 16:00:00 +0000",
    "Hi Dana,\n\n"
    "We're excited to offer you the Gameplay Programmer position at Northgale Games! Please find your offer letter "
    "attached.\n\nInes",
)

# A11 Varrow Systems: two roles via Workday
add(
    "a11a",
    "Varrow Systems <varrow@myworkday.com>",
    "Application received: Site Reliability Engineer",
    "Thu, 19 Mar 2026 09:00:00 +0000",
    "Hi Dana,\n\n"
    "Thank you for applying for Site Reliability Engineer (JR1187) at Varrow Systems. We will be in touch.\n\n"
    "Varrow Systems Talent Acquisition",
)
add(
    "a11b",
    "Varrow Systems <varrow@myworkday.com>",
    "Application received: Technical Writer",
    "Thu, 19 Mar 2026 09:10:00 +0000",
    "Hi Dana,\n\nThank you for applying for Technical Writer (JR1203) at Varrow Systems. We will be in touch.\n\n"
    "Varrow Systems Talent Acquisition",
)
add(
    "a11a",
    "Varrow Systems <varrow@myworkday.com>",
    "Update on Site Reliability Engineer",
    "Mon, 30 Mar 2026 09:00:00 +0000",
    "Hi Dana,\n\n"
    "Thank you for your interest in the Site Reliability Engineer role. Unfortunately, we have decided not to move "
    "forward with your application.\n\nVarrow Systems Talent Acquisition",
)
add(
    "a11b",
    "Varrow Systems <varrow@myworkday.com>",
    "Update on Technical Writer",
    "Tue, 31 Mar 2026 09:00:00 +0000",
    "Hi Dana,\n\n"
    "Thank you for your interest in the Technical Writer role. Unfortunately, we have decided not to move forward "
    "with your application.\n\nVarrow Systems Talent Acquisition",
)

# A12 Ashbury Legal, Paralegal: Ashby, recruiter thread
add(
    "a12",
    "Ashbury Legal <no-reply@ashbyhq.com>",
    "Thanks for applying to Ashbury Legal",
    "Fri, 20 Mar 2026 14:00:00 +0000",
    "Hi Dana,\n\n"
    "Thanks for applying to the Paralegal role at Ashbury Legal. We've received your application and will reach out "
    "if there's a fit.\n\nAshbury Legal Recruiting",
)
add(
    "a12",
    "Hannah Wilde <hannah.wilde@ashburylegal.com>",
    "Paralegal position",
    "Wed, 25 Mar 2026 10:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for your application for our Paralegal position. We would like to invite you for an interview at our "
    "office on 2 April at 11am.\n\nBest regards,\nHannah Wilde\nHR Manager",
    mid="<hw1@ashburylegal.com>",
)
add(
    "a12",
    "Hannah Wilde <hannah.wilde@ashburylegal.com>",
    "Re: Paralegal position",
    "Wed, 25 Mar 2026 15:00:00 +0000",
    "Thank you Dana, we look forward to seeing you then.\n\nHannah",
    irt="<hw1@ashburylegal.com>",
)
add(
    "a12",
    "Hannah Wilde <hannah.wilde@ashburylegal.com>",
    "Ashbury Legal - outcome",
    "Fri, 10 Apr 2026 10:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for coming in to meet us. I'm sorry to tell you that we have offered the role to another candidate.\n"
    "\nKind regards,\nHannah Wilde",
)

# A13 Indeed -> employer
add(
    "a13",
    "Indeed Apply <indeedapply@indeed.com>",
    "Indeed Application: Warehouse Associate",
    "Sat, 21 Mar 2026 08:00:00 +0000",
    "Application submitted\n\nWarehouse Associate\nLoxford Distribution - Reading, Berkshire\n\n"
    "The following items were sent to Loxford Distribution. Good luck!",
)
add(
    "a13",
    "Loxford Distribution HR <hr@loxforddistribution.co.uk>",
    "Interview for Warehouse Associate",
    "Wed, 25 Mar 2026 08:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for applying for the Warehouse Associate role. We'd like to invite you to an interview at our Reading "
    "depot on Monday at 9am.\n\nLoxford Distribution HR",
)
add(
    "a13",
    "Loxford Distribution HR <hr@loxforddistribution.co.uk>",
    "Job offer",
    "Thu, 02 Apr 2026 08:00:00 +0000",
    "Dear Dana,\n\n"
    "We are pleased to offer you the position of Warehouse Associate (nights). Please reply to confirm you accept.\n"
    "\nLoxford Distribution HR",
)

# A14 Gilchrist & Moore LLP, Associate Attorney
add(
    "a14",
    "Gilchrist & Moore LLP <recruiting@gilchristmoore.com>",
    "Application confirmation - Associate Attorney, Litigation",
    "Mon, 23 Mar 2026 09:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for applying for the Associate Attorney, Litigation position at Gilchrist & Moore LLP. Our recruiting "
    "committee will review your materials.\n\nLegal Recruiting\nGilchrist & Moore LLP",
)
add(
    "a14",
    "Claire Moss <cmoss@gilchristmoore.com>",
    "Interview invitation",
    "Mon, 30 Mar 2026 09:00:00 +0000",
    "Dear Dana,\n\n"
    "On behalf of Gilchrist and Moore, I am pleased to invite you to interview for the Associate Attorney position "
    "in our litigation group. Please let me know your availability for next week.\n\nClaire Moss\n"
    "Legal Recruiting Manager",
)
add(
    "a14",
    "Claire Moss <cmoss@gilchristmoore.com>",
    "Gilchrist & Moore",
    "Wed, 15 Apr 2026 09:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for your time interviewing with the firm. Unfortunately we will not be extending an offer.\n\n"
    "Claire Moss",
)

# A15 Wrenfield University, Lab Manager
add(
    "a15",
    "Wrenfield University <wrenfield@myworkday.com>",
    "Thank you for applying - Lab Manager (Biology)",
    "Tue, 24 Mar 2026 09:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for applying for Lab Manager (Biology) at Wrenfield University. Your application has been received.\n"
    "\nWrenfield University Human Resources",
)
add(
    "a15",
    "Department of Biology <biology-office@wrenfield.ac.uk>",
    "Interview - Laboratory Manager",
    "Tue, 07 Apr 2026 09:00:00 +0000",
    "Dear Dana,\n\n"
    "The shortlisting panel would like to invite you to interview for the post of Laboratory Manager in the "
    "Department of Biology, Wrenfield University, on 14 April.\n\nBiology Department Office",
)
add(
    "a15",
    "Wrenfield University <wrenfield@myworkday.com>",
    "Your application",
    "Tue, 21 Apr 2026 09:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for your interest in working at Wrenfield University. We regret that your application was not "
    "successful on this occasion.\n\nWrenfield University Human Resources",
)

# A16 two employers, same title, same days: must stay apart
add(
    "a16",
    "Corvane Energy <corvane@myworkday.com>",
    "Thank you for applying - Data Engineer",
    "Wed, 25 Mar 2026 09:00:00 +0000",
    "Dear Dana,\n\nThank you for applying for Data Engineer at Corvane Energy. We will review your application.\n\n"
    "Corvane Energy Talent Acquisition",
)
add(
    "a17",
    "Pellham Retail <noreply@pellhamretail.com>",
    "Thank you for applying - Data Engineer",
    "Wed, 25 Mar 2026 09:30:00 +0000",
    "Dear Dana,\n\nThank you for applying for Data Engineer at Pellham Retail. We will review your application.\n\n"
    "Pellham Retail Careers",
)
add(
    "a16",
    "Corvane Energy <corvane@myworkday.com>",
    "Update on your application",
    "Wed, 08 Apr 2026 09:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for your interest in Corvane Energy. We have decided not to proceed with your application.\n\n"
    "Corvane Energy Talent Acquisition",
)
add(
    "a17",
    "Sam Okafor <sam.okafor@pellhamretail.com>",
    "Data Engineer - interview",
    "Thu, 09 Apr 2026 09:00:00 +0000",
    "Hi Dana,\n\n"
    "I'd like to invite you to a first interview for the Data Engineer role at Pellham Retail. Are you free on "
    "Tuesday?\n\nSam Okafor\nRecruiter",
)

# A18 Zephyrine Robotics: outreach first, then application, interview
add(
    "a18",
    "Lena Fischer via LinkedIn <inmail-hit-reply@linkedin.com>",
    "Opportunity at Zephyrine Robotics",
    "Thu, 26 Mar 2026 09:00:00 +0000",
    "Hi Dana,\n\n"
    "I'm a recruiter at Zephyrine Robotics and came across your profile. We're hiring a Controls Engineer for our "
    "warehouse automation team and I think you'd be a strong fit. Would you be interested in applying?\n\nLena",
)
add(
    "a18",
    "Zephyrine Robotics <zephyrine@myworkday.com>",
    "Application received - Controls Engineer II",
    "Fri, 27 Mar 2026 09:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for applying for the Controls Engineer II position at Zephyrine Robotics. We will review your "
    "application.\n\nZephyrine Robotics Talent Acquisition",
)
add(
    "a18",
    "Lena Fischer <lena.fischer@zephyrine-robotics.com>",
    "Interview - Zephyrine",
    "Wed, 01 Apr 2026 09:00:00 +0000",
    "Hi Dana,\n\n"
    "Thanks for applying! The hiring manager would like to do a video interview with you on Monday at 4pm CET. Does "
    "that work?\n\nLena Fischer\nSenior Talent Acquisition Partner, Zephyrine Robotics GmbH",
)

# A19 Marlowe Insurance: GoodTime scheduling, rejection w/o title
add(
    "a19",
    "Marlowe Insurance <marloweinsurance@myworkday.com>",
    "Thank you for applying to Marlowe Insurance",
    "Mon, 30 Mar 2026 09:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for applying to the Claims Adjuster position at Marlowe Insurance. We have received your "
    "application.\n\nMarlowe Insurance Recruiting",
)
add(
    "a19",
    "Marlowe Insurance <no-reply@goodtime.io>",
    "Schedule your interview with Marlowe Insurance",
    "Mon, 06 Apr 2026 09:00:00 +0000",
    "Hi Dana,\n\n"
    "Marlowe Insurance would like to schedule an interview with you for the Claims Adjuster role. Please pick a time "
    "using the link below.\n\nSelect a time",
)
add(
    "a19",
    "Marlowe Insurance <marloweinsurance@myworkday.com>",
    "Regarding your application",
    "Fri, 17 Apr 2026 09:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for your interest in Marlowe Insurance. After careful review, we have decided to move forward with "
    "other candidates.\n\nMarlowe Insurance Recruiting",
)

# A20 Oakhurst Partners (agency-less staffing), Financial Analyst, subject abbreviation
add(
    "a20",
    "Oakhurst Partners <careers@oakhurstpartners.com>",
    "Application received: Sr. Financial Analyst - FP&A",
    "Tue, 31 Mar 2026 09:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for your application for the Sr. Financial Analyst - FP&A position at Oakhurst Partners.\n\n"
    "Oakhurst Partners Human Resources",
)
add(
    "a20",
    "Ben Ludlow <bludlow@oakhurstpartners.com>",
    "Senior Financial Analyst interview",
    "Tue, 07 Apr 2026 09:00:00 +0000",
    "Hi Dana,\n\n"
    "I'd like to invite you to interview for our Senior Financial Analyst position. Would Thursday at 1pm suit?\n\n"
    "Ben Ludlow\nFinance Director, Oakhurst Partners",
)
add(
    "a20",
    "Ben Ludlow <bludlow@oakhurstpartners.com>",
    "Oakhurst Partners - second interview",
    "Tue, 14 Apr 2026 09:00:00 +0000",
    "Hi Dana,\n\n"
    "Thank you for meeting us. We would like to invite you to a second interview with our CFO next week.\n\nBen",
)

# A21 Kelderwick Hotels: a prior rejected application and a later new one at same role
add(
    "a21",
    "Kelderwick Hotels <kelderwick@myworkday.com>",
    "Thank you for applying - Revenue Manager",
    "Mon, 05 Jan 2026 09:00:00 +0000",
    "Dear Dana,\n\nThank you for applying for Revenue Manager at Kelderwick Hotels.\n\nKelderwick Hotels Talent",
)
add(
    "a21",
    "Kelderwick Hotels <kelderwick@myworkday.com>",
    "Update on your application",
    "Mon, 19 Jan 2026 09:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for your interest in Kelderwick Hotels. Unfortunately we will not be progressing your application.\n\n"
    "Kelderwick Hotels Talent",
)
add(
    "a22",
    "Kelderwick Hotels <kelderwick@myworkday.com>",
    "Thank you for applying - Guest Experience Manager",
    "Wed, 01 Apr 2026 09:00:00 +0000",
    "Dear Dana,\n\nThank you for applying for Guest Experience Manager at Kelderwick Hotels.\n\n"
    "Kelderwick Hotels Talent",
)
add(
    "a22",
    "Amir Haddad <amir.haddad@kelderwickhotels.com>",
    "Guest Experience Mgr - interview",
    "Wed, 08 Apr 2026 09:00:00 +0000",
    "Hi Dana,\n\n"
    "Thanks for your application for the Guest Experience Mgr role at our Harbourside hotel. Could you come in for "
    "an interview on Friday?\n\nAmir Haddad\nHotel Manager, Kelderwick Hotels",
)

# A23 Saffron Lane Studios: Greenhouse shared sender, recruiter at a short domain, first name only
add(
    "a23",
    "Saffron Lane Studios <no-reply@us.greenhouse-mail.io>",
    "Thank you for applying to Saffron Lane Studios",
    "Mon, 04 May 2026 09:00:00 +0000",
    "Hi Dana,\n\n"
    "Thanks for applying for the Senior UX Designer - Remote (EU) role at Saffron Lane Studios. We'll review your "
    "application.\n\nSaffron Lane Studios",
)
add(
    "a23",
    "Joss Amery <joss@saffronlane.io>",
    "Portfolio review",
    "Mon, 11 May 2026 09:00:00 +0000",
    "Hi Dana,\n\n"
    "Thanks for applying to the Senior User Experience Designer role. We'd love you to walk us through your "
    "portfolio next week.\n\nJoss Amery\nDesign Recruiter, Saffron Lane",
)
add(
    "a23",
    "Joss Amery <joss@saffronlane.io>",
    "Saffron Lane update",
    "Mon, 25 May 2026 09:00:00 +0000",
    "Hi Dana,\n\nThank you for your time. Unfortunately the team has decided not to move forward.\n\nJoss",
)
# A24 Brisk Dental Group: HR abbreviation, Indeed then employer confirmation days later
add(
    "a24",
    "Indeed Apply <indeedapply@indeed.com>",
    "Indeed Application: HR Coordinator",
    "Tue, 05 May 2026 09:00:00 +0000",
    "Application submitted\n\nHR Coordinator\nBrisk Dental Group - Bristol\n\n"
    "The following items were sent to Brisk Dental Group.",
)
add(
    "a24",
    "Brisk Dental Group <careers@briskdental.co.uk>",
    "Human Resources Coordinator interview",
    "Tue, 12 May 2026 09:00:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for applying for the Human Resources Coordinator vacancy at Brisk Dental Group. We would like to "
    "invite you to an interview on 19 May.\n\nBrisk Dental Group HR",
)
# A25 Calder Freight: Customer Service Rep, decorations
add(
    "a25",
    "Calder Freight <calderfreight@myworkday.com>",
    "Thanks for applying: Customer Service Representative - Nights (R3301)",
    "Wed, 06 May 2026 09:00:00 +0000",
    "Dear Dana,\n\nThank you for applying for Customer Service Representative - Nights (R3301) at Calder Freight.\n\n"
    "Calder Freight Talent",
)
add(
    "a25",
    "Nia Brooks <nia.brooks@calderfreight.com>",
    "Customer Svc Rep - phone interview",
    "Mon, 11 May 2026 09:00:00 +0000",
    "Hi Dana,\n\nI'd like to set up a phone interview for the Customer Svc Rep role. Are you free Wednesday at 3pm?\n"
    "\nNia Brooks\nRecruiter, Calder Freight",
)
# A26 Calder Freight second role (must stay apart)
add(
    "a26",
    "Calder Freight <calderfreight@myworkday.com>",
    "Thanks for applying: Fleet Planner (R3350)",
    "Wed, 06 May 2026 09:30:00 +0000",
    "Dear Dana,\n\nThank you for applying for Fleet Planner (R3350) at Calder Freight.\n\nCalder Freight Talent",
)
add(
    "a26",
    "Calder Freight <calderfreight@myworkday.com>",
    "Your application for Fleet Planner",
    "Wed, 20 May 2026 09:30:00 +0000",
    "Dear Dana,\n\n"
    "Thank you for your interest in the Fleet Planner position. We have decided to proceed with other candidates.\n\n"
    "Calder Freight Talent",
)

# A27 Tamsin Row Bakery: a friend's referral (free-mail chat), the ATS confirmation, an interview
add(
    "a27",
    "Rosa Ilwin <rosa.ilwin@postbox.example>",
    "done!",
    "Mon, 11 May 2026 19:00:00 +0000",
    "hey Dana!\n\nI submitted your referral for the Production Supervisor role at Tamsin Row Bakery this afternoon, "
    "so keep an eye on your inbox.\n\nStill on for the pub quiz on Friday?\n\nRosa",
)
add(
    "a27",
    "Tamsin Row Bakery <tamsinrow@myworkday.com>",
    "Thank you for applying - Production Supervisor",
    "Tue, 12 May 2026 09:00:00 +0000",
    "Dear Dana,\n\nThank you for applying for Production Supervisor at Tamsin Row Bakery.\n\nTamsin Row Bakery Talent",
)
add(
    "a27",
    "Gareth Pole <gareth.pole@tamsinrow.co.uk>",
    "Production Supervisor interview",
    "Tue, 19 May 2026 09:00:00 +0000",
    "Hi Dana,\n\nThanks for applying for the Production Supervisor role. Could you come in for an interview on "
    "Friday at 10am?\n\nGareth Pole\nSite Manager, Tamsin Row Bakery",
)

# A28 An agency recruiter names the client, whose own ATS confirms; the agency arranges the interview
add(
    "a28",
    "Priti Shah <priti@harbourtalent.co.uk>",
    "Finance Business Partner - my client",
    "Mon, 01 Jun 2026 09:00:00 +0000",
    "Hi Dana,\n\nI'm recruiting on behalf of my client Dunmore Cycles for a Finance Business Partner. Would you "
    "like me to put you forward?\n\nPriti Shah\nHarbour Talent",
)
add(
    "a28",
    "Dunmore Cycles <dunmorecycles@myworkday.com>",
    "Thank you for applying: Finance Business Partner",
    "Wed, 03 Jun 2026 09:00:00 +0000",
    "Dear Dana,\n\nThank you for applying for Finance Business Partner at Dunmore Cycles.\n\nDunmore Cycles Talent",
)
add(
    "a28",
    "Priti Shah <priti@harbourtalent.co.uk>",
    "Interview confirmed",
    "Fri, 05 Jun 2026 09:00:00 +0000",
    "Hi Dana,\n\nDunmore Cycles would like to interview you next Tuesday at 11am for the Finance Business Partner "
    "role.\n\nPriti",
)

# noise: not job
add(
    None,
    "Northgale Games <news@northgalegames.com>",
    "Spring sale: 40% off",
    "Wed, 01 Apr 2026 09:00:00 +0000",
    "Our spring sale is on! Grab your favourite games at up to 40% off this week only.",
)
add(
    None,
    "LinkedIn <jobs-listings@linkedin.com>",
    "Data Engineer at Brightwell and 12 more jobs for you",
    "Thu, 02 Apr 2026 09:00:00 +0000",
    "Jobs you may be interested in\n\nData Engineer\nBrightwell - London\n\nAnalytics Engineer\n"
    "Corvane Energy - Remote\n\nSee all jobs",
)


def _grouped() -> list[Prediction]:
    rules = RulesClassifier()
    predictions = []
    for index, (application, text) in enumerate(_BATTERY):
        email = parse_message(text.encode())
        result = rules.classify_sync(email)
        predictions.append(
            Prediction(
                message_id=f"{index:03d}", split="all", true_status="", status=result.status,
                true_job=application is not None, job=result.is_job_related, true_company="",
                company=result.company, true_title="", title=result.job_title, confidence=result.confidence,
                classifier="rules", llm_calls=0, raw_chars=0, prompt_chars=0, true_application=application,
                thread_id=email.thread_id, sender_key=sender_identity(email.sender_email, rules.rules),
                received_at=email.received_at, meeting=result.meeting,
            )
        )  # fmt: skip
    group_predictions(predictions)
    return predictions


@pytest.fixture(scope="module")
def grouped() -> list[Prediction]:
    return _grouped()


def test_it_never_puts_two_applications_in_one_group(grouped: list[Prediction]) -> None:
    assert Report(grouped).grouping_metrics()["grouping_precision"] == 1.0
    joined = [
        (a.true_application, b.true_application)
        for a, b in combinations(grouped, 2)
        if a.group is not None and a.group == b.group and a.true_application != b.true_application
    ]
    assert joined == []


@pytest.mark.parametrize("application", sorted({a for a, _ in _BATTERY if a is not None}))
def test_it_keeps_each_application_in_one_group(grouped: list[Prediction], application: str) -> None:
    groups = [p.group for p in grouped if p.true_application == application]
    assert None not in groups
    assert len(set(groups)) == 1


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("Lab Manager (Biology)", "Laboratory Manager"),
        ("HR Coordinator", "Human Resources Coordinator"),
        ("Customer Svc Rep", "Customer Service Representative - Nights"),
        ("Acct Manager", "Account Manager"),
        ("Mktg Coordinator", "Marketing Coordinator"),
        ("Sales Exec", "Sales Executive"),
        ("Proj Manager", "Project Manager"),
        ("Dept Coordinator", "Department Coordinator"),
        ("Events Coord", "Events Coordinator"),
        ("Govt Affairs Manager", "Government Affairs Manager"),
        ("Mech Engineer", "Mechanical Engineer"),
        ("Elec Engineer", "Electrical Engineer"),
        ("Acctg Manager", "Accounting Manager"),
        ("Comms Manager", "Communications Manager"),
    ],
)
def test_it_reads_an_abbreviated_title_as_the_role_it_abbreviates(short: str, long: str) -> None:
    assert compatible_titles(short, long)
    assert compatible_titles(long, short)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Lab Manager", "Lab Technician"),
        ("Mech Engineer", "Electrical Engineer"),
        ("Account Executive", "Account Manager"),
        ("HR Coordinator", "Marketing Coordinator"),
    ],
)
def test_it_keeps_abbreviated_titles_of_different_roles_apart(one: str, other: str) -> None:
    assert not compatible_titles(one, other)


def test_it_does_not_read_a_calendar_organiser_as_the_employer() -> None:
    invitation = parsed(
        "Invitation: Harrowgate onsite interview - Dana Demo @ Thu 14 May 2026 10:00 - 12:00",
        "Tobias Wren has invited you to this event.\n\nHarrowgate onsite interview - Dana Demo\n"
        "Thursday 14 May 2026 10:00 - 12:00\nOrganizer: tobias@harrowgate-instruments.example\n",
        sender="Google Calendar <calendar-notification@google.com>",
    )
    result = RulesClassifier().classify_sync(invitation)
    assert result.company != "Tobias Wren"


def test_it_keeps_an_employer_that_invites_you_to_an_event() -> None:
    email = parsed(
        "Join us at our open evening",
        "Hi Dana,\n\nHarrowgate Instruments has invited you to an event for shortlisted candidates for the "
        "Test Engineer role: an open evening at our Leeds site on 14 May.\n\nHarrowgate Instruments Recruiting",
        sender="Harrowgate Instruments <recruiting@harrowgate-instruments.example>",
    )
    assert RulesClassifier().classify_sync(email).company == "Harrowgate Instruments"


@pytest.mark.parametrize("address", ["calendar-notification@google.com", "messenger@webex.com"])
def test_it_takes_a_calendar_services_address_for_no_employer(address: str) -> None:
    assert sender_identity(address, RulesClassifier().rules) == ""


@pytest.mark.parametrize(
    ("body", "job"),
    [
        ("hey Dana, I submitted your referral for the Test Engineer role at Harrowgate Instruments today.", True),
        ("Hi Dana, I've put in a referral for you... sent a referral for the open QA position on our team.", True),
        ("Dear Dana, we have submitted your referral to the physiotherapy clinic; they will call you.", False),
    ],
)
def test_it_reads_a_friends_referral_for_a_role_as_job_mail(body: str, job: bool) -> None:
    email = parsed("quick update", body, sender="Rosa Ilwin <rosa.ilwin@postbox.example>")
    assert RulesClassifier().classify_sync(email).is_job_related is job


@pytest.mark.parametrize(
    ("subject", "body", "company"),
    [
        # Two capitalised words after "my client" name the client, not a person.
        ("Opportunity", "Hi Dana,\n\nI'm recruiting on behalf of my client Dunmore Cycles for a Finance Business "
         "Partner.\n\nPriti Shah\nHarbour Talent", "Dunmore Cycles"),
        ("Opportunity", "Hi Dana,\n\nMy client, Orrin Pay, is hiring a Senior Product Manager in London.\n\n"
         "Priti Shah\nHarbour Talent", "Orrin Pay"),
        # A subject ending in "my client" and the greeting below it: no client named.
        ("Finance Business Partner - my client", "Hi Dana,\n\nA payments business I work with is hiring a "
         "Finance Business Partner. Interested?\n\nPriti Shah\nHarbour Talent", "Harbour Talent"),
    ],
)  # fmt: skip
def test_it_reads_the_client_an_agency_names(subject: str, body: str, company: str) -> None:
    email = parsed(subject, body, sender="Priti Shah <priti@harbourtalent.co.uk>")
    assert RulesClassifier().classify_sync(email).company == company


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Halloway Bio", "Halloway Biosciences"),
        ("Tessaly Bank plc", "Tessaly Banking Group"),
        ("St. Aldric Hospital", "Saint Aldric Hospital"),
        ("Quillmark.io", "Quillmark"),
        ("Dunmore Cycles", "dunmorecycles.com"),
    ],
)
def test_it_joins_spellings_of_one_employer_across_its_emails(one: str, other: str) -> None:
    assert same_company(one, other)
    assert same_company(other, one)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Ferncastle Logistics", "Ferncastle Group"),
        ("Summit Bank", "Summit Partners"),
        ("Halloway Bio", "Hallowell Biosciences"),
        ("Tessaly Bank", "Tessaly Bakeries"),
        ("City of Spring", "City of Springfield"),
        ("University of Ash", "University of Ashford"),
        ("Saint Mary Hospital", "Saint Maryland Hospital"),
    ],
)
def test_it_keeps_employers_that_share_a_first_word_apart(one: str, other: str) -> None:
    assert not same_company(one, other)


def test_it_finds_the_application_of_a_name_cut_short() -> None:
    grouper = Grouper()
    first, _ = grouper.place(MailFacts(company="Halloway Biosciences", job_title="Research Associate II"))
    assert grouper.place(MailFacts(company="Halloway Bio", job_title="Research Associate II"))[0] is first
    other, _ = grouper.place(MailFacts(company="Tessaly Bank", job_title="Credit Risk Analyst"))
    assert grouper.place(MailFacts(company="Tessaly Banking Group", job_title="Credit Risk Analyst"))[0] is other
