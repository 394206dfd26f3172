"""A serving process imports what its runs need before it serves, not in the middle of a run.

An import holds the GIL for as long as it takes (and compiles the module when no bytecode
is cached): the Gmail client libraries imported by a run's first fetch stalled the event
loop, and with it every page and cancel of the process, for a few hundred milliseconds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from django.conf import settings

#: What the first run of each kind imports on its way (sources, LLM client, rules).
RUN_MODULES = [
    "processing.sources.gmail",
    "processing.sources.mbox",
    "googleapiclient.discovery",
    "googleapiclient.http",
    "openai.resources.chat.completions.completions",
    "jobmail.classify.rules.phrases",
]

_PROBE = """
import json, sys
import config.asgi  # what config.serve and daphne load before serving
print(json.dumps(sorted(sys.modules)))
"""


def test_the_asgi_application_loads_what_runs_import_before_serving() -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    env.pop("REDIS_URL", None)
    probe = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    loaded = set(json.loads(probe.stdout.strip().splitlines()[-1]))
    assert [module for module in RUN_MODULES if module not in loaded] == []
