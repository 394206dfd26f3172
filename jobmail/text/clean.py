"""Text cleaning between a parsed email and any classifier (and the LLM prompt).

The goal is the words a person would read in the new part of the email: no markup,
no hidden preheaders or tracking pixels, no quoted history, no signature, no legal
footer. Everything here is conservative — when unsure, text is kept, because a
dropped sentence can hide a rejection while an extra one only costs a few tokens.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import urlsplit

# --- whitespace and links --------------------------------------------------------------

_INVISIBLE = re.compile(r"[\u00ad\u034f\u180e\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def collapse_whitespace(text: str) -> str:
    """Single spaces inside lines, at most one blank line between paragraphs, no invisible characters."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


_ENTITY = re.compile(r"&(?:#\d{2,5}|#x[0-9a-f]{2,4}|[a-z]{2,8});", re.IGNORECASE)


def unescape_entities(text: str) -> str:
    """Plain text with HTML entities spelled out ("role:&nbsp;Data Analyst", "&#169; Acme"):
    some senders and mail exports put entities in text parts. A no-break space is a space."""
    if "&" not in text or not _ENTITY.search(text):
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text).replace("\xa0", " ")


_URL = re.compile(r"<?\b(?:https?://|www\.)[^\s<>\"']+>?", re.IGNORECASE)


def _short_url(match: re.Match[str]) -> str:
    url = match.group(0).strip("<>")
    try:
        host = urlsplit(url if "://" in url else "http://" + url).hostname or ""
    except ValueError:
        host = ""
    # The host still says something ("calendly.com", "hackerrank.com"); the path
    # and its tracking tokens only cost tokens and defeat the content hash.
    return f"[{host.removeprefix('www.')}]" if host else ""


def shorten_urls(text: str) -> str:
    return _URL.sub(_short_url, text)


# --- quoted history --------------------------------------------------------------------

_ATTRIBUTION_PATTERNS = [
    # "On Tue, Sep 9, 2025 at 10:00 AM Jane <jane@x.com> wrote:" — clients wrap it over lines.
    r"On\s[^\n]{0,300}?(?:\n[^\n]{0,300}?){0,3}?\bwrote\s?:",
    r"[^\n]{0,200}@[^\n]{0,200}\swrote\s?:",
    r"Am\s[^\n]{0,300}?(?:\n[^\n]{0,300}?){0,3}?\bschrieb\b[^\n]{0,300}?:",
    r"Le\s[^\n]{0,300}?(?:\n[^\n]{0,300}?){0,3}?\ba\s+écrit\s?:",
    r"El\s[^\n]{0,300}?(?:\n[^\n]{0,300}?){0,3}?\bescribió\s?:",
    r"Op\s[^\n]{0,300}?(?:\n[^\n]{0,300}?){0,3}?\bschreef\b[^\n]{0,300}?:",
    r"Il\s[^\n]{0,300}?(?:\n[^\n]{0,300}?){0,3}?\bha\s+scritto\s?:",
]
_ATTRIBUTION = re.compile(r"(?m)^[ \t]*(?:" + "|".join(_ATTRIBUTION_PATTERNS) + r")[ \t]*$")
_ORIGINAL_MESSAGE = re.compile(
    r"(?im)^[ \t]*-{2,}[ \t]*(?:original message|ursprüngliche nachricht|originalnachricht|message d'origine"
    r"|mensaje original|oorspronkelijk bericht|messaggio originale)[ \t]*-{2,}[ \t]*$"
)
# Outlook's reply header: "From: ..." then, within three lines, "Sent: ...".
_OUTLOOK_HEADER = re.compile(
    r"(?im)^[ \t]*(?:_{10,}[ \t]*\n[ \t]*)?\*?(?:from|von|de|van|da)[ \t]?:\*?[^\n]*\n(?:[^\n]*\n){0,2}?"
    r"[ \t]*\*?(?:sent|gesendet|envoyé|enviado|verzonden|inviato)[ \t]?:"
)
_QUOTED_LINE = re.compile(r"(?m)^[ \t]*>[^\n]*(?:\n|$)")


def _attribution_start(text: str) -> int | None:
    for match in _ATTRIBUTION.finditer(text):
        # An attribution names a date or an address; "On Monday we'll decide" does not.
        if any(ch.isdigit() or ch == "@" for ch in match.group(0)):
            return match.start()
    return None


# The attribution inside a line: text exported with its line breaks collapsed keeps
# "… Best, Sam On Tue, Sep 8, 2026 at 10:00 AM Acme Talent <jobs@acme.example> wrote: > …".
# Found from "wrote" back to "On": a forward regex scan would try every "On" of the text.
_WROTE_COLON = re.compile(r"wrote\s?:(?:\s|$)")
_INLINE_ATTRIBUTION_CHARS = 300
#: "wrote" occurrences tried per text: a hostile line of them stays cheap.
_INLINE_TRIES = 20
#: Text with fewer line breaks than this per 1,000 characters lost its line structure.
_FLAT_BREAKS_PER_1000 = 2


def _inline_attribution_start(text: str) -> int | None:
    if text.count("\n") * 1000 >= _FLAT_BREAKS_PER_1000 * len(text):
        return None
    position = 0
    for _ in range(_INLINE_TRIES):
        position = text.find(" wrote", position)
        if position < 0:
            break
        if _WROTE_COLON.match(text, position + 1):
            window_start = max(0, position - _INLINE_ATTRIBUTION_CHARS)
            on = text.rfind(" On ", window_start, position)
            if on >= 0 and any(ch.isdigit() or ch == "@" for ch in text[on:position]):
                return on + 1
        position += 6
    return None


def strip_quoted(text: str) -> str:
    """Remove quoted history: "> " lines and everything from a reply header on.

    When the quote is all there is (a bare forward), the text is kept: the quoted
    message is then the content.
    """
    starts = [
        position
        for position in (
            _attribution_start(text),
            _inline_attribution_start(text),
            *(m.start() for m in (_ORIGINAL_MESSAGE.search(text), _OUTLOOK_HEADER.search(text)) if m),
        )
        if position is not None and text[:position].strip()
    ]
    if starts:
        text = text[: min(starts)]
    unquoted = _QUOTED_LINE.sub("", text)
    return unquoted if unquoted.strip() else text


# --- signatures and footers ------------------------------------------------------------

_SIGNATURE_DELIMITER = re.compile(r"(?m)^-- $")
_BARE_DELIMITER = re.compile(r"(?m)^--$")
_BARE_DELIMITER_MAX_LINES = 8
_MOBILE_FOOTER = re.compile(
    r"(?im)^[ \t]*(?:sent from my (?:iphone|ipad|android|mobile|phone|galaxy|samsung[^\n]*|blackberry[^\n]*|"
    r"huawei[^\n]*|pixel[^\n]*|smartphone)|sent from (?:mail|outlook) for (?:windows|ios|android)[^\n]*"
    r"|get outlook for (?:ios|android)|sent from yahoo mail[^\n]*|sent with proton ?mail[^\n]*"
    r"|sent from (?:gmail|outlook) mobile|von meinem (?:iphone|ipad|smartphone|handy|samsung[^\n]*) gesendet"
    r"|gesendet von meinem (?:iphone|ipad|smartphone|handy)[^\n]*|gesendet mit der [^\n]{1,40} app"
    r"|envoyé (?:de|depuis) mon (?:iphone|ipad|smartphone|mobile|téléphone)[^\n]*"
    r"|enviado desde mi (?:iphone|ipad|smartphone|móvil|celular|teléfono)[^\n]*)[ \t.]*$"
)
# Boilerplate that ends automated mail. Only trailing blocks are dropped, and only
# when they start with one of these, so a sentence in the middle is never touched.
_BOILERPLATE = re.compile(
    r"(?i)\b(?:you (?:are receiving|received|have received|get) this (?:e-?mail|message|notification)"
    r"|this (?:e-?mail|message) (?:was|has been) (?:sent|generated|delivered)"
    r"|unsubscribe|opt[ -]out|manage (?:your )?(?:e-?mail |notification |subscription )?(?:preferences|settings"
    r"|notifications|subscriptions)|e-?mail preferences|update your preferences"
    r"|(?:this|the) (?:e-?mail|message|communication)(?: and any (?:attachments?|files?)"
    r"(?: transmitted with it)?)? (?:is|are|may be|contains?) (?:strictly )?(?:confidential|privileged|intended)"
    r"|confidentiality notice|disclaimer|if you are not the intended recipient|privacy (?:policy|notice|statement)"
    r"|all rights reserved|©|\(c\) ?\d{4}|copyright|do not reply|don't reply|no-?reply"
    r"|this is an automated (?:message|e-?mail|notification)|powered by"
    r"|abmelden|abbestellen|vertraulich|nicht der (?:richtige|beabsichtigte) empfänger|datenschutz|impressum"
    r"|handelsregister|amtsgericht|geschäftsführ|sitz der gesellschaft|antworten sie nicht"
    r"|automatisch (?:generiert|erstellt|versendet)"
    r"|se désabonner|se désinscrire|désinscription|désabonnement|confidentiel|destinataire"
    r"|ne pas répondre|ne répondez pas|politique de confidentialité|mentions légales"
    r"|darse de baja|darte de baja|cancelar (?:la |tu |su )?suscripción|confidencial|destinatario"
    r"|no respond(?:a|as)|política de privacidad|aviso legal)"
)
_BOILERPLATE_BLOCK_CHARS = 800
_BOILERPLATE_LINE_CHARS = 300


def _drop_trailing_boilerplate(text: str) -> str:
    paragraphs = re.split(r"\n[ \t]*\n", text.strip())
    while len(paragraphs) > 1:
        last = paragraphs[-1].strip()
        lines = last.split("\n")
        if len(last) <= _BOILERPLATE_BLOCK_CHARS and _BOILERPLATE.search(lines[0]):
            paragraphs.pop()
        elif len(lines) > 1 and len(lines[-1]) <= _BOILERPLATE_LINE_CHARS and _BOILERPLATE.search(lines[-1]):
            paragraphs[-1] = "\n".join(lines[:-1])
        else:
            break
    return "\n\n".join(paragraphs)


def _signature_start(text: str) -> int | None:
    """Where the "-- " signature starts (a bare "--" only above a few lines), if any."""
    delimiters = list(_SIGNATURE_DELIMITER.finditer(text))
    if delimiters and text[: delimiters[-1].start()].strip():
        return delimiters[-1].start()
    bare = list(_BARE_DELIMITER.finditer(text))
    if bare:
        cut = bare[-1].start()
        after = [line for line in text[bare[-1].end() :].split("\n") if line.strip()]
        if text[:cut].strip() and len(after) <= _BARE_DELIMITER_MAX_LINES:
            return cut
    return None


def strip_signature(text: str) -> str:
    """Cut the "-- " signature, mobile footers and trailing legal or unsubscribe blocks."""
    start = _signature_start(text)
    return strip_footers(text if start is None else text[:start])


def signature(body: str) -> str:
    """The "-- " signature that clean_text cuts from the new part of an email ("" when
    none): the writer's name, role and employer, for reading who writes."""
    if "--" not in body:
        return ""
    text = strip_quoted(body)
    start = _signature_start(text)
    return "" if start is None else strip_footers(text[start:].lstrip("- \n"))


def strip_footers(text: str) -> str:
    """Cut mobile footers ("Sent from my iPhone") and trailing legal or unsubscribe blocks."""
    without_footer = _MOBILE_FOOTER.sub("", text)
    if without_footer.strip():
        text = without_footer
    return _drop_trailing_boilerplate(text)


# --- the cleaned text, the prompt and the template hash --------------------------------


# A line break inside a sentence: a long line (not a "Label:" line) and a next line
# that goes on in lower case. Clients and exports hard-wrap text at 72-78 columns,
# which cuts sentences (and the condition opening one) in two.
_WRAPPED_BREAK = re.compile(r"(?m)^([^\n]{44,}[^\n:])\n(?=[a-zß-öø-ÿ(])")
#: A paragraph whose lines but the last all end between these columns was wrapped by a
#: client (72, 76 or 78 columns): its line breaks are no breaks, whatever follows them.
_WRAP_COLUMNS = range(55, 81)
# Lines that start something of their own: list items and "Label: value" lines.
_OWN_LINE = re.compile(r"[-*•·–>]|\d{1,2}[.)]\s|[^\s:]{1,25}(?: [^\s:]{1,25}){0,2}:\s")


def _unwrap_paragraph(paragraph: str) -> str:
    if "\n" not in paragraph:
        return paragraph
    lines = paragraph.split("\n")
    wrapped = len(lines) > 1 and len(lines[-1]) < _WRAP_COLUMNS.stop
    if not (wrapped and all(len(line) in _WRAP_COLUMNS for line in lines[:-1])):
        return _WRAPPED_BREAK.sub(r"\1 ", paragraph)
    # Runs of lines joined once at the end: a long paragraph costs linear time.
    runs: list[list[str]] = [[lines[0]]]
    for line in lines[1:]:
        if _OWN_LINE.match(line) or runs[-1][-1].endswith(":"):
            runs.append([line])
        else:
            runs[-1].append(line)
    return "\n".join(" ".join(run) for run in runs)


def unwrap_lines(text: str) -> str:
    """Join hard-wrapped lines back into their sentences; short lines, lists and labels stay.
    Expects collapse_whitespace's output (stripped lines, single blank lines)."""
    return "\n\n".join(_unwrap_paragraph(paragraph) for paragraph in text.split("\n\n"))


@lru_cache(maxsize=4)
def clean_text(body: str) -> str:
    """The new, human-written part of an email's body, for classifiers and the LLM.

    Cached for the last few bodies: the rules, the prompt and the cache key each clean
    the same body (a string's hash is kept with it, and a hit is found by identity)."""
    return unwrap_lines(collapse_whitespace(strip_signature(strip_quoted(shorten_urls(body)))))
