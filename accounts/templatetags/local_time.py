"""Date-times in the user's zone and clock: `{% load local_time %}`, then
`{{ email.received_at|moment }}` or, where the zone matters (an interview),
`{{ email.event_at|moment_zone }}`."""

from __future__ import annotations

from datetime import datetime

from django import template

from accounts import timezones

register = template.Library()


@register.filter
def moment(value: datetime | None) -> str:
    return timezones.moment_text(value) if isinstance(value, datetime) else ""


@register.filter
def moment_zone(value: datetime | None) -> str:
    """With the weekday and the zone's name: for times a user must turn up at."""
    return timezones.moment_text(value, weekday=True, with_zone=True) if isinstance(value, datetime) else ""


@register.filter
def clock(value: datetime | None) -> str:
    return timezones.clock(value) if isinstance(value, datetime) else ""


@register.simple_tag
def zone_name() -> str:
    """The active zone with its current abbreviation: "Europe/Berlin (CET)"."""
    from django.utils import timezone

    name = timezone.get_current_timezone_name()
    label = timezones.zone_label()
    return name if label == name else f"{name} ({label})"


@register.simple_tag
def now_clock() -> str:
    from django.utils import timezone

    return timezones.clock(timezone.now())
