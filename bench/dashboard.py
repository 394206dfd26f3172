"""Section 4: the dashboard of a heavy user, and whether its query count grows with the data.

A user with 10,000 applications and 50,000 emails (bulk-created, realistic spread
of statuses, dates and review flags) loads the full dashboard and the filtered
htmx partial the filter form requests. Pages go through django.test.Client in this
process (middleware, session, templates: everything but the HTTP server), timed
one after another; the SQL statements of each page are counted for this user and
for one with 100 applications, and must be the same number.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from bench.corpus import CITY, ROLE, SENIORITY, company_name
from bench.harness import Scale, make_user, say
from bench.report import Row, at_most, ms, percentile

if TYPE_CHECKING:
    from django.test import Client

SECTION = "4. Dashboard"
#: What the filter form sends (htmx partial): narrowing by status and sorting...
FILTERED = {"status": "interview", "hide_rejected": "on", "sort": "company"}
#: ... and the same with a search term, which also looks through every email subject.
SEARCHED = {"q": "data", **FILTERED}
STATUS_WEIGHTS = {
    "applied": 40,
    "rejected": 30,
    "interview": 10,
    "assessment": 6,
    "recruiter_outreach": 6,
    "action_required": 3,
    "offer": 2,
    "withdrawn": 2,
    "other_job": 1,
}


def populate(user_id: int, applications: int, emails_per_application: int, seed: int = 5) -> None:
    from django.db import transaction

    from dashboard.models import Application, Email
    from jobmail.taxonomy import Status

    rng = random.Random(seed)
    statuses = [status for status, weight in STATUS_WEIGHTS.items() for _ in range(weight)]
    now = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    apps = []
    for index in range(applications):
        company = company_name(index)
        title = f"{rng.choice(SENIORITY)}{rng.choice(ROLE)}"
        status = rng.choice(statuses)
        first = now - timedelta(days=rng.uniform(1, 365))
        last = first + timedelta(days=rng.uniform(0, 40))
        stages: dict[str, str] = {Status.APPLIED: first.isoformat()}
        if status not in (Status.APPLIED, Status.RECRUITER_OUTREACH):
            stages[status] = last.isoformat()
        apps.append(
            Application(
                user_id=user_id,
                company=company,
                job_title=title,
                company_key=company.lower(),
                title_key=title.lower(),
                status=status,
                stage_dates=stages,
                first_activity_at=first,
                last_activity_at=last,
                notes=f"Referred by a friend in {rng.choice(CITY)}" if rng.random() < 0.1 else "",
                email_count=emails_per_application,
            )
        )
    with transaction.atomic():
        Application.objects.bulk_create(apps, batch_size=2000)
        created = list(Application.objects.filter(user_id=user_id).order_by("pk"))
        batch: list[Email] = []
        for app in created:
            for number in range(emails_per_application):
                received = (app.first_activity_at or now) + timedelta(days=number * 3, minutes=rng.randint(0, 600))
                batch.append(
                    Email(
                        user_id=user_id,
                        provider="gmail",
                        provider_message_id=f"{app.pk:08x}{number:02x}{rng.getrandbits(32):08x}",
                        thread_id=f"t{app.pk:08x}",
                        subject=f"{app.company}: your application for {app.job_title} ({number + 1})",
                        sender=f"{app.company} Careers <careers@{app.company_key.split()[0]}.example>",
                        sender_email=f"careers@{app.company_key.split()[0]}.example",
                        received_at=received,
                        snippet=f"Thank you for your interest in the {app.job_title} role at {app.company}.",
                        status=app.status if number else Status.APPLIED,
                        company=app.company,
                        job_title=app.job_title,
                        confidence=round(rng.uniform(0.55, 0.99), 2),
                        is_job_related=True,
                        classifier="llm",
                        needs_review=rng.random() < 0.02,
                        application_id=app.pk,
                        # The Today panel's upcoming events: interviews around the real today.
                        event_at=(
                            datetime.now(UTC) + timedelta(days=rng.uniform(-20, 30))
                            if number and app.status in (Status.INTERVIEW, Status.ASSESSMENT)
                            else None
                        ),
                    )
                )
            if len(batch) >= 5000:
                Email.objects.bulk_create(batch, batch_size=2500)
                batch = []
        Email.objects.bulk_create(batch, batch_size=2500)


def _timed(client: Client, path: str, params: dict[str, str], headers: dict[str, str], count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(path, params, headers=headers)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} {params} answered {response.status_code}")
    return times


def _queries(client: Client, path: str, params: dict[str, str], headers: dict[str, str]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path, params, headers=headers)  # caches warm, session loaded once already
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params, headers=headers)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} {params} answered {response.status_code}")
    return len(captured.captured_queries)


def run(scale: Scale) -> list[Row]:
    from django.db import connection
    from django.test import Client

    big = make_user("dashboard-big@bench.example")
    small = make_user("dashboard-small@bench.example")
    emails = scale.applications * scale.emails_per_application
    say(f"creating {scale.applications:,} applications and {emails:,} emails ({connection.vendor})")
    started = time.monotonic()
    populate(big.pk, scale.applications, scale.emails_per_application)
    populate(small.pk, scale.small_applications, scale.emails_per_application, seed=6)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    say(f"  created in {time.monotonic() - started:.1f} s")

    clients = {}
    for name, user in (("big", big), ("small", small)):
        # An allowed host: this is not the test runner, which would allow "testserver".
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        clients[name] = client
    htmx = {"HX-Request": "true"}
    # The full dashboard includes the Today panel; the board is the list's other view.
    pages = {
        "page": ("/", {}, {}),
        "filtered": ("/", FILTERED, htmx),
        "searched": ("/", SEARCHED, htmx),
        "board": ("/board", {}, {}),
    }
    counts = {(who, page): _queries(clients[who], *pages[page]) for who in clients for page in pages}
    timings = {}
    for page, (path, params, headers) in pages.items():
        _timed(clients["big"], path, params, headers, 3)  # templates compiled, plans cached
        timings[page] = _timed(clients["big"], path, params, headers, scale.page_requests)
    rows = []
    database = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(connection.vendor, connection.vendor)
    labels = {
        "page": f"GET / (full dashboard with Today), {database}",
        "board": f"GET /board (the board), {database}",
        "filtered": f"filtered htmx partial, {database}",
        "searched": f"filtered htmx partial with a search, {database}",
    }
    for page, times in timings.items():
        params = pages[page][1]
        p95 = percentile(times, 0.95)
        rows.append(
            Row(
                SECTION,
                f"{labels[page]}, p50 / p95, {scale.applications:,} applications / {emails:,} emails",
                f"{ms(percentile(times, 0.5))} / {ms(p95)}",
                p95,
                "p95 ≤ 150 ms",
                at_most(p95, 0.150),
                note=f"{len(times)} requests one after another"
                + (f"; ?{'&'.join(f'{k}={v}' for k, v in params.items())}" if params else ""),
            )
        )
    for page in pages:
        few, many = counts[("small", page)], counts[("big", page)]
        rows.append(
            Row(
                SECTION,
                f"SQL queries, {labels[page]}: {scale.small_applications} vs {scale.applications:,} applications",
                f"{few} vs {many}",
                many - few,
                "constant",
                few == many,
            )
        )
    return rows
