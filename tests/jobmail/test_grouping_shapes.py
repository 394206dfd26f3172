"""One application's emails spell the employer in different shapes (the name written as
one word, with or without its legal form or article, an acronym, the first word only),
and they must still group as one; a new application for the same role months later
stays apart. The names are invented."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from jobmail.grouping import Grouper, MailFacts, _names, same_company
from jobmail.taxonomy import Status

T0 = datetime(2026, 4, 6, 9, 0, tzinfo=UTC)


def _mail(day: int, company: str = "", title: str = "", sender: str = "", status: str = "") -> MailFacts:
    return MailFacts("", sender, company, title, T0 + timedelta(days=day), status)


@pytest.mark.parametrize(
    ("spaced", "squashed"),
    [
        ("Sundial Freight Company", "Sundialfreightcompany"),
        ("Brisket & Barrow Company", "BrisketBarrowCompany"),
        ("The Pemberley Group", "ThePemberleyGroup"),
        ("The Ostrowski Collective", "theostrowskicollective"),
        ("Northwind Robotics, Inc.", "Northwindroboticsinc"),
        ("Vantablue Corporation", "VantablueCorporation"),
        ("Kelvinside Ltd", "kelvinsideltd"),
    ],
)
def test_it_takes_a_name_written_as_one_word_with_its_legal_form_or_article(spaced: str, squashed: str) -> None:
    assert same_company(spaced, squashed)
    assert same_company(squashed, spaced)


@pytest.mark.parametrize(
    ("acronym", "name"),
    [
        ("SFC", "Sundial Freight Company"),
        ("MPC", "Marrowby Pike Corp."),
        ("QRI", "Quillfeather Robotics Inc."),
        ("HCL", "Harrowgate Civils Ltd"),
    ],
)
def test_it_takes_an_acronym_that_keeps_the_legal_form(acronym: str, name: str) -> None:
    assert same_company(acronym, name)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Costco", "Cost"),  # a legal form is no ordinary word's ending
        ("SFX", "Sundial Freight Company"),
        ("Theobald Analytics", "Obald Analytics"),
        ("Discoworks", "Disco"),
    ],
)
def test_it_keeps_names_that_only_look_alike_apart(a: str, b: str) -> None:
    assert not same_company(a, b)


@pytest.mark.parametrize(
    ("sender", "company"),
    [
        ("sundialfreightcompany.com", "Sundial Freight Company"),
        ("thepemberleygroup.co.uk", "The Pemberley Group"),
        ("myworkday.com/kelvinsideltd", "Kelvinside Ltd"),
    ],
)
def test_it_reads_the_employer_in_a_domain_that_keeps_the_legal_form_or_article(sender: str, company: str) -> None:
    assert _names(sender, company)


@pytest.mark.parametrize(
    "spellings",
    [
        # The full name links the first word and the acronym, which share nothing.
        ("Tallowmere", "Tallowmere Varga Group", "TVG"),
        ("Okonjo", "Okonjo Health Systems", "OHS"),
        ("Sundial", "Sundial Freight Company", "SFC", "Sundialfreightcompany"),
        ("Pellucine", "Pellucine Analytics", "Pellucineanalytics"),
    ],
)
def test_it_remembers_every_spelling_an_application_has_met(spellings: tuple[str, ...]) -> None:
    grouper = Grouper()
    first, _ = grouper.place(_mail(0, spellings[0], "Threat Researcher", status=Status.APPLIED))
    for day, spelling in enumerate(spellings[1:], start=1):
        # Each email names no role and comes from no sender identity: only the name links it.
        assert grouper.place(_mail(day * 5, spelling))[0] is first
    # A later email spelled like an earlier one, not like the first.
    assert grouper.place(_mail(40, spellings[-1], "Threat Researcher", status=Status.REJECTED))[0] is first
    assert len(grouper.openings) == 1


def test_it_keeps_a_spelling_met_by_a_thread_reply_out_of_the_application() -> None:
    # A reply in a thread may quote another firm (an agency, a client): only mail that
    # joined by the employer's name or sender teaches the application a spelling.
    grouper = Grouper()
    first, _ = grouper.place(MailFacts("t-1", "", "Garnetfield Labs", "Data Engineer", T0, Status.APPLIED))
    grouper.place(MailFacts("t-1", "", "Orrin Staffing", "", T0 + timedelta(days=2)))
    other, created = grouper.place(_mail(5, "Orrin Staffing", "Account Manager"))
    assert created
    assert other is not first


@pytest.mark.parametrize("status", [Status.APPLIED, Status.RECRUITER_OUTREACH])
def test_it_starts_again_for_the_same_role_months_after_the_last_email(status: str) -> None:
    grouper = Grouper()
    first, _ = grouper.place(_mail(0, "Brindlecombe", "Field Service Technician", status=Status.APPLIED))
    grouper.place(_mail(12, "Brindlecombe", "Field Service Technician", status=Status.INTERVIEW))
    # The job is posted again and applied for again, half a year on, with no rejection in between.
    again, created = grouper.place(_mail(190, "Brindlecombe", "Field Service Technician", status=status))
    assert created
    assert again is not first


def test_it_still_joins_a_late_outcome_for_the_same_role() -> None:
    # An application may go quiet for months before its rejection: that is no new application.
    grouper = Grouper()
    first, _ = grouper.place(_mail(0, "Brindlecombe", "Field Service Technician", status=Status.APPLIED))
    late, created = grouper.place(_mail(150, "Brindlecombe", "Field Service Technician", status=Status.REJECTED))
    assert not created
    assert late is first
