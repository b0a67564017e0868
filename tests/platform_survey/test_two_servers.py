"""Limits hold across workers and servers (issue 14, point 4).

Two gunicorn servers, two workers each, on loopback ports 8201 and 8202, against **one PostgreSQL
database** (``TWO_SERVERS_DATABASE_URL``, default ``postgres://postgres@127.0.0.1:5432/ps_hardening``,
dropped and created afresh) and **one Redis** (``TWO_SERVERS_REDIS_URL``, default
``redis://127.0.0.1:6379/5``, flushed). Requests alternate between the servers, many at once. Shown:

- the API throttle, the login lockout and the creation limits hold globally: allowed ≤ 1.05 × the
  configured limit (in fact exactly the limit);
- a curator's change made through one server is visible on the other on the very next request;
- a session made on one server works on the other.

Runs in the PostgreSQL pass of the suite (DATABASE_URL set, as in CI) or with TWO_SERVERS=1;
skipped, saying why, when PostgreSQL or Redis is not reachable. About a minute, most of it the
migration and the knowledge base load.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

import pytest

requests = pytest.importorskip("requests")

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("TWO_SERVERS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ps_hardening")
REDIS_URL = os.environ.get("TWO_SERVERS_REDIS_URL", "redis://127.0.0.1:6379/5")
PORTS = (8201, 8202)
SERVERS = [f"http://127.0.0.1:{port}" for port in PORTS]

API_RATE = 120  # per hour: no window boundary inside the test
LOGIN_LIMIT = 5
EVALUATION_LIMIT = 20
SIGNUP_LIMIT = 6
PASSWORD = "two-servers-long-password"

pytestmark = [
    pytest.mark.two_servers,
    pytest.mark.skipif(
        not (os.environ.get("DATABASE_URL") or os.environ.get("TWO_SERVERS")),
        reason="runs in the PostgreSQL pass (DATABASE_URL) or with TWO_SERVERS=1",
    ),
]


def _environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("API_", "PYTEST", "DJANGO_"))}
    env.update(
        DEBUG="false",
        SECRET_KEY="two-servers-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL="false",
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        API_ANON_RATE=f"{API_RATE}/hour",
        API_USER_RATE="100000/hour",
        LOGIN_FAILURE_LIMIT=str(LOGIN_LIMIT),
        EVALUATION_START_LIMIT_PER_HOUR=str(EVALUATION_LIMIT),
        SIGNUP_LIMIT_PER_HOUR=str(SIGNUP_LIMIT),
        WEB_CONCURRENCY="2",
        DJANGO_SETTINGS_MODULE="platform_survey.settings",
        PYTHONPATH=str(ROOT),
    )
    return env


def _reachable() -> str | None:
    try:
        import psycopg

        url = urlparse(DATABASE_URL)
        psycopg.connect(DATABASE_URL.replace(url.path, "/postgres"), connect_timeout=3).close()
    except Exception as exc:
        return f"PostgreSQL not reachable: {exc}"
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception as exc:
        return f"Redis not reachable: {exc}"
    return None


def _manage(env, *args, **kwargs):
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True, **kwargs
    )


@pytest.fixture(scope="module")
def servers():
    problem = _reachable()
    if problem:
        pytest.skip(problem)
    import psycopg
    import redis

    name = urlparse(DATABASE_URL).path.lstrip("/")
    assert name, "a database name"
    assert name != "platform_survey", "never the default database"
    with psycopg.connect(DATABASE_URL.replace("/" + name, "/postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(REDIS_URL).flushdb()

    env = _environment()
    _manage(env, "migrate", "--no-input", "-v0")
    _manage(env, "createcachetable")
    _manage(env, "collectstatic", "--no-input", "-v0")
    _manage(env, "load_knowledge_base")
    _manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model as g; U = g(); "
        f"U.objects.create_user('carol', password='{PASSWORD}'); "
        f"U.objects.create_user('curator', password='{PASSWORD}', is_staff=True, is_superuser=True); "
        f"U.objects.create_user('dora', password='{PASSWORD}')",
    )
    token = _manage(env, "issue_api_token", "curator").stdout.strip()

    processes = []
    log = open(Path(tempfile.gettempdir()) / "two-servers.log", "w")  # noqa: SIM115 - closed after the servers
    try:
        for port in PORTS:
            processes.append(
                subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "-c",
                        "gunicorn.conf.py",
                        "platform_survey.wsgi",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "2",
                        "--access-logfile",
                        "/dev/null",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=log,
                )
            )
        deadline = time.monotonic() + 60
        for base in SERVERS:
            while True:
                try:
                    if requests.get(base + "/healthz", timeout=5).status_code == 200:
                        break
                except requests.RequestException:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("the servers did not start")
                time.sleep(0.3)
        yield {"token": token, "database": DATABASE_URL}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


def _csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=10).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _sign_in(base: str, username: str, password: str) -> tuple[requests.Session, int]:
    session = requests.Session()
    token = _csrf(session, base + "/accounts/login/")
    response = session.post(
        base + "/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": base + "/accounts/login/"},
        allow_redirects=False,
        timeout=10,
    )
    return session, response.status_code


def _parallel(function, count: int) -> list:
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(function, range(count)))


def _rows(database: str, sql: str) -> int:
    import psycopg

    with psycopg.connect(database) as connection:
        return connection.execute(sql).fetchone()[0]


def test_a_session_made_on_one_server_works_on_the_other(servers):
    for first, second in (SERVERS, SERVERS[::-1]):
        session, status = _sign_in(first, "dora", PASSWORD)
        assert status == 302
        account = session.get(second + "/accounts/", allow_redirects=False, timeout=10)
        assert account.status_code == 200
        assert "dora" in account.text


def test_a_curators_change_through_one_server_shows_on_the_other_at_once(servers):
    token = {"Authorization": f"Token {servers['token']}", "Accept-Language": "en"}
    english = {"Accept-Language": "en"}
    reads = {
        "API (token)": ("/api/v1/technologies/kubernetes/", token),
        "API (anonymous, the fast lane)": ("/api/v1/technologies/kubernetes/", english),
        "page": ("/technologies/?layer=orchestration", english),
    }
    for round_, (writer, reader) in enumerate((SERVERS, SERVERS[::-1])):
        # Warm the reader's caches (both workers, very likely) so a stale copy would be there to serve.
        for _ in range(3):
            for path, headers in reads.values():
                requests.get(reader + path, headers=headers, timeout=10)
        summary = f"Changed through {writer}, round {round_}."
        response = requests.patch(
            writer + "/api/v1/technologies/kubernetes/", json={"summary_en": summary}, headers=token, timeout=10
        )
        assert response.status_code == 200, response.text
        for name, (path, headers) in reads.items():
            answer = requests.get(reader + path, headers=headers, timeout=10)
            assert answer.status_code == 200, name
            assert summary in answer.text, name


def test_evaluation_starts_are_limited_across_both_servers(servers):
    before = _rows(servers["database"], "SELECT count(*) FROM decisions_evaluation")

    def start(index: int) -> int:
        base = SERVERS[index % 2]
        session = requests.Session()
        token = _csrf(session, base + "/evaluations/new/")
        return session.post(
            base + "/evaluations/new/",
            data={"title": f"Concurrent {index}", "csrfmiddlewaretoken": token},
            headers={"Referer": base + "/evaluations/new/"},
            allow_redirects=False,
            timeout=20,
        ).status_code

    statuses = _parallel(start, 2 * EVALUATION_LIMIT + 20)
    created = _rows(servers["database"], "SELECT count(*) FROM decisions_evaluation") - before
    allowed = statuses.count(302)
    print(f"evaluation starts: {len(statuses)} sent, {allowed} allowed, {created} created, limit {EVALUATION_LIMIT}")
    assert set(statuses) <= {302, 429}
    assert allowed == created
    assert EVALUATION_LIMIT * 0.95 <= allowed <= EVALUATION_LIMIT * 1.05


def test_sign_ups_are_limited_across_both_servers(servers):
    def sign_up(index: int) -> int:
        base = SERVERS[index % 2]
        session = requests.Session()
        token = _csrf(session, base + "/accounts/signup/")
        return session.post(
            base + "/accounts/signup/",
            data={
                "username": f"new{index}",
                "email": f"new{index}@example.com",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": base + "/accounts/signup/"},
            allow_redirects=False,
            timeout=20,
        ).status_code

    statuses = _parallel(sign_up, 3 * SIGNUP_LIMIT)
    allowed = statuses.count(302)
    print(f"sign-ups: {len(statuses)} sent, {allowed} allowed, limit {SIGNUP_LIMIT}")
    assert set(statuses) <= {302, 429}
    assert SIGNUP_LIMIT * 0.95 <= allowed <= SIGNUP_LIMIT * 1.05


def _fresh_counters():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # only the limiter's counters live there


def test_the_api_throttle_holds_across_both_servers(servers):
    _fresh_counters()

    def read(index: int) -> int:
        return requests.get(SERVERS[index % 2] + "/api/v1/categories/", timeout=20).status_code

    statuses = _parallel(read, 3 * API_RATE)
    allowed = statuses.count(200)
    print(f"API reads: {len(statuses)} sent, {allowed} allowed, rate {API_RATE}/hour")
    assert set(statuses) <= {200, 429}
    assert API_RATE * 0.95 <= allowed <= API_RATE * 1.05


def test_the_login_lockout_holds_across_both_servers(servers):
    _fresh_counters()

    def attempt(index: int) -> int:
        # Look-alike spellings too: they count towards carol's one counter.
        username = ("carol", "ｃarol", "CAROL")[index % 3]
        return _sign_in(SERVERS[index % 2], username, "wrong-password")[1]

    statuses = _parallel(attempt, 8 * LOGIN_LIMIT)
    allowed = statuses.count(200)  # a wrong password answered normally, i.e. an attempt let through
    print(f"failed sign-ins: {len(statuses)} sent, {allowed} let through, limit {LOGIN_LIMIT}")
    assert set(statuses) <= {200, 429}
    assert allowed <= LOGIN_LIMIT * 1.05
    # Locked on both servers, even with the right password.
    for base in SERVERS:
        assert _sign_in(base, "carol", PASSWORD)[1] == 429
