"""How many accounts and evaluations one client address may create through the pages per hour.

Signing up and starting an evaluation need no account (an anonymous evaluation lives at its
unguessable link), so without a limit a script could fill the database with rows. The API has its
throttles; these are the pages' equivalent: one counter per address, action and hour in the shared
cache (so it adds up across gunicorn workers), checked before creating and counted after. Past the
limit the form re-renders with a message, status 429 and Retry-After; nothing is created.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

from .login_throttle import client_address

WINDOW_SECONDS = 3600


def _limit(action: str) -> int:
    return {"signup": settings.SIGNUP_LIMIT_PER_HOUR, "evaluation": settings.EVALUATION_START_LIMIT_PER_HOUR}[action]


def _window_key(request: HttpRequest, action: str, now: float) -> str:
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"creations:{action}:{address}:{int(now // WINDOW_SECONDS)}"


def seconds_until_allowed(request: HttpRequest, action: str) -> int:
    """0 while this address may still create; else the seconds until the hour's window ends."""
    now = time.time()
    if (caches["shared"].get(_window_key(request, action, now)) or 0) < _limit(action):
        return 0
    return max(1, int(WINDOW_SECONDS - now % WINDOW_SECONDS))


def record_creation(request: HttpRequest, action: str) -> None:
    cache = caches["shared"]
    key = _window_key(request, action, time.time())
    # get + set rather than incr: the database cache's incr is not atomic either, and a count off
    # by one under a race does not matter for a limit meant to stop scripts.
    cache.set(key, (cache.get(key) or 0) + 1, WINDOW_SECONDS + 60)


def minutes(seconds: int) -> int:
    return (seconds + 59) // 60
