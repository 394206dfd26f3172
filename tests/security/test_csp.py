"""Content-Security-Policy on every page, and no markup the policy would block.

The policy (config/settings.py) allows scripts from 'self' and with the per-request
nonce, styles from 'self' only. So a page must not contain an inline <script>
without the nonce, any on...= handler, any style= attribute or <style> element,
nor a javascript: URL — the browser would refuse them and the page would break
(or, worse, someone would relax the policy to make it work).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.security.conftest import World, route_values
from tests.security.routes import Route, all_routes

ROUTES = all_routes()
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "hx-get", "hx-post"}
# Scripts of these types are data, never executed: CSP does not apply to them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "text/template"}


def parse_policy(header: str) -> dict[str, list[str]]:
    policy: dict[str, list[str]] = {}
    for directive in header.split(";"):
        parts = directive.split()
        if parts:
            policy[parts[0].lower()] = parts[1:]
    return policy


class CSPAudit(HTMLParser):
    """Collects everything in a page that a strict CSP would block."""

    def __init__(self, nonce: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.problems: list[str] = []
        self.scripts = 0
        self._in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            if name.startswith(("hx-on", "data-hx-on")):
                self.problems.append(f"<{tag} {name}=...> htmx evaluates it as code")
            if name == "style":
                self.problems.append(f"<{tag} style={value!r}> inline style")
            if name in URL_ATTRIBUTES and value and value.strip().lower().replace(" ", "").startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}> javascript: URL")
        if tag == "style":
            self.problems.append("<style> element (style-src has no nonce)")
        if tag == "script":
            self.scripts += 1
            kind = (attributes.get("type") or "").lower()
            if attributes.get("src") is None and kind not in DATA_SCRIPT_TYPES:
                if not self.nonce or attributes.get("nonce") != self.nonce:
                    self.problems.append("inline <script> without the request's nonce")
            elif attributes.get("nonce") and attributes.get("nonce") != self.nonce:
                self.problems.append("<script> with a nonce that is not the header's")


def audit(response: HttpResponseBase) -> list[str]:
    """Problems with the response's policy and with its HTML."""
    header = response.get("Content-Security-Policy", "")
    if not header:
        return ["no Content-Security-Policy header"]
    policy = parse_policy(header)
    problems = []
    scripts = policy.get("script-src", policy.get("default-src", []))
    if not scripts:
        problems.append("no script-src or default-src directive")
    problems += [f"script-src allows {v}" for v in scripts if v in ("'unsafe-inline'", "'unsafe-eval'", "*")]
    problems += [f"style-src allows {v}" for v in policy.get("style-src", []) if v == "'unsafe-inline'"]
    if policy.get("object-src") != ["'none'"]:
        problems.append("object-src is not 'none'")
    if policy.get("frame-ancestors") != ["'none'"]:
        problems.append("frame-ancestors is not 'none'")
    nonces = [v[len("'nonce-") : -1] for v in scripts if v.startswith("'nonce-")]
    if "text/html" in response.get("Content-Type", ""):
        parser = CSPAudit(nonces[0] if nonces else None)
        content: bytes = getattr(response, "content", b"")
        parser.feed(content.decode(response.charset or "utf-8", "replace"))
        parser.close()
        problems += parser.problems
    return problems


def _audit_routes(http: Client, routes: list[Route], world: World, persona: str) -> list[str]:
    failures = []
    for route in routes:
        url = route.url(route_values(route, world))
        response = http.get(url)
        if response.streaming:
            continue  # file downloads (CSV) are not documents
        failures += [f"{persona} GET {url} ({response.status_code}): {problem}" for problem in audit(response)]
    return failures


# One test per persona over every route: the routes share their fixtures, which keeps
# this exhaustive check to a few seconds; the failure message lists every offender.
def test_it_sends_a_strict_policy_and_inert_markup_on_every_page_to_a_user(
    alice_world: World, alice_client: Client
) -> None:
    failures = _audit_routes(alice_client, [r for r in ROUTES if not r.is_admin], alice_world, "alice")
    assert not failures, "\n".join(failures)


def test_it_sends_a_strict_policy_and_inert_markup_on_every_admin_page_to_staff(
    alice_world: World, staff: User, staff_client: Client
) -> None:
    failures = _audit_routes(staff_client, [r for r in ROUTES if r.is_admin], alice_world, "staff")
    assert not failures, "\n".join(failures)


def test_it_sends_a_strict_policy_and_inert_markup_on_every_page_to_anonymous_visitors(
    alice_world: World, client: Client
) -> None:
    failures = _audit_routes(client, ROUTES, alice_world, "anonymous")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("url_name", "persona"),
    [
        ("account_login", "anonymous"),
        ("account_signup", "anonymous"),
        ("dashboard", "alice"),
        ("processing", "alice"),
        ("settings", "alice"),
        ("admin:index", "staff"),
        ("admin:dashboard_application_changelist", "staff"),
    ],
)
def test_it_loads_the_pages_scripts_with_the_nonce(
    url_name: str, persona: str, alice_world: World, alice_client: Client, staff_client: Client, client: Client
) -> None:
    http = {"anonymous": client, "alice": alice_client, "staff": staff_client}[persona]
    response = http.get(reverse(url_name))
    assert response.status_code == 200
    assert audit(response) == []
    parser = CSPAudit(None)
    parser.feed(response.content.decode())
    assert parser.scripts > 0  # the page has scripts, so the audit above looked at something


def test_it_catches_what_the_policy_would_block() -> None:
    # The auditor itself: a page with every kind of blocked markup is reported.
    page = HttpResponse(
        '<html><body onload="x()"><div style="color:red"></div><style>p{}</style>'
        '<a href="javascript:alert(1)">x</a><script>alert(1)</script>'
        '<script nonce="abc">ok()</script><script type="application/json">{}</script></body></html>'
    )
    page["Content-Security-Policy"] = "script-src 'self' 'nonce-abc'; object-src 'none'; frame-ancestors 'none'"
    problems = audit(page)
    assert len(problems) == 5, problems
    page["Content-Security-Policy"] = "script-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'"
    assert "script-src allows 'unsafe-inline'" in audit(page)
