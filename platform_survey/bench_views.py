"""A baseline for scripts/bench: a view that returns pre-built bytes through the full middleware
stack, so page timings can be compared with "Django doing nothing". Mounted only when the
BENCHMARK_VIEWS setting is on."""

from functools import cache

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

MAX_SIZE = 2_000_000


@cache
def _payload(size: int) -> bytes:
    return b"x" * size


@require_GET
def prebuilt_bytes(request: HttpRequest, size: int) -> HttpResponse:
    return HttpResponse(_payload(min(size, MAX_SIZE)), content_type="text/html; charset=utf-8")
