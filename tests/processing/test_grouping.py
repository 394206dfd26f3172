"""Grouping stored emails into applications."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from accounts.models import User
from dashboard.actions import do_merge_applications, do_move_email
from dashboard.grouping import assign_emails
from dashboard.models import Application, Email
from jobmail.taxonomy import Status
from jobmail.text.names import normalise_key, title_key

T0 = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def _email(
    user: User,
    ident: str,
    status: str,
    *,
    day: int = 0,
    thread: str = "",
    company: str = "Lumen Analytics",
    title: str = "Data Engineer",
    confidence: float = 0.9,
) -> Email:
    return Email.objects.create(
        user=user,
        provider_message_id=ident,
        thread_id=thread or ident,
        subject=ident,
        received_at=T0 + timedelta(days=day),
        status=status,
        company=company,
        job_title=title,
        confidence=confidence,
        is_job_related=status != Status.NOT_JOB,
    )


def test_it_normalises_company_names() -> None:
    assert normalise_key("Lumen Analytics, Inc.") == normalise_key("lumen analytics")
    assert normalise_key("Northwind Robotics GmbH") == "northwind robotics"
    assert normalise_key("Cobalt & Pine S.A.S.") == normalise_key("Cobalt and Pine")
    assert title_key("Backend Engineer (m/w/d)") == title_key("backend engineer")


def test_it_groups_a_thread_into_one_application_with_the_latest_status(alice: User) -> None:
    emails = [
        _email(alice, "a", Status.APPLIED, day=0, thread="t1"),
        _email(alice, "b", Status.ASSESSMENT, day=3, thread="t1", company="", title=""),
        _email(alice, "c", Status.INTERVIEW, day=9, thread="t1", company="", title=""),
    ]
    assign_emails(alice.pk, emails)
    apps = list(Application.objects.filter(user=alice))
    assert len(apps) == 1
    app = apps[0]
    assert app.status == Status.INTERVIEW
    assert app.email_count == 3
    assert set(app.stage_dates) == {"applied", "assessment", "interview"}
    assert Email.objects.filter(application=app).count() == 3


def test_it_keeps_two_roles_at_one_company_apart(alice: User) -> None:
    first = _email(alice, "a", Status.APPLIED, title="Data Engineer")
    second = _email(alice, "b", Status.APPLIED, title="Product Manager", day=1)
    assign_emails(alice.pk, [first, second])
    assert Application.objects.filter(user=alice).count() == 2


def test_it_groups_by_company_and_title_across_threads(alice: User) -> None:
    assign_emails(alice.pk, [_email(alice, "a", Status.APPLIED, company="Lumen Analytics Inc.")])
    assign_emails(alice.pk, [_email(alice, "b", Status.REJECTED, day=5, company="lumen analytics")])
    app = Application.objects.get(user=alice)
    assert app.status == Status.REJECTED
    assert app.email_count == 2


def test_it_only_moves_status_forward(alice: User) -> None:
    assign_emails(alice.pk, [_email(alice, "a", Status.INTERVIEW, day=5, thread="t")])
    assign_emails(alice.pk, [_email(alice, "b", Status.APPLIED, day=1, thread="t")])
    assert Application.objects.get(user=alice).status == Status.INTERVIEW


def test_it_sends_a_low_confidence_rejection_to_review(alice: User) -> None:
    assign_emails(alice.pk, [_email(alice, "a", Status.APPLIED, thread="t")])
    doubtful = _email(alice, "b", Status.REJECTED, day=2, thread="t", confidence=0.3)
    assign_emails(alice.pk, [doubtful])
    doubtful.refresh_from_db()
    assert doubtful.needs_review
    assert Application.objects.get(user=alice).status == Status.APPLIED


def test_it_never_overwrites_a_manual_edit(alice: User) -> None:
    assign_emails(alice.pk, [_email(alice, "a", Status.APPLIED, thread="t")])
    Application.objects.filter(user=alice).update(status=Status.OFFER, status_locked=True)
    assign_emails(alice.pk, [_email(alice, "b", Status.REJECTED, day=4, thread="t", confidence=0.99)])
    assert Application.objects.get(user=alice).status == Status.OFFER


def test_it_ignores_mail_that_is_not_job_related(alice: User) -> None:
    assign_emails(alice.pk, [_email(alice, "a", Status.NOT_JOB, company="", title="")])
    assert not Application.objects.filter(user=alice).exists()


@pytest.mark.parametrize("status", [Status.REJECTED, Status.WITHDRAWN])
def test_it_starts_an_application_from_a_terminal_email(alice: User, status: str) -> None:
    assign_emails(alice.pk, [_email(alice, "a", status)])
    assert Application.objects.get(user=alice).status == status


def test_it_starts_a_new_application_for_a_second_confirmation_weeks_later(alice: User) -> None:
    # The stored application was confirmed in an earlier batch (its stage dates say so).
    assign_emails(alice.pk, [_email(alice, "a", Status.APPLIED, title="Data Engineer")])
    later = _email(alice, "b", Status.APPLIED, day=20, title="")
    assign_emails(alice.pk, [later])
    assert Application.objects.filter(user=alice).count() == 2
    # A role-less notice that is not a confirmation still joins the running application.
    assign_emails(alice.pk, [_email(alice, "c", Status.OTHER_JOB, day=22, title="")])
    assert Application.objects.filter(user=alice).count() == 2


def test_it_starts_a_new_application_for_a_confirmation_weeks_after_a_stored_role_less_one(alice: User) -> None:
    # A referral note stored in an earlier batch named the employer, not a role.
    assign_emails(alice.pk, [_email(alice, "a", Status.OTHER_JOB, title="")])
    assign_emails(alice.pk, [_email(alice, "b", Status.APPLIED, day=30, title="Data Engineer")])
    assert Application.objects.filter(user=alice).count() == 2
    # A later rejection naming no role closes the running application.
    assign_emails(alice.pk, [_email(alice, "c", Status.REJECTED, day=45, title="")])
    assert Application.objects.get(user=alice, job_title="Data Engineer").status == Status.REJECTED


def test_it_follows_one_application_across_batches_senders_and_spellings(alice: User) -> None:
    def mail(ident: str, status: str, day: int, sender: str, company: str, title: str) -> Email:
        return Email.objects.create(
            user=alice,
            provider_message_id=ident,
            thread_id=ident,
            subject=ident,
            sender=sender,
            sender_email=sender,
            received_at=T0 + timedelta(days=day),
            status=status,
            company=company,
            job_title=title,
            confidence=0.9,
            is_job_related=True,
        )

    assign_emails(alice.pk, [mail("a", Status.APPLIED, 0, "harborlabs@myworkday.com", "Harbor Labs", "Data Analyst")])
    # The recruiter writes from the employer's own domain and names neither the employer nor the role.
    assign_emails(alice.pk, [mail("b", Status.INTERVIEW, 8, "dana.oyelaran@harborlabs.example", "", "")])
    # Another system sends the rejection, spelling the employer and the role otherwise.
    assign_emails(alice.pk, [mail("c", Status.REJECTED, 30, "", "Harbor Laboratories", "Sr. Data Analyst (R-2291)")])
    app = Application.objects.get(user=alice)
    assert app.email_count == 3
    assert app.status == Status.REJECTED


def test_it_remembers_an_employers_spellings_from_batch_to_batch(alice: User) -> None:
    # "TVG" shares nothing with "Tallowmere": only the full name, met in an earlier
    # batch, links them; the evaluation's one Grouper and the stored grouping agree.
    assign_emails(alice.pk, [_email(alice, "a", Status.APPLIED, company="Tallowmere", title="Threat Researcher")])
    assign_emails(alice.pk, [_email(alice, "b", Status.OTHER_JOB, day=5, company="Tallowmere Varga Group", title="")])
    assign_emails(alice.pk, [_email(alice, "c", Status.REJECTED, day=20, company="TVG", title="")])
    app = Application.objects.get(user=alice)
    assert set(app.company_aliases) == {"Tallowmere Varga Group", "TVG"}
    assert set(Email.objects.filter(user=alice).values_list("application", flat=True)) == {app.pk}


def test_a_corrected_email_takes_its_spelling_out_of_the_application(alice: User) -> None:
    assign_emails(alice.pk, [_email(alice, "a", Status.APPLIED, company="Tallowmere", title="Threat Researcher")])
    assign_emails(alice.pk, [_email(alice, "b", Status.OTHER_JOB, day=5, company="Tallowmere Varga Group", title="")])
    app = Application.objects.get(user=alice)
    assert app.company_aliases == ["Tallowmere Varga Group"]
    do_move_email(Email.objects.get(provider_message_id="b"), None)
    app.refresh_from_db()
    assert app.company_aliases == []


def test_a_merge_keeps_the_spellings_of_both_applications(alice: User) -> None:
    assign_emails(alice.pk, [_email(alice, "a", Status.APPLIED, company="Tallowmere", title="Threat Researcher")])
    assign_emails(alice.pk, [_email(alice, "b", Status.APPLIED, day=1, company="TVG", title="Threat Researcher")])
    survivor, other = Application.objects.filter(user=alice).order_by("pk")
    do_merge_applications(survivor, [other])
    survivor.refresh_from_db()
    assert survivor.company_aliases == ["TVG"]
