"""daphne's access log (through config.serve) never shows query values: no OAuth code, no search terms."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from config.serve import redact_query
from tests.live import ROOT, free_port


def test_it_redacts_every_query_value_and_keeps_the_names() -> None:
    assert redact_query("/accounts/google/login/callback/?code=4%2F0Ab-secret&state=s3") == (
        "/accounts/google/login/callback/?code=[redacted]&state=[redacted]"
    )
    assert redact_query("/?q=Northwind+offer") == "/?q=[redacted]"
    assert redact_query("/processing") == "/processing"


def test_it_keeps_the_oauth_code_out_of_the_servers_access_log(tmp_path: Path) -> None:
    port, log = free_port(), tmp_path / "access.log"
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="true", DATABASE_URL=f"sqlite:///{tmp_path}/db")
    server = subprocess.Popen(
        [sys.executable, "-m", "config.serve", "-b", "127.0.0.1", "-p", str(port), "--access-log", str(log),
         "config.asgi:application"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(300):
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.TransportError:
                assert server.poll() is None, "the server exited"
                time.sleep(0.2)
        httpx.get(f"http://127.0.0.1:{port}/accounts/google/login/callback/?code=4/0Ab-very-secret&state=st8")
        httpx.get(f"http://127.0.0.1:{port}/healthz?q=private-search")
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text()
    assert "/accounts/google/login/callback/?code=[redacted]&state=[redacted]" in text
    assert "/healthz?q=[redacted]" in text
    for secret in ("very-secret", "st8", "private-search"):
        assert secret not in text
