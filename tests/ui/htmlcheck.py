"""Reading rendered HTML the way a browser would, to check what it would run."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "hx-get", "hx-post", "ws-connect", "data"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    depth: int


@dataclass
class Collector(HTMLParser):
    elements: list[Element] = field(default_factory=list)
    script_text: list[str] = field(default_factory=list)
    depth: int = 0
    in_script: bool = False

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {name: value or "" for name, value in attrs}, self.depth))
        if tag not in VOID:
            self.depth += 1
        self.in_script = tag == "script"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {name: value or "" for name, value in attrs}, self.depth))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.depth -= 1
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.script_text.append(data)


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    collector.close()
    return collector


def top_level(html: str) -> list[Element]:
    return [element for element in parse(html).elements if element.depth == 0]


def inertness_problems(html: str) -> list[str]:
    """Everything in `html` that could run script, load from elsewhere or restyle inline."""
    collector = parse(html)
    problems = [f"inline script: {text[:60]!r}" for text in collector.script_text]
    for element in collector.elements:
        # Our own scripts come from /static/; nothing else may load or run.
        own_script = element.tag == "script" and element.attrs.get("src", "").startswith("/static/")
        if element.tag in ("script", "iframe", "object", "embed", "base", "img", "frame") and not own_script:
            problems.append(f"<{element.tag} {element.attrs}>")
        for name, value in element.attrs.items():
            if name.startswith("on") or name.startswith("hx-on"):
                problems.append(f"event handler {name}={value!r} on <{element.tag}>")
            if name == "style":
                problems.append(f"inline style on <{element.tag}>")
            if name in URL_ATTRIBUTES and value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                problems.append(f"{name}={value!r} on <{element.tag}>")
    return problems
