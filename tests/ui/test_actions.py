"""What the dashboard's actions change: status edits, manual adds, deletes, the review queue."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from django.test import Client
from django.urls import reverse

from accounts.models import User
from dashboard.models import Application, Email, Origin
from jobmail.taxonomy import Status
from tests.ui.conftest import make_application, make_mail


def known_message_ids(user_id: int, ids: list[str]) -> set[str]:
    # What a later run consults before fetching (imported late: it pulls in the pipeline).
    from processing.store import known_message_ids as known

    return known(user_id, ids)


def _toast(response: object) -> str:
    return str(json.loads(response["HX-Trigger"])["toast"]["message"])  # type: ignore[index]


def test_it_sets_a_status_by_hand_and_locks_it(alice_client: Client, alice_app: Application) -> None:
    response = alice_client.post(
        reverse("application_status", args=[alice_app.pk]), {"status": Status.INTERVIEW}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert _toast(response) == "Northwind: status set to Interview."
    body = response.content.decode()
    assert body.lstrip().startswith(f'<tbody id="app-{alice_app.pk}"')
    assert 'class="badge badge-interview"' in body
    app = Application.objects.get(pk=alice_app.pk)
    assert app.status == Status.INTERVIEW
    assert app.status_locked
    assert "interview" in app.stage_dates


def test_it_refuses_an_unknown_status(alice_client: Client, alice_app: Application) -> None:
    response = alice_client.post(
        reverse("application_status", args=[alice_app.pk]), {"status": "hired!"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    assert response["HX-Reswap"] == "none"
    assert "Choose one of the listed statuses" in _toast(response)
    assert Application.objects.get(pk=alice_app.pk).status == Status.APPLIED


def test_it_adds_an_application_by_hand(alice_client: Client, alice: User) -> None:
    response = alice_client.post(
        reverse("application_add"),
        {"company": "Lumen", "job_title": "Data Engineer", "status": Status.ASSESSMENT, "applied_on": "2026-09-14"},
        headers={"HX-Request": "true"},
    )
    assert response["HX-Refresh"] == "true"
    app = Application.objects.get(user=alice, company="Lumen")
    assert (app.origin, app.status, app.job_title, app.company_key) == (
        Origin.MANUAL,
        "assessment",
        "Data Engineer",
        "lumen",
    )
    assert app.stage_dates["assessment"].startswith("2026-09-14")
    page = alice_client.get(reverse("dashboard"))
    assert b"Added Lumen" in page.content  # the toast after the refresh
    assert b"Data Engineer" in page.content


def test_it_refuses_to_add_without_a_company(alice_client: Client, alice: User) -> None:
    response = alice_client.post(reverse("application_add"), {"company": "", "status": Status.APPLIED})
    assert response.status_code == 302
    assert not Application.objects.filter(user=alice).exists()
    assert b"Give at least the company name" in alice_client.get(response["Location"]).content


def test_it_refuses_to_add_an_application_applied_in_the_future(alice_client: Client, alice: User) -> None:
    later = (date.today() + timedelta(days=3)).isoformat()
    response = alice_client.post(
        reverse("application_add"),
        {"company": "Lumen", "status": Status.APPLIED, "applied_on": later},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert _toast(response) == "The date applied cannot be in the future."
    assert not Application.objects.filter(user=alice).exists()
    # Today is fine.
    alice_client.post(
        reverse("application_add"), {"company": "Lumen", "status": Status.APPLIED, "applied_on": date.today()}
    )
    assert Application.objects.filter(user=alice, company="Lumen").exists()


def test_it_deletes_an_application_and_tombstones_its_emails(
    alice_client: Client, alice: User, alice_app: Application
) -> None:
    email = alice_app.emails.get()
    response = alice_client.post(reverse("application_delete", args=[alice_app.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.content == b""  # the row's tbody is replaced by nothing
    events = json.loads(response["HX-Trigger"])
    assert "applications-changed" in events
    assert events["toast"]["undo"] == reverse("application_restore", args=[alice_app.pk])
    assert not Application.objects.filter(pk=alice_app.pk).exists()
    email.refresh_from_db()
    assert email.deleted_at is not None
    # A later run lists the same message and skips it: it never comes back.
    assert known_message_ids(alice.pk, [email.provider_message_id]) == {email.provider_message_id}
    assert email.subject.encode() not in alice_client.get(reverse("dashboard")).content


def test_it_deletes_one_email_and_recounts_its_application(alice_client: Client, alice: User) -> None:
    app = make_application(alice, "Quokka", stage_dates={})
    make_mail(alice, app, subject="Application received", received_at=datetime(2026, 9, 1, tzinfo=UTC))
    invite = make_mail(
        alice,
        app,
        subject="Interview invitation",
        status=Status.INTERVIEW,
        received_at=datetime(2026, 9, 8, tzinfo=UTC),
    )
    app.status = Status.INTERVIEW
    app.save()
    response = alice_client.post(reverse("email_delete", args=[invite.pk]), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert f'<div id="timeline-{app.pk}"' in body
    assert "Interview invitation" not in body
    assert f'<span id="app-{app.pk}-count" hx-swap-oob="true">1</span>' in body
    assert 'class="badge badge-applied" hx-swap-oob="true"' in body
    app.refresh_from_db()
    assert (app.email_count, app.status) == (1, Status.APPLIED)
    assert list(app.stage_dates) == ["applied"]
    invite.refresh_from_db()
    assert invite.deleted_at is not None
    assert known_message_ids(alice.pk, [invite.provider_message_id]) == {invite.provider_message_id}


def test_it_keeps_a_status_set_by_hand_when_an_email_is_deleted(alice_client: Client, alice: User) -> None:
    app = make_application(alice, "Quokka", status=Status.OFFER, status_locked=True)
    email = make_mail(alice, app, status=Status.INTERVIEW)
    alice_client.post(reverse("email_delete", args=[email.pk]))
    app.refresh_from_db()
    assert (app.status, app.email_count) == (Status.OFFER, 0)


def test_it_hides_a_deleted_email_from_every_list(alice_client: Client, alice_review_email: Email) -> None:
    alice_client.post(reverse("email_delete", args=[alice_review_email.pk]))
    page = alice_client.get(reverse("dashboard")).content
    assert b"An update on your application" not in page
    assert alice_client.post(reverse("review_confirm", args=[alice_review_email.pk])).status_code == 404


def test_it_confirms_a_review_and_applies_it(
    alice_client: Client, alice_app: Application, alice_review_email: Email
) -> None:
    response = alice_client.post(
        reverse("review_confirm", args=[alice_review_email.pk]), headers={"HX-Request": "true"}
    )
    assert _toast(response) == "Confirmed: Rejected."
    assert "applications-changed" in json.loads(response["HX-Trigger"])
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="review-queue"')
    assert "An update on your application" not in body
    alice_review_email.refresh_from_db()
    assert not alice_review_email.needs_review
    assert alice_review_email.user_corrected
    alice_app.refresh_from_db()
    assert alice_app.status == Status.REJECTED
    assert "rejected" in alice_app.stage_dates


def test_it_corrects_a_review_to_not_job_and_detaches_the_email(
    alice_client: Client, alice_app: Application, alice_review_email: Email
) -> None:
    alice_client.post(reverse("review_correct", args=[alice_review_email.pk]), {"status": Status.NOT_JOB})
    alice_review_email.refresh_from_db()
    assert (alice_review_email.status, alice_review_email.is_job_related) == (Status.NOT_JOB, False)
    assert alice_review_email.application_id is None
    alice_app.refresh_from_db()
    assert (alice_app.status, alice_app.email_count) == (Status.APPLIED, 1)


def test_it_corrects_a_review_to_another_stage(
    alice_client: Client, alice_app: Application, alice_review_email: Email
) -> None:
    alice_client.post(reverse("review_correct", args=[alice_review_email.pk]), {"status": Status.INTERVIEW})
    alice_app.refresh_from_db()
    assert alice_app.status == Status.INTERVIEW
    assert alice_app.email_count == 2


def test_it_groups_a_corrected_email_that_had_no_application(alice_client: Client, alice: User) -> None:
    email = make_mail(
        alice, None, subject="Can we talk?", status=Status.NOT_JOB, company="Halcyon", needs_review=True, confidence=0.3
    )
    alice_client.post(reverse("review_correct", args=[email.pk]), {"status": Status.RECRUITER_OUTREACH})
    email.refresh_from_db()
    assert email.application is not None
    assert email.application.company == "Halcyon"
    assert email.application.email_count == 1


def test_it_refuses_an_unknown_correction(alice_client: Client, alice_review_email: Email) -> None:
    response = alice_client.post(reverse("review_correct", args=[alice_review_email.pk]), {"status": "nope"})
    assert response.status_code == 302
    alice_review_email.refresh_from_db()
    assert alice_review_email.needs_review


def test_it_redirects_back_without_javascript(alice_client: Client, alice_app: Application) -> None:
    response = alice_client.post(reverse("application_status", args=[alice_app.pk]), {"status": Status.OFFER})
    assert response["Location"] == reverse("application_detail", args=[alice_app.pk])
    response = alice_client.post(
        reverse("application_status", args=[alice_app.pk]), {"status": Status.OFFER, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("application_detail", args=[alice_app.pk])
