"""Moving the dates written inside the demo emails by the same number of days as their
received dates, so the demo's interviews and deadlines lie around today, not in the past.

The shift is a whole number of weeks: "Thursday, June 18" stays a Thursday. Only the
body moves (subjects and headers stay, so the demo's labels still find each email).
Written forms: "June 18, 2026", "Jun 18, 2026", "18 June 2026", "18 Jun 2026" (with or
without the year), ISO "2026-06-18" and iCalendar "20260702T170000Z".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH_FIRST = re.compile(rb"(?i)\b" + _MONTH.encode() + rb" (?P<day>\d{1,2})(?:st|nd|rd|th)?(?P<year>,? \d{4})?\b")
_DAY_FIRST = re.compile(rb"(?i)\b(?P<day>\d{1,2}) " + _MONTH.encode() + rb"(?P<year> \d{4})?\b")
_ISO = re.compile(rb"\b(?P<year>20\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_ICAL = re.compile(rb"\b(?P<year>20\d\d)(?P<month>\d\d)(?P<day>\d\d)(?P<rest>T\d{6}Z?)")
_FULL_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def whole_weeks(days: int) -> int:
    return (days // 7) * 7


def _moved(year: int, month: int, day: int, days: int) -> date | None:
    try:
        return date(year, month, day) + timedelta(days=days)
    except ValueError:
        return None


def _month_name(written: str, month: int) -> str:
    full = _FULL_NAMES[month - 1]
    name = full if len(written.rstrip(".")) > 3 or written.lower().rstrip(".") == "may" else full[:3]
    return name.upper() if written.isupper() else name


def shift_body_dates(raw: bytes, days: int, default_year: int) -> bytes:
    """`raw` with the dates in its body moved by `days` (a multiple of 7)."""
    if not days:
        return raw
    split = re.search(rb"\r?\n\r?\n", raw)
    if split is None:
        return raw
    head, body = raw[: split.end()], raw[split.end() :]

    def words(match: re.Match[bytes], month_first: bool) -> bytes:
        written = match["month"].decode()
        month = _MONTHS[written.lower().rstrip(".")]
        year_text = (match["year"] or b"").decode()
        year = int(year_text.strip(" ,")) if year_text else default_year
        moved = _moved(year, month, int(match["day"]), days)
        if moved is None:
            return match[0]
        name = _month_name(written, moved.month)
        new_year = (", " if year_text.startswith(",") else " ") + str(moved.year) if year_text else ""
        return (f"{name} {moved.day}{new_year}" if month_first else f"{moved.day} {name}{new_year}").encode()

    def numeric(match: re.Match[bytes], template: str) -> bytes:
        moved = _moved(int(match["year"]), int(match["month"]), int(match["day"]), days)
        if moved is None:
            return match[0]
        rest = (match.groupdict().get("rest") or b"").decode()
        return template.format(moved.year, moved.month, moved.day, rest).encode()

    body = _MONTH_FIRST.sub(lambda m: words(m, True), body)
    body = _DAY_FIRST.sub(lambda m: words(m, False), body)
    body = _ISO.sub(lambda m: numeric(m, "{0:04d}-{1:02d}-{2:02d}"), body)
    body = _ICAL.sub(lambda m: numeric(m, "{0:04d}{1:02d}{2:02d}{3}"), body)
    return head + body
