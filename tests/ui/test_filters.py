"""The applications table: search, filters, sort and pagination on the server, in constant queries."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from dashboard.filters import PAGE_SIZE
from jobmail.taxonomy import Status
from tests.ui.conftest import make_application, make_mail

ROWS = re.compile(r'<tbody id="app-(\d+)"')


def _companies(client: Client, query: str = "") -> list[str]:
    response = client.get(reverse("dashboard") + query, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    return re.findall(r'<span class="chevron" aria-hidden="true"></span>([^<]+)</a>', body)


@pytest.fixture
def many(alice: User, bob: User) -> None:
    start = datetime(2026, 9, 1, 9, tzinfo=UTC)
    specs = [
        ("Northwind", "Backend Engineer", Status.APPLIED, 0),
        ("Lumen", "Data Engineer", Status.INTERVIEW, 3),
        ("Quokka", "Platform Engineer", Status.REJECTED, 6),
        ("Brightline", "SRE", Status.OFFER, 9),
        ("Ferrovia", "Frontend Developer", Status.ASSESSMENT, 12),
    ]
    for company, title, status, days in specs:
        app = make_application(
            alice, company, job_title=title, status=status, last_activity_at=start + timedelta(days=days)
        )
        make_mail(alice, app, subject=f"Your {title} application at {company}")
    make_application(bob, "Bobcorp")


def test_it_lists_only_the_users_applications_newest_first(alice_client: Client, many: None) -> None:
    assert _companies(alice_client) == ["Ferrovia", "Brightline", "Quokka", "Lumen", "Northwind"]


def test_it_searches_company_title_and_email_subjects(alice_client: Client, many: None) -> None:
    assert _companies(alice_client, "?q=lume") == ["Lumen"]
    assert _companies(alice_client, "?q=engineer") == ["Quokka", "Lumen", "Northwind"]
    assert _companies(alice_client, "?q=SRE%20application") == ["Brightline"]  # from an email's subject
    assert _companies(alice_client, "?q=bobcorp") == []


def test_it_filters_by_status_date_range_and_rejection(alice_client: Client, many: None) -> None:
    assert _companies(alice_client, "?status=interview") == ["Lumen"]
    assert _companies(alice_client, "?since=2026-09-04&until=2026-09-10") == ["Brightline", "Quokka", "Lumen"]
    assert "Quokka" not in _companies(alice_client, "?hide_rejected=on")
    assert len(_companies(alice_client, "?hide_rejected=on")) == 4


def test_it_sorts_by_each_column_both_ways(alice_client: Client, many: None) -> None:
    assert _companies(alice_client, "?sort=company") == ["Brightline", "Ferrovia", "Lumen", "Northwind", "Quokka"]
    assert _companies(alice_client, "?sort=-company") == ["Quokka", "Northwind", "Lumen", "Ferrovia", "Brightline"]
    # Pipeline order, not alphabetical: applied < assessment < interview < offer < rejected.
    assert _companies(alice_client, "?sort=status") == ["Northwind", "Ferrovia", "Lumen", "Brightline", "Quokka"]
    assert _companies(alice_client, "?sort=activity")[0] == "Northwind"


def test_it_ignores_invalid_filter_values(alice_client: Client, many: None) -> None:
    assert len(_companies(alice_client, "?status=bogus&since=yesterday&sort=drop+table&page=x")) == 5


def test_it_links_sort_headers_and_keeps_the_filters(alice_client: Client, many: None) -> None:
    body = alice_client.get(reverse("dashboard") + "?q=engineer&sort=company").content.decode()
    assert 'aria-sort="ascending"' in body
    assert 'href="?q=engineer&amp;sort=-company"' in body  # clicking again flips the direction
    assert 'hx-get="/?q=engineer&amp;sort=-company"' in body
    assert 'href="/export/applications.csv?q=engineer&amp;sort=company"' in body
    partial = alice_client.get(reverse("dashboard") + "?status=offer", headers={"HX-Request": "true"}).content.decode()
    # The export link in the page header follows the table, out of band.
    assert (
        '<a id="export-csv" class="btn" href="/export/applications.csv?status=offer" download hx-swap-oob="true">'
        in partial
    )


def test_it_paginates_with_real_links(alice_client: Client, alice: User) -> None:
    for index in range(PAGE_SIZE + 3):
        make_application(
            alice, f"Company {index:02d}", last_activity_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=index)
        )
    first = alice_client.get(reverse("dashboard") + "?q=company").content.decode()
    assert len(ROWS.findall(first)) == PAGE_SIZE
    assert 'href="?q=company&amp;page=2"' in first
    assert "Page 1 of 2" in first
    second = alice_client.get(reverse("dashboard") + "?q=company&page=2", headers={"HX-Request": "true"})
    assert len(ROWS.findall(second.content.decode())) == 3
    assert 'rel="prev" href="?q=company"' in second.content.decode()
    assert "Company 00" in second.content.decode()


def _queries(client: Client, url: str, htmx: bool) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, headers={"HX-Request": "true"} if htmx else {}).status_code == 200
    return len(captured)


@pytest.mark.parametrize("htmx", [True, False], ids=["partial", "page"])
def test_it_runs_the_same_number_of_queries_whatever_the_rows(alice_client: Client, alice: User, htmx: bool) -> None:
    url = reverse("dashboard") + "?q=co&status=applied&hide_rejected=on&sort=company"
    app = make_application(alice, "Company first")
    make_mail(alice, app, needs_review=True)
    few = _queries(alice_client, url, htmx)
    for index in range(20):
        app = make_application(alice, f"Company {index}")
        make_mail(alice, app)
        make_mail(alice, app, needs_review=True)
    assert _queries(alice_client, url, htmx) == few


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL index")
def test_the_subject_search_can_use_a_trigram_index_on_postgresql(db: None) -> None:
    from dashboard.models import Email

    with connection.cursor() as cursor:
        # Only whether the index serves the search's expression: the planner must be
        # told to prefer it, as an empty test table is cheaper to scan.
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Email.objects.filter(subject__icontains="data").only("pk").explain()
    assert "email_subject_trgm" in plan


def test_it_hides_withdrawn_applications_with_rejected_ones_and_says_so(alice_client: Client, alice: User) -> None:
    make_application(alice, "Gone", status=Status.WITHDRAWN)
    make_application(alice, "Open", status=Status.INTERVIEW)
    assert _companies(alice_client, "?hide_rejected=on") == ["Open"]
    page = alice_client.get(reverse("dashboard")).content.decode()
    assert "Hide closed" in page
    assert "The dates filter on each application's latest email or change" in page
