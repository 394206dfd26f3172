"""The employer found in the running text of a letter kept without its sender, subject or
signature (an exported inbox, a forwarded body): the sentence that names it ("Acme is
hiring", "the Acme team has reviewed", "everyone on Acme's team"), and what is never an
employer however it is written (a garbled character, an interviewer, a team, a town, a
German noun). Every name here is invented."""

from __future__ import annotations

import pytest

from jobmail.classify.rules import RulesClassifier
from tests.jobmail.messages import body_only, mail

HI = "Hi Sam,\n\n"


@pytest.mark.parametrize(
    ("body", "company"),
    [
        # The employer as the subject of what it does to the application.
        (
            HI + "The Fernvale Foods team has reviewed your application and would like to schedule a call.\n",
            "Fernvale Foods",
        ),
        (
            HI + "Merriwell Health would like to thank you for your interest in the Coordinator position.\n",
            "Merriwell Health",
        ),
        (HI + "We are pleased to let you know that Orbryn has selected you for an interview.\n", "Orbryn"),
        (HI + "Great news! Ostrava Motion has shortlisted you for the Animator role.\n", "Ostrava Motion"),
        # "... is hiring" after a colon or inside a clause, not only at a sentence's start.
        (HI + "Good news: Norvex is hiring a Backend Engineer and your profile looks like a fit.\n", "Norvex"),
        (HI + "I'm reaching out because Mistral Bay Foods is hiring a Line Cook in your area.\n", "Mistral Bay Foods"),
        # The employer's team, written as a possessive, where the text names it again.
        (
            HI + "Thanks for applying to the Data Analyst role. Everyone on Quillbrook's team is excited to read "
            "it, and Quillbrook answers every applicant.\n",
            "Quillbrook",
        ),
    ],
)
def test_it_reads_the_employer_from_a_sentence_about_the_application(
    rules: RulesClassifier, body: str, company: str
) -> None:
    assert rules.classify_sync(body_only(body)).company == company


@pytest.mark.parametrize(
    ("body", "company"),
    [
        # A signer's team after the role, the employer on the next line.
        (
            HI + "Thanks for the chat today, we'd like to move you to the final round.\n\nAll the best,\nMira\n\n"
            "Mira Okafor\nEngineering Manager, Platform\nBellwether Data\n",
            "Bellwether Data",
        ),
        (
            HI + "We would like to invite you to a second interview next week.\n\nSpeak soon,\nTomas Lind\n"
            "Talent Partner, Payments\nCorran Pay Ltd, Leeds\n",
            "Corran Pay",
        ),
        # A legal entity's line with a role's word in its name, then its town.
        (
            "Hallo Sam,\n\nvielen Dank für Ihre Bewerbung. Wir melden uns in Kürze.\n\nBeste Grüße\nJana Brenner\n"
            "Senior Beraterin IT\nFeldmark Personal GmbH, Bremen\n",
            "Feldmark Personal",
        ),
        # A team's kind between the French team and the employer.
        (
            "Bonjour Sam,\n\nMerci pour votre candidature, nous revenons vers vous rapidement.\n\n"
            "À très bientôt,\nL'équipe Talent de Brise & Cèdre\n",
            "Brise & Cèdre",
        ),
        # A connector and a possessive start the next noun phrase.
        (
            "Hallo Sam,\n\nvielen Dank für Ihr Interesse an der Holmgard Logistik GmbH und Ihre Bewerbung als "
            "Data Engineer. Wir prüfen Ihre Unterlagen.\n",
            "Holmgard Logistik",
        ),
    ],
)
def test_it_reads_the_employer_past_a_signers_team_or_town(rules: RulesClassifier, body: str, company: str) -> None:
    assert rules.classify_sync(body_only(body)).company == company


@pytest.mark.parametrize(
    ("body", "wrong"),
    [
        # A space garbled by a wrong charset, on lines of its own above the greeting.
        (
            "The next big step is one click away.\n\nÂ\n\nÂ\n\nHi Sam Doe,\n\nWe noticed you started applying "
            "for the Analyst role but did not finish.\n",
            "Â",
        ),
        # The interviewer, a person.
        (HI + "Your interview with Priya Nand is confirmed for Tuesday at 10am.\n", "Priya Nand"),
        (HI + "You will interview with Jordan Reyes's team on Friday about the Analyst role.\n", "Jordan Reyes"),
        # A formula above the signer ("by order"), then the signer, a person.
        (
            "Sehr geehrte Frau Demo,\n\nleider müssen wir Ihnen mitteilen, dass wir Ihre Bewerbung nicht "
            "berücksichtigen können.\n\nMit freundlichen Grüßen\nIm Auftrag\n\nGerda Vogt-Lindner\n"
            "Personalabteilung\nStadtwerke Elsbach\n",
            "Gerda Vogt-Lindner",
        ),
        # German nouns after a preposition.
        (
            "Hallo Sam,\n\nvielen Dank für Ihre Bewerbung. Die Aufgabe sollte drei Stunden nicht übersteigen.\n\n"
            "Bei Fragen melden Sie sich jederzeit gerne.\n",
            "Fragen",
        ),
        (
            "Liebe Sam,\n\nvielen Dank für Ihr Interesse an der Position Backend-Entwickler Java und Ihre Geduld. "
            "Leider haben wir uns anders entschieden.\n",
            "Position Backend-Entwickler Java",
        ),
        # A job's place and terms after the role, no signer's employer.
        (
            "Hallo Sam,\n\nich habe eine Position, die Sie interessieren könnte:\n\n"
            "Lead Developer (m/w/d) – Bremen, hybrid (2 Tage vor Ort)\n",
            "Bremen",
        ),
    ],
)
def test_it_never_names_a_non_employer(rules: RulesClassifier, body: str, wrong: str) -> None:
    assert rules.classify_sync(body_only(body)).company != wrong


@pytest.mark.parametrize(
    ("subject", "body", "sender", "company"),
    [
        # A step of the process after the name in a "Your <employer> <step>" subject.
        (
            "Your Brindle AI take-home",
            "Hi Sam,\n\nHere is the exercise we mentioned, due in a week.\n",
            "Nadia Flores <nadia@brindle.example>",
            "Brindle AI",
        ),
        # A German possessive opens a Title Case subject: never part of a name.
        (
            "Ihr Vertragsangebot – Softwareentwickler (m/w/d)",
            "Hallo Sam,\n\nwir freuen uns, Sie im Team zu begrüßen. Anbei erhalten Sie Ihr Vertragsangebot.\n",
            "Mara Linde <mara.linde@halvard-systeme.example>",
            "Halvard Systeme",
        ),
    ],
)
def test_it_reads_the_employer_past_a_subjects_step_or_possessive(
    rules: RulesClassifier, subject: str, body: str, sender: str, company: str
) -> None:
    assert rules.classify_sync(mail(subject, body, sender)).company == company
