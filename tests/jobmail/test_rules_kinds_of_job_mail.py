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
from tests.jobmail.messages import mail, status_of

# --- scheduling an interview: asking for a time in many words, scheduling tools, rounds, panels, onsites -----------


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
            "Hi Dana,\n\nThe hiring team reviewed your application for Controls Engineer and would love to speak "
            "with you. Use my Calendly to grab 30 minutes: [calendly.com]\n\nCheers,\nMeg",
            "Meg Lindqvist <meg@tidewater-robotics.example>",
        ),
        mail(
            "Onsite interview - Fernhill Bio",
            "Hi Dana,\n\nCongratulations on making it through the technical round! We'd like to invite you to an "
            "onsite at our Cambridge office. The day includes a panel with four members of the assay team and "
            "lunch with the group.\n\nFernhill Bio Talent",
            "Fernhill Bio Talent <talent@fernhill.example>",
        ),
        mail(
            "Next round: Brackenridge Systems",
            "Hi Dana,\n\nThank you for speaking with Lena last week. We'd like to move you to the next round, a "
            "60-minute virtual panel with the platform team. I'll send over a few options for times shortly.\n\n"
            "Best regards,\nOmar",
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
            "Hi Dana,\n\nI'm the hiring manager for the Product Designer role you applied for at Saffron & "
            "Slate. I loved your portfolio. Do you have 20 minutes this week to talk through it?\n\nJules",
            "Jules Martin <jules@saffronslate.example>",
        ),
        mail(
            "Invitation: Dana / Orchard Vale - Technical Interview",
            "You have been invited to the following event.\n\nTechnical Interview - Site Reliability Engineer\n"
            "When: Thu 22 Oct 2026 10:00 - 11:00\nJoining info: [meet.google.com]",
            "Kim Tran <kim.tran@orchardvale.example>",
        ),
        mail(
            "Interview request from Harbourview Hotel",
            "Harbourview Hotel would like to schedule an interview with you for Night Auditor.\n\nPlease choose "
            "a time that suits you from the options below.\n\nReply to this message on Indeed.",
            "Harbourview Hotel <reply-7f3a9@indeedemail.com>",
        ),
        mail(
            None,
            "Congratulations! You have been selected to participate in a virtual interview for the Software "
            "Engineering Intern position. Please use the link below to select an interview time.",
        ),
        mail(
            None,
            "Dear Dana,\n\nWe are delighted to invite you to our virtual Superday for the Summer Analyst "
            "programme on 14 November. The day consists of three back-to-back conversations with members of the "
            "desk.\n\nGraduate Recruitment",
        ),
        mail(
            "Interview Request - Information Security Analyst",
            "Hi Dana,\n\nPlease let me know your availability next week for a Teams interview with the ISSO and "
            "the program manager.\n\nThanks,\nKeisha",
            "Keisha Morgan <kmorgan@ironbridgetalent.example>",
        ),
        mail(
            "Re: Network Engineer - Austin",
            "Hi Dana, good news, the client would like to interview you on Tuesday at 10am CT. Can you confirm "
            "that works?\n\nThanks, Callum",
            "Callum Reid <callum.reid@brightstone-rec.example>",
        ),
        mail(
            "Let's talk about the Data Analyst role",
            "Hi Dana,\n\nThanks for applying to Cobaltline! We'd love to learn more about you. Schedule your "
            "phone interview using the link below.\n\nSchedule now\n\nOlivia, Cobaltline's recruiting assistant",
            "Olivia <olivia@paradox.ai>",
        ),
        mail(
            "You're invited to meet the Fernhill Bio team",
            "Hi Dana,\n\nWe enjoyed reading your application for the Lab Operations Lead role and would like to "
            "meet you. Are you able to come to our office on Thursday, 19 November at 2 pm?\n\nFernhill Bio "
            "People",
            "Fernhill Bio People <people@fernhill.example>",
        ),
        mail(
            "Second interview",
            "Hi Dana, the panel enjoyed meeting you. We'd like you to come back for a second conversation with "
            "our COO next week. Could you let me know what days work?",
            "Omar Haddad <omar.haddad@brackenridge.example>",
        ),
        mail(
            None,
            "Hi Dana - thanks for getting back to me. The hiring manager is keen to speak with you about the "
            "Cloud Security Engineer role. Are you free Thursday between 1 and 3 pm ET for a 30 min call?",
        ),
        mail(
            "Interview invitation for [Position]",
            "Hi [**name**],\n\nThank you for applying to [**company**]. We'd love to have a chat with you about "
            "the [**position**] role. Please let us know a time that works for you this week, or pick one "
            "directly from our calendar: [**calendar link**]\n\n[**signature**]",
        ),
        mail(
            "Quick call tomorrow?",
            "Hi Dana, are you available for a call tomorrow at 2pm to discuss your background and the work we do "
            "on the threat intel team?\n\nThanks,\nKeisha",
            "Keisha Morgan <kmorgan@ironbridge.example>",
        ),
        mail(
            None,
            "Hi Dana,\n\nCongratulations, you have been selected to move forward to the next step in our "
            "process: a 30-minute phone interview with a recruiter. Please click the link below to choose a date "
            "and time.\n\nThank you,\nCampus Recruiting",
        ),
        mail(
            None,
            "Hello Dana, we'd like to learn more about you! Please select a time for your first-round interview "
            "using the scheduling link below. Slots fill quickly, so we recommend booking soon.",
        ),
        mail(
            "Meeting: Dana Demo / Security Engineer",
            "Hi Dana, I've put 45 minutes in the calendar for us to talk through the Security Engineer role on "
            "Monday at 11:00. Talk soon, Omar",
            "Omar Haddad <omar.haddad@brackenridge.example>",
        ),
        mail(
            "Re: Network Engineer",
            "Dana, the hiring manager reviewed your resume and wants to meet. Does Wednesday at 3 work for a "
            "video call?",
            "Callum Reid <callum.reid@brightstone-rec.example>",
        ),
        mail(
            None,
            "Hi Dana, I'm the engineering manager for the Platform team at Cobaltline. Your application came "
            "across my desk and I'd love to chat. Would you have time for a 30-minute video call later this week?",
        ),
        mail(
            "Next steps with Tessellate",
            "Hi Dana,\n\nGreat talking to you today! As discussed, the next step is a technical conversation "
            "with two of our senior engineers. Could you share a few windows that work for you next week?\n\nInês",
            "Ines Duarte <ines@tessellate.example>",
        ),
        mail(
            None,
            "Dear Dana,\n\nWe were impressed by your application for the Marketing Assistant vacancy and are "
            "pleased to invite you to interview. Interviews will take place at our head office on Friday 6 "
            "November.\n\nPlease confirm your attendance.",
        ),
        mail(
            "Interview confirmation",
            "Hi Dana,\n\nThis confirms your in-person interview for Warehouse Supervisor on Thursday, November "
            "12 at 9:30 AM at our Portsmouth site. Please bring photo ID.\n\nHarbourview Logistics",
            "Harbourview Logistics <hr@harbourviewlogistics.example>",
        ),
        mail(
            "Dana - Orchard Vale",
            "Hi Dana,\n\nThank you for your interest in the Data Engineer role at Orchard Vale. The team would "
            "like to speak with you. Use this link to schedule: [orchardvale.modernloop.io]\n\nKim",
            "Kim Tran <kim.tran@orchardvale.example>",
        ),
        mail(
            None,
            "Hi Dana, thanks for applying to the Barista position at Bean & Vine! We'd like to meet you for a "
            "quick in-store chat. When are you free this week?",
        ),
        mail(
            "Invitation to final round",
            "Dear Dana,\n\nWe are pleased to invite you to the final round for the Trainee Solicitor position. "
            "This will be a 45-minute discussion with two partners.\n\nGraduate Recruitment",
            "Graduate Recruitment <graduates@hallowayfinch.example>",
        ),
        mail(
            None,
            "Hi Dana, following your recent application, we'd like to arrange a short telephone conversation to "
            "discuss the Customer Service Advisor role in more detail. Please reply with a convenient time.",
        ),
        mail(
            "Interview Scheduled - Cyber Analyst",
            "Your interview has been scheduled.\n\nPosition: Cyber Analyst\nDate: Tuesday, November 10, 2026\n"
            "Time: 1:00 PM ET\nLocation: Microsoft Teams\nInterviewers: Omar Haddad, Lena Park",
            "Brackenridge Careers <careers@brackenridge.example>",
        ),
        mail(
            "Harbourview Hotel sent you a message",
            "Harbourview Hotel sent you a message about Night Auditor:\n\n\"Hi Dana, we'd like to interview you "
            'this Thursday at 11am. Does that work?"\n\nReply on Indeed\n\nJobs you may be interested in\nNight '
            "Manager - Seaview Inn\nFront Desk Agent - Harbour Lodge\n\nUnsubscribe | Privacy\n© 2026 Indeed",
            "Indeed <noreply@indeed.com>",
        ),
        mail(
            None,
            "ank you for your application to the Associate Consultant role. We are pleased to invite you to a "
            "first round interview. Please use the link below to book a slot that suits you.",
        ),
        mail(
            "Phone interview",
            "Dana,\n\nYou are scheduled for a phone interview for the IT Specialist (INFOSEC) position on "
            "Tuesday, December 1 at 10:00 AM Eastern. The panel will call you at the number on your "
            "application.\n\nAgency Human Resources",
            "Agency HR <hr@agency.example.gov>",
        ),
        mail(
            "Re: Security Engineer role",
            "Hi Dana, thanks for the resume. The hiring manager would like to talk. If you're still interested, "
            "let me know when you're available this week.\n\nCallum",
            "Callum Reid <callum.reid@brightstone-rec.example>",
        ),
        mail(
            None,
            "Hi Dana, thanks for applying for the Warehouse Lead role. Please let me know a good time to call "
            "you this week to talk about the position.",
        ),
        mail(
            "Quick call",
            "Hi Dana - can you do a quick call at 2 pm today about the Analyst role? I'll give you a ring at the "
            "number on your resume.",
            "Omar Haddad <omar.haddad@brackenridge.example>",
        ),
        mail(
            "Security Engineer - next steps",
            "Hi Dana, thanks for applying for the Security Engineer role. If you are still interested, please "
            "share your availability for a call with the hiring manager next week.",
            "Omar Haddad <omar@brackenridge.example>",
        ),
        mail(
            None,
            "Hi Dana, we reviewed your application for the Analyst role. If this still sounds interesting, reply "
            "with a few times that work for a 20 minute phone screen.",
        ),
        mail(
            None,
            "Hello [Name]! The hiring manager has reviewed your CV and would like to have a call with you. "
            "Please share a few time slots that suit you this week.",
        ),
    ],
)
def test_it_reads_interview_scheduling_and_invitations(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert status_of(rules, message) == Status.INTERVIEW


# --- recruiters, agencies and hiring managers writing first, in person or through a board --------------------------


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
        mail(
            "Cloud Security Engineer - TS/SCI",
            "Hi Dana, I hope this message finds you well. I'm recruiting a Cloud Security Engineer for a defense "
            "contractor in Chantilly, VA (TS/SCI required). Would love to connect if you're open to hearing more.",
            "Keisha Morgan via LinkedIn <hit-reply@linkedin.com>",
        ),
        mail(
            None,
            "Hello, I found your resume on Dice and wanted to see if you'd be interested in a contract-to-hire "
            "Network Engineer role with our client in Austin, TX. The rate is $70/hr on W2. Please reply with "
            "your updated resume if interested.",
        ),
        mail(
            "QA Automation Engineer - Lisbon",
            "Hi Dana! Hope you're doing well. We are currently looking for a QA Automation Engineer to join our "
            "team in Lisbon. I think your profile could be a great fit, let me know if you'd like to hear "
            "more!\n\nInês, People Partner at Tessellate",
            "Ines Duarte <ines@tessellate.example>",
        ),
        mail(
            "Immediate need: Systems Administrator",
            "Hi Dana,\n\nI have an immediate need for a Systems Administrator in Huntsville, AL. 12 month "
            "contract with likely extension. If this sounds like something you'd consider, send me a good time "
            "to talk.\n\nDerek Shaw\nTechnical Recruiter",
            "Derek Shaw <dshaw@keystonestaff.example>",
        ),
        mail(
            "New message from Ironbridge Talent",
            "You have a new message\n\nRosa Jimenez, Ironbridge Talent: Hi Dana, I'm filling a Cyber Threat "
            "Analyst role in Fort Meade and your clearance and SIEM background fit well. Are you open to a "
            "call?\n\nReply\n\nYou are receiving this email because you have an account. Unsubscribe",
            "ClearanceNet <noreply@clearancejobs.com>",
        ),
        mail(
            None,
            "Hi Dana,\n\nI'm reaching out because your experience with Kubernetes and Terraform matches a "
            "Platform Engineer role I'm filling for a healthcare startup in Denver. It pays up to $165k plus "
            "equity. Interested in learning more?\n\nSam",
        ),
        mail(
            None,
            "Hi! I'm Olena, a recruiter at Brightpath. We have an opening for a Senior Python Developer (remote, "
            "up to $6,000/month). Would you be interested in discussing it?",
        ),
        mail(
            None,
            "Hello [Name]! My name is [Recruiter], I represent [Company]. We are looking for a [Position] to "
            "strengthen our team. Your experience looks relevant. Can I tell you more about the vacancy?",
        ),
        mail(
            "New message: Cyber Analyst opportunity",
            "Rosa Jimenez sent you a message:\n\nHi Dana, I have a Cyber Analyst opening with a defense client "
            "near Fort Meade. Your clearance and Splunk background look like a strong match. Open to a quick "
            "call?\n\nReply\n\nYou're receiving this because you have a profile. Unsubscribe",
            "Dice <messages@dice.com>",
        ),
        mail(
            "Cyber Security Analyst - Remote - Long term",
            "Hi Dana,\n\nHope you are doing great! Please find the job description below and let me know your "
            "interest.\n\nRole: Cyber Security Analyst\nLocation: Remote\nDuration: Long term\nVisa: USC/GC\n\n"
            "If you are interested, please share your updated resume along with your expected rate.\n\nThanks,\n"
            "Ravi Kumar\nTechnical Recruiter\nSterlingpeak Solutions\n\nTo unsubscribe from future emails click "
            "here",
            "Ravi Kumar <ravi@sterlingpeak.example>",
        ),
        mail(
            "Urgent requirement: Splunk Engineer",
            "Hello,\n\nThis is Anita from Bluecrest IT. We have an urgent requirement for a Splunk Engineer with "
            "our direct client in Reston, VA (hybrid). If you are interested, kindly reply with your updated "
            "resume and a good time to talk.\n\nRegards,\nAnita",
            "Anita Rao <anita@bluecrestit.example>",
        ),
        mail(
            "Are you open to new roles?",
            "Hi Dana,\n\nI came across your profile and wanted to reach out about a Senior SOC Analyst opening "
            "with one of our federal clients. It's a full-time role with a TS/SCI requirement. If this is of "
            "interest, let me know a good time to connect.\n\nMarcus",
            "Marcus Bell <mbell@summitridge-staffing.example>",
        ),
        mail(
            None,
            "Hi Dana, I'm a recruiter with Norwood Partners. I have a client in Denver hiring a Detection "
            "Engineer (remote OK, $150-170k). If you're open to it, I'd love to set up a quick call to tell you "
            "more.",
        ),
        mail(
            "Data Engineer opportunity",
            "Hi Dana, I have a Data Engineer contract with a retailer in Leeds. If interested, please send me "
            "your updated CV and a good time to talk.",
            "Callum Reid <callum@brightstone.example>",
        ),
        mail(
            None,
            "Hello! My name is Oksana, I'm an IT recruiter at Northwind Soft. We are looking for a Middle Python "
            "Developer for a product company (remote, $3,500-4,500). Would you like to learn more about the "
            "position?",
        ),
        mail(
            None,
            "Hi [Candidate Name]! I'm [Recruiter], a recruiter at [Company]. I saw your profile and think it "
            "fits our [Position] vacancy. Salary range: [Range]. Are you open to discussing it?",
        ),
        mail(
            "Data Engineer - Leeds",
            "Hi Dana,\n\nI'm working with a retailer in Leeds on a Data Engineer hire. The role is full-time and "
            "fully remote, paying up to £75k. Are you open to a chat?\n\nCallum",
            "Callum Reid <callum.reid@brightstone-rec.example>",
        ),
        mail(
            None,
            "Hi Dana, I'm a recruiter at Harrowgate Search. I have a permanent, full-time Security Architect "
            "position with a bank in Charlotte. The position is full-time onsite. Open to hearing more?",
        ),
    ],
)
def test_it_reads_recruiter_and_agency_outreach(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert status_of(rules, message) == Status.RECRUITER_OUTREACH


# --- rejections, soft and plain, after an application, a test or an interview --------------------------------------


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
        mail(
            None,
            "Dear Dana,\n\nWe appreciate your interest in the Payroll Coordinator role. We have filled the "
            "position with a candidate whose qualifications better meet our current needs.\n\nHuman Resources",
        ),
        mail(
            "Brackenridge - Security Analyst",
            "Hi Dana,\n\nThank you again for interviewing with us. After much deliberation the hiring team has "
            "decided not to extend an offer for this role.\n\nOmar",
            "Omar Haddad <omar.haddad@brackenridge.example>",
        ),
        mail(
            None,
            "Dear Dana, we will not be able to offer you a place in our 2027 summer internship program. We "
            "received an overwhelming number of applications this year.",
        ),
        mail(
            "Your application",
            "Hi Dana,\n\nAlthough your background is impressive, we've decided to go with a different profile "
            "for the Frontend Engineer position.\n\nBest,\nThe Cobaltline team",
            "Cobaltline <jobs@cobaltline.example>",
        ),
        mail(
            None,
            "Hi Dana, thank you for your application for the Sales Associate job. The hiring manager has "
            "reviewed your application and decided to interview other candidates.",
        ),
        mail(
            None,
            "Hello [**name**],\n\nThank you for the time you spent with us. We have carefully considered your "
            "application and unfortunately we have to say no this time.\n\n[**signature**]",
        ),
        mail(
            "Regarding your application",
            "Dear Dana,\n\nUnfortunately, we are unable to offer you an interview at this time. Thank you for "
            "considering Marrowbank as an employer.\n\nMarrowbank Talent Acquisition",
            "Marrowbank <marrowbank@myworkday.com>",
        ),
        mail(
            None,
            "Dear Dana, we regret that on this occasion your application has not progressed further. Thank you "
            "for your interest in working with us.",
        ),
        mail(
            "Tessellate: your application",
            "Hi Dana, we've decided not to pursue your candidacy further for the Product Analyst opening. Thanks "
            "for your time, and good luck!",
            "Tessellate Hiring <hiring@tessellate.example>",
        ),
        mail(
            None,
            "Hi [Name], thank you for your time. Unfortunately, the client has chosen another candidate for this "
            "vacancy. I will keep you in mind for similar positions.",
        ),
        mail(
            None,
            "Hello [Name], thank you for completing the test task. The team reviewed it and, unfortunately, "
            "decided not to continue with your candidacy. Good luck!",
        ),
        mail(
            "Your application at [Company]",
            "Hi [**name**],\n\nThank you for taking the time to apply and talk to us. We've decided not to move "
            "ahead with your application for now, but we'll reach out again if a suitable opening comes up.\n\n"
            "[**signature**]",
        ),
        mail(
            "Account Executive - update",
            "Hi Dana,\n\nThanks for your interest in the Account Executive role! While your background is "
            "impressive, we've found someone whose experience is more aligned with what the team needs. We think "
            "you'd be a great fit for future openings, so would you be open to staying in touch?\n\nBest,\nNoor, "
            "Talent Partner",
            "Noor Aziz <noor@velvetleaf.example>",
        ),
        mail(
            "Re: Data Engineer contract",
            "Hi Dana, I'm afraid the client has decided to go with an internal candidate for the Data Engineer "
            "contract. I'm working on a couple of other roles that could suit you, are you open to a chat this "
            "week?\n\nCallum",
            "Callum Reid <callum.reid@brightstone-rec.example>",
        ),
        mail(
            None,
            "Hi Dana, the client has come back to me and they won't be progressing your application for the "
            "Platform Engineer role. I'll keep an eye out for other opportunities that match your skills.",
        ),
        mail(
            None,
            "Hello Dana, I'm reaching out to let you know that the hiring team has decided to move ahead with "
            "another candidate for the UX Designer role. I came across a few other openings on our careers page "
            "that might interest you.",
        ),
        mail(
            "Your candidacy",
            "Hi Dana,\n\nUnfortunately the client has decided not to proceed with your profile for the SOC "
            "Analyst position. Thanks again for your time.\n\nRosa",
            "Rosa Jimenez <rjimenez@ironbridgetalent.example>",
        ),
        mail(
            None,
            "Dear Dana,\n\nThank you for attending the interview for the Finance Assistant post. The panel has "
            "now made its decision and I am sorry to tell you that you were not the successful candidate on this "
            "occasion.\n\nHR Department",
        ),
        mail(
            None,
            "Dear Dana, your application for the Systems Engineer position has been reviewed. We have determined "
            "that your qualifications do not match the requirements for this position. We will retain your "
            "application for one year.",
        ),
        mail(
            "Application Status Update",
            "Dear Dana,\n\nThank you for your interest in the IT Specialist (Cybersecurity) position. The "
            "position has been filled and we are no longer reviewing applications.\n\nAgency Human Resources",
            "Agency HR <hr@agency.example.gov>",
        ),
        mail(
            "An update on your application to Fernhill Bio",
            "Your update from Fernhill Bio\n\nThank you for your interest in the Lab Technician position. "
            "Unfortunately, Fernhill Bio has decided not to move forward with your application.\n\nKeep "
            "applying\n\nSimilar jobs\nData Engineer - Quillfeather Labs - Remote - Easy Apply\nAnalytics "
            "Engineer - Marrowbank - Promoted\n\nSee all jobs\n\nYou are receiving LinkedIn notification emails. "
            "Unsubscribe\n© 2026 LinkedIn Corporation",
            "LinkedIn <jobs-noreply@linkedin.com>",
        ),
        mail(
            None,
            "ou for taking the time to apply for the Junior Analyst position. We have now reviewed all "
            "applications and unfortunately on this occasion you have not been shortlisted.",
        ),
        mail(
            None,
            "Dear Dana,\n\nThank you for your recent application. We received a very high volume of strong "
            "applications and have made the difficult decision to progress with other candidates at this "
            "time.\n\nWe wish you every success.",
        ),
        mail(
            None,
            "Hi Dana, we appreciate you taking the time to complete the video interview for our Analyst program. "
            "After careful review, we will not be inviting you to the next stage of the process.",
        ),
        mail(
            None,
            "Dear Dana,\n\nThank you for participating in our assessment. Based on your results, we are unable "
            "to offer you a place in our graduate programme.\n\nEarly Careers Team",
        ),
        mail(
            "Your Quillfeather Labs application",
            "Hi Dana,\n\nThanks for applying for a software engineering internship. We've filled all of our "
            "intern positions for next summer, so we can't move your application forward.\n\nQuillfeather "
            "University Recruiting",
        ),
        mail(
            "Cobaltline Internship",
            "Hi Dana, your application was not selected for further consideration for our 2018 internship "
            "program. Thank you for your interest.",
        ),
        mail(
            "Re: Data Science Intern",
            "Hi Dana,\n\nThanks for your patience. While your qualifications are impressive, we have chosen "
            "applicants whose skills align more closely with the team's needs.\n\nBest,\nMeg",
        ),
        mail(
            "Marrowbank Summer Internship",
            "Dear Dana, our intern class for this summer is now full. We hope you'll consider applying again "
            "next year.",
        ),
        mail(
            "Update from Tidewater Robotics",
            "Hi Dana, you were not selected to advance to the interview stage for the Robotics Intern position. "
            "We appreciate the time you put into your application.",
        ),
        mail(
            "Brackenridge Systems: Internship",
            "Hi Dana,\n\nThank you for your interest. The hiring team has decided that there isn't a match at "
            "this time for the Security Intern role.\n\nBrackenridge University Programs",
        ),
        mail(
            "Your application to Fernhill Bio",
            "Dear Dana, at this time we will not be able to extend an invitation to our onsite interviews. Thank "
            "you for applying.",
        ),
        mail(
            "Saffron & Slate Design Internship",
            "Hi Dana, thank you for applying! After reviewing your portfolio, we have decided to focus on other "
            "candidates for this internship.",
        ),
        mail(
            "Your application status",
            "Dear Dana, the team reviewed your application for Software Intern and has decided not to proceed. "
            "We wish you luck in your studies.",
        ),
        mail(
            "Larkspur Analytics Application",
            "Hi Dana, we're sorry to let you know that we're not able to offer you a role on the team this summer.",
        ),
        mail(
            "Thank you from Orchard Vale",
            "Hi Dana,\n\nWe really enjoyed getting to know you. Sadly we won't be continuing with your "
            "application for the Data Intern role.\n\nKim",
        ),
        mail(
            "Internship decision",
            "Dear Dana, the selection committee has completed its review and you have not been offered a place "
            "in the 2018 internship cohort.",
        ),
        mail(
            "Regarding your candidacy",
            "Hi Dana, we have reviewed your background and feel that other candidates are a better match for our "
            "current openings.",
        ),
        mail(
            None,
            "Hi [Name], thank you for your interest in our vacancy. Unfortunately, at the moment we are not "
            "ready to make you an offer, as we need a candidate with more commercial experience. Good luck in "
            "your search!",
        ),
    ],
)
def test_it_reads_rejections_in_many_wordings(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert status_of(rules, message) == Status.REJECTED


# --- confirmations from applicant-tracking systems, boards and people ----------------------------------------------


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
        mail(
            "Application Received",
            "Thank you for your interest in employment with Harbourview Hotel. Your application for Night "
            "Auditor (Job ID 4471) has been successfully submitted.",
            "Harbourview Hotel <hr@icims.com>",
        ),
        mail(
            "Thank you for your job submission",
            "Thank you for applying for the position Claims Analyst-2611402. We have received your job "
            "submission and will review it shortly.",
            "Marrowbank Careers <noreply@taleo.net>",
        ),
        mail(
            None,
            "We have received your resume and will review it against the requirements of the position. Should "
            "your qualifications match, a member of our team will contact you.",
        ),
        mail(
            "Thanks for your interest in Cobaltline",
            "Hi Dana,\n\nThanks for your interest in joining Cobaltline! We'll be reviewing your application for "
            "Site Reliability Engineer shortly and will let you know about next steps.\n\nCobaltline Recruiting",
            "Cobaltline <no-reply@ashbyhq.com>",
        ),
        mail(
            "Application submitted: Night Auditor at Harbourview Hotel",
            "Your application has been submitted.\n\nNight Auditor\nHarbourview Hotel - Portsmouth\n\nGood luck!",
            "Indeed Apply <indeedapply@indeed.com>",
        ),
        mail(
            None,
            "Dear Dana,\n\nYour application for the Graduate Analyst role has been successfully submitted. Your "
            "reference number is GA-20931. We aim to respond to all applicants within 15 working days.\n\nEarly "
            "Careers",
        ),
        mail(
            "We got your application",
            "Hi [**name**],\n\nThanks for applying to [**company**]! We've received your CV and will get back to "
            "you within a week.\n\n[**signature**]",
        ),
        mail(
            "Thank you for your application",
            "Dear Dana,\n\nThis is to confirm that your application for Research Assistant (Ref 4471) has "
            "reached us. Shortlisting will take place after the closing date.\n\nFernhill Bio HR",
            "Fernhill Bio HR <hr@fernhill.example>",
        ),
        mail(
            "Dana, your application was sent to Fernhill Bio",
            "Your application was sent to Fernhill Bio\n\nLab Technician\nFernhill Bio · Cambridge, MA\nApplied "
            "on October 12\n\nSimilar jobs\nData Engineer - Quillfeather Labs - Remote - Easy Apply\nAnalytics "
            "Engineer - Marrowbank - Promoted\n\nSee all jobs\n\nYou are receiving LinkedIn notification emails. "
            "Unsubscribe\n© 2026 LinkedIn Corporation",
            "LinkedIn <jobs-noreply@linkedin.com>",
        ),
        mail(
            "Application submitted: Night Auditor",
            "Your application has been submitted to Harbourview Hotel.\n\nNight Auditor - Portsmouth\n\nThe "
            "employer will contact you if they would like to move forward.\n\nJobs you may be interested in\n"
            "Night Manager - Seaview Inn\nFront Desk Agent - Harbour Lodge\n\nUnsubscribe | Privacy\n© 2026 "
            "Indeed",
            "Indeed <indeedapply@indeed.com>",
        ),
        mail(
            None,
            "Hi Dana,\n\nThank you for your interest in joining Cobaltline! We've received your application for "
            "Software Engineer, New Grad and our team will review it carefully. If your background matches what "
            "we're looking for, we'll reach out about next steps.",
        ),
        mail(
            None,
            "Dear Dana, we confirm that your application for the 2027 Summer Internship has been received. Due "
            "to the high number of applications, we may take up to four weeks to respond.",
        ),
        mail(
            "Thanks for applying to Cobaltline",
            "Hi Dana, thanks for applying for our 2018 internship! Our university team reviews every application "
            "and will be in touch in the coming weeks.",
        ),
        mail(
            "Application received",
            "Dear Dana,\n\nThank you for applying for the Finance Assistant position. We have received your "
            "application. Please note that any application that is incomplete will not be considered, and only "
            "shortlisted candidates will be contacted.\n\nHR",
            "HR <hr@tallmeadow.example>",
        ),
        mail(
            "Thanks for applying",
            "Hi Dana, thanks for applying to Cobaltline! We've received your application for Support Engineer. "
            "Incomplete applications are not reviewed, so make sure your profile is up to date.",
            "Cobaltline <no-reply@ashbyhq.com>",
        ),
    ],
)
def test_it_reads_application_confirmations(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert status_of(rules, message) == Status.APPLIED


# --- tests: coding platforms, take-homes, reasoning tests, games, one-way video ------------------------------------


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
        mail(
            "Complete your assessment for Marrowbank",
            "Hi Dana,\n\nAs the next step for the Claims Analyst position, please complete the following "
            "assessment within 72 hours: Cognitive Aptitude Test (about 15 minutes).\n\nBegin assessment",
            "Marrowbank <assessments@criteriacorp.com>",
        ),
        mail(
            None,
            "Dear Dana, thank you for your application. The next stage of our process is a short online skills "
            "assessment. You'll receive an email from TestGorilla with your personal link.",
        ),
        mail(
            "Action required: CodeSignal assessment",
            "Hi Dana,\n\nYou've been invited to complete a General Coding Assessment for the Software Engineer "
            "role at Tessellate. Please complete it within the next 7 days.",
            "CodeSignal <no-reply@codesignal.com>",
        ),
        mail(
            "Product Analyst - case exercise",
            "Hi Dana,\n\nPlease find attached a short case for the Product Analyst position. We ask that you "
            "return your analysis by Monday at 9 am. It should take around three hours.\n\nJules",
            "Jules Martin <jules@saffronslate.example>",
        ),
        mail(
            "Test assignment - [Position]",
            "Hi [**name**],\n\nAs the next step, we'd like you to work on a small assignment so we can get a "
            "sense of how you approach problems. The brief is attached; please send your solution within 3 "
            "days.\n\n[**signature**]",
        ),
        mail(
            None,
            "Hi Dana,\n\nThank you for applying to Marrowbank's 2027 Technology Analyst Program. As the next "
            "step, we invite you to play a series of short online games that measure cognitive and behavioural "
            "traits. Please complete them within 5 days.\n\nMarrowbank Campus Recruiting",
        ),
        mail(
            None,
            "Dear Dana, thank you for your interest in the Graduate Engineer role. We would like you to complete "
            "a one-way video interview, where you will record answers to four questions. The deadline is Sunday.",
        ),
        mail(
            None,
            "Hi Dana, your next step for the Software Engineer Intern role is a 70-minute coding challenge on "
            "HackerRank. You'll receive an invite from our partner shortly; please complete it within one week.",
        ),
        mail(
            "Your on-demand interview with Marrowbank",
            "Hi Dana,\n\nMarrowbank has invited you to complete an on-demand interview for the Claims Analyst "
            "role. You'll answer five questions on video at a time that suits you, within 5 days.",
            "Marrowbank <noreply@hirevue.com>",
        ),
        mail(
            "Next step: skills assessments",
            "Hi Dana, thank you for applying for Customer Support Specialist. Please complete the following "
            "assessments to continue: typing speed and customer service scenarios.",
            "Harbourview Retail <careers@harbourview.example>",
        ),
        mail(
            None,
            "Dear Dana, as part of your application for the Operations Coordinator role, we ask all candidates "
            "to take a short Wonderlic test. You will receive the link by email.",
        ),
    ],
)
def test_it_reads_assessment_invitations(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert status_of(rules, message) == Status.ASSESSMENT


# --- offers, in letters and in a line ------------------------------------------------------------------------------


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
            "Dear Dana,\n\nFollowing your recent interviews, we are pleased to make you an offer to join "
            "Fernhill Bio as a Research Associate. Please find your offer letter attached and let us know if you "
            "have any questions.\n\nFernhill Bio HR",
        ),
        mail(
            "Great news!",
            "Hi Dana,\n\nCongratulations! I'm happy to let you know that we'd like to offer you the Data Analyst "
            "role at Cobaltline. I'll send the written offer later today.\n\nSam",
            "Sam Osei <sam@cobaltline.example>",
        ),
        mail(
            None,
            "Dear [Candidate],\n\n[Company] is delighted to offer you the [Job Title] position. Your annual "
            "salary will be [Salary] and your start date will be [Date]. Please sign and return this letter to "
            "confirm your acceptance.\n\n[Signature]",
        ),
        mail(
            "Your offer from Tessellate is ready",
            "Hi Dana, your offer letter for Product Analyst is ready. Review and sign it by Friday using the "
            "link below.",
            "Tessellate via Ashby <no-reply@ashbyhq.com>",
        ),
        mail(
            "Offer - [Position]",
            "Hi [**name**],\n\nWe are happy to let you know that we would like you to join [**company**] as a "
            "[**position**]. Your monthly gross salary will be [**salary**], and we would like you to start on "
            "[**start date**]. Please reply to confirm that you accept.\n\n[**signature**]",
        ),
        mail(
            None,
            "Dear Dana,\n\nCongratulations! On behalf of Fernhill Bio, I am pleased to offer you the position of "
            "Research Intern for summer 2027. Your hourly rate will be $28 and your start date is June 7.\n\n"
            "Please sign the attached offer letter.",
        ),
    ],
)
def test_it_reads_offers(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert status_of(rules, message) == Status.OFFER


# --- requests to act: profiles, forms, documents, checks, details --------------------------------------------------


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
            "Dear Dana,\n\nAs part of your conditional offer for the Teaching Assistant role, we need to "
            "complete a background check. Please fill in the consent form linked below within three working "
            "days.\n\nHuman Resources",
        ),
        mail(
            "Finish your application to Fernhill Bio",
            "Hi Dana,\n\nYour application for Lab Technician is not complete yet. Please upload your transcript "
            "and answer the screening questions so we can consider you.\n\nFernhill Bio Careers",
            "Fernhill Bio <careers@fernhill.example>",
        ),
        mail(
            None,
            "Dear Dana,\n\nWe are pleased to move your application forward. To continue, we need two "
            "professional references. Please send their names, job titles and contact details by Wednesday.\n\n"
            "Human Resources",
        ),
        mail(
            "Action required: background check authorization",
            "Hi Dana,\n\nCongratulations again on your offer. To begin your background check, please complete "
            "the authorization form in the candidate portal.\n\nTessellate People Team",
            "Tessellate People Team <people@tessellate.example>",
        ),
        mail(
            "Please confirm your details",
            "Dear Dana,\n\nThank you for applying to the Warehouse Associate position. Please confirm your "
            "preferred shift and your earliest start date by replying to this email so we can continue with your "
            "application.\n\nHarbourview Logistics HR",
            "HR <hr@harbourviewlogistics.example>",
        ),
        mail(
            "Before your first day",
            "Hi [**name**],\n\nWe're excited to have you join us on [**start date**]. Before then, please send "
            "us a copy of your ID, your bank details and your signed contract.\n\n[**signature**]",
        ),
        mail(
            "Action Required: confirm your interest",
            "Hi Dana,\n\nWe're reviewing applications for the Claims Analyst role. Please confirm you are still "
            "interested in this position by clicking the button below within 5 days.\n\nMarrowbank Talent "
            "Acquisition",
            "Marrowbank <marrowbank@myworkday.com>",
        ),
        mail(
            None,
            "Dear Dana, to continue with your application for the Support Worker role, kindly fill out the "
            "attached application form and send it back with a copy of your qualifications.",
        ),
        mail(
            "Your application is incomplete",
            "Hi Dana,\n\nYour application for Retail Associate is incomplete. Finish it before the posting "
            "closes on 20 November so the hiring team can consider you.\n\nHarbourview Retail Careers",
            "Harbourview Retail <careers@harbourview.example>",
        ),
        mail(
            "You have a pending task",
            "Hi Dana,\n\nYou have 1 pending task in your candidate portal: complete the self-identification form "
            "for Lab Technician.\n\nFernhill Bio",
            "Fernhill Bio <notifications@smartrecruiters.com>",
        ),
        mail(
            "Drug screening instructions",
            "Hi Dana,\n\nAs part of the pre-employment process for the Warehouse Supervisor role, please visit "
            "an approved lab for your drug screen within 48 hours. Bring the attached form and a photo ID.\n\n"
            "Harbourview Logistics HR",
            "HR <hr@harbourviewlogistics.example>",
        ),
        mail(
            None,
            "Hi Dana, thanks for accepting the interview. Before we meet, we need you to sign our candidate NDA "
            "and upload a copy of your passport to the portal.",
        ),
        mail(
            "Salary expectations",
            "Hi Dana,\n\nThanks for applying to the Office Manager role. Before we move forward, could you "
            "please tell us your salary expectations and your notice period?\n\nBest,\nJules",
            "Jules Martin <jules@saffronslate.example>",
        ),
        mail(
            None,
            "Hi Dana, you recently started an application for Data Analyst Intern but didn't submit it. Log in "
            "to finish the remaining sections before the deadline.",
        ),
        mail(
            None,
            "Dear Dana, we are missing your transcript. Please upload your most recent transcript to your "
            "candidate profile so we can complete the review of your application.",
        ),
        mail(
            "You're almost there!",
            "Hi Dana,\n\nLooks like you didn't finish applying for Network Engineer II. Your progress has been "
            "saved, so you can jump back in right where you stopped.\n\nContinue\n\nBrackenridge Careers",
            "Brackenridge Careers <careers@brackenridge.example>",
        ),
        mail(
            "Still interested in Claims Analyst?",
            "Hi Dana, your application for Claims Analyst is still waiting for you. It only takes a few more "
            "minutes to submit it.\n\nMarrowbank Talent Acquisition",
            "Marrowbank <marrowbank@myworkday.com>",
        ),
        mail(
            "Your application is not yet submitted",
            "Dear Dana,\n\nYour application for the Program Analyst position has not been submitted yet. Submit "
            "it before the job closes on 30 November to be considered.\n\nHuman Resources",
            "HR <jobs@county.example.gov>",
        ),
        mail(
            "You have an application in progress",
            "Hi Dana, you have an application in progress for Lab Technician at Fernhill Bio. Resume your "
            "application to make sure the hiring team sees it.",
            "Fernhill Bio <notifications@smartrecruiters.com>",
        ),
        mail(
            "Just one more step",
            "Hi Dana,\n\nThanks for starting your application for Retail Associate! Just one more step: answer "
            "three short questions about your availability so we can review your application.\n\nHarbourview "
            "Retail",
            "Harbourview Retail <careers@harbourview.example>",
        ),
        mail(
            None,
            "Dana, thank you for your interest. Your application for Security Analyst is on hold until you "
            "complete the required eligibility questionnaire. Please log in to the candidate portal to finish it.",
        ),
        mail(
            "Your saved application",
            "Dear Dana,\n\nYou saved an application for Systems Administrator. To complete it later, use the "
            "link below and sign in with your username.\n\nCobaltline",
            "Cobaltline <cobaltline+autoreply@talent.icims.com>",
        ),
        mail(
            None,
            "Hi Dana, we are still missing a few details to process your application for Data Analyst: your work "
            "authorization status and your earliest start date. Please reply with these at your earliest "
            "convenience.",
        ),
    ],
)
def test_it_reads_requests_to_act(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert status_of(rules, message) == Status.ACTION_REQUIRED


# --- withdrawals: the user's own letter and the employer's confirmation --------------------------------------------


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
        mail(
            "Application withdrawn",
            "You have withdrawn your application for Claims Analyst (R-20311). If this was a mistake, you can "
            "apply again from the careers site.",
            "Marrowbank <marrowbank@myworkday.com>",
        ),
        mail(
            None,
            "Hi Dana, thank you for letting us know that you're no longer interested in the Site Reliability "
            "Engineer role. We've closed your application and wish you all the best.",
        ),
        mail(
            None,
            "Dear [Hiring Manager],\n\nI am writing to respectfully withdraw my application for the [Position] "
            "role at [Company]. I have accepted another opportunity that better aligns with my current goals.\n\n"
            "Sincerely,\n[Name]",
        ),
        mail(
            "Withdrawal of application - [Position]",
            "Dear [Hiring Manager Name],\n\nI am writing to inform you that I would like to withdraw my "
            "application for the [Position] role. I have decided to accept a position with another company that "
            "is a better fit for my career goals at this time.\n\nThank you for your time and consideration.\n\n"
            "Sincerely,\n[Your Name]",
        ),
        mail(
            None,
            "Dear Ms. Lindqvist,\n\nDue to a change in my personal circumstances, I need to withdraw from the "
            "selection process for the Controls Engineer position. I appreciate the time you and your team have "
            "invested.\n\nKind regards,\nDana Demo",
        ),
        mail(
            None,
            "Hello {{recruiter_name}},\n\nThank you for inviting me to the next round. After some reflection I "
            "have chosen to withdraw my candidacy, as the role is not the right fit for me at this point.\n\n"
            "Best,\n{{candidate_name}}",
        ),
        mail(
            "Re: Interview - Data Analyst",
            "Hi Sam, thanks so much for the invitation. I've since accepted an offer elsewhere, so I'll have to "
            "withdraw from the process. Best of luck filling the role! Dana",
            "Dana Demo <dana@example.com>",
        ),
        mail(
            None,
            "Dear Hiring Team, please remove my application from consideration for the Junior Copywriter "
            "position. I have accepted another position.",
        ),
        mail(
            "Application withdrawal",
            "Dear Mr. Haddad,\n\nI regret to inform you that I must withdraw my application for the Security "
            "Analyst position. I have recently accepted an offer that aligns closely with my long-term goals. "
            "Thank you for your time and consideration, and I wish Brackenridge every success.\n\nKind regards,\n"
            "Dana Demo",
        ),
        mail(
            None,
            "Dear [Hiring Manager's Name],\n\nI am writing to formally withdraw my application for the position "
            "of [Job Title] at [Company Name]. After careful consideration, I have decided to pursue a different "
            "career path. I am grateful for the opportunity to have been considered and regret any inconvenience "
            "this may cause.\n\nSincerely,\n[Your Name]",
        ),
        mail(
            "Withdrawing from consideration",
            "Hi Kim,\n\nUnfortunately, due to a family matter I am no longer able to pursue the Data Engineer "
            "opportunity and would like to be removed from the process. I'm sorry for any inconvenience.\n\nDana",
            "Dana Demo <dana@example.com>",
        ),
        mail(
            None,
            "Hello [Recruiter Name], thank you for the invitation to interview. However, I have decided to "
            "withdraw my candidacy as I am not in a position to relocate at this time. I apologize for the short "
            "notice.",
        ),
    ],
)
def test_it_reads_withdrawals(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert status_of(rules, message) == Status.WITHDRAWN


# --- updates without a decision, thanks, follow-ups, accounts ------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Quick update on your application",
            "Hi Dana,\n\nJust a note to say we haven't forgotten about you. The hiring team is still working "
            "through applications for the UX Researcher role and we hope to have news by the end of next "
            "week.\n\nSaffron & Slate Talent",
            "Saffron & Slate Talent <talent@saffronslate.example>",
        ),
        mail(
            None,
            "Hi Dana, thanks for your time on the phone today, it was great to hear about your work on the "
            "billing migration. I'll share my notes with the hiring manager and get back to you soon.",
        ),
        mail(
            "Your application status has changed",
            "Hi Dana,\n\nThe status of your application for Lab Technician has changed. Log in to view the "
            "latest update.\n\nFernhill Bio Careers",
            "Fernhill Bio <notifications@smartrecruiters.com>",
        ),
        mail(
            "Thanks for interviewing",
            "Hi Dana,\n\nThanks for coming in today to meet the team for the Store Manager role. We'll be in "
            "touch within a week with next steps.\n\nHarbourview Retail",
            "Harbourview Retail <careers@harbourview.example>",
        ),
        mail(
            "Following up on my application",
            "Hello,\n\nI applied for the Junior Accountant role two weeks ago and wanted to follow up on the "
            "status of my application. I remain very interested.\n\nBest regards,\nDana",
            "Dana Demo <dana@example.com>",
        ),
        mail(
            "Welcome to the Cobaltline careers site",
            "Hi Dana, your candidate account has been created. You can now track your applications and update "
            "your profile.",
            "Cobaltline <no-reply@ashbyhq.com>",
        ),
        mail(
            None,
            "Dear Dana, your application for Staff Accountant is currently under review by the hiring manager. "
            "We will notify you once a decision has been made.",
        ),
        mail(
            "Application update",
            "Hi Dana,\n\nWe wanted to let you know that the hiring process for the Junior Developer role is "
            "taking a little longer than planned. We appreciate your patience and will be in touch soon.\n\n"
            "Cobaltline Recruiting",
            "Cobaltline <jobs@cobaltline.example>",
        ),
        mail(
            "Thank you",
            "Hi Omar,\n\nThank you for taking the time to speak with me today about the Security Analyst role. I "
            "enjoyed learning about the team and I'm excited about the opportunity.\n\nBest regards,\nDana",
            "Dana Demo <dana@example.com>",
        ),
        mail(
            "Your application was viewed by Fernhill Bio",
            "Fernhill Bio viewed your application for Lab Technician.\n\nThis means the employer has seen your "
            "profile. Good luck!\n\nSimilar jobs\nData Engineer - Quillfeather Labs - Remote - Easy Apply\n"
            "Analytics Engineer - Marrowbank - Promoted\n\nSee all jobs\n\nYou are receiving LinkedIn "
            "notification emails. Unsubscribe\n© 2026 LinkedIn Corporation",
            "LinkedIn <jobs-noreply@linkedin.com>",
        ),
        mail(
            None,
            "Hi Dana, thanks for completing the online assessment. Your responses have been received and the "
            "recruiting team will review them along with your application.",
        ),
        mail(
            None,
            "Dear Dana, we wanted to let you know that your application is still in review. We have received a "
            "large number of applications and appreciate your patience.",
        ),
        mail(
            None,
            "Hi [Candidate Name], thanks for your answer! I've sent your CV to the hiring manager and will get "
            "back to you with feedback within 2-3 days.",
        ),
        mail(
            None,
            "Dear Dana, we have not yet completed the review of your application for Research Analyst. We expect "
            "to reach a decision by the end of the month and appreciate your patience.",
        ),
    ],
)
def test_it_reads_updates_without_a_decision_as_other_job(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert status_of(rules, message) == Status.OTHER_JOB


# --- look-alikes: alerts, newsletters, receipts, podcasts, webinars, vendors, staff letters, other applications ----


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "12 new Data Engineer jobs in Leeds",
            "Data Engineer - Larkspur Analytics - Leeds\nAnalytics Engineer - Quillfeather Labs - Remote\nSenior "
            "Data Engineer - Marrowbank - Leeds\n\nSee all jobs\n\nManage your job alerts | Unsubscribe",
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
        mail(
            "New jobs at Larkspur Analytics that match your profile",
            "Hi Dana, here are new openings at Larkspur Analytics: Analytics Engineer (Leeds), Data Engineer "
            "(Remote). View jobs. Manage your job alerts.",
            "Larkspur Analytics Careers <careers@larkspur.example>",
        ),
        mail(
            "How to hire your first engineer",
            "In this issue: how founders should run their first hiring process, what to put in a job "
            "description, and how to close candidates. Read more.\n\nUnsubscribe",
            "Founders Weekly <hello@foundersweekly.example>",
        ),
        mail(
            "Your payslip for October",
            "Hi Dana, your payslip for October is now available in the employee portal.",
            "Payroll <payroll@tidewater-robotics.example>",
        ),
        mail(
            "Application received: Term Life coverage",
            "Thank you for your application for Term Life coverage. We have received your application and an "
            "underwriter will review it shortly.",
            "Evergreen Life <service@evergreenlife.example>",
        ),
        mail(
            "Your application to the MSc in Data Science",
            "Dear Dana, thank you for your application to the MSc in Data Science. We have received your "
            "application and will be in touch about an admissions interview.",
            "Admissions <admissions@uni.example>",
        ),
        mail(
            "Hire faster with Pipewell",
            "Hi Dana, recruiting teams use Pipewell to screen candidates 3x faster. Would you be open to a quick "
            "call to see a demo? Book a time on my calendar.\n\nUnsubscribe",
            "Kyle from Pipewell <kyle@pipewell.example>",
        ),
        mail(
            "Your rental application",
            "Hi Dana, good news - your rental application for 14 Elm Court has been approved! Please sign the "
            "lease by Friday.",
            "Elm Court Lettings <lettings@elmcourt.example>",
        ),
        mail(
            "Talk proposal: PyConf 2027",
            "Dear Dana, thank you for submitting a talk to PyConf 2027. Unfortunately we were not able to accept "
            "your proposal this year. We received many strong submissions.",
            "PyConf Program Committee <program@pyconf.example>",
        ),
        mail(
            "Welcome to Jobfinder",
            "Welcome, Dana! Complete your profile to get better job matches and let employers find you.",
            "Jobfinder <hello@jobfinder.example>",
        ),
        mail(
            "Thanks for signing up to volunteer",
            "Hi Dana, thanks for applying to volunteer at the Riverside Food Bank! We've received your "
            "application and a coordinator will call you to schedule an orientation.",
            "Riverside Food Bank <volunteer@riversidefood.example>",
        ),
        mail(
            None,
            "Hi Dana,\n\nThanks for registering for Thursday's webinar, 'Breaking into product management'. Our "
            "panel of hiring managers will share what they look for in candidates. Join link below.",
        ),
        mail(
            "Congratulations on your new role, Sam!",
            "Sam Osei started a new position as Data Analyst at Cobaltline. Send a message to congratulate.",
            "LinkedIn <notifications-noreply@linkedin.com>",
        ),
        mail(
            "Salary adjustment",
            "Hi [**name**],\n\nFollowing your performance review, we are happy to let you know that your salary "
            "will be adjusted to [**new salary**] from [**date**]. Thank you for your contribution to the "
            "team.\n\n[**signature**]",
        ),
        mail(
            "Contract renewal",
            "Dear [**client name**],\n\nYour service contract with [**company**] is due for renewal on "
            "[**date**]. Please review the attached proposal and let us know if you would like to continue.\n\n"
            "[**signature**]",
        ),
        mail(
            "Invoice for [month]",
            "Hi [**client**],\n\nPlease find attached the invoice for the work completed in [**month**]. Payment "
            "is due within 15 days.\n\n[**signature**]",
        ),
        mail(
            "Happy work anniversary!",
            "Hi [**name**],\n\nToday marks two years since you joined us. Thank you for everything you've done "
            "for the team!\n\n[**signature**]",
        ),
        mail(
            "Team offsite",
            "Hi all,\n\nOur team offsite will take place on [**date**] in [**city**]. Please confirm your "
            "attendance and dietary requirements by Friday.\n\n[**signature**]",
        ),
        mail(
            "Leave request approved",
            "Hi [**name**],\n\nYour annual leave request from [**start**] to [**end**] has been approved. Enjoy "
            "your time off!\n\n[**signature**]",
        ),
        mail(
            "Farewell",
            "Hi [**name**],\n\nAs you finish your last day with us, please return your laptop and access card to "
            "the office manager. We wish you all the best in your next chapter.\n\n[**signature**]",
        ),
        mail(
            "Welcome to the team, [**name**]!",
            "Hi everyone,\n\nPlease join me in welcoming [**name**], who joins us today as [**position**]. Say "
            "hi on Slack!\n\n[**signature**]",
        ),
        mail(
            "Fernhill Bio is hiring: Lab Technician",
            "Fernhill Bio posted a new job you may be interested in.\n\nLab Technician - Cambridge, MA\n\nApply "
            "now\n\nSimilar jobs\nData Engineer - Quillfeather Labs - Remote - Easy Apply\nAnalytics Engineer - "
            "Marrowbank - Promoted\n\nSee all jobs\n\nYou are receiving LinkedIn notification emails. "
            "Unsubscribe\n© 2026 LinkedIn Corporation",
            "LinkedIn <jobs-listings@linkedin.com>",
        ),
        mail(
            "Dana, 5 employers viewed your resume this week",
            "Your resume is getting noticed! 5 employers viewed your resume this week. Update your resume to "
            "stand out to employers.\n\nJobs you may be interested in\nNight Manager - Seaview Inn\nFront Desk "
            "Agent - Harbour Lodge\n\nUnsubscribe | Privacy\n© 2026 Indeed",
            "Indeed <noreply@indeed.com>",
        ),
        mail(
            "You have 3 new profile views",
            "See who's looking at your profile. Upgrade to Premium to see all viewers.\n\nSimilar jobs\nData "
            "Engineer - Quillfeather Labs - Remote - Easy Apply\nAnalytics Engineer - Marrowbank - Promoted\n\n"
            "See all jobs\n\nYou are receiving LinkedIn notification emails. Unsubscribe\n© 2026 LinkedIn "
            "Corporation",
            "LinkedIn <notifications-noreply@linkedin.com>",
        ),
        mail(
            None,
            "Hi Dana,\n\nJoin us for our virtual career fair on November 4! Meet recruiters from 40+ companies, "
            "learn about internships and full-time roles, and get your resume reviewed. Register today.",
        ),
        mail(
            None,
            "Dear Dana, your order of 'Cracking the Coding Interview' has shipped and will arrive on Thursday. "
            "Track your package here.",
        ),
        mail(
            None,
            "Hi Dana, thanks for subscribing to Career Compass! Every Tuesday we'll send you tips on resumes, "
            "interviews and salary negotiation.",
        ),
        mail(
            None,
            "Hello Dana, your application for the Rewards credit card has been approved. Your card will arrive "
            "in 7-10 business days.",
        ),
        mail(
            None,
            "Dear Dana, thank you for registering for the Data Science Bootcamp information session. We look "
            "forward to seeing you on Zoom on Thursday at 6pm.",
        ),
        mail(
            "Catch up?",
            "Hey Dana! Could we find a time next week to catch up? It's been ages. Do you have 20 minutes on Thursday?",
            "Jo Park <jo.park@gmail.com>",
        ),
        mail(
            "Quarterly report",
            "Hi Dana, do you have 10 minutes tomorrow to go over the quarterly numbers before the board meeting? "
            "Does Wednesday at 3 work?",
            "Priya Shah <priya.shah@mycompany.example>",
        ),
        mail(
            "Help your recruiters hire faster",
            "Hi Dana, do you have 15 minutes this week? I'd love to show you how Pipewell can help your "
            "recruiting team cut time-to-hire for open roles in half.\n\nKyle",
            "Kyle Brandt <kyle@pipewell.example>",
        ),
        mail(
            "Your mortgage application is incomplete",
            "Hi Dana, your mortgage application is not yet complete. Please upload your last three pay slips and "
            "a bank statement to continue.",
            "Homestead Lending <service@homestead.example>",
        ),
        mail(
            "Finish your application to Westbridge University",
            "Dear Dana, you have an unfinished application for the MSc Finance programme. Complete the remaining "
            "sections before the admissions deadline.",
            "Admissions <admissions@westbridge.example>",
        ),
        mail(
            "Join our focus group",
            "Hi Dana, we're running a focus group for job seekers about how they use career sites. Please share "
            "your availability for a 45-minute session; participants receive a $50 gift card.",
            "Research Team <research@jobfinder.example>",
        ),
        mail(
            "Flat viewing",
            "Hi Dana, the landlord would like to meet you before signing the lease. Does Tuesday at 6pm work for "
            "a viewing?",
            "Elm Court Lettings <lettings@elmcourt.example>",
        ),
        mail(
            "Volunteer orientation",
            "Hi Dana, thanks for applying to volunteer with us! Please let us know a good time to call you to "
            "arrange your orientation.",
            "Riverside Food Bank <volunteer@riversidefood.example>",
        ),
        mail(
            "Your free trial ends soon",
            "Hi Dana, your Pipewell free trial ends in 3 days. Book a call with our team to see how recruiters "
            "use Pipewell to schedule interviews automatically.",
            "Pipewell <hello@pipewell.example>",
        ),
        mail(
            "Introducing our new VP of Engineering",
            "Hi all,\n\nPlease welcome Theo Park, who joins us today as VP of Engineering. Theo will lead our "
            "platform and data teams.\n\nPeople Team",
            "People Team <people@mycompany.example>",
        ),
        mail(
            "New York Tech Meetup: panel on hiring",
            "Join us Thursday for a panel with three hiring managers on what they look for in a first-round "
            "interview. RSVP below.\n\nUnsubscribe",
            "NY Tech Meetup <events@nytech.example>",
        ),
    ],
)
def test_it_keeps_look_alikes_out_of_job_mail(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert status_of(rules, message) == Status.NOT_JOB
