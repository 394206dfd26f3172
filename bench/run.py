"""Jobtrail's benchmarks: one invocation, one table.

    python -m bench.run                 # everything, full size; writes docs/PERFORMANCE.md
    python -m bench.run --quick         # smaller sizes, under 3 minutes; prints only
    python -m bench.run --only cancel   # one section (repeatable); prints only
    python -m bench.run --quick --out /tmp/perf.md

Each section runs in its own worker process (bench.worker) with its own fresh
database and settings; the figures of one invocation all come from that
invocation, and every ratio is computed within it. The loopback fakes of tests/fakes
stand in for Gmail (50 ms per HTTP request) and the LLM (400 ms ± 50 ms).

PostgreSQL and Redis are needed for the cross-process cancel and the 20-run event
loop section (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres,
is used to create and drop a `jobtrail_bench` database; BENCH_REDIS_URL, default
redis://127.0.0.1:6379/0). Without them those sections are reported as not measured.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.harness import GMAIL_LATENCY, LLM_JITTER, LLM_LATENCY, SCALES, Scale
from bench.report import Row, document, machine_description, text_table, write_document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "docs" / "PERFORMANCE.md"
BENCH_DATABASE = "jobtrail_bench"
#: A throwaway Fernet key: the bench's databases are dropped afterwards.
BENCH_FERNET_KEY = "am9idHJhaWwtYmVuY2gtdGhyb3dhd2F5LWtleS0zMmI="


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    database: str  # "sqlite" or "postgres"
    redis: bool = False


SECTIONS = [
    Section("tokens", "6. Tokens", "sqlite"),
    Section("throughput", "1. Throughput", "sqlite"),
    Section("cancel", "2. Cancel, in one process", "sqlite"),
    Section("cancel-cross", "2. Cancel, across processes", "postgres", redis=True),
    Section("loop", "3. Event loop, 20 runs", "postgres", redis=True),
    Section("dashboard", "4. Dashboard", "postgres"),
    Section("dashboard-sqlite", "4. Dashboard", "sqlite"),
    Section("memory", "5. Memory", "sqlite", redis=True),
    Section("hostile", "7. Pathological mail", "sqlite"),
    Section("quota", "8. Gmail quota", "sqlite"),
    Section("rules-mbox", "9. Rules-only mbox run", "sqlite", redis=True),
    Section("sharing", "10. Sharing, 20 runs on one daphne", "postgres", redis=True),
    Section("sharing-cross", "10. Sharing, two daphnes", "postgres", redis=True),
]
#: The order of the table (sections run cheapest-first so a broken harness fails fast).
TABLE_ORDER = [
    "throughput",
    "cancel",
    "cancel-cross",
    "loop",
    "dashboard",
    "dashboard-sqlite",
    "memory",
    "tokens",
    "hostile",
    "quota",
    "rules-mbox",
    "sharing",
    "sharing-cross",
]


def _settings_variables() -> set[str]:
    """Every environment variable config/settings.py reads: the bench sets its own."""
    text = (ROOT / "config" / "settings.py").read_text()
    return set(re.findall(r'env_\w+\(\s*"([A-Z0-9_]+)"', text))


class Services:
    """PostgreSQL and Redis for the sections that need them."""

    def __init__(self, *, postgres: bool, redis: bool) -> None:
        self.postgres_admin = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
        self.redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
        self.prefix = f"jobtrail-bench-{os.getpid()}"
        self.postgres_version = self.redis_version = ""
        # Only checked when a chosen section needs them.
        self.postgres_problem = self._check_postgres() if postgres else "not needed"
        self.redis_problem = self._check_redis() if redis else "not needed"

    @property
    def database_url(self) -> str:
        return self.postgres_admin.rsplit("/", 1)[0] + f"/{BENCH_DATABASE}"

    def _check_postgres(self) -> str:
        try:
            import psycopg

            with psycopg.connect(self.postgres_admin, connect_timeout=3) as connection:
                row = connection.execute("SHOW server_version").fetchone()
                self.postgres_version = f"PostgreSQL {row[0] if row else '?'}"
        except Exception as error:
            return f"PostgreSQL unreachable at {self.postgres_admin} ({type(error).__name__})"
        return ""

    def _check_redis(self) -> str:
        try:
            import redis

            client = redis.Redis.from_url(self.redis_url, socket_connect_timeout=2)
            self.redis_version = f"Redis {client.info('server').get('redis_version', '?')}"
        except Exception as error:
            return f"Redis unreachable at {self.redis_url} ({type(error).__name__})"
        return ""

    def fresh_database(self) -> None:
        import psycopg

        with psycopg.connect(self.postgres_admin, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {BENCH_DATABASE}")

    def drop_database(self) -> None:
        import psycopg

        with psycopg.connect(self.postgres_admin, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")

    def clear_redis(self) -> None:
        import redis

        client = redis.Redis.from_url(self.redis_url, socket_connect_timeout=2)
        for key in client.scan_iter(match=f"*{self.prefix}*", count=1000):
            client.delete(key)


def _environment(section: Section, services: Services, workdir: Path) -> dict[str, str]:
    controlled = _settings_variables()
    env = {name: value for name, value in os.environ.items() if name not in controlled}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        LOG_LEVEL="warning",
        FIELD_ENCRYPTION_KEY=BENCH_FERNET_KEY,
        BENCH_WORKDIR=str(workdir),
        PYTHONUNBUFFERED="1",
    )
    if section.database == "postgres":
        env["DATABASE_URL"] = services.database_url
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / f'{section.name}.sqlite3'}"
    if section.redis:
        env.update(REDIS_URL=services.redis_url, CHANNEL_PREFIX=services.prefix, CACHE_PREFIX=services.prefix)
    return env


def _run_section(section: Section, scale: Scale, services: Services, workdir: Path) -> list[Row]:
    problem = ""
    if section.database == "postgres":
        problem = services.postgres_problem
    if section.redis and not problem:
        problem = services.redis_problem
    if problem:
        return [Row(section.title, "whole section", "not measured", target="runs", met=False, note=problem)]
    if section.database == "postgres":
        services.fresh_database()
    out = workdir / f"{section.name}.json"
    command = [sys.executable, "-m", "bench.worker", section.name, "--scale", scale.name, "--out", str(out)]
    tail: deque[str] = deque(maxlen=8)
    started = time.monotonic()
    process = subprocess.Popen(
        command, cwd=ROOT, env=_environment(section, services, workdir), stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    for line in process.stderr:
        sys.stderr.write(line)
        tail.append(line.rstrip())
    code = process.wait()
    print(f"  ({section.name}: {time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)
    if code != 0 or not out.exists():
        last = next((line for line in reversed(tail) if line.strip()), f"exit status {code}")
        return [Row(section.title, "whole section", "failed", target="runs", met=False, note=last[:300])]
    return [Row.from_json(item) for item in json.loads(out.read_text())]


def _load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except (OSError, IndexError):
        return "unknown"


TEMPLATE = """# Performance

`make bench` measures Jobtrail against loopback fakes of Gmail and of an
OpenAI-compatible LLM (tests/fakes) with realistic latency, and prints one table;
`make bench-quick` runs the same sections at smaller sizes in under three minutes.
The full run rewrites the generated block below; the notes after it are kept.

## How to reproduce

```
make bench            # python -m bench.run  (writes this file)
make bench-quick      # python -m bench.run --quick  (prints only)
.venv/bin/python -m bench.run --only throughput --only cancel   # some sections
```

PostgreSQL and Redis must be running for the cross-process cancel and the event
loop section (`BENCH_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`,
creates and drops a `jobtrail_bench` database; `BENCH_REDIS_URL`, default
`redis://127.0.0.1:6379/0`). Every other section uses a throwaway SQLite file.

## Latest results

{generated}

## Notes
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run Jobtrail's benchmarks and print one table.")
    parser.add_argument("--quick", action="store_true", help="smaller sizes (under 3 minutes)")
    parser.add_argument(
        "--only", action="append", choices=[s.name for s in SECTIONS], help="run only this section (repeatable)"
    )
    parser.add_argument(
        "--out", type=Path, help=f"write the table here (default: {DEFAULT_OUT.relative_to(ROOT)} for a full run)"
    )
    parser.add_argument("--scale", choices=sorted(SCALES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    scale = SCALES[args.scale or ("quick" if args.quick else "full")]
    chosen = [s for s in SECTIONS if not args.only or s.name in args.only]
    out = args.out or (DEFAULT_OUT if scale.name == "full" and not args.only else None)

    started = time.monotonic()
    load_before = _load_average()
    if load_before.replace(".", "", 1).isdigit() and float(load_before) > (os.cpu_count() or 1) / 2:
        print(f"warning: the machine is busy (load average {load_before}); figures will be slower", file=sys.stderr)
    services = Services(postgres=any(s.database == "postgres" for s in chosen), redis=any(s.redis for s in chosen))
    rows: dict[str, list[Row]] = {}
    with tempfile.TemporaryDirectory(prefix="jobtrail-bench-") as tmp:
        try:
            for section in chosen:
                print(f"== {section.title}", file=sys.stderr, flush=True)
                rows[section.name] = _run_section(section, scale, services, Path(tmp))
        finally:
            if not services.postgres_problem:
                services.drop_database()
            if not services.redis_problem:
                services.clear_redis()
    duration = time.monotonic() - started
    table = [row for name in TABLE_ORDER for row in rows.get(name, [])]
    print()
    print(text_table(table))
    missed = sum(1 for row in table if row.met is False)
    print(f"\n{sum(1 for row in table if row.met)} targets met, {missed} missed; {duration:.0f} s")
    if out is not None:
        command = "python -m bench.run" + (" --quick" if args.quick else "")
        # Other work on the machine slows every figure: say how busy it was.
        extra = {"Load average (1 min) at start / end": f"{load_before} / {_load_average()}"}
        if not services.postgres_problem:
            extra["PostgreSQL"] = services.postgres_version
        if not services.redis_problem:
            extra["Redis"] = services.redis_version
        configuration = [
            f"fake Gmail: {GMAIL_LATENCY * 1000:.0f} ms per HTTP request; fake LLM: "
            f"{LLM_LATENCY * 1000:.0f} ms ± {LLM_JITTER * 1000:.0f} ms per call (uniform)",
            f"scale `{scale.name}`: throughput {scale.emails} emails at 16, {scale.default_emails} at 8, "
            f"{scale.sequential_emails} sequential; {scale.cancels} cancels per variant; "
            f"{scale.concurrent_runs} concurrent runs (measured up to {scale.loop_seconds:.0f} s); dashboard "
            f"{scale.applications:,} applications / {scale.applications * scale.emails_per_application:,} emails, "
            f"memory {scale.memory_small:,} vs {scale.memory_large:,} emails, "
            f"rules-only mbox run {scale.rate_small:,} vs {scale.rate_large:,} emails",
            "databases: " + ", ".join(f"{s.name} {s.database}{' + Redis' if s.redis else ''}" for s in chosen),
        ]
        block = document(
            table,
            date=time.strftime("%Y-%m-%d %H:%M %Z"),
            command=command,
            duration=duration,
            machine=machine_description(extra),
            configuration=configuration,
        )
        write_document(out, block, TEMPLATE)
        print(f"wrote {out}")
    # A missed target is a result, reported above; a section that could not run is an error.
    return 2 if any(row.shown in ("failed", "not measured") for row in table) else 0


if __name__ == "__main__":
    sys.exit(main())
