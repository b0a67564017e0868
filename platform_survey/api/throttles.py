"""Throttles for anonymous and authenticated use; 429 with Retry-After when exceeded.

DRF's own throttles keep a log of every request's time per client and rewrite it on each request,
in the process's own cache: per worker (2 workers allowed twice the rate) and evictable by page
traffic. These count on the project's one limiter (platform_survey/limits.py: django-ratelimit's
fixed windows, one atomic counter per client and window in the shared ``limits`` store — Redis or
the database cache), so a rate holds across every worker and server: constant cost per request,
and a client can at most reach twice its rate across a window boundary.

They read REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] on every request (DRF reads them once, at
import), so settings and tests' override_settings take effect without a restart.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

from platform_survey import limits


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
        usage = limits.usage(f"api:{self.scope}", key, self.num_requests, self.duration, increment=True)
        self._wait = usage.retry_after
        return not usage.exceeded

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
