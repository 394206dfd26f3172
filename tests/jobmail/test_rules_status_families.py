"""Families of job mail whose status real inboxes word in many ways: invitations to
interview, soft rejections, requests to act, offers and withdrawals, and the look-alikes
that are not job mail. Every email here is invented for the test."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.message import ParsedMessage
from jobmail.taxonomy import Status
from tests.jobmail.messages import mail

# --- invitations to interview ---------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Your application to Greyhaven Studios",
            "Hi Dana,\n\nWe are pleased to let you know that you have been selected to move on to the interview "
            "stage for the Level Designer position. A member of our team will contact you shortly to arrange a "
            "date and time.\n\nBest regards,\nGreyhaven Studios Talent Team",
            "Greyhaven Studios <careers@greyhaven.example>",
        ),
        mail(
            "RE: Application for Graduate Analyst",
            "Dear Dana,\n\nThank you for your application. We would like you to attend an interview at our "
            "London office on 3 October. Please confirm whether you are able to attend.\n\nKind regards,\n"
            "Graduate Recruitment",
            "Graduate Recruitment <graduates@northbank.example>",
        ),
        # "see if you could": an invitation asked politely, not a condition.
        mail(
            None,
            "Hi Dana, this is Mark from Copperfield. I saw your application for the Electrician Apprentice role "
            "and wanted to see if you could come in for a quick sit-down this Friday at 10am. Let me know!",
        ),
        mail(
            "Thanks for applying to Kestrel",
            "Hi Dana,\n\nThanks for applying to the Support Engineer role! The next step in our process is a "
            "30-minute phone call with a member of our recruiting team. Please use the link below to schedule a "
            "time that works for you.\n\nKestrel Recruiting",
            "Kestrel Recruiting <recruiting@kestrel.example>",
        ),
        mail(
            "Copperfield - next steps",
            "Hi Dana,\n\nWe'd like to invite you to meet with our analytics team on Tuesday, September 22 at 2:00 "
            "PM. Please confirm your attendance by replying to this email.\n\nThanks,\nCopperfield HR",
            "Copperfield HR <hr@copperfield.example>",
        ),
        mail(
            "Re: Junior Analyst application",
            "Hi Dana,\n\nThanks for your application. We'd like to continue the conversation with a video call "
            "with the hiring manager. Which of these slots suits you best: Wed 10:00, Wed 15:00 or Thu 11:00?"
            "\n\nRegards,\nOwen",
            "Owen Park <owen.park@tallmeadow.example>",
        ),
        mail(
            "Your application for Payroll Specialist",
            "Dear Dana,\n\nThank you for your application for the Payroll Specialist role. We would be pleased to "
            "invite you to our office for a meeting with the Finance Director on Monday, 28 September at 11:00."
            "\n\nKind regards,\nHR",
            "HR <hr@tallmeadow.example>",
        ),
        mail(
            "Reminder: your interview tomorrow",
            "Hi Dana,\n\nThis is a friendly reminder of your interview tomorrow, September 23, at 10:00 AM with the "
            "Copperfield analytics team. The video link is below.\n\nGood luck!\nCopperfield Recruiting",
            "Copperfield Recruiting <recruiting@copperfield.example>",
        ),
        # Thanks for scheduling an interview that is still ahead.
        mail(
            None,
            "Hi Dana, thank you for scheduling your interview for the Warehouse Lead position. We look forward to "
            "speaking with you on Tuesday at 1:30 PM.",
        ),
        # A join block titled "Interview", with no other word about the job.
        mail(
            "Interview",
            "Microsoft Teams meeting\n\nJoin on your computer, mobile app or room device\nClick here to join the "
            "meeting\nMeeting ID: 245 118 903 7\nPasscode: Xy7pQ2",
            "Ana Cole <ana.cole@copperfield.example>",
        ),
        # A scheduling mailer's footer does not make an invitation named twice bulk mail.
        mail(
            "Interview invitation from Pinecrest",
            "Hi Dana,\n\nPinecrest has invited you to a video interview for the Logistics Coordinator position. "
            "Click below to choose a time.\n\nChoose a time\n\nYou received this email because you applied on "
            "our career site. Manage preferences | Unsubscribe",
            "Pinecrest <pinecrest@candidates.example>",
        ),
    ],
)
def test_it_reads_invitations_to_interview_in_their_many_forms(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert rules.classify_sync(message).status == Status.INTERVIEW


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Schedule your dental appointment",
            "Hi Dana, it's time for your six-month cleaning. Pick a time that works for you: "
            "https://calendly.com/smile-dental\n\nSmile Dental",
            "Smile Dental <hello@smiledental.example>",
        ),
        mail(
            "Book club: pick a time",
            "Hey Dana! Let me know what times work for you next week so we can plan the book club call.",
            "Jo <jo@gmail.com>",
        ),
        mail(
            "Re: dinner Thursday?",
            "Are you free on Thursday at 7? Let me know what times work for you.",
            "Max <max@gmail.com>",
        ),
        mail(
            "Schedule your car service",
            "Hi Dana, your car is due for its annual service. Book a time that works for you online.",
            "AutoCare <service@autocare.example>",
        ),
    ],
)
def test_it_does_not_take_a_request_for_a_time_without_a_job_for_an_interview(
    rules: RulesClassifier, message: ParsedMessage
) -> None:
    assert rules.classify_sync(message).status == Status.NOT_JOB


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Webinar: acing your next interview",
            "Join our free webinar and learn how to prepare for your next interview. Register now.\n\nUnsubscribe",
            "Career Tips <news@careertips.example>",
        ),
        mail(
            "Inside Copperfield: an interview with our CEO",
            "This month's newsletter features an interview with our CEO about the year ahead, plus product "
            "updates.\n\nRead more\n\nUnsubscribe",
            "Copperfield News <news@copperfield.example>",
        ),
    ],
)
def test_it_does_not_read_advice_or_a_newsletter_about_interviews_as_an_invitation(
    rules: RulesClassifier, message: ParsedMessage
) -> None:
    assert rules.classify_sync(message).status == Status.NOT_JOB


# --- soft rejections ------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Your application with Nimbusworks",
            "Hi Dana,\n\nThank you for your interest in Nimbusworks and the exciting opportunity to join our "
            "Platform team. We received many strong applications, and after reviewing yours, the team has "
            "decided to move forward in the process with applicants whose experience more directly matches the "
            "role.\n\nWe'll keep your details and reach out if a new opportunity comes up that fits your "
            "background.\n\nBest,\nNimbusworks Talent",
            "Nimbusworks Talent <talent@nimbusworks.example>",
        ),
        mail(
            "Update on your application",
            "Hi Dana,\n\nThanks so much for your time and interest in the Content Strategist role. I wanted to "
            "reach out personally to let you know that we've chosen to continue our conversations with other "
            "folks at this time.\n\nWe were really impressed with your portfolio and think you could be a great "
            "fit for a future role here, so please stay in touch!\n\nAll the best,\nHannah",
            "Hannah Brook <hannah@lumenpress.example>",
        ),
        # "Reaching out regarding your application" is about the user's candidacy, not outreach.
        mail(
            "Regarding your application for Graphic Designer",
            "Hi Dana,\n\nI'm reaching out regarding your application for the Graphic Designer role. After much "
            "discussion, the team has decided that your experience isn't quite what we need for this particular "
            "position. We'd love for you to apply again for other roles that interest you.\n\nThank you,\n"
            "Lumen Press",
            "Lumen Press Careers <careers@lumenpress.example>",
        ),
        # An interview thanked for and the next round denied.
        mail(
            "Your candidacy at Saltmarsh",
            "Dana,\n\nWe appreciate you taking the time to interview with us for the DevOps Engineer role. This "
            "was a tough decision, but we won't be moving to the next round with your candidacy.\n\nWe wish you "
            "success in your search.\n\nSaltmarsh People Team",
            "Saltmarsh People <people@saltmarsh.example>",
        ),
        mail(
            "Thank you for your interest",
            "Hi Dana,\n\nThanks for your interest in the Junior Product Manager role at Pinecrest. We've had an "
            "incredible response and have made the difficult choice to focus on candidates with more direct "
            "product experience for this role. We're growing fast and would love to see you apply for future "
            "roles that fit your background.\n\nThe Pinecrest Team",
            "Pinecrest <careers@pinecrest.example>",
        ),
        mail(
            "Summer Internship Program",
            "Dear Dana,\n\nThank you for your interest in our 2027 Summer Internship Program. We received "
            "thousands of applications this year, which made our selection process highly competitive. After "
            "careful review, we are unable to extend an invitation to interview at this time.\n\nWe appreciate "
            "your interest and encourage you to apply again next year.",
        ),
        mail(
            None,
            "Hello Dana,\n\nWe wanted to thank you for your interest in the Marketing Coordinator role. After "
            "reviewing your application, we have concluded that we will not be moving you forward in the hiring "
            "process.\n\nBest,\nThe Recruiting Team",
        ),
        mail(
            "Internship Application Update",
            "Hi Dana,\n\nThanks for applying to our internship program! We were humbled by the number of "
            "talented applicants. Unfortunately, we don't have a spot for you this summer. We hope you stay in "
            "touch and apply for our full-time roles down the road.\n\nCheers,\nUniversity Recruiting",
        ),
        mail(
            "Your interview with Orbitline",
            "Hi Dana,\n\nThank you for interviewing with us for the Data Analyst role. The team enjoyed meeting "
            "you, but we have decided to keep looking for a candidate with more experience in forecasting.\n\n"
            "Best wishes,\nGrace",
            "Grace Liu <grace.liu@orbitline.example>",
        ),
        mail(
            "Your assessment results",
            "Hi Dana,\n\nThank you for completing the online assessment for the Junior Analyst role. After "
            "reviewing the results, we will not be moving forward at this time.\n\nOrbitline Recruiting",
            "Orbitline Recruiting <recruiting@orbitline.example>",
        ),
        mail(
            None,
            "Hi Dana, thanks for completing the take-home challenge. The team reviewed your submission carefully "
            "and decided it is not quite the level we need for this role, so we won't be continuing the process.",
        ),
        mail(
            None,
            "Hi Dana, we appreciate your interest in joining our team. We've had a chance to review your "
            "qualifications and, while they are impressive, they don't align with what we need for this role "
            "right now.",
        ),
    ],
)
def test_it_reads_soft_rejections_as_rejections(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert rules.classify_sync(message).status == Status.REJECTED


@pytest.mark.parametrize(
    "body",
    [
        "Hi Dana, we are moving forward with your application for the Analyst role and will be in touch.",
        "Hi Dana, the team reviewed your assessment and we will be moving forward! We'd like to invite you to a "
        "final interview next week.",
    ],
)
def test_it_does_not_read_moving_forward_as_a_rejection(rules: RulesClassifier, body: str) -> None:
    result = rules.classify_sync(mail("Your application", body, "Jo Lee <jo.lee@acme.example>"))
    assert result.status != Status.REJECTED


# --- offers and withdrawals ---------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Congratulations!",
            "Hi Dana,\n\nI'm thrilled to let you know that the team would like you to join us as our new "
            "Frontend Developer! Your formal paperwork will follow from HR this week, including salary and start "
            "date details.\n\nWelcome!\nAna",
            "Ana Cole <ana.cole@copperfield.example>",
        ),
        mail(
            "Offer for Data Analyst",
            "Dear [Candidate Name],\n\nWe are pleased to inform you that you have been selected for the position "
            "of [Job Title] at [Company Name]. Your starting salary will be [Amount] per year and your start date "
            "is [Start Date].\n\nPlease confirm your acceptance by [Date].\n\nSincerely,\n[Your Name]",
        ),
        mail(
            None,
            "Dear [Name],\n\nFollowing our recent discussions, I am happy to confirm that [Company] would like to "
            "engage you on a contract basis as [Position] for a period of [Duration]. Your rate will be [Rate] per "
            "hour. This is a fixed-term engagement and you will not be eligible for employee benefits.\n\nPlease "
            "sign and return the attached agreement.\n\nBest regards,\n[Name]",
        ),
        mail(
            "Great news from Lumen Press",
            "Hi Dana,\n\nGood news: you got the job! We'd like to welcome you as Editorial Assistant starting "
            "October 1. I'll send over the paperwork tomorrow.\n\nBest,\nHannah",
            "Hannah Brook <hannah@lumenpress.example>",
        ),
    ],
)
def test_it_reads_offers_in_words_beyond_offer(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert rules.classify_sync(message).status == Status.OFFER


@pytest.mark.parametrize(
    "message",
    [
        mail(
            None,
            "Dear [Recruiter Name],\n\nPlease accept this email as formal notice that I am withdrawing from "
            "consideration for the [Job Title] position at [Company]. I no longer wish to be considered for the "
            "role.\n\nSincerely,\n[Your Name]",
        ),
        # The user's own "decided not to move forward with my application" is no rejection.
        mail(
            None,
            "Dear Hiring Manager, thank you for the offer to interview for the Analyst position. Unfortunately, I "
            "have decided not to move forward with my application, as my circumstances have changed. I "
            "appreciate your understanding.",
        ),
        # Declining an offer or an interview is the user's own withdrawal.
        mail(
            "Re: Offer - Data Analyst",
            "Dear Ms. Cole,\n\nThank you very much for the offer. After careful consideration, I have decided to "
            "decline, as I have chosen to accept a position that is closer to home.\n\nBest regards,\nDana",
            "Dana Demo <dana@example.com>",
        ),
        mail(
            "Re: Interview invitation",
            "Hello,\n\nThank you for considering me. I regret to inform you that I will not be able to continue in "
            "the process, as my plans have changed. I wish you and the team all the best.\n\nDana",
            "Dana Demo <dana@example.com>",
        ),
        mail(
            "Candidate withdrawal confirmation",
            "Dear Dana,\n\nThis confirms that you have removed yourself from consideration for the Program Analyst "
            "position. No further action is needed.\n\nHuman Resources",
            "Human Resources <hr@county.example>",
        ),
    ],
)
def test_it_reads_the_users_own_withdrawal(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert rules.classify_sync(message).status == Status.WITHDRAWN


def test_it_still_reads_an_employer_who_cannot_continue_with_the_application_as_a_rejection(
    rules: RulesClassifier,
) -> None:
    result = rules.classify_sync(
        mail(
            "Your application",
            "Hi Dana,\n\nThank you for your interest in the Analyst role. I'm sorry to say I will not be able to "
            "move forward with your application at this time.\n\nLena",
            "Lena Ortiz <lena.ortiz@copperfield.example>",
        )
    )
    assert result.status == Status.REJECTED


@pytest.mark.parametrize(
    "body",
    [
        "Hello [**name**],\n\nThanks for the great conversation. We would like to invite you to do a short trial "
        "task so we can see how you work. The task should take about 2 hours.\n\n[**signature**]",
        "Hi {{first_name}}, as part of our hiring process we ask all candidates to take a 20-minute skills quiz. "
        "You can start it any time in the next 5 days using the link below.",
    ],
)
def test_it_reads_a_task_or_quiz_in_a_template_as_an_assessment(rules: RulesClassifier, body: str) -> None:
    assert rules.classify_sync(mail(None, body)).status == Status.ASSESSMENT


def test_it_reads_the_paperwork_after_an_accepted_offer_as_action_required(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        mail(
            None,
            "Dear [**name**],\n\nCongratulations on accepting our offer! Before your first day, please prepare the "
            "following documents: a copy of your ID card, your bank account details and your signed employment "
            "contract.\n\n[**signature**]",
        )
    )
    assert result.status == Status.ACTION_REQUIRED


# --- requests to act, and mail through mailers without headers --------------------------


@pytest.mark.parametrize(
    "message",
    [
        # "Your application is incomplete" is not "your application is in".
        mail(
            None,
            "Dear Dana, thank you for your application for the Admin Officer role. Your application is "
            "incomplete as the required cover letter was not attached. Please resubmit your application with a "
            "cover letter before the closing date.",
        ),
        mail(
            "Your application: one more step",
            "Hi Dana,\n\nWe noticed you started an application for Warehouse Associate but didn't finish. Pick "
            "up where you left off - it only takes a few minutes.\n\nResume application\n\nTallmeadow Careers",
            "Tallmeadow Careers <careers@tallmeadow.example>",
        ),
        mail(
            "Next step: a few questions",
            "Hi Dana,\n\nThanks for applying to be a Delivery Driver! To move forward, please answer a few "
            "eligibility questions and upload your driver's license through the link below.\n\nContinue",
            "Riverton Logistics <jobs@riverton.example>",
        ),
        mail(
            None,
            "Dear Candidate, we are pleased to inform you that you have progressed to the next stage. Before we "
            "proceed, you are required to submit certified copies of your academic certificates and a completed "
            "application form to the HR department by Friday.",
        ),
        mail(
            "Your application: questions from the hiring team",
            "Hi Dana,\n\nThe hiring team has a few questions about your application for the Sales Associate "
            "role. Please log in and respond to the questions in your candidate dashboard.\n\nRiverton Careers",
            "Riverton Careers <careers@riverton.example>",
        ),
        mail(
            "Complete your pre-employment screening",
            "Hi Dana,\n\nCongratulations on your conditional offer acceptance! Your next step is to complete the "
            "pre-employment screening through our partner portal within 5 days.\n\nPinecrest HR",
            "Pinecrest HR <hr@pinecrest.example>",
        ),
        # A reminder through a mailer, without headers.
        mail(
            None,
            "Hi Dana,\n\nWe noticed you started applying for Field Technician but didn't finish. Just click below "
            "to pick up where you left off.\n\nTeam Riverton\n\nUnsubscribe | Privacy",
        ),
    ],
)
def test_it_reads_requests_to_act_as_action_required(rules: RulesClassifier, message: ParsedMessage) -> None:
    assert rules.classify_sync(message).status == Status.ACTION_REQUIRED


def test_it_does_not_read_an_option_a_confirmation_lists_as_a_request(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        mail(
            "Your candidate account",
            "Hi Dana,\n\nYour candidate account at Copperfield Careers has been created. You can now track your "
            "applications and update your profile.\n\nCopperfield Careers",
            "Copperfield Careers <careers@copperfield.example>",
        )
    )
    assert result.status == Status.OTHER_JOB


@pytest.mark.parametrize(
    "body",
    [
        "Dear Dana,\n\nThank you for your recent application to the Network Engineer position at Orbitline. Your "
        "submission will be reviewed by our recruiting team.\n\nOrbitline Talent Acquisition\n\nThis email was "
        "intended for dana@example.com. Unsubscribe",
        # Tracking the status is an option a confirmation offers, not a status update.
        "Thanks Dana!\n\nWe just received your application for the Cloud Engineer position. We're currently "
        "reviewing your skills and experience, and if you're a good fit, we will be in touch.\n\nMeanwhile, you "
        "can track the status of your application in your candidate profile.\n\nPinecrest Talent Acquisition",
    ],
)
def test_it_reads_a_confirmation_without_headers(rules: RulesClassifier, body: str) -> None:
    assert rules.classify_sync(mail(None, body)).status == Status.APPLIED


def test_it_reads_a_proposal_asked_as_an_indirect_question_as_outreach(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        mail(
            None,
            "Hi Dana, saw your profile and wanted to see if you'd be interested in a Senior SRE position at a "
            "fintech startup. Fully remote, $180k base. Let me know!",
        )
    )
    assert result.status == Status.RECRUITER_OUTREACH


@pytest.mark.parametrize(
    "body",
    [
        "Hello,\n\nHope you are doing well. My name is Priya and I am a Technical Recruiter at Fieldstone "
        "Staffing. I have an urgent requirement for one of our clients; please find the details below and let me "
        "know if you are interested.\n\nPlease share your updated resume.\n\nTo unsubscribe from future "
        "emails, click here.",
        "Hi,\n\nI am sending you this email regarding a contract position. Please review the job description "
        "below and reply with your resume and expected rate.\n\nJob Title: Data Engineer\nLocation: Austin, TX "
        "(Hybrid)\nDuration: 6+ months\nRate: DOE\n\nIf you no longer wish to receive these emails, "
        "unsubscribe.",
    ],
)
def test_it_reads_a_recruiters_mass_mailing_without_headers_as_outreach(rules: RulesClassifier, body: str) -> None:
    assert rules.classify_sync(mail(None, body)).status == Status.RECRUITER_OUTREACH


def test_it_keeps_a_marketing_offer_and_a_welcome_out(rules: RulesClassifier) -> None:
    offer = mail(
        "Dana, we'd like to offer you a free month",
        "Hi Dana, we'd like to offer you a free month of Premium. Claim it before Sunday.\n\nUnsubscribe",
        "Streamly <offers-team@streamly.example>",
    )
    welcome = mail(
        "Welcome!",
        "Hi Dana, we're excited to welcome you as a new member of the Streamly family. Start watching now.",
        "Streamly <hello@streamly.example>",
    )
    assert rules.classify_sync(offer).status == Status.NOT_JOB
    assert rules.classify_sync(welcome).status == Status.NOT_JOB


@pytest.mark.parametrize(
    "message",
    [
        mail(
            "Change careers in 12 weeks",
            "Hi Dana, my name is Sarah and I'm an admissions advisor at CodeCamp. Our bootcamp is an exciting "
            "opportunity to start a new career in tech. Enroll today!\n\nUnsubscribe",
            "CodeCamp <hello@codecamp.example>",
        ),
        mail(
            "Jobs digest",
            "Jobs picked for you this week:\n\nTitle: Data Analyst\nCompany: Kestrel\nLocation: Remote\n\n"
            "Title: Backend Engineer\nCompany: Orbitline\nLocation: Austin\n\nTitle: QA Engineer\nCompany: "
            "Copperfield\nLocation: Denver\n\nUnsubscribe",
            "Jobs <digest@jobboard.example>",
        ),
    ],
)
def test_it_keeps_marketing_and_digests_with_a_person_or_a_job_card_out(
    rules: RulesClassifier, message: ParsedMessage
) -> None:
    assert rules.classify_sync(message).status == Status.NOT_JOB


def test_it_reads_a_recruiters_own_apply_now_subject_as_outreach_not_a_digest(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        mail(
            "Immediate need: Security Analyst (Remote) - apply now",
            "Hi Dana,\n\nI'm reaching out about an immediate opening for a Security Analyst with one of our federal "
            "clients. The role is remote and pays $60-70/hr on W2. If you're interested, reply with your updated "
            "resume and a good time to talk.\n\nThanks,\nKaren Lee\nSenior Recruiter | Fieldstone Staffing\n\n"
            "Unsubscribe",
            "Karen Lee <karen.lee@mail.fieldstone.example>",
        )
    )
    assert result.status == Status.RECRUITER_OUTREACH
    digest = rules.classify_sync(
        mail(
            "Security Analyst jobs - apply now",
            "Security Analyst - Kestrel - Remote\nSOC Analyst - Orbitline - Austin\n\nSee all jobs\n\nUnsubscribe",
            "Jobs <jobs-noreply@jobboard.example>",
        )
    )
    assert digest.status == Status.NOT_JOB


def test_it_keeps_a_recruiters_request_for_a_resume_after_a_reply_as_outreach(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        mail(
            "Re: Java Developer - Remote",
            "Hi Dana,\n\nThanks for your response! Please send me your updated resume, your expected hourly rate "
            "and your availability for a quick call.\n\nRegards,\nKaren",
            "Karen Lee <karen.lee@fieldstone.example>",
        )
    )
    assert result.status == Status.RECRUITER_OUTREACH
    # Paperwork the recruiter needs before putting the user forward is a request.
    paperwork = rules.classify_sync(
        mail(
            "Re: Data Analyst - next steps",
            "Hi Dana,\n\nThanks for your reply. Before I can submit your profile to the client, please complete the "
            "attached skills matrix and send me a copy of your work authorization.\n\nKaren",
            "Karen Lee <karen.lee@fieldstone.example>",
        )
    )
    assert paperwork.status == Status.ACTION_REQUIRED


def test_it_does_not_take_a_sellers_signature_title_for_a_job_word(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        mail(
            "Quick question about your team's tooling",
            "Hi Dana,\n\nI came across your profile and noticed you work on data pipelines. We've built a tool that "
            "cuts pipeline costs by 40%. Would you be open to a 15-minute call next week to see a demo?\n\nBest,\n"
            "Marco\nAccount Executive, PipeFast",
            "Marco Rossi <marco@pipefast.example>",
        )
    )
    assert result.status == Status.NOT_JOB


def test_it_reads_thanks_for_a_recorded_interview_as_a_status_update(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        mail(
            None,
            "Hi Dana, thanks for completing the HireVue video interview for the Associate role. Our team will review "
            "your responses and get back to you within two weeks.",
        )
    )
    assert result.status == Status.OTHER_JOB


def test_it_reads_an_employers_mailer_that_asks_for_an_assessment_as_an_assessment(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        mail(
            "Complete your assessment",
            "Hi Dana,\n\nAs the next step for the Data Analyst position, please complete the online assessment "
            "within 5 days.\n\nStart assessment\n\nCopperfield\n\nUnsubscribe",
            "Copperfield <noreply@copperfield.example>",
        )
    )
    assert result.status == Status.ASSESSMENT


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (
            "Hi Dana,\n\nThanks for your interest in the Analyst position. We are still reviewing candidates and "
            "expect to make a decision in the next two weeks.\n\nCopperfield\n\nUnsubscribe",
            Status.OTHER_JOB,
        ),
        (
            "Hi Dana,\n\nThanks for your interest in the Analyst position. We have received your application and "
            "will review it shortly.\n\nCopperfield\n\nUnsubscribe",
            Status.APPLIED,
        ),
    ],
)
def test_it_reads_thanks_for_the_users_interest_in_a_role_by_what_follows(
    rules: RulesClassifier, body: str, status: str
) -> None:
    result = rules.classify_sync(mail("Thanks for your interest", body, "Copperfield <noreply@copperfield.example>"))
    assert result.status == status


def test_it_reads_an_update_a_person_promises_on_the_role_as_job_mail(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        mail(
            "Re: Following up",
            "Hi Dana,\n\nThanks for checking in! The hiring manager is out this week, so we'll have an update for "
            "you on the Analyst role early next week. Please feel free to reach out if you have any questions.\n\n"
            "Lena",
            "Lena Ortiz <lena.ortiz@copperfield.example>",
        )
    )
    assert result.status == Status.OTHER_JOB


@pytest.mark.parametrize(
    ("message", "status"),
    [
        pytest.param(
            mail(
                "Next steps for Data Analyst",
                "Hi Dana,\n\nWe'd love to get to know you better! Please fill out the availability form below so we "
                "can schedule your first-round conversation with the team.\n\nPinecrest Recruiting",
                "Pinecrest Recruiting <recruiting@pinecrest.example>",
            ),
            Status.INTERVIEW,
            id="a-form-to-schedule-a-round",
        ),
        pytest.param(
            mail(
                "Onsite logistics",
                "Hi Dana,\n\nWe're excited to host you on October 20 for your final round. Please send us your "
                "travel preferences and we'll book your flight.\n\nPinecrest Recruiting",
                "Pinecrest Recruiting <recruiting@pinecrest.example>",
            ),
            Status.INTERVIEW,
            id="hosting-the-final-round",
        ),
        pytest.param(
            mail(
                "A few questions about your application",
                "Hi Dana,\n\nBefore we can continue with your application for the Data Analyst role, we need you "
                "to answer two questions: Are you authorized to work in the US? Will you require sponsorship? Reply "
                "to this email at your earliest convenience.\n\nPinecrest Recruiting",
                "Pinecrest Recruiting <recruiting@pinecrest.example>",
            ),
            Status.ACTION_REQUIRED,
            id="we-need-you-to-answer",
        ),
        pytest.param(
            mail(
                "Reminder: references",
                "Hi Dana, just a reminder that we still need the contact details of two professional references to "
                "finalize your candidacy for the Payroll Specialist role. Thanks! Jo",
                "Jo Park <jo@pinecrest.example>",
            ),
            Status.ACTION_REQUIRED,
            id="references-still-needed",
        ),
        pytest.param(
            mail(
                "Before your first day",
                "Hi Dana,\n\nWelcome aboard! Before your first day on November 2, please complete your I-9 and tax "
                "withholding forms in the onboarding portal.\n\nPinecrest People Team",
                "People <people@pinecrest.example>",
            ),
            Status.ACTION_REQUIRED,
            id="paperwork-after-a-welcome",
        ),
        # "Reach out with any questions" closes a thank-you; it is not outreach.
        pytest.param(
            mail(
                "Thank you",
                "Hi Dana,\n\nThanks for taking the time to interview with us yesterday for the Data Analyst role. The "
                "team enjoyed the conversation; we'll be in touch next week with an update. Please don't hesitate "
                "to reach out with any questions.\n\nJo",
                "Jo Park <jo@pinecrest.example>",
            ),
            Status.OTHER_JOB,
            id="reach-out-with-questions",
        ),
        # An option an update lists ("you can update your profile at any time") is no request.
        pytest.param(
            mail(
                "Your candidate account",
                "Hi Dana,\n\nYour candidate account at Pinecrest has been created. You can update your profile or "
                "upload a new resume at any time.\n\nPinecrest Careers",
                "Pinecrest <pinecrest@myworkday.com>",
            ),
            Status.OTHER_JOB,
            id="an-option-not-a-request",
        ),
    ],
)
def test_it_tells_interviews_requests_and_updates_apart(
    rules: RulesClassifier, message: ParsedMessage, status: Status
) -> None:
    assert rules.classify_sync(message).status == status


def test_it_reads_a_hiring_manager_writing_about_their_opening_as_outreach(rules: RulesClassifier) -> None:
    message = mail(
        "Backend role at Kestrel",
        "Hi Dana,\n\nI lead the payments team at Kestrel and we're hiring a Senior Backend Engineer. Your open-source "
        "work on queues caught my eye. Would you be up for a 20-minute chat next week?\n\nTom",
        "Tom Achter <tom@kestrel.example>",
    )
    assert rules.classify_sync(message).status == Status.RECRUITER_OUTREACH
