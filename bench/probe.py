"""A prober in its own process: `python -m bench.probe URL PATH PAUSE` loads URL+PATH every
PAUSE seconds until its standard input closes, then prints the response times as JSON.

In its own process so that the benchmark's fakes (in the bench process) never hold the
prober's interpreter lock and make the server look slower than it is.
"""

from __future__ import annotations

import json
import sys
import threading
import time

import httpx


def main(url: str, path: str, pause: float) -> None:
    stop = threading.Event()

    def wait_for_stdin() -> None:
        sys.stdin.read()
        stop.set()

    threading.Thread(target=wait_for_stdin, daemon=True).start()
    times: list[float] = []
    failures = 0
    with httpx.Client(base_url=url, timeout=60) as client:
        while not stop.is_set():
            started = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - started
            if response.status_code == 200:
                times.append(elapsed)
            else:
                failures += 1
            stop.wait(pause)
    print(json.dumps({"times": times, "failures": failures}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
