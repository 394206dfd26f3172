"""Robust RFC 822 parsing: any bytes in, a ParsedMessage out, never an exception.

Mailboxes hold decades of broken mail: wrong or unknown charsets, truncated base64,
8-bit headers, parts nested thousands deep. Everything here degrades to "less
text" rather than failing, and the work per message is bounded (a 25 MB message
with a PDF attachment is parsed in a fraction of a second) because the pipeline
parses tens of thousands of messages per run.
"""

from __future__ import annotations

import binascii
import codecs
import email.policy
import hashlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime

from jobmail.text.clean import shorten_urls, strip_quoted
from jobmail.text.html import html_to_text

logger = logging.getLogger("jobtrail.mail")

#: Decoded text kept per part, and parts inspected per message: a 25 MB message or
#: one with thousands of parts is parsed in bounded time and memory.
MAX_PART_CHARS = 200_000
MAX_PARTS = 500
#: Above this size, long base64 runs (attachments) are shortened before parsing:
#: the stdlib parser walks every line in Python, ~50 ns/byte on a 25 MB message.
LARGE_MESSAGE = 2_000_000
#: Hard bounds on what reaches the stdlib parser, whatever the shape of the input.
MAX_PARSED_BYTES = 6_000_000
MAX_PARSED_LINES = 30_000
MAX_MULTIPARTS = 64
#: Base64 lines kept from one long run: enough for a text part of MAX_PART_CHARS.
_KEPT_BASE64_LINES = 4_000
_KEPT_HEADERS = (
    "list-unsubscribe",
    "list-id",
    "precedence",
    "auto-submitted",
    "reply-to",
    "x-gm-thrid",
    "in-reply-to",
    "references",
    # The sender's own UTC offset, lost in received_at: the rules classifier reads
    # interview times written without a zone in the sender's local time.
    "date",
)
MAX_HEADER_CHARS = 4_000
SNIPPET_CHARS = 200


def snippet_of(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The text on one line, cut at a word boundary with an ellipsis when it is longer."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    # A single word longer than a third of the limit (a URL) is cut where it stands.
    if space > limit // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


# Control characters except tab and newline; carriage returns are normalised first.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
# Invisible in a header but able to change what it shows: bidi embeddings, overrides and
# isolates (U+202A-202E, U+2066-2069) and marks, zero-width and other format characters,
# Hangul fillers that render as blanks, and tag characters (invisible ASCII look-alikes).
# "Google Security \u202esecurity@google.com" must not read as a Google address.
# ZWJ and ZWNJ (U+200C, U+200D) stay: scripts and emoji need them.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\uffa0\ufff9-\ufffb\U000e0000-\U000e007f]"
)
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_ENCODED_WORD = re.compile(r"=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=")
_BASE64_JUNK = re.compile(rb"[^A-Za-z0-9+/]")
_BASE64_RUN = re.compile(
    rb"(?m)^[A-Za-z0-9+/]{40,200}={0,2}\r?\n(?:[A-Za-z0-9+/=]{4,200}\r?\n){%d,}" % _KEPT_BASE64_LINES
)
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_ANGLE_ID = re.compile(r"<[^<>\s]+>")
# Codecs that exist but are not charsets a mail part can really be in; decoding with
# them either raises whatever the error handler or turns text into garbage.
_REFUSED_CODECS = frozenset({"idna", "punycode", "raw_unicode_escape", "unicode_escape", "undefined"})


@dataclass(frozen=True, slots=True)
class ParsedMessage:
    message_id: str
    rfc822_message_id: str = ""
    thread_id: str = ""
    subject: str = ""
    sender: str = ""
    sender_name: str = ""
    sender_email: str = ""
    to: str = ""
    received_at: datetime | None = None
    body_text: str = ""
    body_html_present: bool = False
    snippet: str = ""
    raw_size: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    attachment_names: tuple[str, ...] = ()
    #: Minutes east of UTC in the sender's Date header ("+0530" is 330): the zone the
    #: sender most likely writes times in. None when the header gives no usable offset.
    sender_utc_offset: int | None = None
    #: A calendar invitation (a text/calendar part or an .ics file) is attached.
    has_calendar: bool = False
    #: Who forwarded the message when it is read as the forwarded original (the
    #: user sending an employer's email to themselves); "" for any other message.
    forwarded_by: str = ""


def strip_controls(value: str) -> str:
    """Normalise line ends and drop NUL and other control characters (tabs and newlines stay)."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def strip_invisible(value: str) -> str:
    """Drop bidi controls and other invisible format characters (see _INVISIBLE)."""
    return _INVISIBLE.sub("", value)


def one_line(value: str) -> str:
    """A header value for display: one line, no control or invisible format characters."""
    return " ".join(strip_invisible(strip_controls(value)).split())


# --- charsets and transfer encodings -------------------------------------------------


def _codec_name(charset: str | None) -> str | None:
    """A usable text codec for a declared charset, or None when it is unknown or unfit."""
    if not charset:
        return None
    name = charset.strip().strip("\"'").lower()
    if name in {"unknown-8bit", "x-unknown", "unknown", "8bit", "binary", "default"}:
        return None
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return None
    # Codecs like "base64" or "zlib" are bytes-to-bytes transforms, not charsets.
    if not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED_CODECS:
        return None
    return info.name


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """Decode with the declared charset, falling back on UTF-8 and then Windows-1252.

    Mislabelled 8-bit mail is common (Latin-1 sent as "utf-8", no charset at all),
    and cp1252 decodes nearly every byte, so text is never lost to a wrong label.
    """
    codec = _codec_name(charset)
    if codec is not None and codec not in {"utf-8", "ascii"}:
        try:
            return data.decode(codec, errors="replace")
        except (UnicodeError, LookupError, ValueError, TypeError):
            pass  # a broken codec implementation: the fallbacks below always work
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") * 100 > len(text):
        return data.decode("cp1252", errors="replace")
    return text


def _to_bytes(value: str) -> bytes:
    # The parser read bytes as ASCII with surrogateescape; this gives the bytes back.
    return value.encode("utf-8", errors="surrogateescape")


def _decode_base64(data: bytes) -> bytes:
    # Lenient on purpose: stray characters are dropped and padding repaired, so a
    # truncated or re-wrapped part still yields its text.
    cleaned = _BASE64_JUNK.sub(b"", data)
    rest = len(cleaned) % 4
    if rest == 1:
        cleaned = cleaned[:-1]
    elif rest:
        cleaned += b"=" * (4 - rest)
    try:
        return binascii.a2b_base64(cleaned)
    except (binascii.Error, ValueError):
        return b""


def _decode_transfer(payload: str, encoding: str, limit: int) -> bytes:
    """The first `limit` or so decoded bytes of a base64 or quoted-printable payload."""
    if encoding == "base64":
        # 4 characters carry 3 bytes, plus a line break every 76 characters.
        return _decode_base64(_to_bytes(payload[: limit * 4 // 3 + limit // 38 + 8]))
    return binascii.a2b_qp(_to_bytes(payload[: limit * 3]))[:limit]


# --- headers ---------------------------------------------------------------------------


def decode_header_text(value: str) -> str:
    """Decode RFC 2047 encoded words leniently; the rest of the text is kept as is.

    Adjacent encoded words in one charset are decoded together because senders split
    multi-byte characters across them.
    """
    pieces: list[str] = []
    pending: list[bytes] = []
    pending_charset: str | None = None
    position = 0

    def flush() -> None:
        nonlocal pending, pending_charset
        if pending:
            pieces.append(decode_bytes(b"".join(pending), pending_charset))
        pending, pending_charset = [], None

    for match in _ENCODED_WORD.finditer(value):
        between = value[position : match.start()]
        if between.strip() or not pending:
            flush()
            pieces.append(between)
        charset, kind, text = match.groups()
        raw = text.encode("ascii", errors="replace")
        chunk = _decode_base64(raw) if kind in "bB" else binascii.a2b_qp(raw, header=True)
        if pending and charset.lower() != pending_charset:
            flush()
        pending.append(chunk)
        pending_charset = charset.lower()
        position = match.end()
    flush()
    pieces.append(value[position:])
    return "".join(pieces)


def _raw_headers(message: Message) -> dict[str, str]:
    """First value of every header, unfolded and decoded from 8-bit bytes, not yet RFC 2047."""
    found: dict[str, str] = {}
    for name, value in message.raw_items():
        key = str(name).strip().lower()
        if key in found:
            continue
        text = value if isinstance(value, str) else str(value)
        text = _FOLD.sub("", text[: MAX_HEADER_CHARS * 4])
        if any("\udc80" <= ch <= "\udcff" for ch in text):
            # Raw 8-bit header (RFC 6532 or a sloppy sender): almost always UTF-8.
            text = decode_bytes(_to_bytes(text))
        found[key] = text
    return found


def _header_text(raw: dict[str, str], name: str) -> str:
    value = raw.get(name, "")
    return one_line(decode_header_text(value))[:MAX_HEADER_CHARS] if value else ""


def _identifier(raw: dict[str, str], name: str) -> str:
    # Ids are compared byte for byte with other sources: unfold only, never decode.
    return " ".join(strip_controls(raw.get(name, "")).split())[:998]


def _first_id(value: str) -> str:
    match = _ANGLE_ID.search(value)
    if match:
        return match.group(0)
    words = value.split()
    return words[0] if words else ""


def _sender(raw_from: str) -> tuple[str, str, str]:
    """(display form, name, lowercased address) of a From header."""
    decoded = one_line(decode_header_text(raw_from))
    # Parse the raw header: a decoded display name may hold commas or quotes that
    # the address parser would read as structure.
    name, address = parseaddr(raw_from[:MAX_HEADER_CHARS])
    name = one_line(decode_header_text(name)).strip("\"' ")
    if "@" not in address:
        match = _ADDRESS.search(decoded)
        address = match.group(0) if match else ""
        if not name and address:
            name = decoded.split("<", 1)[0].replace(address, "").strip("\"' <>")
    address = one_line(address).strip("<>").lower()[:320]
    if name.lower() == address:
        name = ""
    display = (f"{name} <{address}>" if name else address) if address else decoded
    return display[:500], name[:200], address


def _aware_utc(moment: datetime) -> datetime | None:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


_UTC_OFFSET = re.compile(r"([+-])(\d{2})(\d{2})\s*(?:\(.*)?$")
#: Real offsets lie within ±14 hours; anything else is a broken or hostile header.
_MAX_OFFSET_MINUTES = 14 * 60


def parse_utc_offset(value: str) -> int | None:
    """The numeric zone of an RFC 2822 date in minutes east of UTC, or None."""
    match = _UTC_OFFSET.search(value.strip())
    if match is None:
        return None
    minutes = (int(match.group(2)) * 60 + int(match.group(3))) * (-1 if match.group(1) == "-" else 1)
    return minutes if abs(minutes) <= _MAX_OFFSET_MINUTES else None


def parse_date(value: str) -> datetime | None:
    """An RFC 2822 date as an aware UTC datetime, or None when it cannot be read."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return _aware_utc(parsed) if parsed is not None else None


# --- forwarded mail -------------------------------------------------------------------

#: How far into a body a forwarded block may start, and lines of its header block.
_FORWARD_SEARCH_CHARS = 3_000
_FORWARD_HEADER_LINES = 12
#: Words the forwarder may write above the block and still be read as a bare forward.
_FORWARD_NOTE_WORDS = 40
# Gmail's "---------- Forwarded message ---------", Apple's "Begin forwarded message:",
# Outlook's underscore rule and the localised "Original Message" lines.
_FORWARD_MARK = re.compile(
    r"(?im)^[ \t>]*(?:-{2,}[ \t]*(?:forwarded message|original message|weitergeleitete nachricht"
    r"|ursprüngliche nachricht|message transféré|message d'origine|mensaje reenviado|mensaje original"
    r"|doorgestuurd bericht|messaggio inoltrato)[ \t]*-{2,}|begin forwarded message:|_{10,})[ \t]*$"
)
# One "Key: value" line of a forwarded header block; HTML-made text bolds the key ("*From:*").
_FORWARD_FIELD = re.compile(
    r"(?i)^[ \t>]*\*?(from|von|de|van|da|sent|date|datum|gesendet|envoyé|enviado|verzonden|inviato|to|an|à|para"
    r"|aan|a|cc|bcc|subject|betreff|objet|asunto|onderwerp|oggetto|reply-to)[ \t]?:\*?[ \t]*(.*)$"
)
_FORWARD_KEYS = {
    **dict.fromkeys(("from", "von", "de", "van", "da"), "from"),
    **dict.fromkeys(("sent", "date", "datum", "gesendet", "envoyé", "enviado", "verzonden", "inviato"), "date"),
    **dict.fromkeys(("subject", "betreff", "objet", "asunto", "onderwerp", "oggetto"), "subject"),
}
# Outlook's block without its rule: a "From:" line that names an address.
_FORWARD_FROM = re.compile(r"(?im)^[ \t]*\*?(?:from|von|de|van|da)[ \t]?:\*?[ \t]*[^\n@]{0,200}@")
_FORWARD_SUBJECT = re.compile(r"(?i)^[ \t]*(?:fwd?|fw|wg|tr|rv|enc|doorst)[ \t]*:")
_MAILTO = re.compile(r"\[mailto:([^\]\s]{1,320})\]", re.IGNORECASE)
# Dates as mail clients print them in a forwarded block: "Tue, Sep 8, 2026 at 10:00 AM",
# "Tuesday, September 8, 2026 10:00 AM", "8 September 2026 at 10:00".
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {month: number for number, month in enumerate(_MONTH_NAMES, 1)}
_CLIENT_DATE = re.compile(
    r"(?i)\b(?:([a-z]{3})[a-z]*\.?[ \t]+(\d{1,2})|(\d{1,2})[ \t]+([a-z]{3})[a-z]*\.?),?[ \t]+(\d{4})"
    r"(?:,?[ \t]+(?:at[ \t]+)?(\d{1,2}):(\d{2})(?::\d{2})?[ \t]*([ap]\.?m\.?)?)?"
)


@dataclass(frozen=True, slots=True)
class _Forwarded:
    sender: str
    subject: str
    date: str
    body: str


def _client_date(value: str) -> datetime | None:
    """A forwarded block's date: RFC 2822 when the client kept it, else the printed form (as UTC)."""
    # (The stdlib reads "Tuesday, September 15, 2026 3:20 PM" too, but drops the PM.)
    if parse_utc_offset(value) is not None and (parsed := parse_date(value)) is not None:
        return parsed
    match = _CLIENT_DATE.search(value[:200])
    if match is None:
        return parse_date(value)
    month_name, day, day2, month_name2, year, hour, minute, half = match.groups()
    month = _MONTHS.get((month_name or month_name2 or "").lower())
    if month is None:
        return None
    hours = int(hour or 0) % 24
    if half and half[0].lower() == "p" and hours < 12:
        hours += 12
    elif half and half[0].lower() == "a" and hours == 12:
        hours = 0
    try:
        return datetime(int(year), month, int(day or day2), hours, int(minute or 0), tzinfo=UTC)
    except ValueError:
        return None


def _forwarded_block(body: str) -> tuple[int, _Forwarded] | None:
    """Where a forwarded message's header block starts in `body`, and that message."""
    head = body[:_FORWARD_SEARCH_CHARS]
    if mark := _FORWARD_MARK.search(head):
        block_start, start = mark.start(), mark.end()
    elif from_line := _FORWARD_FROM.search(head):
        block_start = start = from_line.start()
    else:
        return None
    lines = body[start:].split("\n", _FORWARD_HEADER_LINES + 4)
    fields: dict[str, str] = {}
    consumed = 0
    for index, line in enumerate(lines[: _FORWARD_HEADER_LINES + 3]):
        if (match := _FORWARD_FIELD.match(line)) is None:
            if not line.strip() and not fields and index < 3:
                continue  # blank lines between the mark and the block
            break
        key = match.group(1).lower()
        fields.setdefault(_FORWARD_KEYS.get(key, key), match.group(2).strip())
        consumed = index + 1
    if "from" not in fields or not ({"subject", "date"} & fields.keys()):
        return None
    # (split's last piece holds the rest of the body, so the join gives it back whole.)
    rest = "\n".join(lines[consumed:]).strip("\n")
    sender = _MAILTO.sub(r"<\1>", fields["from"]).strip("* ")
    return block_start, _Forwarded(sender, fields.get("subject", "").strip("* "), fields.get("date", ""), rest)


def _unwrap_forward(subject: str, sender_email: str, to: str, body: str) -> tuple[str, _Forwarded] | None:
    """A bare forward (or one the user sends themselves) as (the forwarder's note, the original).

    Mail the user forwards into their inbox is the employer's email: its sender, subject
    and date are read from the forwarded block. A forward with a real message above it
    (a recruiter passing on a hiring manager's note) stays the forwarder's email.
    """
    forward_subject = bool(_FORWARD_SUBJECT.match(subject))
    self_sent = bool(sender_email) and sender_email in to.lower()
    if not (forward_subject or self_sent):
        return None  # (most mail: no need to look for a forwarded block)
    found = _forwarded_block(body)
    if found is None:
        return None
    start, original = found
    note = body[:start].strip()
    if not (forward_subject or (self_sent and note == "")):
        return None  # a body that quotes a header block is not necessarily a forward
    if note and not (self_sent or len(note.split()) <= _FORWARD_NOTE_WORDS):
        return None
    if "@" not in original.sender or not original.body.strip():
        return None
    return note, original


# --- body ------------------------------------------------------------------------------


def _bounded(raw: bytes) -> bytes:
    """Shorten what the stdlib parser will see, keeping the message's structure."""
    # The run search costs ~50 ns per line start; attachments have long lines.
    if len(raw) > LARGE_MESSAGE and len(raw) > 40 * raw.count(b"\n") > 40 * _KEPT_BASE64_LINES:
        # Keep the first lines of every long base64 run: attachments lose content we
        # never read, and the boundaries and parts after them survive.
        raw = _BASE64_RUN.sub(lambda m: b"".join(m.group(0).splitlines(keepends=True)[:_KEPT_BASE64_LINES]), raw)
    if len(raw) > MAX_PARSED_BYTES:
        raw = raw[:MAX_PARSED_BYTES]
    # The parser recurses once per nested multipart (and slows down quadratically):
    # real mail nests a handful deep, so what lies past the MAX_MULTIPARTS-th
    # container is dropped.
    lowered = raw.lower()
    if lowered.count(b"multipart/") > MAX_MULTIPARTS:
        position = -1
        for _ in range(MAX_MULTIPARTS):
            position = lowered.find(b"multipart/", position + 1)
        raw = raw[:position]
    for separator in (b"\n", b"\r"):
        if raw.count(separator) > MAX_PARSED_LINES:
            lines = raw.split(separator, MAX_PARSED_LINES)
            raw = raw[: len(raw) - len(lines[-1])]
    return raw


def _walk(message: Message) -> Iterator[Message]:
    """Leaf parts in document order, at most MAX_PARTS nodes visited, without recursion."""
    stack = [message]
    visited = 0
    while stack and visited < MAX_PARTS:
        part = stack.pop()
        visited += 1
        if part.is_multipart():
            payload = part.get_payload()
            if isinstance(payload, list):
                stack.extend(reversed([p for p in payload[:MAX_PARTS] if isinstance(p, Message)]))
            continue
        yield part


def _part_text(part: Message) -> str:
    encoding = str(part.get("Content-Transfer-Encoding", "") or "").strip().lower()
    # Two bytes per character covers Latin scripts in UTF-8; the text is cut to
    # MAX_PART_CHARS after decoding anyway.
    limit = MAX_PART_CHARS * 2
    if encoding in ("base64", "quoted-printable"):
        # Encoded payloads are ASCII; our decoders are lenient where the stdlib's
        # give up and return the encoded text.
        payload = part.get_payload()
        data = _decode_transfer(payload, encoding, limit) if isinstance(payload, str) else b""
    else:
        # 8-bit text: decode=True hands back the original bytes, where the plain
        # get_payload() would already have decoded them with a possibly wrong charset.
        payload = part.get_payload(decode=True)
        data = payload[:limit] if isinstance(payload, bytes) else b""
    return strip_controls(decode_bytes(data, part.get_content_charset())[:MAX_PART_CHARS])


@dataclass
class _Body:
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    calendar: bool = False


def _collect_body(message: Message) -> _Body:
    body = _Body()
    plain_chars = html_chars = 0
    for part in _walk(message):
        content_type = part.get_content_type()
        disposition = str(part.get("Content-Disposition", "") or "").strip().lower()
        filename = part.get_filename()
        if filename:
            body.attachments.append(one_line(decode_header_text(str(filename)))[:200])
        if content_type in ("text/calendar", "application/ics") or (
            filename and str(filename).lower().endswith(".ics")
        ):
            body.calendar = True
        if filename or disposition.startswith("attachment"):
            continue  # attachments' content is never read
        if content_type == "text/plain" and plain_chars < MAX_PART_CHARS:
            text = _part_text(part)
            plain_chars += len(text)
            body.plain.append(text)
        elif content_type == "text/html" and html_chars < MAX_PART_CHARS:
            text = _part_text(part)
            html_chars += len(text)
            body.html.append(text)
    return body


def _readable_body(body: _Body) -> tuple[str, bool]:
    plain = "\n\n".join(p.strip("\n") for p in body.plain if p.strip())
    if not body.html:
        return plain, False
    if len(plain.split()) >= 8:
        return plain, True
    # A plain part of a few words ("View this email in your browser") next to an
    # HTML part is a placeholder: the HTML holds the message.
    html_text = html_to_text("\n".join(body.html)[:MAX_PART_CHARS])
    if len(html_text.split()) > len(plain.split()):
        return html_text, True
    return plain, True


def _parse_tree(raw: bytes) -> Message:
    parser = BytesParser(policy=email.policy.compat32)
    try:
        return parser.parsebytes(raw)
    except RecursionError:
        # Deep nesting that slipped past _bounded; the headers alone still identify
        # and describe the message.
        return parser.parsebytes(raw, headersonly=True)


def parse_message(
    raw: bytes,
    *,
    provider_id: str | None = None,
    thread_id: str | None = None,
    internal_date: datetime | None = None,
) -> ParsedMessage:
    """Parse any bytes into a ParsedMessage. Never raises."""
    raw = bytes(raw or b"")
    try:
        return _parse(raw, provider_id=provider_id, thread_id=thread_id, internal_date=internal_date)
    except Exception:
        fallback_id = provider_id or _content_id(raw)
        # The email package has failed in new ways on hostile input in every Python
        # release; one unreadable message must not stop a run of thousands.
        logger.warning("Unreadable message %s; keeping only its id", fallback_id[:80], exc_info=True)
        return ParsedMessage(
            message_id=fallback_id[:255],
            thread_id=(thread_id or fallback_id)[:255],
            received_at=_aware_utc(internal_date) if internal_date else None,
            raw_size=len(raw),
        )


def _content_id(raw: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def _parse(
    raw: bytes, *, provider_id: str | None, thread_id: str | None, internal_date: datetime | None
) -> ParsedMessage:
    message = _parse_tree(_bounded(raw))
    raw_headers = _raw_headers(message)
    headers = {name: _header_text(raw_headers, name) for name in _KEPT_HEADERS if name in raw_headers}
    for name in ("in-reply-to", "references", "x-gm-thrid"):
        if name in headers:
            headers[name] = _identifier(raw_headers, name)
    rfc_id = _identifier(raw_headers, "message-id")
    sender, sender_name, sender_email = _sender(raw_headers.get("from", ""))
    received = _aware_utc(internal_date) if internal_date else parse_date(one_line(raw_headers.get("date", "")))

    try:
        body = _collect_body(message)
    except RecursionError:
        body = _Body()
    body_text, html_present = _readable_body(body)
    body_text = body_text[:MAX_PART_CHARS]
    subject = _header_text(raw_headers, "subject")[:1000]
    to = _header_text(raw_headers, "to")[:1000]
    offset = parse_utc_offset(one_line(raw_headers.get("date", "")))
    forwarded_by = ""
    if (forward := _unwrap_forward(subject, sender_email, to, body_text)) is not None:
        note, original = forward
        forwarded_by = sender
        sender, sender_name, sender_email = _sender(original.sender)
        subject = one_line(original.subject)[:1000] or subject
        body_text = f"{note}\n\n{original.body}" if note else original.body
        date = one_line(original.date)
        received = _client_date(date) or received
        offset = parse_utc_offset(date)

    ident = provider_id or rfc_id or _content_id(raw)
    thread = thread_id or headers.get("x-gm-thrid", "")
    if not thread:
        thread = _first_id(headers.get("references", "")) or _first_id(headers.get("in-reply-to", ""))
    return ParsedMessage(
        message_id=ident[:255],
        rfc822_message_id=rfc_id,
        thread_id=(thread or ident)[:255],
        subject=subject,
        sender=sender,
        sender_name=sender_name,
        sender_email=sender_email,
        to=to,
        received_at=received,
        body_text=body_text,
        body_html_present=html_present,
        # (Links as their host: an HTML button's address is no preview text.)
        snippet=snippet_of(shorten_urls(strip_quoted(body_text[: SNIPPET_CHARS * 20]))),
        raw_size=len(raw),
        headers=headers,
        attachment_names=tuple(body.attachments[:50]),
        sender_utc_offset=offset,
        has_calendar=body.calendar,
        forwarded_by=forwarded_by,
    )
