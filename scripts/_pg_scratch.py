"""Create or drop a scratch PostgreSQL database for scripts/schemathesis.

_pg_scratch.py create postgres://user@host:5432/name   -> prints postgres://user@host:5432/name_schemathesis
_pg_scratch.py drop   postgres://user@host:5432/name_schemathesis
"""

from __future__ import annotations

import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def _admin_connection(url: str) -> psycopg.Connection:
    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres", query=""))
    return psycopg.connect(admin, autocommit=True)


def main(action: str, url: str) -> None:
    parts = urlsplit(url)
    if action == "create":
        name = parts.path.lstrip("/") + "_schemathesis"
        with _admin_connection(url) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(urlunsplit(parts._replace(path="/" + name)))
    elif action == "drop":
        name = parts.path.lstrip("/")
        if not name.endswith("_schemathesis"):
            raise SystemExit(f"refusing to drop {name!r}: not a scratch database")
        with _admin_connection(url) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
