"""Users who cancel their runs, in a process of their own.

`python -m bench.canceller` reads one JSON line `{"urls": [...], "sessions": [...]}`, logs
every session in on every server and answers `{"ready": n}`. Then, one JSON line per
cancel, user `user` cancels through server `server` (an index into `urls`, default 0):
* `{"user": i, "demo_pause": s}`: the user first starts a demo run and waits s seconds;
  the answer is the cancel's time from request to response, as the user's browser sees it;
* `{"user": i, "server": k, "run": id}`: the answer is the time from the request to the
  run's final status in the database, and that status. A cancel answers the final status
  once it is stored, so then the time to the answer is taken (an upper bound); otherwise
  the row is polled every 2 ms from the answer on. Not polled from the request on: with
  a core hogged, a loop querying the database 500 times a second (and the database's
  process answering it) took CPU from the very daphne being timed.
Answers are `{"seconds": …, "http": …, "status": …}`.

In its own process for the reason bench.probe is: the benchmark's fakes (the Gmail and
LLM servers, in the bench process) hold the bench process's interpreter lock while they
build their responses (multi-megabyte batch responses in section 7), and a cancel timed
from there waited for them before it saw its answer (docs/PERFORMANCE.md, section 7).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any

_JSON = {"Accept": "application/json"}
TERMINAL = {"cancelled", "finished", "failed", "interrupted"}


class Canceller:
    """The bench's side: one child process, driven one cancel at a time."""

    def __init__(self, urls: list[str], sessions: list[str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.canceller"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self._ask({"urls": urls, "sessions": sessions})

    def after_demo_start(self, user: int, pause: float) -> tuple[float, int]:
        """User `user` starts a demo run and cancels it `pause` s later: (seconds to the answer, HTTP status)."""
        answer = self._ask({"user": user, "demo_pause": pause})
        return float(answer["seconds"]), int(answer["http"])

    def until_stored(self, user: int, server: int, run_id: int) -> tuple[float, str]:
        """User `user` cancels run `run_id` through server `server`: (seconds to its final status, that status)."""
        answer = self._ask({"user": user, "server": server, "run": run_id})
        return float(answer["seconds"]), str(answer["status"])

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=60)

    def _ask(self, order: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps(order) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"bench.canceller exited ({self.process.wait(timeout=60)})")
        answer: dict[str, Any] = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer


def final_status(run_id: int, timeout: float = 15.0) -> tuple[float, str]:
    """When (monotonic) the run's status was first seen terminal, and that status."""
    from django.db import connection

    from processing.models import ProcessingRun

    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            status = ProcessingRun.objects.filter(pk=run_id).values_list("status", flat=True).first()
            if status in TERMINAL:
                return time.monotonic(), str(status)
            time.sleep(0.002)
        return float("nan"), "still started"
    finally:
        connection.close()


def _answered_status(answer: Any) -> str:
    try:
        return str(answer.json().get("status") or "")
    except ValueError:
        return ""


def main() -> None:
    from bench.harness import setup_django
    from tests.live import logged_in_client

    def say(answer: dict[str, Any]) -> None:
        print(json.dumps(answer), flush=True)

    setup_django(migrate=False)
    first = json.loads(sys.stdin.readline())
    clients = [[logged_in_client(url, session) for session in first["sessions"]] for url in first["urls"]]
    say({"ready": len(first["sessions"])})
    try:
        for line in sys.stdin:
            order = json.loads(line)
            client = clients[int(order.get("server", 0))][int(order["user"])]
            if "demo_pause" in order:
                started = client.post("/fetch-emails", data={"source": "demo"}, headers=_JSON)
                if started.status_code != 200:
                    say({"error": f"demo start answered {started.status_code}: {started.text[:200]}"})
                    continue
                time.sleep(float(order["demo_pause"]))
            if "run" in order:
                sent = time.monotonic()
                answer = client.post("/cancel-fetch-emails", headers=_JSON)
                answered = time.monotonic()
                status = _answered_status(answer)
                if status in TERMINAL:
                    # Both cancel paths answer a final status only once it is stored (the
                    # run's own final row, or the database read by the daphne that was
                    # asked): stored before the answer left, so this is an upper bound.
                    say({"seconds": answered - sent, "http": answer.status_code, "status": status})
                    continue
                seen, status = final_status(int(order["run"]))
                say({"seconds": seen - sent, "http": answer.status_code, "status": status})
            else:
                sent = time.monotonic()
                answer = client.post("/cancel-fetch-emails", headers=_JSON)
                say({"seconds": time.monotonic() - sent, "http": answer.status_code, "status": ""})
    finally:
        for row in clients:
            for client in row:
                client.close()


if __name__ == "__main__":
    main()
