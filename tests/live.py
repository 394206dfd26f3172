"""Real daphne servers for tests that cross process boundaries or drive a browser."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_database_url() -> str:
    """The URL of the database pytest-django created, for server subprocesses."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings.get("USER") or "postgres"
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{settings['NAME']}"


# A helper, not a test: keep pytest from collecting it where it is imported.
test_database_url.__test__ = False  # type: ignore[attr-defined]


class DaphneServer:
    def __init__(self, env: dict[str, str] | None = None, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = env or {}
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"jobtrail-daphne-{self.port}.log"

    def __enter__(self) -> DaphneServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        # The demo reads at full speed here unless a test asks otherwise (it paces itself for people).
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEMO_EMAILS_PER_SECOND": "0",
            **self.env,
        }
        environment.pop("PYTEST_CURRENT_TEST", None)
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "config.serve", "-b", "127.0.0.1", "-p", str(self.port), "config.asgi:application"],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        # Importing Django, Channels and the apps takes a few seconds on a quiet machine and
        # over 30 s on the shared 2-core one under load; a process that dies is caught at once.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"daphne exited: {self.log_path.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop(kill=True)  # not left running: the caller's `with` never reaches __exit__
        raise RuntimeError(f"daphne did not start: {self.log_path.read_text()[-3000:]}")

    def stop(self, kill: bool = False) -> None:
        if self.process is None:
            return
        if kill:
            self.process.kill()
        else:
            self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
        self.log.close()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")


def logged_in_client(base_url: str, session_cookie: str) -> httpx.Client:
    """An httpx client with a Django session cookie and a CSRF token, like a browser.

    Already open: close it (contextlib.closing).
    """
    client = httpx.Client(base_url=base_url, timeout=20, cookies={"sessionid": session_cookie})
    client.get("/processing")  # sets the csrftoken cookie
    token = client.cookies.get("csrftoken") or ""
    client.headers["X-CSRFToken"] = token
    client.headers["Referer"] = base_url + "/"
    return client
