from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.test import Client

from accounts.models import GmailCredential, User
from dashboard.models import Application, Email
from jobmail.taxonomy import Status
from processing.models import ClassificationCache, ProcessingRun, RunStatus
from tests.conftest import PASSWORD
from tests.security.routes import Route

#: Tests run with DEBUG off, where a key is required (there is no derived development key).
ENCRYPTION_KEY = "0mJ5oY0nq3f7mQp1yJjW2Q2m0b0Kc3m4uY3Yx5G8b1c="

#: Token values planted in alice's Gmail grant; tests grep logs and pages for them.
REFRESH_TOKEN = "1//0refresh-SECRET-4f0c9a7e2b"
ACCESS_TOKEN = "ya29.access-SECRET-9d1e27c5aa"


@dataclass
class World:
    """One user's objects, one of each kind a URL can point at."""

    user: User
    application: Application
    email: Email
    run: ProcessingRun
    credential: GmailCredential
    cache_entry: ClassificationCache

    def owned_pks(self) -> list[int]:
        return [self.application.pk, self.email.pk, self.run.pk]


def build_world(user: User) -> World:
    run = ProcessingRun.objects.create(
        user=user, status=RunStatus.FINISHED, total_emails=1, processed_emails=1, stored_emails=1
    )
    application = Application.objects.create(
        user=user,
        company="Northwind",
        job_title="Backend Engineer",
        status=Status.APPLIED,
        last_activity_at=datetime(2026, 10, 1, 9, tzinfo=UTC),
        email_count=1,
    )
    email = Email.objects.create(
        user=user,
        application=application,
        run=run,
        provider="gmail",
        provider_message_id=f"msg-{user.pk}-1",
        subject="Thank you for applying to Northwind",
        sender="Northwind Careers <careers@northwind.example>",
        status=Status.REJECTED,
        is_job_related=True,
        confidence=0.4,
        needs_review=True,
        review_reason="Low-confidence rejected",
        received_at=datetime(2026, 10, 2, 9, tzinfo=UTC),
    )
    credential = GmailCredential(user=user, email=user.email, scopes="https://www.googleapis.com/auth/gmail.readonly")
    credential.refresh_token = REFRESH_TOKEN
    credential.access_token = ACCESS_TOKEN
    credential.save()
    cache_entry = ClassificationCache.objects.create(user=user, content_hash="a" * 64, result={"status": "applied"})
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return World(user, application, email, run, credential, cache_entry)


@pytest.fixture(autouse=True)
def _encryption_key(settings: Any) -> None:
    if not settings.FIELD_ENCRYPTION_KEYS:
        settings.FIELD_ENCRYPTION_KEYS = [ENCRYPTION_KEY]


@pytest.fixture(autouse=True)
def _google_configured(settings: Any) -> None:
    # As in a deployment with Google sign-in: its login, callback and token routes are live.
    providers = copy.deepcopy(settings.SOCIALACCOUNT_PROVIDERS)
    providers["google"]["APPS"] = [
        {"client_id": "test-client.apps.googleusercontent.com", "secret": "test-secret", "key": ""}
    ]
    settings.SOCIALACCOUNT_PROVIDERS = providers
    settings.GOOGLE_LOGIN_ENABLED = True


@pytest.fixture
def alice_world(alice: User) -> World:
    return build_world(alice)


@pytest.fixture
def staff(db: None) -> User:
    return User.objects.create_superuser("admin@example.com", PASSWORD)


@pytest.fixture
def staff_client(staff: User) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def admin_model(route: Route) -> type[Model] | None:
    """The model behind an admin URL like admin/<app>/<model>/<object_id>/change/."""
    parts = route.pattern.split("/")
    if len(parts) < 3 or not route.is_admin:
        return None
    try:
        return apps.get_model(parts[1], parts[2])
    except (LookupError, ValueError):
        return None


def route_values(route: Route, world: World, pk: int | None = None) -> dict[str, object]:
    """Plausible values for a route's parameters, pointing at `world`'s objects."""
    values: dict[str, object] = {}
    for param in route.params:
        if param == "pk":
            values[param] = pk if pk is not None else world.application.pk
        elif param == "object_id" and route.name == "admin:view_on_site":
            values[param] = world.application.pk
        elif param == "object_id":
            model = admin_model(route)
            instance = _instance_of(model, world) if model is not None else None
            values[param] = instance.pk if instance is not None else 999999
        elif param == "content_type_id":
            values[param] = ContentType.objects.get_for_model(Application).pk
        elif param == "id":
            values[param] = world.user.pk
        elif param == "app_label":
            values[param] = "dashboard"
        elif param == "url":
            values[param] = "no-such-page/"
        elif param == "uidb36":
            values[param] = "1"
        elif param == "key":
            values[param] = "not-a-valid-key"
        elif param == "name" and route.name == "application_field":
            values[param] = "notes"
        elif param == "token":
            values[param] = "not-a-valid-calendar-token"
        else:
            raise KeyError(f"tests/security/conftest.py: add a value for parameter {param!r} of {route.id}")
    return values


def _instance_of(model: type[Model], world: World) -> Model | None:
    known: dict[type[Model], Model] = {
        User: world.user,
        Application: world.application,
        Email: world.email,
        ProcessingRun: world.run,
        GmailCredential: world.credential,
        ClassificationCache: world.cache_entry,
    }
    if model in known:
        return known[model]
    if model is Group:
        return Group.objects.get_or_create(name="reviewers")[0]
    return model._default_manager.first()  # type: ignore[no-any-return]
