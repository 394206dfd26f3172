"""Progress over time: weekly counts, response rate, median time to first response, the flow."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from jobmail.taxonomy import Status
from planner.progress import build_progress
from tests.ui.conftest import make_application

pytestmark = pytest.mark.django_db


def _stages(**days_ago: float) -> dict[str, str]:
    now = timezone.now()
    return {stage: (now - timedelta(days=days)).isoformat() for stage, days in days_ago.items()}


@pytest.fixture
def search(alice: User) -> None:
    # Four applications: an offer after an interview, a quick rejection, one waiting,
    # and recruiter outreach that was never an application.
    make_application(alice, "Offer Co", status=Status.OFFER, stage_dates=_stages(applied=30, interview=26, offer=10))
    make_application(alice, "Fast No", status=Status.REJECTED, stage_dates=_stages(applied=20, rejected=18))
    make_application(alice, "Waiting Co", status=Status.APPLIED, stage_dates=_stages(applied=3))
    make_application(alice, "Recruiter", status=Status.RECRUITER_OUTREACH, stage_dates=_stages(recruiter_outreach=2))


def test_it_computes_the_headline_figures(alice: User, search: None) -> None:
    progress = build_progress(alice.pk)
    assert progress.applied == 3
    assert progress.responded == 2
    assert progress.response_rate == 67
    assert progress.median_days == 3.0  # 4 days and 2 days
    assert sum(week.count for week in progress.weeks) == 3


def test_it_draws_the_flow_from_applied_to_outcome(alice: User, search: None) -> None:
    progress = build_progress(alice.pk)
    flows = {(link.source.key, link.target.key): link.count for link in progress.links}
    assert flows == {
        ("applied", "interview"): 1,
        ("applied", "rejected"): 1,
        ("applied", "waiting"): 1,
        ("interview", "offer"): 1,
        ("rejected", "rejected"): 1,
        ("waiting", "open"): 1,
    }
    labels = [node.label for node in progress.nodes]
    assert labels == ["Applied", "Interview", "Rejected at once", "No reply yet", "Offer", "Rejected", "Still open"]


def test_it_shows_the_page_with_a_table_fallback(alice: User, alice_client: Client, search: None) -> None:
    html = alice_client.get("/progress").content.decode()
    assert "67%" in html
    assert "3.0 days" in html
    assert '<td>Interview</td><td>Offer</td><td class="num">1</td>' in html
    assert 'role="img"' in html


def test_it_says_so_when_there_is_nothing_to_chart(alice_client: Client) -> None:
    html = alice_client.get("/progress").content.decode()
    assert "Nothing to chart yet" in html


def test_it_shows_only_the_users_own_applications(bob_client: Client, search: None) -> None:
    assert "Offer Co" not in bob_client.get("/progress").content.decode()
    assert "Nothing to chart yet" in bob_client.get("/progress").content.decode()


def test_it_redirects_anonymous_users(client: Client) -> None:
    assert client.get("/progress").status_code == 302
