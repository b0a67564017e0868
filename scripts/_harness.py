"""Shared pieces of the load scripts (scripts/bench, scripts/faults): scratch PostgreSQL databases,
management commands, a gunicorn server on loopback, and wrk runs that report back in JSON.

Not a module of the app: the scripts import it from their own directory.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG = "postgres://postgres@127.0.0.1:5432"

# The evaluation the benchmarks POST: a typical questionnaire (a context and eight requirements);
# scripts/bench-engine also times the engine on it beside the full questionnaire.
EVALUATION_BODY = {
    "title": "Benchmark",
    "answers": {
        "hosts": "500_5000",
        "environment": "private_cloud",
        "workloads": ["stateless", "databases"],
        "autoscaling": "must",
        "rolling_update": "should",
        "network_policy": "must",
        "cross_host_networking": "must",
        "persistent_volumes": "should",
        "centralized_logging": "must",
        "metrics_monitoring": "must",
        "registry_ha": "should",
    },
}


def run(args: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)  # noqa: S603 - fixed commands


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str, quiet: bool = True) -> str:
    result = run([PYTHON, "manage.py", *args], env, capture_output=True, text=True)
    if not quiet:
        sys.stdout.write(result.stdout)
    return result.stdout


def psql(sql: str, database: str = "postgres") -> str:
    """Run SQL as the postgres user on the loopback server; returns psql's unaligned output."""
    completed = subprocess.run(  # noqa: S603
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql],  # noqa: S607
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return completed.stdout.strip()


def recreate_database(name: str) -> str:
    """Drop (disconnecting any client) and create an empty database; returns its DATABASE_URL."""
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{name}"')
    return f"{PG}/{name}"


def drop_database(name: str) -> None:
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    """gunicorn (gunicorn.conf.py) on a free loopback port, started in its own session; entering
    waits until /readyz answers 200, leaving stops the master and its workers.

    ``log`` is the file that receives gunicorn's and the app's output; the access log goes there
    too when ``access_log`` is true (one line per request), else to /dev/null."""

    def __init__(self, env: dict, *, access_log: bool = False, prefix: str = "bench-gunicorn-"):
        self.env = env
        self.access_log = access_log
        self.prefix = prefix
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        env = {**self.env, "PORT": str(self.port), "HOST": "127.0.0.1"}
        self.log = open(tempfile.mktemp(prefix=self.prefix, suffix=".log"), "w")  # noqa: S306
        access = ["--access-logfile", "-"] if self.access_log else ["--access-logfile", "/dev/null"]
        self.process = subprocess.Popen(  # noqa: S603
            [GUNICORN, "-c", "gunicorn.conf.py", *access, "platform_survey.wsgi"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url("/readyz"), timeout=2) as response:  # noqa: S310 - loopback
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not become ready; see {self.log.name}")

    def __exit__(self, *exc) -> None:
        if self.process:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
            self.log.close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def worker_pids(self) -> list[int]:
        """The master's children (its workers), read from /proc (Linux)."""
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        return sorted(int(pid) for pid in children.split())

    def log_text(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")


def wrk_json(
    url: str, script: str, *, threads: int, connections: int, duration: float, headers=(), timeout: float = 2
) -> dict:
    """Run wrk with a Lua script whose done() writes one line "WRKJSON {...}" to stderr; return that
    JSON. ``headers`` are extra "Name: value" strings; ``timeout`` is wrk's per-request timeout."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    header_args = [arg for header in headers for arg in ("-H", header)]
    try:
        command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", f"--timeout={timeout}s", "--latency"]
        command += [*header_args, "-s", handle.name, url]
        completed = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    finally:
        os.unlink(handle.name)
    line = next(line for line in completed.stderr.splitlines() if line.startswith("WRKJSON "))
    return json.loads(line.removeprefix("WRKJSON "))
