"""Throttles for anonymous and authenticated use; 429 with Retry-After when exceeded.

DRF's throttles read their rates once, at import. These read REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
on every request instead, so settings (and tests' override_settings) take effect without a restart
dance. The counters live in the default cache.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle


class _RatesFromSettings:
    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_RatesFromSettings, AnonRateThrottle):
    """Anonymous requests, per client address (scope "anon")."""


class UserThrottle(_RatesFromSettings, UserRateThrottle):
    """Authenticated requests, per user (scope "user")."""


class ScopedThrottle(_RatesFromSettings, ScopedRateThrottle):
    """A view with ``throttle_scope = "x"`` is also limited by the rate named "x" (e.g. costly writes)."""

    def allow_request(self, request, view) -> bool:
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope or self.get_rate() is None:
            return True
        return super().allow_request(request, view)
