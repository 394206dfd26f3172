"""The admin: one section per app with its own title, derived fields read-only, no invented
emails, and an icon."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from dashboard.models import Application
from tests.ui.conftest import make_application, make_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(alice: User) -> Client:
    alice.is_staff = alice.is_superuser = True
    alice.save()
    client = Client()
    client.force_login(alice)
    return client


def test_it_titles_each_admin_section_once(admin_client_: Client) -> None:
    page = admin_client_.get(reverse("admin:index")).content.decode()
    captions = re.findall(r"<caption>\s*<a[^>]*>([^<]+)</a>", page)
    assert len(captions) == len(set(captions)), captions
    assert "Users and Gmail access" in captions


def test_it_keeps_grouping_fields_read_only_and_adds_no_email(admin_client_: Client, alice: User) -> None:
    app = make_application(alice, "Northwind", company_key="northwind")
    make_mail(alice, app)
    page = admin_client_.get(reverse("admin:dashboard_application_change", args=[app.pk])).content.decode()
    for field in ("company_key", "title_key", "stage_dates"):
        assert f'name="{field}"' not in page
    # No room for another row: the admin script shows no "Add another Email" link.
    assert 'name="emails-MAX_NUM_FORMS" value="0"' in page
    assert 'name="company"' in page


def test_it_shows_deleted_applications_to_the_admin(admin_client_: Client, alice: User) -> None:
    from dashboard import actions

    app = make_application(alice, "Northwind")
    actions.do_delete_application(app)
    assert not Application.objects.filter(pk=app.pk).exists()
    assert admin_client_.get(reverse("admin:dashboard_application_change", args=[app.pk])).status_code == 200


def test_it_answers_the_favicon_everywhere(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")
