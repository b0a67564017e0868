"""How many accounts and evaluations one client address may create through the pages per hour.

Signing up and starting an evaluation need no account (an anonymous evaluation lives at its
unguessable link), so without a limit a script could fill the database with rows. The API has its
throttles; these are the pages' equivalent, on the same limiter (platform_survey/limits.py: one
atomic counter per address, action and hour in the shared ``limits`` store, so it adds up across
workers and servers).

``seconds_until_allowed`` *reserves* a creation atomically — the increment and the check are one
operation, so 80 concurrent starts against a limit of 60 create 60, not 76 — and returns 0, or the
seconds until the window ends (giving the reservation back). ``record_creation`` confirms it; a
reservation not confirmed by the end of the request (the form was invalid, nothing was created) is
given back by ``CreationLimitMiddleware``, so only successful creations count. Past the limit the
form re-renders with a message, status 429 and Retry-After; nothing is created.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from . import limits

WINDOW_SECONDS = 3600
_PENDING = "_creation_reservations"


def _limit(action: str) -> int:
    return {"signup": settings.SIGNUP_LIMIT_PER_HOUR, "evaluation": settings.EVALUATION_START_LIMIT_PER_HOUR}[action]


def _group(action: str) -> str:
    return f"creations:{action}"


def seconds_until_allowed(request: HttpRequest, action: str) -> int:
    """Reserve one creation for this address: 0 when allowed, else the seconds until the window ends."""
    pending = getattr(request, _PENDING, None)
    if pending is None:
        pending = {}
        setattr(request, _PENDING, pending)
    if action in pending:
        return 0  # already reserved in this request
    limit, address = _limit(action), limits.client_address(request)
    usage = limits.usage(_group(action), address, limit, WINDOW_SECONDS, increment=True)
    if usage.exceeded:
        if not usage.failed:
            limits.release(_group(action), address, limit, WINDOW_SECONDS)
        return usage.retry_after
    pending[action] = address
    return 0


def record_creation(request: HttpRequest, action: str) -> None:
    """The reserved creation happened: keep its count."""
    pending = getattr(request, _PENDING, {})
    if pending.pop(action, None) is None:  # created without a reservation: count it now
        limits.usage(_group(action), limits.client_address(request), _limit(action), WINDOW_SECONDS, increment=True)


def release_unused(request: HttpRequest) -> None:
    for action, address in getattr(request, _PENDING, {}).items():
        limits.release(_group(action), address, _limit(action), WINDOW_SECONDS)
    setattr(request, _PENDING, {})


class CreationLimitMiddleware:
    """Gives back reservations a view made but did not use (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        try:
            return self.get_response(request)
        finally:
            release_unused(request)


def minutes(seconds: int) -> int:
    return (seconds + 59) // 60
