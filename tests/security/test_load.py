"""Load: one real daphne process, 20 concurrent runs and 50 websocket clients.

No request fails, the server logs no error, every run finishes, and every websocket
client receives its user's final status.
"""

from __future__ import annotations

import asyncio
import re
import time
from datetime import date, timedelta

import httpx
import pytest
from django.conf import settings
from django.test import Client
from websockets.asyncio.client import ClientConnection, connect

from accounts.models import User
from dashboard.models import Email
from processing.models import ProcessingRun, RunStatus
from tests.live import DaphneServer
from tests.live import test_database_url as live_database_url

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

USERS = 20
SOCKETS = 50
#: The demo mailbox spans months; its last weeks keep 20 runs quick on a 2-core machine.
DAYS = 30
_STATUS = re.compile(r'id="run-state"[^>]*data-status="(\w+)"[^>]*data-run="(\d*)"')


def _sessions() -> list[tuple[int, str]]:
    sessions = []
    for index in range(USERS):
        user = User.objects.create_user(f"load{index}@example.com", "load-test-password")
        client = Client()
        client.force_login(user)
        sessions.append((user.pk, client.cookies["sessionid"].value))
    return sessions


async def _open_socket(base: str, session: str) -> ClientConnection:
    return await connect(
        base.replace("http://", "ws://") + "/ws/processing/",
        additional_headers={"Cookie": f"sessionid={session}"},
        origin=base,  # type: ignore[arg-type]
        open_timeout=20,
    )


async def _start(base: str, session: str) -> int:
    async with httpx.AsyncClient(base_url=base, timeout=30, cookies={"sessionid": session}) as http:
        await http.get("/processing")  # the csrftoken cookie, as a browser has it
        answer = await http.post(
            "/fetch-emails",
            data={"source": "demo", "start_date": (date.today() - timedelta(days=DAYS)).isoformat()},
            headers={"X-CSRFToken": http.cookies["csrftoken"], "Accept": "application/json"},
        )
        assert answer.status_code == 200, answer.text
        return int(answer.json()["run_id"])


async def _final_status(socket: ClientConnection, run_id: int, deadline: float) -> str:
    """Read fragments until this run's terminal status arrives ("timeout: <last seen>" if not)."""
    seen = "nothing"
    while True:
        try:
            message = await asyncio.wait_for(socket.recv(), timeout=max(0.1, deadline - time.monotonic()))
        except TimeoutError:
            return f"timeout: last saw {seen}"
        assert isinstance(message, str)
        match = _STATUS.search(message)
        assert match, message[:500]
        status, shown_run = match.groups()
        seen = f"{status} of run {shown_run or '-'}"
        if shown_run == str(run_id) and status != RunStatus.STARTED:
            return status


async def _exercise(base: str, sessions: list[tuple[int, str]]) -> tuple[dict[int, int], list[str]]:
    owners = [sessions[i % USERS] for i in range(SOCKETS)]
    sockets = await asyncio.gather(*(_open_socket(base, session) for _, session in owners))
    try:
        # Each socket first receives its page's current state (nothing processed yet).
        for socket in sockets:
            first = await asyncio.wait_for(socket.recv(), timeout=20)
            assert 'data-status="none"' in str(first)
        run_ids = await asyncio.gather(*(_start(base, session) for _, session in sessions))
        by_user = {user_id: run_id for (user_id, _), run_id in zip(sessions, run_ids, strict=True)}
        # Generous: this checks that every socket gets its final status, not how fast (bench/ does).
        deadline = time.monotonic() + 120
        finals = await asyncio.gather(
            *(
                _final_status(socket, by_user[user_id], deadline)
                for socket, (user_id, _) in zip(sockets, owners, strict=True)
            )
        )
    finally:
        await asyncio.gather(*(socket.close() for socket in sockets))
    return by_user, list(finals)


def test_it_serves_20_runs_and_50_websockets_on_one_process() -> None:
    sessions = _sessions()
    env = {"DATABASE_URL": live_database_url(), "CLASSIFIER": "rules", "LOG_LEVEL": "info"}
    if settings.REDIS_URL:
        env["REDIS_URL"] = settings.REDIS_URL
    with DaphneServer(env) as server:
        by_user, finals = asyncio.run(_exercise(server.url, sessions))
        log = server.output()
    unfinished = [final for final in finals if final != RunStatus.FINISHED]
    assert not unfinished, (unfinished, log[-6000:])
    runs = {run.user_id: run for run in ProcessingRun.objects.filter(pk__in=by_user.values())}
    assert len(runs) == USERS
    for user_id, run in runs.items():
        assert run.status == RunStatus.FINISHED, run.error_message
        assert run.total_emails
        assert run.processed_emails == run.total_emails
        assert Email.objects.filter(user_id=user_id).count() == run.stored_emails == run.total_emails
    assert len({run.total_emails for run in runs.values()}) == 1  # every user read the same mailbox
    for problem in ("Traceback", " ERROR ", "WARNING jobtrail"):
        assert problem not in log, log[-5000:]
    assert log.count('"POST /fetch-emails" 200') == USERS
