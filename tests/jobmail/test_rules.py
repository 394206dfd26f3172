"""The offline rules classifier: statuses, exclusions, company, title and event dates."""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, datetime

import pytest

from jobmail.classify.result import Classification
from jobmail.classify.rules import RulesClassifier
from jobmail.classify.rules.company import extract_company, normalise_company
from jobmail.classify.rules.phrases import PhraseSet, load_rules
from jobmail.classify.rules.title import extract_title
from jobmail.filters import FILTER_FILE
from jobmail.message import ParsedMessage, parse_message
from jobmail.taxonomy import VALUES, Status


def email(
    subject: str,
    body: str,
    *,
    sender: str = "Jane Roe <jane.roe@acme-robotics.example>",
    date: str = "Tue, 08 Sep 2026 10:00:00 +0200",
    headers: str = "",
) -> ParsedMessage:
    raw = (
        f"From: {sender}\nTo: Dana Demo <dana@example.com>\nSubject: {subject}\nDate: {date}\n"
        f"Message-ID: <t@example>\nContent-Type: text/plain; charset=utf-8\n{headers}\n{body}"
    )
    return parse_message(raw.encode())


def classify(rules: RulesClassifier, *args: str, **kwargs: str) -> Classification:
    return rules.classify_sync(email(*args, **kwargs))


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Your application to Acme Robotics",
            "Hi Dana,\n\nThank you for applying to the Backend Engineer role. After careful consideration, "
            "we have decided to move forward with other candidates whose experience more closely matches our needs.",
        ),
        (
            "Ihre Bewerbung bei der Acme Robotics GmbH",
            "Sehr geehrte Frau Demo,\n\nvielen Dank für Ihre Bewerbung als Data Engineer (m/w/d). Leider müssen wir "
            "Ihnen mitteilen, dass wir Ihre Bewerbung nicht weiter berücksichtigen können.",
        ),
        (
            "Votre candidature chez Acme Robotics",
            "Bonjour Dana,\n\nNous vous remercions pour votre candidature au poste de Développeuse Java. Nous avons "
            "le regret de vous informer que nous ne pouvons pas donner une suite favorable à votre candidature.",
        ),
        (
            "Tu candidatura en Acme Robotics",
            "Hola Dana,\n\nGracias por tu candidatura para el puesto de Analista de datos. Lamentamos comunicarte "
            "que hemos decidido continuar con otros candidatos.",
        ),
        (
            "An update on your application",
            "Hi Dana,\n\nWe've decided to fill this role with an internal candidate, so we've closed the opening.",
        ),
    ],
)
def test_it_recognises_rejections_in_four_languages(rules: RulesClassifier, subject: str, body: str) -> None:
    result = classify(rules, subject, body)
    assert result.status == Status.REJECTED
    assert result.is_job_related
    assert result.company in ("Acme Robotics", "Acme Robotics GmbH")


def test_it_is_certain_of_an_ats_confirmation(rules: RulesClassifier) -> None:
    result = classify(
        rules,
        "Thank you for applying to Quillon Software",
        "Dear Dana,\n\nThank you for your application for the position of Senior Frontend Engineer at Quillon "
        "Software. We've received your application and our hiring team will review it. If your skills match our "
        "requirements, we will contact you to schedule an interview.\n\nKind regards,\nQuillon Software Talent Team",
        sender="Quillon Software <noreply@smartrecruiters.com>",
    )
    assert (result.status, result.company, result.job_title) == (
        Status.APPLIED,
        "Quillon Software",
        "Senior Frontend Engineer",
    )
    assert result.certain
    assert result.event_at is None
    assert any("ATS" in reason for reason in result.reasons)


def test_it_reads_a_german_personio_confirmation(rules: RulesClassifier) -> None:
    result = classify(
        rules,
        "Eingangsbestätigung: Ihre Bewerbung als Embedded Software Engineer (m/w/d)",
        "Guten Tag Frau Demo,\n\nvielen Dank für Ihre Bewerbung als Embedded Software Engineer (m/w/d) bei der "
        "Northwind Robotics GmbH.\n\nMit freundlichen Grüßen\nIhr Recruiting-Team der Northwind Robotics GmbH",
        sender="Northwind Robotics GmbH <northwind-robotics@jobs.personio.de>",
    )
    assert result.status == Status.APPLIED
    assert normalise_company(result.company) == "Northwind Robotics"
    assert result.job_title == "Embedded Software Engineer"


def test_it_marks_a_job_alert_digest_not_job_and_certain(rules: RulesClassifier) -> None:
    result = classify(
        rules,
        '12 new jobs for "Software Engineer" in Berlin',
        "Your job alert for Software Engineer\n\nBackend Engineer - Acme - Berlin\nEasy Apply\n\nSee all jobs",
        sender="LinkedIn Job Alerts <jobalerts-noreply@linkedin.com>",
    )
    assert (result.status, result.is_job_related, result.certain) == (Status.NOT_JOB, False, True)


def test_it_marks_an_employer_job_alert_not_job(rules: RulesClassifier) -> None:
    result = classify(
        rules,
        "New jobs matching your profile",
        "We found 3 jobs you may be interested in: Data Engineer, QA Engineer.\nManage your job alerts.",
        sender="Acme Careers <acme@myworkday.com>",
    )
    assert result.status == Status.NOT_JOB


def test_it_marks_social_notifications_not_job(rules: RulesClassifier) -> None:
    result = classify(
        rules,
        "Ana commented on your post",
        "Ana Lima commented: Congrats on the new role! Are you still interviewing?",
        sender="LinkedIn <notifications-noreply@linkedin.com>",
    )
    assert (result.status, result.certain) == (Status.NOT_JOB, True)


@pytest.mark.parametrize(
    ("subject", "body", "sender"),
    [
        ("Your order has shipped", "Your order #12345 is on its way.", "Shop <orders@shop.example>"),
        (
            "We received your application",
            "Thank you for applying for the Platinum credit card. We have received your application.",
            "Bank Cards <cards@bank.example>",
        ),
        (
            "Sunday + my interview with grandma",
            "I finally did my interview with grandma for the family history project!",
            "Mia <mia@gmail.com>",
        ),
        (
            "How to negotiate your offer",
            "CAREER COMPASS - Sunday edition\n\nEvery week readers ask about their job offer. Unsubscribe",
            "Career Compass <news@compass.example>",
        ),
    ],
)
def test_it_keeps_look_alikes_out(rules: RulesClassifier, subject: str, body: str, sender: str) -> None:
    result = classify(rules, subject, body, sender=sender)
    assert result.status == Status.NOT_JOB
    assert not result.is_job_related


def test_it_ignores_an_interview_mentioned_as_a_condition(rules: RulesClassifier) -> None:
    result = classify(
        rules,
        "Application received",
        "Thanks for applying to Lanternfish Bio.\n\n- If we'd like to move forward, we'll reach out to schedule a "
        "conversation.\n- Should your profile match, we will invite you to an interview.",
        sender="Lanternfish Bio <no-reply@jobvite.com>",
    )
    assert result.status == Status.APPLIED


def test_it_keeps_a_recruiters_call_proposal_as_outreach(rules: RulesClassifier) -> None:
    result = classify(
        rules,
        "Staff Engineer opportunity at Fjordline Systems",
        "Hi Dana,\n\nI came across your profile and your background caught my attention. We're hiring a Staff "
        "Engineer. Would you be open to a 20-minute conversation next week?",
        sender="Oskar Lindqvist via LinkedIn <inmail-hit-reply@linkedin.com>",
    )
    assert (result.status, result.company, result.job_title) == (
        Status.RECRUITER_OUTREACH,
        "Fjordline Systems",
        "Staff Engineer",
    )


@pytest.mark.parametrize(
    ("subject", "body", "status"),
    [
        ("Application withdrawn", "As requested, your application has been withdrawn.", Status.WITHDRAWN),
        (
            "Great news",
            "We're delighted to offer you the Data Engineer position. Your offer letter is attached.",
            "offer",
        ),
        (
            "Documents needed",
            "To continue with your application for the Analyst position, please upload a copy of your passport.",
            Status.ACTION_REQUIRED,
        ),
        (
            "Update on your application",
            "We are still reviewing applications for the Backend Engineer role and will update you next week.",
            Status.OTHER_JOB,
        ),
        (
            "Coding challenge",
            "As the next step for the Backend Engineer role, please complete the HackerRank coding challenge.",
            Status.ASSESSMENT,
        ),
    ],
)
def test_it_recognises_the_other_statuses(rules: RulesClassifier, subject: str, body: str, status: str) -> None:
    assert classify(rules, subject, body).status == status


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Re: Platform Engineer", "Thanks for letting us know you've accepted another offer. Congratulations!"),
        ("Your application", "We have received your request to withdraw from the Platform Engineer process."),
        ("Platform Engineer", "Sorry to hear you have decided to withdraw, but we understand. Best of luck."),
        (
            "Ihre Bewerbung",
            "Schade, dass Sie Ihre Bewerbung zurückziehen möchten. Wir haben den Rückzug Ihrer Bewerbung vermerkt.",
        ),
        ("Votre candidature", "Nous avons bien pris en compte votre désistement pour le poste de Data Engineer."),
        ("Tu candidatura", "Hemos recibido tu decisión de retirar tu candidatura al puesto de Data Engineer."),
    ],
)
def test_it_recognises_confirmations_of_a_withdrawal(rules: RulesClassifier, subject: str, body: str) -> None:
    assert classify(rules, subject, body).status == Status.WITHDRAWN


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Data Engineer", "We have offered the position to another candidate, so we are closing this search."),
        (
            "Your application",
            "Our final candidate has accepted the offer, and we are not in a position to offer you the role.",
        ),
        (
            "Platform Engineer",
            "Sadly it is not the outcome you were hoping for: we are heading in a different direction.",
        ),
        ("Your application", "Your application has not been progressed, and the role is no longer available."),
        (
            "Update",
            "We have now selected a candidate whose experience matches the brief, so we won't be pursuing your "
            "application.",
        ),
        ("Ihre Bewerbung", "Leider können wir Sie nicht für die nächste Auswahlrunde berücksichtigen."),
        (
            "Votre candidature",
            "Nous avons décidé de poursuivre avec une autre personne pour le poste de Data Engineer.",
        ),
        ("Tu candidatura", "En esta ocasión no podemos continuar; tu candidatura ha sido descartada."),
    ],
)
def test_it_recognises_indirect_rejections(rules: RulesClassifier, subject: str, body: str) -> None:
    # Even when the wording mentions an offer: a rejection outranks it.
    assert classify(rules, subject, body).status == Status.REJECTED


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Update on your application",
            "As you requested, we have withdrawn your application for the Data Engineer role.",
        ),
        ("AW: Bewerbung", "Auf Ihren Wunsch haben wir Ihre Bewerbung als Data Engineer zurückgezogen."),
        ("Tu candidatura", "Hemos retirado tu candidatura al puesto de Data Engineer, tal como nos pediste."),
    ],
)
def test_it_recognises_withdrawals_done_on_request(rules: RulesClassifier, subject: str, body: str) -> None:
    assert classify(rules, subject, body).status == Status.WITHDRAWN


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Re: Senior Data Engineer – client in Munich",
            "Thanks for sending over your CV. I have submitted your profile to my client for the Senior Data "
            "Engineer role; our client is reviewing profiles this week.",
        ),
        (
            "Your assessment",
            "Thanks for completing the coding challenge for the Data Engineer role. We'll review it soon.",
        ),
        ("Merci", "Merci pour cet échange très agréable sur le poste de Data Engineer. Je reviens vers vous lundi."),
        (
            "Your application",
            "Acme viewed your application for Data Engineer. Employers often take a few days to respond.",
        ),
    ],
)
def test_it_recognises_updates_without_a_decision(rules: RulesClassifier, subject: str, body: str) -> None:
    assert classify(rules, subject, body).status == Status.OTHER_JOB


def test_it_reads_the_clients_answer_after_a_recruiter_put_the_user_forward(rules: RulesClassifier) -> None:
    result = classify(
        rules,
        "Re: Senior Data Engineer – client in Munich",
        "Thanks for sending over your CV. I submitted your profile to my client last week; unfortunately they have "
        "decided not to proceed with your application, as they want someone with more Spark experience.",
    )
    assert result.status == Status.REJECTED


def test_it_keeps_an_invitation_that_follows_a_received_application(rules: RulesClassifier) -> None:
    # "received your" only moves the phrase right after it into the past.
    result = classify(
        rules,
        "Your application",
        "We reviewed your application and would like to invite you to an interview next week.",
    )
    assert result.status == Status.INTERVIEW


def test_it_reads_an_outline_of_later_steps_as_no_invitation(rules: RulesClassifier) -> None:
    result = classify(
        rules,
        "Thanks for applying",
        "Thanks for applying for the Data Engineer role. Our process usually includes a coding challenge and two "
        "interviews, and you may be asked to complete an online assessment within a week.",
    )
    assert result.status == Status.APPLIED


def test_it_reads_a_recruiters_inmail_despite_the_platforms_footer(rules: RulesClassifier) -> None:
    result = classify(
        rules,
        "Data Engineer at Acme Robotics",
        "Hi Dana, I'm a recruiter at Acme Robotics and your profile stood out. Would you be open to a chat about our "
        "Data Engineer role?\n\nYou are receiving InMail notification emails. Unsubscribe here.",
        sender="Jane Roe via LinkedIn <inmail-hit-reply@linkedin.com>",
    )
    assert result.status == Status.RECRUITER_OUTREACH


def test_it_reads_a_mailing_without_a_status_as_not_job_mail_without_certainty(rules: RulesClassifier) -> None:
    # Not certain: recruiters' own messages through an agency's mailer carry the same
    # list headers and footers, so the LLM (when configured) gets the last word.
    result = classify(
        rules,
        "Inside Acme: meet the data team",
        "Our talent community newsletter: interview tips, and open roles in Berlin.\n\nUnsubscribe",
        sender="Acme Careers <talent@acme-robotics.example>",
        headers="List-Unsubscribe: <https://acme-robotics.example/u>\n",
    )
    assert (result.status, result.certain) == (Status.NOT_JOB, False)


def test_it_turns_an_unknown_rejection_wording_into_a_rejection_by_its_closing_lines(rules: RulesClassifier) -> None:
    result = classify(
        rules,
        "Your application",
        "Thank you for applying for the Tools Programmer role. Unfortunately this time it is a no from the team. "
        "We wish you the best of luck in your search.",
    )
    assert result.status == Status.REJECTED


@pytest.mark.parametrize(
    ("subject", "body", "date", "expected"),
    [
        (
            "Interview invitation – Backend Engineer at Beacon Freight",
            "We'd like to invite you to a first interview.\n\nWhen: Monday, 29 June 2026 at 15:00 CEST",
            "Tue, 23 Jun 2026 10:37:00 +0200",
            datetime(2026, 6, 29, 13, 0, tzinfo=UTC),
        ),
        (
            "Einladung zum zweiten Gespräch – Softwareentwickler Python (m/w/d)",
            "Gerne möchten wir Sie zum zweiten Gespräch einladen.\n\nTermin: Dienstag, 27. Oktober 2026, "
            "13:30 – 15:00 Uhr",
            "Wed, 21 Oct 2026 10:08:00 +0200",  # CEST when sent, CET on the day: no zone in the text
            datetime(2026, 10, 27, 12, 30, tzinfo=UTC),
        ),
        (
            "Entretien – Développeur Python (H/F) chez Cobalt & Pine",
            "Je vous propose un premier entretien le mardi 8 septembre 2026 à 10h30, en visioconférence.",
            "Wed, 02 Sep 2026 14:05:00 +0200",
            datetime(2026, 9, 8, 8, 30, tzinfo=UTC),
        ),
        (
            "Invitación a entrevista técnica",
            "Queremos invitarte a la entrevista técnica.\n\nMartes 10 de noviembre de 2026\n17:00 (hora peninsular)",
            "Mon, 02 Nov 2026 12:05:00 +0100",
            datetime(2026, 11, 10, 16, 0, tzinfo=UTC),
        ),
        (
            "Rescheduled: your interview",
            "We need to move your interview. Your new time is:\n\nFriday 11 September 2026, 16:00 BST "
            "(previously Thursday 10 September, 14:00)",
            "Tue, 08 Sep 2026 17:55:00 +0100",
            datetime(2026, 9, 11, 15, 0, tzinfo=UTC),
        ),
        (
            "Your interview is confirmed",
            "Your interview for the Data Engineer role is confirmed for tomorrow at 3pm ET.",
            "Thu, 13 Aug 2026 11:02:00 -0400",
            datetime(2026, 8, 14, 19, 0, tzinfo=UTC),
        ),
        (
            "Take-home exercise – Senior Data Engineer",
            "Please upload your solution for the take-home exercise by Wednesday 5 August 2026, 9am ET.",
            "Thu, 30 Jul 2026 13:18:00 -0400",
            datetime(2026, 8, 5, 13, 0, tzinfo=UTC),
        ),
    ],
)
def test_it_reads_the_interview_or_deadline_date(
    rules: RulesClassifier, subject: str, body: str, date: str, expected: datetime
) -> None:
    result = classify(rules, subject, body, date=date)
    assert result.status in (Status.INTERVIEW, Status.ASSESSMENT)
    assert result.event_at == expected
    assert result.event_at is not None
    assert result.event_at.tzinfo is not None


def test_it_assumes_the_emails_year_and_rolls_over_to_the_next(rules: RulesClassifier) -> None:
    result = classify(
        rules,
        "Interview invitation",
        "We'd like to invite you to an interview on January 12 at 10:00 AM EST.",
        date="Mon, 14 Dec 2026 09:00:00 -0500",
    )
    assert result.event_at == datetime(2027, 1, 12, 15, 0, tzinfo=UTC)


def test_it_names_no_event_for_a_thank_you_with_a_past_date(rules: RulesClassifier) -> None:
    result = classify(
        rules,
        "¡Gracias por tu tiempo!",
        "Mil gracias por tu tiempo ayer. Te escribiré antes del viernes 20 de noviembre con los siguientes pasos "
        "sobre tu candidatura para el puesto de Ingeniera de Plataforma.",
        date="Wed, 11 Nov 2026 18:30:00 +0100",
    )
    assert result.status == Status.OTHER_JOB
    assert result.event_at is None


@pytest.mark.parametrize(
    ("sender", "subject", "body", "company"),
    [
        (
            "Priya Raman via Greenhouse <no-reply@greenhouse.io>",
            "Next step",
            "Thanks!\n\nPriya Raman\nTechnical Recruiter, Lumen Analytics",
            "Lumen Analytics",
        ),
        ("Acme Hiring Team <no-reply@ashbyhq.com>", "Thanks for applying", "We received your application.", "Acme"),
        (
            "Vesper Health via Codility <no-reply@codility.com>",
            "Test",
            "Vesper Health has invited you to complete a test.",
            "Vesper Health",
        ),
        (
            "Jana <jana@kranich.example>",
            "Absage",
            "Ihre Bewerbung bei der Kranich Software AG wurde leider nicht berücksichtigt.",
            "Kranich Software",
        ),
        ("Inès <ines@maison-oree.example>", "Votre candidature chez Maison Orée", "Nous regrettons.", "Maison Orée"),
        (
            "Aoife <aoife@fernhillstudios.example>",
            "Decision",
            "Unfortunately not.\n\nAoife Brennan\nFernhill Studios",
            "Fernhill Studios",
        ),
        (
            "Harriet <harriet@alderandrowe.example>",
            "Withdrawn",
            "Done.\n\nHarriet Okonjo\nTalent Partner, Alder & Rowe",
            "Alder & Rowe",
        ),
        ("Lucas <lucas@anvilworks.example>", "Hello", "Quick note about a role.", "Anvilworks"),
    ],
)
def test_it_finds_the_company(rules: RulesClassifier, sender: str, subject: str, body: str, company: str) -> None:
    message = email(subject, body, sender=sender)
    assert extract_company(message, message.subject, message.body_text, rules.rules, ats=False) == company


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("Kranich Software AG", "Kranich Software"),
        ("Northwind Robotics GmbH", "Northwind Robotics"),
        ("Grünfeld Energie GmbH & Co. KG", "Grünfeld Energie"),
        ("Ostrander & Bell LLP", "Ostrander & Bell"),
        ("Van Dijk Mobility B.V.", "Van Dijk Mobility"),
        ("Cobalt & Pine SAS", "Cobalt & Pine"),
        ("Tecnologías Brisa S.L.", "Tecnologías Brisa"),
        ("Acme, Inc.", "Acme"),
        ("Talents & Co", "Talents & Co"),
        ("  Halcyon   Bank  ", "Halcyon Bank"),
        ("AG", "AG"),
    ],
)
def test_it_normalises_company_names(name: str, normalised: str) -> None:
    assert normalise_company(name) == normalised


@pytest.mark.parametrize(
    ("subject", "body", "title"),
    [
        ("Hello", "Thank you for applying for the Data Engineer position at Acme.", "Data Engineer"),
        ("Your application for Senior Frontend Engineer at Quillon Software", "", "Senior Frontend Engineer"),
        (
            "Ihre Bewerbung",
            "vielen Dank für Ihre Bewerbung als Backend-Entwickler Java (m/w/d) bei uns.",
            "Backend-Entwickler Java",
        ),
        ("Candidature", "Merci pour votre candidature au poste de Développeuse Full Stack.", "Développeuse Full Stack"),
        (
            "Candidatura",
            "Gracias por tu candidatura para el puesto de Analista QA en Tecnologías Brisa.",
            "Analista QA",
        ),
        ("Interview invitation – Backend Engineer at Beacon Freight", "", "Backend Engineer"),
        (
            "Status",
            "Your application for Software Engineer III - Flight Systems (JR-118263) was updated.",
            "Software Engineer III - Flight Systems",
        ),
        (
            "Hi",
            "Thanks for applying for the Staff Software Engineer, Routing role.",
            "Staff Software Engineer, Routing",
        ),
        ("Contract offer: Senior Tools Engineer (12 months)", "", "Senior Tools Engineer"),
        ("Hi", "Thanks for applying for the senior software engineer position.", "senior software engineer"),
        ("Hi", "Thanks for your interest in the role.", ""),
    ],
)
def test_it_finds_the_job_title(subject: str, body: str, title: str) -> None:
    assert extract_title(subject, body) == title


def test_it_survives_empty_and_hostile_messages(rules: RulesClassifier) -> None:
    for message in (
        ParsedMessage(message_id="x"),
        parse_message(b"\x00\xff" * 1000),
        email("=?utf-8?B?!!!?=", "<" * 5000 + "interview " * 500 + "(" * 300),
    ):
        result = rules.classify_sync(message)
        assert result.status in VALUES
        assert 0.0 <= result.confidence <= 1.0


def test_it_loads_a_valid_filter_file_for_the_query_builder_too() -> None:
    with FILTER_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    for key in ("ats_domains", "subject_phrases", "exclude_senders"):
        assert data[key]
        assert all(isinstance(value, str) and value == value.strip() for value in data[key])
    # The query builder sends these to Gmail as they are: no regular-expression syntax.
    assert not [p for p in data["subject_phrases"] if re.search(r"[\\()\[\]|?*+]", p)]
    assert set(data["status"]) <= set(VALUES)
    assert load_rules() is load_rules()  # compiled once


def test_it_matches_every_phrase_like_a_plain_regex() -> None:
    # PhraseSet skips phrases whose key words are absent; it must never skip a match.
    with FILTER_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    phrases = [p for status in data["status"].values() for kind in ("strong", "weak") for p in status[kind]]
    samples = [
        "we have decided to move forward with other candidates whose experience more closely matches",
        "thank you so much for applying! we've received your application and will review it",
        "wir laden sie herzlich zu einem ersten kennenlerngespräch ein. leider müssen wir ihnen mitteilen",
        "nous avons bien reçu votre candidature. malheureusement, d'autres profils ont été retenus",
        "hemos recibido tu candidatura. te invitamos a una entrevista técnica; no ha sido seleccionada",
        "please complete the hackerrank coding challenge before your onsite interview with the hiring manager",
        "i came across your profile - would you be open to a quick call? our client is hiring",
        "we're delighted to offer you the role; your offer letter and employment contract are attached",
    ]
    for pattern in phrases:
        naive = re.compile(r"(?<!\w)(?:" + pattern.lower().replace(" ?", r"\s*").replace(" ", r"\s+") + ")")
        fast = PhraseSet([pattern])
        for text in samples:
            assert bool(naive.search(text)) == bool(fast.search(text)), (pattern, text)


def test_it_finds_the_same_key_words_as_asking_each_key() -> None:
    # Rules.present walks the text once (KeyScan); it must find exactly the keys that
    # occur anywhere, overlapping ones, ones inside words and ones at the very end included.
    rules = load_rules()
    samples = [
        "",
        "ab",
        "we have decided to move forward with other candidates; your application was received",
        "applicationapplicants reapplied",  # keys inside words and overlapping each other
        "vielen dank für ihre bewerbung. leider müssen wir ihnen mitteilen, dass die stelle besetzt",
        "nous avons bien reçu votre candidature, d'aptitude; résumé envoyé",
        "interview",  # a key that ends the text
    ]
    samples += [" ".join(rules.all_keys), "".join(reversed(rules.all_keys))]
    for text in samples:
        assert rules.present(text) == frozenset(key for key in rules.all_keys if key in text), text
    assert rules.present(" ".join(rules.all_keys)) == frozenset(rules.all_keys)
