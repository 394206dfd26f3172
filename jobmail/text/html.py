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
    r"|font-size:(?:0|0?\.0+|1px)(?:px|pt|em|rem|%)?(?![\d.])"
    r"|(?:max-)?height:0(?:px|pt|em|rem|%)?(?![\d.])"
    r"|opacity:0(?![\d.])"
    r"|(?:max-)?width:0(?:px)?(?![\d.]))"
)
_HIDING_CLASS = re.compile(r"(?:^|\s)(?:preheader|pre-header|preview-text|hidden)(?:\s|$)", re.IGNORECASE)
_WHITESPACE_RUN = re.compile(r"[ \t\r\n\f\v]+")


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
        self.pre = 0

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
        self.stack.append(hides)
        self.hidden += hides
        self.pre += tag == "pre"

    def end(self, tag: str) -> None:
        tag = tag.lower() if isinstance(tag, str) else ""
        if self.stack:
            self.hidden -= self.stack.pop()
        self.pre -= tag == "pre"
        if not self.hidden:
            if tag in _BLOCK:
                self.out.append("\n")
            elif tag in _CELLS:
                self.out.append(" ")

    def data(self, text: str) -> None:
        if not self.hidden:
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
