"""Each user's time zone and clock: activated per request, used by every date-time shown.

The zone is an IANA name reported by the browser on the first visit
(`Intl.DateTimeFormat().resolvedOptions().timeZone`) and editable in Settings; until
then the server's `TIME_ZONE` applies. The clock (24-hour or 12-hour) follows the
browser's locale the same way. Both live for one request (or one websocket render)
in `asgiref.local.Local`, like Django's own active time zone, so concurrent requests
on one event loop never see each other's.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, tzinfo
from functools import cache
from typing import TYPE_CHECKING, Any

from asgiref.local import Local
from django.utils import timezone

if TYPE_CHECKING:
    from accounts.models import User

H12 = "h12"
H23 = "h23"
_active = Local()


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone this server knows, sorted (for validation and the Settings menu)."""
    return tuple(sorted(zoneinfo.available_timezones()))


def is_valid_zone(name: str) -> bool:
    return name in zone_names()


def user_zone(user: User | Any) -> tzinfo | None:
    name = getattr(user, "time_zone", "") or ""
    return zoneinfo.ZoneInfo(name) if is_valid_zone(name) else None


def activate_for(user: User | Any) -> None:
    """Make `user`'s zone and clock the current ones (the server's defaults if unknown)."""
    zone = user_zone(user) if getattr(user, "is_authenticated", False) else None
    if zone is not None:
        timezone.activate(zone)
    else:
        timezone.deactivate()
    _active.hour_cycle = getattr(user, "hour_cycle", H23) if zone is not None else H23


@contextmanager
def override_for(user: User | Any) -> Iterator[None]:
    """`activate_for` for a block (a websocket render), restoring the previous clock after."""
    previous_cycle = hour_cycle()
    zone = user_zone(user)
    with timezone.override(zone):
        _active.hour_cycle = getattr(user, "hour_cycle", H23) if zone is not None else H23
        try:
            yield
        finally:
            _active.hour_cycle = previous_cycle


def hour_cycle() -> str:
    return str(getattr(_active, "hour_cycle", H23))


def clock(moment: datetime) -> str:
    """The time of day in the active zone and clock: "14:00" or "2:00 PM"."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    if hour_cycle() == H12:
        hour = local.hour % 12 or 12
        return f"{hour}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"
    return f"{local.hour:02d}:{local.minute:02d}"


def zone_label(moment: datetime | None = None) -> str:
    """The active zone's abbreviation at `moment` ("PST", "CET"), or its numeric offset."""
    local = timezone.localtime(moment) if moment is not None else timezone.localtime()
    return local.tzname() or local.strftime("%z")


def moment_text(moment: datetime, *, weekday: bool = False, with_zone: bool = False) -> str:
    """ "Dec 8, 2026, 14:00", optionally with the weekday first and the zone last."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    day = f"{local:%b} {local.day}, {local.year}"
    if weekday:
        day = f"{local:%a} {day}"
    text = f"{day}, {clock(local)}"
    return f"{text} {zone_label(local)}" if with_zone and timezone.is_aware(local) else text
