from __future__ import annotations

import copy
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

from accounts.models import User

if TYPE_CHECKING:
    from tests.fakes.openai_server import FakeOpenAIServer

PASSWORD = "correct-horse-battery-staple"
# Processes the tests start (manage.py commands, daphne) read the demo at full speed: the
# demo paces itself like a real mailbox only for people trying it by hand.
os.environ.setdefault("DEMO_EMAILS_PER_SECOND", "0")


def link_in(body: object) -> str:
    """The path of the one link to this site in a mail's text."""
    import re

    (url,) = re.findall(r"https?://testserver(/\S+)", str(body))
    return url


def verified_user(email: str, password: str | None = PASSWORD) -> User:
    """A user whose address was confirmed (as after following the mailed link)."""
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(email, password)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def alice(db: None) -> User:
    return verified_user("alice@example.com")


@pytest.fixture
def bob(db: None) -> User:
    return verified_user("bob@example.com")


@pytest.fixture
def alice_client(alice: User) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob: User) -> Client:
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def csrf_client(alice: User) -> Client:
    """A client that enforces CSRF checks like a browser session would."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    return client


@pytest.fixture(autouse=True)
def _fresh_channel_layer() -> Iterator[None]:
    # Each async test has its own event loop; an in-memory layer's queues must
    # not leak from one loop to the next.
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture(autouse=True)
def _isolated_cache(settings: Any) -> None:
    # Rate-limit counters are keyed by user id, and ids repeat from test to test:
    # a fresh key prefix per test keeps counts from leaking (also across test
    # processes sharing one Redis), without flushing anyone's Redis database.
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["KEY_PREFIX"] = f"jobtrail-test-{uuid.uuid4().hex}"
    settings.CACHES = caches


@pytest.fixture
async def process_services() -> AsyncIterator[None]:
    """Stops this loop's cancel listener and sweeper, and any run left, after the test."""
    from processing import runs
    from processing.admission import llm_turns, slots
    from processing.registry import registry

    yield
    await runs.stop_all_runs(timeout=10)
    await runs.stop_process_services()
    assert len(registry) == 0, "a run task outlived its test"
    assert (slots.active, slots.waiting, slots.load) == (0, 0, 0), "a run kept its slot or its place in line"
    assert (llm_turns.in_use, llm_turns.waiting) == (0, 0), "a run kept its turn at the LLM"


@pytest.fixture
def fake_openai(settings: pytest.FixtureRequest) -> Iterator[FakeOpenAIServer]:
    from tests.fakes.openai_server import FakeOpenAIServer

    with FakeOpenAIServer() as server:
        settings.OPENAI_BASE_URL = server.url  # type: ignore[attr-defined]
        settings.OPENAI_API_KEY = "test-key"  # type: ignore[attr-defined]
        settings.RULES_SHORTCUT = False  # type: ignore[attr-defined]
        yield server


@pytest.fixture
def fast_runs(settings: pytest.FixtureRequest) -> None:
    settings.PROGRESS_INTERVAL = 0.0  # type: ignore[attr-defined]
    settings.HEARTBEAT_SECONDS = 0.2  # type: ignore[attr-defined]
    settings.CANCEL_POLL_SECONDS = 0.1  # type: ignore[attr-defined]


@pytest.fixture(scope="session", autouse=True)
def _close_worker_connections(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:
    """Runs write from worker threads, whose connections outlive the tests.

    PostgreSQL refuses to drop a database that still has sessions, so end them
    before pytest-django drops the test database.
    """
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
