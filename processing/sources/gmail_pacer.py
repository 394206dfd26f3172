"""Keeping one user's Gmail requests within Google's per-user quota.

Gmail charges every method in quota units (messages.get 5, messages.list 5, history.list 2,
getProfile 1, attachments.get 5; a batch request costs the sum of its parts) and allows
250 units per user per second as a moving average, answering 429 (or 403)
rateLimitExceeded above it. A run that bursts above the quota pays for it in back-offs of
seconds; a run paced just under it never waits for Gmail.

One QuotaPacer per user and process, shared by all of that user's runs and threads: a
token bucket that refills at `rate` units/s and holds at most `burst` units (a short burst
is free, a long one is paced). A request takes its units before it is sent. A rate-limit
answer means something else spends this user's quota too (another process, another app),
so the rate drops by a third and the bucket empties; every request that goes through wins
a little of it back, up to the configured rate.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

#: Quota units per Gmail method (developers.google.com/workspace/gmail/api/reference/quota).
UNITS = {
    "messages.get": 5,
    "messages.list": 5,
    "messages.attachments.get": 5,
    "history.list": 2,
    "getProfile": 1,
}
#: The rate never drops below this share of the configured one, however many 429s.
MIN_SHARE = 0.1
#: Each request that goes through gives back this share of the configured rate.
RECOVERY_SHARE = 0.01


class QuotaPacer:
    def __init__(self, rate: float, burst: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_rate = rate
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._tokens = burst
        self._stamp = clock()
        self._lock = threading.Lock()
        #: Rate-limit answers seen (for logs and the benchmark).
        self.limited = 0

    def _refill(self, now: float) -> None:
        self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    def reserve(self, units: float) -> float:
        """Take `units`, returning how long to wait before sending (0: send now).

        Units beyond the bucket are borrowed: the bucket goes negative and later requests
        wait for it, so a request larger than the burst is still paced, never refused.
        """
        with self._lock:
            now = self._clock()
            self._refill(now)
            self._tokens -= units
            return max(0.0, -self._tokens / self.rate)

    def acquire(self, units: float, sleep: Callable[[float], None]) -> None:
        """Wait (with `sleep`, which may raise to stop) until `units` may be spent."""
        wait = self.reserve(units)
        if wait > 0:
            sleep(wait)

    def throttled(self) -> None:
        """Gmail answered rateLimitExceeded: slow down, and start from an empty bucket."""
        with self._lock:
            self.limited += 1
            self._refill(self._clock())
            self.rate = max(self.max_rate * MIN_SHARE, self.rate * 2 / 3)
            self._tokens = min(self._tokens, 0.0)

    def succeeded(self) -> None:
        with self._lock:
            if self.rate < self.max_rate:
                self.rate = min(self.max_rate, self.rate + self.max_rate * RECOVERY_SHARE)


_pacers: dict[int, QuotaPacer] = {}
_pacers_lock = threading.Lock()


def pacer_for(user_id: int, rate: float, burst: float) -> QuotaPacer:
    """The process's pacer of this user (created on first use; a changed setting replaces it)."""
    with _pacers_lock:
        pacer = _pacers.get(user_id)
        if pacer is None or pacer.max_rate != rate or pacer.burst != burst:
            pacer = _pacers[user_id] = QuotaPacer(rate, burst)
        return pacer
