"""The pipeline chart: applications reaching each stage and the share that heard back."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from accounts.models import User
from dashboard.charts import pipeline_chart
from jobmail.taxonomy import Status
from tests.ui.conftest import make_application


def _stage(status: str, *reached: str) -> dict[str, str]:
    return {stage: f"2026-09-0{index + 1}T09:00:00+00:00" for index, stage in enumerate(reached or (status,))}


def test_it_counts_applications_by_stage_and_response_rate(alice: User, bob: User) -> None:
    make_application(alice, "A", status=Status.APPLIED, stage_dates=_stage("applied"))
    make_application(alice, "B", status=Status.APPLIED, stage_dates=_stage("applied"))
    make_application(alice, "C", status=Status.REJECTED, stage_dates=_stage("rejected", "applied", "rejected"))
    make_application(
        alice, "D", status=Status.INTERVIEW, stage_dates=_stage("interview", "applied", "assessment", "interview")
    )
    make_application(alice, "E", status=Status.OFFER, stage_dates=_stage("offer", "applied", "interview", "offer"))
    make_application(bob, "Z", status=Status.OFFER)
    chart = pipeline_chart(alice.pk)
    bars = {bar.stage: bar for bar in chart.bars}
    assert [bar.stage for bar in chart.bars] == ["applied", "assessment", "interview", "offer"]
    assert {stage: bar.count for stage, bar in bars.items()} == {
        "applied": 5,
        "assessment": 1,
        "interview": 2,
        "offer": 1,
    }
    assert bars["applied"].rate == 60  # C rejected, D and E moved on; A and B wait
    assert bars["assessment"].rate == 100
    assert bars["interview"].rate == 50
    assert bars["offer"].rate is None
    assert (chart.total, chart.rejected) == (5, 1)
    assert chart.now == [
        ("applied", "Applied", 2),
        ("interview", "Interview", 1),
        ("offer", "Offer", 1),
        ("rejected", "Rejected", 1),
    ]
    assert bars["applied"].width == chart.bar_area  # the largest bar fills the track
    assert bars["offer"].width == round(chart.bar_area / 5)


def test_it_draws_the_chart_as_svg_without_inline_styles(alice_client: Client, alice: User) -> None:
    make_application(alice, "A", status=Status.INTERVIEW, stage_dates=_stage("interview", "applied", "interview"))
    response = alice_client.get(reverse("dashboard") + "?partial=chart", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="pipeline"')
    assert '<svg class="chart"' in body
    assert 'class="chart-bar bar-interview"' in body
    assert "100% heard back" in body
    assert "style=" not in body


def test_it_explains_an_empty_chart(alice_client: Client, alice: User) -> None:
    body = alice_client.get(reverse("dashboard") + "?partial=chart", headers={"HX-Request": "true"}).content
    assert b"The chart fills in as applications appear." in body
    assert b"<svg" not in body


def test_it_agrees_the_verb_with_the_number_of_applications(alice_client: Client, alice: User) -> None:
    url = reverse("dashboard") + "?partial=chart"
    make_application(alice, "A", status=Status.APPLIED, stage_dates=_stage("applied"))
    body = alice_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Where the 1 application stands now" in body
    make_application(alice, "B", status=Status.APPLIED, stage_dates=_stage("applied"))
    body = alice_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Where the 2 applications stand now" in body
