"""`python -m config.serve [daphne options] config.asgi:application`: daphne, minus secrets in its access log.

daphne's access log prints each request's full URL. The Google sign-in callback carries
the OAuth authorisation `code` (and `state`) in its query string, and other pages carry
search terms: every query value is replaced by `[redacted]` before the line is written;
parameter names stay, so the log still shows which page and filters were asked for.
Everything else is plain daphne (same options, same behaviour).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, quote

from daphne.cli import CommandLineInterface
from daphne.server import Server

REDACTED = "[redacted]"


def redact_query(path: str) -> str:
    """'/cb/?code=secret&state=x' -> '/cb/?code=[redacted]&state=[redacted]'."""
    base, separator, query = path.partition("?")
    if not separator:
        return path
    names = [name for name, _ in parse_qsl(query, keep_blank_values=True)]
    if not names:
        return f"{base}?{REDACTED}"
    return base + "?" + "&".join(f"{quote(name, safe='')}={REDACTED}" for name in names)


class RedactingServer(Server):
    def log_action(self, protocol: str, action: str, details: dict[str, Any]) -> None:
        if isinstance(details.get("path"), str):
            details = {**details, "path": redact_query(details["path"])}
        super().log_action(protocol, action, details)


class JobtrailCommandLine(CommandLineInterface):
    server_class = RedactingServer


if __name__ == "__main__":
    JobtrailCommandLine.entrypoint()
