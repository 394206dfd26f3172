"""One section in its own process: `python -m bench.worker SECTION --scale quick --out rows.json`.

bench.run starts one worker per section with that section's environment (its own
database, channel layer and settings), so sections cannot disturb each other and
each starts from a fresh database.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.harness import SCALES, setup_django

#: section name -> ("module:function" taking a Scale and returning rows, needs a migrated database)
SECTIONS: dict[str, tuple[str, bool]] = {
    "tokens": ("bench.tokens:run", False),
    "throughput": ("bench.throughput:run", True),
    "cancel": ("bench.cancel:run_in_process", True),
    "cancel-cross": ("bench.cancel:run_cross_process", True),
    "loop": ("bench.loop:run", True),
    "dashboard": ("bench.dashboard:run", True),
    "dashboard-sqlite": ("bench.dashboard:run", True),
    "memory": ("bench.memory:run", True),
    "hostile": ("bench.hostile:run", True),
    "quota": ("bench.quota:run", True),
    "rules-mbox": ("bench.rules_rate:run", True),
    "sharing": ("bench.sharing:run", True),
    "sharing-cross": ("bench.sharing:run_cross", True),
}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("section", choices=sorted(SECTIONS))
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    target, migrate = SECTIONS[args.section]
    setup_django(migrate=migrate)
    module_name, _, function = target.partition(":")
    section = getattr(importlib.import_module(module_name), function)
    # The fakes, the status pollers and the HTTP clients run in this process. A full
    # garbage collection walks everything Django loaded (100-150 ms, measured), and one
    # that falls inside a measurement was counted as the server's time: a cancel's
    # "stored", or an LLM request the fake stamped as started after a cancel's answer
    # because its handler thread ran late. Frozen, those collections take ~15 ms.
    gc.collect()
    gc.freeze()
    rows = section(SCALES[args.scale])
    args.out.write_text(json.dumps([row.as_json() for row in rows], indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
