"""`make run` for a newcomer: only the runtime packages, and "running at" only once it serves."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.live import ROOT, free_port

DEV_TOOLS = ("pytest", "playwright", "mypy", "ruff", "hypothesis", "import-linter", "pip-tools")


def _pinned(lock: Path) -> set[str]:
    return {match.group(1).lower() for match in re.finditer(r"(?m)^([A-Za-z0-9_.-]+)==", lock.read_text())}


def test_it_installs_only_the_runtime_packages_for_make_run(tmp_path: Path) -> None:
    # A fresh clone: no .venv yet. `make -n` prints what `make run` would do.
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    plan = subprocess.run(["make", "-n", "run"], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    installs = [line for line in plan.splitlines() if "pip install" in line]
    assert installs, plan
    assert all("-r requirements.txt" in line for line in installs), installs
    assert "requirements-dev.txt" not in plan
    assert not _pinned(ROOT / "requirements.txt") & set(DEV_TOOLS)
    # `make test` adds the tools on top.
    plan = subprocess.run(["make", "-n", "test"], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert "-r requirements-dev.txt" in plan
    assert set(DEV_TOOLS) <= _pinned(ROOT / "requirements-dev.txt")


def _run_local(port: int, database: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "DATABASE_URL": f"sqlite:///{database}",
        "DEMO_EMAILS_PER_SECOND": "0",
    }
    for name in ("DJANGO_SETTINGS_MODULE", "PYTEST_CURRENT_TEST", "REDIS_URL"):
        env.pop(name, None)
    return subprocess.Popen(
        ["scripts/run_local.sh"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def test_it_says_the_port_is_taken_instead_of_running(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _run_local(port, tmp_path / "db.sqlite3")
        out, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert "running at" not in out
    assert f"cannot listen on 127.0.0.1:{port}" in err
    assert f"make run PORT={port + 1}" in err
    assert not (tmp_path / "db.sqlite3").exists()  # stopped before migrating


@pytest.mark.timeout(180)
def test_it_prints_running_at_only_once_the_server_answers(tmp_path: Path) -> None:
    port = free_port()
    process = _run_local(port, tmp_path / "db.sqlite3")
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 150
        for line in process.stdout:
            if "running at" in line:
                # Printed after the server answered: it answers now, at once.
                assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200
                assert line.strip() == f"Jobtrail is running at http://127.0.0.1:{port}/"
                break
            assert time.monotonic() < deadline, "make run never said it was running"
        else:
            errors = process.stderr.read() if process.stderr else ""
            raise AssertionError(f"the script ended ({process.wait()}): {errors}")
        assert "Demo login: demo@example.com / jobtrail-demo" in process.stdout.readline()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
