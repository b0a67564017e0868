"""Proxy headers are trusted only from TRUSTED_PROXY (platform_survey/middleware.TrustedProxyMiddleware),
and the production bind defaults to loopback (gunicorn.conf.py)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from platform_survey.middleware import TrustedProxyMiddleware

ROOT = Path(__file__).resolve().parents[2]


def _seen(remote_addr: str, trusted: list[str], **headers) -> dict:
    seen = {}

    def view(request):
        seen.update(
            remote=request.META["REMOTE_ADDR"],
            proto=request.META.get("HTTP_X_FORWARDED_PROTO"),
            forwarded_for=request.META.get("HTTP_X_FORWARDED_FOR"),
            host=request.META.get("HTTP_X_FORWARDED_HOST"),
        )
        return HttpResponse()

    with override_settings(TRUSTED_PROXY=trusted):
        middleware = TrustedProxyMiddleware(view)
    middleware(RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers))
    return seen


FORGED = {
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_X_FORWARDED_FOR": "198.51.100.7",
    "HTTP_X_FORWARDED_HOST": "evil.example",
}


def test_no_proxy_configured_means_no_proxy_header_is_believed():
    seen = _seen("203.0.113.9", [], **FORGED)
    assert seen == {"remote": "203.0.113.9", "proto": None, "forwarded_for": None, "host": None}


def test_a_client_that_is_not_the_proxy_cannot_claim_https_or_another_address():
    seen = _seen("203.0.113.9", ["127.0.0.1"], **FORGED)
    assert seen == {"remote": "203.0.113.9", "proto": None, "forwarded_for": None, "host": None}


def test_the_trusted_proxy_sets_the_scheme_and_the_client_address():
    seen = _seen("127.0.0.1", ["127.0.0.1"], HTTP_X_FORWARDED_PROTO="https",
                 HTTP_X_FORWARDED_FOR="10.9.8.7, 198.51.100.7")  # fmt: skip
    # The last entry is the one the proxy itself added; earlier ones the client could have sent.
    assert seen["remote"] == "198.51.100.7"
    assert seen["proto"] == "https"


@pytest.mark.parametrize(
    ("environment", "bind", "forwarded"),
    [
        ({}, "127.0.0.1:8000", ""),
        ({"PORT": "9000"}, "127.0.0.1:9000", ""),
        ({"BIND": "unix:/run/ps.sock"}, "unix:/run/ps.sock", ""),
        ({"HOST": "0.0.0.0", "TRUSTED_PROXY": "10.0.0.2"}, "0.0.0.0:8000", "10.0.0.2"),  # noqa: S104
    ],
)
def test_gunicorn_binds_loopback_and_trusts_no_proxy_by_default(monkeypatch, environment, bind, forwarded):
    for name in ("BIND", "HOST", "PORT", "TRUSTED_PROXY", "FORWARDED_ALLOW_IPS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["bind"] == bind
    assert config["forwarded_allow_ips"] == forwarded
