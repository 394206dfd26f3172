"""Every URL pattern of the project, enumerated from the URLconf.

The CSRF, CSP and isolation tests iterate over this list, so a view added later
is covered without anyone remembering to add it to a test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    name: str  # namespaced ("admin:index"), or "" for unnamed patterns
    pattern: str  # the joined pattern, as Django prints it
    callback: Callable[..., Any] = field(compare=False)
    params: tuple[str, ...] = ()
    _pieces: tuple[tuple[str, bool], ...] = field(default=(), compare=False)

    @property
    def id(self) -> str:
        return self.pattern or "/"

    @property
    def is_admin(self) -> bool:
        return self.pattern.startswith("admin/")

    @property
    def csrf_exempt(self) -> bool:
        return bool(getattr(self.callback, "csrf_exempt", False))

    def url(self, values: Mapping[str, object] | None = None) -> str:
        """The path with `values` substituted for the parameters."""
        values = values or {}
        missing = [p for p in self.params if p not in values]
        if missing:
            raise KeyError(f"{self.id} needs values for {missing}")
        out = []
        for text, is_param in self._pieces:
            out.append(str(values[text]) if is_param else text)
        return "/" + "".join(out)


def _pieces(pattern: object) -> tuple[tuple[str, bool], ...]:
    """Split one pattern into literal text and parameter names."""
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        pieces: list[tuple[str, bool]] = []
        last = 0
        for match in _ROUTE_PARAM.finditer(route):
            pieces.append((route[last : match.start()], False))
            pieces.append((match.group("name"), True))
            last = match.end()
        pieces.append((route[last:], False))
        return tuple(p for p in pieces if p[0] or p[1])
    # A regex pattern: keep the literal text, replace named groups by their names.
    regex = str(pattern).lstrip("^").rstrip("$")
    pieces = []
    last = 0
    for match in re.finditer(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)", regex):
        pieces.append((regex[last : match.start()], False))
        pieces.append((match.group(1), True))
        last = match.end()
    pieces.append((regex[last:], False))
    return tuple((text.replace("\\", ""), is_param) if not is_param else (text, True) for text, is_param in pieces)


def _walk(patterns: list[Any], pieces: tuple[tuple[str, bool], ...] = (), namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        own = pieces + _pieces(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from _walk(entry.url_patterns, own, inner)
        elif isinstance(entry, URLPattern):
            params = tuple(text for text, is_param in own if is_param)
            joined = "".join(f"<{text}>" if is_param else text for text, is_param in own)
            yield Route(
                name=f"{namespace}{entry.name}" if entry.name else "",
                pattern=joined,
                callback=entry.callback,
                params=params,
                _pieces=own,
            )


def all_routes() -> list[Route]:
    """Every pattern, first match wins (a path served twice is listed once)."""
    seen: set[str] = set()
    routes = []
    for route in _walk(get_resolver().url_patterns):
        if route.pattern in seen:
            continue
        seen.add(route.pattern)
        routes.append(route)
    return routes
