"""Job mail or not, when the easy evidence is gone: a bland subject, a person at a free-mail
address, no applicant-tracking footer, one decisive sentence. And mail that only mentions a
job-ish word ("an interview with our founder") stays what it is. Every name here is invented."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.message import ParsedMessage
from jobmail.taxonomy import Status
from tests.jobmail.messages import body_only, mail

_PERSON = "Ilse Marchetti <ilse.marchetti@gmail.com>"


@pytest.mark.parametrize(
    "email",
    [
        # A call booked with the hiring side, called a conversation rather than an interview.
        mail(
            "Re: catching up",
            "Hi Dana,\n\nYou are still scheduled for the 20 minute conversation with our recruiter to go over "
            "the position and any questions you have.\n\nIlse",
            _PERSON,
        ),
        body_only("Good news: you have been scheduled for a short chat with the hiring manager on Friday."),
        # Thanks for the interest in a company and one of its roles: the user's own candidacy.
        mail(
            "Hello",
            "Dear Dana,\n\nThank you for your interest in Quillfeather Labs and the Platform Analyst role. "
            "We will be in touch.\n\nThe Quillfeather team",
            "Quillfeather Labs <notify@quillfeather.example>",
        ),
        body_only("Thanks for your interest in Orvane Freight and the Night Dispatcher position."),
        # A receipt with an aside between the thanks and what it thanks for.
        mail(
            "Following up",
            "Hi Dana,\n\nThank you, again, for submitting your application to Brightmoor. "
            "We'll review it shortly.\n\nBrightmoor",
            "Brightmoor <no-reply@brightmoor.example>",
        ),
        # Told they reached a later round, with a role named.
        mail(
            "Quick question",
            "Hi Dana,\n\nCongratulations on reaching the second round for the Data Engineer position. "
            "Details follow tomorrow.\n\nTeodor",
            "Teodor Balk <teodor.balk@outlook.com>",
        ),
        body_only("Great news - you have advanced to the final stage for the Store Manager role."),
        # The same kinds of mail in other words.
        mail(
            "Hello",
            "Hi Dana,\n\nThank you for your continued interest in the Site Reliability Engineer position at "
            "Corvell. We'll be in touch about next steps.\n\nMara",
            "Mara Quint <mara.quint@gmail.com>",
        ),
        mail(
            "Hello",
            "Hi Dana,\n\nThank you for interviewing with us last week. We are still deciding and will update "
            "you soon.\n\nMara",
            "Mara Quint <mara.quint@gmail.com>",
        ),
        mail(
            "Hello",
            "Hi Dana,\n\nFollowing our call, I've attached the job description for the Clinical Lead post. "
            "Let me know your thoughts.\n\nMara",
            "Mara Quint <mara.quint@gmail.com>",
        ),
        mail(
            "Hello",
            "Hi Dana,\n\nCongratulations, you passed the technical screen! Our recruiter will reach out with "
            "next steps.\n\nMara",
            "Mara Quint <mara.quint@gmail.com>",
        ),
        body_only("We enjoyed your portfolio and would love to move you forward in our process for the design role."),
        # Short notes from a person at free mail, one sentence each.
        mail(
            "Hello",
            "Hi Dana,\n\nYour logic test results are in and we'd like to progress you to the panel stage.\n\nJonah",
            "Jonah Iverly <jonah.iverly@yahoo.com>",
        ),
        mail(
            "",
            "Hi Dana,\n\nAre you still interested in the Warehouse Operative vacancy? Please reply yes or no.\n\nJonah",
            "Jonah Iverly <jonah.iverly@yahoo.com>",
        ),
        mail(
            "Hello",
            "Hi Dana,\n\nI'm reaching out on behalf of Wexmoor Health; they're looking for an ICU nurse and your "
            "CV stood out.\n\nJonah",
            "Jonah Iverly <jonah.iverly@yahoo.com>",
        ),
        mail(
            "Hello",
            "Hi Dana,\n\nPlease send over two referees and your right to work documents so we can finalise your "
            "contract.\n\nJonah",
            "Jonah Iverly <jonah.iverly@yahoo.com>",
        ),
    ],
)
def test_it_sees_job_mail_without_easy_evidence(rules: RulesClassifier, email: ParsedMessage) -> None:
    assert rules.classify_sync(email).is_job_related


@pytest.mark.parametrize(
    "email",
    [
        # An interview with someone else, told to a reader: no interview of the user.
        mail(
            "This week at the Copper Kettle",
            "Interview with our head baker in this issue.\n\nPlus three soup recipes for cold evenings.\n\nMarta",
            "Marta Oyelaran <marta@copperkettle.example>",
        ),
        body_only("Hello all,\nInterview with the mayor on page four, and the fair schedule below.\nRuth"),
        mail(
            "Hello",
            "Hi Sam,\n\nRead the interview with our new gardener on the blog; she has tips for tomatoes.\n\nJo",
            "Jo Pelletier <jo.pelletier@gmail.com>",
        ),
        # A guest thanked by a show.
        mail(
            "Thanks!",
            "Hi Sam,\n\nThank you for interviewing with us on the podcast last week; the episode about your "
            "career goes live on Monday.\n\nGreta Holm\nThe Long Table Show",
            "Greta Holm <greta@longtableshow.example>",
        ),
        # An opening in a calendar, not a vacancy.
        mail(
            "Re: Biscuit's check-up",
            "Hi Sam,\n\nWe have an opening in our schedule on Thursday at 10 if you want to bring Biscuit in. "
            "Let me know if that works for you.\n\nPriya Raman\nFernhill Vet Clinic",
            "Priya Raman <priya@fernhillvet.example>",
        ),
    ],
)
def test_it_leaves_other_interviews_alone(rules: RulesClassifier, email: ParsedMessage) -> None:
    result = rules.classify_sync(email)
    assert result.status == Status.NOT_JOB, result.reasons


def test_it_still_reads_an_interview_with_the_team(rules: RulesClassifier) -> None:
    email = mail(
        "Next steps",
        "Hi Dana,\n\nWe'd like to set up your interview with our engineering team for the Backend Developer "
        "role. Are you free on Tuesday?\n\nNoor Haddad\nTalent Partner, Sablewing",
        "Noor Haddad <noor@sablewing.example>",
    )
    assert rules.classify_sync(email).status == Status.INTERVIEW


def test_it_still_reads_an_opening_on_a_team(rules: RulesClassifier) -> None:
    email = mail(
        "Warehouse lead",
        "Hi Dana,\n\nI'm Oskar, a recruiter at Tallow & Finch. We have an opening for a Warehouse Lead in our "
        "Leeds site and I think you could be a great fit. Would you be open to a quick call?\n\nOskar Lund",
        "Oskar Lund <oskar.lund@tallowfinch.example>",
    )
    assert rules.classify_sync(email).status == Status.RECRUITER_OUTREACH
