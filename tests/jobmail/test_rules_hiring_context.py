"""Whether mail belongs to a hiring process at all. Asking for a time, sending a video-call
link, an "interview", an "application" or an "offer" are what dentists, salespeople,
podcasts, landlords, schools, banks and friends do too; job mail has a hiring context
around them (a role, the user's application, the hiring side speaking, an ATS), and job
mail keeps being read as such when that context is all there is. Every email here is
invented for the test."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.classify.rules.context import hiring_context
from jobmail.message import ParsedMessage
from jobmail.taxonomy import Status
from tests.jobmail.messages import mail


@pytest.mark.parametrize(
    "message",
    [
        pytest.param(
            mail(
                "Your demo with PipeFast",
                "Hi Dana,\n\nThanks for requesting a demo of PipeFast! I'm Marco, an Account Executive here. Please "
                "schedule a time that works for you using my calendar link below, or let me know which of these "
                "slots suits you: Tue 10:00, Wed 14:00.\n\nLooking forward to speaking with you on "
                "Tuesday.\n\nMarco Ruiz\nSenior Account Executive, PipeFast",
                "Marco Ruiz <marco.ruiz@pipefast.example>",
            ),
            id="demo",
        ),
        pytest.param(
            mail(
                "Quick intro call?",
                "Hi Dana, I lead partnerships at Stackly. Would you be open to a 15-minute intro call next week to "
                "see whether our analytics platform fits your team? Grab a time that works here: "
                "calendly.com/stackly-sales\n\nBest,\nPriya, Head of Partnerships",
                "Priya Nair <priya@stackly.example>",
            ),
            id="demo2",
        ),
        pytest.param(
            mail(
                "Invitation: be a guest on The Builder Show",
                "Hi Dana,\n\nI host The Builder Show, a podcast about engineering leadership. We'd love to "
                "interview you for an upcoming episode! Please pick a time that works for the recording: "
                "calendly.com/buildershow\n\nCheers,\nTom, Host and Producer",
                "Tom Reyes <tom@buildershow.example>",
            ),
            id="podcast",
        ),
        pytest.param(
            mail(
                "You're registered: Ace your next interview",
                "Hi Dana,\n\nThanks for registering for our live session 'Ace your next interview' on Thursday, "
                "October 8 at 6:00 PM. Our career coach will share tips for the phone screen and the final "
                "round.\n\nJoin Zoom Meeting\nzoom.us/j/123456\nMeeting ID: 123 456 7890\n\nCareerSpark",
                "CareerSpark Events <events@careerspark.example>",
            ),
            id="webinar",
        ),
        pytest.param(
            mail(
                "Coffee next week?",
                "Hey Dana! It's been ages. I just started as a Product Manager at Lumen and would love to catch up. "
                "Are you free on Thursday for a coffee? Let me know what times work for you.\n\nJamie",
                "Jamie Fox <jamie.fox@gmail.com>",
            ),
            id="coffee",
        ),
        pytest.param(
            mail(
                "Re: catching up",
                "Sounds great! Let's find a time to chat next week - how about Wednesday at 12:30? I can tell you "
                "about my new role as a Data Engineer.\n\nCheers, Alex",
                "Alex Kim <alex.kim@gmail.com>",
            ),
            id="coffee2",
        ),
        pytest.param(
            mail(
                "Viewing of 14 Elm Street",
                "Hi Dana,\n\nThank you for your interest in the two-bedroom apartment at 14 Elm Street. I'd like to "
                "invite you to a viewing on Saturday at 11:00 AM. Please bring ID and proof of income for the "
                "rental application.\n\nBest,\nRita Gomez\nProperty Manager, Elm Lettings",
                "Rita Gomez <rita@elmlettings.example>",
            ),
            id="landlord",
        ),
        pytest.param(
            mail(
                "Welcome to Orbitly - let's set up your onboarding call",
                "Hi Dana,\n\nWelcome to Orbitly! I'm Kara, your Customer Success Manager. I'd like to schedule a "
                "30-minute onboarding call with you to set up your workspace. Which of these slots works best: "
                "Monday 9:00 or Tuesday 15:00?\n\nKara Lin\nCustomer Success Manager | Orbitly",
                "Kara Lin <kara.lin@orbitly.example>",
            ),
            id="saas",
        ),
        pytest.param(
            mail(
                "Your kickoff meeting with Orbitly",
                "Hi Dana, this is a reminder of your kickoff call with our implementation team tomorrow at 10:00 "
                "AM.\n\nJoin Zoom Meeting\nzoom.us/j/99887766\nMeeting ID: 998 877 66\n\nKara Lin, Senior Customer "
                "Success Manager",
                "Kara Lin <kara.lin@orbitly.example>",
            ),
            id="saas2",
        ),
        pytest.param(
            mail(
                "Parent-teacher conference",
                "Dear Parent,\n\nYou are invited to a parent-teacher conference for Leo on Thursday, October 15 at "
                "4:15 PM. Please choose a time slot that works for you via the school portal.\n\nMrs. Hart\nGrade 3 "
                "Teacher, Oakwood Elementary",
                "Mrs Hart <hart@oakwood.k12.example>",
            ),
            id="school",
        ),
        pytest.param(
            mail(
                "Your application has been received",
                "Dear Dana,\n\nThank you for your application for the Term Life 20 policy. We have received your "
                "application and our underwriting team will review it. An advisor will call you on Monday at 10:00 "
                "AM to confirm your details.\n\nSafeHarbor Life",
                "SafeHarbor Life <noreply@safeharbor.example>",
            ),
            id="insurance",
        ),
        pytest.param(
            mail(
                "Next steps for your application",
                "Hi Dana, thanks for applying with SafeHarbor. To continue your application, please schedule a "
                "short phone interview with one of our underwriters: pick a time that works for you.\n\nSafeHarbor "
                "Underwriting",
                "SafeHarbor <underwriting@safeharbor.example>",
            ),
            id="insurance2",
        ),
        pytest.param(
            mail(
                "Congratulations! Your application is approved",
                "Dear Dana,\n\nWe're pleased to offer you the Summit Rewards Visa with a credit limit of $5,000. "
                "Your card will arrive in 7-10 business days.\n\nSummit Bank",
                "Summit Bank <cards@summitbank.example>",
            ),
            id="creditcard2",
        ),
        pytest.param(
            mail(
                "Re: intro",
                "Hi Dana, thanks Jo for the intro! Dana, I'd love to chat about your experience moving into "
                "engineering management. Would you be available for a call on Friday at 3pm?\n\nBest, "
                "Priya\nEngineering Director, Northwind",
                "Priya Rao <priya.rao@northwind.example>",
            ),
            id="networking",
        ),
        pytest.param(
            mail(
                "Speaker invitation: DevDays 2026",
                "Hi Dana,\n\nWe'd love to invite you to speak at DevDays 2026! Please send us your talk abstract "
                "and bio. Our program committee will schedule a short call to discuss the session.\n\nDevDays "
                "Program Team",
                "DevDays <program@devdays.example>",
            ),
            id="conference",
        ),
        pytest.param(
            mail(
                "Mortgage application update",
                "Hi Dana, your mortgage application is under review. Please upload your last two pay stubs and a "
                "letter from your employer confirming your position and salary.\n\nHomeFirst Lending",
                "HomeFirst <loans@homefirst.example>",
            ),
            id="mortgage",
        ),
        pytest.param(
            mail(
                "Book your free personal training session",
                "Welcome to FitHub, Dana! Your membership includes one free session with a personal trainer. "
                "Schedule a time that works for you in the app.\n\nFitHub Coaches",
                "FitHub <hello@fithub.example>",
            ),
            id="gym",
        ),
        pytest.param(
            mail(
                "Intro: Dana / Sam",
                "Microsoft Teams meeting\nJoin on your computer, mobile app or room device\nClick here to join the "
                "meeting\nMeeting ID: 111 222 333",
                "Sam Wu <sam.wu@partner.example>",
            ),
            id="teams_intro",
        ),
        pytest.param(
            mail(
                "Invitation: Lunch & learn @ Thu 12pm",
                "You have been invited to the following event.\nLunch & learn: product roadmap\nWhen: Thursday Sept "
                "17, 12:00pm - 1:00pm\nJoin with Google Meet: meet.google.com/abc-defg-hij",
                "Sam Wu <sam.wu@mycompany.example>",
            ),
            id="invite_lunch",
        ),
        pytest.param(
            mail(
                "Your application to CodeCamp",
                "Hi Dana,\n\nThanks for applying to the CodeCamp full-stack bootcamp! Next step: schedule your "
                "admissions interview. Pick a time that works for you.\n\nCodeCamp Admissions",
                "CodeCamp Admissions <admissions@codecamp.example>",
            ),
            id="bootcamp",
        ),
        pytest.param(
            mail(
                "Tutoring session",
                "Hi Dana, I'm available to tutor your son on Tuesdays. Would you be available for a quick call on "
                "Monday at 5pm to discuss? Best, Ms. Kay, Math Teacher",
                "Kay Olsen <kay.olsen@gmail.com>",
            ),
            id="tutor",
        ),
        pytest.param(
            mail(
                "Interview request for our story",
                "Hi Dana, I'm a reporter at the Daily Ledger writing about remote work. Would you be available for "
                "a 20-minute phone interview this week? Let me know what times work for you.\n\nNina Park, Staff "
                "Writer",
                "Nina Park <nina@dailyledger.example>",
            ),
            id="journalist",
        ),
        pytest.param(
            mail(
                "User research interview",
                "Hi Dana, thanks for using Orbitly! We're inviting a few customers to a 30-minute user interview "
                "about their experience. As a thank-you we'll send a $50 gift card. Book a slot that suits you "
                "below.\n\nOrbitly Research Team",
                "Orbitly Research <research@orbitly.example>",
            ),
            id="research",
        ),
        pytest.param(
            mail(
                "Open enrollment reminder",
                "Hi Dana, open enrollment for 2027 benefits closes Friday. Please complete your benefits elections "
                "in the portal.\n\nPeople Team",
                "People Team <people@mycompany.example>",
            ),
            id="hr_benefits",
        ),
        pytest.param(
            mail(
                "Alumni mentoring: meet your mentor",
                "Hi Dana, you've been matched with a mentor, Lee Chen (Senior Software Engineer). Please schedule "
                "your first meeting with your mentor at a time that works for both of you.\n\nAlumni Office",
                "Alumni Office <alumni@university.example>",
            ),
            id="alumni",
        ),
        pytest.param(
            mail(
                "Schedule your tax review",
                "Hi Dana, it's time to schedule your annual tax review with your advisor. Choose a time that suits "
                "you from the options below.\n\nBright Tax, Client Services Team",
                "Bright Tax <clients@brighttax.example>",
            ),
            id="taxprep",
        ),
        pytest.param(
            mail(
                "Partnership opportunity",
                "Hi Dana, I'm reaching out because our agency helps SaaS teams grow organic traffic. Would you be "
                "open to a 15-minute call next week? I think there's a great opportunity here.\n\nBest, Leo\nGrowth "
                "Lead, RankRise",
                "Leo Marsh <leo@rankrise.example>",
            ),
            id="agency_sales",
        ),
        pytest.param(
            mail(
                "Interview invitation: MSc Data Science",
                "Dear Dana,\n\nThank you for your application to the MSc Data Science programme. We are pleased to "
                "invite you to an admissions interview on 2 October at 14:00 (online).\n\nPostgraduate Admissions "
                "Office",
                "Admissions <pg-admissions@univ.example>",
            ),
            id="grad_school",
        ),
        pytest.param(
            mail(
                "Update on your application",
                "Dear Dana,\n\nThank you for applying for a personal loan with Crest Finance. Unfortunately, we are "
                "unable to approve your application at this time.\n\nCrest Finance",
                "Crest Finance <noreply@crestfinance.example>",
            ),
            id="loan_decl",
        ),
        pytest.param(
            mail(
                "Your rental application",
                "Hi Dana, thank you for applying for the apartment at 22 Oak Lane. Unfortunately the landlord has "
                "decided to move forward with another applicant.\n\nOak Property Management",
                "Oak PM <leasing@oakpm.example>",
            ),
            id="apartment_rej",
        ),
        pytest.param(
            mail(
                "Can we chat about your experience?",
                "Hi Dana, I'm a product designer at Orbitly. We'd love to hear how you use our dashboards. Would "
                "you be available for a 30-minute video call this week? We'll send a $40 gift card as "
                "thanks.\n\nMia, Product Designer",
                "Mia Lund <mia@orbitly.example>",
            ),
            id="cust_interview",
        ),
        pytest.param(
            mail(
                "Panel on Thursday",
                "Hi Dana, thanks again for joining our panel! Here are the details: Thursday 6pm, Main Hall. Let's "
                "set up a quick call beforehand to go over the questions - are you free on Tuesday at 4?\n\nRuth, "
                "Event Manager",
                "Ruth Gale <ruth@meetups.example>",
            ),
            id="panel_speaker",
        ),
        pytest.param(
            mail(
                "Meeting to review your return",
                "Hi Dana, your tax return is ready for review. Could we schedule a call this week? Let me know what "
                "times work for you.\n\nBen Ortiz, Senior Tax Advisor",
                "Ben Ortiz <ben@taxpartners.example>",
            ),
            id="accountant",
        ),
        pytest.param(
            mail(
                "Kickoff call for your Orbitly rollout",
                "Hi Dana, congrats on signing with Orbitly! The next step is a kickoff call with our implementation "
                "team. Please pick a time that works for you from my calendar.\n\nSam Ito, Implementation Manager",
                "Sam Ito <sam@orbitly.example>",
            ),
            id="vendor_onboard",
        ),
        pytest.param(
            mail(
                "Scholarship interview",
                "Dear Dana,\n\nCongratulations, you have been shortlisted for the Future Leaders Scholarship. We "
                "would like to invite you to an interview with the selection committee on 12 "
                "November.\n\nScholarship Office",
                "Scholarship Office <scholarships@foundation.example>",
            ),
            id="scholarship",
        ),
        pytest.param(
            mail(
                "Your offer from Northbank University",
                "Dear Dana, we are delighted to offer you a place on the BSc Computer Science course starting in "
                "September. Please accept your offer through the applicant portal.\n\nAdmissions Team",
                "Northbank Admissions <admissions@northbank.example>",
            ),
            id="course_offer",
        ),
        pytest.param(
            mail(
                "An exclusive offer for you",
                "Dana, as a valued customer we'd like to offer you a 0% balance transfer for 18 months. Apply "
                "today.\n\nSummit Bank",
                "Summit Bank <service@summitbank.example>",
            ),
            id="bank_offer",
        ),
        pytest.param(
            mail(
                "Big news!",
                "Hey Dana! I got the job! I start as a Senior Designer at Lumen next month. Let's celebrate - are "
                "you free on Friday at 7?\n\nXo, Tess",
                "Tess <tess@gmail.com>",
            ),
            id="friend_job_news",
        ),
        pytest.param(
            mail(
                "Mentoring session",
                "Hi Dana, looking forward to our mentoring session. Would you be available for a call on Thursday "
                "at 5pm? We can talk about your career goals.\n\nRaj, Engineering Manager at Kestrel",
                "Raj <raj@kestrel.example>",
            ),
            id="mentor",
        ),
        pytest.param(
            mail(
                "Your performance review",
                "Hi Dana, your annual performance review with your manager is scheduled for Monday at 10:00. Please "
                "complete your self-assessment before then.\n\nPeople Team",
                "People Team <people@mycompany.example>",
            ),
            id="hr_employee",
        ),
    ],
)
def test_it_keeps_look_alikes_of_job_mail_out(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert rules.classify_sync(message).status == Status.NOT_JOB


@pytest.mark.parametrize(
    "message",
    [
        pytest.param(
            mail(
                "Dana Demo / Acme - Senior Data Engineer",
                "Microsoft Teams meeting\nJoin on your computer, mobile app or room device\nClick here to join the "
                "meeting\nMeeting ID: 245 118 903 7\nPasscode: Xy7pQ2",
                "Ana Cole <ana.cole@acme.example>",
            ),
            id="cal_role_subject",
        ),
        pytest.param(
            mail(
                "Invitation: Technical Interview - Backend Engineer @ Tue Oct 6",
                "Join Zoom Meeting\nzoom.us/j/5551234\nMeeting ID: 555 1234",
                "Acme Scheduling <scheduling@acme.example>",
            ),
            id="cal_invite_ats",
        ),
        pytest.param(
            mail(
                "Next steps with Pinecrest",
                "Hi Dana,\n\nThe hiring team for Logistics Coordinator would like to speak with you. Please use the "
                "link below to choose a time that works for you.\n\nPinecrest Talent",
                "Pinecrest <no-reply@pinecrest.greenhouse-mail.io>",
            ),
            id="ats_no_application",
        ),
        pytest.param(
            mail(
                "Quick call?",
                "Hi Dana, thanks for your reply! Would you be available for a call on Thursday at 2pm to discuss "
                "the Platform Engineer role?\n\nSven",
                "Sven Aal <sven@talentbridge.example>",
            ),
            id="recruiter_call",
        ),
        pytest.param(
            mail(
                "Application Status Update",
                "Dear Dana, the status of your application for Announcement Number 26-1234 IT Specialist (INFOSEC) "
                "has been updated. Status: Referred. Your application has been referred to the hiring manager for "
                "consideration.\n\nUSAJOBS",
                "USAJOBS <no-reply@usajobs.gov>",
            ),
            id="usajobs",
        ),
        pytest.param(
            mail(
                "Mira sent you a message",
                "Mira Castellanos\nTechnical Recruiter at Northwind\nHi Dana, I came across your profile and think "
                "you'd be a great fit for our Senior Backend Engineer opening. Are you open to a chat this "
                "week?\n\nReply\n\nYou are receiving InMail notification emails. Unsubscribe",
                "Mira Castellanos via LinkedIn <inmail-hit-reply@linkedin.com>",
            ),
            id="linkedin_relay",
        ),
        pytest.param(
            mail(
                None,
                "Hi Dana, we would like to invite you for a phone interview on Tuesday at 10:00 AM. Please confirm "
                "if this works. Best, Ana",
            ),
            id="body_only_interview",
        ),
        pytest.param(
            mail(
                None,
                "Thank you for your interest in Kestrel. We'd like to schedule a 30-minute video interview with our "
                "hiring manager. Please let us know your availability for next week.",
            ),
            id="interview_body_only2",
        ),
    ],
)
def test_it_still_reads_job_mail_whose_hiring_context_is_all_there_is(
    rules: RulesClassifier, message: ParsedMessage
) -> None:
    assert rules.classify_sync(message).is_job_related


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("", "i just started my new role as a data engineer and would love to catch up"),
        ("", "we'd love to confirm your position and salary for the mortgage"),
        ("", "mentorship plays a role in every transition"),
        ("parent-teacher conference", "please choose a time slot"),
        ("appointment with your financial advisor", "pick a time"),
        ("", "i got the job! let's celebrate"),
    ],
)
def test_it_finds_no_hiring_in_someone_elses_role_or_an_idiom(subject: str, text: str) -> None:
    assert hiring_context(subject, f"{subject}\n{text}") == ""


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("", "thanks for your interest in the data analyst position"),
        ("", "ahead of your interview for senior software engineer, patient apps"),
        ("dana / acme - senior data engineer", "join zoom meeting"),
        ("", "we are looking for our first engineering hire"),
        ("", "the hiring manager would like to meet you"),
        ("ihr vertragsangebot - softwareentwickler python", "bitte senden sie uns"),
    ],
)
def test_it_finds_a_role_an_application_or_recruiting_words(subject: str, text: str) -> None:
    assert hiring_context(subject, f"{subject}\n{text}")


@pytest.mark.parametrize(
    ("message", "status"),
    [
        # An ATS notice without a sender and without a job word: its link is the context.
        pytest.param(
            mail(
                None,
                "Hello Dana,\n\nThe form you saved on our careers site is kept for 30 days. Open it here:\n\n"
                "[pinecrest.icims.com]\n\nPlease do not answer this automated email."
                "\n\nTo stop these emails, manage your preferences: [pinecrest.icims.com]",
            ),
            Status.ACTION_REQUIRED,
            id="ats-link",
        ),
        # A rejection through the employer's mailer, with its unsubscribe footer.
        pytest.param(
            mail(
                None,
                "Dear Dana,\n\nThank you for submitting your resume for the Network Analyst opening. After careful "
                "review, we have selected another candidate whose experience more closely matches our needs. We "
                "will keep your resume on file for future openings.\n\nPinecrest\n\nYou are receiving this email "
                "because you created a profile on our career site. Unsubscribe | Privacy",
            ),
            Status.REJECTED,
            id="rejection-through-a-mailer",
        ),
        # An offer about the user's application from an offers@ mailbox, without a subject.
        pytest.param(
            mail(
                None,
                "Dear Dana,\n\nThank you for your application and for the time you spent with our team. We are "
                "excited to extend you an offer for the Data Analyst position! Your offer letter with salary and "
                "start date details is attached.\n\nBest regards,\nKestrel HR",
                "Kestrel <offers@kestrel.example>",
            ),
            Status.OFFER,
            id="offer-from-offers-mailbox",
        ),
    ],
)
def test_it_reads_a_status_in_a_hiring_context_through_mailers_and_without_headers(
    rules: RulesClassifier, message: ParsedMessage, status: Status
) -> None:
    assert rules.classify_sync(message).status == status


@pytest.mark.parametrize(
    ("message", "status"),
    [
        # An employer's message relayed by a job board, with the board's footer.
        pytest.param(
            mail(
                "New message from Northwind Logistics",
                "Northwind Logistics sent you a message about Warehouse Supervisor\n\nHi Dana, thanks for your "
                "interest. Are you available for a phone screen on Thursday at 2 PM?\n\nReply on Indeed\n\nIndeed, "
                "6433 Champion Grandview Way, Austin, TX. Unsubscribe",
                "Indeed <noreply@indeed.com>",
            ),
            Status.INTERVIEW,
            id="board-relay",
        ),
        # The same notice without headers.
        pytest.param(
            mail(
                None,
                "Northwind Logistics sent you a message about Warehouse Supervisor Hi Dana, thanks for your interest. "
                "Are you available for a phone screen on Thursday at 2 PM? Reply on Indeed Indeed, 6433 Champion "
                "Grandview Way, Austin, TX. Unsubscribe",
            ),
            Status.INTERVIEW,
            id="board-relay-without-headers",
        ),
        # An agency's mass mailing whose line breaks were lost: its job description block
        # ("Job Title: … Location: … Duration: …") still says one role, proposed to the user.
        pytest.param(
            mail(
                None,
                "Hello, Hope you are doing well! I am reaching out regarding a job opening with our client. Please "
                "review the job description below and let me know if you are interested. Job Title: Network "
                "Engineer Location: Austin, TX (Hybrid) Duration: 12 months contract Rate: DOE Required skills: "
                "Cisco, BGP, OSPF. Thanks & Regards, Ravi Kumar, Sr. Technical Recruiter, Apex Staffing Inc. To "
                "unsubscribe from future emails or to update your email preferences click here. Apex Staffing, 100 "
                "Main St, Edison NJ",
            ),
            Status.RECRUITER_OUTREACH,
            id="agency-mailing-on-one-line",
        ),
        # A friend's message relayed by the same board is not an interview.
        pytest.param(
            mail(
                "Jamie sent you a message",
                "Jamie Fox sent you a message\n\nHey Dana! Are you free on Thursday for a coffee?\n\nReply\n\n"
                "LinkedIn Corporation, 1000 W Maude Ave. Unsubscribe",
                "Jamie Fox via LinkedIn <messages-noreply@linkedin.com>",
            ),
            Status.NOT_JOB,
            id="friend-relay",
        ),
    ],
)
def test_it_reads_relayed_messages_and_one_line_mailings_by_what_they_say(
    rules: RulesClassifier, message: ParsedMessage, status: Status
) -> None:
    assert rules.classify_sync(message).status == status


@pytest.mark.parametrize(
    ("message", "status"),
    [
        # A civil-service portal's list notice: a step without a decision.
        pytest.param(
            mail(
                "Eligible list notice",
                "Dear Dana Demo,\n\nYou have been placed on the eligible list for Examination 2026-004, Program "
                "Analyst I. Your rank is 12. Hiring departments may contact you for an interview.\n\nState Civil "
                "Service Portal",
                "noreply@careers.state.example",
            ),
            Status.OTHER_JOB,
            id="eligible-list",
        ),
        # A recruiter's letter on one line without headers, signed above the agency's footer.
        pytest.param(
            mail(
                None,
                "Hi Dana, I came across your profile and have a 6-month contract Security Analyst role with a "
                "federal client, fully remote. Are you available for a quick call today? Thanks, Priya Nair Senior "
                "Recruiter | Apex Staffing Apex Staffing is an Equal Opportunity Employer. This email was intended "
                "for dana@example.com. If you'd prefer not to receive emails like this, unsubscribe here. Apex "
                "Staffing, 100 Main St, Edison NJ 08817",
            ),
            Status.RECRUITER_OUTREACH,
            id="recruiter-signed-above-a-footer",
        ),
        # A calendar update lists its "Guests": no podcast guest.
        pytest.param(
            mail(
                "Updated invitation: Dana Demo - Technical Screen",
                "This event has been updated\nWhen: Tuesday Oct 13, 10am - 11am (EDT)\nJoining info: Join with "
                "Google Meet\nmeet.google.com/abc-defg-hij\nGuests: Dana Demo, Jo Park",
                "Jo Park <jo@pinecrest.example>",
            ),
            Status.INTERVIEW,
            id="calendar-update-with-guests",
        ),
    ],
)
def test_it_reads_portal_notices_signed_letters_and_calendar_updates(
    rules: RulesClassifier, message: ParsedMessage, status: Status
) -> None:
    assert rules.classify_sync(message).status == status


@pytest.mark.parametrize(
    "message",
    [
        # "Your applications" are the software the vendor protects.
        pytest.param(
            mail(
                "Protect your apps in real time",
                "Hi Dana,\n\nJoin Lee Chen, Senior Product Manager, to learn how to stop runtime attacks inside your "
                "applications at our live tech talk on October 14. Save your spot!\n\nOrbitly Events",
                "Orbitly Events <events@orbitly.example>",
            ),
            id="software-applications",
        ),
        # A coaching talk about "your interview" that the user registered for.
        pytest.param(
            mail(
                "Starting soon: Nail your interview",
                "Hi there, this is a reminder that the talk you registered for starts in less than an hour! Join "
                "career coach Sam Lee to build confidence before your next job interview.",
                "Career Summit <team@careersummit.example>",
            ),
            id="talk-about-your-interview",
        ),
    ],
)
def test_it_keeps_talks_about_applications_and_interviews_out(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert rules.classify_sync(message).status == Status.NOT_JOB


@pytest.mark.parametrize(
    "message",
    [
        pytest.param(
            mail(
                "New message from Alex",
                "Alex sent you a message about Vintage desk lamp\n\nHi, is this still available? Could I pick it up "
                "on Saturday at 10am?\n\nReply on Marketplace. Unsubscribe",
                "Marketplace <noreply@marketplace.example>",
            ),
            id="marketplace-relay",
        ),
        pytest.param(
            mail(
                "We're hiring!",
                "Hi Dana,\n\nThanks for being a loyal customer! We're hiring a new line cook and servers for our "
                "second location opening in May. Know someone great? Send them our way.\n\nCheers,\nThe Olive Tree "
                "Team\n\nUnsubscribe",
                "The Olive Tree <news@olivetree.example>",
            ),
            id="restaurant-hiring-news",
        ),
        pytest.param(
            mail(
                "Hiring trends this month",
                "Hi Dana,\n\nIn this month's report: salaries in data engineering rose 4%, and remote roles are down. "
                "Read the full report on our blog.\n\nPriya Nair\nSenior Recruiter, Apex Staffing\n\nYou're "
                "receiving this because you subscribed. Unsubscribe",
                "Apex Staffing <news@apexstaffing.example>",
            ),
            id="recruiter-signed-newsletter",
        ),
        pytest.param(
            mail(
                "Welcome aboard!",
                "Welcome aboard, Dana! Before your first day of the course, please complete the pre-course survey "
                "and upload a profile photo.",
                "CodeCamp <hello@codecamp.example>",
            ),
            id="course-welcome",
        ),
        pytest.param(
            mail(
                "You're eligible!",
                "Good news Dana - you have been found eligible for our Platinum upgrade. Upgrade today and get 2x "
                "points.",
                "Summit Bank <service@summitbank.example>",
            ),
            id="found-eligible-for-an-upgrade",
        ),
    ],
)
def test_it_keeps_relays_newsletters_and_welcomes_without_a_candidacy_out(
    rules: RulesClassifier, message: ParsedMessage
) -> None:
    assert rules.classify_sync(message).status == Status.NOT_JOB
