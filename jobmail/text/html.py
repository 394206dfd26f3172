"""HTML to text: the visible words of an HTML email, one block per line.

The markup is tokenised by libxml2's HTML parser (through lxml), in C and in time linear
in its input; the standard library's html.parser it replaces is pure Python and
quadratic on inputs such as `<!--` × 50,000 (CVE-2025-6069: 13-37 s of CPU for one
email). lexbor (selectolax) was tried too and is quadratic on deeply nested blocks and
`<select>` options (3-14 s for 200 kB). libxml2 also bounds the nesting depth it builds.
The input is capped before parsing. What follows the parser is about what a person
would see: hidden preheaders, scripts, styles and tracking pixels are dropped.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from jobmail.text.clean import collapse_whitespace

#: Characters of markup parsed at most; the readable text of a real email is far
#: shorter, and what lies past it is usually a legal footer.
MAX_HTML_CHARS = 200_000

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
# Inline styles that hide text: preheaders are usually display:none plus a zero
# font size, height or opacity, often several at once.
_HIDING_STYLE = re.compile(
    r"(?:^|;)(?:display:none|visibility:hidden|mso-hide:all"
    r"|(?:max-)?height:0(?:px|pt|em|rem|%)?(?![\d.])"
    r"|opacity:0(?![\d.])"
    r"|(?:max-)?width:0(?:px)?(?![\d.]))"
)
# A zero font size hides the text it applies to, but layout templates (MJML and
# the ATS mail built with it) set it on wrappers and give the text inside its own
# size: the innermost declared size decides.
_FONT_SIZE = re.compile(r"(?:^|;)font-size:([\d.]+)(px|pt|em|rem|%)?")
_HIDING_CLASS = re.compile(r"(?:^|\s)(?:preheader|pre-header|preview-text|hidden)(?:\s|$)", re.IGNORECASE)
_WEB_LINK = re.compile(r"https?://[^\s<>\"']+$", re.IGNORECASE)
#: Characters of a link's address kept: tracking addresses run to kilobytes.
MAX_LINK_CHARS = 300
_WHITESPACE_RUN = re.compile(r"[ \t\r\n\f\v]+")


def _font_hides(attributes: Any) -> bool | None:
    """Whether the element's own font size hides its text (None: it sets none)."""
    value = attributes.get("style")
    if value and (match := _FONT_SIZE.search("".join(value.lower().split()))):
        try:
            size = float(match.group(1))
        except ValueError:
            return None
        return size == 0 or (size <= 1 and match.group(2) == "px")
    return None


def _hides(attributes: Any) -> bool:
    for name, value in attributes.items():
        value = (value or "").strip().lower()
        if name == "hidden" or (name == "aria-hidden" and value == "true"):
            return True
        if name == "style" and value and _HIDING_STYLE.search("".join(value.split()).replace("!important", "")):
            return True
        if name == "class" and _HIDING_CLASS.search(value):
            return True
    return False


class _TextTarget:
    """Receives the parser's events (libxml2 balances the tags) and keeps the visible text."""

    def __init__(self) -> None:
        self.out: list[str] = []
        # One entry per open element: whether it hides its content.
        self.stack: list[bool] = []
        self.hidden = 0
        #: Stack depths and verdicts of the open elements that declare a font size.
        self.fonts: list[tuple[int, bool]] = []
        self.pre = 0
        #: The web address of the open link and where its text starts in `out`.
        self.link: tuple[str, int] | None = None

    def start(self, tag: str, attributes: Any) -> None:
        tag = tag.lower() if isinstance(tag, str) else ""
        if tag in _VOID:
            if tag in ("br", "hr") and not self.hidden:
                self.out.append("\n")
            # Images too: alt texts are logos and spacers, pixels are trackers.
        elif not self.hidden:
            if tag in _BLOCK:
                self.out.append("\n")
            elif tag in _CELLS:
                self.out.append(" ")
        hides = tag in _DROPPED or _hides(attributes)
        if tag == "a" and not self.hidden and not hides:
            href = (attributes.get("href") or "").strip()
            self.link = (href, len(self.out)) if _WEB_LINK.match(href) else None
        if (font := _font_hides(attributes)) is not None:
            self.fonts.append((len(self.stack), font))
        self.stack.append(hides)
        self.hidden += hides
        self.pre += tag == "pre"

    def end(self, tag: str) -> None:
        tag = tag.lower() if isinstance(tag, str) else ""
        if self.stack:
            self.hidden -= self.stack.pop()
        while self.fonts and self.fonts[-1][0] >= len(self.stack):
            self.fonts.pop()
        self.pre -= tag == "pre"
        if tag == "a" and self.link is not None:
            href, start = self.link
            self.link = None
            # A button's address, as the plain part of the same email shows it: "View
            # application <https://…>" (its host, such as a scheduling or test site,
            # is a signal; clean_text shortens it to the host).
            if "".join(self.out[start:]).strip() and href[:MAX_LINK_CHARS] not in "".join(self.out[start:]):
                self.out.append(f" <{href[:MAX_LINK_CHARS]}>")
        if not self.hidden:
            if tag in _BLOCK:
                self.out.append("\n")
            elif tag in _CELLS:
                self.out.append(" ")

    def data(self, text: str) -> None:
        if not self.hidden and not (self.fonts and self.fonts[-1][1]):
            self.out.append(text if self.pre else _WHITESPACE_RUN.sub(" ", text))

    def comment(self, text: str) -> None:
        pass

    def close(self) -> str:
        return "".join(self.out)


def html_to_text(html: str) -> str:
    """The visible text of an HTML email, one block per line."""
    parser = etree.HTMLParser(target=_TextTarget(), recover=True, no_network=True, remove_pis=True)
    html = html[:MAX_HTML_CHARS]
    try:
        parser.feed(html)
        text: str = parser.close()
    except etree.LxmlError:
        return ""  # nothing parseable: an empty document
    return collapse_whitespace(text)
