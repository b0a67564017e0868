"""Security headers and cookies in production.

Settings are read once, at import, from the environment; so these tests start a separate Python
process with the production environment (DEBUG off, SECURE_SSL on, a real SECRET_KEY) and send
requests straight into the production WSGI application (platform_survey.wsgi) — every middleware as
deployed, behind a TLS-terminating proxy that sets X-Forwarded-Proto. The process migrates a fresh
SQLite file of its own and signs a user in, so that the session cookie is seen too.

One deviation from production, named here: static files are served under their plain names
instead of the fingerprinted ones (the manifest needs a 20-second collectstatic; file names do not
touch any header).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOST = "survey.example.com"

PROBE = r"""
import io, json, re, sys, wsgiref.util
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import django
from django.conf import settings

settings.STORAGES = {**settings.STORAGES,
                     "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
django.setup()
from django.core.management import call_command

call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)
from django.contrib.auth import get_user_model

get_user_model().objects.create_user("probe", password="probe-long-password-1")
from platform_survey.wsgi import application

HOST = sys.argv[1]
jar = {}
answers = {}


def request(label, method, path, *, form=None, https=True, extra=None):
    body = urlencode(form).encode() if form else b""
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "HTTP_HOST": HOST, "SERVER_NAME": HOST,
               "SERVER_PORT": "443" if https else "80", "REMOTE_ADDR": "127.0.0.1",
               "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body)),
               "CONTENT_TYPE": "application/x-www-form-urlencoded", **(extra or {})}
    if https:
        environ["HTTP_X_FORWARDED_PROTO"] = "https"
    if jar:
        environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in jar.items())
    wsgiref.util.setup_testing_defaults(environ)
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = int(status.split()[0]), headers

    chunks = application(environ, start_response)
    content = b"".join(chunks)
    getattr(chunks, "close", lambda: None)()
    for name, value in seen["headers"]:
        if name.lower() == "set-cookie":
            morsel = next(iter(SimpleCookie(value).values()))
            jar[morsel.key] = morsel.value
    answers[label] = {"status": seen["status"], "headers": seen["headers"], "body": content.decode("utf-8", "replace")}
    return answers[label]


def token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page["body"]).group(1)


origin = {"HTTP_ORIGIN": f"https://{HOST}"}
request("home", "GET", "/")
request("evaluations", "GET", "/evaluations/")
login = request("login page", "GET", "/accounts/login/")
request("sign in", "POST", "/accounts/login/",
        form={"username": "probe", "password": "probe-long-password-1", "csrfmiddlewaretoken": token(login)},
        extra=origin)
account = request("account page", "GET", "/accounts/")
request("language switch", "POST", "/i18n/setlang/",
        form={"language": "en", "next": "/", "csrfmiddlewaretoken": token(account)}, extra=origin)
request("signup page", "GET", "/accounts/signup/")
request("admin login", "GET", "/admin/login/")
request("not found", "GET", "/no-such-page/")
request("api root", "GET", "/api/v1/")
request("api list", "GET", "/api/v1/categories/")
request("api schema", "GET", "/api/schema/")
request("swagger", "GET", "/api/docs/")
request("redoc", "GET", "/api/redoc/")
request("plain http", "GET", "/evaluations/", https=False)
request("health over http", "GET", "/healthz", https=False)
# A client that is not the proxy (TRUSTED_PROXY) claims HTTPS: not believed.
request("forged proto", "GET", "/evaluations/", extra={"REMOTE_ADDR": "203.0.113.9"})
print(json.dumps(answers))
"""

PAGES = [
    "home", "evaluations", "login page", "account page", "signup page", "admin login", "not found", "swagger",
]  # fmt: skip
API = ["api root", "api list", "api schema"]
REDIRECTS = ["sign in", "language switch"]

# The policy every page gets (settings.SECURE_CSP), as the browser receives it.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict:
    """Each probe's status, headers (name → list of values, names lower-cased) and body."""
    # The browser tests allow async-unsafe calls in this process; the child must not inherit that,
    # nor the suite's PostgreSQL database.
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "platform_survey.settings",
        "DEBUG": "false",
        "SECURE_SSL": "true",
        # The requests below come from 127.0.0.1 as a TLS-terminating proxy's would.
        "TRUSTED_PROXY": "127.0.0.1",
        "SECRET_KEY": "p" * 30 + "-production-like-secret-key-for-the-probe-" + "q" * 20,
        "ALLOWED_HOSTS": HOST,
        "SQLITE_PATH": str(tmp_path_factory.mktemp("production") / "db.sqlite3"),
        "LOG_LEVEL": "ERROR",
    }
    completed = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", PROBE, HOST], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    answers = json.loads(completed.stdout.strip().splitlines()[-1])
    for answer in answers.values():
        headers: dict[str, list[str]] = {}
        for name, value in answer["headers"]:
            headers.setdefault(name.lower(), []).append(value)
        answer["headers"] = headers
    return answers


def header(answer: dict, name: str) -> str:
    values = answer["headers"].get(name.lower(), [])
    assert len(values) == 1, (name, values)
    return values[0]


def csp_directives(policy: str) -> dict[str, list[str]]:
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def cookies(answer: dict) -> dict[str, dict[str, str | bool]]:
    """Set-Cookie headers as {name: {attribute: value or True}} (attribute names lower-cased)."""
    found = {}
    for line in answer["headers"].get("set-cookie", []):
        first, *attributes = [part.strip() for part in line.split(";")]
        name, _, _value = first.partition("=")
        found[name] = {
            key.lower(): (value if sep else True)
            for key, sep, value in (attribute.partition("=") for attribute in attributes)
        }
    return found


def test_the_probes_got_the_answers_a_visitor_gets(production):
    statuses = {label: answer["status"] for label, answer in production.items()}

    assert statuses == {
        "home": 200, "evaluations": 200, "login page": 200, "sign in": 302, "account page": 200,
        "language switch": 302, "signup page": 302, "admin login": 200, "not found": 404, "api root": 200,
        "api list": 200, "api schema": 200, "swagger": 200, "redoc": 200, "plain http": 301, "health over http": 200,
        "forged proto": 301,
    }  # fmt: skip
    # Signed in, the sign-up page sends you to your account; the 404 is the site's page, no debug output.
    assert "Traceback" not in production["not found"]["body"]
    assert "DEBUG = True" not in production["not found"]["body"]


@pytest.mark.parametrize("label", PAGES + API + REDIRECTS)
def test_every_page_and_api_response_has_the_strict_content_security_policy(production, label):
    policy = header(production[label], "Content-Security-Policy")

    assert policy == PAGE_CSP
    assert "unsafe" not in policy
    assert csp_directives(policy)["frame-ancestors"] == ["'none'"]


def test_the_api_docs_pages_relax_only_styles_with_a_nonce_and_hashes(production):
    from platform_survey.api.views import REDOC_STYLE_HASHES

    policy = header(production["redoc"], "Content-Security-Policy")
    redoc = csp_directives(policy)
    page = csp_directives(PAGE_CSP)

    assert header(production["swagger"], "Content-Security-Policy") == PAGE_CSP
    assert "unsafe" not in policy
    style = redoc.pop("style-src")
    assert (style[0], style[1][:7], style[2:]) == ("'self'", "'nonce-", REDOC_STYLE_HASHES)
    # Redoc's search runs in a Web Worker that its own same-origin script builds from a blob.
    assert redoc.pop("worker-src") == ["'self'", "blob:"]
    page.pop("style-src")
    assert redoc == page


@pytest.mark.parametrize("label", [*PAGES, *API, *REDIRECTS, "redoc"])
def test_every_https_response_carries_the_hardening_headers(production, label):
    answer = production[label]

    assert header(answer, "Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"
    assert header(answer, "X-Content-Type-Options") == "nosniff"
    assert header(answer, "Referrer-Policy") == "same-origin"
    assert header(answer, "X-Frame-Options") == "DENY"
    assert header(answer, "Cross-Origin-Opener-Policy") == "same-origin"
    assert header(answer, "Cross-Origin-Resource-Policy") == "same-origin"
    policy = header(answer, "Permissions-Policy")
    assert "camera=()" in policy
    assert "geolocation=()" in policy
    assert "microphone=()" in policy
    assert "=*" not in policy


def test_session_and_csrf_cookies_are_secure_and_the_session_cookie_is_http_only(production):
    signed_in = cookies(production["sign in"])
    csrf = cookies(production["login page"])["csrftoken"]
    language = cookies(production["language switch"])["django_language"]
    session = signed_in["sessionid"]

    assert (session.get("secure"), session.get("httponly"), session.get("samesite")) == (True, True, "Lax")
    # The CSRF cookie is readable by script on purpose (CSRF_COOKIE_HTTPONLY = False; htmx takes the
    # token from the page's <meta>, so nothing needs it today). It is worthless without the page.
    assert (csrf.get("secure"), csrf.get("samesite")) == (True, "Lax")
    assert (language.get("secure"), language.get("httponly"), language.get("samesite")) == (True, True, "Lax")
    # Signing in rotates the CSRF token along with the session.
    assert signed_in["csrftoken"]["secure"] is True


def test_plain_http_is_redirected_to_https_except_the_health_probe(production):
    assert header(production["plain http"], "Location") == f"https://{HOST}/evaluations/"
    assert production["health over http"]["status"] == 200


def test_proxy_headers_from_a_client_that_is_not_the_proxy_are_ignored(production):
    # X-Forwarded-Proto: https from 203.0.113.9 (not TRUSTED_PROXY): still plain HTTP, so redirected.
    forged = production["forged proto"]
    assert forged["status"] == 301
    assert header(forged, "Location") == f"https://{HOST}/evaluations/"
    assert header(production["not found"], "Strict-Transport-Security")  # from the proxy: HTTPS
