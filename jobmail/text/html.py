"""HTML to text: the visible words of an HTML email, one block per line."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

from jobmail.text.clean import collapse_whitespace

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
    r"|(?:max-)?height:0(?:px|pt|em|rem|%)?(?![\d.])"
    r"|opacity:0(?![\d.])"
    r"|(?:max-)?width:0(?:px)?(?![\d.]))"
)
# A zero font size hides the text it applies to, but layout templates (MJML and
# the ATS mail built with it) set it on wrappers and give the text inside its own
# size: the innermost declared size decides.
_FONT_SIZE = re.compile(r"(?:^|;)font-size:([\d.]+)(px|pt|em|rem|%)?")
_HIDING_CLASS = re.compile(r"(?:^|\s)(?:preheader|pre-header|preview-text|hidden)(?:\s|$)", re.IGNORECASE)
_WHITESPACE_RUN = re.compile(r"[ \t\r\n\f\v]+")


def _font_hides(attrs: list[tuple[str, str | None]]) -> bool | None:
    """Whether the element's own font size hides its text (None: it sets none)."""
    for name, value in attrs:
        if name == "style" and value and (match := _FONT_SIZE.search("".join(value.lower().split()))):
            try:
                size = float(match.group(1))
            except ValueError:
                return None
            return size == 0 or (size <= 1 and match.group(2) == "px")
    return None


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
        #: Stack depths and verdicts of the open elements that declare a font size.
        self.fonts: list[tuple[int, bool]] = []
        self.pre = 0

    def _pop_to(self, index: int) -> None:
        for tag, hides in self.stack[index:]:
            self.hidden -= hides
            self.pre -= tag == "pre"
        del self.stack[index:]
        while self.fonts and self.fonts[-1][0] >= index:
            self.fonts.pop()

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
        if (font := _font_hides(attrs)) is not None:
            self.fonts.append((len(self.stack), font))
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
        if self.hidden or (self.fonts and self.fonts[-1][1]):
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
