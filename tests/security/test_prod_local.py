"""`make prod-local`: the production configuration on loopback (scripts/prod_local.sh).

Must hold: a cancel sent to either daphne process stops a run owned by the other.
Runs only against the real local PostgreSQL and Redis; in CI they are required.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
import redis

from tests.fakes.openai_server import FakeOpenAIServer
from tests.live import ROOT, free_port

pytestmark = pytest.mark.slow

POSTGRES = os.environ.get("PROD_LOCAL_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("PROD_LOCAL_REDIS", "redis://127.0.0.1:6379")
REDIS_DB = 2
DEMO = ("demo@example.com", "jobtrail-demo")


def _services_reachable() -> str:
    """Empty when PostgreSQL and Redis answer, else why not."""
    try:
        with psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3):
            pass
    except psycopg.OperationalError as error:
        return f"PostgreSQL at {POSTGRES}: {error}"
    try:
        redis.Redis.from_url(f"{REDIS}/{REDIS_DB}", socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return f"Redis at {REDIS}: {error}"
    return ""


@dataclass
class ProdLocal:
    process: subprocess.Popen[str]
    urls: list[str]
    pids: list[int]
    database: str
    output: list[str]

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with psycopg.connect(f"{POSTGRES}/{self.database}", autocommit=True) as connection:
            return connection.execute(sql, params).fetchall()  # type: ignore[arg-type]


def _read_until_ready(process: subprocess.Popen[str], timeout: float) -> list[str]:
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                raise AssertionError("prod_local.sh exited:\n" + "".join(lines))
            continue
        lines.append(line)
        if "Ctrl-C stops both processes" in line:
            return lines
    raise AssertionError("prod_local.sh did not get ready:\n" + "".join(lines))


@pytest.fixture
def llm() -> Iterator[FakeOpenAIServer]:
    # Slow enough that a run of the demo mailbox is still going when the cancel arrives.
    with FakeOpenAIServer(latency=0.15) as server:
        yield server


@pytest.fixture
def prod_local(tmp_path: Path, llm: FakeOpenAIServer) -> Iterator[ProdLocal]:
    problem = _services_reachable()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"make prod-local needs PostgreSQL and Redis, and CI provides them: {problem}")
        pytest.skip(f"PostgreSQL and Redis are needed: {problem}")
    database = f"jobtrail_prod_local_test_{uuid.uuid4().hex[:8]}"
    prefix = f"jobtrail-test-{uuid.uuid4().hex[:8]}"
    ports = [free_port(), free_port()]
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "DATABASE_", "REDIS_"))
    }
    environment.update(
        PYTHON=sys.executable,  # its folder also holds daphne
        CLASSIFIER="llm",
        OPENAI_BASE_URL=llm.url,
        OPENAI_API_KEY="test-key",
        RULES_SHORTCUT="false",
        LLM_CONCURRENCY="2",
        CHANNEL_PREFIX=prefix,
        CACHE_PREFIX=prefix,
    )
    with (tmp_path / "stderr.log").open("w") as stderr_log:
        process = subprocess.Popen(
            ["bash", "scripts/prod_local.sh", "--ports", ",".join(map(str, ports)), "--database", database,
             "--redis-db", str(REDIS_DB), "--env-file", str(tmp_path / "prod-local.env"),
             "--postgres", POSTGRES, "--redis", REDIS],
            cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=stderr_log, text=True,
        )  # fmt: skip
        try:
            try:
                lines = _read_until_ready(process, timeout=120)
            except AssertionError as error:
                raise AssertionError(f"{error}\n{(tmp_path / 'stderr.log').read_text()[-4000:]}") from None
            found = re.findall(r"Jobtrail process \d: (http://127\.0\.0\.1:\d+)/ \(pid (\d+)\)", "".join(lines))
            assert [url for url, _ in found] == [f"http://127.0.0.1:{port}" for port in ports], lines
            yield ProdLocal(process, [u for u, _ in found], [int(p) for _, p in found], database, lines)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            client = redis.Redis.from_url(f"{REDIS}/{REDIS_DB}")
            for key in client.scan_iter(f"{prefix}*"):
                client.delete(key)


def _login(url: str) -> httpx.Client:
    """A browser-like session: the real login form, then the CSRF header htmx would send."""
    http = httpx.Client(base_url=url, timeout=20)
    http.get("/accounts/login/")
    token = http.cookies["csrftoken"]
    answer = http.post("/accounts/login/", data={"login": DEMO[0], "password": DEMO[1], "csrfmiddlewaretoken": token})
    assert answer.status_code == 302, answer.text[:2000]
    http.headers["X-CSRFToken"] = http.cookies["csrftoken"]
    http.headers["Accept"] = "application/json"
    return http


def _same_session(http: httpx.Client, url: str) -> httpx.Client:
    other = httpx.Client(base_url=url, timeout=20, cookies=dict(http.cookies.items()))
    other.headers.update({"X-CSRFToken": http.headers["X-CSRFToken"], "Accept": "application/json"})
    return other


def _start_and_cancel_elsewhere(
    env: ProdLocal, llm: FakeOpenAIServer, start_on: httpx.Client, cancel_on: httpx.Client, owner_pid: int
) -> None:
    before = len(llm.requests)
    started = start_on.post("/fetch-emails", data={"source": "demo"})
    assert started.status_code == 200, started.text
    run_id = started.json()["run_id"]
    deadline = time.monotonic() + 30
    while len(llm.requests) < before + 4:  # the run is classifying
        assert time.monotonic() < deadline, "the run made no LLM requests"
        time.sleep(0.05)
    answer = cancel_on.post("/cancel-fetch-emails")
    answered_at = time.monotonic()
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["run_id"], body["status"]) == (run_id, "cancelled")
    [(status, owner, processed, total)] = env.query(
        "SELECT status, owner, processed_emails, total_emails FROM processing_processingrun WHERE id = %s", run_id
    )
    assert status == "cancelled"
    assert f":{owner_pid}:" in owner  # owned by the other process
    assert body["processed_emails"] == processed < total
    [(stored,)] = env.query("SELECT count(*) FROM dashboard_email WHERE run_id = %s", run_id)
    assert processed - stored >= 0
    time.sleep(0.3)
    assert llm.count_started_after(answered_at) == 0  # the owner really stopped


def test_it_cancels_a_run_owned_by_either_process_through_the_other(
    prod_local: ProdLocal, llm: FakeOpenAIServer
) -> None:
    first, second = prod_local.urls
    _assert_production_settings(first)
    on_first = _login(first)
    on_second = _same_session(on_first, second)
    try:
        _start_and_cancel_elsewhere(prod_local, llm, on_first, on_second, owner_pid=prod_local.pids[0])
        # The reverse, which also resumes: messages stored by the first run are skipped.
        _start_and_cancel_elsewhere(prod_local, llm, on_second, on_first, owner_pid=prod_local.pids[1])
    finally:
        on_first.close()
        on_second.close()
    runs = prod_local.query("SELECT status, skipped_emails FROM processing_processingrun ORDER BY id")
    assert [status for status, _ in runs] == ["cancelled", "cancelled"]
    assert runs[1][1] > 0

    # Ctrl-C / SIGTERM stops both daphne processes.
    prod_local.process.send_signal(signal.SIGTERM)
    assert prod_local.process.wait(timeout=30) == 0
    for pid in prod_local.pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def _assert_production_settings(url: str) -> None:
    http = httpx.Client(base_url=url, timeout=20)
    try:
        page = http.get("/accounts/login/")
        assert page.status_code == 200
        assert "script-src 'self'" in page.headers["content-security-policy"]
        # collectstatic ran: hashed static file names from the manifest storage.
        assert re.search(r"/static/css/jobtrail\.[0-9a-f]{12}\.css", page.text)
        missing = http.get("/no-such-page")
        assert missing.status_code == 404
        assert "Traceback" not in missing.text
        assert "DEBUG" not in missing.text
    finally:
        http.close()
