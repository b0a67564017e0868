"""Throttles for anonymous and authenticated use; 429 with Retry-After when exceeded.

DRF's own throttles keep a log of every request's time per client and rewrite it on each request:
at 3,000 requests a minute that is a 3,000-entry list pickled in and out of the cache every time,
so a throttle costs more the busier the client is. These count per fixed window instead (one
integer per client and window, ``cache.incr``): constant cost, and a client can at most reach
twice its rate across a window boundary, which is fine for a limit meant to stop abuse.

They also read REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] on every request (DRF reads them once, at
import), so settings and tests' override_settings take effect without a restart. The counters
live in the default cache.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle


class _FixedWindowCounter:
    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        return self.count(self.key)

    def count(self, key: str) -> bool:
        """Count this request in the current window; True while the window's count is within the rate."""
        now = self.timer()
        window = int(now // self.duration)
        window_key = f"{key}:{window}"
        self._wait = (window + 1) * self.duration - now
        # add() starts the window at 0 unless it exists; incr() is then atomic within a process.
        self.cache.add(window_key, 0, self.duration + 1)
        try:
            count = self.cache.incr(window_key)
        except ValueError:  # the window expired between add() and incr()
            self.cache.set(window_key, 1, self.duration + 1)
            count = 1
        return count <= self.num_requests

    def wait(self) -> float:
        return self._wait


class AnonThrottle(_FixedWindowCounter, AnonRateThrottle):
    """Anonymous requests, per client address (scope "anon")."""


class UserThrottle(_FixedWindowCounter, UserRateThrottle):
    """Authenticated requests, per user (scope "user"); anonymous ones per address."""


class ScopedThrottle(_FixedWindowCounter, ScopedRateThrottle):
    """A view with ``throttle_scope = "x"`` is also limited by the rate named "x" (e.g. costly writes)."""

    def allow_request(self, request, view) -> bool:
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope or self.get_rate() is None:
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)
