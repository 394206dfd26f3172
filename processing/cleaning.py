"""Text cleaning between a parsed email and any classifier (and the LLM prompt).

The goal is the words a person would read in the new part of the email: no markup,
no hidden preheaders or tracking pixels, no quoted history, no signature, no legal
footer. Everything here is conservative — when unsure, text is kept, because a
dropped sentence can hide a rejection while an extra one only costs a few tokens.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC
from email.utils import parseaddr
from html import unescape
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from processing.mail import ParsedMessage

# --- HTML ------------------------------------------------------------------------------

#: Elements whose content is never shown as text.
_DROPPED = frozenset(
    {"script", "style", "head", "title", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "math"}
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "tfoot", "thead", "tr", "ul",
    }
)  # fmt: skip
_CELLS = frozenset({"td", "th"})
# HTML lets these end tags be omitted: a new one closes the open one.
_IMPLIED_END = {
    "p": frozenset({"p"}),
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "tr": frozenset({"td", "th", "tr"}),
    "option": frozenset({"option"}),
}
#: Open elements tracked at most; garbage nesting beyond it is flattened, which keeps
#: end-tag matching linear on hostile input.
_MAX_DEPTH = 256
# Inline styles that hide text: preheaders are usually display:none plus a zero
# font size, height or opacity, often several at once.
_HIDING_STYLE = re.compile(
    r"(?:^|;)(?:display:none|visibility:hidden|mso-hide:all"
    r"|font-size:(?:0|0?\.0+|1px)(?:px|pt|em|rem|%)?(?![\d.])"
    r"|(?:max-)?height:0(?:px|pt|em|rem|%)?(?![\d.])"
    r"|opacity:0(?![\d.])"
    r"|(?:max-)?width:0(?:px)?(?![\d.]))"
)
_HIDING_CLASS = re.compile(r"(?:^|\s)(?:preheader|pre-header|preview-text|hidden)(?:\s|$)", re.IGNORECASE)
_WHITESPACE_RUN = re.compile(r"[ \t\r\n\f\v]+")


def _hides(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        value = (value or "").strip().lower()
        if name == "hidden" or (name == "aria-hidden" and value == "true"):
            return True
        if name == "style" and value and _HIDING_STYLE.search("".join(value.split()).replace("!important", "")):
            return True
        if name == "class" and _HIDING_CLASS.search(value):
            return True
    return False


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []
        self.hidden = 0
        self.pre = 0

    def _pop_to(self, index: int) -> None:
        for tag, hides in self.stack[index:]:
            self.hidden -= hides
            self.pre -= tag == "pre"
        del self.stack[index:]

    def _break(self, text: str = "\n") -> None:
        if not self.hidden:
            self.out.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._break()
            return  # images too: alt texts are logos and spacers, pixels are trackers
        if tag == "body":
            # An unclosed <head> must not hide the whole document.
            for index, (open_tag, _hides_it) in enumerate(self.stack):
                if open_tag == "head":
                    self._pop_to(index)
                    break
        closes = _IMPLIED_END.get(tag, frozenset({"p"}) if tag in _BLOCK else frozenset())
        if self.stack and self.stack[-1][0] in closes:
            self._pop_to(len(self.stack) - 1)
        if tag in _BLOCK:
            self._break()
        elif tag in _CELLS:
            self._break(" ")
        if len(self.stack) >= _MAX_DEPTH:
            return
        hides = tag in _DROPPED or _hides(attrs)
        self.stack.append((tag, hides))
        self.hidden += hides
        self.pre += tag == "pre"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":
            self._break()  # browsers read </br> as <br>
            return
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                self._pop_to(index)
                break
        else:
            return  # a stray end tag closes nothing
        if tag in _BLOCK:
            self._break()
        elif tag in _CELLS:
            self._break(" ")

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        self.out.append(data if self.pre else _WHITESPACE_RUN.sub(" ", data))


_TAG = re.compile(r"<[^>]*>")


def html_to_text(html: str) -> str:
    """The visible text of an HTML email, one block per line."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
        text = "".join(parser.out)
    except (AssertionError, ValueError, IndexError, TypeError):
        # html.parser still has assertion paths for some malformed declarations;
        # a crude tag strip beats losing the email.
        text = unescape(_TAG.sub(" ", html))
    return collapse_whitespace(text)


# --- whitespace and links --------------------------------------------------------------

_INVISIBLE = re.compile(r"[\u00ad\u034f\u180e\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def collapse_whitespace(text: str) -> str:
    """Single spaces inside lines, at most one blank line between paragraphs, no invisible characters."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


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


def strip_quoted(text: str) -> str:
    """Remove quoted history: "> " lines and everything from a reply header on.

    When the quote is all there is (a bare forward), the text is kept: the quoted
    message is then the content.
    """
    starts = [
        position
        for position in (
            _attribution_start(text),
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


def strip_signature(text: str) -> str:
    """Cut the "-- " signature, mobile footers and trailing legal or unsubscribe blocks."""
    delimiters = list(_SIGNATURE_DELIMITER.finditer(text))
    if delimiters and text[: delimiters[-1].start()].strip():
        text = text[: delimiters[-1].start()]
    else:
        bare = list(_BARE_DELIMITER.finditer(text))
        if bare:
            cut = bare[-1].start()
            after = [line for line in text[bare[-1].end() :].split("\n") if line.strip()]
            if text[:cut].strip() and len(after) <= _BARE_DELIMITER_MAX_LINES:
                text = text[:cut]
    without_footer = _MOBILE_FOOTER.sub("", text)
    if without_footer.strip():
        text = without_footer
    return _drop_trailing_boilerplate(text)


# --- the cleaned text, the prompt and the template hash --------------------------------


def clean_text(parsed: ParsedMessage) -> str:
    """The new, human-written part of an email's body, for classifiers and the LLM."""
    return collapse_whitespace(strip_signature(strip_quoted(shorten_urls(parsed.body_text))))


def estimate_tokens(text: str) -> int:
    """Rough token count (four characters per token): fine for budgeting, not billing."""
    return (len(text) + 3) // 4


_ELLIPSIS = " […]"


def _cut_words(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    room = max(0, limit - len(_ELLIPSIS))
    cut = text[:room]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space > room // 2:
        cut = cut[:space]
    return cut.rstrip() + _ELLIPSIS if cut.strip() else ""


# Lines that carry no meaning for classification: the salutation that opens a
# message and the closing word(s) before the signature. Only whole short lines
# match; the sender's name and company lines after a closing are kept.
_GREETING = re.compile(
    r"(?im)^[ \t]*[¡!]?(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|hallo|hi there"
    r"|liebe[rs]?|sehr geehrte[rs]?|guten (?:tag|morgen)|moin|servus|bonjour|bonsoir|salut|cher|chère|madame"
    r"|monsieur|hola|estimad[oa]s?|buen(?:os|as) (?:días|tardes)|querid[oa])\b[^\n]{0,40}$\n?"
)
_CLOSING = re.compile(
    r"(?im)^[ \t]*[¡!]?(?:best(?: regards| wishes)?|kind(?:est)? regards|warm(?:est)? regards|regards|many thanks"
    r"|thanks(?: again| so much)?|thank you(?: again)?|cheers|sincerely(?: yours)?|yours(?: sincerely| truly)?"
    r"|all the best|speak soon|talk soon|(?:mit )?(?:viele|beste|liebe|freundliche) grüße|mit freundlichen grüßen"
    r"|(?:bien )?cordialement|bien à (?:vous|toi)|salutations|à bientôt|amicalement|(?:un )?saludos?(?: cordiales)?"
    r"|atentamente|un abrazo|gracias|muchas gracias)[ \t]*[,.!]*[ \t]*$\n?"
)
_GREETING_LINE_CHARS = 50


def _without_courtesies(body: str) -> str:
    lines = body.split("\n", 1)
    if len(lines) == 2 and len(lines[0]) <= _GREETING_LINE_CHARS and _GREETING.fullmatch(lines[0] + "\n"):
        body = lines[1]
    return _CLOSING.sub("", body)


def prompt_date(parsed: ParsedMessage) -> str:
    """When the email arrived, compactly: the model needs it to date "next Tuesday"."""
    return parsed.received_at.astimezone(UTC).strftime("%Y-%m-%d %H:%MZ") if parsed.received_at else ""


def prompt_sender(parsed: ParsedMessage) -> str:
    """The sender's name and domain: the address's local part ("no-reply",
    "jane.doe") adds nothing the name does not say."""
    name, address = parsed.sender_name, parsed.sender_email
    if not (name and address):
        parsed_name, parsed_address = parseaddr(parsed.sender)
        name, address = name or parsed_name, address or parsed_address
    domain = address.rpartition("@")[2]
    if name and domain:
        return f"{name[:200]} ({domain})"
    return (address or parsed.sender)[:200]


def _without_signer_name(body: str, name: str) -> str:
    # A signature's name line repeats the From line's name: drop that one line
    # (the signature's title and company lines stay).
    name = re.split(r"\s+(?:via|über|par|vía)\s+", name, maxsplit=1)[0].strip()
    if not name:
        return body
    lines = body.rstrip().split("\n")
    first = name.split()[0].casefold() if name.split() else ""
    for index in range(len(lines) - 1, max(len(lines) - 5, 0), -1):
        line = lines[index].strip().casefold()
        if line and (line == name.casefold() or line == first):
            del lines[index]
            break
    return "\n".join(lines)


def prompt_text(parsed: ParsedMessage, *, budget_tokens: int = 1500) -> str:
    """Header lines and the cleaned body, cut on a word boundary to fit the budget.

    The header lines are always kept whole (bar absurd lengths): subject, sender
    and date are what the model needs most. The body loses what carries no
    meaning for classification: salutation and closing lines, the signature's
    repeat of the sender's name, and blank lines between paragraphs (one line
    break each is enough for a model).
    """
    header = f"Subject: {parsed.subject[:300]}\nFrom: {prompt_sender(parsed)}\nDate: {prompt_date(parsed)}"
    body = _without_signer_name(_without_courtesies(clean_text(parsed)), parsed.sender_name)
    body = re.sub(r"\n[ \t]*\n+", "\n", body).strip()
    room = budget_tokens * 4 - len(header) - 1
    body = _cut_words(body, room) if room > 0 else ""
    return f"{header}\n{body}" if body else header


_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|aw|wg|tr|rv|sv|antw)\s*(?:\[\d+\])?\s*:)+", re.IGNORECASE)
# Long digit runs are ids (requisitions, tracking numbers, candidate numbers); short
# ones are days and times, which must keep two interview invitations apart because
# the cache stores their event date.
_LONG_NUMBER = re.compile(r"\d{5,}")
_TOKEN_LIKE = re.compile(r"\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,}\b")


def _normalise_for_hash(text: str) -> str:
    text = _TOKEN_LIKE.sub("#", text.lower())
    return " ".join(_LONG_NUMBER.sub("#", text).split())


def content_hash(parsed: ParsedMessage) -> str:
    """Identical templated emails share a hash, so they are classified once.

    Sender domain + subject + cleaned body, with ids (long numbers, tokens, URLs'
    paths) and whitespace normalised. Anything that changes the answer — company,
    job title, date, time — is still part of the text, so it changes the hash.
    """
    domain = parsed.sender_email.rpartition("@")[2]
    subject = _normalise_for_hash(_REPLY_PREFIX.sub("", parsed.subject))
    body = _normalise_for_hash(clean_text(parsed))
    return hashlib.sha256(f"{domain}\n{subject}\n{body}".encode("utf-8", "replace")).hexdigest()
