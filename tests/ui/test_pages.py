"""What each page shows: banners, the start-date dialog, empty states, progress, settings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import GmailCredential, User
from dashboard.models import Application
from jobmail.taxonomy import Status
from processing.models import Phase, RunStatus, Source
from tests.ui.conftest import make_application, make_mail, make_run


def _page(client: Client, url: str = "/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _progress_partial(client: Client) -> str:
    """The fragment htmx polls for; never a whole page."""
    fragment = client.get(reverse("processing") + "?partial=progress", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    return fragment


# --- dashboard --------------------------------------------------------------------------


def test_it_welcomes_a_new_user_with_the_start_dialog_and_the_demo(alice_client: Client) -> None:
    page = _page(alice_client)
    assert '<dialog id="start-dialog" class="start-dialog" aria-labelledby="start-title" open>' in page
    for days in (7, 30, 90, 180, 365):
        day = (timezone.localdate() - timedelta(days=days)).isoformat()
        assert f'name="start_date" value="{day}">Last {days} days</button>' in page
    # No date after today (the Today panel once took the same context name and left max empty).
    today = timezone.localdate().isoformat()
    assert f'type="date" id="start-date" name="start_date" max="{today}" required' in page
    assert f'type="date" id="end-date" name="end_date" max="{today}"' in page
    assert f'name="applied_on" type="date" max="{today}"' in page
    assert "Your job search, sorted from your inbox" in page
    assert "Gmail is not configured on this server" in page
    assert 'name="source" value="demo"' in page
    assert 'id="run-banner"' not in page


def test_it_offers_one_clear_choice_after_a_cancelled_first_run(alice_client: Client, alice: User) -> None:
    make_run(alice, status=RunStatus.CANCELLED, source=Source.DEMO, start_date=date(2026, 8, 1), processed_emails=12)
    page = _page(alice_client)
    assert "Processing was cancelled" in page
    assert "after 12 of 40 emails (30%)" in page
    assert '<input type="hidden" name="start_date" value="2026-08-01">' in page
    assert '<input type="hidden" name="source" value="demo">' in page
    assert 'id="resume-button"' in page
    assert 'href="?start=choose#start-dialog" data-dialog-open="start-dialog"' in page
    # Resume, or other dates: the dialog waits until asked for, and one sentence explains.
    assert 'aria-labelledby="start-title">' in page
    assert ">Choose other dates</a>" in page
    assert "Resume continues where it stopped; other dates start a new run over that range." in page


def test_it_shows_the_banner_but_not_the_dialog_to_a_returning_user(alice_client: Client, alice: User) -> None:
    make_run(alice, status=RunStatus.FINISHED)
    make_run(alice, status=RunStatus.INTERRUPTED, processed_emails=30, total_emails=120)
    page = _page(alice_client)
    assert "Processing was interrupted" in page
    assert "after 30 of 120 emails (25%)" in page
    assert 'aria-labelledby="start-title">' in page  # present for "start over", closed
    assert 'aria-labelledby="start-title" open>' in _page(alice_client, "/?start=choose")


def test_it_points_to_the_progress_while_a_run_is_active(alice_client: Client, alice: User) -> None:
    make_run(alice, status=RunStatus.STARTED, processed_emails=5, total_emails=50)
    page = _page(alice_client)
    assert "Processing in progress:" in page
    assert f'href="{reverse("processing")}"' in page
    assert "<dialog" not in page


def test_it_shows_the_table_review_queue_and_chart(
    alice_client: Client, alice_app: Application, alice_review_email: object
) -> None:
    make_run(alice_app.user, status=RunStatus.FINISHED)
    page = _page(alice_client)
    assert f'<tbody id="app-{alice_app.pk}" class="app">' in page
    assert f'href="/applications/{alice_app.pk}" hx-get="/applications/{alice_app.pk}"' in page
    assert '<section id="review-queue"' in page
    assert "An update on your application" in page
    assert "1 to review" in page
    assert '<section id="pipeline"' in page
    assert 'href="/export/applications.csv"' in page
    assert 'href="/export/interviews.ics"' in page
    assert "What the statuses mean" in page
    assert "The employer declines the user&#x27;s application" in page  # the taxonomy's definitions
    assert "<dialog" in page
    assert 'aria-labelledby="start-title" open>' not in page


def test_it_shows_an_application_timeline_with_gmail_links(alice_client: Client, alice: User) -> None:
    app = make_application(alice, "Lumen")
    make_mail(alice, app, provider="gmail", provider_message_id="18c2f0a9", subject="Interview on Monday")
    make_mail(alice, app, provider="demo", provider_message_id="<x@demo>", subject="Demo mail")
    body = alice_client.get(
        reverse("application_detail", args=[app.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert body.lstrip().startswith(f'<div id="timeline-{app.pk}" class="timeline-holder"')
    assert 'href="https://mail.google.com/mail/u/0/#all/18c2f0a9"' in body
    assert body.count("Open in Gmail") == 1
    assert "Interview on Monday" in body
    assert "Demo mail" in body


# --- processing ----------------------------------------------------------------------------
# The processing view is async and reads in worker threads, which only see committed rows.


@pytest.mark.django_db(transaction=True)
def test_it_shows_live_progress_with_counts_phase_elapsed_and_eta(alice_client: Client, alice: User) -> None:
    run = make_run(
        alice,
        status=RunStatus.STARTED,
        phase=Phase.CLASSIFYING,
        processed_emails=30,
        total_emails=120,
        started_at=timezone.now() - timedelta(seconds=65),
    )
    make_mail(alice, None, run=run, subject="Interview invitation from Lumen", status=Status.INTERVIEW, company="Lumen")
    page = _page(alice_client, reverse("processing"))
    assert 'hx-ext="ws" ws-connect="/ws/processing/"' in page
    assert f'data-poll-url="{reverse("processing")}?partial=progress"' in page
    assert '<section id="progress" class="card progress-card" hx-swap-oob="innerHTML" aria-live="polite"' in page
    assert '<progress id="progress-bar" class="progress-bar" max="120" value="30"' in page
    assert "<strong>30</strong> / 120" in page
    assert "Classifying" in page
    assert "1 min 05 s" in page or "1 min 06 s" in page
    assert 'id="progress-eta">3 min' in page  # 90 left at 30 per 65 s
    assert "Interview invitation from Lumen" in page
    assert '<form id="run-controls" method="post" action="/cancel-fetch-emails" data-while-running>' in page
    assert 'hx-post="/cancel-fetch-emails" hx-disabled-elt="this"' in page
    fragment = _progress_partial(alice_client)
    assert 'id="progress"' in fragment
    assert 'id="recent-emails"' in fragment
    assert 'data-status="started"' in fragment


@pytest.mark.django_db(transaction=True)
def test_it_shows_a_run_waiting_for_a_free_slot_with_its_place_in_line(alice_client: Client, alice: User) -> None:
    make_run(alice, status=RunStatus.STARTED, phase=Phase.WAITING, waiting_ahead=2, total_emails=None)
    page = _page(alice_client, reverse("processing"))
    assert '<progress id="progress-bar" class="progress-bar" aria-label="Waiting for a free slot"></progress>' in page
    assert '<dd id="progress-phase">Waiting for a free slot (2 ahead)</dd>' in page
    assert "this one starts as soon as a slot is free. Cancelling now loses nothing." in page
    assert '<form id="run-controls" method="post" action="/cancel-fetch-emails" data-while-running>' in page
    assert "Waiting for a free slot (2 ahead)" in _progress_partial(alice_client)
    answer = alice_client.get(reverse("processing"), headers={"Accept": "application/json"}).json()
    assert (answer["status"], answer["phase"], answer["waiting_ahead"]) == ("started", "waiting", 2)


def test_it_says_on_the_dashboard_that_a_run_waits_for_a_slot(alice_client: Client, alice: User) -> None:
    make_run(alice, status=RunStatus.STARTED, phase=Phase.WAITING, waiting_ahead=3, total_emails=None)
    page = _page(alice_client)
    assert "<strong>Processing is waiting for a free slot</strong> (3 ahead): it starts as soon as one is free." in page
    assert "Processing in progress:" not in page


@pytest.mark.django_db(transaction=True)
def test_it_says_when_a_waiting_run_is_next(alice_client: Client, alice: User) -> None:
    make_run(alice, status=RunStatus.STARTED, phase=Phase.WAITING, waiting_ahead=0, total_emails=None)
    page = _page(alice_client, reverse("processing"))
    assert '<dd id="progress-phase">Waiting for a free slot (next in line)</dd>' in page


@pytest.mark.django_db(transaction=True)
def test_it_hides_cancel_and_says_how_a_run_ended(alice_client: Client, alice: User) -> None:
    make_run(alice, status=RunStatus.CANCELLED, processed_emails=12, total_emails=40)
    page = _page(alice_client, reverse("processing"))
    assert '<form id="run-controls" method="post" action="/cancel-fetch-emails" data-while-running hidden>' in page
    assert 'data-status="cancelled"' in page
    assert "Processing cancelled after 12 of 40 emails." in page


@pytest.mark.django_db(transaction=True)
def test_it_explains_the_processing_page_before_any_run(alice_client: Client) -> None:
    page = _page(alice_client, reverse("processing"))
    assert "Nothing is being processed" in page
    assert 'data-status="none"' in page


# --- settings ----------------------------------------------------------------------------------


def test_it_shows_settings_for_a_user_without_gmail(alice_client: Client, settings: pytest.FixtureRequest) -> None:
    settings.CLASSIFIER = "rules"  # type: ignore[attr-defined]
    page = _page(alice_client, reverse("settings"))
    assert "Not connected." in page
    assert "Gmail is not configured on this server" in page
    assert "offline <strong>rules</strong> classifier" in page
    assert f'action="{reverse("delete_my_data")}"' in page
    assert '<input type="checkbox" name="confirm" value="yes" required>' in page


def test_it_offers_connect_when_google_is_configured(alice_client: Client, settings: pytest.FixtureRequest) -> None:
    settings.GOOGLE_LOGIN_ENABLED = True  # type: ignore[attr-defined]
    page = _page(alice_client, reverse("settings"))
    assert f'action="{reverse("google_login")}"' in page
    assert '<input type="hidden" name="process" value="connect">' in page
    assert "Connect Gmail" in page


def test_it_shows_a_connected_gmail_with_disconnect(
    alice_client: Client, alice: User, settings: pytest.FixtureRequest
) -> None:
    settings.CLASSIFIER = "llm"  # type: ignore[attr-defined]
    # Any stored token makes the grant usable; its encryption is the accounts tests' subject.
    GmailCredential.objects.create(user=alice, email="alice@gmail.example", refresh_token_encrypted="token")
    page = _page(alice_client, reverse("settings"))
    assert "Connected to <strong>alice@gmail.example</strong>" in page
    assert f'action="{reverse("gmail_disconnect")}"' in page
    assert "An <strong>LLM</strong>" in page


def test_it_asks_to_reconnect_after_a_revoked_grant(
    alice_client: Client, alice: User, settings: pytest.FixtureRequest
) -> None:
    settings.GOOGLE_LOGIN_ENABLED = True  # type: ignore[attr-defined]
    GmailCredential.objects.create(
        user=alice, email="alice@gmail.example", refresh_token_encrypted="token", revoked_at=timezone.now()
    )
    page = _page(alice_client, reverse("settings"))
    assert "Access was revoked." in page
    assert "Reconnect Gmail" in page
