"""Signup says everything wrong at once and marks the fields in error."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_reports_a_weak_password_and_a_mismatch_together(client: Client) -> None:
    response = client.post(
        reverse("account_signup"), {"email": "new@example.com", "password1": "short", "password2": "different"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This password is too short" in page
    assert "You must type the same password each time." in page
    assert 'id="id_password1" aria-invalid="true" aria-describedby="id_password1-error"' in page
    assert 'id="id_password2" aria-invalid="true"' in page
    assert 'id="id_email" aria-invalid' not in page


def test_it_still_signs_up_with_matching_good_passwords(client: Client) -> None:
    password = "a-long-enough-passphrase-2026"
    response = client.post(
        reverse("account_signup"), {"email": "new@example.com", "password1": password, "password2": password}
    )
    assert response.status_code == 302
