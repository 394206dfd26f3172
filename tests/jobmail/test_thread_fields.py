"""Company and title wherever an email ends up job mail: mail the rules call not job
mail keeps what it names (its thread may still make it job mail), and a reply that
names nothing shows its thread's application (the emails here are invented)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from jobmail.classify.rules import RulesClassifier
from jobmail.evaluation import Prediction, group_predictions
from jobmail.grouping import Grouper, MailFacts
from jobmail.taxonomy import Status
from tests.jobmail.messages import message, parsed

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

ZOOM_BLOCK = (
    "Quillfeather Labs is inviting you to a scheduled Zoom meeting.\n\n"
    "Join Zoom Meeting\nhttps://quillfeather.zoom.us/j/1234567890\n\nMeeting ID: 123 456 7890\nPasscode: 42\n"
)


def test_it_keeps_the_company_a_meeting_invitation_names_outside_a_job_context(rules: RulesClassifier) -> None:
    # No job word at all: not job mail by itself, an interview in a job thread.
    result = rules.classify_sync(
        parsed("Dana / Priya sync", ZOOM_BLOCK, sender="Priya Nandakumar <priya@quillfeather.example>")
    )
    assert result.status == Status.NOT_JOB
    assert result.meeting
    assert result.company == "Quillfeather Labs"


def test_it_keeps_what_a_person_names_in_mail_that_is_not_job_mail_yet(rules: RulesClassifier) -> None:
    # The first email of a thread whose reply ("I passed your resume on") is job mail.
    result = rules.classify_sync(
        parsed(
            "Coffee next week?",
            "Hi Dana,\n\nGreat to meet you at the data meetup on Thursday. Let me know when you are free for a "
            "coffee next week, I would love to hear more about your pipeline work.\n\nBest,\nPriya Nandakumar\n"
            "Head of Data | Quillfeather Labs\n",
            sender="Priya Nandakumar <priya@quillfeather.example>",
        )
    )
    assert result.status == Status.NOT_JOB
    assert result.company == "Quillfeather Labs"


def test_it_reads_no_company_in_list_mail(rules: RulesClassifier) -> None:
    # Newsletters and notifications never become job mail: no time is spent on them.
    result = rules.classify_sync(
        parsed(
            "This week at Quillfeather Labs",
            "Hello,\n\nQuillfeather Labs shipped three new features this week.\n\nUnsubscribe from this newsletter.\n",
            sender="Quillfeather Labs <news@quillfeather.example>",
        )
    )
    assert result.status == Status.NOT_JOB
    assert (result.company, result.job_title) == ("", "")


def test_it_does_not_take_the_signers_name_over_their_role_for_the_title(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        parsed(
            "Contract Rust developer – 6 months, remote",
            "Hi Dana,\n\nI came across your profile and I'm working with a logistics client who needs a contract "
            "Rust developer for six months, fully remote. Would you be open to a quick call this week?\n\n"
            "Kind regards,\nOwen Marsh\nSenior Consultant | Kestrel & Finch Talent\nDirect: +44 20 7946 0000\n",
            sender="Owen Marsh <owen.marsh@kestrelfinch.example>",
        )
    )
    assert result.status == Status.RECRUITER_OUTREACH
    assert result.job_title == "Contract Rust developer"


def test_it_never_takes_a_pronoun_for_the_employer(rules: RulesClassifier) -> None:
    result = rules.classify_sync(
        message(
            "Hi Dana,\n\nAs promised I passed your resume on to our recruiting team. They would like to invite you "
            "to a phone interview for the Senior Data Engineer role next week.\n\nPriya\n",
            subject="Re: Coffee next week?",
            sender="",
            sender_email="",
        )
    )
    assert result.status == Status.INTERVIEW
    assert result.company == ""


def test_it_names_mail_that_names_nothing_after_its_threads_application() -> None:
    grouper = Grouper()
    grouper.place(MailFacts("t-1", "", "Saltmarsh Analytics", "Data Engineer", T0, Status.APPLIED))
    reply = grouper.named_by_thread(MailFacts("t-1", "", "", "", T0 + timedelta(days=3)))
    assert (reply.company, reply.job_title) == ("Saltmarsh Analytics", "Data Engineer")
    # What the mail names itself stays; mail of another thread gets nothing.
    own = grouper.named_by_thread(MailFacts("t-1", "", "Saltmarsh", "", T0 + timedelta(days=4)))
    assert (own.company, own.job_title) == ("Saltmarsh", "Data Engineer")
    other = grouper.named_by_thread(MailFacts("t-2", "", "", "", T0 + timedelta(days=4)))
    assert (other.company, other.job_title) == ("", "")


def _prediction(ident: str, day: int, status: str, company: str = "", title: str = "", **kw: object) -> Prediction:
    values: dict[str, object] = {
        "message_id": ident,
        "split": "all",
        "true_status": status,
        "status": status,
        "true_job": status != Status.NOT_JOB,
        "job": status != Status.NOT_JOB,
        "true_company": "",
        "company": company,
        "true_title": "",
        "title": title,
        "confidence": 0.5,
        "classifier": "rules",
        "llm_calls": 0,
        "raw_chars": 0,
        "prompt_chars": 0,
        "received_at": T0 + timedelta(days=day),
    }
    values.update(kw)
    return Prediction(**values)  # type: ignore[arg-type]


def test_it_measures_the_company_a_thread_gives_its_replies_and_none_for_other_mail() -> None:
    ack = _prediction("a", 0, Status.APPLIED, "Saltmarsh Analytics", "Data Engineer", thread_id="t-1")
    # A calendar invitation in the thread, read as not job mail, naming nothing.
    invite = _prediction("b", 3, Status.NOT_JOB, thread_id="t-1", meeting=True)
    # Not job mail the rules read a company in, in no job thread: users never see it.
    newsletter = _prediction("c", 4, Status.NOT_JOB, "Quillfeather Labs", thread_id="t-2")
    group_predictions([ack, invite, newsletter])
    assert (invite.status, invite.company, invite.title) == (Status.INTERVIEW, "Saltmarsh Analytics", "Data Engineer")
    assert invite.group == ack.group
    assert (newsletter.job, newsletter.company, newsletter.title) == (False, "", "")
