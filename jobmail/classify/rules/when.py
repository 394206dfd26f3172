"""The date and time of an interview or a deadline named in an email."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jobmail.classify.rules.phrases import MAX_BODY_CHARS
from jobmail.message import parse_date

if TYPE_CHECKING:
    from jobmail.message import ParsedMessage

# --- interview and deadline dates ----------------------------------------------------

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan januar jänner janvier janv enero ene",
        "february feb februar février fevrier févr fevr febrero",
        "march mar märz maerz mrz mars marzo",
        "april apr avril avr abril abr",
        "may mai mayo",
        "june jun juni juin junio",
        "july jul juli juillet juil julio",
        "august aug août aout agosto ago",
        "september sep sept septembre septiembre setiembre",
        "october oct oktober okt octobre octubre",
        "november nov novembre noviembre",
        "december dec dezember dez décembre decembre déc diciembre dic",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_MONTH = "(?:" + "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True)) + ")"
_WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "monday mon montag lundi lunes",
        "tuesday tue tues dienstag mardi martes",
        "wednesday wed mittwoch mercredi miércoles miercoles",
        "thursday thu thur thurs donnerstag jeudi jueves",
        "friday fri freitag vendredi viernes",
        "saturday sat samstag sonnabend samedi sábado sabado",
        "sunday sun sonntag dimanche domingo",
    ]
):
    for _name in _names.split():
        _WEEKDAYS[_name] = _number
_WEEKDAY = "(?:" + "|".join(sorted((re.escape(w) for w in _WEEKDAYS), key=len, reverse=True)) + ")"

_DATE_PATTERNS = [
    re.compile(
        rf"(?i)(?<!\w)(?P<mon>{_MONTH})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?!:)(?:,?\s+(?P<year>20\d\d))?"
    ),
    re.compile(
        rf"(?i)(?<![\w.])(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.|º)?\s+(?:de\s+)?(?P<mon>{_MONTH})(?!\w)\.?"
        rf"(?:,?\s+(?:de\s+)?(?P<year>20\d\d))?"
    ),
    re.compile(r"(?<![\d-])(?P<year>20\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(
        r"(?<![\d./])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[01]?\d)(?:(?P=sep)(?P<year>20\d\d|\d\d)(?!\d)|(?P<dot>\.)(?!\d)|(?![\d.]))"
    ),
]
_RELATIVE_DAY = re.compile(
    rf"(?i)(?<!\w)(?:(?:this|next|coming|am|le|el|ce|diesen|kommenden|nächsten)\s+)?(?P<weekday>{_WEEKDAY})(?!\w)"
    r"|(?<!\w)(?P<tomorrow>tomorrow|demain)(?!\w)|(?<!\w)morgen(?=\s+(?:um|früh|vormittag|nachmittag))"
    r"|(?<!\w)mañana(?=\s+a\s+las)"
)
_TIME = re.compile(
    r"(?i)(?<![\d:.,/])(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[:.]|\s?h\s?)(?P<m>[0-5]\d))?(?!\d)"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?)(?!\w)|\s*(?P<uhr>uhr|h)(?!\w))?"
    r"|(?<!\w)(?P<noon>noon|midday|mittag)(?!\w)"
)
_TIME_RANGE_END = re.compile(
    r"\s*(?:[-–—]|to|bis|à|a|hasta)\s*(?:[01]?\d|2[0-3])(?:[:h.][0-5]\d)?(?:\s*(?:[ap]\.?\s?m\.?|uhr|h)(?!\w))?",
    re.IGNORECASE,
)
_TZ_NAMES = {
    "utc": "UTC", "gmt": "UTC", "z": "UTC",
    "cet": "Europe/Berlin", "cest": "Europe/Berlin", "mez": "Europe/Berlin", "mesz": "Europe/Berlin",
    "central european time": "Europe/Berlin", "central european summer time": "Europe/Berlin",
    "berlin time": "Europe/Berlin", "paris time": "Europe/Paris", "madrid time": "Europe/Madrid",
    "amsterdam time": "Europe/Amsterdam", "heure de paris": "Europe/Paris", "heure française": "Europe/Paris",
    "heure de france": "Europe/Paris", "hora peninsular": "Europe/Madrid", "hora de madrid": "Europe/Madrid",
    "hora española": "Europe/Madrid", "hora de españa": "Europe/Madrid", "deutscher zeit": "Europe/Berlin",
    "deutsche zeit": "Europe/Berlin",
    "bst": "Europe/London", "uk time": "Europe/London", "london time": "Europe/London", "british time": "Europe/London",
    "et": "America/New_York", "est": "America/New_York", "edt": "America/New_York", "eastern": "America/New_York",
    "eastern time": "America/New_York",
    "ct": "America/Chicago", "cst": "America/Chicago", "cdt": "America/Chicago", "central": "America/Chicago",
    "central time": "America/Chicago",
    "mt": "America/Denver", "mst": "America/Denver", "mdt": "America/Denver", "mountain": "America/Denver",
    "mountain time": "America/Denver",
    "pt": "America/Los_Angeles", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles", "pacific time": "America/Los_Angeles",
    "ist": "Asia/Kolkata", "jst": "Asia/Tokyo", "sgt": "Asia/Singapore", "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
}  # fmt: skip
_TZ = re.compile(
    r"\s*[(\[]?\s*(?:(?P<name>"
    + "|".join(sorted((re.escape(n).replace(r"\ ", r"\s+") for n in _TZ_NAMES), key=len, reverse=True))
    + r")(?:\s+time)?|(?:utc|gmt)\s?(?P<offset>[+-]\s?\d{1,2}(?::?\d{2})?)|(?P<bare>[+-]\d{2}:?\d{2}))(?!\w)",
    re.IGNORECASE,
)
_PREVIOUS = re.compile(
    r"(?i)(?:previously|originally|instead of|formerly|old time|was|ursprünglich|statt|anstelle|bisher|au lieu de"
    r"|initialement|précédemment|en lugar de|anteriormente|antes)\W{0,3}$"
)
_NEW_TIME = re.compile(
    r"(?i)(?:new (?:time|date|slot)|rescheduled (?:to|for)|moved to|neuer termin|neue uhrzeit|verschoben auf"
    r"|nouvel horaire|nouvelle date|reporté au|nueva (?:fecha|hora)|cambiad[oa] al?)"
)
#: Zones tried, in order, for the sender's Date offset when the text names no zone.
_LIKELY_ZONES = (
    "Europe/London", "Europe/Berlin", "America/New_York", "America/Chicago", "America/Denver",
    "America/Los_Angeles", "America/Phoenix", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney",
)  # fmt: skip


def _zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None  # no tz database on this host: fixed offsets only


def _sender_zone(message: ParsedMessage, language: str) -> tzinfo:
    """The zone the sender most likely writes times in: their Date header's offset,
    extended to a real zone so a date after a daylight-saving change gets its own offset."""
    sent = parse_date(message.headers.get("date", ""))
    if sent is None or message.sender_utc_offset is None:
        return UTC
    offset = timedelta(minutes=message.sender_utc_offset)
    preferred = list(_LIKELY_ZONES)
    if language in {"de", "fr", "es"}:
        preferred.remove("Europe/Berlin")
        preferred.insert(0, "Europe/Berlin")
    for name in preferred:
        zone = _zone(name)
        if zone is not None and sent.astimezone(zone).utcoffset() == offset:
            return zone
    return timezone(offset)


def _zone_from_text(match: re.Match[str] | None) -> tzinfo | None:
    if match is None:
        return None
    if match.group("name"):
        key = " ".join(match.group("name").lower().split())
        return _zone(_TZ_NAMES.get(key, "UTC")) or UTC
    raw = (match.group("offset") or match.group("bare") or "").replace(" ", "")
    number = re.match(r"([+-])(\d{1,2}):?(\d{2})?", raw)
    if not number:
        return None
    sign = -1 if number.group(1) == "-" else 1
    return timezone(sign * timedelta(hours=int(number.group(2)), minutes=int(number.group(3) or 0)))


def _read_time(match: re.Match[str]) -> time | None:
    if match.group("noon"):
        return time(12, 0)
    hour = int(match.group("h"))
    minute = int(match.group("m") or 0)
    ampm = (match.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if not (match.group("m") or ampm or match.group("uhr")):
        return None  # a bare number is not a time
    if match.group("sep") == "." and not (ampm or match.group("uhr")):
        return None  # "10.30" alone is as likely a price or a version
    if ampm:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    return time(hour, minute)


def _language(text: str) -> str:
    sample = f" {text[:2000].lower()} "
    counts = {
        "de": sum(sample.count(w) for w in (" und ", " sie ", " ihre ", " wir ", " der ", " die ", " nicht ")),
        "fr": sum(sample.count(w) for w in (" vous ", " nous ", " et ", " le ", " pour ", " votre ", " les ")),
        "es": sum(sample.count(w) for w in (" el ", " los ", " tu ", " para ", " con ", " que ", " una ")),
        "en": sum(sample.count(w) for w in (" the ", " and ", " you ", " your ", " we ", " to ", " for ")),
    }
    return max(counts, key=lambda k: counts[k])


def _date_from(match: re.Match[str], language: str, reference: date) -> date | None:
    groups = match.groupdict()
    try:
        if groups.get("mon"):
            month = _MONTHS[groups["mon"].lower().rstrip(".")]
            day = int(groups["day"])
        elif groups.get("month"):
            month, day = int(groups["month"]), int(groups["day"])
        else:
            first, second = int(groups["a"]), int(groups["b"])
            if not groups.get("year") and not groups.get("dot") and groups["sep"] != "/":
                return None
            if groups["sep"] == "/" and language == "en" and first <= 12:
                month, day = first, second  # US order, the common case in English mail
            else:
                day, month = first, second
        year_text = groups.get("year")
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            return date(year, month, day)
        candidate = date(reference.year, month, day)
        # No year: the next such date from the email on (a December email about January).
        if candidate < reference - timedelta(days=14):
            candidate = date(reference.year + 1, month, day)
        return candidate
    except (ValueError, KeyError):
        return None


def _was_previous(text: str, start: int) -> bool:
    """ "(previously Thursday 10 September, 14:00)": the old slot of a rescheduled event."""
    return _PREVIOUS.search(text[max(0, start - 30) : start]) is not None


def extract_event_at(message: ParsedMessage, subject: str, body: str) -> datetime | None:
    """The first future date with a time: an interview slot or an assessment deadline."""
    text = f"{subject}\n{body[:MAX_BODY_CHARS]}"
    language = _language(body)
    default_zone = _sender_zone(message, language)
    received = message.received_at or datetime.now(UTC)
    local_today = received.astimezone(default_zone).date()

    found: list[tuple[int, datetime, bool]] = []
    spans: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(s <= match.start() < e for s, e in spans):
                continue
            day = _date_from(match, language, local_today)
            if day is None:
                continue
            spans.append((match.start(), match.end()))
            moment = _with_time(text, match.start(), match.end(), day, default_zone)
            if moment is not None:
                found.append((match.start(), moment, _was_previous(text, match.start())))
    for match in _RELATIVE_DAY.finditer(text):
        # "Wednesday 5 August": the weekday names the date that follows it.
        if any(s - 15 <= match.end() <= e for s, e in spans):
            continue
        if match.group("weekday"):
            ahead = (_WEEKDAYS[match.group("weekday").lower()] - local_today.weekday()) % 7 or 7
        else:
            ahead = 1
        day = local_today + timedelta(days=ahead)
        moment = _with_time(text, match.start(), match.end(), day, default_zone, near=30)
        if moment is not None:
            found.append((match.start(), moment, _was_previous(text, match.start())))
    if not found:
        return None
    found.sort(key=lambda item: item[0])
    current = [item for item in found if not item[2]] or found
    cue = _NEW_TIME.search(text)
    if cue:
        after_cue = [item for item in current if item[0] >= cue.start()]
        current = after_cue or current
    upcoming = [item for item in current if item[1] >= received - timedelta(hours=12)]
    # Only past dates ("thanks for Tuesday at 10:00"): nothing is scheduled.
    return upcoming[0][1].astimezone(UTC) if upcoming else None


def _with_time(text: str, start: int, end: int, day: date, zone: tzinfo, near: int = 90) -> datetime | None:
    after = text[end : end + near]
    time_match = None
    for candidate in _TIME.finditer(after):
        if _read_time(candidate) is not None:
            time_match = candidate
            break
    offset = end
    if time_match is None:
        before = text[max(0, start - 40) : start]
        candidates = [c for c in _TIME.finditer(before) if _read_time(c) is not None]
        if not candidates:
            return None
        time_match = candidates[-1]
        offset = max(0, start - 40)
        # "10:00 CET on 22 September": the zone follows the time, before the date.
        tail = text[offset + time_match.end() : start] + " " + text[end : end + 40]
    else:
        tail = text[offset + time_match.end() : offset + time_match.end() + 60]
    clock = _read_time(time_match)
    if clock is None:
        return None
    range_end = _TIME_RANGE_END.match(tail)
    if range_end:
        tail = tail[range_end.end() :]
    explicit = _zone_from_text(_TZ.match(tail))
    return datetime.combine(day, clock, tzinfo=explicit or zone)
