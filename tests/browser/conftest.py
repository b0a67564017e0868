"""Browser tests: Playwright driving Debian's Chromium against a live server with the real knowledge base.

The live server is started once per session by hand (Django's LiveServerThread) rather than with
pytest-django's ``live_server`` fixture: that fixture makes every test transactional, and the flush
after each test would wipe the knowledge base that the whole session loads once. These tests only
read (marked ``django_db`` only so that the session's test database is set up), so the server
simply serves that database (on SQLite, through the same in-memory connection, as Django's
LiveServerTestCase does).

Every page a test opens is watched: a console error, an uncaught exception or a Content-Security-
Policy violation fails the test. Screenshots go to test-artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Reports a CSP violation on the console even where Chromium would only count it. Init scripts run
# through DevTools, so the page's CSP does not block this one.
CSP_WATCH = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture(scope="session")
def live_url(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The base URL of a live server over the session's test database."""
    with django_db_blocker.unblock():
        shared = {conn.alias: conn for conn in connections.all() if conn.vendor == "sqlite" and conn.is_in_memory_db()}
        for conn in shared.values():
            conn.inc_thread_sharing()
        server = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override=shared, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
    yield f"http://127.0.0.1:{server.port}"
    with django_db_blocker.unblock():
        server.terminate()
        for conn in shared.values():
            conn.dec_thread_sharing()
        _disconnect_server_connections()


def _disconnect_server_connections(timeout: float = 3.0) -> None:
    """On PostgreSQL, make sure no connection the live server opened outlives it, so that the test
    database can be dropped: wait for the request threads to close theirs, then end any that
    linger (a keep-alive request thread can leave one behind when the browser goes away)."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return
    others = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(f"SELECT count(*) {others}")
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)
        cursor.execute(f"SELECT pg_terminate_backend(pid) {others}")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium per test process, closed at the end of the session.

    Every browser test lives in this package and uses this one definition: a module elsewhere that
    imported it got an instance of its own, and a second Playwright starting while the first was alive
    is refused by the sync API ("inside the asyncio loop").

    Playwright's sync API keeps its event loop registered on this thread while it runs, so Django's
    async-safety check would refuse the test transaction's own database calls. Nothing async runs
    here, so the check is switched off for exactly as long as the browser lives.
    """
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; scripts/test installs it.")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Watched:
    """A page plus everything that went wrong on it."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))
        page.on("response", self._response)

    def _console(self, message) -> None:
        # "Failed to load resource" repeats what _response() checks, and is also logged for a
        # page that is meant to be a 404.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console error on {self.page.url}: {message.text}")

    def _response(self, response) -> None:
        # Every asset must load; only the page itself may be a 404 (the 404 test asks for one).
        if response.status >= 400 and response.request.resource_type != "document":
            self.problems.append(f"{response.status} for {response.url}")

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=path, full_page=True)
        return path


def _context(browser, live_url: str, language: str, **options):
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(base_url=live_url, **options)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_url}])
    context.add_init_script(CSP_WATCH)
    return context


@pytest.fixture(params=["zh-hans", "en"])
def language(request) -> str:
    return request.param


@pytest.fixture
def watched(browser, live_url) -> Iterator[callable]:
    """``watched(language)`` → a Watched page in a fresh context with that language chosen."""
    contexts = []

    def open_page(language: str = "zh-hans", **options) -> Watched:
        context = _context(browser, live_url, language, **options)
        contexts.append(context)
        return Watched(context.new_page(), live_url)

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def live_writes(live_url):
    """On SQLite, let the live server write: hand it this test's connection for the test's length.

    The session's live server (conftest.py) shares the in-memory database's connection as it was
    when the server started; but once Playwright runs, the test body sees another connection object
    (its greenlets run in their own context), and that is where the test transaction lives. Two
    connections then share the in-memory database, the test's holds the write lock (transactions
    begin IMMEDIATE) and every write the server tries fails with "database table is locked". With
    the test's own connection the server's writes happen inside the test transaction and are rolled
    back with it, as in Django's LiveServerTestCase.
    """
    connection = connections["default"]
    if connection.vendor == "postgresql":
        yield from _removing_committed_evaluations(connection)
        return
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    server = next(thread for thread in threading.enumerate() if isinstance(thread, LiveServerThread))
    previous = server.connections_override.get(connection.alias)
    connection.inc_thread_sharing()
    server.connections_override[connection.alias] = connection
    try:
        yield
    finally:
        server.connections_override[connection.alias] = previous
        # Request threads still open (browser keep-alive) hold the connection until they end.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(
            "process_request_thread" in thread.name for thread in threading.enumerate()
        ):
            time.sleep(0.05)
        connection.dec_thread_sharing()


def _removing_committed_evaluations(connection):
    """On PostgreSQL the live server writes through its own connections, so what it saves is
    committed and outlives the test's rolled-back transaction. Remove the evaluations it created,
    their results and the shared cache's counters through a connection of our own (autocommit),
    so that later tests start from empty tables. DELETE only takes row locks, so the test
    transaction still open on ``connection`` does not block it."""
    from django.db.models import Max

    from decisions.models import Evaluation

    last_before = Evaluation.objects.aggregate(last=Max("id"))["last"] or 0
    yield
    cleaner = connections.create_connection(connection.alias)
    try:
        with cleaner.cursor() as cursor:
            cursor.execute("DELETE FROM decisions_result WHERE evaluation_id > %s", [last_before])
            cursor.execute("DELETE FROM decisions_evaluation WHERE id > %s", [last_before])
            cursor.execute("DELETE FROM django_cache")  # the shared cache: creation counters
    finally:
        cleaner.close()


@pytest.fixture
def accounts(live_writes) -> Iterator[callable]:
    """``accounts(page, username)`` signs up in the browser (tests/browser/accounts.py); every
    account made so is removed after the test (on PostgreSQL the live server committed it)."""
    from .accounts import PASSWORD, remove_committed_accounts, sign_up

    made: list[str] = []

    def sign_up_and_remember(page, username: str, password: str = PASSWORD) -> None:
        made.append(username)
        sign_up(page, username, password)

    yield sign_up_and_remember
    remove_committed_accounts(made)
