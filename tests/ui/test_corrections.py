"""Correcting applications by hand: inline edits, renames, merges, moved emails, undoable
deletes and bulk actions; and later runs following those corrections."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from dashboard import actions
from dashboard.grouping import assign_emails
from dashboard.models import Application, ApplicationAlias, CompanyAlias, Email, SenderLink
from jobmail.taxonomy import Status
from tests.ui.conftest import make_application, make_mail

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


def _later_mail(user: User, **fields: Any) -> Email:
    """An email a later run stored and has not grouped yet."""
    fields.setdefault("received_at", datetime(2026, 11, 20, 9, tzinfo=UTC))
    fields.setdefault("status", Status.INTERVIEW)
    email = make_mail(user, None, **fields)
    assign_emails(user.pk, [email])
    email.refresh_from_db()
    return email


def _edit(client: Client, app: Application, name: str, data: dict[str, str]) -> Any:
    prefixed = {f"edit-{name}-{key}": value for key, value in data.items()}
    return client.post(reverse("application_field", args=[app.pk, name]), prefixed, headers=HX)


# --- inline edits --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected", "shown"),
    [
        ("company", {"company": "Northwind Traders"}, {"company": "Northwind Traders"}, "Northwind Traders"),
        ("job_title", {"job_title": "Staff Engineer"}, {"job_title": "Staff Engineer"}, "Staff Engineer"),
        ("notes", {"notes": "Met Ana at the meetup."}, {"notes": "Met Ana at the meetup."}, "Met Ana at the meetup."),
        (
            "posting_url",
            {"posting_url": "https://jobs.example/123"},
            {"posting_url": "https://jobs.example/123"},
            'href="https://jobs.example/123"',
        ),
        (
            "location",
            {"location": "Lisbon", "work_mode": "hybrid"},
            {"location": "Lisbon", "work_mode": "hybrid"},
            "Lisbon · Hybrid",
        ),
        ("salary_range", {"salary_range": "€60–70k"}, {"salary_range": "€60–70k"}, "€60–70k"),
        ("source", {"source": "referral"}, {"source": "referral"}, "Referral"),
        ("applied_on", {"applied_on": "2026-09-30"}, {"applied_on": date(2026, 9, 30)}, "Sep 30, 2026"),
        (
            "next_step",
            {"next_step": "Send references", "next_step_due": "2026-12-10"},
            {"next_step": "Send references", "next_step_due": date(2026, 12, 10)},
            "Send references · due Dec 10, 2026",
        ),
    ],
)
def test_it_edits_each_field_inline(
    alice_client: Client, alice_app: Application, name: str, data: dict[str, str], expected: dict[str, Any], shown: str
) -> None:
    response = _edit(alice_client, alice_app, name, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<div id="field-{name}" class="field-row">')
    assert shown in body
    assert json.loads(response["HX-Trigger"])["toast"]["message"].endswith("saved.")
    alice_app.refresh_from_db()
    assert {key: getattr(alice_app, key) for key in expected} == expected


def test_it_locks_a_status_edited_inline_against_mail(
    alice_client: Client, alice: User, alice_app: Application
) -> None:
    _edit(alice_client, alice_app, "status", {"status": Status.OFFER})
    alice_app.refresh_from_db()
    assert (alice_app.status, alice_app.status_locked) == (Status.OFFER, True)
    _later_mail(alice, company="Northwind", job_title="Backend Engineer", status=Status.REJECTED, confidence=0.99)
    alice_app.refresh_from_db()
    assert alice_app.status == Status.OFFER


def test_it_shows_the_edit_form_and_cancels_back(alice_client: Client, alice_app: Application) -> None:
    url = reverse("application_field", args=[alice_app.pk, "notes"])
    form = alice_client.get(url + "?edit=1", headers=HX).content.decode()
    assert 'class="inline-edit"' in form
    assert "autofocus" in form
    shown = alice_client.get(url, headers=HX).content.decode()
    assert "inline-edit" not in shown
    # Without JavaScript the Edit link opens the page with the field as a form.
    page = alice_client.get(reverse("application_detail", args=[alice_app.pk]) + "?edit=notes").content.decode()
    assert f'action="{url}"' in page


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("applied_on", {"applied_on": (date.today() + timedelta(days=3)).isoformat()}, "cannot be in the future"),
        ("posting_url", {"posting_url": "javascript:alert(1)"}, "Enter a valid URL"),
        ("company", {"company": "   "}, "This field is required"),
        ("status", {"status": "hired"}, "Select a valid choice"),
    ],
)
def test_it_refuses_invalid_values_and_marks_the_field(
    alice_client: Client, alice_app: Application, name: str, data: dict[str, str], error: str
) -> None:
    before = Application.objects.get(pk=alice_app.pk)
    response = _edit(alice_client, alice_app, name, data)
    assert response.status_code == 422
    assert response["HX-Reswap"] == "outerHTML"
    body = response.content.decode()
    assert error in body
    assert 'aria-invalid="true"' in body
    alice_app.refresh_from_db()
    assert (alice_app.company, alice_app.applied_on, alice_app.posting_url, alice_app.status) == (
        before.company,
        before.applied_on,
        before.posting_url,
        before.status,
    )


def test_it_answers_404_for_an_unknown_field(alice_client: Client, alice_app: Application) -> None:
    assert alice_client.get(reverse("application_field", args=[alice_app.pk, "user"]), headers=HX).status_code == 404


def test_it_refuses_another_users_application(bob_client: Client, alice_app: Application) -> None:
    response = _edit(bob_client, alice_app, "company", {"company": "Hacked"})
    assert response.status_code == 404
    alice_app.refresh_from_db()
    assert alice_app.company == "Northwind"


# --- renames ---------------------------------------------------------------------------------


def test_it_renames_a_company_for_all_its_applications_and_remembers(alice_client: Client, alice: User) -> None:
    keys = {"company_key": "roadrunner staffing"}
    first = make_application(alice, "Roadrunner Staffing", title_key="backend engineer", **keys)
    make_application(alice, "Roadrunner Staffing", job_title="SRE", title_key="sre", **keys)
    response = _edit(alice_client, first, "company", {"company": "Acme", "rename_all": "on"})
    assert "Renamed 2 applications to Acme" in json.loads(response["HX-Trigger"])["toast"]["message"]
    assert set(Application.objects.for_user(alice).values_list("company", "company_key")) == {("Acme", "acme")}
    # A later email that still says "Roadrunner Staffing" for a new role: a new
    # application, named as the user wants.
    later = _later_mail(alice, company="Roadrunner Staffing", job_title="Data Engineer", status=Status.APPLIED)
    assert later.application is not None
    assert (later.application.company, later.application.company_key) == ("Acme", "acme")


def test_it_offers_to_rename_all_only_when_the_company_has_several(alice_client: Client, alice: User) -> None:
    app = make_application(alice, "Globex", company_key="globex")
    url = reverse("application_field", args=[app.pk, "company"]) + "?edit=1"
    assert "Rename all" not in alice_client.get(url, headers=HX).content.decode()
    make_application(alice, "Globex", job_title="SRE", company_key="globex")
    assert "Rename all 2 applications of Globex" in alice_client.get(url, headers=HX).content.decode()


# --- merges ----------------------------------------------------------------------------------


def test_it_merges_applications_and_later_mail_joins_the_survivor(alice_client: Client, alice: User) -> None:
    survivor = make_application(
        alice, "Globex", company_key="globex", title_key="backend engineer", notes="Applied via site."
    )
    make_mail(alice, survivor, company="Globex", received_at=datetime(2026, 10, 1, 9, tzinfo=UTC))
    merged = make_application(
        alice,
        "Initrode",
        company_key="initrode",
        title_key="backend engineer",
        notes="Recruiter: Ana.",
        salary_range="€70k",
        status=Status.ASSESSMENT,
        stage_dates={Status.ASSESSMENT: "2026-10-05T09:00:00+00:00"},
    )
    make_mail(
        alice,
        merged,
        company="Initrode",
        status=Status.ASSESSMENT,
        received_at=datetime(2026, 10, 5, 9, tzinfo=UTC),
    )
    response = alice_client.post(
        reverse("application_merge", args=[survivor.pk]), {"applications": [merged.pk]}, headers=HX
    )
    assert response["HX-Redirect"] == reverse("application_detail", args=[survivor.pk])
    assert not Application.all_objects.filter(pk=merged.pk).exists()
    survivor.refresh_from_db()
    assert survivor.email_count == 2
    assert survivor.status == Status.ASSESSMENT
    assert set(survivor.stage_dates) == {Status.APPLIED, Status.ASSESSMENT}
    assert survivor.notes == "Applied via site.\n\nRecruiter: Ana."
    assert survivor.salary_range == "€70k"
    # A later email for the merged-away company (same role) joins the survivor,
    # though its name shares nothing with the survivor's.
    later = _later_mail(alice, company="Initrode", job_title="Backend Engineer")
    assert later.application_id == survivor.pk
    # And one without a title, too.
    untitled = _later_mail(alice, company="Initrode", job_title="", received_at=datetime(2026, 11, 21, tzinfo=UTC))
    assert untitled.application_id == survivor.pk
    survivor.refresh_from_db()
    assert (survivor.email_count, survivor.status) == (4, Status.INTERVIEW)


def test_it_refuses_to_merge_another_users_application(alice_client: Client, alice_app: Application, bob: User) -> None:
    bobs = make_application(bob, "Bobco")
    response = alice_client.post(reverse("application_merge", args=[alice_app.pk]), {"applications": [bobs.pk]})
    assert response.status_code == 302
    assert Application.objects.filter(pk=bobs.pk, user=bob).exists()


# --- moving an email --------------------------------------------------------------------------


def test_it_moves_an_email_and_later_mail_from_that_sender_follows(alice_client: Client, alice: User) -> None:
    wrong = make_application(alice, "Staffing Partners", company_key="staffing partners", title_key="")
    right = make_application(alice, "Hooli", company_key="hooli", title_key="backend engineer")
    email = make_mail(
        alice,
        wrong,
        company="Staffing Partners",
        sender="Sam Lee <sam@staffing.example>",
        sender_email="sam@staffing.example",
    )
    response = alice_client.post(reverse("email_move", args=[email.pk]), {"target": str(right.pk)}, headers=HX)
    # Its application is gone, so the page it was on is too: on to where the email went.
    assert response["HX-Redirect"] == reverse("application_detail", args=[right.pk])
    assert "Moved to Hooli" in alice_client.get(response["HX-Redirect"]).content.decode()
    email.refresh_from_db()
    assert (email.application_id, email.user_corrected) == (right.pk, True)
    # The application mail created is now empty: it goes.
    assert not Application.all_objects.filter(pk=wrong.pk).exists()
    assert SenderLink.objects.get(user=alice).sender_email == "sam@staffing.example"
    later = _later_mail(alice, company="Staffing Partners", sender_email="sam@staffing.example")
    assert later.application_id == right.pk


def test_it_moves_an_email_to_a_new_application(alice_client: Client, alice: User, alice_app: Application) -> None:
    email = make_mail(alice, alice_app, company="Initech", job_title="Data Engineer", subject="Initech: next steps")
    response = alice_client.post(reverse("email_move", args=[email.pk]), {"target": "new"}, headers=HX)
    assert response.status_code == 200
    email.refresh_from_db()
    assert email.application is not None
    assert (email.application.company, email.application.job_title) == ("Initech", "Data Engineer")
    alice_app.refresh_from_db()
    assert alice_app.email_count == 1


def test_it_does_not_follow_a_shared_no_reply_sender(alice_client: Client, alice: User, alice_app: Application) -> None:
    other = make_application(alice, "Hooli", company_key="hooli")
    email = make_mail(alice, alice_app, sender_email="no-reply@ats.example")
    alice_client.post(reverse("email_move", args=[email.pk]), {"target": str(other.pk)})
    assert not SenderLink.objects.exists()


def test_it_refuses_to_move_into_another_users_application(
    alice_client: Client, alice: User, alice_app: Application, bob: User
) -> None:
    email = alice_app.emails.get()
    bobs = make_application(bob, "Bobco")
    assert alice_client.post(reverse("email_move", args=[email.pk]), {"target": str(bobs.pk)}).status_code == 404
    email.refresh_from_db()
    assert email.application_id == alice_app.pk


# --- undo --------------------------------------------------------------------------------------


def test_it_undoes_deleting_an_application(alice_client: Client, alice: User, alice_app: Application) -> None:
    email = alice_app.emails.get()
    alice_client.post(reverse("application_delete", args=[alice_app.pk]), headers=HX)
    assert b"Northwind" not in alice_client.get(reverse("dashboard")).content
    response = alice_client.post(reverse("application_restore", args=[alice_app.pk]), headers=HX)
    assert json.loads(response["HX-Trigger"])["toast"]["message"] == "Restored Northwind — Backend Engineer."
    assert Application.objects.filter(pk=alice_app.pk).exists()
    email.refresh_from_db()
    assert email.deleted_at is None
    assert Application.objects.get(pk=alice_app.pk).email_count == 1


def test_it_purges_a_deleted_application_after_the_undo_window(alice: User, alice_app: Application) -> None:
    actions.do_delete_application(alice_app)
    Application.all_objects.filter(pk=alice_app.pk).update(
        deleted_at=timezone.now() - timedelta(seconds=actions.UNDO_SECONDS + 1)
    )
    stale = Application.all_objects.get(pk=alice_app.pk)
    assert actions.do_restore_application(stale) is False
    assert actions.purge_deleted(alice.pk) == 1
    assert not Application.all_objects.filter(pk=alice_app.pk).exists()
    assert Email.objects.filter(user=alice, deleted_at__isnull=False, application__isnull=True).count() == 1


def test_it_undoes_deleting_an_email(alice_client: Client, alice: User) -> None:
    app = make_application(alice, "Quokka", stage_dates={})
    make_mail(alice, app, received_at=datetime(2026, 9, 1, tzinfo=UTC))
    invite = make_mail(alice, app, status=Status.INTERVIEW, received_at=datetime(2026, 9, 8, tzinfo=UTC))
    response = alice_client.post(reverse("email_delete", args=[invite.pk]), headers=HX)
    assert json.loads(response["HX-Trigger"])["toast"]["undo"] == reverse("email_restore", args=[invite.pk])
    app.refresh_from_db()
    assert (app.email_count, app.status) == (1, Status.APPLIED)
    response = alice_client.post(reverse("email_restore", args=[invite.pk]), headers=HX)
    assert "timeline-changed" in json.loads(response["HX-Trigger"])
    app.refresh_from_db()
    assert (app.email_count, app.status) == (2, Status.INTERVIEW)


def test_it_refuses_to_undo_for_another_user(bob_client: Client, alice_app: Application) -> None:
    actions.do_delete_application(alice_app)
    assert bob_client.post(reverse("application_restore", args=[alice_app.pk])).status_code == 404
    assert not Application.objects.filter(pk=alice_app.pk).exists()


# --- bulk actions --------------------------------------------------------------------------------


def test_it_sets_the_status_of_selected_applications(alice_client: Client, alice: User) -> None:
    apps = [make_application(alice, name) for name in ("A", "B", "C")]
    response = alice_client.post(
        reverse("applications_bulk"),
        {"action": "status", "status": Status.REJECTED, "applications": [apps[0].pk, apps[1].pk]},
        headers=HX,
    )
    assert json.loads(response["HX-Trigger"])["toast"]["message"] == "Status set to Rejected on 2 applications."
    statuses = dict(Application.objects.values_list("company", "status"))
    assert statuses == {"A": Status.REJECTED, "B": Status.REJECTED, "C": Status.APPLIED}


def test_it_merges_selected_applications_into_the_first(alice_client: Client, alice: User) -> None:
    first = make_application(alice, "Globex", company_key="globex")
    second = make_application(alice, "Globex Talent", company_key="globex talent", title_key="backend engineer")
    make_mail(alice, second)
    alice_client.post(
        reverse("applications_bulk"), {"action": "merge", "applications": [first.pk, second.pk]}, headers=HX
    )
    assert list(Application.objects.for_user(alice).values_list("pk", flat=True)) == [first.pk]
    assert ApplicationAlias.objects.get(user=alice).application_id == first.pk


def test_it_deletes_selected_applications_with_one_undo(alice_client: Client, alice: User) -> None:
    apps = [make_application(alice, name) for name in ("A", "B")]
    response = alice_client.post(
        reverse("applications_bulk"), {"action": "delete", "applications": [a.pk for a in apps]}, headers=HX
    )
    toast = json.loads(response["HX-Trigger"])["toast"]
    assert toast["message"] == "Deleted 2 applications."
    assert not Application.objects.for_user(alice).exists()
    alice_client.post(toast["undo"], headers=HX)
    assert Application.objects.for_user(alice).count() == 2


def test_it_ignores_other_users_rows_in_a_bulk_action(alice_client: Client, bob: User) -> None:
    bobs = make_application(bob, "Bobco")
    response = alice_client.post(
        reverse("applications_bulk"), {"action": "delete", "applications": [bobs.pk]}, headers=HX
    )
    assert json.loads(response["HX-Trigger"])["toast"]["level"] == "error"
    assert Application.objects.filter(pk=bobs.pk).exists()


# --- contacts and counts ----------------------------------------------------------------------------


def test_it_lists_the_people_who_wrote_with_their_role(
    alice_client: Client, alice: User, alice_app: Application
) -> None:
    make_mail(
        alice,
        alice_app,
        sender='"Jane Roe, Talent Acquisition" <jane@northwind.example>',
        sender_email="jane@northwind.example",
    )
    make_mail(alice, alice_app, sender="Jane Roe <jane@northwind.example>", sender_email="jane@northwind.example")
    make_mail(
        alice, alice_app, sender="Northwind <no-reply@northwind.example>", sender_email="no-reply@northwind.example"
    )
    page = alice_client.get(reverse("application_detail", args=[alice_app.pk])).content.decode()
    assert '<strong><bdi>Jane Roe</bdi></strong> <span class="muted">· <bdi>Talent Acquisition</bdi></span>' in page
    assert "2 emails" in page
    assert "no-reply@northwind.example</a>" not in page


def test_it_refreshes_the_header_counts_with_the_table(alice_client: Client, alice: User) -> None:
    make_application(alice, "A")
    body = alice_client.get(reverse("dashboard") + "?q=A", headers=HX).content.decode()
    assert '<p class="muted" id="header-counts" hx-swap-oob="true">1 application matches the filters' in body


def test_it_remembers_nothing_for_other_users(alice: User, bob: User) -> None:
    CompanyAlias.objects.create(user=alice, alias_key="globex talent", company_key="globex", company="Globex")
    make_application(alice, "Globex", company_key="globex")
    later = _later_mail(bob, company="Globex Talent", job_title="")
    assert later.application is not None
    assert later.application.user_id == bob.pk
    assert later.application.company == "Globex Talent"


def test_it_refreshes_the_review_count_after_a_review(
    alice_client: Client, alice: User, alice_app: Application, alice_review_email: Email
) -> None:
    make_mail(alice, alice_app, status=Status.REJECTED, needs_review=True, review_reason="Low-confidence rejected")
    assert "2 emails to review" in alice_client.get(reverse("dashboard")).content.decode()
    answer = alice_client.post(reverse("review_confirm", args=[alice_review_email.pk]), headers=HX)
    # The answer asks the list to refresh, and the refreshed list brings the header's counts.
    assert "applications-changed" in json.loads(answer["HX-Trigger"])
    body = alice_client.get(reverse("dashboard"), headers=HX).content.decode()
    assert 'id="header-counts" hx-swap-oob="true">1 application · <a href="#review-queue">1 email to review</a>' in body
