"""An email the LLM could not be asked about says so in the review queue, and can be
classified again by the next run."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from dashboard.models import Application, Email
from jobmail.classify.result import Classification
from jobmail.taxonomy import Status
from processing.store import known_message_ids, review_reason
from tests.ui.conftest import make_application, make_mail

pytestmark = pytest.mark.django_db


def test_it_says_why_an_email_waits_for_review() -> None:
    down = Classification(status=Status.APPLIED, is_job_related=True, needs_review=True, reasons=("LLM unavailable",))
    assert review_reason(down) == "The LLM server could not be reached, so this is the rules' guess."
    unusable = Classification(status=Status.OTHER_JOB, is_job_related=True, needs_review=True, classifier="llm")
    assert review_reason(unusable) == "The LLM's answer could not be used, so this is the rules' guess."


def test_it_forgets_an_email_so_the_next_run_classifies_it_again(alice_client: Client, alice: User) -> None:
    app = make_application(alice, "Northwind")
    make_mail(alice, app, subject="Kept")
    email = make_mail(
        alice,
        app,
        needs_review=True,
        review_reason="The LLM server could not be reached, so this is the rules' guess.",
    )
    page = alice_client.get(reverse("dashboard")).content.decode()
    assert reverse("review_retry", args=[email.pk]) in page
    response = alice_client.post(reverse("review_retry", args=[email.pk]), headers={"HX-Request": "true"})
    assert "The next run reads this email again" in response["HX-Trigger"]
    assert not Email.objects.filter(pk=email.pk).exists()
    # Not a tombstone: a later run does not know the message, so it fetches it again.
    assert known_message_ids(alice.pk, [email.provider_message_id]) == set()
    assert Application.objects.get(pk=app.pk).email_count == 1


def test_it_offers_classify_again_only_when_the_llm_was_the_problem(alice_client: Client, alice: User) -> None:
    email = make_mail(alice, None, needs_review=True, review_reason="Low-confidence rejected")
    assert reverse("review_retry", args=[email.pk]) not in alice_client.get(reverse("dashboard")).content.decode()
