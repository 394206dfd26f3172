"""The sender's job title, read from the signature block of an email they wrote.

    Best regards,
    Jane Roe
    Senior Technical Recruiter

A closing line (the prompt's own list, jobmail.classify.prompt.CLOSING_LINE) or a "--"
delimiter, then a name line that agrees with the sender's display name or address, then
a title made only of a signer's function words (is_signer_role: "Talent Acquisition
Partner", "Engineering Manager, Platform"; never "Senior Data Engineer", which may be the
job applied for). "Jane Roe | Recruiter" on the name line works too.

Every email is hostile input: only the end of the new text is read (quoted history and
trailing footers removed first), at most TAIL_LINES lines of at most LINE_CHARS
characters each, and a title is never longer than ROLE_CHARS. A signature that does not
fit this shape gives no role rather than a guess.
"""

from __future__ import annotations

import re

from jobmail.classify.prompt import CLOSING_LINE, is_signer_role
from jobmail.message import strip_invisible
from jobmail.text.clean import strip_footers, strip_quoted
from jobmail.text.names import fold

#: How much of the body's end is read: a signature is a few short lines.
TAIL_CHARS = 3_000
TAIL_LINES = 15
#: A longer line is prose, never a closing, a name or a title.
LINE_CHARS = 120
NAME_WORDS = 5
ROLE_CHARS = 80

# A word of a person's name: letters, with inner apostrophes, dots and hyphens
# ("O'Neil", "J.", "Anne-Marie"); no digits.
_NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.-])*")
# "Jane Roe | Senior Recruiter", "Jane Roe, Talent Partner", "Jane Roe – Recruiter".
_NAME_AND_ROLE = re.compile(r"[ \t]*(?:\||·|•|,|[ \t][–—-][ \t])[ \t]*")
# The title ends where the company or contact details start: "Recruiter | Acme | +1 …".
_SEGMENT = re.compile(r"[ \t]+(?:\||·|•|–|—|-)[ \t]+")
# "Senior Recruiter, Acme" or "Senior Recruiter at Acme": the part before the company.
_AT_COMPANY = re.compile(r"(?i),[ \t]*|[ \t]+(?:at|bei|chez|@)[ \t]+")


def signature_role(body: str, sender_name: str = "", sender_email: str = "") -> str:
    """The title under the sender's name in the signature of `body`, or ""."""
    text = strip_footers(strip_quoted(body))[-TAIL_CHARS:]
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line][-TAIL_LINES:]
    for index in range(len(lines) - 2, -1, -1):
        line = lines[index]
        delimiter = line.startswith("--") and not line.strip("-")
        if len(line) > LINE_CHARS or not (delimiter or CLOSING_LINE.match(line)):
            continue
        # The last closing decides: whatever signs off earlier is not this signature.
        return _role_after(lines[index + 1 : index + 3], sender_name, sender_email)
    return ""


def _role_after(lines: list[str], sender_name: str, sender_email: str) -> str:
    if not lines or len(lines[0]) > LINE_CHARS:
        return ""
    name, _, rest = _split_once(lines[0])
    if not _is_senders_name(name, sender_name, sender_email):
        return ""
    if rest:
        return _title(rest)
    return _title(lines[1]) if len(lines) > 1 and len(lines[1]) <= LINE_CHARS else ""


def _split_once(line: str) -> tuple[str, str, str]:
    match = _NAME_AND_ROLE.search(line)
    if match is None:
        return line, "", ""
    return line[: match.start()], match.group(0), line[match.end() :]


def _title(line: str) -> str:
    segment = _SEGMENT.split(line, maxsplit=1)[0]
    for candidate in (segment, _AT_COMPANY.split(segment, maxsplit=1)[0]):
        candidate = " ".join(strip_invisible(candidate).split()).strip(" ,;:|·")
        if candidate and len(candidate) <= ROLE_CHARS and is_signer_role(candidate):
            return candidate
    return ""


def _is_senders_name(line: str, sender_name: str, sender_email: str) -> bool:
    """A person's name (not "The Acme Team") that the From line confirms."""
    words = line.split()
    if not 1 <= len(words) <= NAME_WORDS or len(line) > 60:
        return False
    if not all(_NAME_WORD.fullmatch(word) for word in words) or not any(word[0].isupper() for word in words):
        return False
    if any(is_signer_role(word) or word.casefold() in ("team", "the") for word in words):
        return False
    tokens = {token for token in map(fold, words) if len(token) >= 2}
    shown = {token for token in map(fold, sender_name.split()[:8]) if len(token) >= 2}
    if shown:
        # "Jane Roe" signing for "Jane Roe via Acme" or "Roe, Jane" or "Jane".
        return bool(tokens & shown)
    local = fold(sender_email.rpartition("@")[0], spell_out_umlauts=True)
    spelled = {fold(word, spell_out_umlauts=True) for word in words}
    return bool(local) and any(len(token) >= 3 and token in local for token in spelled)
