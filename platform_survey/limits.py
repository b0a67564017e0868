"""The one limiter behind every limit: sign-in lockout, sign-ups, evaluation starts and the API.

Built on django-ratelimit's ``get_usage`` (fixed windows, one counter per key and window,
``cache.add`` then ``cache.incr``), with its counters in the ``limits`` cache (settings.CACHES):
Redis when ``REDIS_URL`` is set, else the database cache with an atomic ``incr``
(platform_survey/cache_backends.py). Either way the count is shared by every worker and every
server that uses the same store, and increments are atomic, so concurrent requests cannot
exceed a limit. Pages are cached in each process's own memory ("default"), never in this store,
so no amount of page traffic can evict a counter.
"""

from __future__ import annotations

import contextlib
import hashlib
import socket
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django_ratelimit import ALL
from django_ratelimit.core import EXPIRATION_FUDGE, _get_window, _make_cache_key, get_usage

CACHE = "limits"


@dataclass(frozen=True)
class Usage:
    count: int
    limit: int
    retry_after: int  # seconds until the window ends
    failed: bool = False  # the store could not be reached: limits fail closed (django-ratelimit's default)

    @property
    def exceeded(self) -> bool:
        return self.failed or self.count > self.limit


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:40]


def normalise_username(username: str) -> str:
    """The username as sign-in matches it: NFKC (what Django's auth forms apply to the typed name)
    and case-folded, so ``ｃarol`` (full-width c), ``CAROL`` and ``carol`` are one counter."""
    return unicodedata.normalize("NFKC", username or "").strip().casefold()


def usage(group: str, value: str, limit: int, period: int, *, increment: bool) -> Usage:
    """Count (``increment``) or just read the counter for ``value`` in ``group``'s current window.

    Reading goes through django-ratelimit's ``get_usage``. Counting uses its windows and keys too,
    but in one round trip to the store (``count``, which both stores of platform_survey/
    cache_backends.py have) instead of get_usage's two (``add``, then ``incr`` once the key exists):
    every API request counts at least one window, and the round trip was most of what a cached
    read cost."""
    key_value = _digest(value)
    if not increment:
        result = get_usage(None, group=group, key=lambda _group, _request: key_value, rate=(limit, period),
                           increment=False)  # fmt: skip
        if result is None:  # RATELIMIT_ENABLE = False
            return Usage(0, limit, 0)
        if result["limit"] == 0 and result["should_limit"]:
            return Usage(0, limit, 5, failed=True)
        return Usage(int(result["count"]), limit, max(1, int(result["time_left"])))
    if not enabled():
        return Usage(0, limit, 0)
    window = _get_window(key_value, period)
    key = _make_cache_key(group, window, (limit, period), key_value, ALL)
    try:
        count = caches[CACHE].count(key, period + EXPIRATION_FUDGE)
    except (ValueError, socket.gaierror):  # what get_usage treats as an unreachable store
        count = None
    if count is None:
        if getattr(settings, "RATELIMIT_FAIL_OPEN", False):
            return Usage(0, limit, 0)
        return Usage(0, limit, 5, failed=True)
    return Usage(int(count), limit, max(1, window - int(time.time())))


def reset(group: str, value: str, limit: int, period: int) -> None:
    key_value = _digest(value)
    window = _get_window(key_value, period)
    caches[CACHE].delete(_make_cache_key(group, window, (limit, period), key_value, ALL))


def release(group: str, value: str, limit: int, period: int) -> None:
    """Give back one count (a reservation that was not used)."""
    key_value = _digest(value)
    window = _get_window(key_value, period)
    with contextlib.suppress(ValueError):  # the window ended meanwhile: nothing to give back
        caches[CACHE].decr(_make_cache_key(group, window, (limit, period), key_value, ALL))


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, which gunicorn sets from the proxy's X-Forwarded-For
    only when the proxy is trusted (TRUSTED_PROXY / forwarded_allow_ips); see settings and
    gunicorn.conf.py. With API_NUM_PROXIES > 0 the DRF rule (the right entry of X-Forwarded-For)
    applies, as before."""
    from rest_framework.throttling import BaseThrottle

    return BaseThrottle().get_ident(request)


def enabled() -> bool:
    return getattr(settings, "RATELIMIT_ENABLE", True)
