"""The same job email in the forms inboxes and exports carry it: forwarded by the user to
themselves (Gmail's and Outlook's forwarded blocks), hard-wrapped at 72 columns with CRLF
line ends. Each form must read as the original does. Every name here is invented."""

from __future__ import annotations

import quopri
import textwrap
from datetime import UTC, datetime

import pytest

from jobmail.classify.rules import RulesClassifier
from jobmail.evaluation import _company_match_key
from jobmail.message import ParsedMessage, parse_message
from jobmail.taxonomy import Status
from jobmail.text.clean import strip_quoted, unwrap_lines
from jobmail.text.html import html_to_text
from jobmail.text.names import title_key

USER = "Robin Vale <robin.vale@mailbox.example>"

# (sender, subject, date, body, status, company, title): invented originals.
ORIGINALS = [
    (
        "Pinecrest Analytics Careers <careers@pinecrest-analytics.example>",
        "Your application for Data Analyst",
        "Mon, 14 Sep 2026 09:12:00 +0100",
        "Dear Robin,\n\nThank you for applying for the Data Analyst role at Pinecrest Analytics. Our hiring "
        "team will review your application over the coming weeks, and if you are not selected for an interview "
        "we will let you know by email.\n\nKind regards,\nThe Pinecrest Analytics Recruiting Team",
        Status.APPLIED,
        "Pinecrest Analytics",
        "Data Analyst",
    ),
    (
        "Harbourline Logistics <no-reply@harbourline.example>",
        "Update on your application: Fleet Operations Planner",
        "Wed, 16 Sep 2026 16:40:00 +0200",
        "Hi Robin,\n\nThank you for taking the time to apply for the Fleet Operations Planner position with "
        "Harbourline Logistics. After careful consideration we have decided to move forward with other "
        "candidates whose experience more closely matches the needs of the team at this time.\n\nWe wish you "
        "every success in your search.\n\nHarbourline Logistics Talent Team",
        Status.REJECTED,
        "Harbourline Logistics",
        "Fleet Operations Planner",
    ),
    (
        "Mirela Osei <mirela.osei@quillbrook.example>",
        "Interview invitation - Junior Product Designer",
        "Thu, 17 Sep 2026 11:05:00 -0400",
        "Hello Robin,\n\nI enjoyed reading your portfolio and we would like to invite you to an interview for "
        "the Junior Product Designer position at Quillbrook Studio. Would Tuesday at 2pm or Wednesday at 10am "
        "suit you for a 45 minute video call with two of our designers?\n\nBest,\nMirela Osei\nPeople "
        "Partner, Quillbrook Studio",
        Status.INTERVIEW,
        "Quillbrook Studio",
        "Junior Product Designer",
    ),
    (
        "Talent at Northwind Grids <talent@northwindgrids.example>",
        "Complete your assessment for Grid Reliability Engineer",
        "Fri, 18 Sep 2026 08:00:00 +0000",
        "Dear Robin,\n\nThank you for your interest in the Grid Reliability Engineer role at Northwind Grids. "
        "As the next step in our process, please complete the online technical assessment within five days; "
        "once you have submitted it, the hiring manager will review your results and we will be in touch.\n\n"
        "Regards,\nNorthwind Grids Talent Acquisition",
        Status.ASSESSMENT,
        "Northwind Grids",
        "Grid Reliability Engineer",
    ),
    # The employer named only by the sender: a forward must not make it the user's mailbox.
    (
        "Ostara Robotics <jobs@ostararobotics.example>",
        "Your application",
        "Mon, 14 Sep 2026 09:12:00 +0100",
        "Hi Robin,\n\nThank you for your interest in the Controls Engineer opening. Unfortunately we will not "
        "be moving forward with your application.\n\nBest wishes",
        Status.REJECTED,
        "Ostara Robotics",
        "Controls Engineer",
    ),
    # A 72-column wrap cuts the employer's name and the condition before "move forward".
    (
        "Cobaltline Insurance <talent@cobaltline.example>",
        "We received your application",
        "Mon, 14 Sep 2026 09:12:00 +0100",
        "Hello Robin,\n\nThank you for applying to the Claims Analyst position at Cobaltline Insurance. We are "
        "reviewing applications now and if we decide to move forward with you we will invite you to an interview "
        "with the claims team.\n\nCobaltline Talent",
        Status.APPLIED,
        "Cobaltline Insurance",
        "Claims Analyst",
    ),
    (
        "Verdance Energy <careers@verdance.example>",
        "Thanks for your application",
        "Mon, 14 Sep 2026 09:12:00 +0100",
        "Dear Robin,\n\nThank you for applying for the Site Safety Officer post at Verdance Energy. Your "
        "application has been received. We will review it carefully and in case your experience matches what we "
        "need we will invite you to an interview.\n\nVerdance Energy Recruitment",
        Status.APPLIED,
        "Verdance Energy",
        "Site Safety Officer",
    ),
]


def raw_mail(sender: str, to: str, subject: str, date: str, body: str, *, crlf: bool = False) -> bytes:
    text = (
        f"From: {sender}\nTo: {to}\nSubject: {subject}\nDate: {date}\nMessage-ID: <form@mailbox.example>\n"
        f"Content-Type: text/plain; charset=utf-8\n\n{body}"
    )
    return (text.replace("\n", "\r\n") if crlf else text).encode()


def gmail_forward(sender: str, subject: str, date: str, body: str, note: str = "") -> bytes:
    block = f"---------- Forwarded message ---------\nFrom: {sender}\nDate: {date}\nSubject: {subject}\nTo: {USER}\n"
    return raw_mail(USER, USER, f"Fwd: {subject}", "Sat, 19 Sep 2026 07:30:00 +0000", f"{note}\n\n{block}\n\n{body}")


def outlook_forward(sender: str, subject: str, body: str) -> bytes:
    name, _, address = sender.rpartition(" <")
    block = (
        f"________________________________\nFrom: {name} <{address.rstrip('>')}>\n"
        f"Sent: Tuesday, September 15, 2026 3:20 PM\nTo: {USER}\nSubject: {subject}\n"
    )
    return raw_mail(USER, USER, f"FW: {subject}", "Sat, 19 Sep 2026 07:30:00 +0000", f"\n\n{block}\n{body}")


def wrapped(body: str, width: int = 72) -> str:
    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)) if line else ""
        for line in body.split("\n")
    )


def answer(rules: RulesClassifier, email: ParsedMessage) -> tuple[str, str, str]:
    result = rules.classify_sync(email)
    return result.status, _company_match_key(result.company), title_key(result.job_title)


def expected(status: str, company: str, title: str) -> tuple[str, str, str]:
    return status, _company_match_key(company), title_key(title)


@pytest.mark.parametrize(("sender", "subject", "date", "body", "status", "company", "title"), ORIGINALS)
def test_it_reads_a_gmail_forward_to_oneself_as_the_original(
    rules: RulesClassifier, sender: str, subject: str, date: str, body: str, status: str, company: str, title: str
) -> None:
    email = parse_message(gmail_forward(sender, subject, date, body))
    assert answer(rules, email) == expected(status, company, title)


@pytest.mark.parametrize(("sender", "subject", "date", "body", "status", "company", "title"), ORIGINALS)
def test_it_reads_an_outlook_forward_to_oneself_as_the_original(
    rules: RulesClassifier, sender: str, subject: str, date: str, body: str, status: str, company: str, title: str
) -> None:
    email = parse_message(outlook_forward(sender, subject, body))
    assert answer(rules, email) == expected(status, company, title)


@pytest.mark.parametrize(("sender", "subject", "date", "body", "status", "company", "title"), ORIGINALS)
def test_it_reads_a_hard_wrapped_email_with_crlf_as_the_original(
    rules: RulesClassifier, sender: str, subject: str, date: str, body: str, status: str, company: str, title: str
) -> None:
    email = parse_message(raw_mail(sender, USER, subject, date, wrapped(body), crlf=True))
    assert answer(rules, email) == expected(status, company, title)


def test_it_takes_sender_subject_and_date_from_the_forwarded_block() -> None:
    sender, subject, date, body = ORIGINALS[1][:4]
    email = parse_message(gmail_forward(sender, subject, date, body, note="for my records"))
    assert email.sender_email == "no-reply@harbourline.example"
    assert email.subject == subject
    assert email.received_at == datetime(2026, 9, 16, 14, 40, tzinfo=UTC)
    assert email.sender_utc_offset == 120
    assert email.forwarded_by == "Robin Vale <robin.vale@mailbox.example>"
    assert "Forwarded message" not in email.body_text
    assert email.body_text.startswith("for my records\n\nHi Robin,")


@pytest.mark.parametrize(
    "date",
    ["Tue, Sep 15, 2026 at 3:20 PM", "Tuesday, September 15, 2026 3:20 PM", "15 September 2026 at 15:20"],
)
def test_it_reads_the_dates_mail_clients_print_in_a_forwarded_block(date: str) -> None:
    sender, subject, _date, body = ORIGINALS[0][:4]
    email = parse_message(gmail_forward(sender, subject, date, body))
    assert email.received_at == datetime(2026, 9, 15, 15, 20, tzinfo=UTC)


def test_it_keeps_a_recruiters_forward_with_a_message_of_their_own() -> None:
    note = (
        "Hi Robin, the hiring manager at Quillbrook Studio sent the note below after reading your portfolio. "
        "She would love to speak with you this week about the design role; I have copied her message so you "
        "can see exactly what she said, and I am happy to set up the call for whichever slot suits you best."
    )
    sender, subject, date, body = ORIGINALS[2][:4]
    raw = raw_mail(
        "Dario Finch <dario@finchtalent.example>",
        USER,
        f"Fwd: {subject}",
        date,
        f"{note}\n\n---------- Forwarded message ---------\nFrom: {sender}\nDate: {date}\nSubject: {subject}\n\n{body}",
    )
    email = parse_message(raw)
    assert email.sender_email == "dario@finchtalent.example"
    assert email.forwarded_by == ""


def test_it_does_not_take_a_body_opening_with_from_for_a_forward() -> None:
    body = "From: the platform team\nDate: next Monday\n\nWe are moving the office to the third floor."
    email = parse_message(raw_mail("Office Desk <desk@lindenworks.example>", USER, "Office move", "", body))
    assert email.sender_email == "desk@lindenworks.example"
    assert email.subject == "Office move"


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        (
            "Our team will review your application, and if you are\nnot selected we will let you know.",
            "Our team will review your application, and if you are not selected we will let you know.",
        ),
        ("Role: Platform Engineer\nlocation to be agreed", None),
        ("Please confirm the following details for the onsite visit:\nparking, lunch and access", None),
        ("Thanks,\nrobin", None),
        (
            "Thank you for applying to the Claims Analyst position at Cobaltline\nInsurance. We are reviewing "
            "applications now and if we decide to move\nforward with you we will invite you to an interview.",
            "Thank you for applying to the Claims Analyst position at Cobaltline Insurance. We are reviewing "
            "applications now and if we decide to move forward with you we will invite you to an interview.",
        ),
        ("- Send us your portfolio\n- Book a slot", None),
    ],
)
def test_it_joins_a_sentence_a_hard_wrap_cut_in_two(text: str, joined: str | None) -> None:
    assert unwrap_lines(text) == (joined or text)


def html_only(body_html: str, *, quoted_printable: bool = False) -> bytes:
    headers = (
        "From: Sela Okafor <sela@brindlepoint.example>\nTo: robin.vale@mailbox.example\n"
        "Subject: Next step: Support Engineer\nDate: Mon, 14 Sep 2026 09:12:00 +0100\n"
        "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n"
    )
    if not quoted_printable:
        return f"{headers}\n{body_html}".encode()
    encoded = quopri.encodestring(body_html.encode())
    return f"{headers}Content-Transfer-Encoding: quoted-printable\n\n".encode() + encoded


@pytest.mark.parametrize("quoted_printable", [False, True])
@pytest.mark.parametrize(
    "link",
    ["https://www.hackerrank.com/tests/q7x2k/login", "https://app.codesignal.com/test/f3b9/start"],
)
def test_it_reads_a_test_platform_behind_an_html_only_button(
    rules: RulesClassifier, link: str, quoted_printable: bool
) -> None:
    body = (
        '<table width="600"><tr><td style="padding:20px"><p>Hi Robin,</p><p>Thanks for your application for the '
        "Support Engineer role at Brindlepoint. As a next step, please work through a short exercise within five "
        f'days.</p><p><a href="{link}" style="background:#0a6;color:#fff;padding:10px 18px">Begin</a></p>'
        "<p>Good luck,<br>Sela Okafor<br>Brindlepoint</p></td></tr></table>"
    )
    result = rules.classify_sync(parse_message(html_only(body, quoted_printable=quoted_printable)))
    assert (result.status, result.company, result.job_title) == (Status.ASSESSMENT, "Brindlepoint", "Support Engineer")


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        (
            '<p>Please <a href="https://sched.example/r/1">pick a slot</a>.</p>',
            "Please pick a slot <https://sched.example/r/1>.",
        ),
        ('<p><a href="https://sched.example/r/1">https://sched.example/r/1</a></p>', "https://sched.example/r/1"),
        ('<p><a href="mailto:sela@brindlepoint.example">write to us</a></p>', "write to us"),
        ('<p><a href="https://px.example/t"><img src="https://px.example/p.gif"></a>Hello</p>', "Hello"),
    ],
)
def test_it_keeps_a_links_address_after_its_words_in_html_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


def flattened(body: str) -> str:
    """The body as a database export keeps it: every run of whitespace one space."""
    return " ".join(body.split())


def test_it_reads_a_reply_exported_on_one_line_without_its_quoted_history(rules: RulesClassifier) -> None:
    reply = (
        "Hi Robin,\n\nThanks for sending the documents over, they all look complete. I will pass them to the "
        "hiring team for the Warehouse Shift Lead vacancy and come back to you with any questions.\n\nBest,\n"
        "Noor Haddad\nPeople Team, Ferrowick Supply\n\n"
        "On Mon, Sep 14, 2026 at 9:12 AM Robin Vale <robin.vale@mailbox.example> wrote:\n"
        "> Hi Noor, thanks for the note. Happy to set up an initial call whenever suits you;\n"
        "> I am free most afternoons this week. Attached are my certificates.\n"
    )
    raw = raw_mail(
        "Noor Haddad <noor.haddad@ferrowick.example>",
        USER,
        "Re: Warehouse Shift Lead",
        "Tue, 15 Sep 2026 10:00:00 +0100",
        flattened(reply),
    )
    result = rules.classify_sync(parse_message(raw))
    # The user's own words in the quote ("set up an initial call") are no invitation.
    assert result.status != Status.INTERVIEW
    assert (
        result.status
        == rules.classify_sync(parse_message(raw.replace(flattened(reply).encode(), reply.encode()))).status
    )


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Thanks, see you then. Sam On Tue, Sep 8, 2026 at 10:00 AM Acme <jobs@acme.example> wrote: > Are you free?",
            "Thanks, see you then. Sam",
        ),
        # "On" with no date or address before "wrote" is a sentence, not an attribution.
        ("On reflection the panel wrote: we liked your answers a lot.", None),
        # Text that keeps its lines is read by the line-anchored patterns only.
        ("Thanks.\nOn the day, the manager wrote: 2 pages\nmore\nlines\nhere\n", None),
    ],
)
def test_it_cuts_an_attribution_inside_a_line_only_in_flattened_text(text: str, kept: str | None) -> None:
    assert strip_quoted(text).strip() == (kept or text).strip()


@pytest.mark.parametrize("dash", ["-", "\u2013", "\u2014", "\u2212"])
def test_it_reads_a_job_card_whatever_dash_an_editor_put_in_it(rules: RulesClassifier, dash: str) -> None:
    body = (
        "Application submitted\n\nPlant Maintenance Technician\n\n"
        f"Glenmoor Mills {dash} Dayton, OH\n\nThe following items were sent to Glenmoor Mills. Good luck!\n\nResume\n"
    )
    raw = raw_mail(
        "Indeed Apply <indeedapply@indeed.com>",
        USER,
        "Indeed Application: Plant Maintenance Technician",
        "Mon, 14 Sep 2026 09:12:00 +0100",
        body,
    )
    result = rules.classify_sync(parse_message(raw))
    assert (result.status, result.company, result.job_title) == (
        Status.APPLIED,
        "Glenmoor Mills",
        "Plant Maintenance Technician",
    )
