"""Progress over time: applications per week, response rate, time to first response, and
the flow from applied to outcome (a Sankey-style chart).

Everything is computed from each application's status and stage dates in one query
(two columns and a JSON field per application: milliseconds for thousands), and drawn
as SVG by the template: geometry here, colours from the stylesheet, text escaped by
the template. The same figures are listed in a table for screen readers and print.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from dashboard.models import Application
from jobmail.taxonomy import Status

WEEKS = 12
RESPONSES = (Status.ACTION_REQUIRED, Status.ASSESSMENT, Status.INTERVIEW, Status.OFFER, Status.REJECTED)

# The flow's three columns.
FIRST_STEPS: list[tuple[str, str]] = [
    ("assessment", "Assessment"),
    ("interview", "Interview"),
    ("rejected", "Rejected at once"),
    ("withdrawn", "Withdrawn"),
    ("waiting", "No reply yet"),
]
OUTCOMES: list[tuple[str, str]] = [
    ("offer", "Offer"),
    ("rejected", "Rejected"),
    ("withdrawn", "Withdrawn"),
    ("open", "Still open"),
]

# SVG geometry (viewBox units).
WIDTH = 760
HEIGHT = 360
NODE_WIDTH = 14
GAP = 14
LABEL_SPACE = 200


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


@dataclass
class Week:
    start: date
    count: int
    x: float = 0
    y: float = 0
    height: float = 0


@dataclass
class Node:
    key: str
    label: str
    count: int
    x: float = 0
    y: float = 0
    height: float = 0
    _out: float = 0
    _in: float = 0


@dataclass
class Link:
    source: Node
    target: Node
    count: int
    path: str = ""
    css: str = ""


@dataclass
class Progress:
    total: int = 0
    applied: int = 0
    responded: int = 0
    median_days: float | None = None
    weeks: list[Week] = field(default_factory=list)
    week_max: int = 0
    nodes: list[Node] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def response_rate(self) -> int | None:
        return round(100 * self.responded / self.applied) if self.applied else None


def _path(source: Node, target: Node, thickness: float) -> str:
    x0, x1 = source.x + NODE_WIDTH, target.x
    y0, y1 = source.y + source._out, target.y + target._in
    middle = (x0 + x1) / 2
    return (
        f"M{x0:.1f},{y0:.1f} C{middle:.1f},{y0:.1f} {middle:.1f},{y1:.1f} {x1:.1f},{y1:.1f} "
        f"L{x1:.1f},{y1 + thickness:.1f} C{middle:.1f},{y1 + thickness:.1f} {middle:.1f},{y0 + thickness:.1f} "
        f"{x0:.1f},{y0 + thickness:.1f} Z"
    )


def _stack(nodes: list[Node], x: float, scale: float) -> None:
    y = 0.0
    for node in nodes:
        node.x, node.y = x, y
        node.height = max(node.count * scale, 2.0)
        y += node.height + GAP


def _flow(paths: list[tuple[str, str]], progress: Progress) -> None:
    if not paths:
        return
    firsts = Counter(first for first, _ in paths)
    outcomes = Counter(outcome for _, outcome in paths)
    pairs = Counter(paths)
    applied = Node("applied", "Applied", len(paths))
    middle = [Node(key, label, firsts[key]) for key, label in FIRST_STEPS if firsts[key]]
    right = [Node(key, label, outcomes[key]) for key, label in OUTCOMES if outcomes[key]]
    tallest = max(len(middle), len(right))
    scale = (HEIGHT - GAP * (tallest - 1)) / len(paths)
    _stack([applied], 0, scale)
    applied.y = (HEIGHT - applied.height) / 2
    _stack(middle, (WIDTH - LABEL_SPACE) / 2, scale)
    _stack(right, WIDTH - LABEL_SPACE, scale)
    for node in middle:
        link = Link(applied, node, node.count, css=f"flow-{node.key}")
        link.path = _path(applied, node, node.count * scale)
        applied._out += node.count * scale
        node._in += node.count * scale
        progress.links.append(link)
    for source in middle:
        for target in right:
            count = pairs[(source.key, target.key)]
            if not count:
                continue
            link = Link(source, target, count, css=f"flow-{target.key}")
            link.path = _path(source, target, count * scale)
            source._out += count * scale
            target._in += count * scale
            progress.links.append(link)
    progress.nodes = [applied, *middle, *right]


def _first_step(status: str, stages: dict[str, object]) -> str:
    reached = {key: _moment(stages.get(key)) for key in ("assessment", "interview", "offer", "rejected", "withdrawn")}
    dated = sorted((moment, key) for key, moment in reached.items() if moment is not None)
    if dated:
        first = dated[0][1]
        return "interview" if first == "offer" else first
    if status in (Status.ASSESSMENT, Status.INTERVIEW, Status.REJECTED, Status.WITHDRAWN):
        return str(status)
    if status == Status.OFFER:
        return "interview"
    return "waiting"


def _outcome(status: str) -> str:
    if status in (Status.OFFER, Status.REJECTED, Status.WITHDRAWN):
        return str(status)
    return "open"


def build_progress(user_id: int, now: datetime | None = None) -> Progress:
    now = now or timezone.now()
    progress = Progress()
    this_week = timezone.localdate(now) - timedelta(days=timezone.localdate(now).weekday())
    starts = [this_week - timedelta(weeks=back) for back in range(WEEKS - 1, -1, -1)]
    per_week: Counter[date] = Counter()
    delays: list[float] = []
    paths: list[tuple[str, str]] = []
    rows = Application.objects.for_user(user_id).values_list("status", "stage_dates", "first_activity_at")
    for status, stage_dates, first_activity in rows.iterator(chunk_size=2000):
        progress.total += 1
        stages = stage_dates if isinstance(stage_dates, dict) else {}
        if status == Status.RECRUITER_OUTREACH and Status.APPLIED not in stages:
            continue  # never applied: not part of the flow or the rates
        applied_at = _moment(stages.get(Status.APPLIED)) or first_activity
        if applied_at is not None:
            local = timezone.localdate(applied_at)
            per_week[local - timedelta(days=local.weekday())] += 1
        progress.applied += 1
        responses = [m for m in (_moment(stages.get(key)) for key in RESPONSES) if m is not None]
        if responses or status in RESPONSES:
            progress.responded += 1
        if responses and applied_at is not None:
            first = min(responses)
            if first >= applied_at:
                delays.append((first - applied_at).total_seconds() / 86400)
        paths.append((_first_step(status, stages), _outcome(status)))
    if delays:
        progress.median_days = round(statistics.median(delays), 1)
    progress.weeks = [Week(start, per_week[start]) for start in starts]
    progress.week_max = max((week.count for week in progress.weeks), default=0)
    _bars(progress)
    _flow(paths, progress)
    return progress


# Weekly bars: a 640 x 200 viewBox with room for labels below.
BAR_WIDTH = 640
BAR_HEIGHT = 160


def _bars(progress: Progress) -> None:
    slot = BAR_WIDTH / WEEKS
    for index, week in enumerate(progress.weeks):
        week.height = (BAR_HEIGHT * week.count / progress.week_max) if progress.week_max else 0
        week.x = index * slot + slot * 0.15
        week.y = BAR_HEIGHT - week.height
