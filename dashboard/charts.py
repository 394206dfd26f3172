"""The pipeline chart: how many applications reached each stage, and how many heard back.

Geometry is computed here and drawn by the dashboard template as SVG, so every
label goes through the template's escaping and colours come from the stylesheet
(classes, no style attributes: the CSP allows no inline styles).

Definitions, per stage S of applied → assessment → interview → offer:
- *reached*: the application has a date for S, or is at S now; everything past
  "applied" (and every rejection) counts as applied, an offer counts as interviewed.
- *response rate*: of those that reached S, the share that later got an answer:
  a further stage or a rejection. The offer stage has no response rate.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, ExpressionWrapper, Q

from dashboard.models import Application
from jobmail.taxonomy import PIPELINE_ORDER, PROGRESS, VALUES, Status

STAGES: list[tuple[str, str]] = [
    (Status.APPLIED, "Applied"),
    (Status.ASSESSMENT, "Assessment"),
    (Status.INTERVIEW, "Interview"),
    (Status.OFFER, "Offer"),
]
_LATER: dict[str, frozenset[str]] = {
    Status.APPLIED: frozenset(
        {Status.ACTION_REQUIRED, Status.ASSESSMENT, Status.INTERVIEW, Status.OFFER, Status.REJECTED}
    ),
    Status.ASSESSMENT: frozenset({Status.INTERVIEW, Status.OFFER, Status.REJECTED}),
    Status.INTERVIEW: frozenset({Status.OFFER, Status.REJECTED}),
    Status.OFFER: frozenset(),
}


WIDTH = 640
LABEL_WIDTH = 120
BAR_AREA = 320
ROW_HEIGHT = 40
BAR_HEIGHT = 24
TOP = 8


@dataclass
class Bar:
    stage: str
    label: str
    count: int
    responded: int
    rate: int | None
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass
class PipelineChart:
    bars: list[Bar] = field(default_factory=list)
    #: (status, label, count) of the applications at each status now, in pipeline order.
    now: list[tuple[str, str, int]] = field(default_factory=list)
    total: int = 0
    rejected: int = 0
    width: int = WIDTH
    height: int = 0
    label_width: int = LABEL_WIDTH
    bar_area: int = BAR_AREA
    bar_x: int = LABEL_WIDTH + 8

    @property
    def empty(self) -> bool:
        return self.total == 0


def reached_stages(status: str, stage_dates: dict[str, str]) -> set[str]:
    seen = {status, *stage_dates}
    reached = {stage for stage, _ in STAGES if stage in seen}
    if reached or seen & {Status.ACTION_REQUIRED, Status.REJECTED, Status.WITHDRAWN}:
        reached.add(Status.APPLIED)
    if Status.OFFER in reached:
        reached.add(Status.INTERVIEW)
    return reached


def _responded(stage: str, status: str, stage_dates: dict[str, str]) -> bool:
    seen = {status, *stage_dates}
    later = set(_LATER[stage])
    if stage == Status.APPLIED:
        # Any step past "applied" is an answer, whatever its kind.
        later |= {s for s in seen if PROGRESS.get(s, 0) > PROGRESS[Status.APPLIED]}
    return bool(seen & later)


def _groups(user_id: int) -> list[tuple[str, dict[str, str], int]]:
    """(status, its stages with a date, how many applications) for each combination.

    The chart depends only on those, so the database groups the applications and
    returns a handful of rows whatever their number (loading and looping over
    every application cost ~120 ms per page at 10,000 of them).
    """
    flags = {
        f"has_{key}": ExpressionWrapper(Q(stage_dates__has_key=key), output_field=BooleanField()) for key in VALUES
    }
    rows = (
        Application.objects.for_user(user_id)
        .order_by()
        .annotate(**flags)
        .values("status", *flags)
        .annotate(n=Count("pk"))
    )
    return [(row["status"], {key: "" for key in VALUES if row[f"has_{key}"]}, row["n"]) for row in rows]


def pipeline_chart(user_id: int) -> PipelineChart:
    groups = _groups(user_id)
    counts = {stage: 0 for stage, _ in STAGES}
    responded = {stage: 0 for stage, _ in STAGES}
    chart = PipelineChart(total=sum(n for _, _, n in groups))
    current: Counter[str] = Counter()
    for status, _, n in groups:
        current[status] += n
    chart.now = [(status, Status(status).label, current[status]) for status in PIPELINE_ORDER if current[status]]
    for status, dates, n in groups:
        if status == Status.REJECTED:
            chart.rejected += n
        for stage in reached_stages(status, dates):
            counts[stage] += n
            if _responded(stage, status, dates):
                responded[stage] += n
    biggest = max(counts.values(), default=0) or 1
    for index, (stage, label) in enumerate(STAGES):
        y = TOP + index * ROW_HEIGHT
        width = round(BAR_AREA * counts[stage] / biggest)
        rate = None
        if stage != Status.OFFER and counts[stage]:
            rate = round(100 * responded[stage] / counts[stage])
        chart.bars.append(
            Bar(
                stage=stage,
                label=label,
                count=counts[stage],
                responded=responded[stage],
                rate=rate,
                y=y,
                width=max(width, 2) if counts[stage] else 0,
                text_y=y + BAR_HEIGHT // 2 + 5,
                value_x=chart.bar_x + max(width, 2) + 8,
            )
        )
    chart.height = TOP * 2 + len(STAGES) * ROW_HEIGHT
    return chart
